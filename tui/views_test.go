package tui

import (
	"context"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"rotate/rotation"
)

// keysThen presses keys ("type:..." types text) on a model. "pause" is
// typing pausing: the search's timer fires, as it would in a while.
func keysThen(t *testing.T, m Model, keys ...string) Model {
	t.Helper()
	for _, k := range keys {
		if k == "pause" {
			m = run(t, m, searchTickMsg{m.search.seq})
			continue
		}
		if strings.HasPrefix(k, "type:") {
			m = run(t, m, typeText(k[5:])...)
			continue
		}
		m = run(t, m, press(k))
	}
	return m
}

func TestSwitchViews(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	tests := []struct {
		keys []string
		want view
		tab  string
	}{
		{[]string{"2"}, viewContacts, "[2 Contacts]"},
		{[]string{"3"}, viewUpcoming, "[3 Upcoming]"},
		{[]string{"4"}, viewStats, "[4 Stats]"},
		{[]string{"5"}, viewSearch, "[5 Search]"},
		{[]string{"tab"}, viewContacts, "[2 Contacts]"},
		{[]string{"shift+tab"}, viewSearch, "[5 Search]"},
		{[]string{"3", "1"}, viewToday, "[1 Today]"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.keys, "_"), func(t *testing.T) {
			m := keysThen(t, open(t, s, 80, 24), tt.keys...)
			if m.view != tt.want {
				t.Fatalf("view = %v, want %v", m.view, tt.want)
			}
			if !strings.Contains(screen(m), tt.tab) {
				t.Fatalf("tab bar does not mark %s:\n%s", tt.tab, screen(m))
			}
		})
	}
}

func TestContactsFilterAndSort(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	names := func(m Model) []string {
		var out []string
		for _, i := range m.contacts.shown {
			out = append(out, m.contacts.all[i].Name)
		}
		return out
	}
	m := keysThen(t, open(t, s, 80, 24), "2")
	if got := strings.Join(names(m), ","); got != "Bob Smith,Carol King,Dan Brown,Erin Later,Jane Doe,Jürgen Müller" {
		t.Fatalf("by name: %s", got)
	}
	m = keysThen(t, m, "s", "s", "s") // past last name and tier (lists_test.go)
	if got := strings.Join(names(m), ","); got != "Jane Doe,Bob Smith,Carol King,Jürgen Müller,Erin Later,Dan Brown" {
		t.Fatalf("by next due: %s", got)
	}
	m = keysThen(t, m, "s")
	if got := names(m)[0]; got != "Bob Smith" && got != "Carol King" && got != "Erin Later" {
		t.Fatalf("by last talk, never-reached first: %s", got)
	}
	tests := []struct{ query, want string }{
		{"jur", "Jürgen Müller"},
		{"doe jane", "Jane Doe"},
		{"JANE", "Jane Doe"},
		{"sons", "Bob Smith"}, // the company
		{"mueller", ""},       // no such letters in order
	}
	for _, tt := range tests {
		m := keysThen(t, open(t, s, 80, 24), "2", "/", "type:"+tt.query)
		got := names(m)
		if tt.want == "" {
			if len(got) != 0 {
				t.Errorf("%q matched %v", tt.query, got)
			}
			continue
		}
		if len(got) == 0 || got[0] != tt.want {
			t.Errorf("%q: best match %v, want %s", tt.query, got, tt.want)
		}
		m = keysThen(t, m, "esc")
		if len(names(m)) != 6 {
			t.Errorf("esc did not clear the filter")
		}
	}
}

