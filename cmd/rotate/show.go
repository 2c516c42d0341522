package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// showJSON is `rotate show --json` (docs/CLI.md).
type showJSON struct {
	Contact   showContactJSON `json:"contact"`
	FollowUps []followUpJSON  `json:"followups"`
	Calls     []callJSON      `json:"calls"` // newest first
}

// showContactJSON is the contact of show --json: with the client's local
// time and whether they may be called now right after their zone (both
// absent when the zone is not known), then the best time.
type showContactJSON struct {
	contactJSON
	LocalTime   any            `json:"local_time,omitempty"`
	CallableNow any            `json:"callable_now,omitempty"`
	BestTime    []bestTimeJSON `json:"best_time"` // null when the calls do not show one
}

type followUpJSON struct {
	ID      int64  `json:"id"`
	Text    string `json:"text"`
	Created any    `json:"created"`
}

type callJSON struct {
	ID      int64  `json:"id"`
	At      any    `json:"at"`
	Day     string `json:"day"`
	Kind    string `json:"kind"`
	Outcome string `json:"outcome"`
	Note    string `json:"note"`
	NextDue any    `json:"next_due"`
	Revised bool   `json:"revised"`      // corrected since it was logged
	By      string `json:"by,omitempty"` // who logged it, on a team book
	// Via is the channel (call, email, text, meeting, letter), or note;
	// Direction out, or in when they called or wrote.
	Via       string `json:"via"`
	Direction string `json:"direction"`
}

// showCalls is how many calls the human briefing shows by default.
const showCalls = 5

func (a *app) showCommand() *cobra.Command {
	var asJSON bool
	var calls int
	cmd := &cobra.Command{
		Use:   "show WHO",
		Short: "The briefing: phones, cadence, what to bring up, profile and recent calls",
		Long: `The briefing: what to read before calling someone. Phones, tier and
cadence, days since the last talk, open follow-ups (with the ids that
rotate log --resolve takes), the profile and the last calls.

The human view shows the last 5 calls and --json all of them; --calls N
changes that (0 for all).`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			limit := showCalls
			if asJSON {
				limit = 0
			}
			if cmd.Flags().Changed("calls") {
				if calls < 0 {
					return usagef("--calls %d: use a number of calls, or 0 for all", calls)
				}
				limit = calls
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				c, err := s.Find(ctx, strings.Join(args, " "))
				if err != nil {
					return err
				}
				b, err := s.Briefing(ctx, c.ID, limit)
				if err != nil {
					return err
				}
				set, err := s.Settings(ctx)
				if err != nil {
					return err
				}
				lc := a.clientClock(b.Contact, set.Hours)
				if asJSON {
					return a.out.json(a.newShowJSON(b, lc))
				}
				total := len(b.Calls)
				if limit > 0 && total == limit {
					all, err := s.Calls(ctx, c.ID, 0)
					if err != nil {
						return err
					}
					total = len(all)
				}
				me, _ := s.Who()
				a.printBriefing(b, total, today, me, lc, set.Hours)
				twins, err := s.Twins(ctx, c.ID)
				if err != nil {
					return err
				}
				a.printTwins(c, twins)
				return nil
			})
		},
	}
	cmd.Flags().IntVar(&calls, "calls", showCalls, "how many of the last calls to show (0 for all; --json shows all unless given)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) newShowJSON(b rotation.Briefing, lc rotation.LocalClock) showJSON {
	j := showJSON{Contact: showContactJSON{contactJSON: newContactJSON(b.Contact, a.zoneJSON(b.Contact)), BestTime: newBestTimeJSON(b.Best)}, FollowUps: []followUpJSON{}, Calls: []callJSON{}}
	j.Contact.LocalTime, j.Contact.CallableNow = clockJSON(lc)
	for _, f := range b.FollowUps {
		j.FollowUps = append(j.FollowUps, followUpJSON{ID: f.ID, Text: f.Text, Created: stampJSON(f.Created)})
	}
	for _, k := range b.Calls {
		j.Calls = append(j.Calls, newCallJSON(k))
	}
	return j
}

// newCallJSON is a logged touch as show and export --contact print it.
func newCallJSON(k rotation.Call) callJSON {
	dir := k.Direction
	if dir == "" {
		dir = rotation.Out
	}
	return callJSON{
		ID: k.ID, At: stampJSON(k.At), Day: k.Day.String(), Kind: string(k.Kind), Via: string(k.Kind), Direction: string(dir),
		Outcome: string(k.Outcome), Note: k.Note, NextDue: dateJSON(k.NextDue), Revised: k.Revised, By: k.By,
	}
}

// printBriefing is the human briefing; totalCalls is how many calls the
// contact has in all, to say how many are not shown; me is who is signed
// in to a team book ("" on a personal one): a call someone else logged
// names them.
func (a *app) printBriefing(b rotation.Briefing, totalCalls int, today rotation.Date, me string, lc rotation.LocalClock, hours rotation.Hours) {
	o := a.out
	a.printBriefingTitle(b.Contact)
	o.table(a.briefingFacts(b, today, lc, hours), o.dimFirst)
	a.printBriefingWarnings(b)
	a.printBriefingFollowUps(b.FollowUps)
	a.printBriefingProfile(b.Contact)
	a.printBriefingCalls(b, totalCalls, today, me)
}

