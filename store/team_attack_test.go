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
	"rotate/rotation/interchange"
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

// TestAttackHistoryOfAMovedCall: a call on a contact the assistant does
// not see, moved onto theirs and back, shows them none of its versions
// (neither through rotate nor call_revisions); a removed call's history is
// read by who sees the contact it was removed from.
func TestAttackHistoryOfAMovedCall(t *testing.T) {
	if !pgtest.Postgres() {
		t.Skip("a team book is PostgreSQL")
	}
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	o := sg.tm.owner.Store
	var secretCall int64
	if err := sg.super.QueryRowContext(ctx, "SELECT id FROM calls WHERE contact_id = "+itoa(sg.secret)).Scan(&secretCall); err != nil {
		t.Fatal(err)
	}
	for _, to := range []int64{sg.asstID, sg.secret} {
		if _, err := o.EditCall(ctx, secretCall, rotation.CallEdit{Contact: to, Today: day0}); err != nil {
			t.Fatal(err)
		}
	}
	if h, err := sg.asst.CallHistory(ctx, secretCall); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the assistant reads the history of a call on another's contact: %+v, %v", h, err)
	}
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	if got := a.text("SELECT * FROM call_revisions"); strings.Contains(got, secretNote) {
		t.Errorf("the assistant reads a version of a call on another's contact: %s", got)
	}
	// Each version names the contact the call was on in it.
	h, err := o.CallHistory(ctx, secretCall)
	if err != nil {
		t.Fatal(err)
	}
	var on []int64
	for _, v := range h {
		on = append(on, v.ContactID)
	}
	if want := []int64{sg.secret, sg.asstID, sg.secret}; fmt.Sprint(on) != fmt.Sprint(want) {
		t.Errorf("the versions are on %v; want %v", on, want)
	}
	// Removed from the assistant's contact: they read its history; moved
	// away first, then removed: they do not.
	seen := mustLog(t, o, store.LogEntry{ContactID: sg.asstID, Outcome: rotation.Reached, Today: day0, Note: "seen-then-removed"})
	hidden := mustLog(t, o, store.LogEntry{ContactID: sg.asstID, Outcome: rotation.Reached, Today: day0, Note: "HIDDEN-then-removed"})
	if _, err := o.EditCall(ctx, hidden.CallID, rotation.CallEdit{Contact: sg.secret, Today: day0}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{seen.CallID, hidden.CallID} {
		if _, err := o.DeleteCall(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if h, err := sg.asst.CallHistory(ctx, seen.CallID); err != nil || len(h) != 2 || h[1].Action != rotation.ActionDelete || h[1].ContactID != sg.asstID {
		t.Errorf("the assistant's history of a call removed from their contact: %+v, %v", h, err)
	}
	if h, err := sg.asst.CallHistory(ctx, hidden.CallID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the assistant reads the history of a call removed from another's contact: %+v, %v", h, err)
	}
	if got := a.text("SELECT note FROM call_revisions"); strings.Contains(got, "HIDDEN") || !strings.Contains(got, "seen-then-removed") {
		t.Errorf("the assistant's call_revisions: %s", got)
	}
}

// TestAttackForgingHistory: a member's settings neither date a revision
// nor name it another operation than the one it records.
func TestAttackForgingHistory(t *testing.T) {
	if !pgtest.Postgres() {
		t.Skip("a team book is PostgreSQL")
	}
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	mine := mustLog(t, sg.asst, store.LogEntry{ContactID: sg.asstID, Outcome: rotation.Reached, Today: day0, Note: "mine"})
	id := itoa(mine.CallID)
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	before := time.Now().UTC().Add(-time.Minute)
	type forgery struct{ action, stmt, want string }
	for _, f := range []forgery{
		{"merge", "UPDATE calls SET note = 'x' WHERE id = " + id, "edit"},
		{"undo", "UPDATE calls SET note = 'y' WHERE id = " + id, "edit"},
		{"merge", "DELETE FROM calls WHERE id = " + id, "delete"},
	} {
		a.must("BEGIN",
			"SELECT set_config('rotate.changed_at', '1999-01-01T00:00:00Z', true), set_config('rotate.action', '"+f.action+"', true)",
			f.stmt, "COMMIT")
		var at, action string
		if err := sg.super.QueryRowContext(ctx, "SELECT changed_at, action FROM call_revisions WHERE call_id = "+id+" ORDER BY id DESC LIMIT 1").Scan(&at, &action); err != nil {
			t.Fatal(err)
		}
		stamp, err := time.Parse(time.RFC3339Nano, at)
		if action != f.want || err != nil || stamp.Before(before) {
			t.Errorf("%s with action %s kept a revision %s at %s; want %s now", f.stmt, f.action, action, at, f.want)
		}
	}
}

// TestAttackQuietCallChanges: a member changing a column of a call they
// may correct that no correction names (its schedule before, its next
// date, when it was edited) still leaves the version it replaced.
func TestAttackQuietCallChanges(t *testing.T) {
	if !pgtest.Postgres() {
		t.Skip("a team book is PostgreSQL")
	}
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	mine := mustLog(t, sg.asst, store.LogEntry{ContactID: sg.asstID, Outcome: rotation.Reached, Today: day0, Note: "mine"})
	id := itoa(mine.CallID)
	count := func() (n int) {
		t.Helper()
		if err := sg.super.QueryRowContext(ctx, "SELECT count(*) FROM call_revisions WHERE call_id = "+id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("a freshly logged call has %d revisions; want none", n)
	}
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	for i, q := range []string{
		"UPDATE calls SET prior = '' WHERE id = " + id,
		"UPDATE calls SET next_due = '2099-01-01' WHERE id = " + id,
		"UPDATE calls SET edited_at = '1999-01-01T00:00:00Z' WHERE id = " + id,
	} {
		a.must(q)
		if n := count(); n != i+1 {
			t.Errorf("%s: %d revisions; want %d", q, n, i+1)
		}
	}
	// rotate's own correction, which also rewrites the call's schedule
	// before and next date in its transaction, keeps one version.
	o := rotation.Voicemail
	if _, err := sg.asst.EditCall(ctx, mine.CallID, rotation.CallEdit{Outcome: &o, Today: day0}); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 4 {
		t.Errorf("after rotate call edit: %d revisions; want 4", n)
	}
}

// TestAttackDraftHandover: the functions that hand a stranded draft to
// whoever holds its contact (migration 00011) write into other people's
// drafts as the book's owner. With psql an assistant, and a hostile
// second owner, try to use them to write into a draft of a contact they
// never had, to read reach_lost, or to call the helpers that skip the
// checks: all refused or harmless, the owner's secret draft unchanged.
func TestAttackDraftHandover(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	secret := itoa(sg.secret)
	for _, who := range []struct{ role, pw string }{{sg.asstRole, sg.asstPW}, {sg.secondRole, sg.secondPW}} {
		a := sg.attacker(t, who.role, who.pw)
		a.refused(
			"SELECT public.rotate_give_draft("+secret+", 'x', '', 'spam', '', '', '')",
			"SELECT public.rotate_rehome_drafts(NULL, NULL)",
			"SELECT public.rotate_reaches('x', "+secret+")",
			"SELECT public.rotate_holder("+secret+")",
			"SELECT * FROM public.reach_lost",
			"INSERT INTO public.reach_lost (contact_id, role) VALUES ("+secret+", current_user)",
			"DELETE FROM public.reach_lost",
		)
		// Handing a draft of a contact never theirs: false, nothing written.
		if got := a.text("SELECT public.rotate_hand_draft(" + secret + ", '', 'SPAM-HANDED', '', '', '')"); !strings.Contains(got, "false") {
			t.Errorf("%s handing a draft of the secret contact: %q; want false", who.role, got)
		}
	}
	// The assistant cannot make their own contact someone else's (which
	// would fire the handover), and setting it to themselves hands
	// nothing of anyone's to them.
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	a.refused("UPDATE contacts SET assignee = '" + sg.setupRole + "' WHERE id = " + itoa(sg.asstID))
	a.must("UPDATE contacts SET assignee = current_user WHERE id = " + itoa(sg.asstID))
	sg.confined(a)
	d, ok, err := sg.tm.owner.Draft(ctx, sg.secret)
	if err != nil || !ok || d.Note != secretDraft {
		t.Errorf("the owner's secret draft after the attacks: %q, %v, %v", d.Note, ok, err)
	}
	var spam int
	if err := sg.super.QueryRowContext(ctx, "SELECT count(*) FROM drafts WHERE note LIKE '%SPAM%'").Scan(&spam); err != nil || spam != 0 {
		t.Errorf("%d drafts hold the attackers' text (%v)", spam, err)
	}
}

// TestAttackSettingsThroughOwnAway: an assistant may now write settings,
// but only the row of their own time away (migration 00011): with psql
// they try to change the practice's settings and another member's time
// away through it. All refused; their own row works.
func TestAttackSettingsThroughOwnAway(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	a.must("INSERT INTO settings (key, value) VALUES ('away@' || current_user, '2026-12-01..2026-12-02')")
	a.refused(
		"INSERT INTO settings (key, value) VALUES ('workdays', 'mon')",
		"INSERT INTO settings (key, value) VALUES ('away', '2026-01-01..2027-01-01')",
		"INSERT INTO settings (key, value) VALUES ('away@"+sg.setupRole+"', '2026-01-01..2027-01-01')",
		"INSERT INTO settings (key, value) VALUES ('away@"+sg.secondRole+"', '2026-01-01..2027-01-01')",
		"UPDATE settings SET value = 'none' WHERE key <> 'away@' || current_user",
		"UPDATE settings SET key = 'workdays' WHERE key = 'away@' || current_user",
		"DELETE FROM settings WHERE key <> 'away@' || current_user",
		"INSERT INTO settings (key, value) VALUES ('workdays', 'mon') ON CONFLICT (key) DO UPDATE SET value = 'mon'",
	)
	var n int
	if err := sg.super.QueryRowContext(t.Context(), "SELECT count(*) FROM settings WHERE key NOT LIKE 'away@%' OR key <> 'away@' || $1", sg.asstRole).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d settings rows besides the assistant's own time away (%v)", n, err)
	}
	sg.confined(a)
}

// TestAttackPossibleTwins: an assistant who adds a contact with the secret
// contact's number learns nothing from it (the add works as any other;
// the flag is the owners'), cannot read, write or clear the flags, and
// cannot reach the secret contact through them.
func TestAttackPossibleTwins(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	twin := mustAdd(t, sg.asst, rotation.Contact{Name: "Probe", Tier: "B", Phones: []rotation.Phone{{Number: "+49 30 99"}}, Schedule: rotation.Schedule{Due: day0}})
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	a.refused(
		"SELECT * FROM public.possible_twins",
		"INSERT INTO public.possible_twins (contact_id, twin_id, reason) VALUES ("+itoa(twin.ID)+", "+itoa(sg.secret)+", 'x')",
		"DELETE FROM public.possible_twins",
		"SELECT public.rotate_flag_twins()",
	)
	sg.confined(a)
	twins, err := sg.tm.owner.Twins(ctx, sg.secret)
	if err != nil || len(twins) != 1 || twins[0].ID != twin.ID || twins[0].Reason != "phone" {
		t.Errorf("the owner sees %+v, %v; want the probe flagged as the secret contact's twin", twins, err)
	}
	if got, err := sg.asst.Twins(ctx, twin.ID); err != nil || len(got) != 0 {
		t.Errorf("the assistant sees twins %+v, %v", got, err)
	}
}

// TestAttackRemovedPhones: the numbers taken off contacts (migration
// 00011) are read as the contact is and written by no member: the
// assistant neither reads the secret contact's nor writes any.
func TestAttackRemovedPhones(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	mustExec(t, sg.super, "DELETE FROM phones WHERE contact_id = "+itoa(sg.secret))
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	if got := a.text("SELECT number FROM public.removed_phones"); strings.Contains(got, "99") {
		t.Errorf("the assistant read a number taken off the secret contact: %q", got)
	}
	a.refused(
		"INSERT INTO public.removed_phones (contact_id, number) VALUES ("+itoa(sg.asstID)+", '+1 555')",
		"UPDATE public.removed_phones SET number = 'x'",
		"DELETE FROM public.removed_phones",
	)
	sg.confined(a)
}

// TestAttackCalendarEvents: an assistant may keep the calendar events of
// their own contacts, but cannot make an owner's calendar export fail by
// writing a SEQUENCE past what the column holds or a huge start (it once
// failed with the driver's "unable to encode 2147483648").
func TestAttackCalendarEvents(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	mine := itoa(sg.asstID)
	a.must("INSERT INTO calendar_events (contact_id, n, start, sequence) VALUES (" + mine + ", 0, 'garbage', 1000000000)")
	a.refused(
		"UPDATE calendar_events SET sequence = 2147483647 WHERE contact_id = "+mine,
		"UPDATE calendar_events SET sequence = -1 WHERE contact_id = "+mine,
		"UPDATE calendar_events SET start = repeat('x', 100000) WHERE contact_id = "+mine,
		"INSERT INTO calendar_events (contact_id, n, start) VALUES ("+mine+", -1, 'x')",
	)
	events := []interchange.CallEvent{{Day: rotation.MustDate("2026-12-04"), Contact: rotation.Contact{ID: sg.asstID}}}
	if err := sg.tm.owner.Sequence(t.Context(), events); err != nil {
		t.Fatalf("the owner's export after the assistant's writes: %v", err)
	}
	if events[0].Seq != 1000000000 {
		t.Errorf("SEQUENCE %d, want it kept at the bound", events[0].Seq)
	}
}
