package store_test

import (
	"fmt"
	"maps"
	"slices"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

func TestStats(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	d := rotation.MustDate
	add := func(name, tier, rule string, due rotation.Date) int64 {
		return mustAdd(t, b.Store, rotation.Contact{Name: name, Tier: tier,
			Schedule: rotation.Schedule{Rule: rotation.MustRule(rule), Due: due}}).ID
	}
	a1 := add("A1", "A", "every 30d", d("2026-02-20"))
	b1 := add("B1", "B", "every 90d", d("2026-03-02"))
	c1 := add("C1", "C", "every 6m", d("2026-03-03"))  // never called: overdue
	d1 := add("D1", "B", "every 90d", day0)            // never called: due today
	a2 := add("A2", "A", "every 30d", d("2025-12-01")) // last talked to long ago
	p1 := add("P1", "A", "every 30d", d("2026-03-10")) // paused below
	x1 := add("X1", "C", "every 6m", day0)             // not a fit today
	log := func(id int64, o rotation.Outcome, day, next rotation.Date) {
		mustLog(t, b.Store, store.LogEntry{ContactID: id, Outcome: o, Today: day, Next: next})
	}
	log(a2, rotation.Reached, d("2025-12-01"), d("2025-12-31")) // before the 12 weeks
	log(a1, rotation.Reached, d("2026-02-20"), d("2026-03-23"))
	log(b1, rotation.Voicemail, d("2026-03-02"), 0)
	log(b1, rotation.Reached, d("2026-03-03"), d("2026-06-01"))
	log(x1, rotation.NotAFit, day0, 0)
	if err := b.SetStatus(ctx, p1, rotation.Paused, 0); err != nil {
		t.Fatal(err)
	}
	// A note is history, not a call: no count includes it.
	if _, err := b.AddNote(ctx, p1, "On sabbatical until June.", d("2026-03-03").Time(), d("2026-03-03")); err != nil {
		t.Fatal(err)
	}
	if _, err := b.AddNote(ctx, a1, "Sent a card.", day0.Time(), day0); err != nil {
		t.Fatal(err)
	}

	checkStats(t, b, []int64{c1, d1, a2, a1, b1})
}

// checkStats checks TestStats' book on day0: its counts, coverage,
// streak, weekly calls, outcomes, and wantLongest the contacts longest
// without a talk.
func checkStats(t *testing.T, b *book, wantLongest []int64) {
	ctx := t.Context()
	st, err := b.Stats(ctx, day0)
	if err != nil {
		t.Fatal(err)
	}
	if st.Contacts != 7 || st.Active != 5 || st.DueToday != 1 || st.Overdue != 2 {
		t.Errorf("contacts %d, active %d, due today %d, overdue %d; want 7, 5, 1, 2",
			st.Contacts, st.Active, st.DueToday, st.Overdue)
	}
	// Covered: A1 (12 days since the talk, on 30d), B1 (1 day, on 90d)
	// and D1, never called, due today: not late.
	if want := (rotation.Coverage{Active: 5, Covered: 3}); st.Coverage != want {
		t.Errorf("coverage = %+v, want %+v", st.Coverage, want)
	}
	wantTiers := map[string]rotation.Coverage{"A": {Active: 2, Covered: 1}, "B": {Active: 2, Covered: 2}, "C": {Active: 1}}
	if !maps.Equal(st.ByTier, wantTiers) {
		t.Errorf("by tier = %+v, want %+v", st.ByTier, wantTiers)
	}
	// The only cleared day is A2's in December; no streak runs to today.
	if st.StreakDays != 0 {
		t.Errorf("streak = %d, want 0", st.StreakDays)
	}
	// Last 7 days: B1's two calls and X1's; the notes do not count.
	if st.CallsLast7Days != 3 {
		t.Errorf("calls in the last 7 days = %d, want 3", st.CallsLast7Days)
	}
	wantWeekly := make([]int, rotation.StatsWeeks)
	wantWeekly[rotation.StatsWeeks-2] = 1 // A1, 12 days ago
	wantWeekly[rotation.StatsWeeks-1] = 3
	if !slices.Equal(st.Weekly, wantWeekly) {
		t.Errorf("weekly = %v, want %v", st.Weekly, wantWeekly)
	}
	if st.Weekly[rotation.StatsWeeks-1] != st.CallsLast7Days {
		t.Errorf("this week's bar %d and the last 7 days' count %d disagree", st.Weekly[rotation.StatsWeeks-1], st.CallsLast7Days)
	}
	wantOutcomes := map[rotation.Outcome]int{rotation.Reached: 2, rotation.Voicemail: 1, rotation.NotAFit: 1}
	if !maps.Equal(st.Outcomes, wantOutcomes) {
		t.Errorf("outcomes = %v, want %v", st.Outcomes, wantOutcomes)
	}
	var longest []int64
	for _, c := range st.Longest {
		longest = append(longest, c.ID)
	}
	if !slices.Equal(longest, wantLongest) {
		t.Errorf("longest without a talk = %v, want %v (never reached first)", longest, wantLongest)
	}
}

func TestStatsStreak(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	monday, tuesday := rotation.MustDate("2026-03-02"), rotation.MustDate("2026-03-03")
	dan := mustAdd(t, b.Store, rotation.Contact{Name: "Dan", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("daily"), Due: monday}}).ID
	streak := func(today rotation.Date) int {
		t.Helper()
		st, err := b.Stats(t.Context(), today)
		if err != nil {
			t.Fatal(err)
		}
		return st.StreakDays
	}
	reach := func(id int64, day rotation.Date) {
		mustLog(t, b.Store, store.LogEntry{ContactID: id, Outcome: rotation.Reached, Today: day,
			At: day.Time().Add(10 * time.Hour)})
	}
	reach(dan, monday)
	reach(dan, tuesday)
	if got := streak(day0); got != 2 {
		t.Errorf("Wednesday morning: streak %d, want 2 (an open list breaks nothing yet)", got)
	}
	eve := mustAdd(t, b.Store, rotation.Contact{Name: "Eve", Tier: "B",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 7d"), Due: day0}}).ID
	reach(dan, day0)
	if got := streak(day0); got != 2 {
		t.Errorf("Wednesday with Eve still due: streak %d, want 2", got)
	}
	reach(eve, day0)
	if got := streak(day0); got != 3 {
		t.Errorf("Wednesday cleared: streak %d, want 3", got)
	}
	if got := streak(day0.AddDays(1)); got != 3 {
		t.Errorf("Thursday morning: streak %d, want 3", got)
	}
	if got := streak(rotation.MustDate("2026-03-09")); got != 0 {
		t.Errorf("the Monday after an idle Thursday and Friday: streak %d, want 0", got)
	}
	// Weekends are no workdays: nothing to clear.
	reach(dan, rotation.MustDate("2026-03-07"))
	var days []string
	rows, err := rawDB(t, b.path).QueryContext(t.Context(), "SELECT day FROM cleared_days ORDER BY day")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var d string
		rows.Scan(&d)
		days = append(days, d)
	}
	if want := []string{"2026-03-02", "2026-03-03", "2026-03-04"}; !slices.Equal(days, want) {
		t.Errorf("cleared days = %v, want %v", days, want)
	}
}

// A contact called every Monday and Thursday, reached on each slot: the
// days between have nothing due and count as cleared, so the streak grows
// with every workday; a Monday on which the call is due is covered.
func TestStatsStreakDaysWithNothingDue(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	d := rotation.MustDate
	monday := d("2026-03-02")
	omar := mustAdd(t, b.Store, rotation.Contact{Name: "Omar", Tier: "B",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every mon,thu"), Due: monday}}).ID
	stats := func(today rotation.Date) rotation.Stats {
		t.Helper()
		st, err := b.Stats(t.Context(), today)
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	for day := monday; day <= d("2026-03-19"); day++ {
		if st := stats(day); st.Coverage.Covered != 1 {
			t.Errorf("%s: coverage %+v, want Omar covered (his call is not late)", day, st.Coverage)
		}
		if wd := day.Weekday(); wd == time.Monday || wd == time.Thursday {
			mustLog(t, b.Store, store.LogEntry{ContactID: omar, Outcome: rotation.Reached, Today: day})
		}
	}
	// Mon 2 to Thu 19 March: 14 workdays, every one cleared.
	if got := stats(d("2026-03-19")).StreakDays; got != 14 {
		t.Errorf("streak on Thu 19 Mar = %d, want 14", got)
	}
	if got := stats(d("2026-03-20")).StreakDays; got != 15 {
		t.Errorf("streak on Fri 20 Mar (nothing due) = %d, want 15", got)
	}
	// Monday's call left for Tuesday: Monday was late, the streak restarts.
	mustLog(t, b.Store, store.LogEntry{ContactID: omar, Outcome: rotation.Reached, Today: d("2026-03-24")})
	if got := stats(d("2026-03-24")).StreakDays; got != 1 {
		t.Errorf("streak on Tue 24 Mar after a late Monday call = %d, want 1", got)
	}
	if st := stats(d("2026-03-27")); st.Coverage.Covered != 0 || st.StreakDays != 0 {
		t.Errorf("Fri 27 Mar with Thursday's call open: coverage %+v, streak %d; want 0 and 0", st.Coverage, st.StreakDays)
	}
}

// The day after an import, contacts never called whose first call is
// still ahead are covered: nothing of theirs is late.
func TestStatsCoverageAfterImport(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	var batch []store.NewContact
	for i := range 40 {
		batch = append(batch, store.NewContact{Contact: rotation.Contact{Name: fmt.Sprintf("Prospect %02d", i), Tier: "C",
			Schedule: rotation.Schedule{Rule: rotation.MustRule("every 90d")}}})
	}
	if _, err := b.AddContacts(t.Context(), batch, day0); err != nil {
		t.Fatal(err)
	}
	st, err := b.Stats(t.Context(), day0.AddDays(1))
	if err != nil {
		t.Fatal(err)
	}
	// Those due on day0 and not called are late: the rest are covered.
	late := 0
	all, err := b.List(t.Context(), store.ListFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range all {
		if c.Due <= day0 {
			late++
		}
	}
	if late == 0 || late > 2 {
		t.Fatalf("%d contacts ramped in on the day of the import, want 1 or 2", late)
	}
	if want := (rotation.Coverage{Active: 40, Covered: 40 - late}); st.Coverage != want {
		t.Errorf("coverage the day after an import = %+v, want %+v", st.Coverage, want)
	}
}
