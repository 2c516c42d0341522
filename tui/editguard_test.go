package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
)

// TestContactFormNeverSavesStale: a form open while a call is logged
// elsewhere (another terminal, a colleague) saves only what was typed, and
// an edit of the schedule is refused with the form kept and a one-line
// reason. Seen: the form saved the old next date back, so the contact was
// due again.
func TestContactFormNeverSavesStale(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	erin, err := s.Find(ctx, "Erin Later")
	if err != nil {
		t.Fatal(err)
	}
	logElsewhere := func(o rotation.Outcome) rotation.Date {
		t.Helper()
		res, err := s.LogCall(ctx, rotation.LogEntry{ContactID: erin.ID, Outcome: o, At: clock().Add(-time.Hour), Today: today})
		if err != nil {
			t.Fatal(err)
		}
		return res.Next.Due
	}
	openErin := func(m Model) Model {
		t.Helper()
		m = keysThen(t, m, "/", "type:erin", "enter", "e")
		if m.form == nil || m.form.orig == nil || m.form.orig.ID != erin.ID {
			t.Fatalf("e did not open Erin's form:\n%s", screen(m))
		}
		return m
	}
	m := openErin(keysThen(t, open(t, s, 80, 24), "2"))
	due := logElsewhere(rotation.Reached)
	m.form.inputs[ffCompany].SetValue("Later Inc")
	m = keysThen(t, m, "ctrl+s")
	if m.form != nil {
		t.Fatalf("the form did not save:\n%s", screen(m))
	}
	got, _ := s.Contact(ctx, erin.ID)
	if got.Company != "Later Inc" || got.Due != due || got.LastTalk != today {
		t.Fatalf("after the edit: company %q, next call %s; want Later Inc and the log's %s", got.Company, got.Due, due)
	}

	m = openErin(keysThen(t, m, "esc"))
	logElsewhere(rotation.NoAnswer)
	before, _ := s.Contact(ctx, erin.ID)
	m.form.inputs[ffDue].SetValue("2027-01-20")
	m.form.inputs[ffMessage].SetValue("typed with care")
	m = keysThen(t, m, "ctrl+s")
	if m.form == nil {
		t.Fatalf("a conflicting edit closed the form:\n%s", screen(m))
	}
	if v := m.form.inputs[ffDue].Value(); v != "2027-01-20" || m.form.inputs[ffMessage].Value() != "typed with care" {
		t.Errorf("the form lost what was typed: next call %q", v)
	}
	out := screen(m)
	if !strings.Contains(out, "Erin Later changed meanwhile") {
		t.Errorf("no reason shown:\n%s", out)
	}
	if after, _ := s.Contact(ctx, erin.ID); after.Due != before.Due || after.Message != before.Message {
		t.Errorf("a refused edit was saved: next call %s, message %q", after.Due, after.Message)
	}
}
