package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"sync"
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
	const note = "Wants the Lisbon map"
	// The keys go in when the screen shows what they act on, and the
	// panic is armed only once the whole note is on the screen: a busy
	// machine makes the interface slow, never the test wrong.
	shown := newScreenWatch()
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(in), tea.WithOutput(io.Discard),
		tea.WithWindowSize(80, 24), tea.WithFilter(shown.filter))
	go func() {
		for _, step := range []struct{ wait, key string }{
			{"Jane Doe", "\r"}, {"Log call", "r"}, {"", note}, {note, ""},
		} {
			if step.wait != "" && !shown.wait(ctx, step.wait) {
				return
			}
			keys.Write([]byte(step.key))
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

// screenWatch lets a test wait until a running program's screen shows a
// text: its filter looks at the model's view before every message (polls
// keep them coming).
type screenWatch struct {
	mu     sync.Mutex
	screen string
	change chan struct{}
}

func newScreenWatch() *screenWatch { return &screenWatch{change: make(chan struct{}, 1)} }

func (w *screenWatch) filter(m tea.Model, msg tea.Msg) tea.Msg {
	v := m.View().Content
	w.mu.Lock()
	w.screen = v
	w.mu.Unlock()
	select {
	case w.change <- struct{}{}:
	default:
	}
	return msg
}

// wait reports whether the screen showed text before ctx ended.
func (w *screenWatch) wait(ctx context.Context, text string) bool {
	for {
		w.mu.Lock()
		ok := strings.Contains(w.screen, text)
		w.mu.Unlock()
		if ok {
			return true
		}
		select {
		case <-ctx.Done():
			return false
		case <-w.change:
		}
	}
}
