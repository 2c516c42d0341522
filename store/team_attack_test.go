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
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"rotate/rotation"
	"rotate/store"
	"rotate/store/pgtest"
)

// The secrets the setup owner keeps on a contact not assigned to anyone:
// no assistant may read them by any path.
const (
	secretName     = "Secret Sophie"
	secretNote     = "SECRET-NOTE-the-merger-is-off"
	secretFollowUp = "SECRET-FOLLOWUP-call-the-lawyer"
	secretDraft    = "SECRET-DRAFT-owner-only"
)

// siege is a team book under attack: its setup owner (the server's
// superuser, who ran team init), a second owner, an assistant, the
// owner's secret contact and the assistant's own contact.
type siege struct {
	tm             team
	super          *sql.DB // the server's superuser on the book: what a DBA could do
	second, asst   *store.Store
	secondRole     string
	secondPW       string
	asstRole       string
	asstPW         string
	setupRole      string
	secret, asstID int64
}

func newSiege(t *testing.T) *siege {
	t.Helper()
	tm := newTeam(t)
	ctx := t.Context()
	sg := &siege{tm: tm, super: rawDB(t, tm.server)}
	sg.setupRole, _ = tm.owner.Who()
	sg.second, sg.secondRole, sg.secondPW = tm.member(t, "owner2", store.Owner)
	sg.asst, sg.asstRole, sg.asstPW = tm.member(t, "asst", store.Assistant)
	o := tm.owner.Store
	c := mustAdd(t, o, rotation.Contact{Name: secretName, Tier: "A", Phones: []rotation.Phone{{Number: "+49 30 99"}},
		Tags: []string{"vip"}, Schedule: rotation.Schedule{Due: day0}})
	sg.secret = c.ID
	mustLog(t, o, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, Note: secretNote, NewFollowUps: []string{secretFollowUp}})
	if err := o.SaveDraft(ctx, rotation.Draft{ContactID: c.ID, Note: secretDraft}); err != nil {
		t.Fatal(err)
	}
	mine := mustAdd(t, o, rotation.Contact{Name: "Assistant's Own", Tier: "B", Assignee: sg.asstRole, Schedule: rotation.Schedule{Due: day0}})
	sg.asstID = mine.ID
	mustLog(t, o, store.LogEntry{ContactID: mine.ID, Outcome: rotation.Reached, Today: day0, Note: "an ordinary note", NewFollowUps: []string{"an ordinary follow-up"}})
	return sg
}

// attacker is one psql session of a hostile member: one connection, so
// that the temporary objects and settings they make stay theirs.
type attacker struct {
	t    *testing.T
	role string
	conn *sql.Conn
}

func (sg *siege) attacker(t *testing.T, role, pw string) *attacker {
	t.Helper()
	db, err := sql.Open("pgx", sg.tm.as(role, pw))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatalf("%s connects: %v", role, err)
	}
	t.Cleanup(func() { conn.Close() })
	return &attacker{t: t, role: role, conn: conn}
}

func (a *attacker) exec(q string, args ...any) (int64, error) {
	r, err := a.conn.ExecContext(a.t.Context(), q, args...)
	if err != nil {
		return 0, err
	}
	n, _ := r.RowsAffected()
	return n, nil
}

// must runs what the attacker sets up their attack with.
func (a *attacker) must(qs ...string) {
	a.t.Helper()
	for _, q := range qs {
		if _, err := a.exec(q); err != nil {
			a.t.Fatalf("%s: %s: %v", a.role, q, err)
		}
	}
}

// refused runs each statement and fails the test when one changed a row
// or was accepted outright (changed is false: an insert).
func (a *attacker) refused(qs ...string) {
	a.t.Helper()
	for _, q := range qs {
		n, err := a.exec(q)
		if err == nil && (n > 0 || strings.HasPrefix(strings.TrimSpace(q), "INSERT") || strings.HasPrefix(strings.TrimSpace(q), "SELECT")) {
			a.t.Errorf("%s may: %s (%d rows)", a.role, q, n)
		}
	}
}

