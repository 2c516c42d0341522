package store_test

import (
	"bytes"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"testing"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
	"rotate/store/pgtest"
)

// secrets are words only the forgotten person's record holds: their name,
// a call's note, a corrected note kept in the history, a follow-up and a
// draft.
var secrets = []string{"quillfeather", "xylophonic", "oldnotegarnet", "followupzircon", "draftwordcobalt", "zebediah@example.org"}

// forgetBook is a book with a crowd of other contacts and calls (so the
// search index has many pages) and Zebediah Quillfeather, whose record
// holds every secret.
func forgetBook(t *testing.T) (*book, int64, int64) {
	t.Helper()
	b := newBook(t)
	ctx := t.Context()
	var batch []store.NewContact
	for i := range 300 {
		batch = append(batch, store.NewContact{Contact: person(fmt.Sprintf("Other Person %03d", i), "B", day0.AddDays(i%20))})
	}
	others, err := b.AddContacts(ctx, batch, day0)
	if err != nil {
		t.Fatal(err)
	}
	for i, c := range others {
		for j := range 3 {
			mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, Today: day0,
				Note: fmt.Sprintf("talked about item %d and weather %d, ordinary words", i, j)})
		}
	}
	z := mustAdd(t, b.Store, rotation.Contact{Name: "Zebediah Quillfeather", Tier: "A", Email: "zebediah@example.org",
		Phones: []rotation.Phone{{Number: "+49 30 9876543"}}, Schedule: rotation.Schedule{Due: day0}})
	mustLog(t, b.Store, store.LogEntry{ContactID: z.ID, Outcome: rotation.Reached, Today: day0,
		Note: "xylophonic concert plans", NewFollowUps: []string{"followupzircon"}})
	id := mustLog(t, b.Store, store.LogEntry{ContactID: z.ID, Outcome: rotation.Voicemail, Today: day0, Note: "oldnotegarnet"}).CallID
	note := "a corrected note"
	if _, err := b.EditCall(ctx, id, rotation.CallEdit{Note: &note}); err != nil {
		t.Fatal(err)
	}
	if err := b.SaveDraft(ctx, rotation.Draft{ContactID: z.ID, Note: "draftwordcobalt"}); err != nil {
		t.Fatal(err)
	}
	return b, z.ID, others[0].ID
}

// bookBytes is the book's main file and its write-ahead log, lower-cased.
func bookBytes(t *testing.T, path string) []byte {
	t.Helper()
	var all []byte
	for _, p := range []string{path, path + "-wal"} {
		data, err := os.ReadFile(p)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			t.Fatal(err)
		}
		all = append(all, bytes.ToLower(data)...)
	}
	return all
}

// TestForgetLeavesNoByte reads the raw database and WAL after forget:
// neither the name nor any word of the person's notes, history,
// follow-ups or draft is left, while the other contacts stay whole.
func TestForgetLeavesNoByte(t *testing.T) {
	t.Parallel()
	if pgtest.Postgres() {
		t.Skip("byte erasure is SQLite's; see TestForgetTeamBook")
	}
	b, id, other := forgetBook(t)
	ctx := t.Context()
	before := bookBytes(t, b.path)
	for _, w := range secrets {
		if !bytes.Contains(before, []byte(w)) {
			t.Fatalf("the book does not hold %q before forget: the test proves nothing", w)
		}
	}
	res, err := b.Forget(ctx, id, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Calls != 2 || res.FollowUps != 1 || res.Drafts != 1 || res.Revisions != 1 || res.WALBusy {
		t.Errorf("Forget = %+v; want 2 calls, 1 follow-up, 1 draft, 1 revision, the WAL emptied", res)
	}
	// Read while the book is still open: closing would checkpoint anyway.
	after := bookBytes(t, b.path)
	for _, w := range secrets {
		if i := bytes.Index(after, []byte(w)); i >= 0 {
			t.Errorf("%q is still readable in the book's files after forget, at byte %d", w, i)
		}
	}
	if _, err := b.Contact(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the forgotten contact reads back: %v", err)
	}
	if hits, _ := b.Search(ctx, "xylophonic", 10); len(hits) != 0 {
		t.Errorf("search still finds the forgotten: %+v", hits)
	}
	if calls, _ := b.Calls(ctx, other, 0); len(calls) != 3 {
		t.Errorf("another contact has %d calls after forget, want 3", len(calls))
	}
	if hits, _ := b.Search(ctx, "ordinary", 1000); len(hits) != 900 {
		t.Errorf("search finds %d of the others' 900 notes after the index was rebuilt", len(hits))
	}
	b.reopen(t)
	if _, err := b.Contact(ctx, id); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("after reopening, the forgotten contact reads back: %v", err)
	}
}

