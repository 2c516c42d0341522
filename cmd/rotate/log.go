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

func (a *app) logCommand() *cobra.Command {
	var (
		outcome, note, noteFile, next, kind, via string
		followUps                                []string
		resolve                                  []int64
		asJSON, inbound                          bool
	)
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
			if cmd.Flags().Changed("kind") {
				if cmd.Flags().Changed("via") && !strings.EqualFold(strings.TrimSpace(kind), strings.TrimSpace(via)) {
					return usagef("--kind is another name for --via: give one of them")
				}
				via = kind
			}
			isNote := strings.EqualFold(strings.TrimSpace(via), rotation.KindNote)
			channel := rotation.KindNote
			if !isNote {
				var err error
				if channel, err = rotation.ParseChannel(via); err != nil {
					if cmd.Flags().Changed("kind") {
						return usagef("unknown kind %q; use %s or note", kind, strings.Join(rotation.Channels, ", "))
					}
					return usageError{err}
				}
			}
			dir := rotation.Out
			if inbound {
				dir = rotation.In
			}
			var o rotation.Outcome
			switch {
			case isNote && inbound:
				return usagef("a note has no direction: leave --in out, or log what they said as a touch (--via)")
			case isNote && outcome != "":
				return usagef("a note has no outcome: leave --outcome out, or log a call")
			case isNote && next != "":
				return usagef("a note changes no date: leave --next out (rotate snooze moves the next call)")
			case isNote:
			case outcome == "":
				return usagef("--outcome is required: reached, voicemail, no-answer, callback, wrong-number, not-a-fit or sent (or --kind note for a note)")
			default:
				var err error
				if o, err = rotation.ParseOutcome(outcome); err != nil {
					return usageError{err}
				}
				if err := (rotation.Touch{Via: channel, Direction: dir, Outcome: o}).Check(); err != nil {
					return usageError{err}
				}
			}
			noteFile, err := noteSource(cmd, args, noteFile)
			if err != nil {
				return err
			}
			noteGiven := cmd.Flags().Changed("note") || noteFile != ""
			if noteFile != "" {
				var err error
				if note, err = a.readFileArg(noteFile); err != nil {
					return err
				}
			}
			note = textArg(note)
			for i, fu := range followUps {
				var err error
				if followUps[i], err = lineArg("--follow-up", fu); err != nil {
					return usagef("%v (repeat --follow-up for several)", err)
				}
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				c, err := s.Find(ctx, args[0])
				if err != nil {
					return err
				}
				note := note
				followUps := followUps
				if !noteGiven {
					// No note given, and one waits as a draft: the call
					// takes it (logging drops the draft), and says so.
					d, ok, err := s.Draft(ctx, c.ID)
					if err != nil {
						return err
					}
					if ok && (strings.TrimSpace(d.Note) != "" || strings.TrimSpace(d.FollowUps) != "") {
						note = d.Note
						for _, line := range strings.Split(d.FollowUps, "\n") {
							if line = strings.TrimSpace(line); line != "" {
								followUps = append(followUps, line)
							}
						}
						fmt.Fprintf(a.stderr, "rotate: used the draft waiting for %s as the note: %s\n", clean(c.Name), draftPreview(d))
					}
				}
				var explicit rotation.Date
				var typed rotation.TypedDate
				var cal rotation.Calendar
				var at rotation.Clock
				if next != "" {
					if typed, at, cal, err = typedDateTime(ctx, s, "--next", next, today); err != nil {
						return err
					}
					explicit = typed.Date
				}
				res, err := s.LogCall(ctx, store.LogEntry{
					ContactID: c.ID, Outcome: o, Kind: channel, Direction: dir, Note: note,
					At: a.now(), Today: today, Next: explicit, NextTime: at, NewFollowUps: followUps, Resolve: resolve,
				})
				if err != nil {
					return err
				}
				if asJSON {
					var due any
					if !res.Next.Due.IsZero() {
						due = res.Next.Due.String()
					}
					return a.out.json(logJSON{
						CallID: res.CallID, ContactID: c.ID, Outcome: string(o), Via: channel, Direction: string(dir),
						NextDue: due, NextTime: res.Next.DueTime.String(),
						Attempts: res.Next.Attempts, Status: string(res.Next.Status),
						Unreachable: res.Next.Unreachable(), Reason: res.Next.Reason,
					})
				}
				if isNote {
					a.printNoted(c, res.Next, today)
					return nil
				}
				a.printTouched(c, rotation.Touch{Via: channel, Direction: dir, Outcome: o}, res.Next, today)
				a.dateNote(typed, today, cal)
				return nil
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&outcome, "outcome", "", "how it went: reached, voicemail, no-answer, callback, wrong-number, not-a-fit, sent")
	fl.StringVar(&note, "note", "", "what was said")
	fl.StringVar(&noteFile, "note-file", "", "read the note from `FILE` (- for standard input)")
	fl.StringArrayVar(&followUps, "follow-up", nil, "something to bring up next time; repeat for more")
	fl.Int64SliceVar(&resolve, "resolve", nil, "the `ID` of an open follow-up the call covered; repeat for more")
	fl.StringVar(&next, "next", "", "the next call `DATE`, overriding the rule (words work: next friday, in 2 weeks; a time is kept: thu 3pm)")
	fl.StringVar(&via, "via", rotation.KindCall, "the channel: call, email, text, meeting or letter (or note)")
	fl.StringVar(&kind, "kind", rotation.KindCall, "another name for --via")
	fl.BoolVar(&inbound, "in", false, "they called or wrote (inbound)")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// draftPreview is a draft in a few words, on one line: the start of the
// note, and how many follow-ups came with it.
func draftPreview(d rotation.Draft) string {
	text := strings.Join(strings.Fields(d.Note), " ")
	if r := []rune(text); len(r) > 50 {
		text = string(r[:49]) + "…"
	}
	out := "“" + clean(text) + "”"
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
	name := o.bold.Render(clean(c.Name))
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
	name := o.bold.Render(clean(c.Name))
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
	name := o.bold.Render(clean(c.Name))
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
