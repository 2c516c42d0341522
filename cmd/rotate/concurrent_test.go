package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"

	"rotate/store"
	"rotate/store/pgtest"
)

// TestConcurrentLogsAllSucceed starts several `rotate log` processes on
// one book at the same moment, some for the same contact and some for
// others: each must exit 0 and every call must be in the book, as the
// book waits for a busy writer (busy_timeout) and takes its write lock
// when a transaction begins (immediate transactions), rather than failing
// with "database is locked".
func TestConcurrentLogsAllSucceed(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the real binary")
	}
	bin := buildRotate(t)
	db := testBook(t)
	env := append(os.Environ(), "ROTATE_DB="+db, "ROTATE_TODAY=2026-11-25", "NO_COLOR=1")
	names := []string{"Alpha Busy", "Beta Busy", "Gamma Busy"}
	for _, name := range names {
		mustRun(t, bin, env, "add", name, "--tier", "A", "--due", "today")
	}
	// Alpha is logged by four processes at once, Beta by three, Gamma by one.
	who := []string{"alpha", "alpha", "alpha", "alpha", "beta", "beta", "beta", "gamma"}
	want := map[string][]string{}
	for round := 0; round < 3; round++ {
		logAtOnce(t, bin, env, round, who, want)
	}
	if t.Failed() {
		t.FailNow()
	}
	if !pgtest.Postgres() {
		checkIntegrity(t, db)
	}
	s := openBook(t, env)
	checkEachCallOnce(t, s, want)
}

// logAtOnce starts one rotate log of who[i] per process, gives them all
// their notes at once, and adds each process's note to want.
func logAtOnce(t *testing.T, bin string, env []string, round int, who []string, want map[string][]string) {
	type proc struct {
		cmd    *exec.Cmd
		stdin  io.WriteCloser
		stderr bytes.Buffer
		note   string
	}
	procs := make([]*proc, len(who))
	for i, w := range who {
		p := &proc{note: fmt.Sprintf("round %d process %d\n%s", round, i, strings.Repeat("a long \"note\"\n", 5000))}
		p.cmd = exec.Command(bin, "log", w, "--outcome", "reached", "-")
		p.cmd.Env = env
		p.cmd.Stderr = &p.stderr
		var err error
		if p.stdin, err = p.cmd.StdinPipe(); err != nil {
			t.Fatal(err)
		}
		if err := p.cmd.Start(); err != nil {
			t.Fatal(err)
		}
		procs[i] = p
	}
	// Every process waits for its note on standard input before it
	// opens the book: giving them all at once starts the writes
	// together.
	for _, p := range procs {
		go func() {
			io.WriteString(p.stdin, p.note)
			p.stdin.Close()
		}()
	}
	for i, p := range procs {
		if err := p.cmd.Wait(); err != nil {
			t.Errorf("round %d: rotate log %s (one of %d at once): %v: %s", round, who[i], len(procs), err, p.stderr.String())
		}
		want[who[i]] = append(want[who[i]], strings.TrimRight(p.note, "\n"))
	}
}

// checkEachCallOnce checks that the book holds each note of want once, on
// its contact, and no other call.
func checkEachCallOnce(t *testing.T, s *store.Store, want map[string][]string) {
	for w, notes := range want {
		c, err := s.Find(context.Background(), w)
		if err != nil {
			t.Fatal(err)
		}
		calls, err := s.Calls(context.Background(), c.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		stored := map[string]int{}
		for _, k := range calls {
			stored[k.Note]++
		}
		if len(calls) != len(notes) {
			t.Errorf("%s has %d calls, want %d", c.Name, len(calls), len(notes))
		}
		for _, n := range notes {
			if stored[n] != 1 {
				t.Errorf("%s: the call %.30q… is stored %d times, want once", c.Name, n, stored[n])
			}
		}
	}
}
