package store_test

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
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
