package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
	"rotate/store"
	"rotate/tui"
)

// TestPanicInTheInterfaceKeepsTheNote runs the interface as openTUI does,
// types a note in the log form, then makes Update panic (the day asked for
// at the book's next poll panics): the program ends, the note is in the
// book as a draft, and the error is one line with exit code 1, never 2.
func TestPanicInTheInterfaceKeepsTheNote(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	day := rotation.MustDate("2026-11-25")
	s, err := store.Open(ctx, testBook(t), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.AddContact(ctx, rotation.Contact{Name: "Jane Doe", Tier: "A", Schedule: rotation.Schedule{Due: day}}, day)
	if err != nil {
		t.Fatal(err)
	}
	var boom atomic.Bool
	dayNow := func() rotation.Date {
		if boom.Load() {
			panic("index out of range [3] with length 3")
		}
		return day
	}
	m := tui.New(ctx, s, tui.Options{Today: day, DayNow: dayNow, Dark: true})
	in, keys := io.Pipe()
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(io.Discard), tea.WithWindowSize(80, 24))
	const note = "Wants the Lisbon map"
	go func() {
		time.Sleep(500 * time.Millisecond) // the list and the briefing load
		for _, k := range []string{"\r", "r", note} {
			keys.Write([]byte(k))
			time.Sleep(300 * time.Millisecond)
		}
		boom.Store(true)
	}()
	final, runErr := p.Run()
	keys.Close()

	var stderr bytes.Buffer
	a := &app{env: map[string]string{"XDG_STATE_HOME": t.TempDir()}, stderr: &stderr, clock: time.Now}
	err = a.afterTUI(ctx, s, final, runErr)
	if err == nil {
		t.Fatalf("no error after a panic (run: %v)", runErr)
	}
	if code := exitCode(err); code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "internal error (index out of range [3] with length 3)") ||
		!strings.Contains(msg, "the note being typed was kept as a draft") {
		t.Errorf("message %q", msg)
	}
	d, ok, err := s.Draft(ctx, c.ID)
	if err != nil || !ok || d.Note != note {
		t.Fatalf("the draft in the book: %+v %v %v; want the note", d, ok, err)
	}
}
