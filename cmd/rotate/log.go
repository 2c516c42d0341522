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
	Via         string `json:"via"`       // the channel, or note
	Direction   string `json:"direction"` // out or in
	NextDue     any    `json:"next_due"`  // "YYYY-MM-DD", or null when none
	NextTime    string `json:"next_time,omitempty"`
	Attempts    int    `json:"attempts"`
	Status      string `json:"status"`
	Unreachable bool   `json:"unreachable"`
	Reason      string `json:"reason"`
}

// logFlags are the flags of `rotate log`.
type logFlags struct {
	outcome, note, noteFile, next, kind, via string
	followUps                                []string
	resolve                                  []int64
	asJSON, inbound                          bool
}

// logRequest is a call to log as the arguments give it, checked before
// the book is opened.
type logRequest struct {
	isNote    bool
	channel   rotation.CallKind
	direction rotation.Direction
	outcome   rotation.Outcome
	note      string
	noteGiven bool // a note was given, so a waiting draft is not used
	followUps []string
}

func (a *app) logCommand() *cobra.Command {
	var f logFlags
	cmd := &cobra.Command{
		Use:   "log WHO --outcome O [--via CHANNEL] [--in] [--note TEXT | --note-file F | -]",
		Short: "Record a touch (a call, e-mail, text, meeting or letter) and reschedule the contact",
		Long: `Record a touch and reschedule the contact.

Outcomes: reached, voicemail, no-answer, callback (needs --next; a time
is kept: --next "thu 3pm"), wrong-number (pauses the contact), not-a-fit
(archives it), sent (a one-way e-mail, text or letter: the planned call
stays). --via says the channel (call, email, text, meeting, letter) and
--in that they called or wrote: reached on any channel resets the
cadence; their missed call (--in --outcome no-answer) is a returned call,
first on today's list. --kind is another name for --via; --kind note
records a note without an outcome: it changes no date.
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
				var at rotation.Clock
				if f.next != "" {
					if typed, at, cal, err = typedDateTime(ctx, s, "--next", f.next, today); err != nil {
						return err
					}
					explicit = typed.Date
				}
				res, err := s.LogCall(ctx, store.LogEntry{
					ContactID: c.ID, Outcome: req.outcome, Kind: req.channel, Direction: req.direction, Note: req.note,
					At: a.now(), Today: today, Next: explicit, NextTime: at, NewFollowUps: req.followUps, Resolve: f.resolve,
				})
				if err != nil {
					return err
				}
				if f.asJSON {
					return a.out.json(newLogJSON(c, req, res))
				}
				if req.isNote {
					a.printNoted(c, res.Next, today)
					return nil
				}
				a.printTouched(c, rotation.Touch{Via: req.channel, Direction: req.direction, Outcome: req.outcome}, res.Next, today)
				a.dateNote(typed, today, cal)
				return nil
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.outcome, "outcome", "", "how it went: reached, voicemail, no-answer, callback, wrong-number, not-a-fit, sent")
	fl.StringVar(&f.note, "note", "", "what was said")
	fl.StringVar(&f.noteFile, "note-file", "", "read the note from `FILE` (- for standard input)")
	fl.StringArrayVar(&f.followUps, "follow-up", nil, "something to bring up next time; repeat for more")
	fl.Int64SliceVar(&f.resolve, "resolve", nil, "the `ID` of an open follow-up the call covered; repeat for more")
	fl.StringVar(&f.next, "next", "", "the next call `DATE`, overriding the rule (words work: next friday, in 2 weeks; a time is kept: thu 3pm)")
	fl.StringVar(&f.via, "via", string(rotation.KindCall), "the channel: call, email, text, meeting or letter (or note)")
	fl.StringVar(&f.kind, "kind", string(rotation.KindCall), "another name for --via")
	fl.BoolVar(&f.inbound, "in", false, "they called or wrote (inbound)")
	fl.BoolVar(&f.asJSON, "json", false, "print JSON")
	return cmd
}

// parseTouch reads the channel (--via, or --kind, its other name) and the
// direction (--in) into req.
func parseTouch(cmd *cobra.Command, f *logFlags, req *logRequest) error {
	via := f.via
	if cmd.Flags().Changed("kind") {
		if cmd.Flags().Changed("via") && !strings.EqualFold(strings.TrimSpace(f.kind), strings.TrimSpace(f.via)) {
			return usagef("--kind is another name for --via: give one of them")
		}
		via = f.kind
	}
	req.isNote = strings.EqualFold(strings.TrimSpace(via), string(rotation.KindNote))
	req.channel, req.direction = rotation.KindNote, rotation.Out
	if f.inbound {
		req.direction = rotation.In
	}
	if req.isNote {
		if f.inbound {
			return usagef("a note has no direction: leave --in out, or log what they said as a touch (--via)")
		}
		return nil
	}
	var err error
	if req.channel, err = rotation.ParseChannel(via); err != nil {
		if cmd.Flags().Changed("kind") {
			return usagef("unknown kind %q; use %s or note", f.kind, rotation.ChannelNames())
		}
		return usageError{err}
	}
	return nil
}

// parseLog checks the flags that need no book: the channel and direction,
// the outcome (none for a note), the note and where it comes from, the
// follow-ups.
func (a *app) parseLog(cmd *cobra.Command, args []string, f *logFlags) (logRequest, error) {
	var req logRequest
	if err := parseTouch(cmd, f, &req); err != nil {
		return req, err
	}
	switch {
	case req.isNote && f.outcome != "":
		return req, usagef("a note has no outcome: leave --outcome out, or log a call")
	case req.isNote && f.next != "":
		return req, usagef("a note changes no date: leave --next out (rotate snooze moves the next call)")
	case req.isNote:
	case f.outcome == "":
		return req, usagef("--outcome is required: reached, voicemail, no-answer, callback, wrong-number, not-a-fit or sent (or --kind note for a note)")
	default:
		var err error
		if req.outcome, err = rotation.ParseOutcome(f.outcome); err != nil {
			return req, usageError{err}
		}
		if err := (rotation.Touch{Via: req.channel, Direction: req.direction, Outcome: req.outcome}).Check(); err != nil {
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
func newLogJSON(c rotation.Contact, req logRequest, res store.LogResult) logJSON {
	var due any
	if !res.Next.Due.IsZero() {
		due = res.Next.Due.String()
	}
	return logJSON{
		CallID: res.CallID, ContactID: c.ID, Outcome: string(req.outcome), Via: string(req.channel), Direction: string(req.direction),
		NextDue: due, NextTime: res.Next.DueTime.String(),
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
		when := n.Due.Short(today)
		if !n.DueTime.IsZero() {
			when += " at " + n.DueTime.String()
		}
		o.printf("Logged. Next call with %s: %s, in %s (%s).\n", name,
			o.accent.Render(when), rotation.Plural(today.DaysUntil(n.Due), "day"), n.Reason)
		if n.Unreachable() {
			o.printf("%s\n", o.warn.Render("Unreachable after "+rotation.Plural(n.Attempts, "try")+" in a row: try email or a handwritten note."))
		}
	}
}

// printTouched confirms a touch: printLogged, but for what keeps the
// planned call (a message sent, their missed call).
func (a *app) printTouched(c rotation.Contact, t rotation.Touch, n rotation.Next, today rotation.Date) {
	o := a.out
	name := o.bold.Render(printable(c.Name))
	switch {
	case t.ReturnedCall():
		o.printf("Logged. %s is a returned call: first on today's list until you get back to them.\n", name)
	case t.Outcome == rotation.Sent && n.Status == rotation.Active && !n.Due.IsZero():
		o.printf("Logged (%s). The next call with %s stays %s (%s).\n", t.Describe(), name,
			o.accent.Render(n.Due.Short(today)), n.Reason)
	default:
		a.printLogged(c, n, today)
		return
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
