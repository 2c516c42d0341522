package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
)

// A panic in Update or View does not take the note being typed with it
// (issue 12): the model keeps it for PendingDrafts, says what happened
// (Crashed) and ends the program with tea.Quit, so that the caller saves
// the draft and Bubble Tea restores the terminal.
func TestPanicKeepsTheNote(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	const note = "She wants the quote by Friday"
	for _, where := range []string{"update", "view"} {
		t.Run(where, func(t *testing.T) {
			m := keysThen(t, open(t, s, 80, 24), "enter", "r", "type:"+note)
			m.testHook = func(w string) {
				if w == where {
					panic("boom\nsecond line")
				}
			}
			if where == "view" {
				_ = m.View() // the renderer draws; the next message quits
			}
			next, cmd := m.Update(press("x"))
			m = next.(Model)
			if cmd == nil {
				t.Fatal("no command after the panic; want tea.Quit")
			}
			if _, ok := cmd().(tea.QuitMsg); !ok {
				t.Fatalf("the command after the panic is not tea.Quit")
			}
			if got := m.Crashed(); got != "boom second line" {
				t.Fatalf("Crashed() = %q", got)
			}
			ds := m.PendingDrafts()
			if len(ds) != 1 || !strings.Contains(ds[0].Note, note) {
				t.Fatalf("PendingDrafts() = %+v; want the note", ds)
			}
			// Drawing again (Bubble Tea's last frame) does not panic.
			_ = m.View()
			// Every later message quits too.
			m.testHook = nil
			if _, cmd := m.Update(press("r")); cmd == nil {
				t.Fatal("a message after the panic did not quit")
			}
		})
	}
}
