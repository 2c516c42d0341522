package store_test

// The attack suite: a hostile member of a team book with nothing but
// psql (here: database/sql on one connection, as their own role, no
// rotate code). Each attack must be refused or harmless: the setup
// owner's book unchanged, nothing hidden read, every later write of the
// others still working.

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/pressly/goose/v3"

	"rotate/rotation"
	"rotate/store"
	"rotate/store/pgtest"
)

// TestAttackReadingOthersNotes: an assistant learns nothing of a contact
// not theirs through search, views, functions, statistics or the
// messages of refused writes.
func TestAttackReadingOthersNotes(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	mustExec(t, sg.super, "ANALYZE")
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	s := itoa(sg.secret)
	probes := []string{
		"SELECT note FROM calls WHERE search @@ to_tsquery('rotate_search', 'merger')",
		"SELECT text FROM followups WHERE search @@ to_tsquery('rotate_search', 'lawyer')",
		"SELECT string_agg(note, ',') FROM calls",
		"SELECT 1 FROM calls WHERE note::int > 0",
		"SELECT 1 FROM contacts WHERE name::int > 0",
		"SELECT most_common_vals::text, histogram_bounds::text FROM pg_stats WHERE schemaname = 'public'",
		"SELECT c.relname, v.* FROM pg_class c, LATERAL (SELECT 1) v WHERE c.relkind = 'v' AND c.relnamespace = 'public'::regnamespace",
		"SELECT public.rotate_is_owner()",
		"SELECT rotate_set_member(current_user, 'owner')",
		"INSERT INTO drafts (contact_id, note, updated_at) VALUES (" + s + ", 'probe', 'x')",
		"INSERT INTO tags (contact_id, tag) VALUES (" + s + ", 'vip')",
		"INSERT INTO phones (contact_id, position, number) VALUES (" + s + ", 0, '1')",
		"INSERT INTO followups (contact_id, text, created_at) VALUES (" + s + ", 'probe', 'x')",
		"UPDATE contacts SET status = 'bogus' WHERE id = " + s,
		"UPDATE contacts SET status = 'bogus'",
		"INSERT INTO calls (contact_id, at, day, outcome) VALUES (" + s + ", 'x', 'x', 'x')",
		"INSERT INTO cleared_days (day) VALUES ('2026-03-04'), ('2026-03-04')",
		"INSERT INTO contacts (name, rule, created_at, updated_at, status) VALUES ('x', 'x', 'x', 'x', 'bogus')",
	}
	var views []string
	rows, err := sg.super.QueryContext(t.Context(), `SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) FROM pg_class c
		JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND n.nspname = 'public'`)
	if err != nil {
		t.Fatal(err)
	}
	for rows.Next() {
		var v string
		rows.Scan(&v)
		views = append(views, v)
	}
	rows.Close()
	for _, v := range views {
		probes = append(probes, "SELECT * FROM "+v)
	}
	for _, q := range probes {
		got := a.text(q)
		for _, secret := range []string{secretName, secretNote, secretFollowUp, secretDraft, "merger", "lawyer", "+49 30 99"} {
			if strings.Contains(got, secret) {
				t.Errorf("the assistant read %q through %s: %s", secret, q, got)
			}
		}
	}
	// A refused write says the same whether what it names exists or not:
	// no key of another's contact is told by a unique or foreign key.
	var secretCall int64
	if err := sg.super.QueryRowContext(t.Context(), "SELECT id FROM calls WHERE contact_id = "+s).Scan(&secretCall); err != nil {
		t.Fatal(err)
	}
	mine := itoa(sg.asstID)
	for _, q := range []string{
		"INSERT INTO tags (contact_id, tag) VALUES (%s, 'vip')",
		"INSERT INTO phones (contact_id, position, number) VALUES (%s, 0, '1')",
		"INSERT INTO drafts (contact_id, note, updated_at) VALUES (%s, 'probe', 'x')",
		"INSERT INTO followups (contact_id, text, created_at) VALUES (%s, 'probe', 'x')",
		"INSERT INTO followups (contact_id, text, created_at, created_call_id) VALUES (" + mine + ", 'probe', 'x', %s)",
		"UPDATE followups SET resolved_call_id = %s WHERE contact_id = " + mine,
	} {
		arg := s
		if strings.Contains(q, "_call_id") {
			arg = itoa(secretCall)
		}
		var codes []string
		for _, v := range []string{arg, "987654"} {
			_, err := a.exec(fmt.Sprintf(q, v))
			var pgErr *pgconn.PgError
			if !errors.As(err, &pgErr) {
				t.Errorf("%s: %v; want refused", fmt.Sprintf(q, v), err)
				continue
			}
			codes = append(codes, pgErr.Code)
		}
		if len(codes) == 2 && (codes[0] != codes[1] || codes[0] != "42501") {
			t.Errorf("%s: refused with %v for an existing and a missing key; want 42501 both", q, codes)
		}
	}
	// The second owner sees the contact but not the setup owner's draft.
	b := sg.attacker(t, sg.secondRole, sg.secondPW)
	if got := b.text("SELECT note FROM drafts"); strings.Contains(got, secretDraft) {
		t.Errorf("the second owner reads the setup owner's draft: %s", got)
	}
	// With a temporary team_members of their own (a database that allows
	// temporary tables), the same.
	u, _ := url.Parse(sg.tm.server)
	mustExec(t, sg.super, "GRANT TEMPORARY ON DATABASE "+pgx.Identifier{strings.TrimPrefix(u.Path, "/")}.Sanitize()+" TO "+pgx.Identifier{sg.asstRole}.Sanitize())
	c := sg.attacker(t, sg.asstRole, sg.asstPW)
	c.must("CREATE TEMP TABLE team_members (role text, kind text)", "INSERT INTO team_members VALUES (current_user, 'owner')")
	for _, q := range probes[:3] {
		got := c.text(q)
		if strings.Contains(got, "merger") || strings.Contains(got, "lawyer") {
			t.Errorf("with a temporary team_members the assistant read %s: %s", q, got)
		}
	}
}

