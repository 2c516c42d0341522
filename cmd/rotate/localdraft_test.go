package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// TestDraftKeptLocallyWhenTheBookCannotTakeIt: a note that cannot reach
// the book when the interface closes (here the book is already closed,
// as a team book is when its server is down) is kept in a private local
// file, said so on one line, and handed to the book when it opens again;
// a newer draft in the book wins, and another book's file is left alone.
func TestDraftKeptLocallyWhenTheBookCannotTakeIt(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	state := filepath.Join(dir, "state")
	path := filepath.Join(dir, "book.db")
	day := rotation.MustDate("2026-11-25")
	s, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.AddContact(ctx, rotation.Contact{Name: "Jane Doe", Tier: "A"}, day)
	if err != nil {
		t.Fatal(err)
	}
	s.Close() // every write now fails

	var stderr bytes.Buffer
	a := &app{env: map[string]string{"XDG_STATE_HOME": state}, stderr: &stderr}
	d := rotation.Draft{ContactID: c.ID, Outcome: rotation.Reached, Note: "Wants the Lisbon map.", Updated: time.Now().UTC()}
	if err := a.saveOrKeepDraft(ctx, s, d); err != nil {
		t.Fatal(err)
	}
	msg := stderr.String()
	if strings.Count(msg, "\n") != 1 || !strings.Contains(msg, "your note is kept in "+filepath.Join(state, "rotate", "drafts")) {
		t.Fatalf("stderr = %q", msg)
	}
	files, _ := filepath.Glob(filepath.Join(state, "rotate", "drafts", "*.json"))
	if len(files) != 1 {
		t.Fatalf("kept files: %v", files)
	}
	if info, _ := os.Stat(files[0]); info.Mode().Perm() != 0o600 {
		t.Errorf("the kept draft is %v, want private", info.Mode().Perm())
	}
	// Another book's draft waits for that book.
	if _, err := keepLocalDraft(a.localDraftDir(), "/elsewhere/other.db", rotation.Draft{ContactID: 1, Note: "other"}); err != nil {
		t.Fatal(err)
	}

	s, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	n, err := restoreLocalDrafts(ctx, s, a.localDraftDir())
	if err != nil || n != 1 {
		t.Fatalf("restored %d, %v; want 1", n, err)
	}
	got, ok, err := s.Draft(ctx, c.ID)
	if err != nil || !ok || got.Note != d.Note || got.Outcome != d.Outcome {
		t.Fatalf("the book's draft = %+v, %v, %v", got, ok, err)
	}
	if left, _ := filepath.Glob(filepath.Join(state, "rotate", "drafts", "*.json")); len(left) != 1 {
		t.Errorf("files left: %v; want only the other book's", left)
	}

	// An older kept draft does not replace a newer one in the book.
	if _, err := keepLocalDraft(a.localDraftDir(), s.Path(), rotation.Draft{ContactID: c.ID, Note: "stale", Updated: time.Now().Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if _, err := restoreLocalDrafts(ctx, s, a.localDraftDir()); err != nil {
		t.Fatal(err)
	}
	if got, _, _ := s.Draft(ctx, c.ID); got.Note != d.Note {
		t.Errorf("a stale kept draft replaced the book's: %q", got.Note)
	}
}

// TestKeptDraftReplacesTheOlderAutosave: the book holds the autosave of
// the note from before the server went away; the fuller note kept at
// quitting (which carries no time of its own from the interface) is newer
// and replaces it.
func TestKeptDraftReplacesTheOlderAutosave(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "book.db")
	s, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c, err := s.AddContact(ctx, rotation.Contact{Name: "Eve Early", Tier: "A"}, rotation.MustDate("2026-11-25"))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SaveDraft(ctx, rotation.Draft{ContactID: c.ID, Note: "Talked about"}); err != nil {
		t.Fatal(err)
	}
	s.Close() // the server goes away

	later := time.Now().Add(time.Minute)
	a := &app{env: map[string]string{"XDG_STATE_HOME": filepath.Join(dir, "state")}, stderr: &bytes.Buffer{},
		clock: func() time.Time { return later }}
	if err := a.saveOrKeepDraft(ctx, s, rotation.Draft{ContactID: c.ID, Note: "Talked about the move, typed while down"}); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if n, err := restoreLocalDrafts(ctx, s, a.localDraftDir()); err != nil || n != 1 {
		t.Fatalf("restored %d, %v", n, err)
	}
	if d, _, _ := s.Draft(ctx, c.ID); d.Note != "Talked about the move, typed while down" {
		t.Errorf("the book's draft is %q; the note typed while down was lost", d.Note)
	}
}

// flakyBook is a book whose server can go away: draft saves and calls
// then fail with connection trouble.
type flakyBook struct {
	*store.Store
	down *bool
}

func (f flakyBook) SaveDraft(ctx context.Context, d rotation.Draft) error {
	if *f.down {
		return fmt.Errorf("save draft: %w", store.ErrConnection)
	}
	return f.Store.SaveDraft(ctx, d)
}

func (f flakyBook) LogCall(ctx context.Context, e rotation.LogEntry) (rotation.LogResult, error) {
	if *f.down {
		return rotation.LogResult{}, fmt.Errorf("log: %w", store.ErrConnection)
	}
	return f.Store.LogCall(ctx, e)
}

// TestOfflineDraftsAreKeptAtOnce: while the server is away, each draft
// the interface saves is in the local file straight away (a crash then
// loses nothing); once the call is logged, the file goes, so the next
// opening does not bring back a draft of a call already made.
func TestOfflineDraftsAreKeptAtOnce(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "book.db")
	day := rotation.MustDate("2026-11-25")
	s, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	c, err := s.AddContact(ctx, rotation.Contact{Name: "Olaf Berg", Tier: "B"}, day)
	if err != nil {
		t.Fatal(err)
	}
	down := true
	drafts := filepath.Join(dir, "drafts")
	o := offlineSafe{flakyBook{s, &down}, s.Path(), drafts}
	d := rotation.Draft{ContactID: c.ID, Outcome: rotation.Reached, Note: "Retiring in June."}
	if err := o.SaveDraft(ctx, d); !errors.Is(err, store.ErrConnection) {
		t.Fatalf("SaveDraft while down: %v; the interface must still hear of it", err)
	}
	kept := localDraftPath(drafts, s.Path(), c.ID)
	b, err := os.ReadFile(kept)
	if err != nil || !strings.Contains(string(b), "Retiring in June.") {
		t.Fatalf("the draft is not kept locally at once: %v %s", err, b)
	}
	// Back: the call is logged; the kept draft goes.
	down = false
	if _, err := o.LogCall(ctx, rotation.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day, At: time.Now(), Note: d.Note}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(kept); !os.IsNotExist(err) {
		t.Errorf("the kept draft outlived the call: %v", err)
	}
	if n, _ := restoreLocalDrafts(ctx, s, drafts); n != 0 {
		t.Errorf("%d drafts came back after the call was logged", n)
	}
	if r, _ := o.Who(); r != "" {
		t.Errorf("Who on a personal book = %q", r)
	}
}
