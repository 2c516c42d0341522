package tui

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// listBook is a book whose names need folding to sort, with tags in
// mixed case and accents, and an override in force.
func listBook(t *testing.T) *store.Store {
	t.Helper()
	s := newBook(t)
	ctx := context.Background()
	for _, c := range []rotation.Contact{
		{Name: "Zoë Adams", Tier: "A", Tags: []string{"Golf"}},
		{Name: "Élodie Martin", Tier: "B", Tags: []string{"Café"}},
		{Name: "anna Young", Tier: "C"},
		{Name: "Bob Zeller", Tier: "B", Tags: []string{"vip"},
			Schedule: rotation.Schedule{Override: rotation.MustRule("every 2d"), OverrideUntil: rotation.MustDate("2026-12-15")}},
	} {
		c.Status = rotation.Active
		if c.Rule.IsZero() {
			c.Rule = rotation.MustRule("every 90d")
		}
		c.Due = today.AddDays(3)
		if _, err := s.AddContact(ctx, c, today); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// rowsOrder is the names of the Contacts rows, top to bottom.
func rowsOrder(m Model) string {
	var out []string
	for _, i := range m.contacts.shown {
		out = append(out, m.contacts.all[i].Name)
	}
	return strings.Join(out, " | ")
}

// The Contacts view shows the truth: names sorted as people expect, by
// last name and tier on s, the filter matching tags whatever their case
// or accents (as its placeholder says), an override in force shown.
func TestContactsListShowsTheTruth(t *testing.T) {
	s := listBook(t)
	m := keysThen(t, open(t, s, 80, 24), "2")
	if got, want := rowsOrder(m), "anna Young | Bob Zeller | Élodie Martin | Zoë Adams"; got != want {
		t.Errorf("by name: %s, want %s", got, want)
	}
	for _, tt := range []struct{ sort, want string }{
		{"last name", "Zoë Adams | Élodie Martin | anna Young | Bob Zeller"},
		{"tier", "Zoë Adams | Bob Zeller | Élodie Martin | anna Young"},
	} {
		m = keysThen(t, m, "s")
		if !strings.Contains(screen(m), "Sorted by "+tt.sort+".") {
			t.Errorf("s: no %q:\n%s", tt.sort, screen(m))
		}
		if got := rowsOrder(m); got != tt.want {
			t.Errorf("by %s: %s, want %s", tt.sort, got, tt.want)
		}
	}
	if !regexp.MustCompile(`Bob Zeller\s+B\s+2d→15 Dec`).MatchString(screen(m)) {
		t.Errorf("the override in force is not shown:\n%s", screen(m))
	}
	for _, tt := range []struct{ query, want string }{
		{"golf", "Zoë Adams"},
		{"GOLF", "Zoë Adams"},
		{"cafe", "Élodie Martin"},
		{"CAFÉ", "Élodie Martin"},
		{"VIP", "Bob Zeller"},
	} {
		m = keysThen(t, m, "/", "type:"+tt.query)
		if got := rowsOrder(m); got != tt.want {
			t.Errorf("filter %q: %q, want %q", tt.query, got, tt.want)
		}
		m = keysThen(t, m, "esc")
	}
}

// The contact form shows each field from its start, however long, and a
// birthday without a year as a day and month (never the year 1604), kept
// as such when saved.
func TestContactFormShowsFieldsTruly(t *testing.T) {
	s := newBook(t)
	ctx := context.Background()
	bd, err := rotation.ParseBirthday("12 Apr")
	if err != nil {
		t.Fatal(err)
	}
	long := "Wants to retire at 60, sell the house in Porto and sail around the Azores with the grandchildren every summer"
	if _, err := s.AddContact(ctx, rotation.Contact{Name: "Ana Díaz", Tier: "B", Birthday: bd,
		Profile:  rotation.Profile{Message: long},
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 90d"), Due: today.AddDays(3), Status: rotation.Active}}, today); err != nil {
		t.Fatal(err)
	}
	m := keysThen(t, open(t, s, 80, 24), "2", "e")
	out := screen(m)
	if !strings.Contains(out, "Message     Wants to retire at 60") {
		t.Errorf("the long message does not show its start:\n%s", out)
	}
	if !regexp.MustCompile(`Birthday\s+12 Apr\b`).MatchString(out) || strings.Contains(out, "1604") {
		t.Errorf("the birthday without a year is not a day and month:\n%s", out)
	}
	// Through the message and back: it shows its start again.
	m = keysThen(t, m, "shift+tab", "tab")
	if out := screen(m); !strings.Contains(out, "Message     Wants to retire at 60") {
		t.Errorf("after leaving the field, not its start:\n%s", out)
	}
	m = keysThen(t, m, "ctrl+s")
	c, _ := s.Find(ctx, "Ana Díaz")
	if c.Birthday != bd || c.Message != long {
		t.Fatalf("saved birthday %s message %q", c.Birthday, c.Message)
	}
}

// A search snippet reads as `rotate search` prints it: the line breaks
// of a note next to a match are spaces, never dropped.
func TestSearchSnippetKeepsSpaces(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	c, _ := s.Find(ctx, "Carol King")
	if _, err := s.LogCall(ctx, rotation.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Kind: rotation.KindCall,
		Note: "Heike says hi, they are off to the\nAlps in March\nand back for the review", At: clock(), Today: today}); err != nil {
		t.Fatal(err)
	}
	m := keysThen(t, open(t, s, 140, 40), "5", "type:alps", "pause")
	out := screen(m)
	if !strings.Contains(out, "off to the Alps in March and") {
		t.Fatalf("the snippet lost a space:\n%s", out)
	}
}

// The "Done today" list and the header count follow a snooze or an edit
// after the call: the list shows the next call as it is now, and someone
// brought back to today's list counts once, as still to do.
func TestDoneTodayFollowsSnoozes(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 80, 24)
	m = logKeys(t, m, "r", "type:Fine.", "ctrl+s")
	if out := screen(m); !strings.Contains(out, "2 of 5 done") || !strings.Contains(out, "✓ Jane Doe  reached → Mon 22 Feb 2027") {
		t.Fatalf("after the call:\n%s", out)
	}
	m = keysThen(t, m, "2", "/", "type:jane", "enter", "z", "type:next monday", "enter", "1")
	if out := screen(m); !strings.Contains(out, "2 of 5 done") || !strings.Contains(out, "✓ Jane Doe  reached → Mon 30 Nov") {
		t.Fatalf("after snoozing Jane to Monday:\n%s", out)
	}
	m = keysThen(t, m, "2", "esc", "/", "type:jane", "enter", "z", "type:today", "enter", "1")
	if out := screen(m); !strings.Contains(out, "1 of 5 done") || !strings.Contains(out, "✓ Jane Doe  reached → Wed 25 Nov") {
		t.Fatalf("after bringing Jane back to today:\n%s", out)
	}
}

// TestDoneTodayShowsTheNextCallOnce: someone called twice today (no
// answer, then the callback) has the next call on their last row only,
// since it is theirs as it is now, not what each call set.
func TestDoneTodayShowsTheNextCallOnce(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	jane, err := s.Find(ctx, "Jane Doe")
	if err != nil {
		t.Fatal(err)
	}
	day := rotation.MustDate("2026-11-25")
	for i, o := range []rotation.Outcome{rotation.NoAnswer, rotation.Reached} {
		at := day.Time().Add(time.Duration(9+i) * time.Hour)
		if _, err := s.LogCall(ctx, rotation.LogEntry{ContactID: jane.ID, Outcome: o, At: at, Today: day}); err != nil {
			t.Fatal(err)
		}
	}
	out := screen(open(t, s, 80, 24))
	if !regexp.MustCompile(`✓ Jane Doe  no-answer *\n`).MatchString(out) || !strings.Contains(out, "✓ Jane Doe  reached →") {
		t.Fatalf("Done today:\n%s", out)
	}
}