// TestAttackRemovedMember: a member taken out of the team keeps no right
// on the book's tables, sequences, functions or database (and so cannot
// LISTEN to its notifications).
func TestAttackRemovedMember(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	for _, who := range []struct{ role, pw string }{{sg.asstRole, sg.asstPW}, {sg.secondRole, sg.secondPW}} {
		listening := sg.attacker(t, who.role, who.pw)
		listening.must("LISTEN rotate_changed")
		if err := sg.tm.owner.RemoveMember(ctx, who.role); err != nil {
			t.Fatal(err)
		}
		// The session they had open is ended (the book's owner here may).
		if _, err := listening.exec("SELECT 1"); err == nil {
			t.Errorf("%s, removed, still has their session open", who.role)
		}
		var rights []string
		rows, err := sg.super.QueryContext(ctx, `
			SELECT 'table ' || c.relname || ' ' || p FROM pg_class c, unnest(array['SELECT','INSERT','UPDATE','DELETE','TRUNCATE','REFERENCES','TRIGGER']) p
			 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p') AND has_table_privilege($1, c.oid, p)
			UNION ALL
			SELECT 'column ' || c.relname || '.' || a.attname || ' ' || p FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid,
			       unnest(array['SELECT','INSERT','UPDATE']) p
			 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
			   AND has_column_privilege($1, c.oid, a.attnum, p)
			UNION ALL
			SELECT 'sequence ' || c.relname || ' ' || p FROM pg_class c, unnest(array['USAGE','SELECT','UPDATE']) p
			 WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND has_sequence_privilege($1, c.oid, p)
			UNION ALL
			SELECT 'function ' || f.oid::regprocedure::text FROM pg_proc f LEFT JOIN pg_depend d ON d.objid = f.oid AND d.deptype = 'e'
			 WHERE f.pronamespace = 'public'::regnamespace AND d.objid IS NULL AND has_function_privilege($1, f.oid, 'EXECUTE')
			UNION ALL
			SELECT 'database ' || p FROM unnest(array['CONNECT','TEMPORARY','CREATE']) p WHERE has_database_privilege($1, current_database(), p)
			UNION ALL
			SELECT 'schema public CREATE' WHERE has_schema_privilege($1, 'public', 'CREATE')`, who.role)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var r string
			rows.Scan(&r)
			rights = append(rights, r)
		}
		rows.Close()
		if len(rights) > 0 {
			t.Errorf("%s, removed, still has: %s", who.role, strings.Join(rights, "; "))
		}
		db, err := sql.Open("pgx", sg.tm.as(who.role, who.pw))
		if err != nil {
			t.Fatal(err)
		}
		_, err = db.ExecContext(ctx, "LISTEN rotate_changed")
		db.Close()
		if err == nil {
			t.Errorf("%s, removed, still listens to the book's notifications", who.role)
		}
	}
	// What a member needs is there again once they are added back.
	if err := sg.tm.owner.AddMember(ctx, sg.asstRole, store.Assistant); err != nil {
		t.Fatal(err)
	}
	back := openAt(t, sg.tm.as(sg.asstRole, sg.asstPW), sg.tm.owner.clock)
	if _, err := back.LogCall(ctx, store.LogEntry{ContactID: sg.asstID, Outcome: rotation.Reached, Today: day0, At: day0.Time()}); err == nil {
		t.Error("the re-added assistant logged on a contact that became nobody's at their removal")
	}
	if _, err := back.AddContact(ctx, person("Back Again", "B", day0), day0); err != nil {
		t.Errorf("the re-added assistant adds a contact: %v", err)
	}
}

