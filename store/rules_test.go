package store_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

// TestTierFollowersAndTimeAway: a tier's new cadence applies to the
// contacts following the tier (not to one with its own), each next date
// recomputed; time away set later moves the calls planned inside it.
func TestTierFollowersAndTimeAway(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	follow := mustAdd(t, b.Store, person("Fay Follow", "B", day0.AddDays(20)))
	own := person("Oli Own", "B", day0.AddDays(21))
	own.Rule = rotation.MustRule("every 90d")
	own = mustAdd(t, b.Store, own)
	friday := person("Fri Slot", "C", 0)
	friday.Rule = rotation.MustRule("weekly fri")
	friday = mustAdd(t, b.Store, friday)
	if !mustContact(t, b.Store, follow.ID).FollowsTier || mustContact(t, b.Store, own.ID).FollowsTier {
		t.Fatal("a contact added without a cadence should follow its tier, one with a cadence not")
	}

	_, ch, err := b.ChangeSetting(ctx, "tier.B", "every 2w", day0)
	if err != nil {
		t.Fatal(err)
	}
	if ch.Followers != 1 {
		t.Errorf("%d followers of tier B, want 1", ch.Followers)
	}
	f, o := mustContact(t, b.Store, follow.ID), mustContact(t, b.Store, own.ID)
	// Never reached: the first call comes within the new first interval.
	if f.Rule.String() != "every 2w" || f.Due > day0.AddDays(14) || f.Due < day0 {
		t.Errorf("follower: %s due %s; want every 2w within 14 days of %s", f.Rule, f.Due, day0)
	}
	if o.Rule.String() != "every 90d" || o.Due != day0.AddDays(21) {
		t.Errorf("own rule: %s due %s; want it kept", o.Rule, o.Due)
	}

	// Away over the follower's date and the next Friday slot.
	slot := mustContact(t, b.Store, friday.ID).Due
	from, to := min(f.Due, slot), max(f.Due, slot)
	_, ch, err = b.ChangeSetting(ctx, "away", from.String()+".."+to.String(), day0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Moved) != 2 {
		t.Fatalf("moved %+v; want the follower and the friday slot", ch.Moved)
	}
	if got := mustContact(t, b.Store, friday.ID).Due; got.Weekday() != slot.Weekday() || got <= to {
		t.Errorf("the friday slot %s moved to %s (%s); want a friday after %s", slot, got, got.Weekday(), to)
	}
	if got := mustContact(t, b.Store, follow.ID).Due; got <= to {
		t.Errorf("the follower's call %s stayed in the time away (to %s)", got, to)
	}
}

// TestNoteChangesNoDate: a note logged through LogCall records its text and
// changes no date, attempt or status; one with an outcome is refused.
func TestNoteChangesNoDate(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	c := mustAdd(t, b.Store, person("Nell Note", "B", day0.AddDays(9)))
	mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, Today: day0})
	before := mustContact(t, b.Store, c.ID)
	res := mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Kind: rotation.KindNote, Note: "Her assistant says March.", Today: day0.AddDays(1)})
	after := mustContact(t, b.Store, c.ID)
	if after.Due != before.Due || after.Attempts != before.Attempts || after.LastCall != before.LastCall || res.Next.Due != before.Due {
		t.Errorf("a note moved the schedule: due %s → %s, attempts %d → %d, last call %s → %s",
			before.Due, after.Due, before.Attempts, after.Attempts, before.LastCall, after.LastCall)
	}
	calls, err := b.Calls(t.Context(), c.ID, 0)
	if err != nil || len(calls) != 2 || calls[0].Kind != rotation.KindNote || calls[0].Outcome != "" {
		t.Errorf("history %+v, %v; want the note on top, without an outcome", calls, err)
	}
	_, err = b.LogCall(t.Context(), store.LogEntry{ContactID: c.ID, Kind: rotation.KindNote, Outcome: rotation.Reached, Note: "x", Today: day0})
	if !errors.Is(err, store.ErrInvalid) {
		t.Errorf("a note with an outcome: %v; want ErrInvalid", err)
	}
}

// TestOlderBookFollowsTiers: in a book from before migration 00006, a
// contact whose cadence is its tier's (default or set) follows its tier
// from then on; one with another cadence keeps it as its own.
func TestOlderBookFollowsTiers(t *testing.T) {
	t.Parallel()
	sqliteOnly(t)
	path := filepath.Join(t.TempDir(), "old.db")
	raw := rawDB(t, path)
	if err := store.MigrateTo(t.Context(), raw, 5); err != nil {
		t.Fatal(err)
	}
	mustExec(t, raw, `INSERT INTO settings (key, value) VALUES ('tier.A', 'every 3w')`)
	for _, c := range []struct{ name, tier, rule string }{
		{"Ann", "A", "every 3w"}, {"Bea", "A", "every 30d"}, {"Cid", "B", "every 90d"}, {"Dot", "C", "weekly fri"},
	} {
		mustExec(t, raw, fmt.Sprintf(`INSERT INTO contacts (name, tier, rule, due, status, created_at, updated_at)
			VALUES ('%s', '%s', '%s', '%s', 'active', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')`, c.name, c.tier, c.rule, day0))
	}
	s := openAt(t, path, newClock(day0))
	want := map[string]bool{"Ann": true, "Bea": false, "Cid": true, "Dot": false}
	cs, err := s.List(t.Context(), store.ListFilter{All: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.FollowsTier != want[c.Name] {
			t.Errorf("%s (%s, %s): follows its tier %v, want %v", c.Name, c.Tier, c.Rule, c.FollowsTier, want[c.Name])
		}
	}
}

// TestTierRuleUnderCapacity: a tier's new cadence levels its followers'
// next calls under the capacity set by hand, as a logged call or an edit
// does: the window's only day with room, not a full one nearer the ideal.
func TestTierRuleUnderCapacity(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	if _, _, err := b.ChangeSetting(ctx, "capacity", "1", day0); err != nil {
		t.Fatal(err)
	}
	rita := mustAdd(t, b.Store, person("Rita Reached", "B", day0))
	mustLog(t, b.Store, store.LogEntry{ContactID: rita.ID, Outcome: rotation.Reached, Today: day0})
	// Every workday of the new window (last talk + 30 days ± 3) is full
	// but the last.
	ideal := day0.AddDays(30)
	var free rotation.Date
	for d := ideal.AddDays(-3); d <= ideal.AddDays(3); d++ {
		if !rotation.DefaultCalendar().IsWorkday(d) {
			continue
		}
		free = d
	}
	for d := ideal.AddDays(-3); d < free; d++ {
		if rotation.DefaultCalendar().IsWorkday(d) {
			c := person("Filler "+d.String(), "C", d)
			c.Rule = rotation.MustRule("every 90d")
			mustAdd(t, b.Store, c)
		}
	}
	if _, _, err := b.ChangeSetting(ctx, "tier.B", "every 30d", day0); err != nil {
		t.Fatal(err)
	}
	if got := mustContact(t, b.Store, rita.ID); got.Due != free {
		t.Errorf("tier B every 30d: Rita due %s; want %s, the only day of her window under the capacity of 1", got.Due, free)
	}
}
