package tui

import (
	"context"
	"strings"
	"testing"

	"rotate/rotation"
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
	m = run(t, m, pollMsg{})
	for _, it := range m.agenda.Due {
		if it.Name == "Bob Smith" {
			t.Fatal("Bob is still due after the external log")
		}
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