// text is every value the query returns, with its error's message and
// detail: what an attacker learns from it.
func (a *attacker) text(q string) string {
	rows, err := a.conn.QueryContext(a.t.Context(), q)
	if err != nil {
		return errText(err)
	}
	defer rows.Close()
	var b strings.Builder
	cols, _ := rows.Columns()
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return errText(err)
		}
		fmt.Fprintln(&b, vals...)
	}
	if err := rows.Err(); err != nil {
		b.WriteString(errText(err))
	}
	return b.String()
}

func errText(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return fmt.Sprintf("%s | %s | %s | %s", pgErr.Message, pgErr.Detail, pgErr.Hint, pgErr.Where)
	}
	return err.Error()
}

// confined checks that the attacker, whatever they set up in their
// session, is still an assistant for the rules: they neither see nor
// change nor log the secret contact.
func (sg *siege) confined(a *attacker) {
	a.t.Helper()
	for _, q := range []string{
		"SELECT name FROM contacts",
		"SELECT note FROM calls",
		"SELECT text FROM followups",
		"SELECT note FROM drafts",
		"SELECT number FROM phones WHERE contact_id = " + itoa(sg.secret),
		"SELECT public.rotate_is_owner()",
	} {
		got := a.text(q)
		for _, secret := range []string{secretName, secretNote, secretFollowUp, secretDraft, "+49 30 99", "true"} {
			if strings.Contains(got, secret) {
				a.t.Errorf("%s read %q through %s", a.role, secret, q)
			}
		}
	}
	a.refused(
		"UPDATE contacts SET assignee = current_user WHERE id = "+itoa(sg.secret),
		"UPDATE contacts SET name = 'Taken' WHERE id = "+itoa(sg.secret),
		"INSERT INTO calls (contact_id, at, day, outcome, note) VALUES ("+itoa(sg.secret)+", '2026-03-04T11:00:00Z', '2026-03-04', 'reached', 'forged')",
		"UPDATE followups SET text = 'gone' WHERE contact_id = "+itoa(sg.secret),
	)
	c := mustContact(a.t, sg.tm.owner.Store, sg.secret)
	calls, err := sg.tm.owner.Calls(a.t.Context(), sg.secret, 0)
	if c.Assignee != "" || c.Name != secretName || err != nil || len(calls) != 1 {
		a.t.Errorf("the secret contact after %s's attack: %q assigned to %q, %d calls (%v)", a.role, c.Name, c.Assignee, len(calls), err)
	}
}

// TestAttackShadowing: an assistant makes tables, functions and operators
// named like the book's, as temporary objects and in a schema of their
// own, to become an owner for the rules. (Seen: a temporary table named
// team_members made an assistant an owner.)
func TestAttackShadowing(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	ident := func(s string) string { return pgx.Identifier{s}.Sanitize() }
	u, _ := url.Parse(sg.tm.server)
	dbName := ident(strings.TrimPrefix(u.Path, "/"))

	t.Run("a closed database makes no temporary objects", func(t *testing.T) {
		a := sg.attacker(t, sg.asstRole, sg.asstPW)
		if _, err := a.exec("CREATE TEMP TABLE scratch (x int)"); err == nil {
			t.Error("a member creates temporary tables in the book's database")
		}
	})
	t.Run("temporary objects", func(t *testing.T) {
		// As on a database whose owner is not the book's: temporary
		// objects allowed.
		mustExec(t, sg.super, "GRANT TEMPORARY ON DATABASE "+dbName+" TO "+ident(sg.asstRole))
		a := sg.attacker(t, sg.asstRole, sg.asstPW)
		a.must(
			"CREATE TEMP TABLE team_members (role text PRIMARY KEY, kind text)",
			"INSERT INTO pg_temp.team_members VALUES (current_user, 'owner')",
			"CREATE TEMP TABLE contacts (id bigint, assignee text)",
			"CREATE FUNCTION pg_temp.rotate_is_owner() RETURNS boolean LANGUAGE sql AS 'SELECT true'",
			"CREATE FUNCTION pg_temp.yes(text, name) RETURNS boolean LANGUAGE sql AS 'SELECT true'",
			"CREATE OPERATOR pg_temp.= (LEFTARG = text, RIGHTARG = name, FUNCTION = pg_temp.yes)",
			"SET search_path = pg_temp, public, pg_catalog",
		)
		sg.confined(a)
	})
	t.Run("a schema of their own", func(t *testing.T) {
		// As on a server where each person has a schema named after them
		// ("$user" comes first on the default search path).
		mustExec(t, sg.super, "CREATE SCHEMA "+ident(sg.asstRole)+" AUTHORIZATION "+ident(sg.asstRole))
		a := sg.attacker(t, sg.asstRole, sg.asstPW)
		a.must(
			"CREATE TABLE team_members (role text PRIMARY KEY, kind text)",
			"INSERT INTO team_members VALUES (current_user, 'owner')",
			"CREATE FUNCTION rotate_is_owner() RETURNS boolean LANGUAGE sql AS 'SELECT true'",
			"CREATE FUNCTION pg_notify(text, text) RETURNS void LANGUAGE sql AS ''",
			"CREATE FUNCTION yes(text, name) RETURNS boolean LANGUAGE sql AS 'SELECT true'",
			"CREATE FUNCTION yes(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true'",
			"CREATE OPERATOR = (LEFTARG = text, RIGHTARG = name, FUNCTION = yes)",
			"CREATE OPERATOR = (LEFTARG = text, RIGHTARG = text, FUNCTION = yes)",
			"SET search_path = "+ident(sg.asstRole)+", pg_catalog, public",
		)
		sg.confined(a)
		// A contact they add is still theirs, whatever rotate_is_owner
		// their schema offers the trigger that assigns it.
		a.must("INSERT INTO public.contacts (name, rule, created_at, updated_at) VALUES ('Added By Asst', 'monthly', 'x', 'x')")
		var who string
		if err := sg.super.QueryRowContext(t.Context(), "SELECT assignee FROM contacts WHERE name = 'Added By Asst'").Scan(&who); err != nil || who != sg.asstRole {
			t.Errorf("the assistant's new contact is %q's (%v), want theirs", who, err)
		}
	})
}

