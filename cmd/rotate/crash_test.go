package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// buildRotate builds the real binary once per test run.
func buildRotate(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "rotate")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// crashRounds is how many processes are killed; ROTATE_CRASH_ROUNDS raises
// it for a longer run on demand.
func crashRounds() int {
	n := 24
	if v := os.Getenv("ROTATE_CRASH_ROUNDS"); v != "" {
		fmt.Sscan(v, &n)
	}
	return n
}

// TestKillDuringLogLosesNoCommittedCall runs `rotate log` in many processes,
// killing some with SIGKILL at random moments. Every call whose command
// reported success must be in the book afterwards with its full note, and
// the database must pass SQLite's integrity check.
func TestKillDuringLogLosesNoCommittedCall(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and kills real processes")
	}
	bin := buildRotate(t)
	db := filepath.Join(t.TempDir(), "book.db")
	env := append(os.Environ(), "ROTATE_DB="+db, "ROTATE_TODAY=2026-11-25", "NO_COLOR=1")
	add := exec.Command(bin, "add", "Crash Test", "--tier", "A", "--due", "today")
	add.Env = env
	if out, err := add.CombinedOutput(); err != nil {
		t.Fatalf("add: %v %s", err, out)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var committed []string
	killed := 0
	for round := 0; round < crashRounds(); round++ {
		// A long note, so a torn write would show.
		note := fmt.Sprintf("round %d: %s", round, strings.Repeat(fmt.Sprintf("word%d ", round), 2000))
		cmd := exec.Command(bin, "log", "crash", "--outcome", "reached", "--note-file", "-", "--json")
		cmd.Env = env
		cmd.Stdin = strings.NewReader(note)
		var stdout bytes.Buffer
		cmd.Stdout = &stdout
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		// Kill between 0 and 40 ms in: before, during or after the commit.
		select {
		case err := <-done:
			if err == nil && strings.Contains(stdout.String(), `"call_id"`) {
				committed = append(committed, note)
			}
		case <-time.After(time.Duration(rng.IntN(40)) * time.Millisecond):
			cmd.Process.Signal(syscall.SIGKILL)
			err := <-done
			killed++
			if err == nil && strings.Contains(stdout.String(), `"call_id"`) {
				committed = append(committed, note) // finished before the kill
			}
		}
	}
	t.Logf("%d rounds, %d killed, %d reported success", crashRounds(), killed, len(committed))
	if killed == 0 {
		t.Fatal("no process was killed: the test proves nothing")
	}
	checkIntegrity(t, db)
	s, err := store.Open(context.Background(), db, store.Options{})
	if err != nil {
		t.Fatalf("reopen after the kills: %v", err)
	}
	defer s.Close()
	c, err := s.Find(context.Background(), "Crash Test")
	if err != nil {
		t.Fatal(err)
	}
	calls, err := s.Calls(context.Background(), c.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]bool{}
	for _, k := range calls {
		if k.Outcome == rotation.Reached {
			stored[k.Note] = true
		}
	}
	for _, note := range committed {
		if !stored[note] {
			t.Fatalf("a call reported as logged is missing or torn: %.40q…", note)
		}
	}
}

// checkIntegrity runs PRAGMA integrity_check on a raw connection.
func checkIntegrity(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
}
