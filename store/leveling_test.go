package store_test

import (
	"fmt"
	"math"
	"slices"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

// addMany adds n contacts on rule in one batch, due on due (zero: ramped).
func addMany(t testing.TB, s *store.Store, prefix, tier, rule string, n int, due rotation.Date, today rotation.Date) []rotation.Contact {
	t.Helper()
	batch := make([]store.NewContact, n)
	for i := range batch {
		batch[i].Contact = rotation.Contact{Name: fmt.Sprintf("%s %d", prefix, i), Tier: tier,
			Schedule: rotation.Schedule{Rule: rotation.MustRule(rule), Due: due}}
	}
	added, err := s.AddContacts(t.Context(), batch, today)
	if err != nil {
		t.Fatal(err)
	}
	return added
}

func TestRampInSpreadsABatch(t *testing.T) {
	b := newBook(t)
	cal := rotation.DefaultCalendar()
	added := addMany(t, b.Store, "Prospect", "C", "every 90d", 240, 0, day0)
	per := map[rotation.Date]int{}
	for _, c := range added {
		if c.Due < day0 || c.Due >= day0.AddDays(90) || !cal.IsWorkday(c.Due) {
			t.Fatalf("%s first due %s: outside the workdays of the first interval", c.Name, c.Due)
		}
		per[c.Due]++
	}
	share := int(math.Ceil(240 / float64(cal.WorkdaysBetween(day0, day0.AddDays(90)))))
	for d, n := range per {
		if n > share {
			t.Errorf("%d first calls on %s, want at most %d", n, d, share)
		}
	}
	if per[day0] == 240 {
		t.Fatal("everyone due on day one")
	}
	// A second, smaller batch fills the quieter days, not the same ones.
	more := addMany(t, b.Store, "Late", "C", "every 30d", 20, 0, day0)
	for _, c := range more {
		if c.Due >= day0.AddDays(30) {
			t.Errorf("%s due %s, past its first interval", c.Name, c.Due)
		}
	}
}

func TestLogCallLevelsWithinTheWindow(t *testing.T) {
	b := newBook(t)
	// day0 is Wednesday 4 March; 30 days on is Friday 3 April. The window
	// is ±3 days: Tue 31 Mar .. Mon 6 Apr. Load every workday of it but
	// Thursday 2 April.
	ideal := day0.AddDays(30)
	for _, d := range []string{"2026-03-31", "2026-04-01", "2026-04-03", "2026-04-06"} {
		addMany(t, b.Store, "Busy "+d, "B", "every 30d", 6, rotation.MustDate(d), day0)
	}
	jane := mustAdd(t, b.Store, rotation.Contact{Name: "Jane", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: day0}})

	proposed, err := b.Propose(t.Context(), jane.ID, rotation.Reached, day0, 0)
	if err != nil {
		t.Fatal(err)
	}
	res := mustLog(t, b.Store, store.LogEntry{ContactID: jane.ID, Outcome: rotation.Reached, Today: day0})
	if want := rotation.MustDate("2026-04-02"); res.Next.Due != want {
		t.Errorf("reached on %s: next %s, want the quiet Thursday %s (ideal %s)", day0, res.Next.Due, want, ideal)
	}
	if proposed.Due != res.Next.Due {
		t.Errorf("Propose said %s, LogCall set %s", proposed.Due, res.Next.Due)
	}
	if got := mustContact(t, b.Store, jane.ID).Due; got != res.Next.Due {
		t.Errorf("stored due %s, want %s", got, res.Next.Due)
	}

	// An explicit date is kept exactly, even on a loaded day.
	next := rotation.MustDate("2026-04-01")
	res = mustLog(t, b.Store, store.LogEntry{ContactID: jane.ID, Outcome: rotation.Reached, Today: day0.AddDays(1), Next: next})
	if res.Next.Due != next {
		t.Errorf("explicit next %s became %s", next, res.Next.Due)
	}

	// A fixed weekday is never moved.
	fri := mustAdd(t, b.Store, rotation.Contact{Name: "Status", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("weekly fri"), Due: day0}})
	addMany(t, b.Store, "Friday", "B", "every 90d", 10, rotation.MustDate("2026-03-06"), day0)
	res = mustLog(t, b.Store, store.LogEntry{ContactID: fri.ID, Outcome: rotation.Reached, Today: day0})
	if want := rotation.MustDate("2026-03-06"); res.Next.Due != want {
		t.Errorf("weekly fri: next %s, want %s", res.Next.Due, want)
	}
}