func TestContactFormValidatesAndSaves(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	m := keysThen(t, open(t, s, 80, 24), "2", "a")
	if m.form == nil {
		t.Fatal("a did not open the form")
	}
	m = keysThen(t, m, "ctrl+s")
	if m.form == nil || !strings.Contains(screen(m), "fix the fields marked ✗ first") {
		t.Fatalf("saved an empty form:\n%s", screen(m))
	}
	m = keysThen(t, m, "type:Nora Quinn", "tab", "type:+1 555 0300:mobile", "tab", "type:nora-at-example", "tab", "tab", "tab")
	m.form.inputs[ffRule].SetValue("")
	m = keysThen(t, m, "type:every fortnight")
	out := screen(m)
	for _, want := range []string{"✗ not an email address", "✗ try every 90d"} {
		if !strings.Contains(out, want) {
			t.Errorf("form lacks %q:\n%s", want, out)
		}
	}
	m = keysThen(t, m, "ctrl+s")
	if _, err := s.Find(ctx, "Nora Quinn"); err == nil {
		t.Fatal("an invalid contact was saved")
	}
	m.form.inputs[ffEmail].SetValue("nora@example.com")
	m.form.inputs[ffRule].SetValue("every 2w")
	m = keysThen(t, m, "ctrl+s")
	if m.form != nil {
		t.Fatalf("form still open:\n%s", screen(m))
	}
	nora, err := s.Find(ctx, "Nora Quinn")
	if err != nil {
		t.Fatal(err)
	}
	if nora.Rule.String() != "every 2w" || nora.Email != "nora@example.com" || nora.Due < today || nora.Due > today.AddDays(14) {
		t.Fatalf("saved %+v", nora)
	}
	// Edit: change the company.
	m = keysThen(t, m, "/", "type:nora", "enter", "e")
	if m.form == nil || m.form.orig == nil || m.form.inputs[ffName].Value() != "Nora Quinn" {
		t.Fatalf("e did not open the edit form:\n%s", screen(m))
	}
	m.form.inputs[ffCompany].SetValue("Quinn & Co")
	m = keysThen(t, m, "ctrl+s")
	if c, _ := s.Find(ctx, "Nora Quinn"); c.Company != "Quinn & Co" || len(c.Phones) != 1 {
		t.Fatalf("edit saved %+v", c)
	}
}

func TestContactActions(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	m := keysThen(t, open(t, s, 80, 24), "2", "/", "type:carol", "enter")
	m = keysThen(t, m, "x", "y")
	if c, _ := s.Find(ctx, "Carol King"); c.Status != rotation.Archived {
		t.Fatalf("x: status %s", c.Status)
	}
	m = keysThen(t, m, "x", "y")
	if c, _ := s.Find(ctx, "Carol King"); c.Status != rotation.Active || c.Due != today {
		t.Fatalf("x again: %s due %s", c.Status, c.Due)
	}
	m = keysThen(t, m, "p", "y")
	if c, _ := s.Find(ctx, "Carol King"); c.Status != rotation.Paused {
		t.Fatalf("p: status %s", c.Status)
	}
	m = keysThen(t, m, "p", "y", "z", "type:someday", "enter")
	if !strings.Contains(screen(m), "unknown date") {
		t.Fatalf("bad snooze date not shown:\n%s", screen(m))
	}
	m.contacts.snooze.SetValue("")
	m = keysThen(t, m, "type:next monday", "enter")
	if c, _ := s.Find(ctx, "Carol King"); c.Due.String() != "2026-11-30" {
		t.Fatalf("snooze: due %s", c.Due)
	}
	m = keysThen(t, m, "enter")
	if m.history == nil || !strings.Contains(screen(m), "Carol King") {
		t.Fatalf("enter did not open the history:\n%s", screen(m))
	}
	m = keysThen(t, m, "esc")
	if m.history != nil {
		t.Fatal("esc did not close the history")
	}
}

func TestHistoryShowsEverything(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := keysThen(t, open(t, s, 140, 40), "2", "/", "type:jurgen", "enter", "enter")
	out := screen(m)
	for _, want := range []string{"Jürgen Müller", "Calls and notes (3)", "Left a message about the renewal.", "voicemail · next", "no-answer"} {
		if !strings.Contains(out, want) {
			t.Errorf("history lacks %q:\n%s", want, out)
		}
	}
}

