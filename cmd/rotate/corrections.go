package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// undoJSON is what rotate undo prints with --json.
type undoJSON struct {
	CallID    int64 `json:"call_id"`
	ContactID int64 `json:"contact_id"`
	NextDue   any   `json:"next_due"`
}

// correctionJSON is what rotate call edit and delete print with --json.
type correctionJSON struct {
	CallID      int64             `json:"call_id"`
	ContactID   int64             `json:"contact_id"`
	NextDue     any               `json:"next_due"`
	Rescheduled []rescheduledJSON `json:"rescheduled"`
	Kept        bool              `json:"schedule_kept,omitempty"`
}

type rescheduledJSON struct {
	ContactID int64 `json:"contact_id"`
	NextDue   any   `json:"next_due"`
}

// versionJSON is one entry of rotate call history --json.
type versionJSON struct {
	At        string `json:"at"`
	By        string `json:"by"`
	Action    string `json:"action"`
	Outcome   string `json:"outcome"`
	Note      string `json:"note"`
	ContactID int64  `json:"contact_id"`
	CalledAt  string `json:"called_at"`
}

func newVersionJSON(v rotation.CallVersion) versionJSON {
	return versionJSON{At: v.At.UTC().Format(time.RFC3339), By: v.By, Action: string(v.Action),
		Outcome: string(v.Outcome), Note: v.Note, ContactID: v.ContactID, CalledAt: v.CalledAt.UTC().Format(time.RFC3339)}
}

