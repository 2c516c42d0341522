package store_test

import (
	"testing"

	"rotate/rotation"
	"rotate/rotation/interchange"
)

func TestCalendarSequenceGrowsWhenACallMoves(t *testing.T) {
	b := newBook(t)
	ctx := t.Context()
	ann := person("Ann Weekly", "A", rotation.MustDate("2026-03-06")) // a Friday
	ann.Rule = rotation.MustRule("weekly fri")
	ann = mustAdd(t, b.Store, ann)
	bob := mustAdd(t, b.Store, person("Bob Still", "B", rotation.MustDate("2026-03-10")))

	export := func() map[[2]int64]interchange.CallEvent {
		t.Helper()
		events, err := b.UpcomingCalls(ctx, day0, 21)
		if err != nil {
			t.Fatal(err)
		}
		if err := b.Sequence(ctx, events); err != nil {
			t.Fatal(err)
		}
		out := map[[2]int64]interchange.CallEvent{}
		for _, e := range events {
			out[[2]int64{e.Contact.ID, int64(e.N)}] = e
		}
		return out
	}
	first := export()
	// Ann every Friday of the three weeks, Bob once.
	for n, day := range []string{"2026-03-06", "2026-03-13", "2026-03-20"} {
		e, ok := first[[2]int64{ann.ID, int64(n)}]
		if !ok || e.Day.String() != day || e.Seq != 0 {
			t.Errorf("Ann's call %d: %+v, want %s with SEQUENCE 0", n, e.Day, day)
		}
	}
	if len(first) != 4 {
		t.Errorf("%d events, want Ann's three Fridays and Bob's call", len(first))
	}
	// The same export again: nothing moved, nothing grows.
	for k, e := range export() {
		if e.Seq != 0 {
			t.Errorf("event %v: SEQUENCE %d on an unchanged export, want 0", k, e.Seq)
		}
	}
	// Bob's call moves; Ann's stay.
	if err := b.SetDue(ctx, bob.ID, rotation.MustDate("2026-03-12")); err != nil {
		t.Fatal(err)
	}
	moved := export()
	if e := moved[[2]int64{bob.ID, 0}]; e.Day.String() != "2026-03-12" || e.Seq != 1 {
		t.Errorf("Bob's moved call: %s SEQUENCE %d, want 2026-03-12 with SEQUENCE 1", e.Day, e.Seq)
	}
	if e := moved[[2]int64{ann.ID, 0}]; e.Seq != 0 {
		t.Errorf("Ann's call did not move but has SEQUENCE %d", e.Seq)
	}
	// It moves again, and back: each move counts.
	for i, day := range []string{"2026-03-13", "2026-03-12"} {
		if err := b.SetDue(ctx, bob.ID, rotation.MustDate(day)); err != nil {
			t.Fatal(err)
		}
		if e := export()[[2]int64{bob.ID, 0}]; e.Seq != 2+i {
			t.Errorf("Bob moved to %s: SEQUENCE %d, want %d", day, e.Seq, 2+i)
		}
	}
}
