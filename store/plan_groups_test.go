package store_test

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

// groupsOf reads a grouping query as "due rule override until attempts
// step = n" lines, in key order.
func groupsOf(t *testing.T, db *sql.DB, query string) []string {
	t.Helper()
	rows, err := db.QueryContext(t.Context(), query)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var due, rule, override, until string
		var attempts, step, n int
		if err := rows.Scan(&due, &rule, &override, &until, &attempts, &step, &n); err != nil {
			t.Fatal(err)
		}
		out = append(out, fmt.Sprintf("%s %q %q %q %d %d = %d", due, rule, override, until, attempts, step, n))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// checkPlanGroups fails the test when the summary the triggers keep
// differs from the book grouped afresh.
func checkPlanGroups(t *testing.T, db *sql.DB, step string) {
	t.Helper()
	const key = "due, rule, override_rule, override_until, attempts, step"
	want := groupsOf(t, db, "SELECT "+key+", count(*) FROM contacts WHERE status = 'active' AND due IS NOT NULL GROUP BY "+key+" ORDER BY "+key)
	got := groupsOf(t, db, "SELECT "+key+", n FROM plan_groups ORDER BY "+key)
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("after %s, plan_groups holds\n%q\nthe book groups to\n%q", step, got, want)
	}
}

// TestPlanGroupsFollowTheBook drives a book through every kind of change
// that moves a call — adds, ramp-in, each outcome, edits, overrides,
// snoozes, pauses, archives, catch-up, raw deletes — in a seeded random
// order, and checks after each step that plan_groups, which the leveler's
// forecast reads instead of the contacts, is exactly the book grouped.
func TestPlanGroupsFollowTheBook(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	raw := rawDB(t, b.path)
	rng := rand.New(rand.NewPCG(7, 11))
	addMany(t, b.Store, "Ramped", "B", "every 90d", 40, 0, day0)
	addMany(t, b.Store, "Dated", "A", "every 30d", 10, day0, day0)
	checkPlanGroups(t, raw, "the first batches")

	today := day0
	for i := range 400 {
		var id int64
		if err := raw.QueryRowContext(ctx, rawSQL("SELECT id FROM contacts ORDER BY id LIMIT 1 OFFSET ?"),
			rng.IntN(count(t, raw, "SELECT count(*) FROM contacts"))).Scan(&id); err != nil {
			t.Fatal(err)
		}
		step, ok := planGroupsStep(t, b, raw, rng, i, id, &today)
		if !ok {
			continue
		}
		checkPlanGroups(t, raw, fmt.Sprintf("step %d, %s", i, step))
	}
	if n := count(t, raw, "SELECT count(*) FROM plan_groups"); n < 5 {
		t.Fatalf("only %d groups after the run: the test drove too little", n)
	}
}

// planGroupsStep changes the book at random: an add, a call, an edit, a
// snooze, a status change, a catch-up, a raw delete of contact id or a new
// day. It says what it did, or false when the change was refused and
// nothing changed.
func planGroupsStep(t *testing.T, b *book, raw *sql.DB, rng *rand.Rand, i int, id int64, today *rotation.Date) (step string, ok bool) {
	ctx := t.Context()
	rules := []string{"every 30d", "every 90d", "weekly fri", "taper 1d 1d 3d 7d", "every 3m", "daily"}
	outcomes := []rotation.Outcome{rotation.Reached, rotation.Voicemail, rotation.NoAnswer, rotation.Callback,
		rotation.WrongNumber, rotation.NotAFit}
	switch op := rng.IntN(9); op {
	case 0:
		c := rotation.Contact{Name: fmt.Sprintf("New %d", i), Tier: "C",
			Schedule: rotation.Schedule{Rule: rotation.MustRule(rules[rng.IntN(len(rules))])}}
		if rng.IntN(2) == 0 {
			c.Due = today.AddDays(rng.IntN(20))
		}
		if _, err := b.AddContact(ctx, c, *today); err != nil {
			t.Fatal(err)
		}
		step = "an add"
	case 1, 2, 3:
		o := outcomes[rng.IntN(len(outcomes))]
		_, err := b.LogCall(ctx, store.LogEntry{ContactID: id, Outcome: o, Today: *today})
		if err != nil {
			return "", false // a paused or archived contact cannot be logged as due; nothing changed
		}
		step = "a " + string(o)
	case 4:
		c := mustContact(t, b.Store, id)
		c.Rule = rotation.MustRule(rules[rng.IntN(len(rules))])
		if rng.IntN(3) == 0 {
			c.Override, c.OverrideUntil = rotation.MustRule("every 7d"), today.AddDays(30)
		} else {
			c.Override, c.OverrideUntil = rotation.Rule{}, 0
		}
		if err := b.UpdateContact(ctx, mustContact(t, b.Store, id), c); err != nil {
			t.Fatal(err)
		}
		step = "an edit"
	case 5:
		if err := b.SetDue(ctx, id, today.AddDays(rng.IntN(40))); err != nil {
			return "", false
		}
		step = "a snooze"
	case 6:
		st := []rotation.Status{rotation.Active, rotation.Paused, rotation.Archived}[rng.IntN(3)]
		var due rotation.Date
		if st == rotation.Active {
			due = today.AddDays(rng.IntN(10))
		}
		if err := b.SetStatus(ctx, id, st, due); err != nil {
			return "", false
		}
		step = "a status change to " + string(st)
	case 7:
		plan, err := b.PlanCatchUp(ctx, *today)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := b.ApplyCatchUp(ctx, plan); err != nil {
			t.Fatal(err)
		}
		step = "a catch-up"
	case 8:
		if rng.IntN(4) == 0 {
			mustExec(t, raw, fmt.Sprintf("DELETE FROM contacts WHERE id = %d", id))
			step = "a raw delete"
		} else {
			*today = today.AddDays(1)
			step = "a new day"
		}
	}
	return step, true
}

// TestPlanGroupsBuiltForAnOlderBook: a book from before migration 00003
// gets its summary built from its contacts when opened.
func TestPlanGroupsBuiltForAnOlderBook(t *testing.T) {
	t.Parallel()
	sqliteOnly(t)
	path := filepath.Join(t.TempDir(), "old.db")
	raw := rawDB(t, path)
	if err := store.MigrateTo(t.Context(), raw, 2); err != nil {
		t.Fatal(err)
	}
	for i := range 60 {
		rule, due, status := "every 90d", day0.AddDays(i%9).String(), "active"
		switch i % 5 {
		case 1:
			rule = "weekly fri"
		case 2:
			status = "paused"
		}
		mustExec(t, raw, fmt.Sprintf(`INSERT INTO contacts (name, rule, due, attempts, status, created_at, updated_at)
			VALUES ('Old %d', '%s', '%s', %d, '%s', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`, i, rule, due, i%3, status))
	}
	openAt(t, path, newClock(day0))
	checkPlanGroups(t, raw, "the migration")
	if n := count(t, raw, "SELECT count(*) FROM plan_groups"); n < 10 {
		t.Fatalf("%d groups built, want at least 10", n)
	}
}
