package tui

import (
	"context"
	"os"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation/interchange"
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
	// Zones from the phone numbers too, as rotate gives the interface
	// (a US locale: the stress book's numbers are US ones).
	m := New(context.Background(), s, Options{Today: today, Now: clock, Dark: true, NumberZone: interchange.NumberZones("US")})
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

// duringQuickCheck runs the book's quick check over and over in the
// background until the benchmark ends, as the interface's daily check
// would run beside the person's keys (health.go).
func duringQuickCheck(b *testing.B, s *store.Store) {
	b.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		for ctx.Err() == nil {
			s.QuickCheck(ctx)
		}
	}()
	b.Cleanup(func() { cancel(); <-done })
}

// BenchmarkBookQuickCheck is one PRAGMA quick_check of the whole book,
// what the interface runs in the background at most once a day.
func BenchmarkBookQuickCheck(b *testing.B) {
	s := benchBook(b)
	for b.Loop() {
		if problems, err := s.QuickCheck(context.Background()); err != nil || len(problems) > 0 {
			b.Fatal(problems, err)
		}
	}
}

// BenchmarkBookQuickCheckBeside is the first frame, and a keypress with
// the briefing it loads, alone and while a quick check runs: the daily
// check must not delay either (it starts seconds after the first frame
// anyway, and runs on a connection of its own).
func BenchmarkBookQuickCheckBeside(b *testing.B) {
	for _, beside := range []bool{false, true} {
		name := "idle"
		if beside {
			name = "during-quick-check"
		}
		b.Run("first-frame/"+name, func(b *testing.B) {
			s := benchBook(b)
			if beside {
				duringQuickCheck(b, s)
			}
			for b.Loop() {
				m := bookModel(b, s)
				_ = m.View()
			}
		})
		b.Run("keypress/"+name, func(b *testing.B) {
			s := benchBook(b)
			m := bookModel(b, s)
			_ = m.View()
			if beside {
				duringQuickCheck(b, s)
			}
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
		})
		b.Run("keypress-with-briefing/"+name, func(b *testing.B) {
			s := benchBook(b)
			m := bookModel(b, s)
			_ = m.View()
			if beside {
				duringQuickCheck(b, s)
			}
			j, k := press("j"), press("k")
			steps := min(len(m.agenda.Due)-1, 500)
			for i := 0; b.Loop(); i++ {
				key := j
				if steps > 0 && (i/steps)%2 == 1 {
					key = k
				}
				next, _ := m.Update(key)
				m = next.(Model)
				it, _ := m.selected()
				next, _ = m.Update(m.loadBriefing(it.ID)())
				m = next.(Model)
				_ = m.View()
			}
		})
	}
}

// BenchmarkBookClocks is what the clients' clocks add to the first frame
// on the book: each due client's zone (given, or from the phone number),
// local time and calling hours, and the callable-first order
// (Model.setClocks), for the whole due list.
func BenchmarkBookClocks(b *testing.B) {
	s := benchBook(b)
	m := bookModel(b, s)
	b.ReportMetric(float64(len(m.agenda.Due)), "due")
	for b.Loop() {
		m.setClocks()
	}
}
