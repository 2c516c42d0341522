package main

import (
	"io"
	"os"
	"strings"
	"testing"
)

// BenchmarkTodayCommandStressBook runs `rotate today --json` in process
// (everything but the process start) on a book built by
// store.TestMakeStressBook, named by ROTATE_STRESS_BOOK.
func BenchmarkTodayCommandStressBook(b *testing.B) {
	path := os.Getenv("ROTATE_STRESS_BOOK")
	if path == "" {
		b.Skip("set ROTATE_STRESS_BOOK to a book made by store.TestMakeStressBook")
	}
	env := []string{"ROTATE_DB=" + path, "ROTATE_TODAY=2026-11-25", "NO_COLOR=1"}
	for _, args := range [][]string{{"today", "--json"}, {"today"}} {
		b.Run(strings.Join(args, " "), func(b *testing.B) {
			for b.Loop() {
				if code := run(args, strings.NewReader(""), io.Discard, io.Discard, env); code != 0 {
					b.Fatalf("rotate %v: exit %d", args, code)
				}
			}
		})
	}
}
