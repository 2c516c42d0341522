package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

type logJSON struct {
	CallID      int64  `json:"call_id"`
	ContactID   int64  `json:"contact_id"`
	Outcome     string `json:"outcome"`
	NextDue     any    `json:"next_due"` // "YYYY-MM-DD", or null when none
	Attempts    int    `json:"attempts"`
	Status      string `json:"status"`
	Unreachable bool   `json:"unreachable"`
	Reason      string `json:"reason"`
}

// logFlags are the flags of `rotate log`.
type logFlags struct {
	outcome, note, noteFile, next, kind string
	followUps                           []string
	resolve                             []int64
	asJSON                              bool
}

// logRequest is a call to log as the arguments give it, checked before
// the book is opened.
type logRequest struct {
	isNote    bool
	outcome   rotation.Outcome
	note      string
	noteGiven bool // a note was given, so a waiting draft is not used
	followUps []string
}

func (a *app) logCommand() *cobra.Command {
	var f logFlags
	cmd := &cobra.Command{
		Use:   "log WHO --outcome O [--note TEXT | --note-file F | -]",
		Short: "Record a call and reschedule the contact",
		Long: `Record a call and reschedule the contact.

Outcomes: reached, voicemail, no-answer, callback (needs --next),
wrong-number (pauses the contact), not-a-fit (archives it).
--kind note records a note without an outcome: it changes no date.
The note comes from --note, --note-file FILE, or standard input with "-".`,
		Args: usageArgs(cobra.RangeArgs(1, 2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			req, err := a.parseLog(cmd, args, &f)
			if err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				c, err := s.Find(ctx, args[0])
				if err != nil {
					return err
				}
				if err := a.takeDraft(ctx, s, c, &req); err != nil {
					return err
				}
				var explicit rotation.Date
				var typed rotation.TypedDate
				var cal rotation.Calendar
				if f.next != "" {
					if typed, cal, err = typedDate(ctx, s, "--next", f.next, today); err != nil {
						return err
					}
					explicit = typed.Date
				}
				res, err := s.LogCall(ctx, store.LogEntry{
					ContactID: c.ID, Outcome: req.outcome, Kind: rotation.CallKind(strings.ToLower(f.kind)), Note: req.note,
					At: a.now(), Today: today, Next: explicit, NewFollowUps: req.followUps, Resolve: f.resolve,
				})
				if err != nil {
					return err
				}
				if f.asJSON {
					return a.out.json(newLogJSON(c, req.outcome, res))
				}
				if req.isNote {
					a.printNoted(c, res.Next, today)
					return nil
				}
				a.printLogged(c, res.Next, today)
				a.dateNote(typed, today, cal)
				return nil
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.outcome, "outcome", "", "how the call went: reached, voicemail, no-answer, callback, wrong-number, not-a-fit")
	fl.StringVar(&f.note, "note", "", "what was said")
	fl.StringVar(&f.noteFile, "note-file", "", "read the note from `FILE` (- for standard input)")
	fl.StringArrayVar(&f.followUps, "follow-up", nil, "something to bring up next time; repeat for more")
	fl.Int64SliceVar(&f.resolve, "resolve", nil, "the `ID` of an open follow-up the call covered; repeat for more")
	fl.StringVar(&f.next, "next", "", "the next call `DATE`, overriding the rule (words work: next friday, in 2 weeks)")
	fl.StringVar(&f.kind, "kind", string(rotation.KindCall), "call, email, meeting or note")
	fl.BoolVar(&f.asJSON, "json", false, "print JSON")
	return cmd
}

// parseLog checks the flags that need no book: the outcome (none for a
// note), the note and where it comes from, the follow-ups.
func (a *app) parseLog(cmd *cobra.Command, args []string, f *logFlags) (logRequest, error) {
	req := logRequest{isNote: strings.EqualFold(strings.TrimSpace(f.kind), string(rotation.KindNote))}
	switch {
	case req.isNote && f.outcome != "":
		return req, usagef("a note has no outcome: leave --outcome out, or log a call")
	case req.isNote && f.next != "":
		return req, usagef("a note changes no date: leave --next out (rotate snooze moves the next call)")
	case req.isNote:
	case f.outcome == "":
		return req, usagef("--outcome is required: reached, voicemail, no-answer, callback, wrong-number or not-a-fit (or --kind note for a note)")
	default:
		var err error
		if req.outcome, err = rotation.ParseOutcome(f.outcome); err != nil {
			return req, usageError{err}
		}
	}
	noteFile, err := noteSource(cmd, args, f.noteFile)
	if err != nil {
		return req, err
	}
	req.noteGiven = cmd.Flags().Changed("note") || noteFile != ""
	note := f.note
	if noteFile != "" {
		if note, err = a.readFileArg(noteFile); err != nil {
			return req, err
		}
	}
	req.note = textArg(note)
	for _, fu := range f.followUps {
		line, err := lineArg("--follow-up", fu)
		if err != nil {
			return req, usagef("%v (repeat --follow-up for several)", err)
		}
		req.followUps = append(req.followUps, line)
	}
	return req, nil
}

// takeDraft uses the draft waiting for c as the note when no note was
// given (logging drops the draft), and says so.
func (a *app) takeDraft(ctx context.Context, s *store.Store, c rotation.Contact, req *logRequest) error {
	if req.noteGiven {
		return nil
	}
	d, ok, err := s.Draft(ctx, c.ID)
	if err != nil {
		return err
	}
	if ok && (strings.TrimSpace(d.Note) != "" || strings.TrimSpace(d.FollowUps) != "") {
		req.note = d.Note
		for _, line := range strings.Split(d.FollowUps, "\n") {
			if line = strings.TrimSpace(line); line != "" {
				req.followUps = append(req.followUps, line)
			}
		}
		fmt.Fprintf(a.stderr, "rotate: used the draft waiting for %s as the note: %s\n", printable(c.Name), draftPreview(d))
	}
	return nil
}

// newLogJSON is `rotate log --json`.
func newLogJSON(c rotation.Contact, o rotation.Outcome, res store.LogResult) logJSON {
	var due any
	if !res.Next.Due.IsZero() {
		due = res.Next.Due.String()
	}
	return logJSON{
		CallID: res.CallID, ContactID: c.ID, Outcome: string(o), NextDue: due,
		Attempts: res.Next.Attempts, Status: string(res.Next.Status),
		Unreachable: res.Next.Unreachable(), Reason: res.Next.Reason,
	}
}

// draftPreview is a draft in a few words, on one line: the start of the
// note, and how many follow-ups came with it.
func draftPreview(d rotation.Draft) string {
	text := strings.Join(strings.Fields(d.Note), " ")
	if r := []rune(text); len(r) > 50 {
		text = string(r[:49]) + "…"
	}
	out := "“" + printable(text) + "”"
	if text == "" {
		out = "(no note)"
	}
	n := 0
	for _, line := range strings.Split(d.FollowUps, "\n") {
		if strings.TrimSpace(line) != "" {
			n++
		}
	}
	if n > 0 {
		out += " and " + rotation.Plural(n, "follow-up")
	}
	return out
}

func (a *app) printLogged(c rotation.Contact, n rotation.Next, today rotation.Date) {
	o := a.out
	name := o.bold.Render(printable(c.Name))
	switch n.Status {
	case rotation.Paused:
		o.printf("Logged. %s is paused until the number is fixed (rotate edit %d --phone ...).\n", name, c.ID)
	case rotation.Archived:
		o.printf("Logged. %s is archived (rotate unarchive %d to bring them back).\n", name, c.ID)
	default:
		o.printf("Logged. Next call with %s: %s, in %s (%s).\n", name,
			o.accent.Render(n.Due.Short(today)), rotation.Plural(today.DaysUntil(n.Due), "day"), n.Reason)
		if n.Unreachable() {
			o.printf("%s\n", o.warn.Render("Unreachable after "+rotation.Plural(n.Attempts, "try")+" in a row: try email or a handwritten note."))
		}
	}
}

// printNoted confirms a note, which changes no date.
func (a *app) printNoted(c rotation.Contact, n rotation.Next, today rotation.Date) {
	o := a.out
	name := o.bold.Render(printable(c.Name))
	if n.Status != rotation.Active || n.Due.IsZero() {
		o.printf("Noted for %s (%s); nothing else changed.\n", name, n.Status)
		return
	}
	o.printf("Noted for %s. The next call stays %s.\n", name, o.accent.Render(n.Due.Short(today)))
}

// noteSource is the file the note is read from (noteFile, or "-" when the
// second argument asks for standard input): a note given more than one
// way, or another second argument, is a usage error.
func noteSource(cmd *cobra.Command, args []string, noteFile string) (string, error) {
	sources := 0
	for _, given := range []bool{cmd.Flags().Changed("note"), noteFile != "", len(args) == 2} {
		if given {
			sources++
		}
	}
	if sources > 1 {
		return "", usagef("give the note once: --note, --note-file or - (standard input)")
	}
	if len(args) == 2 {
		if args[1] != "-" {
			return "", usagef("unexpected argument %q; to read the note from standard input pass -", args[1])
		}
		noteFile = "-"
	}
	return noteFile, nil
}