// TestAttackShadowingByAnOwner: a second owner's own tables, functions
// and operators do not change what the membership function decides.
func TestAttackShadowingByAnOwner(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	ident := func(s string) string { return pgx.Identifier{s}.Sanitize() }
	lit := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	u, _ := url.Parse(sg.tm.server)
	mustExec(t, sg.super, "GRANT TEMPORARY ON DATABASE "+ident(strings.TrimPrefix(u.Path, "/"))+" TO "+ident(sg.secondRole),
		"CREATE SCHEMA "+ident(sg.secondRole)+" AUTHORIZATION "+ident(sg.secondRole))
	a := sg.attacker(t, sg.secondRole, sg.secondPW)
	a.must(
		"CREATE TEMP TABLE team_members (role text PRIMARY KEY, kind text)",
		"CREATE TEMP TABLE pg_tables (schemaname text, tablename text, tableowner text)",
		"INSERT INTO pg_temp.pg_tables VALUES ('public', 'contacts', current_user)",
		"CREATE TABLE contacts (id bigint, assignee text)",
		"CREATE FUNCTION yes(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT true'",
		"CREATE FUNCTION no(text, text) RETURNS boolean LANGUAGE sql AS 'SELECT false'",
		"CREATE OPERATOR = (LEFTARG = text, RIGHTARG = text, FUNCTION = yes)",
		"CREATE OPERATOR <> (LEFTARG = text, RIGHTARG = text, FUNCTION = no)",
		"CREATE FUNCTION quote_ident(text) RETURNS text LANGUAGE sql AS $$SELECT 'public'$$",
		"SET search_path = pg_temp, "+ident(sg.secondRole)+", public, pg_catalog",
	)
	a.refused(
		"SELECT public.rotate_set_member("+lit(sg.setupRole)+", 'none')",
		"SELECT public.rotate_set_member("+lit(sg.setupRole)+", 'assistant')",
	)
	if _, kind := sg.tm.owner.Who(); kind != store.Owner {
		t.Fatal("setup")
	}
	members, err := sg.tm.owner.Members(ctx)
	if err != nil || len(members) != 3 || members[0].Kind != store.Owner {
		t.Errorf("the team after the second owner's attack: %+v, %v", members, err)
	}
	// What they may do, they still do, shadows and all: add an assistant.
	role, _ := pgtest.NewRole(t, "added")
	a.must("SELECT public.rotate_set_member(" + lit(role) + ", 'assistant')")
	var kind store.MemberKind
	if err := sg.super.QueryRowContext(ctx, "SELECT kind FROM team_members WHERE role = $1", role).Scan(&kind); err != nil || kind != store.Assistant {
		t.Errorf("the role the second owner added is %q (%v)", kind, err)
	}
	var rights bool
	if err := sg.super.QueryRowContext(ctx, "SELECT has_table_privilege($1, 'public.contacts', 'DELETE') OR has_table_privilege($1, 'public.team_members', 'INSERT')", role).Scan(&rights); err != nil || rights {
		t.Errorf("the added assistant has an owner's rights: %v (%v)", rights, err)
	}
}

