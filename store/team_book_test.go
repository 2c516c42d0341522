package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"rotate/rotation"
	"rotate/store"
	"rotate/store/pgtest"
)

func TestTeamOpenRefusals(t *testing.T) {
	t.Parallel()
	teamOnly(t)
	ctx := t.Context()
	fresh := pgtest.NewDatabase(t)
	// A database rotate has not set up yet.
	db, err := sql.Open("pgx", fresh)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	u, _ := url.Parse(fresh)
	empty := strings.TrimPrefix(u.Path, "/") + "_empty"
	if _, err := db.ExecContext(ctx, "CREATE DATABASE "+empty); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Exec("DROP DATABASE IF EXISTS " + empty + " WITH (FORCE)") })
	emptyURL := pgtest.WithDatabase(pgtest.ServerURL(), empty, "", "")
	tests := []struct {
		name, url string
		want      error
		msg       string
	}{
		{"not set up", emptyURL, store.ErrNotRotateDB, "is not a rotate team book yet"}, // remedy below
		{"a wrong password", tmAs(fresh, "rotate_admin", "wrong"), store.ErrConnection, "refused the sign-in"},
		{"no such database", pgtest.WithDatabase(pgtest.ServerURL(), "no_such_db_x", "", ""), store.ErrConnection, "does not exist"},
		{"no server", "postgres://u:p@127.0.0.1:1/x?connect_timeout=5", store.ErrConnection, "cannot reach"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := store.Open(ctx, tt.url, store.Options{})
			if err == nil {
				s.Close()
				t.Fatal("opened")
			}
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.msg) || strings.Contains(err.Error(), "\n") {
				t.Errorf("Open: %v; want %v saying %q on one line", err, tt.want, tt.msg)
			}
			// Its owner sets it up: cmd/rotate says with rotate team init.
			if r, _ := store.RemedyOf(err); tt.name == "not set up" && r != store.RemedyTeamInit {
				t.Errorf("Open: %v; remedy %d, want RemedyTeamInit", err, r)
			}
			if strings.Contains(err.Error(), "wrong") || strings.Contains(err.Error(), "rotate-ci-") {
				t.Errorf("the message shows a password: %v", err)
			}
		})
	}
	t.Run("a role outside the team", func(t *testing.T) {
		role, pw := pgtest.NewRole(t, "stranger")
		_, err := store.Open(ctx, tmAs(fresh, role, pw), store.Options{})
		// The store says what is wrong and what can be done (an owner
		// adds the role); cmd/rotate words it as the command to type.
		r, subject := store.RemedyOf(err)
		if err == nil || !strings.Contains(err.Error(), "not a member") || r != store.RemedyTeamAddRole || subject != role {
			t.Errorf("Open as a stranger: %v (remedy %d for %q)", err, r, subject)
		}
	})
	t.Run("a newer schema", func(t *testing.T) {
		mustExec(t, db, "INSERT INTO goose_db_version (version_id, is_applied) VALUES (99, true)")
		_, err := store.Open(ctx, fresh, store.Options{})
		if !errors.Is(err, store.ErrNewerSchema) {
			t.Errorf("Open of a newer team book: %v", err)
		}
	})
}

func tmAs(u, role, pw string) string { return team{server: u}.as(role, pw) }

// TestTeamConnectionCut: a connection the server drops between two uses
// is replaced (or, when no server answers, reported on one line); it
// never loses a call or panics.
func TestTeamConnectionCut(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	ctx := t.Context()
	c := mustAdd(t, tm.owner.Store, person("Jane Doe", "A", day0))
	raw := rawDB(t, pgtest.ServerURL())
	u, _ := url.Parse(tm.server)
	mustExec(t, raw, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"+strings.TrimPrefix(u.Path, "/")+"' AND pid <> pg_backend_pid()")
	res, err := tm.owner.LogCall(ctx, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, At: day0.Time(), Note: "after the cut"})
	if err != nil {
		if !errors.Is(err, store.ErrConnection) || strings.Contains(err.Error(), "\n") {
			t.Fatalf("LogCall after the cut: %v; want success or one line of connection trouble", err)
		}
		res = mustLog(t, tm.owner.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, Note: "after the cut"})
	}
	if calls, _ := tm.owner.Calls(ctx, c.ID, 0); len(calls) != 1 || calls[0].ID != res.CallID {
		t.Errorf("calls after the cut: %+v", calls)
	}
}