func TestLevelingSeesAnotherProcess(t *testing.T) {
	b := newBook(t)
	other := openAt(t, b.path, b.clock)
	a1 := mustAdd(t, b.Store, rotation.Contact{Name: "First", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: day0}})
	a2 := mustAdd(t, b.Store, rotation.Contact{Name: "Second", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: day0}})
	// Warm this process's forecast, then let the other process fill the
	// ideal day (Friday 3 April) and Thursday.
	if _, err := b.Propose(t.Context(), a1.ID, rotation.Reached, day0, 0); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"2026-04-02", "2026-04-03", "2026-04-06"} {
		addMany(t, other, "Other "+d, "B", "every 90d", 8, rotation.MustDate(d), day0)
	}
	res := mustLog(t, b.Store, store.LogEntry{ContactID: a1.ID, Outcome: rotation.Reached, Today: day0})
	if d := res.Next.Due; d == rotation.MustDate("2026-04-03") || d == rotation.MustDate("2026-04-02") {
		t.Errorf("next %s: the calls the other process booked there were not seen", d)
	}
	// And this process's own placement is seen by the next one.
	res2 := mustLog(t, b.Store, store.LogEntry{ContactID: a2.ID, Outcome: rotation.Reached, Today: day0})
	if res2.Next.Due < day0.AddDays(27) || res2.Next.Due > day0.AddDays(33) {
		t.Errorf("second placement %s outside the window", res2.Next.Due)
	}
}

func TestCapacity(t *testing.T) {
	b := newBook(t)
	addMany(t, b.Store, "B", "B", "every 90d", 64, 0, day0)
	c, err := b.Capacity(t.Context(), day0)
	if err != nil {
		t.Fatal(err)
	}
	// 64 contacts every 90 days are about one call a workday when every
	// call reaches; misses add retries.
	if !c.Auto || c.Expected < 1.2 || c.Expected > 2 || c.Daily != max(rotation.AutoCapacity(c.Expected), 6) {
		t.Errorf("auto capacity %+v", c)
	}
	if _, err := b.SetSetting(t.Context(), "capacity", "12"); err != nil {
		t.Fatal(err)
	}
	c, err = b.Capacity(t.Context(), day0)
	if err != nil {
		t.Fatal(err)
	}
	if c.Auto || c.Daily != 12 {
		t.Errorf("capacity set to 12: %+v", c)
	}
}

// One capacity figure: the same book on the same day gives the same
// number to every caller — the Today header and the Upcoming view
// (Capacity), the catch-up (PlanCatchUp's limit) — in the process that
// changed the book and after a restart.
func TestCapacityOneFigure(t *testing.T) {
	b := newBook(t)
	ctx := t.Context()
	addMany(t, b.Store, "B", "B", "every 90d", 40, 0, day0)
	tapers := addMany(t, b.Store, "T", "A", "taper 1d 1d 3d 7d 30d", 6, day0, day0)
	for i := range 8 {
		mustAdd(t, b.Store, person(fmt.Sprintf("Late %d", i), "C", day0.AddDays(-5)))
	}
	// Warm this process's forecast, then change the book in it: each
	// reached taper call moves the contact to a slower step.
	if _, err := b.Capacity(ctx, day0); err != nil {
		t.Fatal(err)
	}
	for _, c := range tapers {
		for _, day := range []rotation.Date{day0, day0.AddDays(1), day0.AddDays(2)} {
			mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day})
		}
	}
	today := day0.AddDays(5)
	figures := func(s *store.Store) (int, int) {
		t.Helper()
		c, err := s.Capacity(ctx, today)
		if err != nil {
			t.Fatal(err)
		}
		plan, err := s.PlanCatchUp(ctx, today)
		if err != nil {
			t.Fatal(err)
		}
		return c.Daily, plan.Limit
	}
	daily, limit := figures(b.Store)
	if daily != limit {
		t.Errorf("capacity %d, catch-up limit %d: want one figure", daily, limit)
	}
	other := openAt(t, b.path, b.clock)
	if d2, l2 := figures(other); d2 != daily || l2 != limit {
		t.Errorf("another process: capacity %d and limit %d, want %d and %d", d2, l2, daily, limit)
	}
	b.reopen(t)
	if d2, l2 := figures(b.Store); d2 != daily || l2 != limit {
		t.Errorf("after a restart: capacity %d and limit %d, want %d and %d", d2, l2, daily, limit)
	}
}

