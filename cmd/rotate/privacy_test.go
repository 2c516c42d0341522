package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOpensNoNetworkConnection traces the real binary's system calls
// through a realistic session (add, log, today, show, search) and fails
// on any internet socket. It needs strace: .ci/run installs it and sets
// ROTATE_REQUIRE_STRACE=1, so in CI a missing strace fails the test; on a
// machine without it (a newcomer's, with only Go) the test says so and
// skips.
func TestOpensNoNetworkConnection(t *testing.T) {
	if testing.Short() {
		t.Skip("traces the real binary")
	}
	strace, err := exec.LookPath("strace")
	if err != nil {
		if os.Getenv("ROTATE_REQUIRE_STRACE") != "" {
			t.Fatal("strace is needed for this test (apt-get install strace)")
		}
		t.Skip("strace is not installed; .ci/run installs it and runs this test")
	}
	bin := buildRotate(t)
	dir := t.TempDir()
	env := append(os.Environ(), "ROTATE_DB="+filepath.Join(dir, "book.db"), "ROTATE_TODAY=2026-11-25")
	for _, args := range [][]string{
		{"add", "Jane Doe", "--phone", "+1 555 0100", "--due", "today"},
		{"log", "jane", "--outcome", "reached", "--note", "private words"},
		{"today", "--json"},
		{"show", "jane"},
		{"search", "private"},
	} {
		trace := filepath.Join(dir, "trace")
		cmd := exec.Command(strace, append([]string{"-f", "-qq", "-e", "trace=socket,connect", "-o", trace, bin}, args...)...)
		cmd.Env = env
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v\n%s", args, err, out)
		}
		b, _ := os.ReadFile(trace)
		for _, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "AF_INET") || strings.Contains(line, "AF_INET6") {
				t.Fatalf("%v opened a network socket: %s", args, line)
			}
		}
	}
}