// TestAttackIDSquatting: no member can take the ids the others' next
// writes will get (seen: an assistant inserted rows with the next ids,
// and the owner's add and log failed with duplicate keys).
func TestAttackIDSquatting(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	for _, who := range []struct{ role, pw string }{{sg.asstRole, sg.asstPW}, {sg.secondRole, sg.secondPW}} {
		a := sg.attacker(t, who.role, who.pw)
		next := map[string]int64{}
		for _, table := range []string{"contacts", "calls", "followups"} {
			var n int64
			if err := sg.super.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM "+table).Scan(&n); err != nil {
				t.Fatal(err)
			}
			next[table] = n
		}
		for i := int64(1); i <= 3; i++ {
			for _, overriding := range []string{"", " OVERRIDING SYSTEM VALUE"} {
				a.refused(
					fmt.Sprintf("INSERT INTO contacts (id, name, rule, created_at, updated_at, assignee)%s VALUES (%d, 'Squat', 'monthly', 'x', 'x', current_user)", overriding, next["contacts"]+i),
					fmt.Sprintf("INSERT INTO calls (id, contact_id, at, day, outcome)%s VALUES (%d, %d, '2026-03-04T09:00:00Z', '2026-03-04', 'reached')", overriding, next["calls"]+i, sg.asstID),
					fmt.Sprintf("INSERT INTO followups (id, contact_id, text, created_at)%s VALUES (%d, %d, 'squat', 'x')", overriding, next["followups"]+i, sg.asstID),
				)
			}
		}
		for _, table := range []string{"contacts", "calls", "followups"} {
			a.refused(
				"SELECT setval(pg_get_serial_sequence('public."+table+"', 'id'), 1)",
				"SELECT setval('public."+table+"_id_seq', 1)",
				"ALTER SEQUENCE public."+table+"_id_seq RESTART WITH 1",
				"UPDATE "+table+" SET id = id + 1000",
				"SELECT last_value FROM public."+table+"_id_seq",
				"SELECT nextval('public."+table+"_id_seq')",
			)
		}
	}
	// Everyone's next writes still work.
	for _, s := range []*store.Store{sg.tm.owner.Store, sg.second} {
		c, err := s.AddContact(ctx, person("After The Squat", "A", day0), day0)
		if err != nil {
			t.Fatalf("add after the squatting: %v", err)
		}
		if _, err := s.LogCall(ctx, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, At: day0.Time(),
			Note: "fine", NewFollowUps: []string{"next"}}); err != nil {
			t.Errorf("log after the squatting: %v", err)
		}
	}
	if _, err := sg.asst.LogCall(ctx, store.LogEntry{ContactID: sg.asstID, Outcome: rotation.Reached, Today: day0, At: day0.Time(),
		Note: "fine", NewFollowUps: []string{"next"}}); err != nil {
		t.Errorf("the assistant's log after the squatting: %v", err)
	}
}

