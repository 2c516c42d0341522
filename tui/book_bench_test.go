package tui

import (
	"context"
	"os"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rotate/store"
)

// The benchmarks below run on a real book, such as one built by
// store.TestMakeStressBook, named by ROTATE_BENCH_BOOK (docs/perf.sh sets
// it); without it they are skipped. They only read the book.

func benchBook(b *testing.B) *store.Store {
	b.Helper()
	path := os.Getenv("ROTATE_BENCH_BOOK")
	if path == "" {
		b.Skip("set ROTATE_BENCH_BOOK to a book made by store.TestMakeStressBook")
	}
	s, err := store.Open(context.Background(), path, store.Options{Now: clock})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// bookModel is the interface at 80x24 with the book's Today list loaded,
// as on the first frame.
func bookModel(b *testing.B, s *store.Store) Model {
	b.Helper()
	m := New(context.Background(), s, Options{Today: today, Now: clock, Dark: true})
	m.width, m.height = 80, 24
	m.layout()
	for _, cmd := range []tea.Cmd{m.loadSettings(), m.loadAgenda()} {
		next, _ := m.Update(cmd())
		m = next.(Model)
	}
	if !m.loaded || len(m.agenda.Due) == 0 {
		b.Fatalf("the book's Today list did not load (%d due)", len(m.agenda.Due))
	}
	return m
}

// BenchmarkBookFirstFrame is what the first frame costs on the book once
// it is open: the settings and Today's list read from SQLite, handled,
// and the screen drawn.
func BenchmarkBookFirstFrame(b *testing.B) {
	s := benchBook(b)
	for b.Loop() {
		m := bookModel(b, s)
		_ = m.View()
	}
}

// BenchmarkBookKeypress is one j or k on the book's Today list (Update
// and View; the briefing it asks for loads off the frame, in a command).
func BenchmarkBookKeypress(b *testing.B) {
	m := bookModel(b, benchBook(b))
	_ = m.View()
	j, k := press("j"), press("k")
	steps := min(len(m.agenda.Due)-1, 500)
	for i := 0; b.Loop(); i++ {
		key := j
		if steps > 0 && (i/steps)%2 == 1 {
			key = k
		}
		next, _ := m.Update(key)
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkBookFilterKeystroke is one keystroke in the Contacts filter
// over every contact of the book: the fuzzy match of the whole query over
// the whole book (earlier results forgotten, the worst case) and the
// redraw.
func BenchmarkBookFilterKeystroke(b *testing.B) {
	m := bookModel(b, benchBook(b))
	next, _ := m.Update(m.loadContacts()())
	m = next.(Model)
	if len(m.contacts.all) == 0 {
		b.Fatal("no contacts loaded")
	}
	m.view = viewContacts
	m.contacts.editing = true
	m.contacts.filter.Focus()
	m.contacts.filter.SetValue("contact 0")
	keys := []tea.Msg{typeText("4")[0], press("backspace")}
	b.ReportMetric(float64(len(m.contacts.all)), "contacts")
	for i := 0; b.Loop(); i++ {
		m.contacts.match.recent, m.contacts.match.lastQuery = nil, ""
		next, _ := m.Update(keys[i%2])
		m = next.(Model)
		_ = m.View()
	}
}
