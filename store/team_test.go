package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
	"rotate/store/pgtest"
)

// teamOnly skips a test of what only a team book has.
func teamOnly(t testing.TB) {
	t.Helper()
	if !pgtest.Postgres() {
		t.Skip("team books live on PostgreSQL: this runs in the PostgreSQL pass")
	}
}

// team is a team book with its owner's store (the server's superuser,
// who set it up) and a way to sign in as other roles.
type team struct {
	owner  *book
	server string // the URL of the book, as the owner
}

func newTeam(t *testing.T) team {
	t.Helper()
	teamOnly(t)
	b := newBook(t)
	return team{owner: b, server: b.path}
}

// as is the book's URL signed in as role.
func (tm team) as(role, password string) string {
	u, _ := url.Parse(tm.server)
	u.User = url.UserPassword(role, password)
	return u.String()
}

// member creates a role, adds it to the team as kind, and opens the book
// as that role.
func (tm team) member(t *testing.T, prefix string, kind store.MemberKind) (*store.Store, string, string) {
	t.Helper()
	role, pw := pgtest.NewRole(t, prefix)
	if err := tm.owner.AddMember(t.Context(), role, kind); err != nil {
		t.Fatalf("add %s: %v", role, err)
	}
	s := openAt(t, tm.as(role, pw), tm.owner.clock)
	return s, role, pw
}

func TestTeamWhoIsSignedIn(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	asst, role, _ := tm.member(t, "asst", store.Assistant)
	if r, k := asst.Who(); r != role || k != store.Assistant {
		t.Errorf("Who = %q, %q; want %q, assistant", r, k, role)
	}
	if _, k := tm.owner.Who(); k != store.Owner {
		t.Errorf("the one who set the book up is %q, want owner", k)
	}
	members, err := tm.owner.Members(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 2 || members[1].Role != role || members[1].Kind != store.Assistant {
		t.Errorf("Members = %+v", members)
	}
	if !tm.owner.IsTeam() || asst.Path() == "" || strings.Contains(asst.Path(), "pw-") {
		t.Errorf("Path %q must name the book without the password", asst.Path())
	}
}

// TestAssistantSeesOnlyTheirs proves with plain SQL, as the assistant's
// own role and no rotate code, that the database hides and protects the
// contacts not assigned to them, with their calls, follow-ups, drafts,
// phones and tags.
func TestAssistantSeesOnlyTheirs(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	ctx := t.Context()
	_, role, pw := tm.member(t, "asst", store.Assistant)
	o := tm.owner
	var ids []int64
	for _, name := range []string{"Mine Alone", "Owner Only", "Nobody's"} {
		c := mustAdd(t, o.Store, rotation.Contact{Name: name, Tier: "A", Phones: []rotation.Phone{{Number: "+49 30 1"}},
			Tags: []string{"vip"}, Schedule: rotation.Schedule{Due: day0}})
		ids = append(ids, c.ID)
		mustLog(t, o.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0,
			Note: "note about " + name, NewFollowUps: []string{"follow " + name}})
		if err := o.SaveDraft(ctx, rotation.Draft{ContactID: c.ID, Note: "draft " + name}); err != nil {
			t.Fatal(err)
		}
	}
	mine, others := ids[0], ids[1:]
	if err := o.Assign(ctx, mine, role); err != nil {
		t.Fatal(err)
	}

	db, err := sql.Open("pgx", tm.as(role, pw))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	// The assistant's own draft on their contact; the owner's drafts are
	// the owner's, on any contact.
	asst := openAt(t, tm.as(role, pw), o.clock)
	if err := asst.SaveDraft(ctx, rotation.Draft{ContactID: mine, Note: "the assistant's"}); err != nil {
		t.Fatal(err)
	}
	var drafts []string
	rows, err := db.QueryContext(ctx, "SELECT note FROM drafts ORDER BY note")
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var n string
		rows.Scan(&n)
		drafts = append(drafts, n)
	}
	rows.Close()
	if !slices.Equal(drafts, []string{"the assistant's"}) {
		t.Errorf("the assistant sees the drafts %q, want only their own", drafts)
	}
	for _, table := range []string{"contacts", "calls", "followups", "phones", "tags"} {
		col := "contact_id"
		if table == "contacts" {
			col = "id"
		}
		var got []int64
		rows, err := db.QueryContext(ctx, "SELECT DISTINCT "+col+" FROM "+table+" ORDER BY 1")
		if err != nil {
			t.Fatalf("%s: %v", table, err)
		}
		for rows.Next() {
			var id int64
			rows.Scan(&id)
			got = append(got, id)
		}
		rows.Close()
		if !slices.Equal(got, []int64{mine}) {
			t.Errorf("the assistant sees %s of contacts %v, want only %d", table, got, mine)
		}
	}
	for _, id := range others {
		for _, q := range []string{
			"UPDATE contacts SET name = 'Taken' WHERE id = $1",
			"DELETE FROM calls WHERE contact_id = $1",
			"UPDATE followups SET text = 'x' WHERE contact_id = $1",
			"DELETE FROM drafts WHERE contact_id = $1",
			"DELETE FROM contacts WHERE id = $1",
		} {
			r, err := db.ExecContext(ctx, q, id)
			if err != nil {
				continue // refused outright (no right to delete at all): as good
			}
			if n, _ := r.RowsAffected(); n != 0 {
				t.Errorf("%s changed %d rows of contact %d", q, n, id)
			}
		}
		if _, err := db.ExecContext(ctx, `INSERT INTO calls (contact_id, at, day, outcome) VALUES ($1, '2026-03-04T10:00:00Z', '2026-03-04', 'reached')`, id); err == nil {
			t.Errorf("the assistant logged a call for contact %d", id)
		}
	}
	for _, q := range []string{
		"UPDATE contacts SET assignee = '' WHERE id = " + itoa(mine), // giving it away
		"INSERT INTO settings (key, value) VALUES ('minutes', '1')",
		"INSERT INTO team_members (role, kind) VALUES ('x', 'owner')",
		"UPDATE team_members SET kind = 'owner'",
		"UPDATE plan_groups SET n = 99",
	} {
		if _, err := db.ExecContext(ctx, q); err == nil {
			t.Errorf("the assistant may: %s", q)
		}
	}
	// The owner's view is whole and unchanged.
	for _, id := range ids {
		c := mustContact(t, o.Store, id)
		calls, err := o.Calls(ctx, id, 0)
		if err != nil || len(calls) != 1 || c.Name == "Taken" {
			t.Errorf("contact %d after the assistant's tries: %q, %d calls (%v)", id, c.Name, len(calls), err)
		}
	}
}

