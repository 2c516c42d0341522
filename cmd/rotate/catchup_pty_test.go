package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"rotate/rotation"
)

// TestCatchUpAsksOnATerminal: on a terminal rotate catchup shows the plan
// and moves nothing until the person says yes.
func TestCatchUpAsksOnATerminal(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("runs the real binary on a pseudo-terminal")
	}
	bin := buildRotate(t)
	db := filepath.Join(t.TempDir(), "book.db")
	env := append(os.Environ(), "ROTATE_DB="+db, "ROTATE_TODAY=2026-11-16", "NO_COLOR=1")
	mustRun(t, bin, env, "config", "capacity", "4")
	for _, name := range []string{"Ann", "Ben", "Cat", "Dan", "Eve", "Fay", "Gus", "Hal"} {
		mustRun(t, bin, env, "add", name, "--tier", "B", "--every", "90d", "--due", "2026-11-16")
		// A miss gives a computed retry date, which a catch-up may move
		// (a date typed with --due stays).
		mustRun(t, bin, env, "log", name, "--outcome", "no-answer")
	}
	env = append(env, "ROTATE_TODAY=2026-11-25")
	dueToday := func() int {
		t.Helper()
		s := openBook(t, env)
		defer s.Close()
		a, err := s.Today(t.Context(), rotation.MustDate("2026-11-25"))
		if err != nil {
			t.Fatal(err)
		}
		return len(a.Due)
	}

	// No: the plan is shown, nothing moves.
	term := startTerminal(t, bin, env, "catchup")
	term.waitFor("Move these 4 calls? [y/N]", 10*time.Second)
	term.waitFor("Would move 4", time.Second)
	term.typeKeys("n\r")
	term.waitFor("Nothing changed.", 5*time.Second)
	if n := dueToday(); n != 8 {
		t.Fatalf("%d due after answering no, want all 8", n)
	}

	// Yes: four stay, four move.
	term = startTerminal(t, bin, env, "catchup")
	term.waitFor("Move these 4 calls? [y/N]", 10*time.Second)
	term.typeKeys("y\r")
	term.waitFor("Moved 4 calls.", 5*time.Second)
	if n := dueToday(); n != 4 {
		t.Fatalf("%d due after answering yes, want 4", n)
	}
}