func TestCatchUpPlanAndApply(t *testing.T) {
	b := newBook(t)
	if _, err := b.SetSetting(t.Context(), "capacity", "5"); err != nil {
		t.Fatal(err)
	}
	// The rest of the book, due in two months: it makes the expected load
	// (about four a day) and with it the catch-up limit (1.75 times that)
	// larger than the capacity of 5 set by hand, which then bounds it.
	for i := range 8 {
		addMany(t, b.Store, fmt.Sprintf("Later %d", i), "C", "every 90d", 25, day0.AddDays(60+i), day0)
	}
	overdue := addMany(t, b.Store, "Back", "B", "every 30d", 12, day0.AddDays(-10), day0)
	vip := mustAdd(t, b.Store, rotation.Contact{Name: "VIP", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: day0.AddDays(-3)}})
	raw := rawDB(t, b.path)
	before := dump(t, raw)

	plan, err := b.PlanCatchUp(t.Context(), day0)
	if err != nil {
		t.Fatal(err)
	}
	if after := dump(t, raw); after != before {
		t.Fatal("planning changed the book")
	}
	if len(plan.Today) != 5 || len(plan.Moves) != 8 || plan.Limit != 5 {
		t.Fatalf("plan keeps %d today and moves %d (limit %d); want 5, 8, 5", len(plan.Today), len(plan.Moves), plan.Limit)
	}
	if plan.Today[0] != vip.ID {
		t.Errorf("today starts with #%d, want the A-tier #%d", plan.Today[0], vip.ID)
	}
	for _, d := range plan.PerDay(day0) {
		if d.Count > 5 {
			t.Errorf("%d calls on %s, over the limit of 5", d.Count, d.Date)
		}
	}
	// Someone is called before the plan is applied: their new date stands.
	called := plan.Moves[0].ID
	res := mustLog(t, b.Store, store.LogEntry{ContactID: called, Outcome: rotation.Reached, Today: day0})
	moved, err := b.ApplyCatchUp(t.Context(), plan)
	if err != nil {
		t.Fatal(err)
	}
	if moved != 7 {
		t.Errorf("moved %d, want 7 (the one called keeps its new date)", moved)
	}
	if got := mustContact(t, b.Store, called).Due; got != res.Next.Due {
		t.Errorf("the called contact's due %s, want %s from the call", got, res.Next.Due)
	}
	agenda, err := b.Today(t.Context(), day0)
	if err != nil {
		t.Fatal(err)
	}
	// Five were kept today; one of the moved ones was called and is done.
	if len(agenda.Due) != 5 {
		t.Errorf("%d calls due today after the catch-up, want 5", len(agenda.Due))
	}
	_ = overdue
	// A list that fits has nothing to move.
	plan, err = b.PlanCatchUp(t.Context(), day0)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Moving() {
		t.Errorf("a second plan moves %d", len(plan.Moves))
	}
}