func TestPushAndBackupRoundTrip(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	ctx := t.Context()
	_, role, _ := tm.member(t, "asst", store.Assistant)
	// A personal book with history.
	home := filepath.Join(t.TempDir(), "home.db")
	h := openAt(t, home, tm.owner.clock)
	var ids []int64
	for i := range 5 {
		c := mustAdd(t, h, rotation.Contact{Name: fmt.Sprintf("Client %d", i), Tier: "B",
			Phones: []rotation.Phone{{Number: fmt.Sprintf("+49 30 555 %04d", i)}}, Schedule: rotation.Schedule{Due: day0}})
		ids = append(ids, c.ID)
		mustLog(t, h, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, Note: "talked " + c.Name,
			NewFollowUps: []string{"send the brochure"}})
	}
	h.Close()

	// A push that fails half way leaves the team book as it was.
	raw := rawDB(t, tm.server)
	before := dump(t, raw)
	mustExec(t, raw, "CREATE TRIGGER boom BEFORE INSERT ON followups WHEN new.text = 'send the brochure' BEGIN SELECT RAISE(ABORT, 'boom'); END")
	if _, err := tm.owner.Push(ctx, home, day0, store.ImportOptions{}); err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("Push with a failing write: %v", err)
	}
	if after := dump(t, raw); after != before {
		t.Errorf("a failed push left changes")
	}
	mustExec(t, raw, "DROP TRIGGER boom")

	res, err := tm.owner.Push(ctx, home, day0, store.ImportOptions{Assign: role})
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 5 || res.Calls != 5 || res.FollowUps != 5 {
		t.Errorf("Push = %+v; want 5 new contacts, 5 calls, 5 follow-ups", res)
	}
	all, err := tm.owner.AllContacts(ctx)
	if err != nil || len(all) != 5 || all[0].Assignee != role {
		t.Fatalf("after the push: %d contacts (%v), first assigned to %q", len(all), err, all[0].Assignee)
	}
	// Pushed again: nothing new, no history copied twice.
	if res, err := tm.owner.Push(ctx, home, day0, store.ImportOptions{}); err != nil || res.New != 0 || res.Calls != 0 || res.FollowUps != 0 {
		t.Errorf("a second push: %+v, %v; want nothing new", res.ImportResult, err)
	}
	if _, err := tm.owner.Push(ctx, filepath.Join(t.TempDir(), "missing.db"), day0, store.ImportOptions{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("pushing a missing file: %v", err)
	}

	// The team book brought home: a backup is a personal book.
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := tm.owner.Backup(ctx, copyPath, false); err != nil {
		t.Fatal(err)
	}
	cp := openAt(t, copyPath, tm.owner.clock)
	got, err := cp.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want, err := tm.owner.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Records) != len(want.Records) {
		t.Fatalf("the backup holds %d contacts, the team book %d", len(got.Records), len(want.Records))
	}
	for i := range got.Records {
		g, w := got.Records[i], want.Records[i]
		if g.Contact.Name != w.Contact.Name || g.Contact.Due != w.Contact.Due || len(g.Calls) != len(w.Calls) ||
			len(g.FollowUps) != len(w.FollowUps) {
			t.Errorf("record %d: %s due %s, %d calls; want %s due %s, %d calls", i, g.Contact.Name, g.Contact.Due,
				len(g.Calls), w.Contact.Name, w.Contact.Due, len(w.Calls))
		}
	}
}

