package store

import (
	"context"
	"os"
	"testing"
	"time"

	"rotate/rotation"
)

// BenchmarkSearchStressBook measures Search on a book built by
// TestMakeStressBook (ROTATE_STRESS_BOOK): the 100 newest of the notes
// that match, as `rotate search` and the Search view ask for them. In
// that book's notes every word is common, so a word matches about a
// third of all calls and two words about a tenth: the worst case.
func BenchmarkSearchStressBook(b *testing.B) {
	path := os.Getenv("ROTATE_STRESS_BOOK")
	if path == "" {
		b.Skip("set ROTATE_STRESS_BOOK to a book made by TestMakeStressBook")
	}
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	for _, q := range []struct{ name, query string }{
		{"rare", "jurgen"},
		{"two-words", "alaska cruise"},
		{"one-word", "renewal"},
		{"prefix", "ret"},
	} {
		b.Run(q.name, func(b *testing.B) {
			var n int
			for b.Loop() {
				hits, err := s.Search(context.Background(), q.query, 100)
				if err != nil {
					b.Fatal(err)
				}
				n = len(hits)
			}
			b.ReportMetric(float64(n), "hits")
		})
	}
}

// BenchmarkLogCallStressBook measures one durable LogCall (fsync on
// commit) with a note, on a copy of a stress book named by
// ROTATE_STRESS_SCRATCH: it writes to that book. "warm" logs on a store
// kept open, as the interface does; "fresh" opens the book for each call
// and closes it after, as one `rotate log` process does (less the Go
// runtime's start).
func BenchmarkLogCallStressBook(b *testing.B) {
	path := os.Getenv("ROTATE_STRESS_SCRATCH")
	if path == "" {
		b.Skip("set ROTATE_STRESS_SCRATCH to a copy of a book made by TestMakeStressBook; it is written to")
	}
	ctx := context.Background()
	day := rotation.MustDate("2026-11-25")
	opts := Options{Now: func() time.Time { return day.Time().Add(9 * time.Hour) }}
	s, err := Open(ctx, path, opts)
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	a, err := s.Today(ctx, day)
	if err != nil || len(a.Due) == 0 {
		b.Fatalf("no calls due on the book (%v)", err)
	}
	i := 0
	logOne := func(s *Store) {
		_, err := s.LogCall(ctx, LogEntry{ContactID: a.Due[i%len(a.Due)].ID, Outcome: rotation.Voicemail,
			Today: day, At: day.Time().Add(10*time.Hour + time.Duration(i)*time.Second),
			Note: "Left a message about the renewal."})
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
	b.Run("warm", func(b *testing.B) {
		for b.Loop() {
			logOne(s)
		}
	})
	b.Run("fresh", func(b *testing.B) {
		for b.Loop() {
			s, err := Open(ctx, path, opts)
			if err != nil {
				b.Fatal(err)
			}
			logOne(s)
			if err := s.Close(); err != nil {
				b.Fatal(err)
			}
		}
	})
}