func TestTodayPerPerson(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	ctx := t.Context()
	asst, role, _ := tm.member(t, "asst", store.Assistant)
	o := tm.owner
	theirs := mustAdd(t, o.Store, rotation.Contact{Name: "Ann Assigned", Tier: "C", Assignee: role, Schedule: rotation.Schedule{Due: day0}})
	free := mustAdd(t, o.Store, person("Una Unassigned", "A", day0))
	mustAdd(t, asst, person("Amy Added By Assistant", "B", day0)) // theirs by default
	names := func(s *store.Store) []string {
		a, err := s.Today(ctx, day0)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, d := range a.Due {
			out = append(out, d.Contact.Name)
		}
		slices.Sort(out)
		return out
	}
	if got, want := names(asst), []string{"Amy Added By Assistant", "Ann Assigned"}; !slices.Equal(got, want) {
		t.Errorf("the assistant's day: %q, want %q", got, want)
	}
	if got, want := names(o.Store), []string{"Una Unassigned"}; !slices.Equal(got, want) {
		t.Errorf("the owner's day: %q, want %q", got, want)
	}
	all := openAtOpts(t, tm.server, store.Options{Now: o.clock.Now, Everyone: true})
	if got := names(all); len(got) != 3 {
		t.Errorf("the owner's day with --all: %q, want all three", got)
	}
	if err := o.Assign(ctx, free.ID, "nobody-such"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("assigning to a stranger: %v", err)
	}
	if err := o.Assign(ctx, theirs.ID, ""); err != nil {
		t.Fatal(err)
	}
	if got := names(asst); !slices.Equal(got, []string{"Amy Added By Assistant"}) {
		t.Errorf("after unassigning, the assistant's day: %q", got)
	}
	if _, err := asst.Find(ctx, "Una"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the assistant found an unassigned contact: %v", err)
	}
	if err := asst.AddMember(ctx, "x", store.Assistant); err == nil {
		t.Error("an assistant added a member")
	}
}

