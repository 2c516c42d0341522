package store_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

// TestAssistantCorrectsOnlyTheirCalls proves with plain SQL, as the
// assistant's and a second owner's own roles, that the database lets an
// assistant change or remove only the calls they logged, keeps a version
// for every change, and lets no one write, change or remove the history
// of changes.
func TestAssistantCorrectsOnlyTheirCalls(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	ctx := t.Context()
	o := tm.owner
	asst, role, pw := tm.member(t, "asst", store.Assistant)
	_, orole, opw := tm.member(t, "boss", store.Owner)
	c := mustAdd(t, o.Store, rotation.Contact{Name: "Shared Client", Tier: "A", Schedule: rotation.Schedule{Due: day0}})
	if err := o.Assign(ctx, c.ID, role); err != nil {
		t.Fatal(err)
	}
	ownersCall := mustLog(t, o.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, Note: "the owner's"}).CallID
	mine := mustLog(t, asst, store.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, Today: day0, Note: "the assistant's"}).CallID

	db, err := sql.Open("pgx", tm.as(role, pw))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"UPDATE calls SET note = 'rewritten' WHERE id = $1",
		"UPDATE calls SET logged_by = current_user WHERE id = $1",
		"DELETE FROM calls WHERE id = $1",
	} {
		if n, err := rowsAffected(ctx, db, q, ownersCall); err == nil && n != 0 {
			t.Errorf("the assistant ran %q on the owner's call: %d rows", q, n)
		}
	}
	if n, err := rowsAffected(ctx, db, "UPDATE calls SET note = 'fixed by hand' WHERE id = $1", mine); err != nil || n != 1 {
		t.Fatalf("the assistant's edit of their own call: %d rows, %v", n, err)
	}
	var by, action, note string
	if err := db.QueryRowContext(ctx, "SELECT changed_by, action, note FROM call_revisions WHERE call_id = $1", mine).Scan(&by, &action, &note); err != nil {
		t.Fatalf("the assistant reads the history of their call: %v", err)
	}
	if by != role || action != "edit" || note != "the assistant's" {
		t.Errorf("revision = %s, %s, %q; want %s, edit, the old note", by, action, note, role)
	}
	// The history: no one writes, changes or removes it by hand, not an
	// assistant and not an owner.
	odb, err := sql.Open("pgx", tm.as(orole, opw))
	if err != nil {
		t.Fatal(err)
	}
	defer odb.Close()
	checkHistoryUnforgeable(t, db, odb)
	checkCorrectionsThroughRotate(t, o.Store, asst, ownersCall, mine)
}

// rowsAffected runs q on db and says how many rows it changed.
func rowsAffected(ctx context.Context, db *sql.DB, q string, args ...any) (int64, error) {
	r, err := db.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return r.RowsAffected()
}

// checkHistoryUnforgeable: the history of changes is written, changed or
// removed by hand by no one, not an assistant (db) and not an owner (odb);
// it keeps its one revision.
func checkHistoryUnforgeable(t *testing.T, db, odb *sql.DB) {
	ctx := t.Context()
	for _, who := range []*sql.DB{db, odb} {
		for _, q := range []string{
			"UPDATE call_revisions SET note = 'forged'",
			"DELETE FROM call_revisions",
			`INSERT INTO call_revisions (call_id, contact_id, changed_at, changed_by, action, at, day, kind, outcome, note, next_due, logged_by, prior, edited_at)
				VALUES (1, 1, '', 'x', 'edit', '', '', 'call', 'reached', 'forged', '', '', '', '')`,
			"TRUNCATE call_revisions",
			"SELECT set_config('rotate.forgetting', 'yes', false); DELETE FROM call_revisions",
		} {
			if n, err := rowsAffected(ctx, who, q); err == nil && n != 0 {
				t.Errorf("%q changed %d rows of the history", q, n)
			}
		}
	}
	var left int
	if err := odb.QueryRowContext(ctx, "SELECT count(*) FROM call_revisions WHERE note <> 'forged'").Scan(&left); err != nil || left != 1 {
		t.Errorf("the history has %d rows (%v), want the one revision", left, err)
	}
}

// checkCorrectionsThroughRotate: through rotate, the assistant is refused
// the owner's call, with a clear word; the owner may correct any.
func checkCorrectionsThroughRotate(t *testing.T, o, asst *store.Store, ownersCall, mine int64) {
	ctx := t.Context()
	note := "not mine"
	if _, err := asst.EditCall(ctx, ownersCall, rotation.CallEdit{Note: &note}); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("the assistant's EditCall of the owner's call = %v, want refused", err)
	}
	if _, err := asst.DeleteCall(ctx, ownersCall); err == nil {
		t.Error("the assistant deleted the owner's call")
	}
	if res, err := asst.Undo(ctx); err != nil || res.CallID != mine {
		t.Errorf("the assistant's undo = %+v, %v; want their own call %d", res, err, mine)
	}
	note = "corrected by the owner"
	if _, err := o.EditCall(ctx, ownersCall, rotation.CallEdit{Note: &note}); err != nil {
		t.Errorf("the owner's edit: %v", err)
	}
	h, err := o.CallHistory(ctx, ownersCall)
	if err != nil || len(h) != 2 || h[1].By == "" {
		t.Errorf("history of the owner's call = %+v, %v", h, err)
	}
}
