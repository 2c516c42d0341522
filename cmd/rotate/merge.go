package main

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// refuseDuplicate is add's check: a contact whose phone number (as
// E.164; with no region from --region or the locale, a number without a
// country code also by its national digits) or e-mail is already in the
// book is refused, naming the contact that has it.
func (a *app) refuseDuplicate(ctx context.Context, s *store.Store, c rotation.Contact, flag string, given bool) error {
	region, err := a.region(flag, given)
	if err != nil {
		return err
	}
	dups, err := s.Duplicates(ctx, c, region)
	if err != nil || len(dups) == 0 {
		return err
	}
	d := dups[0]
	return usagef("%s (#%d) already has this phone number or e-mail; rotate merge can join them later, or add --allow-duplicate to add a second contact",
		printableLine(d.Name), d.ID)
}

// warnDuplicate is edit's check of the numbers it adds: another contact
// with one of them is named on stderr (the edit stands).
func (a *app) warnDuplicate(ctx context.Context, s *store.Store, before, after rotation.Contact, flag string, given bool) error {
	region, err := a.region(flag, given)
	if err != nil {
		return err
	}
	added := rotation.Contact{ID: after.ID}
	for _, p := range after.Phones {
		if !slices.ContainsFunc(before.Phones, func(q rotation.Phone) bool { return q.Number == p.Number }) {
			added.Phones = append(added.Phones, p)
		}
	}
	if len(added.Phones) == 0 {
		return nil
	}
	dups, err := s.Duplicates(ctx, added, region)
	if err != nil || len(dups) == 0 {
		return err
	}
	fmt.Fprintf(a.stderr, "rotate: note: %s (#%d) has this phone number too; rotate merge can join them\n", printableLine(dups[0].Name), dups[0].ID)
	return nil
}

// mergeJSON is what rotate merge prints with --json.
type mergeJSON struct {
	Kept      int64    `json:"kept"`
	Removed   int64    `json:"removed"`
	Calls     int64    `json:"calls"`
	FollowUps int64    `json:"followups"`
	Added     []string `json:"added"`
	Due       any      `json:"due"`
}

func (a *app) mergeCommand() *cobra.Command {
	var yes, asJSON bool
	cmd := &cobra.Command{
		Use:   "merge WHO INTO [--yes]",
		Short: "Merge a duplicate contact into another one",
		Long: `Merge the contact WHO into the contact INTO: its calls, follow-ups,
drafts, phone numbers, e-mail, tags and profile move over (INTO's values
win where both have one; a number INTO has already is not added twice),
and WHO is removed. INTO's schedule is what the newest call of the two
gives it, as if that call had been logged on INTO. Each moved call keeps
a version in its history of changes.`,
		Example: `  rotate merge "J. Doe" "Jane Doe"
  rotate merge 14 3 --yes`,
		Args: usageArgs(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			region, err := a.region("", false)
			if err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				from, err := s.Find(ctx, args[0])
				if err != nil {
					return err
				}
				into, err := s.Find(ctx, args[1])
				if err != nil {
					return err
				}
				if from.ID == into.ID {
					return usagef("%q and %q are the same contact (#%d)", args[0], args[1], from.ID)
				}
				fromName, intoName := printableLine(from.Name), printableLine(into.Name)
				if !yes {
					if asJSON || !a.interactive() {
						return usagef("rotate merge asks first; add --yes to merge %s into %s without asking", fromName, intoName)
					}
					if !a.confirm(fmt.Sprintf("Merge %s (#%d) into %s (#%d)? %s is removed.", fromName, from.ID, intoName, into.ID, fromName)) {
						a.out.printf("%s\n", a.out.dim.Render("Nothing changed."))
						return nil
					}
				}
				res, err := s.Merge(ctx, from.ID, into.ID, region)
				if err != nil {
					return err
				}
				if asJSON {
					added := res.Changes
					if added == nil {
						added = []string{}
					}
					return a.out.json(mergeJSON{res.Kept, res.Removed, res.Calls, res.FollowUps, added, dateJSON(res.KeptDue)})
				}
				o := a.out
				o.printf("Merged %s (#%d) into %s (#%d): %s and %s moved", fromName, from.ID, o.bold.Render(intoName), into.ID,
					rotation.Plural(int(res.Calls), "call"), rotation.Plural(int(res.FollowUps), "follow-up"))
				if len(res.Changes) > 0 {
					o.printf("; %s gained %s", intoName, printable(strings.Join(res.Changes, ", ")))
				}
				o.printf(".\n")
				switch {
				case res.KeptDue.IsZero():
				case res.KeptDue == into.Due:
					o.printf("Next call with %s: %s, as before.\n", intoName, o.accent.Render(res.KeptDue.Short(today)))
				default:
					// The merged calls can hold a newer one, which then plans
					// the next call.
					o.printf("Next call with %s: %s (was %s; the newest call now plans it).\n", intoName,
						o.accent.Render(res.KeptDue.Short(today)), into.Due.Short(today))
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "merge without asking")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
