package store

import (
	"context"
	"os"
	"testing"
	"time"

	"rotate/rotation"
)

// BenchmarkBriefingStressBook measures the briefing of the first contact
// due on a book built by TestMakeStressBook (ROTATE_STRESS_BOOK), as the
// interface loads it beside Today (and `rotate show`): the contact, their
// follow-ups, last calls and draft, and their best time to call — the
// book's pattern read once and then kept while no call changes ("cached"),
// or fitted afresh each time ("cold", what a `rotate show` process pays).
func BenchmarkBriefingStressBook(b *testing.B) {
	path := os.Getenv("ROTATE_STRESS_BOOK")
	if path == "" {
		b.Skip("set ROTATE_STRESS_BOOK to a book made by TestMakeStressBook")
	}
	ctx := context.Background()
	today := rotation.MustDate("2026-11-25")
	open := func(b *testing.B) *Store {
		s, err := Open(ctx, path, Options{Now: func() time.Time { return today.Time().Add(10 * time.Hour) }})
		if err != nil {
			b.Fatal(err)
		}
		return s
	}
	s := open(b)
	defer s.Close()
	a, err := s.Today(ctx, today)
	if err != nil || len(a.Due) == 0 {
		b.Fatalf("no one due: %v", err)
	}
	id := a.Due[0].ID
	b.Run("cached", func(b *testing.B) {
		for b.Loop() {
			if _, err := s.Briefing(ctx, id, 5); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("cold", func(b *testing.B) {
		for b.Loop() {
			s := open(b)
			if _, err := s.Briefing(ctx, id, 5); err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
}
