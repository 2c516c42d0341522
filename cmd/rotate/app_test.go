package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"rotate/rotation"
	"rotate/store"
)

func TestExitCode(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"usage", usagef("--days 0: use a number of days"), 2},
		{"wrapped usage", fmt.Errorf("edit: %w", usagef("bad")), 2},
		{"not found", fmt.Errorf("show: %w", store.ErrNotFound), 2},
		{"ambiguous", &store.AmbiguousError{Query: "jo", Matches: []string{"Joanna Lee (#2)", "John Smith (#3)"}}, 2},
		{"invalid", fmt.Errorf("config: %w", store.ErrInvalid), 2},
		{"bad date", fmt.Errorf("--next: %w", rotation.ErrBadDate), 2},
		{"bad rule", fmt.Errorf("--every: %w", rotation.ErrBadRule), 2},
		{"callback without a date", rotation.ErrNeedDate, 2},
		{"disk", fmt.Errorf("commit: %w", fs.ErrPermission), 1},
		{"newer book", fmt.Errorf("open: %w", store.ErrNewerSchema), 1},
		{"plain", errors.New("database is locked"), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exitCode(tt.err); got != tt.want {
				t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

// rotateIn runs one command line in process on the book at db.
func rotateIn(t *testing.T, db string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	env := []string{"ROTATE_DB=" + db, "ROTATE_TODAY=2026-11-25", "NO_COLOR=1"}
	code = run(args, strings.NewReader(""), &out, &errOut, env)
	return out.String(), errOut.String(), code
}

// TestTodayColumnsLineUp: names with accents, wide CJK characters and
// emoji still give straight columns in the human `today` list.
func TestTodayColumnsLineUp(t *testing.T) {
	db := filepath.Join(t.TempDir(), "book.db")
	people := []struct{ name, tier, due string }{
		{"Bob", "C", "today"},
		{"Jürgen Müller", "A", "2026-11-20"},
		{"李小龍", "B", "today"},
		{"Zoë 🌻 Evans", "A", "today"},
		{"Ｆｕｌｌ Ｗｉｄｔｈ", "B", "2026-11-24"},
	}
	for i, p := range people {
		if _, stderr, code := rotateIn(t, db, "add", p.name, "--tier", p.tier, "--due", p.due, "--phone", fmt.Sprintf("+1 555 01%02d", i)); code != 0 {
			t.Fatalf("add %s: %s", p.name, stderr)
		}
	}
	stdout, stderr, code := rotateIn(t, db, "today")
	if code != 0 {
		t.Fatalf("today: exit %d: %s", code, stderr)
	}
	var rows []string
	for _, line := range strings.Split(stdout, "\n") {
		if strings.HasPrefix(line, "#") {
			rows = append(rows, line)
		}
	}
	if len(rows) != len(people) {
		t.Fatalf("today shows %d rows, want %d:\n%s", len(rows), len(people), stdout)
	}
	for _, marker := range []string{"+1 555 01", "  today  ", "d late  "} {
		col := -1
		for _, r := range rows {
			i := strings.Index(r, marker)
			if i < 0 {
				continue
			}
			if w := ansi.StringWidth(r[:i]); col < 0 {
				col = w
			} else if w != col {
				t.Errorf("%q starts at column %d in %q, at %d above:\n%s", marker, w, r, col, stdout)
			}
		}
	}
	// Overdue first, then by tier.
	order := []string{"Jürgen Müller", "Ｆｕｌｌ Ｗｉｄｔｈ", "Zoë 🌻 Evans", "李小龍", "Bob"}
	for i, name := range order {
		if !strings.Contains(rows[i], name) {
			t.Errorf("row %d = %q, want %s", i, rows[i], name)
		}
	}
}

// TestFailingCommandsExitTwo runs a few mistakes in process: exit code 2,
// one line on stderr, nothing on stdout.
func TestFailingCommandsExitTwo(t *testing.T) {
	db := filepath.Join(t.TempDir(), "book.db")
	for _, name := range []string{"Joanna Lee", "John Smith"} {
		if _, stderr, code := rotateIn(t, db, "add", name); code != 0 {
			t.Fatalf("add: %s", stderr)
		}
	}
	for _, args := range [][]string{
		{"show", "jo"},
		{"show", "nobody"},
		{"list", "--bogus"},
		{"snooze", "joanna", "blursday"},
		{"edit", "joanna", "--every", "every fortnight"},
		{"log", "joanna", "--outcome", "callback"},
		{"config", "colour", "blue"},
	} {
		stdout, stderr, code := rotateIn(t, db, args...)
		if code != 2 {
			t.Errorf("%v: exit %d, want 2 (%s)", args, code, stderr)
		}
		if stdout != "" || strings.Count(stderr, "\n") != 1 || !strings.HasPrefix(stderr, "rotate: ") {
			t.Errorf("%v: stdout %q, stderr %q; want one line on stderr only", args, stdout, stderr)
		}
	}
}