// BenchmarkPlaceOneCall is one leveled placement on a 100,000-contact book
// (Propose: the window's per-day counts, the forecast, the choice), with
// the process's forecast warm, as in the TUI. The first placement of a
// process builds the forecast; BenchmarkBuildForecast measures that.
func BenchmarkPlaceOneCall(b *testing.B) {
	s, ids := bigLevelBook(b, 100_000)
	ctx := b.Context()
	if _, err := s.Propose(ctx, ids[0], rotation.Reached, day0, 0); err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		if _, err := s.Propose(ctx, ids[i%len(ids)], rotation.Reached, day0, 0); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkLogCallLeveled is a durable, leveled `log` on the same book.
func BenchmarkLogCallLeveled(b *testing.B) {
	s, ids := bigLevelBook(b, 100_000)
	ctx := b.Context()
	i := 0
	for b.Loop() {
		if _, err := s.LogCall(ctx, store.LogEntry{ContactID: ids[i%len(ids)], Outcome: rotation.Reached,
			Today: day0, At: day0.Time()}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkBuildForecast is the first placement in a process: one GROUP BY
// over the book's schedules and the forecast built from it.
func BenchmarkBuildForecast(b *testing.B) {
	s, ids := bigLevelBook(b, 100_000)
	ctx := b.Context()
	for b.Loop() {
		b.StopTimer()
		// A setting write moves book_version: the next placement rebuilds.
		if _, err := s.SetSetting(ctx, "tier.C", "every 90d"); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := s.Propose(ctx, ids[0], rotation.Reached, day0, 0); err != nil {
			b.Fatal(err)
		}
	}
}

// bigLevelBook is a book of n contacts on the cadences of a practice, due
// over the next 90 days; it returns the ids of the contacts due on day0.
func bigLevelBook(b *testing.B, n int) (*store.Store, []int64) {
	b.Helper()
	bk := newBook(b)
	rules := []string{"every 30d", "every 90d", "every 90d", "every 90d", "every 3m", "every 2w", "weekly fri"}
	cal := rotation.DefaultCalendar()
	batch := make([]store.NewContact, n)
	for i := range batch {
		due := cal.OnOrAfter(day0.AddDays(i % 90))
		batch[i].Contact = rotation.Contact{Name: fmt.Sprintf("Client %d", i), Tier: string("ABC"[i%3]),
			Schedule: rotation.Schedule{Rule: rotation.MustRule(rules[i%len(rules)]), Due: due}}
	}
	added, err := bk.AddContacts(b.Context(), batch, day0)
	if err != nil {
		b.Fatal(err)
	}
	var ids []int64
	for _, c := range added {
		if c.Due == day0 && c.Rule.Kind == rotation.Interval {
			ids = append(ids, c.ID)
		}
	}
	return bk.Store, ids
}

// The catch-up never moves a date the user typed — a callback's date, a
// --next, a snooze, a --due kept with KeepDue — and moves the computed
// ones; ApplyCatchUp writes only the moves.
func TestCatchUpKeepsTypedDates(t *testing.T) {
	b := newBook(t)
	ctx := t.Context()
	if _, err := b.SetSetting(ctx, "capacity", "2"); err != nil {
		t.Fatal(err)
	}
	start := day0.AddDays(-14)
	add := func(name, tier string) int64 {
		return mustAdd(t, b.Store, rotation.Contact{Name: name, Tier: tier,
			Schedule: rotation.Schedule{Rule: rotation.MustRule("every 90d"), Due: start}}).ID
	}
	computed := []int64{add("Ann", "A"), add("Ben", "A"), add("Cid", "B")}
	callback, next, snoozed, typed := add("Cal", "C"), add("Nia", "C"), add("Sam", "C"), add("Ted", "C")
	for _, id := range computed {
		mustLog(t, b.Store, store.LogEntry{ContactID: id, Outcome: rotation.NoAnswer, Today: start}) // retry: computed
	}
	mustLog(t, b.Store, store.LogEntry{ContactID: callback, Outcome: rotation.Callback, Today: start, Next: day0.AddDays(-2)})
	mustLog(t, b.Store, store.LogEntry{ContactID: next, Outcome: rotation.Voicemail, Today: start, Next: day0.AddDays(-3)})
	if err := b.SetDue(ctx, snoozed, day0.AddDays(-1)); err != nil {
		t.Fatal(err)
	}
	if err := b.KeepDue(ctx, typed, start); err != nil {
		t.Fatal(err)
	}
	plan, err := b.PlanCatchUp(ctx, day0)
	if err != nil {
		t.Fatal(err)
	}
	moved := map[int64]bool{}
	for _, m := range plan.Moves {
		moved[m.ID] = true
	}
	for _, id := range []int64{callback, next, snoozed, typed} {
		if moved[id] || !slices.Contains(plan.Today, id) || !slices.Contains(plan.Kept, id) {
			t.Errorf("#%d (a date typed or asked for) moved: today %v, kept %v, moves %v", id, plan.Today, plan.Kept, plan.Moves)
		}
	}
	if len(plan.Moves) != 3 {
		t.Errorf("moves %v: want the three computed dates moved (today is full of kept dates)", plan.Moves)
	}
	if _, err := b.ApplyCatchUp(ctx, plan); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[int64]rotation.Date{callback: day0.AddDays(-2), next: day0.AddDays(-3), snoozed: day0.AddDays(-1), typed: start} {
		if got := mustContact(t, b.Store, id).Due; got != want {
			t.Errorf("#%d due %s after the catch-up, want %s, as typed", id, got, want)
		}
	}
	// A date the rules compute later is no longer typed: a reached call
	// puts the callback contact back under the rule.
	mustLog(t, b.Store, store.LogEntry{ContactID: callback, Outcome: rotation.Reached, Today: day0})
	later := mustContact(t, b.Store, callback).Due
	plan, err = b.PlanCatchUp(ctx, later.AddDays(30))
	if err != nil {
		t.Fatal(err)
	}
	if slices.Contains(plan.Kept, callback) {
		t.Errorf("the date a reached call computed counts as typed: kept %v", plan.Kept)
	}
}

// The leveler never puts a reached call past a capacity set by hand while
// its window has a day with room: two 90-day calls reached on one day go
// to the two days of the window that have room for one more, not to the
// ideal day.
func TestLevelerKeepsTheCapacitySetByHand(t *testing.T) {
	b := newBook(t)
	ctx := t.Context()
	cal := rotation.DefaultCalendar()
	if _, err := b.SetSetting(ctx, "capacity", "2"); err != nil {
		t.Fatal(err)
	}
	ideal := day0.AddDays(90)
	room := map[rotation.Date]bool{ideal.AddDays(-6): true, ideal.AddDays(3): true}
	for x := ideal.AddDays(-7); x <= ideal.AddDays(7); x++ {
		switch {
		case room[x]:
			addMany(t, b.Store, "Booked "+x.String(), "C", "every 90d", 1, x, day0)
		case cal.IsWorkday(x):
			addMany(t, b.Store, "Booked "+x.String(), "C", "every 90d", 2, x, day0)
		}
	}
	for d := range room {
		if !cal.IsWorkday(d) {
			t.Fatalf("%s is no workday", d)
		}
	}
	two := addMany(t, b.Store, "Reached", "A", "every 90d", 2, day0, day0)
	for _, c := range two {
		res := mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0})
		if !room[res.Next.Due] {
			t.Errorf("%s placed on %s; want a day of the window with room (%v)", c.Name, res.Next.Due, room)
		}
	}
	loads, err := b.Upcoming(ctx, day0, 100)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range loads {
		if l.Date > day0 && l.Count > 2 {
			t.Errorf("%d calls on %s, over the capacity of 2", l.Count, l.Date)
		}
	}
}

// Contacts added one at a time spread as evenly as a batch import does:
// 40 clients and 240 prospects, added one by one, put no more first calls
// on a day — the day of adding included — than the same batch imported.
func TestRampInOneAtATime(t *testing.T) {
	people := func() []rotation.Contact {
		var out []rotation.Contact
		for i := range 40 {
			out = append(out, rotation.Contact{Name: fmt.Sprintf("Client %d", i), Tier: "A",
				Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d")}})
		}
		for i := range 240 {
			out = append(out, rotation.Contact{Name: fmt.Sprintf("Prospect %d", i), Tier: "C",
				Schedule: rotation.Schedule{Rule: rotation.MustRule("every 90d")}})
		}
		return out
	}
	busiest := func(added []rotation.Contact) (int, int) {
		per := map[rotation.Date]int{}
		most := 0
		for _, c := range added {
			per[c.Due]++
			most = max(most, per[c.Due])
		}
		return most, per[day0]
	}
	batch := newBook(t)
	var all []store.NewContact
	for _, c := range people() {
		all = append(all, store.NewContact{Contact: c})
	}
	added, err := batch.AddContacts(t.Context(), all, day0)
	if err != nil {
		t.Fatal(err)
	}
	batchMost, batchToday := busiest(added)

	single := newBook(t)
	added = added[:0]
	for _, c := range people() {
		added = append(added, mustAdd(t, single.Store, c))
	}
	most, today := busiest(added)
	if most > batchMost || today > batchMost {
		t.Errorf("one at a time: %d first calls on the busiest day, %d on the day of adding; a batch puts at most %d on a day (%d on the day of adding)",
			most, today, batchMost, batchToday)
	}
}
