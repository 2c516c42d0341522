package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// forgetJSON is what rotate forget prints with --json.
type forgetJSON struct {
	ContactID int64         `json:"contact_id"`
	Removed   forgetRemoved `json:"removed"`
}

type forgetRemoved struct {
	Calls     int64 `json:"calls"`
	FollowUps int64 `json:"followups"`
	Drafts    int64 `json:"drafts"`
	Revisions int64 `json:"revisions"`
}

func (a *app) forgetCommand() *cobra.Command {
	var yes, asJSON bool
	cmd := &cobra.Command{
		Use:   "forget WHO [--yes]",
		Short: "Erase a person and everything about them (asks for the name typed back)",
		Long: `Erase a person: the contact, every call, note, follow-up, draft (also
those kept on this computer), the history of changes and the search
index entries about them. On a personal book no byte of it stays
readable in the database files afterwards. A hash of their phone numbers
and e-mail address is kept, so that a later import skips them and says so
(rotate import --include-forgotten imports them again).

Backups made earlier still hold them. On a team book only an owner may
forget; PostgreSQL frees the removed rows' space for reuse but may keep
their bytes in its files and logs until it is reused.

It asks for the contact's name typed back; --yes is for scripts.`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			region, err := a.region("", false)
			if err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				c, err := s.Find(ctx, strings.Join(args, " "))
				if err != nil {
					return err
				}
				name := printableLine(c.Name)
				if !yes {
					if asJSON || !a.interactive() {
						return usagef("rotate forget erases %s for good and asks first; add --yes to do it without asking", name)
					}
					a.out.printf("This erases %s (#%d) and everything about them: calls, notes, follow-ups, drafts and the history of changes.\n", a.out.bold.Render(name), c.ID)
					a.out.printf("Backups made earlier still hold them.\nType the name to confirm: ")
					line, _ := bufio.NewReader(a.stdin).ReadString('\n')
					if strings.TrimSpace(line) != strings.TrimSpace(c.Name) {
						a.out.printf("%s\n", a.out.dim.Render("The name did not match; nothing changed."))
						return nil
					}
				}
				res, err := s.Forget(ctx, c.ID, region)
				if err != nil {
					return err
				}
				// Drafts kept on this computer while a team book was away.
				if err := os.Remove(localDraftPath(a.localDraftDir(), s.Path(), c.ID)); err == nil {
					res.Drafts++
				} else if !errors.Is(err, os.ErrNotExist) {
					return fmt.Errorf("remove the draft kept on this computer: %w", err)
				}
				if asJSON {
					return a.out.json(forgetJSON{ContactID: c.ID, Removed: forgetRemoved{res.Calls, res.FollowUps, res.Drafts, res.Revisions}})
				}
				o := a.out
				o.printf("Forgot %s (#%d): %s, %s, %s and %s removed.\n", o.bold.Render(name), c.ID,
					rotation.Plural(int(res.Calls), "call"), rotation.Plural(int(res.FollowUps), "follow-up"),
					rotation.Plural(int(res.Drafts), "draft"), rotation.Plural(int(res.Revisions), "earlier version"))
				if res.Tombstones > 0 {
					o.printf("Their phone and e-mail are kept only as a hash, so imports skip them (--include-forgotten imports them again).\n")
				}
				o.printf("%s\n", o.warn.Render("Backups made before now still hold them."))
				if s.IsTeam() {
					o.printf("%s\n", o.dim.Render("PostgreSQL frees the space for reuse, but its files and logs may keep the bytes until then."))
				}
				if res.WALBusy {
					o.printf("%s\n", o.warn.Render("Another rotate has the book open: its journal is emptied once every rotate using the book is closed."))
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "erase without asking")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