// printBriefingTitle is the briefing's first line: name, id and company.
func (a *app) printBriefingTitle(c rotation.Contact) {
	o := a.out
	title := o.bold.Render(printableLine(c.Name)) + "  " + o.dim.Render(fmt.Sprintf("#%d", c.ID))
	if c.Company != "" {
		title += o.dim.Render(" · ") + printableLine(c.Company)
	}
	o.printf("%s\n", title)
}

// briefingFacts is the briefing's table of label and value: phones,
// email, tier and cadence, the next call, the last talk and try, the
// touch since the last call (a message sent, their call), the best time
// to call, the birthday and tags; the client's local time when their zone
// is known.
func (a *app) briefingFacts(b rotation.Briefing, today rotation.Date, lc rotation.LocalClock, hours rotation.Hours) [][]string {
	o := a.out
	c := b.Contact
	var rows [][]string
	add := func(label, value string) { rows = append(rows, []string{"  " + label, value}) }
	for i, p := range c.Phones {
		label := ""
		if i == 0 {
			label = "phone"
		}
		add(label, a.briefingPhone(c, p))
	}
	if len(c.Phones) == 0 {
		add("phone", o.warn.Render("none; add one with rotate edit "+itoa64(c.ID)+" --phone NUMBER"))
	}
	if c.Email != "" {
		add("email", printableLine(c.Email))
	}
	if lc.Known {
		local := lc.Label()
		if !lc.Callable {
			local += "  " + o.warn.Render("outside calling hours "+hours.String())
		}
		add("local time", local)
	}
	cadence := c.RuleLabel(today)
	if c.FollowsTier {
		cadence += " (the tier's)"
	}
	add("tier", c.Tier+" · "+cadence)
	if c.Assignee != "" {
		add("assigned", printable(c.Assignee))
	}
	add("next call", a.nextCallText(c, today))
	if c.LastTalk.IsZero() {
		add("last talk", "never")
	} else {
		add("last talk", fmt.Sprintf("%s (%s)", rotation.Ago(c.LastTalk, today), c.LastTalk.Short(today)))
	}
	if !c.LastCall.IsZero() && c.LastOutcome != rotation.Reached && c.LastOutcome != "" {
		add("last try", fmt.Sprintf("%s, %s", c.LastCall.Short(today), c.LastOutcome))
	}
	if last := rotation.LastTouch(b.Calls, today); last != "" {
		add("since", printableLine(last))
	}
	if len(b.Best) > 0 {
		add("best time", bestTimeText(b.Best))
	}
	if !c.Birthday.IsZero() {
		add("birthday", a.briefingBirthday(c.Birthday, today))
	}
	if len(c.Tags) > 0 {
		tags := make([]string, len(c.Tags))
		for i, t := range c.Tags {
			tags[i] = printableLine(t)
		}
		add("tags", strings.Join(tags, ", "))
	}
	return rows
}

// briefingPhone is one phone of the briefing, with its label, flagged
// when it is the wrong number that paused the contact.
func (a *app) briefingPhone(c rotation.Contact, p rotation.Phone) string {
	v := rotation.PhoneText(p.Number)
	if p.Label != "" {
		v += " (" + printableLine(p.Label) + ")"
	}
	if c.Status == rotation.Paused && c.LastOutcome == rotation.WrongNumber {
		v = a.out.warn.Render(v + " — wrong number")
	}
	return v
}

// briefingBirthday is the birthday's day and month, set off when it is
// within two weeks.
func (a *app) briefingBirthday(birthday, today rotation.Date) string {
	o := a.out
	v := birthday.Time().Format("2 Jan")
	switch n := today.DaysUntil(nextBirthday(birthday, today)); {
	case n == 0:
		v = o.accent.Render(v + ", today!")
	case n <= 14:
		v = o.accent.Render(fmt.Sprintf("%s, in %s", v, rotation.Plural(n, "day")))
	}
	return v
}

// printTwins tells an owner of a team book which contacts an assistant's
// push or import flagged as possibly the same person, and how to merge.
func (a *app) printTwins(c rotation.Contact, twins []store.Twin) {
	o := a.out
	for _, t := range twins {
		from, into := c.ID, t.ID // the one added goes into the one there before
		if !t.Added {
			from, into = t.ID, c.ID
		}
		o.printf("  %s\n", o.warn.Render(fmt.Sprintf("Possibly the same person as #%d %s (the same %s, added by an assistant): rotate merge %d %d",
			t.ID, printableLine(t.Name), t.Reason, from, into)))
	}
}

