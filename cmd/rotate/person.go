package main

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// personJSON is rotate export --contact WHO --format json: everything the
// book holds about one person.
type personJSON struct {
	ExportedAt string         `json:"exported_at"`
	Contact    contactJSON    `json:"contact"`
	Calls      []callJSON     `json:"calls"` // oldest first
	FollowUps  []personFollow `json:"followups"`
	Draft      *personDraft   `json:"draft"`
	History    []personChange `json:"history"`
}

type personFollow struct {
	ID       int64  `json:"id"`
	Text     string `json:"text"`
	Created  any    `json:"created"`
	Resolved any    `json:"resolved"`
}

type personDraft struct {
	Outcome   string `json:"outcome"`
	Note      string `json:"note"`
	FollowUps string `json:"followups"`
	Updated   any    `json:"updated"`
}

type personChange struct {
	CallID int64 `json:"call_id"`
	versionJSON
}

// exportPerson writes everything held about one person as JSON or text.
func (a *app) exportPerson(cmd *cobra.Command, who, format, out string, days bool) error {
	switch {
	case days:
		return usagef("--days goes with --format ics")
	case format == "txt":
		format = "text"
	case format != "json" && format != "text":
		return usagef("--format %q with --contact: use json or text", format)
	}
	if out != "" {
		if err := checkOutFolder(out); err != nil {
			return err
		}
	}
	return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
		c, err := s.Find(ctx, who)
		if err != nil {
			return err
		}
		r, err := s.Person(ctx, c.ID)
		if err != nil {
			return err
		}
		now := a.now() // ROTATE_TODAY rules the day, as everywhere
		write := func(w io.Writer) error {
			if format == "json" {
				o := newOutput(w, nil)
				return o.json(personToJSON(r, now))
			}
			return writePersonText(w, r, now)
		}
		if out == "" {
			return write(a.stdout)
		}
		if err := writeFileAtomic(out, write); err != nil {
			return err
		}
		a.out.printf("Exported everything held about %s to %s.\n", printableLine(c.Name), printable(out))
		return nil
	})
}

func personToJSON(r store.PersonRecord, now time.Time) personJSON {
	j := personJSON{ExportedAt: now.UTC().Format(time.RFC3339), Contact: newContactJSON(r.Contact, givenZoneJSON(r.Contact)),
		Calls: []callJSON{}, FollowUps: []personFollow{}, History: []personChange{}}
	for _, k := range r.Calls {
		j.Calls = append(j.Calls, newCallJSON(k))
	}
	for _, f := range r.FollowUps {
		j.FollowUps = append(j.FollowUps, personFollow{f.ID, f.Text, stampJSON(f.Created), stampJSON(f.Resolved)})
	}
	if d := r.Draft; d != nil {
		j.Draft = &personDraft{string(d.Outcome), d.Note, d.FollowUps, stampJSON(d.Updated)}
	}
	for _, id := range historyIDs(r) {
		for _, v := range r.History[id] {
			j.History = append(j.History, personChange{id, newVersionJSON(v)})
		}
	}
	return j
}

func historyIDs(r store.PersonRecord) []int64 {
	var ids []int64
	for id := range r.History {
		ids = append(ids, id)
	}
	for i := 1; i < len(ids); i++ {
		for j := i; j > 0 && ids[j] < ids[j-1]; j-- {
			ids[j], ids[j-1] = ids[j-1], ids[j]
		}
	}
	return ids
}

// writePersonText is the record as a person reads it: plain text, no
// codes, dates spelled out.
func writePersonText(w io.Writer, r store.PersonRecord, now time.Time) error {
	var t personText
	t.details(r.Contact, now)
	t.calls(r.Calls)
	t.followUps(r)
	t.history(r)
	_, err := io.WriteString(w, t.b.String())
	return err
}

// personText builds the text of a person's record. Every line is made
// printable as a whole, whatever field it shows (a label written by psql,
// a kind), so the record is safe to cat.
type personText struct{ b strings.Builder }

func (t *personText) line(format string, args ...any) {
	t.b.WriteString(printable(fmt.Sprintf(format, args...)) + "\n")
}

// field is a line of label and value, left out when the value is empty.
func (t *personText) field(label, value string) {
	if strings.TrimSpace(value) != "" {
		t.line("  %-12s %s", label+":", printableLine(value))
	}
}

// details is the record's heading and the contact's own fields.
func (t *personText) details(c rotation.Contact, now time.Time) {
	t.line("Everything held about %s", printableLine(c.Name))
	t.line("Exported on %s.", now.Local().Format("Monday 2 January 2006 at 15:04"))
	t.line("")
	t.line("Details")
	t.field("Name", c.Name)
	for _, p := range c.Phones {
		label := "Phone"
		if p.Label != "" {
			label = "Phone (" + p.Label + ")"
		}
		t.field(label, p.Number)
	}
	t.field("E-mail", c.Email)
	t.field("Company", c.Company)
	if !c.Birthday.IsZero() {
		t.field("Birthday", c.Birthday.Time().Format("2 January 2006"))
	}
	t.field("Family", c.Family)
	t.field("Occupation", c.Occupation)
	t.field("Recreation", c.Recreation)
	t.field("Message", c.Message)
	if len(c.Tags) > 0 {
		t.field("Tags", strings.Join(c.Tags, ", "))
	}
	t.field("Calls", c.Schedule.RuleLabel(rotation.DateOf(now)))
	if !c.Due.IsZero() {
		t.field("Next call", c.Due.Time().Format("Monday 2 January 2006"))
	}
}

// calls lists the calls and notes, oldest first.
func (t *personText) calls(calls []rotation.Call) {
	t.line("")
	t.line("Calls and notes (%d), oldest first", len(calls))
	for _, k := range calls {
		what := k.Label()
		corrected := ""
		if k.Revised {
			corrected = " (corrected)"
		}
		by := ""
		if k.By != "" {
			by = ", by " + printableLine(k.By)
		}
		t.line("  %s  %s%s%s", k.At.Local().Format("2 Jan 2006 15:04"), what, corrected, by)
		if k.Note != "" {
			t.line("    %s", printable(strings.ReplaceAll(k.Note, "\n", "\n    ")))
		}
	}
}

// followUps lists the follow-ups, open and done, and the note being
// written.
func (t *personText) followUps(r store.PersonRecord) {
	t.line("")
	t.line("Things to follow up (%d)", len(r.FollowUps))
	for _, f := range r.FollowUps {
		state := "open"
		if !f.Resolved.IsZero() {
			state = "done " + f.Resolved.Local().Format("2 Jan 2006")
		}
		t.line("  %s  %s (%s)", f.Created.Local().Format("2 Jan 2006"), printableLine(f.Text), state)
	}
	if d := r.Draft; d != nil {
		t.line("")
		t.line("A note being written")
		t.line("    %s", printable(strings.ReplaceAll(d.Note, "\n", "\n    ")))
	}
}

// history lists the earlier versions of corrected calls.
func (t *personText) history(r store.PersonRecord) {
	if len(r.History) == 0 {
		return
	}
	t.line("")
	t.line("Corrections to calls (earlier versions kept)")
	for _, id := range historyIDs(r) {
		for _, v := range r.History[id] {
			by := ""
			if v.By != "" {
				by = " by " + v.By
			}
			t.line("  call %d: %s%s on %s: %s", id, v.Action, by, v.At.Local().Format("2 Jan 2006 15:04"), v.Outcome)
			if v.Note != "" {
				t.line("    %s", printable(strings.ReplaceAll(v.Note, "\n", "\n    ")))
			}
		}
	}
}
