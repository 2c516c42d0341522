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

// TestContactFormEmptyCadenceFollowsTier: an empty cadence in the form
// means the tier's, and a contact following its tier takes the cadence of
// a new tier; a cadence typed stays.
func TestContactFormEmptyCadenceFollowsTier(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	edit := func(m Model, set map[int]string) Model {
		t.Helper()
		m = keysThen(t, m, "e")
		if m.form == nil {
			t.Fatalf("no form:\n%s", screen(m))
		}
		for i, v := range set {
			m.form.inputs[i].SetValue(v)
		}
		m = keysThen(t, m, "ctrl+s")
		if m.form != nil {
			t.Fatalf("the form did not save:\n%s", screen(m))
		}
		return m
	}
	m := edit(keysThen(t, open(t, s, 80, 24), "2", "/", "type:erin", "enter"), map[int]string{ffRule: ""})
	erin, _ := s.Find(ctx, "Erin Later")
	if !erin.FollowsTier || erin.Rule.String() != "every 90d" {
		t.Fatalf("an empty cadence: follows tier %v, rule %s; want tier B's every 90d", erin.FollowsTier, erin.Rule)
	}
	m = keysThen(t, m, "e")
	if v := m.form.inputs[ffRule].Value(); v != "" || !strings.Contains(m.form.inputs[ffRule].Placeholder, "tier B's, now every 90d") {
		t.Errorf("a follower's cadence field shows %q (placeholder %q); want it empty with the tier's rule as a hint", v, m.form.inputs[ffRule].Placeholder)
	}
	m = keysThen(t, m, "esc")
	m = edit(m, map[int]string{ffTier: "A"})
	if erin, _ = s.Find(ctx, "Erin Later"); erin.Rule.String() != "every 30d" || !erin.FollowsTier {
		t.Errorf("a new tier: rule %s; want tier A's every 30d", erin.Rule)
	}
	edit(m, map[int]string{ffRule: "every 2w", ffTier: "C"})
	if erin, _ = s.Find(ctx, "Erin Later"); erin.Rule.String() != "every 2w" || erin.FollowsTier {
		t.Errorf("a typed cadence: rule %s, follows tier %v; want every 2w of its own", erin.Rule, erin.FollowsTier)
	}
}