// TestPersonalBookHasNoTeam: the team operations say plainly that a
// SQLite book has no team.
func TestPersonalBookHasNoTeam(t *testing.T) {
	t.Parallel()
	if pgtest.Postgres() {
		t.Skip("about SQLite books")
	}
	b := newBook(t)
	ctx := context.Background()
	c := mustAdd(t, b.Store, person("Jane Doe", "A", day0))
	for name, err := range map[string]error{
		"assign": b.Assign(ctx, c.ID, "alice"),
		"add":    b.AddMember(ctx, "alice", store.Assistant),
		"add new": func() error {
			_, err := b.AddContact(ctx, rotation.Contact{Name: "X", Tier: "A", Assignee: "alice"}, day0)
			return err
		}(),
	} {
		if !errors.Is(err, store.ErrInvalid) || !strings.Contains(err.Error(), "team book") {
			t.Errorf("%s: %v", name, err)
		}
	}
	if r, k := b.Who(); r != "" || k != "" || b.IsTeam() {
		t.Errorf("Who = %q, %q", r, k)
	}
}

// TestMembersChangeOnlyThroughTheBook: every right comes from one grantor
// (rotate_set_member), so demoting or removing someone takes all their
// rights, whoever gave them; an assistant cannot promote themselves, and
// the book keeps an owner.
func TestMembersChangeOnlyThroughTheBook(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	ctx := t.Context()
	second, secondRole, _ := tm.member(t, "owner2", store.Owner)
	daveRole, davePW := pgtest.NewRole(t, "dave")
	// The second owner adds dave as an owner; the first demotes him.
	if err := second.AddMember(ctx, daveRole, store.Owner); err != nil {
		t.Fatal(err)
	}
	if err := tm.owner.AddMember(ctx, daveRole, store.Assistant); err != nil {
		t.Fatalf("demoting dave: %v", err)
	}
	dave, err := sql.Open("pgx", tm.as(daveRole, davePW))
	if err != nil {
		t.Fatal(err)
	}
	defer dave.Close()
	c := mustAdd(t, tm.owner.Store, rotation.Contact{Name: "Dave's Client", Tier: "C", Assignee: daveRole, Schedule: rotation.Schedule{Due: day0}})
	mustLog(t, tm.owner.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, Note: "the owner's call"})
	// An assistant may correct the calls they logged (issue 14) and set
	// their own time away (issue 18), so these are not refused outright:
	// row-level security leaves them nothing to change in the owner's
	// call or in the practice's settings.
	for _, q := range []string{
		"UPDATE calls SET note = 'rewritten' WHERE contact_id = " + itoa(c.ID),
		"DELETE FROM calls WHERE contact_id = " + itoa(c.ID),
		"UPDATE settings SET value = '1'",
	} {
		if r, err := dave.ExecContext(ctx, q); err == nil {
			if n, _ := r.RowsAffected(); n != 0 {
				t.Errorf("the demoted assistant changed %d rows: %s", n, q)
			}
		}
	}
	for _, q := range []string{
		"UPDATE team_members SET kind = 'owner' WHERE role = current_user",
		"INSERT INTO team_members (role, kind) VALUES ('mallory', 'owner')",
		"SELECT rotate_set_member(current_user, 'owner')",
		"DELETE FROM contacts WHERE id = " + itoa(c.ID),
		"INSERT INTO calls (contact_id, at, day, outcome, logged_by) VALUES (" + itoa(c.ID) + ", '2026-03-04T10:00:00Z', '2026-03-04', 'reached', '" + secondRole + "')",
		"INSERT INTO settings (key, value) VALUES ('workdays', 'mon')",
	} {
		if _, err := dave.ExecContext(ctx, q); err == nil {
			t.Errorf("the demoted assistant may: %s", q)
		}
	}
	// What logging takes is still there.
	d := openAt(t, tm.as(daveRole, davePW), tm.owner.clock)
	mustLog(t, d, store.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, Today: day0, Note: "dave's call"})
	if calls, _ := tm.owner.Calls(ctx, c.ID, 0); len(calls) != 2 || calls[1].Note != "the owner's call" {
		t.Errorf("calls after dave's tries: %+v", calls)
	}
	// An owner can be demoted too, after having added someone.
	if err := tm.owner.AddMember(ctx, secondRole, store.Assistant); err != nil {
		t.Fatalf("demoting the second owner: %v", err)
	}
	if err := second.AddMember(ctx, daveRole, store.Owner); err == nil {
		t.Error("a demoted owner still adds owners")
	}
	// Whoever set the book up stays its owner; removing takes everything.
	me, _ := tm.owner.Who()
	if err := tm.owner.AddMember(ctx, me, store.Assistant); err == nil || !strings.Contains(err.Error(), "stays an owner") {
		t.Errorf("demoting the book's owner: %v", err)
	}
	if err := tm.owner.RemoveMember(ctx, daveRole); err != nil {
		t.Fatal(err)
	}
	if got := mustContact(t, tm.owner.Store, c.ID); got.Assignee != "" {
		t.Errorf("dave's contact is still his: %q", got.Assignee)
	}
	if _, err := store.Open(ctx, tm.as(daveRole, davePW), store.Options{}); err == nil || !strings.Contains(err.Error(), "not a member") {
		t.Errorf("a removed member opens the book: %v", err)
	}
	if err := tm.owner.RemoveMember(ctx, daveRole); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("removing twice: %v", err)
	}
}