// TestForgetTombstoneStopsImport: an import skips a forgotten person by
// phone or e-mail and says so; IncludeForgotten imports them again.
func TestForgetTombstoneStopsImport(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	z := mustAdd(t, b.Store, rotation.Contact{Name: "Zebediah Quillfeather", Tier: "A", Email: "Zebediah@Example.org",
		Phones: []rotation.Phone{{Number: "+49 30 9876543"}}, Schedule: rotation.Schedule{Due: day0}})
	if _, err := b.Forget(ctx, z.ID, "DE"); err != nil {
		t.Fatal(err)
	}
	// The tombstone holds no number or address in plain text.
	if !pgtest.Postgres() {
		data := bookBytes(t, b.path)
		for _, w := range []string{"9876543", "zebediah@"} {
			if bytes.Contains(data, []byte(w)) {
				t.Errorf("%q is readable in the book after forget", w)
			}
		}
	}
	file := interchange.Book{Records: []interchange.Record{
		{Num: 1, Line: 1, Contact: rotation.Contact{Name: "Z. Q.", Phones: []rotation.Phone{{Number: "030 9876543"}}}},
		{Num: 2, Line: 2, Contact: rotation.Contact{Name: "Zeb", Email: "zebediah@example.org"}},
		{Num: 3, Line: 3, Contact: rotation.Contact{Name: "Someone Else", Phones: []rotation.Phone{{Number: "+49 30 1111111"}}}},
	}}
	res, err := b.Import(ctx, file, day0, store.ImportOptions{Region: "DE"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Forgotten != 2 || res.New != 1 {
		t.Errorf("import = %d forgotten, %d new; want 2 skipped as forgotten, 1 new", res.Forgotten, res.New)
	}
	res, err = b.Import(ctx, file, day0, store.ImportOptions{Region: "DE", IncludeForgotten: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Forgotten != 0 || res.New != 2 {
		t.Errorf("import --include-forgotten = %d forgotten, %d new; want both records of the forgotten person back", res.Forgotten, res.New)
	}
}

// TestForgetTeamBook: only an owner forgets; the history of changes goes
// with the person.
func TestForgetTeamBook(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	ctx := t.Context()
	o := tm.owner
	asst, role, pw := tm.member(t, "asst", store.Assistant)
	z := mustAdd(t, o.Store, rotation.Contact{Name: "Zebediah Quillfeather", Tier: "A", Phones: []rotation.Phone{{Number: "+49 30 9876543"}},
		Schedule: rotation.Schedule{Due: day0}})
	if err := o.Assign(ctx, z.ID, role); err != nil {
		t.Fatal(err)
	}
	id := mustLog(t, asst, store.LogEntry{ContactID: z.ID, Outcome: rotation.Reached, Today: day0, Note: "oldnotegarnet"}).CallID
	note := "corrected"
	if _, err := asst.EditCall(ctx, id, rotation.CallEdit{Note: &note}); err != nil {
		t.Fatal(err)
	}
	if _, err := asst.Forget(ctx, z.ID, ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("an assistant's forget = %v, want refused", err)
	}
	// Not by plain SQL either: the function is not theirs to run, and
	// the history not theirs to remove.
	adb, err := sql.Open("pgx", tm.as(role, pw))
	if err != nil {
		t.Fatal(err)
	}
	defer adb.Close()
	for _, q := range []string{
		fmt.Sprintf("SELECT * FROM rotate_forget(%d, '{}', '')", z.ID),
		"SELECT set_config('rotate.forgetting', 'yes', false); DELETE FROM call_revisions",
	} {
		if r, err := adb.ExecContext(ctx, q); err == nil {
			if n, _ := r.RowsAffected(); n > 0 {
				t.Errorf("the assistant ran %q: %d rows", q, n)
			}
		}
	}
	db := rawDB(t, tm.server)
	if n := count(t, db, "SELECT count(*) FROM call_revisions"); n != 1 {
		t.Errorf("the history has %d rows before the owner's forget, want 1", n)
	}
	res, err := o.Forget(ctx, z.ID, "")
	if err != nil {
		t.Fatal(err)
	}
	if res.Calls != 1 || res.Revisions != 1 {
		t.Errorf("Forget = %+v, want 1 call, 1 revision", res)
	}
	for _, q := range []string{"SELECT count(*) FROM call_revisions", "SELECT count(*) FROM calls", "SELECT count(*) FROM contacts"} {
		if n := count(t, db, q); n != 0 {
			t.Errorf("%s = %d after forget", q, n)
		}
	}
	if n := count(t, db, "SELECT count(*) FROM forgotten"); n == 0 {
		t.Error("no tombstone")
	}
}

// TestForgetAfterEverydayEdits: the plainest workflow — add, log, edit,
// with checkpoints in between as a long-running book has — leaves older
// versions of the contact's row in pages SQLite freed before the forget;
// those too must hold no byte of the person afterwards.
func TestForgetAfterEverydayEdits(t *testing.T) {
	t.Parallel()
	if pgtest.Postgres() {
		t.Skip("byte erasure is SQLite's; see TestForgetTeamBook")
	}
	b := newBook(t)
	ctx := t.Context()
	raw := rawDB(t, b.path)
	checkpoint := func() { mustExec(t, raw, "PRAGMA wal_checkpoint(TRUNCATE)") }
	m := mustAdd(t, b.Store, rotation.Contact{Name: "Mira Vanderlocke", Tier: "A", Company: "Quorblex Ltd",
		Phones: []rotation.Phone{{Number: "+1 555 0133"}}, Schedule: rotation.Schedule{Due: day0}})
	mustAdd(t, b.Store, person("Keep Ka", "B", day0))
	checkpoint()
	mustLog(t, b.Store, store.LogEntry{ContactID: m.ID, Outcome: rotation.Reached, Today: day0, Note: "MIRANOTE"})
	checkpoint()
	was := mustContact(t, b.Store, m.ID)
	now := was
	now.Company = "Zyntrapex GmbH"
	if err := b.UpdateContact(ctx, was, now); err != nil {
		t.Fatal(err)
	}
	checkpoint()
	if _, err := b.Forget(ctx, m.ID, ""); err != nil {
		t.Fatal(err)
	}
	after := bookBytes(t, b.path)
	for _, w := range []string{"Vanderlocke", "555 0133", "Quorblex", "Zyntrapex", "MIRANOTE"} {
		if i := bytes.Index(after, []byte(w)); i >= 0 {
			t.Errorf("%q is still readable in the book's files after forget, at byte %d", w, i)
		}
	}
}