// openAtOpts is openAt with options.
func openAtOpts(t testing.TB, path string, opts store.Options) *store.Store {
	t.Helper()
	s, err := store.Open(t.Context(), path, opts)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// TestLogCallRefusesWhenLoggedMeanwhile: on either backend, a call logged
// by someone else after the person opened the contact is not scheduled
// over; the person's call is refused whole and can be logged again.
func TestLogCallRefusesWhenLoggedMeanwhile(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	other := openAt(t, b.path, b.clock)
	c := mustAdd(t, b.Store, person("Jane Doe", "A", day0))
	seen, err := b.NewestCall(ctx, c.ID)
	if err != nil || seen != -1 {
		t.Fatalf("NewestCall of a new contact = %d, %v; want -1", seen, err)
	}
	first := mustLog(t, other, store.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, Today: day0, Seen: seen})
	before := mustContact(t, b.Store, c.ID)
	_, err = b.LogCall(ctx, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, At: b.clock.Now(),
		Note: "mine", Seen: seen})
	var conflict *store.ConflictError
	if !errors.As(err, &conflict) || !errors.Is(err, store.ErrConflict) {
		t.Fatalf("LogCall over another's call: %v; want a ConflictError", err)
	}
	if conflict.CallID != first.CallID || conflict.Outcome != rotation.Voicemail || !strings.Contains(err.Error(), "logged Jane Doe meanwhile (voicemail") ||
		!strings.Contains(err.Error(), "kept as a draft") || strings.Contains(err.Error(), "\n") {
		t.Errorf("conflict = %+v, %q", conflict, err)
	}
	if after := mustContact(t, b.Store, c.ID); after.Due != before.Due || after.Attempts != before.Attempts {
		t.Errorf("the refused call moved the contact: %v → %v", before.Schedule, after.Schedule)
	}
	// Seen again, it goes through; 0 (a script) never checks.
	seen, _ = b.NewestCall(ctx, c.ID)
	mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, Note: "mine", Seen: seen})
	mustLog(t, other, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, Note: "script"})
	if calls, _ := b.Calls(ctx, c.ID, 0); len(calls) != 3 {
		t.Errorf("%d calls, want 3", len(calls))
	}
}

// TestTwoPeopleLogTheSameContact logs one contact from two people at the
// same moment, many times: each time exactly one call is saved, the other
// person is told who logged it, and the contact's schedule is the saved
// call's.
func TestTwoPeopleLogTheSameContact(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	ctx := t.Context()
	asst, role, _ := tm.member(t, "asst", store.Assistant)
	ownerRole, _ := tm.owner.Who()
	c := mustAdd(t, tm.owner.Store, rotation.Contact{Name: "Shared Client", Tier: "A", Assignee: role, Schedule: rotation.Schedule{Due: day0}})
	people := []*store.Store{tm.owner.Store, asst}
	roles := []string{ownerRole, role}
	for round := range 12 {
		seen, err := asst.NewestCall(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		results := make([]error, 2)
		calls := make([]store.LogResult, 2)
		for i, s := range people {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				calls[i], results[i] = s.LogCall(ctx, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached,
					Today: day0, At: day0.Time().Add(time.Duration(round) * time.Minute), Note: fmt.Sprintf("round %d by %d", round, i), Seen: seen})
			}()
		}
		close(start)
		wg.Wait()
		won := slices.IndexFunc(results, func(err error) bool { return err == nil })
		if won < 0 || results[1-won] == nil {
			t.Fatalf("round %d: results %v; want exactly one call saved", round, results)
		}
		var conflict *store.ConflictError
		if !errors.As(results[1-won], &conflict) || conflict.By != roles[won] {
			t.Fatalf("round %d: the loser got %v; want a conflict naming %s", round, results[1-won], roles[won])
		}
		got := mustContact(t, tm.owner.Store, c.ID)
		if got.Due != calls[won].Next.Due {
			t.Fatalf("round %d: due %s, the saved call set %s", round, got.Due, calls[won].Next.Due)
		}
	}
	if calls, _ := tm.owner.Calls(ctx, c.ID, 0); len(calls) != 12 {
		t.Errorf("%d calls saved, want 12", len(calls))
	}
}

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
