package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// progressRows is the size of the file the progress tests import: big
// enough that the writes outlast the bar's first appearance by a second
// or so.
const progressRows = 30_000

// bigCSV writes a plain CSV file of n distinct people.
func bigCSV(t *testing.T, n int) string {
	t.Helper()
	var b strings.Builder
	b.WriteString("name,phone,email\n")
	for i := range n {
		fmt.Fprintf(&b, "Client %06d,+1 555 %06d,client%d@example.com\n", i, i, i)
	}
	path := filepath.Join(t.TempDir(), "big.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestImportProgressOnlyOnATerminal imports a long file with the real
// binary. On pipes it prints the summary and nothing else: no bar, no
// escape codes, nothing on stderr. On a terminal the bar counts the
// contacts as they are written ("Saving 12,544/30,000"), not only the
// records checked before, and the line is cleared at the end.
func TestImportProgressOnlyOnATerminal(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("imports 30,000 contacts with the real binary")
	}
	bin := buildRotate(t)
	csv := bigCSV(t, progressRows)
	env := func() []string {
		return append(os.Environ(), "ROTATE_DB="+filepath.Join(t.TempDir(), "book.db"), "ROTATE_TODAY=2026-11-25")
	}
	summary := fmt.Sprintf(": %d new, 0 updated, 0 skipped.", progressRows)

	t.Run("pipe", func(t *testing.T) {
		var stdout, stderr bytes.Buffer
		cmd := exec.Command(bin, "import", csv)
		cmd.Env, cmd.Stdout, cmd.Stderr = env(), &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v: %s", err, stderr.String())
		}
		if stderr.Len() > 0 {
			t.Errorf("stderr on a pipe: %q", stderr.String())
		}
		if out := stdout.String(); !strings.Contains(out, summary) || strings.ContainsAny(out, "\r\x1b") {
			t.Errorf("stdout on a pipe: %q", out)
		}
	})

	t.Run("terminal", func(t *testing.T) {
		term := startTerminal(t, bin, env(), "import", csv)
		deadline := time.Now().Add(60 * time.Second)
		for !strings.Contains(term.output(), summary) {
			if time.Now().After(deadline) {
				t.Fatalf("no summary; the program wrote %q", term.output())
			}
			time.Sleep(50 * time.Millisecond)
		}
		out := term.output()
		var mid []int
		for _, m := range regexp.MustCompile(`Saving ([0-9,]+)/30,000 \[`).FindAllStringSubmatch(out, -1) {
			n, _ := strconv.Atoi(strings.ReplaceAll(m[1], ",", ""))
			if n > 0 && n < progressRows {
				mid = append(mid, n)
			}
		}
		if len(mid) == 0 {
			t.Errorf("no bar counting the contacts being saved; the program wrote %q", out)
		}
		if screen := term.screen(); strings.Contains(screen, "Saving") || strings.Contains(screen, "Checking") {
			t.Errorf("the bar was left on the screen:\n%s", screen)
		}
	})
}
