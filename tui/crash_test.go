package tui

import (
	"context"
	"reflect"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
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

// A panic in a command — a store call, which Bubble Tea runs in a
// goroutine of its own — ends the program the same way, with the model
// and its note, instead of Bubble Tea's stack trace and a lost model.
func TestPanicInACommandKeepsTheNote(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	const note = "Call the accountant first"
	m := keysThen(t, open(t, s, 80, 24), "enter", "r", "type:"+note)
	m.store = panicStore{m.store}
	// ctrl+s saves the call: the save runs as a command, in a sequence.
	next, cmd := m.Update(press("ctrl+s"))
	m = next.(Model)
	msgs := runAll(t, cmd)
	var crash tea.Msg
	for _, msg := range msgs {
		if _, ok := msg.(crashMsg); ok {
			crash = msg
		}
	}
	if crash == nil {
		t.Fatalf("no crashMsg from the panicking command: %v", msgs)
	}
	next, cmd = m.Update(crash)
	m = next.(Model)
	if _, ok := cmd().(tea.QuitMsg); !ok || m.Crashed() != "store on fire" {
		t.Fatalf("after the command's panic: Crashed() = %q", m.Crashed())
	}
	if ds := m.PendingDrafts(); len(ds) != 1 || ds[0].Note != note {
		t.Fatalf("PendingDrafts() = %+v", ds)
	}
}

// panicStore panics on logging a call.
type panicStore struct{ Store }

func (panicStore) LogCall(context.Context, rotation.LogEntry) (rotation.LogResult, error) {
	panic("store on fire")
}

// runAll runs a command and every command its batches and sequences hold,
// returning the messages that are neither.
func runAll(t *testing.T, cmd tea.Cmd) []tea.Msg {
	t.Helper()
	if cmd == nil {
		return nil
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		var out []tea.Msg
		for _, c := range b {
			out = append(out, runAll(t, c)...)
		}
		return out
	}
	if v := reflect.ValueOf(msg); v.IsValid() && v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
		var out []tea.Msg
		for i := range v.Len() {
			c, _ := v.Index(i).Interface().(tea.Cmd)
			out = append(out, runAll(t, c)...)
		}
		return out
	}
	return []tea.Msg{msg}
}
