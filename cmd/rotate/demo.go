package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"rotate/store"
)

func (a *app) demoCommand() *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "demo",
		Short: "Try rotate on a throw-away sample book of about forty clients",
		Long: `Open the interactive view on a throw-away book filled with a sample
practice: about forty clients across tiers and every kind of cadence, a year
of calls with notes and follow-ups, some overdue and some unreachable.
Nothing touches your own book. With --out the sample book is written to a
file instead, for trying the other commands on it.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			path := out
			if path == "" {
				dir, err := os.MkdirTemp("", "rotate-demo-")
				if err != nil {
					return err
				}
				defer os.RemoveAll(dir)
				path = filepath.Join(dir, "demo.db")
			} else {
				book, _ := a.dbPath()
				if err := store.CheckOutFile(path, book); err != nil {
					return err
				}
				if _, err := os.Lstat(path); err == nil {
					return usagef("%s already exists; pick a new file for the sample book", path)
				}
			}
			if err := a.writeDemoBook(ctx, path); err != nil {
				return err
			}
			if out != "" {
				a.out.printf("Sample book written to %s\nTry: rotate --db %s today\n", path, path)
				return nil
			}
			return a.openTUI(ctx, path)
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "write the sample book to `FILE` instead of opening it")
	return cmd
}

// writeDemoBook creates the sample book at path. Its commits skip fsync:
// the book is a throw-away.
func (a *app) writeDemoBook(ctx context.Context, path string) error {
	today, err := a.today()
	if err != nil {
		return err
	}
	s, err := store.Open(ctx, path, store.Options{Now: a.now, NoSync: true})
	if err != nil {
		return err
	}
	defer s.Close()
	if err := buildDemoBook(ctx, s, today); err != nil {
		return fmt.Errorf("build the sample book: %w", err)
	}
	return nil
}
