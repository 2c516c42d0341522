package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestCallsImportReviewOnATerminal: on a terminal, rotate calls import
// without --yes or --dry-run opens the review list; s skips a call, n
// adds a note, enter logs the accepted ones and says so.
func TestCallsImportReviewOnATerminal(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("runs the real binary on a pseudo-terminal")
	}
	bin := buildRotate(t)
	dir := t.TempDir()
	env := append(os.Environ(), "ROTATE_DB="+filepath.Join(dir, "book.db"), "ROTATE_TODAY=2026-12-03", "NO_COLOR=1", "TZ=UTC")
	mustRun(t, bin, env, "add", "Jane Roe", "--phone", "+49 30 1234567", "--every", "30d", "--due", "2026-12-20")
	mustRun(t, bin, env, "add", "Ana Silva", "--phone", "+55 11 91234 5678", "--every", "30d", "--due", "2026-12-20")
	calls := filepath.Join(dir, "calls.xml")
	xml := `<calls count="3">
<call number="+49301234567" duration="95" date="1796115600000" type="2" />
<call number="+49301234567" duration="0" date="1796133600000" type="2" />
<call number="+5511912345678" duration="0" date="1796199300000" type="3" />
</calls>`
	if err := os.WriteFile(calls, []byte(xml), 0o600); err != nil {
		t.Fatal(err)
	}

	// esc: nothing logged.
	term := startTerminal(t, bin, env, "calls", "import", calls)
	term.waitFor("3 calls proposed · 3 to log", 10*time.Second)
	term.typeKeys("\x1b")
	term.waitFor("Nothing logged.", 5*time.Second)

	term = startTerminal(t, bin, env, "calls", "import", calls)
	term.waitFor("3 calls proposed · 3 to log", 10*time.Second)
	term.typeKeys("j", "s")
	term.waitFor("3 calls proposed · 2 to log", 2*time.Second)
	term.typeKeys("n", "Asked about Lisbon", "\r")
	term.waitFor("Note: Asked about Lisbon", 2*time.Second)
	term.typeKeys("\r")
	term.waitFor("Logged 2 calls; 1 call skipped.", 5*time.Second)

	s := openBook(t, env)
	defer s.Close()
	jane, err := s.Calls(t.Context(), 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	ana, err := s.Calls(t.Context(), 2, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(jane) != 1 || jane[0].Outcome != "reached" || len(ana) != 1 || ana[0].Note != "Asked about Lisbon" {
		t.Errorf("after the review: Jane's calls %+v, Ana's %+v; want Jane's reached call alone and Ana's with the note", jane, ana)
	}
}
