package main

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
	"rotate/store/pgtest"
)

// TestLocalDraftFollowsTheContact: a note an assistant kept in a local
// file while the server was away, of a contact an owner has taken back
// since, is not stranded in the file: at the next start it goes to
// whoever holds the contact now, marked as theirs, and the file goes.
func TestLocalDraftFollowsTheContact(t *testing.T) {
	if !pgtest.Postgres() {
		t.Skip("a team book: this runs in the PostgreSQL pass")
	}
	ctx := context.Background()
	book := pgtest.NewDatabase(t)
	owner, err := store.Open(ctx, book, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer owner.Close()
	role, pw, drop, err := pgtest.CreateRole("asst")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	if err := owner.AddMember(ctx, role, store.Assistant); err != nil {
		t.Fatal(err)
	}
	c, err := owner.AddContact(ctx, rotation.Contact{Name: "Jane Doe", Tier: "A", Assignee: role}, rotation.MustDate("2026-11-25"))
	if err != nil {
		t.Fatal(err)
	}
	u, _ := url.Parse(book)
	u.User = url.UserPassword(role, pw)
	asst, err := store.Open(ctx, u.String(), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer asst.Close()

	dir := filepath.Join(t.TempDir(), "drafts")
	path, err := keepLocalDraft(dir, asst.Path(), rotation.Draft{ContactID: c.ID, Note: "typed while the server was down", Updated: time.Now().UTC()})
	if err != nil {
		t.Fatal(err)
	}
	if err := owner.Assign(ctx, c.ID, ""); err != nil {
		t.Fatal(err)
	}
	n, err := restoreLocalDrafts(ctx, asst, dir)
	if err != nil || n != 1 {
		t.Fatalf("restoreLocalDrafts = %d, %v; want 1", n, err)
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the kept file is still there (%v)", err)
	}
	d, ok, err := owner.Draft(ctx, c.ID)
	if err != nil || !ok || !strings.Contains(d.Note, "typed while the server was down") || !strings.Contains(d.Note, role+"'s draft") {
		t.Errorf("the owner's draft = %q, %v, %v; want the assistant's note, marked as theirs", d.Note, ok, err)
	}
}