func TestUpcomingAndTimeAway(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	m := keysThen(t, open(t, s, 80, 24), "3")
	out := screen(m)
	for _, want := range []string{"Calls per day · capacity", "Wed 25 Nov", "Sat 28 Nov  day off", "Wednesday 25 November", "Jane Doe"} {
		if !strings.Contains(out, want) {
			t.Errorf("upcoming lacks %q:\n%s", want, out)
		}
	}
	m = keysThen(t, m, "j", "j", "j", "j", "j")
	if !strings.Contains(screen(m), "Erin Later") {
		t.Errorf("Mon 30 Nov does not list Erin:\n%s", screen(m))
	}
	m = keysThen(t, m, "a", "type:dec 24 to jan 2", "enter")
	set, _ := s.Settings(ctx)
	if v, _ := set.Get("away"); v != "2026-12-24..2027-01-02" {
		t.Fatalf("away = %q", v)
	}
	m = keysThen(t, m, "G")
	m = keysThen(t, m, "a", "type:nonsense", "enter")
	if !strings.Contains(screen(m), "unknown date") {
		t.Fatalf("bad away range not shown:\n%s", screen(m))
	}
	m = keysThen(t, m, "esc", "A", "y")
	set, _ = s.Settings(ctx)
	if v, _ := set.Get("away"); v != "none" {
		t.Fatalf("A left away = %q", v)
	}
}

func TestStatsView(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	out := screen(keysThen(t, open(t, s, 80, 24), "4"))
	for _, want := range []string{"Coverage", "all       50%  3 of 6 not late, 4 never reached", "tier A    50%", "Calls per week", "Longest without a conversation", "never reached"} {
		if !strings.Contains(out, want) {
			t.Errorf("stats lacks %q:\n%s", want, out)
		}
	}
}

func TestSearchView(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := keysThen(t, open(t, s, 80, 24), "5", "type:ballet", "pause")
	out := screen(m)
	for _, want := range []string{"Search notes › ballet", "2 matches", "Jane Doe · Thu 20 Aug · note", "Jennifer's ballet recital"} {
		if !strings.Contains(out, want) {
			t.Errorf("search lacks %q:\n%s", want, out)
		}
	}
	// Letters go to the query, not to the view switches.
	m = keysThen(t, m, "type:2")
	if m.view != viewSearch {
		t.Fatal("a digit in the query switched views")
	}
	m = keysThen(t, m, "backspace", "enter")
	if m.history == nil || m.history.contact.Name != "Jane Doe" {
		t.Fatal("enter did not open the hit's contact")
	}
}

func TestGoldenViews(t *testing.T) {
	screens := []struct {
		name string
		keys []string
	}{
		{"contacts", []string{"2"}},
		{"contacts_filter", []string{"2", "/", "type:doe jane"}},
		{"form_errors", []string{"2", "a", "type:Nora", "tab", "type:no digits", "tab", "type:nora", "tab", "tab", "type:Z"}},
		{"history", []string{"2", "/", "type:jane", "enter", "enter"}},
		{"upcoming", []string{"3"}},
		{"upcoming_away", []string{"3", "a", "type:nov 27 to dec 1", "enter", "j", "j", "j", "j", "j"}},
		{"stats", []string{"4"}},
		{"search", []string{"5", "type:ballet", "pause"}},
	}
	for _, size := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"140x40", 140, 40}} {
		for _, sc := range screens {
			t.Run(sc.name+"_"+size.name, func(t *testing.T) {
				s := newBook(t)
				seedBook(t, s)
				golden.RequireEqual(t, screen(keysThen(t, open(t, s, size.w, size.h), sc.keys...)))
			})
		}
		for _, v := range []string{"2", "3", "4", "5"} {
			t.Run("empty_"+v+"_"+size.name, func(t *testing.T) {
				golden.RequireEqual(t, screen(keysThen(t, open(t, newBook(t), size.w, size.h), v)))
			})
		}
	}
}

func TestFixingAWrongNumberResumes(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	m := keysThen(t, open(t, s, 80, 24), "enter", "w", "ctrl+s", "ctrl+s") // Jane: wrong number (asked, confirmed)
	if c, _ := s.Find(ctx, "Jane Doe"); c.Status != rotation.Paused {
		t.Fatalf("not paused: %s", c.Status)
	}
	m = keysThen(t, m, "2", "/", "type:jane", "enter", "e")
	m.form.inputs[ffPhones].SetValue("+1 555 0111:mobile")
	m = keysThen(t, m, "ctrl+s")
	if c, _ := s.Find(ctx, "Jane Doe"); c.Status != rotation.Active || c.Due != today {
		t.Fatalf("after fixing the number: %s due %s", c.Status, c.Due)
	}
}
