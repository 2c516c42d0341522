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
		a.out.printf("Exported everything held about %s to %s.\n", cleanLine(c.Name), clean(out))
		return nil
	})
}

func personToJSON(r store.PersonRecord, now time.Time) personJSON {
	j := personJSON{ExportedAt: now.UTC().Format(time.RFC3339), Contact: newContactJSON(r.Contact, givenZoneJSON(r.Contact)),
		Calls: []callJSON{}, FollowUps: []personFollow{}, History: []personChange{}}
	for _, k := range r.Calls {
		j.Calls = append(j.Calls, callJSON{ID: k.ID, At: stampJSON(k.At), Day: k.Day.String(), Kind: k.Kind,
			Outcome: string(k.Outcome), Note: k.Note, NextDue: dateJSON(k.NextDue), Revised: k.Revised})
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
	var b strings.Builder
	c := r.Contact
	// Every line is made printable as a whole, whatever field it shows
	// (a label written by psql, a kind), so the record is safe to cat.
	line := func(format string, args ...any) { b.WriteString(clean(fmt.Sprintf(format, args...)) + "\n") }
	field := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			line("  %-12s %s", label+":", cleanLine(value))
		}
	}
	line("Everything held about %s", cleanLine(c.Name))
	line("Exported on %s.", now.Local().Format("Monday 2 January 2006 at 15:04"))
	line("")
	line("Details")
	field("Name", c.Name)
	for _, p := range c.Phones {
		label := "Phone"
		if p.Label != "" {
			label = "Phone (" + p.Label + ")"
		}
		field(label, p.Number)
	}
	field("E-mail", c.Email)
	field("Company", c.Company)
	if !c.Birthday.IsZero() {
		field("Birthday", c.Birthday.Time().Format("2 January 2006"))
	}
	field("Family", c.Family)
	field("Occupation", c.Occupation)
	field("Recreation", c.Recreation)
	field("Message", c.Message)
	if len(c.Tags) > 0 {
		field("Tags", strings.Join(c.Tags, ", "))
	}
	field("Calls", c.Schedule.RuleLabel(rotation.DateOf(now)))
	if !c.Due.IsZero() {
		field("Next call", c.Due.Time().Format("Monday 2 January 2006"))
	}
	line("")
	line("Calls and notes (%d), oldest first", len(r.Calls))
	for _, k := range r.Calls {
		what := string(k.Outcome)
		if k.Kind == rotation.KindNote {
			what = "note"
		} else if k.Kind != rotation.KindCall && k.Kind != "" {
			what = k.Kind + ", " + what
		}
		corrected := ""
		if k.Revised {
			corrected = " (corrected)"
		}
		line("  %s  %s%s", k.At.Local().Format("2 Jan 2006 15:04"), what, corrected)
		if k.Note != "" {
			line("    %s", clean(strings.ReplaceAll(k.Note, "\n", "\n    ")))
		}
	}
	line("")
	line("Things to follow up (%d)", len(r.FollowUps))
	for _, f := range r.FollowUps {
		state := "open"
		if !f.Resolved.IsZero() {
			state = "done " + f.Resolved.Local().Format("2 Jan 2006")
		}
		line("  %s  %s (%s)", f.Created.Local().Format("2 Jan 2006"), cleanLine(f.Text), state)
	}
	if d := r.Draft; d != nil {
		line("")
		line("A note being written")
		line("    %s", clean(strings.ReplaceAll(d.Note, "\n", "\n    ")))
	}
	if len(r.History) > 0 {
		line("")
		line("Corrections to calls (earlier versions kept)")
		for _, id := range historyIDs(r) {
			for _, v := range r.History[id] {
				by := ""
				if v.By != "" {
					by = " by " + v.By
				}
				line("  call %d: %s%s on %s: %s", id, v.Action, by, v.At.Local().Format("2 Jan 2006 15:04"), v.Outcome)
				if v.Note != "" {
					line("    %s", clean(strings.ReplaceAll(v.Note, "\n", "\n    ")))
				}
			}
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}
