package tui

import (
	"context"
	"regexp"
	"strings"
	"testing"

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
