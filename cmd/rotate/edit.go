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

// editFlags are the flags of `rotate edit`.
type editFlags struct {
	contact               contactFlags
	name, override, until string
	asJSON                bool
}

// editRequest is an edit as the flags ask for it, checked before the book
// is opened.
type editRequest struct {
	rename        bool   // --name was given
	name          string // the new name, when rename
	clearOverride bool   // --override none
	override      rotation.Rule
}

func (a *app) editCommand() *cobra.Command {
	var e editFlags
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
			req, err := parseEdit(cmd, &e)
			if err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				before, err := s.Find(ctx, args[0])
				if err != nil {
					return err
				}
				after, dueNote, err := a.planEdit(ctx, cmd, s, &e, req, before, today)
				if err != nil {
					return err
				}
				if err := a.applyEdit(ctx, cmd, s, &e, before, after, today); err != nil {
					return err
				}
				if e.asJSON {
					saved, err := s.Contact(ctx, after.ID)
					if err != nil {
						return err
					}
					return a.out.json(newContactJSON(saved, a.zoneJSON(saved)))
				}
				a.printEdited(before, after, e.contact.note != "", today)
				dueNote(a)
				return nil
			})
		},
	}
	e.contact.register(cmd)
	fl := cmd.Flags()
	fl.StringVar(&e.name, "name", "", "a new name")
	fl.StringVar(&e.override, "override", "", "a temporary cadence `RULE` (with --until), or none to end it")
	fl.StringVar(&e.until, "until", "", "the last `DATE` of the override (words work: mar 31, in 6 weeks)")
	fl.BoolVar(&e.asJSON, "json", false, "print the contact as JSON")
	fl.Lookup("note").Usage = "a note to add to their history"
	return cmd
}

// parseEdit checks the flags that need no book: that something is to
// change, the new name, the override rule and its --until.
func parseEdit(cmd *cobra.Command, e *editFlags) (editRequest, error) {
	fl := cmd.Flags()
	changes := 0
	fl.Visit(func(f *pflag.Flag) {
		if f.Name != "json" && f.Name != "db" && f.Name != "region" {
			changes++
		}
	})
	if changes == 0 {
		return editRequest{}, usagef("nothing to change: give a flag such as --phone, --tier, --every or --override (rotate edit --help)")
	}
	var req editRequest
	if fl.Changed("name") {
		name, err := lineArg("--name", e.name)
		if err != nil {
			return editRequest{}, err
		}
		if name == "" {
			return editRequest{}, usagef("--name: a contact needs a name")
		}
		req.rename, req.name = true, strings.TrimSpace(name)
	}
	req.clearOverride = fl.Changed("override") && strings.EqualFold(strings.TrimSpace(e.override), "none")
	switch {
	case req.clearOverride && fl.Changed("until"):
		return editRequest{}, usagef("--until goes with an override rule; --override none ends the override")
	case fl.Changed("override") && !req.clearOverride:
		r, err := rotation.ParseRule(e.override)
		if err != nil {
			return editRequest{}, fmt.Errorf("--override: %w", err)
		}
		if !fl.Changed("until") {
			return editRequest{}, usagef("--override needs --until DATE, the last day of the temporary rule (or --override none to end one)")
		}
		req.override = r
	}
	return req, nil
}

// planEdit is the contact as it will be after the edit, with what the
// edit changes in the schedule (store.AfterEdit) and the --due asked for,
// and the note to print about that date; nothing is written yet.
func (a *app) planEdit(ctx context.Context, cmd *cobra.Command, s *store.Store, e *editFlags, req editRequest, before rotation.Contact, today rotation.Date) (rotation.Contact, func(*app), error) {
	fl := cmd.Flags()
	after := before
	if err := e.contact.apply(cmd, &after); err != nil {
		return after, nil, err
	}
	if req.rename {
		after.Name = req.name
	}
	if req.clearOverride {
		after.Override, after.OverrideUntil = rotation.Rule{}, 0
	} else if !req.override.IsZero() {
		after.Override = req.override
	}
	if fl.Changed("until") {
		if after.Override.IsZero() {
			return after, nil, usagef("--until needs an override rule: --override RULE --until DATE")
		}
		d, err := parseDate("--until", e.until, today)
		if err != nil {
			return after, nil, err
		}
		if d < today {
			return after, nil, usagef("--until %s is in the past; the override would never apply", d)
		}
		after.OverrideUntil = d
	}
	after, err := s.AfterEdit(ctx, before, after, today)
	if err != nil {
		return after, nil, err
	}
	due, ok, dueNote, err := e.contact.dueDate(ctx, cmd, s, today)
	if err != nil {
		return after, nil, err
	} else if ok {
		if after.Status != rotation.Active {
			return after, nil, usagef("%s is %s; %s first, then set --due", printableLine(before.Name), after.Status, resumeHint(after))
		}
		after.Due = due
	}
	if _, err := a.region(e.contact.region, fl.Changed("region")); err != nil {
		return after, nil, err // a bad --region changes nothing
	}
	return after, dueNote, nil
}

// applyEdit writes the planned contact and the note, warns when a new
// number is already another contact's, and keeps a --due date as given.
func (a *app) applyEdit(ctx context.Context, cmd *cobra.Command, s *store.Store, e *editFlags, before, after rotation.Contact, today rotation.Date) error {
	fl := cmd.Flags()
	if err := s.UpdateContactWithNote(ctx, before, after, strings.TrimSpace(textArg(e.contact.note)), a.now(), today); err != nil {
		return err
	}
	if fl.Changed("phone") {
		if err := a.warnDuplicate(ctx, s, before, after, e.contact.region, fl.Changed("region")); err != nil {
			return err
		}
	}
	if fl.Changed("due") {
		if err := s.KeepDue(ctx, after.ID, after.Due); err != nil {
			return err
		}
	}
	return nil
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
		return printableLine(strings.Join(ps, ", "))
	}
	next := func(c rotation.Contact) string {
		if c.Status != rotation.Active {
			return string(c.Status)
		}
		return c.Due.Short(today)
	}
	diff("name", printableLine(before.Name), printableLine(after.Name))
	diff("phones", phones(before), phones(after))
	diff("email", printableLine(before.Email), printableLine(after.Email))
	diff("company", printableLine(before.Company), printableLine(after.Company))
	diff("tier", before.Tier, after.Tier)
	diff("cadence", before.RuleLabel(today), after.RuleLabel(today))
	diff("next call", next(before), next(after))
	diff("time zone", zoneText(before.TZ), zoneText(after.TZ))
	diff("birthday", rotation.BirthdayText(before.Birthday), rotation.BirthdayText(after.Birthday))
	diff("tags", printableLine(strings.Join(before.Tags, ", ")), printableLine(strings.Join(after.Tags, ", ")))
	diff("family", printableLine(before.Family), printableLine(after.Family))
	diff("occupation", printableLine(before.Occupation), printableLine(after.Occupation))
	diff("recreation", printableLine(before.Recreation), printableLine(after.Recreation))
	diff("message", printableLine(before.Message), printableLine(after.Message))

	name := o.bold.Render(printableLine(after.Name))
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

// zoneText is a contact's given time zone as an edit reports it.
func zoneText(tz string) string {
	if tz == "" {
		return "from the number"
	}
	return tz
}