// TestDraftsAndStreakArePersonal: on a team book each person has their
// own draft of a call and their own streak.
func TestDraftsAndStreakArePersonal(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	ctx := t.Context()
	second, _, _ := tm.member(t, "owner2", store.Owner)
	asst, role, _ := tm.member(t, "asst", store.Assistant)
	shared := mustAdd(t, tm.owner.Store, person("Shared Sam", "A", day0))
	for s, note := range map[*store.Store]string{tm.owner.Store: "mine", second: "the second owner's"} {
		if err := s.SaveDraft(ctx, rotation.Draft{ContactID: shared.ID, Note: note}); err != nil {
			t.Fatal(err)
		}
	}
	for s, want := range map[*store.Store]string{tm.owner.Store: "mine", second: "the second owner's"} {
		if d, ok, err := s.Draft(ctx, shared.ID); err != nil || !ok || d.Note != want {
			t.Errorf("draft = %q, %v, %v; want %q", d.Note, ok, err, want)
		}
		if ids, _ := s.Drafts(ctx); len(ids) != 1 {
			t.Errorf("Drafts = %v; want one", ids)
		}
	}
	// The second owner logs the call: their draft goes, the first's stays.
	mustLog(t, second, store.LogEntry{ContactID: shared.ID, Outcome: rotation.Reached, Today: day0})
	if d, ok, _ := tm.owner.Draft(ctx, shared.ID); !ok || d.Note != "mine" {
		t.Errorf("the first owner's draft after the other's call: %q, %v", d.Note, ok)
	}
	// The assistant clears their list; the owners' lists still have calls.
	theirs := mustAdd(t, tm.owner.Store, rotation.Contact{Name: "Asst Only", Tier: "C", Assignee: role, Schedule: rotation.Schedule{Due: day0}})
	mustAdd(t, tm.owner.Store, person("Owner Still Due", "A", day0))
	mustLog(t, asst, store.LogEntry{ContactID: theirs.ID, Outcome: rotation.Reached, Today: day0})
	st, err := asst.Stats(ctx, day0)
	if err != nil {
		t.Fatal(err)
	}
	ost, err := tm.owner.Stats(ctx, day0)
	if err != nil {
		t.Fatal(err)
	}
	if st.StreakDays != 1 || ost.StreakDays != 0 {
		t.Errorf("streaks: assistant %d, owner %d; want 1 and 0", st.StreakDays, ost.StreakDays)
	}
}
