package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"rotate/rotation"
	"rotate/store"
)

func (a *app) editCommand() *cobra.Command {
	var (
		f                     contactFlags
		name, override, until string
		asJSON                bool
	)
	cmd := &cobra.Command{
		Use:   "edit WHO [flags]",
		Short: "Change a contact; --override RULE --until DATE sets a temporary cadence",
		Long: `Change a contact. Only the flags given change; --phone and --tag replace
the whole list (repeat them for several, or give "" to clear).

--override RULE --until DATE sets a temporary cadence (intensive care during
a project) after which the base rule resumes; --override none ends it. A new
cadence recomputes the next call from the last conversation (a contact never
reached keeps its first call unless the new rule calls sooner); --every ''
makes the contact follow its tier's cadence. Only the fields given are
written, and the edit is refused if the contact changed meanwhile in a way
that conflicts (a call logged in another terminal, by a colleague).
Changing the numbers of a contact paused by a wrong number puts them back
in the rotation, due on today's first workday. --note records a note
in their history.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			fl := cmd.Flags()
			changes := 0
			fl.Visit(func(f *pflag.Flag) {
				if f.Name != "json" && f.Name != "db" && f.Name != "region" {
					changes++
				}
			})
			if changes == 0 {
				return usagef("nothing to change: give a flag such as --phone, --tier, --every or --override (rotate edit --help)")
			}
			if fl.Changed("name") {
				var err error
				if name, err = lineArg("--name", name); err != nil {
					return err
				}
				if name == "" {
					return usagef("--name: a contact needs a name")
				}
			}
			clearOverride := fl.Changed("override") && strings.EqualFold(strings.TrimSpace(override), "none")
			var newOverride rotation.Rule
			switch {
			case clearOverride && fl.Changed("until"):
				return usagef("--until goes with an override rule; --override none ends the override")
			case fl.Changed("override") && !clearOverride:
				r, err := rotation.ParseRule(override)
				if err != nil {
					return fmt.Errorf("--override: %w", err)
				}
				if !fl.Changed("until") {
					return usagef("--override needs --until DATE, the last day of the temporary rule (or --override none to end one)")
				}
				newOverride = r
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				before, err := s.Find(ctx, args[0])
				if err != nil {
					return err
				}
				after := before
				if err := f.apply(cmd, &after); err != nil {
					return err
				}
				if fl.Changed("name") {
					after.Name = strings.TrimSpace(name)
				}
				if clearOverride {
					after.Override, after.OverrideUntil = rotation.Rule{}, 0
				} else if !newOverride.IsZero() {
					after.Override = newOverride
				}
				if fl.Changed("until") {
					if after.Override.IsZero() {
						return usagef("--until needs an override rule: --override RULE --until DATE")
					}
					d, err := parseDate("--until", until, today)
					if err != nil {
						return err
					}
					if d < today {
						return usagef("--until %s is in the past; the override would never apply", d)
					}
					after.OverrideUntil = d
				}
				after, err = s.AfterEdit(ctx, before, after, today)
				if err != nil {
					return err
				}
				due, ok, dueNote, err := f.dueDate(ctx, cmd, s, today)
				if err != nil {
					return err
				} else if ok {
					if after.Status != rotation.Active {
						return usagef("%s is %s; %s first, then set --due", cleanLine(before.Name), after.Status, resumeHint(after))
					}
					after.Due = due
				}
				if _, err := a.region(f.region, fl.Changed("region")); err != nil {
					return err // a bad --region changes nothing
				}
				if err := s.UpdateContactWithNote(ctx, before, after, strings.TrimSpace(textArg(f.note)), a.now(), today); err != nil {
					return err
				}
				if fl.Changed("phone") {
					if err := a.warnDuplicate(ctx, s, before, after, f.region, fl.Changed("region")); err != nil {
						return err
					}
				}
				if cmd.Flags().Changed("due") {
					if err := s.KeepDue(ctx, after.ID, after.Due); err != nil {
						return err
					}
				}
				if asJSON {
					saved, err := s.Contact(ctx, after.ID)
					if err != nil {
						return err
					}
					return a.out.json(newContactJSON(saved))
				}
				a.printEdited(before, after, f.note != "", today)
				dueNote(a)
				return nil
			})
		},
	}
	f.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&name, "name", "", "a new name")
	fl.StringVar(&override, "override", "", "a temporary cadence `RULE` (with --until), or none to end it")
	fl.StringVar(&until, "until", "", "the last `DATE` of the override (words work: mar 31, in 6 weeks)")
	fl.BoolVar(&asJSON, "json", false, "print the contact as JSON")
	fl.Lookup("note").Usage = "a note to add to their history"
	return cmd
}

// resumeHint says how to bring a contact back into the rotation.
func resumeHint(c rotation.Contact) string {
	if c.Status == rotation.Paused && c.LastOutcome == rotation.WrongNumber {
		return fmt.Sprintf("fix the number (rotate edit %d --phone NUMBER) or resume them (rotate unarchive %d)", c.ID, c.ID)
	}
	return fmt.Sprintf("resume them (rotate unarchive %d)", c.ID)
}

// printEdited says what the edit changed, field by field.
func (a *app) printEdited(before, after rotation.Contact, noted bool, today rotation.Date) {
	o := a.out
	var rows [][]string
	diff := func(label, was, now string) {
		if was != now {
			if was == "" {
				was = "none"
			}
			if now == "" {
				now = o.dim.Render("none")
			}
			rows = append(rows, []string{"  " + label, now, o.dim.Render("was " + was)})
		}
	}
	phones := func(c rotation.Contact) string {
		var ps []string
		for _, p := range c.Phones {
			s := rotation.PhoneText(p.Number)
			if p.Label != "" {
				s += " (" + p.Label + ")"
			}
			ps = append(ps, s)
		}
		return cleanLine(strings.Join(ps, ", "))
	}
	next := func(c rotation.Contact) string {
		if c.Status != rotation.Active {
			return string(c.Status)
		}
		return c.Due.Short(today)
	}
	diff("name", cleanLine(before.Name), cleanLine(after.Name))
	diff("phones", phones(before), phones(after))
	diff("email", cleanLine(before.Email), cleanLine(after.Email))
	diff("company", cleanLine(before.Company), cleanLine(after.Company))
	diff("tier", before.Tier, after.Tier)
	diff("cadence", before.RuleLabel(today), after.RuleLabel(today))
	diff("next call", next(before), next(after))
	diff("birthday", rotation.BirthdayText(before.Birthday), rotation.BirthdayText(after.Birthday))
	diff("tags", cleanLine(strings.Join(before.Tags, ", ")), cleanLine(strings.Join(after.Tags, ", ")))
	diff("family", cleanLine(before.Family), cleanLine(after.Family))
	diff("occupation", cleanLine(before.Occupation), cleanLine(after.Occupation))
	diff("recreation", cleanLine(before.Recreation), cleanLine(after.Recreation))
	diff("message", cleanLine(before.Message), cleanLine(after.Message))

	name := o.bold.Render(cleanLine(after.Name))
	switch {
	case len(rows) == 0 && noted:
		o.printf("Added a note to %s (#%d).\n", name, after.ID)
		return
	case len(rows) == 0:
		o.printf("Nothing changed for %s (#%d).\n", name, after.ID)
		return
	}
	o.printf("Saved %s (#%d).\n", name, after.ID)
	o.table(rows, o.dimFirst)
	if noted {
		o.printf("  %s\n", o.dim.Render("note added to the history"))
	}
	if before.Status == rotation.Paused && after.Status == rotation.Active {
		o.printf("%s\n", o.good.Render("The number is fixed: back in the rotation, due "+after.Due.Short(today)+"."))
	}
}
