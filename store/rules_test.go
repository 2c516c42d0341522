package store_test

import (
	"testing"

	"rotate/rotation"
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