// TestAttackMembershipEdits: membership changes only through
// rotate_set_member, for owners too, and the setup owner stays an owner
// (seen: a second owner deleted the setup owner from team_members and
// made a stranger an owner; team init could not repair it).
func TestAttackMembershipEdits(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	stranger, _ := pgtest.NewRole(t, "stranger")
	lit := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	for _, who := range []struct{ role, pw string }{{sg.secondRole, sg.secondPW}, {sg.asstRole, sg.asstPW}} {
		a := sg.attacker(t, who.role, who.pw)
		a.refused(
			"DELETE FROM team_members WHERE role = "+lit(sg.setupRole),
			"UPDATE team_members SET kind = 'assistant' WHERE role = "+lit(sg.setupRole),
			"UPDATE team_members SET role = "+lit(stranger)+" WHERE role = "+lit(sg.setupRole),
			"INSERT INTO team_members (role, kind) VALUES ("+lit(stranger)+", 'owner')",
			"SELECT rotate_set_member("+lit(sg.setupRole)+", 'none')",
			"SELECT rotate_set_member("+lit(sg.setupRole)+", 'assistant')",
			"UPDATE book_version SET version = version + 1",
			"DELETE FROM goose_db_version",
			"INSERT INTO goose_db_version (version_id, is_applied) VALUES (99, true)",
			"DELETE FROM plan_groups",
			"INSERT INTO plan_groups VALUES ('x', '2026-03-04', 'monthly', '', '', 0, 0, 5)",
			"SELECT rotate_grant("+lit(stranger)+", 'owner')",
			"SELECT rotate_regrant()",
			"TRUNCATE team_members",
		)
	}
	members, err := sg.tm.owner.Members(ctx)
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]store.MemberKind{}
	for _, m := range members {
		kinds[m.Role] = m.Kind
	}
	if kinds[sg.setupRole] != store.Owner || kinds[stranger] != "" || len(members) != 3 {
		t.Errorf("the team after the attacks: %+v", members)
	}
	var version, applied int64
	if err := sg.super.QueryRowContext(ctx, "SELECT (SELECT version FROM book_version), (SELECT max(version_id) FROM goose_db_version WHERE is_applied)").Scan(&version, &applied); err != nil || version == 0 || applied > 50 {
		t.Errorf("the book's version %d, schema %d (%v)", version, applied, err)
	}
	// A book edited behind rotate's back (as the old schema let an owner
	// do) is repaired by its setup owner's team init.
	mustExec(t, sg.super, "DELETE FROM team_members WHERE role = "+lit(sg.setupRole),
		"INSERT INTO team_members (role, kind) VALUES ("+lit(stranger)+", 'owner')")
	s, err := store.OpenTeam(ctx, sg.tm.server, store.Options{})
	if err != nil {
		t.Fatalf("team init: %v", err)
	}
	defer s.Close()
	if _, kind := s.Who(); kind != store.Owner {
		t.Errorf("after team init the setup owner is %q, want owner", kind)
	}
}

// TestAttackWritingInAnothersName: no one logs, drafts or clears a day
// in another's name, owners included.
func TestAttackWritingInAnothersName(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	mustExec(t, sg.super, "INSERT INTO cleared_days (day, who) VALUES ('2026-03-01', current_user)")
	lit := func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
	for _, who := range []struct{ role, pw string }{{sg.secondRole, sg.secondPW}, {sg.asstRole, sg.asstPW}} {
		a := sg.attacker(t, who.role, who.pw)
		mine := itoa(sg.asstID)
		a.refused(
			"INSERT INTO calls (contact_id, at, day, outcome, note, logged_by) VALUES ("+mine+", '2026-03-04T12:00:00Z', '2026-03-04', 'reached', 'forged', "+lit(sg.setupRole)+")",
			"UPDATE calls SET logged_by = "+lit(sg.setupRole)+" WHERE logged_by = current_user",
			"UPDATE calls SET logged_by = current_user",
			"INSERT INTO drafts (contact_id, author, note, updated_at) VALUES ("+mine+", "+lit(sg.setupRole)+", 'forged', 'x')",
			"UPDATE drafts SET author = current_user",
			"UPDATE drafts SET note = 'overwritten'",
			"DELETE FROM drafts",
			"INSERT INTO cleared_days (day, who) VALUES ('2026-03-02', "+lit(sg.setupRole)+")",
			"UPDATE cleared_days SET day = '2026-03-09'",
			"DELETE FROM cleared_days",
		)
	}
	var forged, cleared, drafts int
	if err := sg.super.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM calls WHERE logged_by <> current_user),
		(SELECT count(*) FROM cleared_days WHERE who = current_user AND day = '2026-03-01'),
		(SELECT count(*) FROM drafts WHERE author = current_user AND note = '`+secretDraft+`')`).Scan(&forged, &cleared, &drafts); err != nil {
		t.Fatal(err)
	}
	if forged != 0 || cleared != 1 || drafts != 1 {
		t.Errorf("after the attacks: %d calls in another's name, the owner's cleared day %d, draft %d; want 0, 1, 1", forged, cleared, drafts)
	}
}
