package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"rotate/rotation"
)

// TestForgetRemovesKeptDrafts: forget also removes the drafts of that
// person kept on this computer while a team book was away, and only
// theirs.
func TestForgetRemovesKeptDrafts(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "book.db")
	state := filepath.Join(dir, "state")
	env := []string{"ROTATE_DB=" + db, "ROTATE_TODAY=2026-11-25", "NO_COLOR=1", "XDG_STATE_HOME=" + state}
	rotate := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if code := run(args, strings.NewReader(""), &out, &errOut, env); code != 0 {
			t.Fatalf("rotate %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
		}
		return out.String()
	}
	rotate("add", "Jane Doe", "--tier", "A")
	rotate("add", "Tom Becker", "--tier", "B")
	drafts := filepath.Join(state, "rotate", "drafts")
	jane, err := keepLocalDraft(drafts, db, rotation.Draft{ContactID: 1, Note: "secret about jane"})
	if err != nil {
		t.Fatal(err)
	}
	tom, err := keepLocalDraft(drafts, db, rotation.Draft{ContactID: 2, Note: "about tom"})
	if err != nil {
		t.Fatal(err)
	}
	out := rotate("forget", "jane", "--yes", "--json")
	if !strings.Contains(out, `"drafts": 1`) {
		t.Errorf("forget --json = %s, want the kept draft counted", out)
	}
	if _, err := os.Stat(jane); !os.IsNotExist(err) {
		t.Errorf("Jane's kept draft is still there: %v", err)
	}
	if _, err := os.Stat(tom); err != nil {
		t.Errorf("Tom's kept draft went too: %v", err)
	}
}
