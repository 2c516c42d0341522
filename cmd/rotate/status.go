package main

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// statusJSON is what snooze, archive and unarchive print with --json.
type statusJSON struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Status string `json:"status"`
	Due    any    `json:"due"`
}

func (a *app) snoozeCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "snooze WHO DATE",
		Short: "Move the next call to another date (words work: next friday, in 2 weeks)",
		Long: `Move a contact's next call to DATE, kept exactly as given even on a day
off. DATE is YYYY-MM-DD or words, quoted or not: today, tomorrow, fri,
next friday, in 2 weeks, +3d, mar 3.`,
		Example: `  rotate snooze jane next friday
  rotate snooze 12 "in 2 weeks"`,
		Args: usageArgs(cobra.MinimumNArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				typed, cal, err := typedDate(ctx, s, "snooze", strings.Join(args[1:], " "), today)
				if err != nil {
					return err
				}
				d := typed.Date
				c, err := s.Find(ctx, args[0])
				if err != nil {
					return err
				}
				name := printableLine(c.Name)
				if c.Status != rotation.Active {
					return usagef("%s is %s, so no call is planned; %s", name, c.Status, resumeHint(c))
				}
				if d < today {
					return usagef("%s is in the past; snooze moves the next call to today or later", d)
				}
				if err := s.SetDue(ctx, c.ID, d); err != nil {
					return err
				}
				if asJSON {
					return a.out.json(statusJSON{c.ID, c.Name, string(c.Status), d.String()})
				}
				o := a.out
				when := "today"
				if n := today.DaysUntil(d); n > 0 {
					when = "in " + rotation.Plural(n, "day")
				}
				o.printf("Snoozed %s to %s, %s.\n", o.bold.Render(name), o.accent.Render(d.Short(today)), when)
				a.dateNote(typed, today, cal)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) archiveCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "archive WHO",
		Short: "Take a contact out of the rotation (rotate unarchive brings them back)",
		Args:  usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				c, err := s.Find(ctx, strings.Join(args, " "))
				if err != nil {
					return err
				}
				o := a.out
				name := o.bold.Render(printableLine(c.Name))
				if c.Status != rotation.Archived {
					if err := s.SetStatus(ctx, c.ID, rotation.Archived, 0); err != nil {
						return err
					}
				}
				if asJSON {
					return a.out.json(statusJSON{c.ID, c.Name, string(rotation.Archived), nil})
				}
				if c.Status == rotation.Archived {
					o.printf("%s (#%d) was already archived.\n", name, c.ID)
					return nil
				}
				o.printf("Archived %s (#%d); their history is kept. rotate unarchive %d brings them back.\n", name, c.ID, c.ID)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) unarchiveCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "unarchive WHO",
		Short: "Put an archived or paused contact back in the rotation, due today",
		Args:  usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				c, err := s.Find(ctx, strings.Join(args, " "))
				if err != nil {
					return err
				}
				due := c.Due
				if c.Status != rotation.Active {
					set, err := s.Settings(ctx)
					if err != nil {
						return err
					}
					due = set.Calendar().OnOrAfter(today)
					if err := s.SetStatus(ctx, c.ID, rotation.Active, due); err != nil {
						return err
					}
				}
				if asJSON {
					return a.out.json(statusJSON{c.ID, c.Name, string(rotation.Active), dateJSON(due)})
				}
				o := a.out
				name := o.bold.Render(printableLine(c.Name))
				if c.Status == rotation.Active {
					o.printf("%s (#%d) is already in the rotation, next call %s.\n", name, c.ID, due.Short(today))
					return nil
				}
				o.printf("%s (#%d) is back in the rotation, next call %s.\n", name, c.ID, o.accent.Render(due.Short(today)))
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
