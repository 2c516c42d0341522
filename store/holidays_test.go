package store_test

import (
	"testing"

	"rotate/rotation"
)

// TestHolidaysAreDaysOff: with US holidays set, what the store computes
// never lands on one, on either backend — the next call after a call
// logged, a retry, a catch-up — and setting the holidays moves the calls
// already planned on them, as time away does.
func TestHolidaysAreDaysOff(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	christmas, newYear := rotation.MustDate("2026-12-25"), rotation.MustDate("2027-01-01")

	onXmas := mustAdd(t, b.Store, person("Xena Xmas", "B", christmas))
	set, ch, err := b.ChangeSetting(ctx, "holidays", "us", day0)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := set.Get("holidays"); v != "US" {
		t.Errorf("holidays %q", v)
	}
	if len(ch.Moved) != 1 || ch.Moved[0].ID != onXmas.ID {
		t.Errorf("moved %+v; want the call on 25 Dec", ch.Moved)
	}
	if got := mustContact(t, b.Store, onXmas.ID).Due; got == christmas || !set.Calendar().IsWorkday(got) {
		t.Errorf("the call on 25 Dec went to %s", got)
	}
	if reread, _ := b.Settings(ctx); !reread.Calendar().IsWorkday(rotation.MustDate("2026-12-24")) || reread.Calendar().IsWorkday(christmas) {
		t.Error("the holidays did not persist")
	}

	// A 30-day cadence reached on 25 Nov: the ideal, 25 Dec, is off.
	monthly := person("Mo Monthly", "A", 0)
	monthly.Rule = rotation.MustRule("every 30d")
	monthly = mustAdd(t, b.Store, monthly)
	res := mustLog(t, b.Store, rotation.LogEntry{ContactID: monthly.ID, Outcome: rotation.Reached, Today: rotation.MustDate("2026-11-25")})
	r := rotation.MustRule("every 30d")
	w := rotation.Window(r.ApproxDays(0))
	if due := res.Next.Due; due == christmas || !set.Calendar().IsWorkday(due) || due < christmas.AddDays(-w) || due > christmas.AddDays(w) {
		t.Errorf("30 days after 25 Nov: %s, want a workday within %d days of 25 Dec", due, w)
	}
	// No answer on 31 Dec: the first retry skips New Year's Day.
	res = mustLog(t, b.Store, rotation.LogEntry{ContactID: monthly.ID, Outcome: rotation.NoAnswer, Today: rotation.MustDate("2026-12-31")})
	if res.Next.Due != rotation.MustDate("2027-01-04") {
		t.Errorf("retry after 31 Dec: %s, want Mon 4 Jan", res.Next.Due)
	}

	// A backlog caught up from Christmas Eve under a capacity of 2.
	if _, _, err := b.ChangeSetting(ctx, "capacity", "2", day0); err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		c := person("Late "+string(rune('A'+i)), "C", rotation.MustDate("2026-12-01"))
		c.Rule = rotation.MustRule([]string{"every 30d", "weekly fri", "daily", "every 2w"}[i%4])
		mustAdd(t, b.Store, c)
	}
	plan, err := b.PlanCatchUp(ctx, rotation.MustDate("2026-12-24"))
	if err != nil {
		t.Fatal(err)
	}
	if len(plan.Moves) == 0 {
		t.Fatal("the catch-up moved nothing")
	}
	for _, m := range plan.Moves {
		if m.To == christmas || m.To == newYear || !set.Calendar().IsWorkday(m.To) {
			t.Errorf("catch-up moved #%d to %s", m.ID, m.To)
		}
	}
	if _, err := b.ApplyCatchUp(ctx, plan); err != nil {
		t.Fatal(err)
	}
	all, err := b.AllContacts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if _, hol := set.Calendar().Holiday(c.Due); hol {
			t.Errorf("%s is planned on the holiday %s", c.Name, c.Due)
		}
	}
}

// TestAddHolidays: days of an .ics added to the holidays are kept beside
// the country's, move the calls planned on them, and go with "none".
func TestAddHolidays(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	pongal := rotation.MustDate("2027-01-14") // a Thursday
	c := mustAdd(t, b.Store, person("Priya", "B", pongal))
	if _, _, err := b.ChangeSetting(ctx, "holidays", "GB", day0); err != nil {
		t.Fatal(err)
	}
	set, ch, err := b.AddHolidays(ctx, []rotation.Holiday{{Date: pongal, Name: "Pongal"}}, day0)
	if err != nil {
		t.Fatal(err)
	}
	if name, ok := set.Calendar().Holiday(pongal); !ok || name != "Pongal" {
		t.Errorf("Pongal: %q %v", name, ok)
	}
	if len(ch.Moved) != 1 || mustContact(t, b.Store, c.ID).Due == pongal {
		t.Errorf("moved %+v", ch.Moved)
	}
	reread, _ := b.Settings(ctx)
	if _, ok := reread.Calendar().Holiday(pongal); !ok {
		t.Error("the added day did not persist")
	}
	if v, _ := reread.Get("holidays"); v != "GB" {
		t.Errorf("holidays %q", v)
	}
	if _, _, err := b.ChangeSetting(ctx, "holidays", "none", day0); err != nil {
		t.Fatal(err)
	}
	if reread, _ := b.Settings(ctx); reread.Holidays != nil {
		t.Errorf("none left %v %v", reread.Holidays.Codes(), reread.Holidays.Added())
	}
}