// printBriefingWarnings says when the contact cannot be reached by phone
// and when an unsaved note is waiting.
func (a *app) printBriefingWarnings(b rotation.Briefing) {
	o := a.out
	c := b.Contact
	if c.Status == rotation.Active && c.Unreachable() {
		o.printf("  %s\n", o.warn.Render(fmt.Sprintf("Unreachable: %s in a row. Try email or a handwritten note.", rotation.Plural(c.Attempts, "missed call"))))
	}
	if b.Draft != nil {
		o.printf("  %s\n", o.warn.Render("An unsaved note is waiting: open rotate to finish it."))
	}
}

// printBriefingFollowUps is the "Bring up" section: the open follow-ups
// with their ids.
func (a *app) printBriefingFollowUps(followUps []rotation.FollowUp) {
	o := a.out
	o.printf("\n%s\n", o.bold.Render("Bring up"))
	if len(followUps) == 0 {
		o.printf("  %s\n", o.dim.Render("nothing open"))
	}
	var fu [][]string
	for _, f := range followUps {
		fu = append(fu, []string{"  #" + itoa64(f.ID), printableLine(f.Text)})
	}
	o.table(fu, o.dimFirst)
}

// printBriefingProfile is the "Profile" section, left out when every
// part of the profile is empty.
func (a *app) printBriefingProfile(c rotation.Contact) {
	o := a.out
	var profile [][]string
	for _, p := range [][2]string{{"Family", c.Family}, {"Occupation", c.Occupation}, {"Recreation", c.Recreation}, {"Message", c.Message}} {
		if strings.TrimSpace(p[1]) != "" {
			profile = append(profile, []string{"  " + p[0], printableLine(p[1])})
		}
	}
	if len(profile) > 0 {
		o.printf("\n%s\n", o.bold.Render("Profile"))
		o.table(profile, o.dimFirst)
	}
}

// printBriefingCalls is the "Last calls" section, and how many earlier
// calls it leaves out.
func (a *app) printBriefingCalls(b rotation.Briefing, totalCalls int, today rotation.Date, me string) {
	o := a.out
	o.printf("\n%s\n", o.bold.Render("Last calls"))
	if len(b.Calls) == 0 {
		o.printf("  %s\n", o.dim.Render("none yet"))
	}
	for _, k := range b.Calls {
		what := k.Label()
		o.printf("  %s  %s%s\n", o.dim.Render(k.Day.Short(today)), outcomeStyle(o, k.Outcome).Render(what), o.dim.Render(byWords(k.By, me)))
		if note := strings.TrimSpace(printable(k.Note)); note != "" {
			o.printf("%s\n", indentLines(note, "    "))
		}
	}
	if more := totalCalls - len(b.Calls); more > 0 {
		o.printf("  %s\n", o.dim.Render(fmt.Sprintf("… %s earlier (rotate show %d --calls 0 shows all)", rotation.Plural(more, "call"), b.Contact.ID)))
	}
}

// nextCallText says when the next call is, or why there is none.
func (a *app) nextCallText(c rotation.Contact, today rotation.Date) string {
	o := a.out
	switch {
	case c.Status == rotation.Paused:
		return o.warn.Render(fmt.Sprintf("paused; fix the number to resume (rotate edit %d --phone NUMBER)", c.ID))
	case c.Status == rotation.Archived:
		return o.dim.Render(fmt.Sprintf("archived (rotate unarchive %d brings them back)", c.ID))
	case !c.Returned.IsZero():
		return o.accent.Render("call back (they called " + c.Returned.Short(today) + ")")
	case c.Due.IsZero():
		return "not planned"
	case c.Due < today:
		return o.warn.Render(fmt.Sprintf("%s, %s late", c.Due.Short(today), rotation.Plural(c.Due.DaysUntil(today), "day")))
	case c.Due == today && !c.DueTime.IsZero():
		return o.accent.Render("today at " + c.DueTime.String())
	case c.Due == today:
		return o.accent.Render("today")
	case !c.DueTime.IsZero():
		return fmt.Sprintf("%s at %s, in %s", c.Due.Short(today), c.DueTime, rotation.Plural(today.DaysUntil(c.Due), "day"))
	}
	return fmt.Sprintf("%s, in %s", c.Due.Short(today), rotation.Plural(today.DaysUntil(c.Due), "day"))
}

// nextBirthday is the next anniversary of bd on or after today; Feb 29
// falls on Feb 28 outside leap years.
func nextBirthday(bd, today rotation.Date) rotation.Date {
	for y := today.Year(); ; y++ {
		d := rotation.NewDate(y, bd.Month(), bd.Day())
		if d.Month() != bd.Month() {
			d = rotation.NewDate(y, bd.Month(), bd.Day()-1)
		}
		if d >= today {
			return d
		}
	}
}

// indentLines puts prefix before every line of s.
func indentLines(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

func itoa64(n int64) string { return fmt.Sprint(n) }

// byWords is " · by bob" for a call someone other than me logged on a
// team book, and "" for one's own calls and on a personal book.
func byWords(by, me string) string {
	if by == "" || by == me {
		return ""
	}
	return " · by " + printableLine(by)
}