func dueJSON(d rotation.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

func (a *app) undoCommand() *cobra.Command {
	var asJSON, yes bool
	cmd := &cobra.Command{
		Use:   "undo [--yes]",
		Short: "Take back the newest call you logged (schedule, follow-ups and streak as before it)",
		Long: `Take back the newest call (or note) you logged: the contact's next date,
missed attempts, status, the follow-ups the call resolved or created and
the streak are as before it. The call is kept in its history of changes
(rotate call history ID), and what was typed for it (note, outcome,
new follow-ups) becomes the contact's draft, offered back when the call
is logged again. Run it again to take back the one before. A call from
an earlier day is taken back only after asking (on a terminal) or with
--yes.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				k, err := s.NewestLogged(ctx)
				if err != nil {
					return err
				}
				c, err := s.Contact(ctx, k.ContactID)
				if err != nil {
					return err
				}
				if !yes && !k.Day.IsZero() && k.Day < today {
					// Today's call is the one just logged by mistake; an
					// older one is taken back on purpose only.
					if asJSON || !a.interactive() {
						return usagef("rotate undo would take back %s, from an earlier day; add --yes to take it back", describeCall(k, c, today))
					}
					if !a.confirm(fmt.Sprintf("Take back %s, from an earlier day?", describeCall(k, c, today))) {
						a.out.printf("%s\n", a.out.dim.Render("Nothing changed."))
						return nil
					}
				}
				res, err := s.UndoCall(ctx, k.ID)
				if err != nil {
					return err
				}
				return a.printCorrection(ctx, s, today, "undo", k, c, res, asJSON)
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "take back a call from an earlier day without asking")
	return cmd
}

func (a *app) callCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "call",
		Short: "Correct a logged call: edit, delete, history",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usagef("rotate call needs a command: edit, delete or history")
		},
	}
	cmd.AddCommand(a.callEditCommand(), a.callDeleteCommand(), a.callHistoryCommand())
	return cmd
}

func parseCallID(s string) (int64, error) {
	id, err := strconv.ParseInt(strings.TrimPrefix(s, "#"), 10, 64)
	if err != nil || id <= 0 {
		return 0, usagef("%q is not a call id (rotate show WHO --json lists them)", s)
	}
	return id, nil
}

// callEditFlags are the flags of `rotate call edit`.
type callEditFlags struct {
	note, noteFile, outcome, at, who, next string
	asJSON                                 bool
}

func (a *app) callEditCommand() *cobra.Command {
	var f callEditFlags
	cmd := &cobra.Command{
		Use:   "edit ID [--note TEXT | --note-file F | -] [--outcome O] [--at DATE] [--contact WHO]",
		Short: "Correct a logged call; the old version is kept in its history",
		Long: `Correct a logged call: its note, outcome, day (--at), or the contact it
was logged on (--contact, a move). When it is the contact's newest call,
the schedule becomes what logging the corrected call would have given
(for both contacts when it moves). The old version is kept: rotate call
history ID.`,
		Args: usageArgs(cobra.RangeArgs(1, 2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseCallID(args[0])
			if err != nil {
				return err
			}
			e, err := a.parseCallEdit(cmd, args, &f)
			if err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				k, err := s.Call(ctx, id)
				if err != nil {
					return err
				}
				if err := planCallEdit(ctx, s, &f, k, &e, today); err != nil {
					return err
				}
				c, err := s.Contact(ctx, k.ContactID)
				if err != nil {
					return err
				}
				res, err := s.EditCall(ctx, id, e)
				if err != nil {
					return err
				}
				return a.printCorrection(ctx, s, today, "edit", k, c, res, f.asJSON)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.note, "note", "", "the corrected note")
	fl.StringVar(&f.noteFile, "note-file", "", "read the corrected note from `FILE` (- for standard input)")
	fl.StringVar(&f.outcome, "outcome", "", "the corrected outcome")
	fl.StringVar(&f.at, "at", "", "the `DATE` the call happened (words work: yesterday, mon)")
	fl.StringVar(&f.who, "contact", "", "move the call to the contact `WHO`")
	fl.StringVar(&f.next, "next", "", "the next call `DATE` for the recomputed schedule (a callback needs one)")
	fl.BoolVar(&f.asJSON, "json", false, "print JSON")
	return cmd
}

// parseCallEdit checks the flags that need no book: the corrected note
// (and where it comes from) and outcome, and that something is to change.
func (a *app) parseCallEdit(cmd *cobra.Command, args []string, f *callEditFlags) (rotation.CallEdit, error) {
	var e rotation.CallEdit
	noteFile, err := noteSource(cmd, args, f.noteFile)
	if err != nil {
		return e, err
	}
	noteGiven := cmd.Flags().Changed("note") || noteFile != ""
	note := f.note
	if noteFile != "" {
		text, err := a.readFileArg(noteFile)
		if err != nil {
			return e, err
		}
		note = text
	}
	if noteGiven {
		n := strings.TrimRight(note, "\n")
		e.Note = &n
	}
	if f.outcome != "" {
		o, err := rotation.ParseOutcome(f.outcome)
		if err != nil {
			return e, usageError{err}
		}
		e.Outcome = &o
	}
	if !noteGiven && f.outcome == "" && f.at == "" && f.who == "" && f.next == "" {
		return e, usagef("nothing to change: give --note, --note-file, -, --outcome, --at, --next or --contact")
	}
	return e, nil
}

// planCallEdit adds to e what needs the book or the day: the day the call
// happened (at its time of day), the next call, the contact it moves to.
func planCallEdit(ctx context.Context, s *store.Store, f *callEditFlags, k rotation.Call, e *rotation.CallEdit, today rotation.Date) error {
	if f.at != "" {
		d, err := parseDate("--at", f.at, today)
		if err != nil {
			return err
		}
		if d > today {
			return usagef("--at %s is in the future; a call is corrected to the day it happened", d)
		}
		local := k.At.In(time.Local)
		y, m, day := d.Time().Date()
		t := time.Date(y, m, day, local.Hour(), local.Minute(), local.Second(), 0, time.Local)
		e.At, e.Day = &t, d
	}
	if f.next != "" {
		var err error
		if e.Next, err = parseDate("--next", f.next, today); err != nil {
			return err
		}
	}
	if f.who != "" {
		c, err := s.Find(ctx, f.who)
		if err != nil {
			return err
		}
		e.Contact = c.ID
	}
	return nil
}

func (a *app) callDeleteCommand() *cobra.Command {
	var yes, asJSON bool
	cmd := &cobra.Command{
		Use:   "delete ID [--yes]",
		Short: "Remove a logged call (kept in its history of changes)",
		Long: `Remove a logged call from the history, briefing, search, stats and export.
Its last version is kept in the history of changes (rotate call history
ID). When it was the contact's newest call, the schedule is as before it.`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseCallID(args[0])
			if err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				k, err := s.Call(ctx, id)
				if err != nil {
					return err
				}
				c, err := s.Contact(ctx, k.ContactID)
				if err != nil {
					return err
				}
				if !yes {
					if asJSON || !a.interactive() {
						return usagef("rotate call delete asks first; add --yes to delete call #%d without asking", id)
					}
					if !a.confirm(fmt.Sprintf("Delete %s?", describeCall(k, c, today))) {
						a.out.printf("%s\n", a.out.dim.Render("Nothing changed."))
						return nil
					}
				}
				res, err := s.DeleteCall(ctx, id)
				if err != nil {
					return err
				}
				return a.printCorrection(ctx, s, today, "delete", k, c, res, asJSON)
			})
		},
	}
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "delete without asking")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) callHistoryCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "history ID",
		Short: "The versions of a logged call: as logged, then after each correction",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			id, err := parseCallID(args[0])
			if err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				h, err := s.CallHistory(ctx, id)
				if err != nil {
					return err
				}
				if asJSON {
					out := []versionJSON{}
					for _, v := range h {
						out = append(out, newVersionJSON(v))
					}
					return a.out.json(out)
				}
				o := a.out
				names := map[int64]string{}
				for _, v := range h {
					if _, ok := names[v.ContactID]; !ok {
						names[v.ContactID] = fmt.Sprintf("#%d", v.ContactID)
						if c, err := s.Contact(ctx, v.ContactID); err == nil {
							names[v.ContactID] = printableLine(c.Name)
						}
					}
				}
				o.printf("Call #%d, oldest version first:\n", id)
				for _, v := range h {
					by := ""
					if v.By != "" {
						by = " by " + printable(v.By)
					}
					what := string(v.Outcome)
					if v.Kind == rotation.KindNote {
						what = "note"
					}
					o.printf("%s  %s%s: %s with %s on %s\n", o.dim.Render(v.At.Local().Format("2006-01-02 15:04")),
						o.bold.Render(string(v.Action)), by, what, names[v.ContactID], v.Day.Short(today))
					if v.Note != "" {
						o.printf("    %s\n", printable(strings.ReplaceAll(v.Note, "\n", "\n    ")))
					}
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// describeCall names a call for a question or a report: "the voicemail
// with Ann Lee on Wed 4 Mar (call #12)".
func describeCall(k rotation.Call, c rotation.Contact, today rotation.Date) string {
	what := "the " + string(k.Outcome) + " call"
	if k.Kind == rotation.KindNote {
		what = "the note"
	} else if k.Kind != rotation.KindCall && k.Kind != "" {
		what = "the " + string(k.Kind) + " (" + string(k.Outcome) + ")"
	}
	return fmt.Sprintf("%s with %s on %s (call #%d)", what, printableLine(c.Name), k.Day.Short(today), k.ID)
}

// printCorrection reports what undo, edit or delete did.
func (a *app) printCorrection(ctx context.Context, s *store.Store, today rotation.Date, verb string, k rotation.Call, c rotation.Contact, res rotation.Correction, asJSON bool) error {
	if asJSON {
		var due any
		if now, err := s.Contact(ctx, res.ContactID); err == nil {
			due = dueJSON(now.Due)
		}
		if verb == "undo" {
			return a.out.json(undoJSON{CallID: res.CallID, ContactID: res.ContactID, NextDue: due})
		}
		out := correctionJSON{CallID: res.CallID, ContactID: res.ContactID, NextDue: due, Rescheduled: []rescheduledJSON{}, Kept: res.Kept}
		for _, r := range res.Rescheduled {
			out.Rescheduled = append(out.Rescheduled, rescheduledJSON{r.ContactID, dueJSON(r.Next)})
		}
		return a.out.json(out)
	}
	o := a.out
	switch verb {
	case "undo":
		o.printf("Took back %s.\n", describeCall(k, c, today))
	case "delete":
		o.printf("Deleted %s.\n", describeCall(k, c, today))
	default:
		o.printf("Corrected call #%d.\n", k.ID)
	}
	for _, r := range res.Rescheduled {
		name := fmt.Sprintf("#%d", r.ContactID)
		if x, err := s.Contact(ctx, r.ContactID); err == nil {
			name = printableLine(x.Name)
		}
		if r.Next.IsZero() {
			o.printf("%s has no call planned.\n", o.bold.Render(name))
			continue
		}
		o.printf("Next call with %s: %s.\n", o.bold.Render(name), o.accent.Render(r.Next.Short(today)))
	}
	if res.Drafted {
		o.printf("Its note is kept as a draft: logging a call with %s offers it back.\n", o.bold.Render(printableLine(c.Name)))
	}
	if res.Kept {
		o.printf("%s\n", o.dim.Render("The schedule stays as it is: this call was logged before rotate kept what each call changed."))
	}
	o.printf("%s\n", o.dim.Render(fmt.Sprintf("The old version is kept: rotate call history %d", k.ID)))
	return nil
}