// TestAttackUpgradedBookIsHardened: a book set up by an older rotate
// (schema 00001, members granted by its rotate_set_member) is hardened
// like a new one by rotate team init: the members' old rights go.
func TestAttackUpgradedBookIsHardened(t *testing.T) {
	t.Parallel()
	teamOnly(t)
	ctx := t.Context()
	super := rawDB(t, pgtest.ServerURL())
	name := fmt.Sprintf("rotate_old_%d", time.Now().UnixNano())
	mustExec(t, super, "CREATE DATABASE "+name)
	t.Cleanup(func() { super.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)") })
	bookURL := pgtest.WithDatabase(pgtest.ServerURL(), name, "", "")
	old, err := os.ReadFile("migrations/postgres/00001_team.sql")
	if err != nil {
		t.Fatal(err)
	}
	db := rawDB(t, bookURL)
	p, err := goose.NewProvider(goose.DialectPostgres, db, fstest.MapFS{"00001_team.sql": {Data: old}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Up(ctx); err != nil {
		t.Fatal(err)
	}
	asstRole, asstPW := pgtest.NewRole(t, "oldasst")
	ownerRole, ownerPW := pgtest.NewRole(t, "oldowner2")
	mustExec(t, db, "INSERT INTO team_members (role, kind) VALUES (current_user, 'owner')",
		"SELECT rotate_set_member('"+asstRole+"', 'assistant')", "SELECT rotate_set_member('"+ownerRole+"', 'owner')")

	s, err := store.OpenTeam(ctx, bookURL, store.Options{})
	if err != nil {
		t.Fatalf("team init on the old book: %v", err)
	}
	defer s.Close()
	c := mustAdd(t, s, person("Secret Sophie", "A", day0))
	mustLog(t, s, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, Note: secretNote})
	mine := mustAdd(t, s, rotation.Contact{Name: "Old Asst's", Tier: "B", Assignee: asstRole, Schedule: rotation.Schedule{Due: day0}})

	var leftovers string
	if err := db.QueryRowContext(ctx, `SELECT concat_ws(' ',
		CASE WHEN has_function_privilege($1, 'public.rotate_bump_version()', 'EXECUTE') THEN 'execute' END,
		CASE WHEN has_sequence_privilege($1, 'public.contacts_id_seq', 'USAGE') THEN 'sequence' END,
		CASE WHEN has_column_privilege($1, 'public.calls', 'logged_by', 'INSERT') THEN 'logged_by' END,
		CASE WHEN has_column_privilege($1, 'public.contacts', 'id', 'INSERT') THEN 'id' END,
		CASE WHEN has_database_privilege($1, current_database(), 'TEMPORARY') THEN 'temporary' END,
		CASE WHEN has_table_privilege($2, 'public.team_members', 'DELETE') THEN 'team_members' END)`, asstRole, ownerRole).Scan(&leftovers); err != nil {
		t.Fatal(err)
	}
	if leftovers != "" {
		t.Errorf("after the upgrade the members still have: %s", leftovers)
	}
	mustExec(t, db, "GRANT TEMPORARY ON DATABASE "+name+" TO "+asstRole)
	tm := team{server: bookURL}
	a := (&siege{tm: tm}).attacker(t, asstRole, asstPW)
	a.must("CREATE TEMP TABLE team_members (role text, kind text)", "INSERT INTO team_members VALUES (current_user, 'owner')")
	if got := a.text("SELECT note FROM calls"); strings.Contains(got, secretNote) {
		t.Errorf("the old book's assistant reads the owner's notes: %s", got)
	}
	a.refused("INSERT INTO contacts (id, name, rule, created_at, updated_at) OVERRIDING SYSTEM VALUE VALUES (" + itoa(mine.ID+1) + ", 'Squat', 'x', 'x', 'x')")
	o := (&siege{tm: tm}).attacker(t, ownerRole, ownerPW)
	o.refused("DELETE FROM team_members WHERE role <> current_user")
	// The members still work as before.
	asst := openAt(t, tm.as(asstRole, asstPW), newClock(day0))
	mustLog(t, asst, store.LogEntry{ContactID: mine.ID, Outcome: rotation.Reached, Today: day0, Note: "after the upgrade"})
	second := openAt(t, tm.as(ownerRole, ownerPW), newClock(day0))
	mustAdd(t, second, person("Added By The Second Owner", "C", day0))
}

// TestAttackLockingTheBook: a member who holds a table locked from psql
// makes others' writes fail after the lock timeout with one line, instead
// of hanging them for as long as the lock is held.
func TestAttackLockingTheBook(t *testing.T) {
	if !pgtest.Postgres() {
		t.Skip("team books only")
	}
	defer store.SetLockTimeout("300ms")()
	sg := newSiege(t)
	victim, err := store.OpenTeam(t.Context(), sg.tm.as(sg.asstRole, sg.asstPW), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer victim.Close()
	// An assistant may not lock a table (no table-wide UPDATE); an owner
	// can, and locks out everyone else.
	if _, err := sg.attacker(t, sg.asstRole, sg.asstPW).exec("LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE"); err == nil {
		t.Error("an assistant locked the contacts table")
	}
	a := sg.attacker(t, sg.secondRole, sg.secondPW)
	a.must("BEGIN", "LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE")
	defer a.exec("ROLLBACK")
	done := make(chan error, 1)
	go func() {
		_, err := victim.LogCall(t.Context(), store.LogEntry{ContactID: sg.asstID, Outcome: rotation.Reached, Today: day0, Note: "while locked"})
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !errors.Is(err, store.ErrConnection) || !strings.Contains(err.Error(), "holds the book locked") || strings.Contains(err.Error(), "\n") {
			t.Fatalf("a write under another's lock: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("a write under another's lock still waits after 20 s")
	}
}
