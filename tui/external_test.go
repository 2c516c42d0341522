package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
	"rotate/store/pgtest"
)

// TestExternalChangeRefreshesWithoutLosingTheNote: a call logged by
// another process (here straight through the store) shows up at the next
// poll, while the note being typed stays as it is.
func TestExternalChangeRefreshesWithoutLosingTheNote(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	m := open(t, s, 80, 24)
	m = logKeys(t, m, "r", "type:Typing while someone else logs")

	bob, err := s.Find(ctx, "Bob Smith")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LogCall(ctx, rotation.LogEntry{ContactID: bob.ID, Outcome: rotation.Reached,
		At: clock(), Today: today, Note: "from the other terminal"}); err != nil {
		t.Fatal(err)
	}
	bobDue := func() bool {
		for _, it := range m.agenda.Due {
			if it.Name == "Bob Smith" {
				return true
			}
		}
		return false
	}
	m = run(t, m, pollMsg{})
	// A team book hears of the change by a notification, which takes its
	// own few milliseconds: polled again until it came (3 s at most).
	for deadline := time.Now().Add(3 * time.Second); pgtest.Postgres() && bobDue() && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		m = run(t, m, pollMsg{})
	}
	if bobDue() {
		t.Fatal("Bob is still due after the external log")
	}
	if m.log == nil || m.log.note.Value() != "Typing while someone else logs" {
		t.Fatal("the refresh disturbed the note being typed")
	}
	m = run(t, m, press("ctrl+s"))
	if !strings.Contains(screen(m), "3 of 5 done") {
		t.Fatalf("progress does not count both calls:\n%s", screen(m))
	}
	// With nothing new, a poll loads nothing.
	before := m.agenda
	m = run(t, m, pollMsg{}, pollMsg{})
	if len(m.agenda.Due) != len(before.Due) {
		t.Fatal("an idle poll changed the list")
	}
}

func TestMidnightMovesToTheNewDay(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	day := today
	m := New(context.Background(), asPersonal(s), Options{Today: today, DayNow: func() rotation.Date { return day }, Now: clock, Dark: true})
	m.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	m = run(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	for _, msg := range drain(m.Init()) {
		m = step(t, m, msg, 0)
	}
	if !strings.Contains(screen(m), "Wed 25 Nov") {
		t.Fatal("not on Wednesday")
	}
	day = today.AddDays(1)
	m = run(t, m, pollMsg{})
	if out := screen(m); !strings.Contains(out, "Thu 26 Nov") || strings.Contains(out, "Dan Brown") {
		t.Fatalf("did not move to Thursday's list:\n%s", out)
	}
}
