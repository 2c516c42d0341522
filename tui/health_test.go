package tui

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rotate/store"
	"rotate/store/pgtest"
)

// TestDailyQuickCheck: the interface checks the book in the background
// once a day and warns in the status line when it finds damage; a
// healthy book shows no warning; the same day does not check again.
func TestDailyQuickCheck(t *testing.T) {
	if pgtest.Postgres() {
		t.Skip("a team book's server checks its own storage")
	}
	openModel := func(t *testing.T, s *store.Store) Model {
		m := New(context.Background(), s, Options{Today: today, Now: clock, Dark: true})
		var delays []time.Duration
		m.tick = func(d time.Duration, _ func(time.Time) tea.Msg) tea.Cmd { delays = append(delays, d); return nil }
		m = run(t, m, tea.WindowSizeMsg{Width: 100, Height: 30})
		for _, msg := range drain(m.Init()) {
			m = step(t, m, msg, 0)
		}
		if !m.loaded {
			t.Fatal("the list did not load")
		}
		found := false
		for _, d := range delays {
			found = found || d == quickCheckDelay
		}
		if !found {
			t.Fatalf("Init scheduled no quick check (timers %v)", delays)
		}
		return m
	}
	const warning = "failed its daily check"

	healthy := newBook(t)
	seedBook(t, healthy)
	m := run(t, openModel(t, healthy), quickCheckStartMsg{})
	if strings.Contains(screen(m), warning) {
		t.Fatalf("a healthy book warns:\n%s", screen(m))
	}

	s := newBook(t)
	seedBook(t, s)
	path := s.Path()
	s.Close()
	// An index no screen reads at start, overwritten on disk: quick_check
	// finds it, the book still opens.
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	var root int64
	if err := db.QueryRow("SELECT rootpage FROM sqlite_schema WHERE name = 'followups_created'").Scan(&root); err != nil {
		t.Fatal(err)
	}
	db.Close()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	copy(b[(root-1)*4096:root*4096], bytes.Repeat([]byte{0xA5}, 4096))
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(context.Background(), path, store.Options{Now: clock})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	m = run(t, openModel(t, s), quickCheckStartMsg{})
	if !strings.Contains(screen(m), warning) || !strings.Contains(screen(m), "rotate check") {
		t.Fatalf("a damaged book does not warn:\n%s", screen(m))
	}
	// The warning stays past other news.
	m, _ = m.setStatus("Saved.")
	m.status = ""
	if !strings.Contains(screen(m), warning) {
		t.Fatal("the warning went")
	}

	// Once a day: a second interface the same day does not check again.
	m = run(t, openModel(t, s), quickCheckStartMsg{})
	if strings.Contains(screen(m), warning) {
		t.Fatalf("checked twice the same day:\n%s", screen(m))
	}
}
