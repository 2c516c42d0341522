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

func (a *app) logCommand() *cobra.Command {
	var (
		outcome, note, noteFile, next, kind string
		followUps                           []string
		resolve                             []int64
		asJSON                              bool
	)
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
			isNote := strings.EqualFold(strings.TrimSpace(kind), string(rotation.KindNote))
			var o rotation.Outcome
			switch {
			case isNote && outcome != "":
				return usagef("a note has no outcome: leave --outcome out, or log a call")
			case isNote && next != "":
				return usagef("a note changes no date: leave --next out (rotate snooze moves the next call)")
			case isNote:
			case outcome == "":
				return usagef("--outcome is required: reached, voicemail, no-answer, callback, wrong-number or not-a-fit (or --kind note for a note)")
			default:
				var err error
				if o, err = rotation.ParseOutcome(outcome); err != nil {
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
				if next != "" {
					if typed, cal, err = typedDate(ctx, s, "--next", next, today); err != nil {
						return err
					}
					explicit = typed.Date
				}
				res, err := s.LogCall(ctx, store.LogEntry{
					ContactID: c.ID, Outcome: o, Kind: rotation.CallKind(strings.ToLower(kind)), Note: note,
					At: a.now(), Today: today, Next: explicit, NewFollowUps: followUps, Resolve: resolve,
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
						CallID: res.CallID, ContactID: c.ID, Outcome: string(o), NextDue: due,
						Attempts: res.Next.Attempts, Status: string(res.Next.Status),
						Unreachable: res.Next.Unreachable(), Reason: res.Next.Reason,
					})
				}
				if isNote {
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
	fl.StringVar(&outcome, "outcome", "", "how the call went: reached, voicemail, no-answer, callback, wrong-number, not-a-fit")
	fl.StringVar(&note, "note", "", "what was said")
	fl.StringVar(&noteFile, "note-file", "", "read the note from `FILE` (- for standard input)")
	fl.StringArrayVar(&followUps, "follow-up", nil, "something to bring up next time; repeat for more")
	fl.Int64SliceVar(&resolve, "resolve", nil, "the `ID` of an open follow-up the call covered; repeat for more")
	fl.StringVar(&next, "next", "", "the next call `DATE`, overriding the rule (words work: next friday, in 2 weeks)")
	fl.StringVar(&kind, "kind", string(rotation.KindCall), "call, email, meeting or note")
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
