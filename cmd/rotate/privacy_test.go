package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestOpensNoNetworkConnection traces the real binary's system calls
// through a realistic session (add, log, today, show, search, import,
// export to a calendar and to JSON, backup, stats, catchup) and fails
// on any internet socket. It needs strace: .ci/run installs it and sets
// ROTATE_REQUIRE_STRACE=1, so in CI a missing strace fails the test; on a
// machine without it (a newcomer's, with only Go) the test says so and
// skips.
func TestOpensNoNetworkConnection(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("traces the real binary")
	}
	strace := needStrace(t)
	bin := buildRotate(t)
	dir := t.TempDir()
	env := append(os.Environ(), "ROTATE_DB="+filepath.Join(dir, "book.db"), "ROTATE_TODAY=2026-11-25")
	csv := "name,phone,email,company,tier,every\nBob Stone,+1 555 0101,bob@example.com,Stone Ltd,B,90d\n"
	if err := os.WriteFile(filepath.Join(dir, "more.csv"), []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"add", "Jane Doe", "--phone", "+1 555 0100", "--due", "today"},
		{"log", "jane", "--outcome", "reached", "--note", "private words"},
		{"today", "--json"},
		{"show", "jane"},
		{"search", "private"},
		{"import", filepath.Join(dir, "more.csv")},
		{"export", "--format", "ics", "--days", "30", "--out", filepath.Join(dir, "plan.ics")},
		{"export", "--format", "json", "--out", filepath.Join(dir, "book.json")},
		{"backup", filepath.Join(dir, "backup.db")},
		{"stats"},
		{"catchup", "--dry-run"},
	} {
		trace := filepath.Join(dir, "trace")
		cmd := exec.Command(strace, append([]string{"-f", "-qq", "-e", "trace=socket,connect,openat", "-o", trace, bin}, args...)...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		b, _ := os.ReadFile(trace)
		if !strings.Contains(string(b), "book.db") {
			t.Fatalf("%v: the trace shows no open of the book; strace traced nothing?\n%s", args, b)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "AF_INET") || strings.Contains(line, "AF_INET6") {
				t.Fatalf("%v opened a network socket: %s", args, line)
			}
		}
	}
}

// needStrace is the path of strace; without it the test fails under
// .ci/run (ROTATE_REQUIRE_STRACE) and skips elsewhere.
func needStrace(t *testing.T) string {
	t.Helper()
	strace, err := exec.LookPath("strace")
	if err != nil {
		if os.Getenv("ROTATE_REQUIRE_STRACE") != "" {
			t.Fatal("strace is needed for this test (apt-get install strace)")
		}
		t.Skip("strace is not installed; .ci/run installs it and runs this test")
	}
	return strace
}

// TestInterfaceOpensNoNetworkConnection traces the interface on a
// pseudo-terminal — opening, moving through every view, quitting — and
// fails on any internet socket.
func TestInterfaceOpensNoNetworkConnection(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("traces the real binary")
	}
	strace := needStrace(t)
	bin := buildRotate(t)
	env := smallBook(t, bin)
	trace := filepath.Join(t.TempDir(), "trace")
	term := startTerminal(t, strace, env, "-f", "-qq", "-e", "trace=socket,connect,openat", "-o", trace, bin)
	term.waitFor("0 of 2 done", 15*time.Second)
	term.typeKeys("2", "3", "4", "\t", "\t", "q") // Search takes digits as text: tab there and on to Today
	done := make(chan error, 1)
	go func() { done <- term.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatalf("the interface did not quit:\n%s", term.screen())
	}
	b, err := os.ReadFile(trace)
	if err != nil {
		t.Fatal(err)
	}
	// The trace saw the program at work: it opened the book.
	if !strings.Contains(string(b), "book.db") {
		t.Fatalf("the trace shows no open of the book; strace traced nothing?\n%s", b)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if strings.Contains(line, "AF_INET") || strings.Contains(line, "AF_INET6") {
			t.Fatalf("the interface opened a network socket: %s", line)
		}
	}
}
