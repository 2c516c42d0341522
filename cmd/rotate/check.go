package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

func (a *app) checkCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Check the book for damage",
		Long: `check runs a full integrity check of the book and changes nothing. It
prints one line per problem and exits 1 when it finds any, 0 when the book
is healthy. On a SQLite book it runs SQLite's integrity_check and
foreign_key_check; on a team book, whose files the PostgreSQL server looks
after, it checks the schema version and that every table reads.

A damaged book is best replaced by the newest good backup (rotate backup
makes them; see rotate backup --help to restore one).`,
		Example: `  rotate check
  rotate check --json`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			s, err := a.open(ctx)
			if errors.Is(store.Explain(err), store.ErrDamaged) {
				// Too damaged to open: that is the one problem to report.
				a.out.printf("%s\n", printableLine(withAdvice(err).Error()))
				return fmt.Errorf("the book is damaged and cannot be opened; restore it from your newest good backup (rotate backup --help says how)")
			}
			if err != nil {
				return err
			}
			defer s.Close()
			return func(ctx context.Context, s *store.Store) error {
				r, err := s.Check(ctx)
				if err != nil {
					return err
				}
				if asJSON {
					if err := a.out.json(r); err != nil {
						return err
					}
				} else if r.Healthy() {
					a.out.printf("%s is healthy (%s).\n", printable(s.Path()), strings.Join(r.Checks, ", "))
					if r.Note != "" {
						a.out.printf("Not checked: %s.\n", r.Note)
					}
				} else {
					for _, p := range r.Problems {
						a.out.printf("%s\n", printableLine(p))
					}
				}
				if !r.Healthy() {
					return fmt.Errorf("%s is damaged: %s; restore it from your newest good backup (rotate backup --help says how)", s.Path(), rotation.Plural(len(r.Problems), "problem"))
				}
				return nil
			}(ctx, s)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON: {book, backend, checks, problems, note}")
	return cmd
}
