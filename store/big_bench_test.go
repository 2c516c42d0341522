package store

import (
	"context"
	"os"
	"testing"

	"rotate/rotation"
)

// BenchmarkTodayStressBook measures the due list on a stress book built by
// TestMakeStressBook; set ROTATE_STRESS_BOOK to its path.
func BenchmarkTodayStressBook(b *testing.B) {
	path := os.Getenv("ROTATE_STRESS_BOOK")
	if path == "" {
		b.Skip("set ROTATE_STRESS_BOOK to a book made by TestMakeStressBook")
	}
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	today := rotation.MustDate("2026-11-25")
	for b.Loop() {
		if _, err := s.Today(context.Background(), today); err != nil {
			b.Fatal(err)
		}
	}
}
