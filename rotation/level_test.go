package rotation

import (
	"math"
	"slices"
	"testing"
)

// loads is a LoadModel from a table of booked and expected calls by day.
type dayLoads struct {
	booked   map[Date]int
	expected map[Date]float64
}

func (l dayLoads) Booked(d Date) int       { return l.booked[d] }
func (l dayLoads) Expected(d Date) float64 { return l.expected[d] }
func full(from, to Date, n int) map[Date]int {
	m := map[Date]int{}
	for x := from; x <= to; x++ {
		m[x] = n
	}
	return m
}

func TestLevel(t *testing.T) {
	// 2026-03-02 is a Monday; ideal dates below are counted from it.
	mon := d("2026-03-02")
	away := DefaultCalendar()
	away.Away = []Range{{From: d("2026-05-25"), To: d("2026-06-12")}}
	tests := []struct {
		name  string
		ideal Date
		rule  string
		cal   Calendar
		load  LoadModel
		want  Date
	}{
		{"empty book: the ideal day", mon, "every 30d", DefaultCalendar(), dayLoads{}, mon},
		{"ideal on a Saturday, empty book: the nearest workday, Friday", d("2026-03-07"), "every 90d", DefaultCalendar(), dayLoads{}, d("2026-03-06")},
		{"the quiet day of the window", mon, "every 30d", DefaultCalendar(),
			dayLoads{booked: map[Date]int{d("2026-02-27"): 5, mon: 5, d("2026-03-03"): 2, d("2026-03-04"): 5, d("2026-03-05"): 5}},
			d("2026-03-03")},
		{"equal loads: the day nearest ideal", mon, "every 30d", DefaultCalendar(),
			dayLoads{booked: map[Date]int{d("2026-02-27"): 1, mon: 3, d("2026-03-03"): 1, d("2026-03-04"): 1, d("2026-03-05"): 1}}, d("2026-03-03")},
		{"expected calls count: the far edge is not drawn to", mon, "every 90d", DefaultCalendar(),
			dayLoads{booked: full(d("2026-02-23"), d("2026-03-06"), 4), expected: map[Date]float64{d("2026-03-09"): 6}},
			mon},
		{"never outside the window (90d: 7 days)", mon, "every 90d", DefaultCalendar(),
			dayLoads{booked: full(d("2026-02-23"), d("2026-03-09"), 9)}, mon},
		{"every day of the window at capacity: the ideal day", mon, "every 30d", DefaultCalendar(),
			dayLoads{booked: full(d("2026-02-20"), d("2026-03-10"), 20)}, mon},
		{"a window entirely on days off: the first workday after", d("2026-05-29"), "every 14d",
			away, dayLoads{}, d("2026-06-15")},
		{"away days in the window are skipped", d("2026-06-15"), "every 90d", away,
			dayLoads{booked: map[Date]int{d("2026-06-15"): 3, d("2026-06-16"): 3, d("2026-06-17"): 3, d("2026-06-18"): 3, d("2026-06-19"): 3, d("2026-06-22"): 0}},
			d("2026-06-22")},
		{"fixed weekdays are never moved", d("2026-03-06"), "weekly fri", DefaultCalendar(),
			dayLoads{booked: map[Date]int{d("2026-03-06"): 50}}, d("2026-03-06")},
		{"daily is never moved", mon, "daily", DefaultCalendar(), dayLoads{booked: map[Date]int{mon: 50}}, mon},
		{"a 7-day interval has no window", mon, "every 7d", DefaultCalendar(), dayLoads{booked: map[Date]int{mon: 50}}, mon},
		{"a short taper step is never moved", mon, "taper 1d 1d 3d 7d", DefaultCalendar(), dayLoads{booked: map[Date]int{mon: 50}}, mon},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := MustRule(tt.rule)
			got := Level(tt.ideal, r, 0, tt.cal, tt.load)
			if got != tt.want {
				t.Errorf("Level(%s %s, %s) = %s %s, want %s %s", tt.ideal, tt.ideal.Weekday(), tt.rule, got, got.Weekday(), tt.want, tt.want.Weekday())
			}
			if !tt.cal.IsWorkday(got) {
				t.Errorf("%s is not a workday", got)
			}
			if Movable(r, 0) {
				if w := Window(r.ApproxDays(0)); abs(tt.ideal.DaysUntil(got)) > w && tt.cal.IsWorkday(tt.ideal) {
					t.Errorf("%s is outside the window of %d days around %s", got, w, tt.ideal)
				}
			}
		})
	}
}

func TestApplyLeveled(t *testing.T) {
	cal := DefaultCalendar()
	today := d("2026-03-02") // Monday; +30d is Wednesday 1 April
	busy := dayLoads{booked: map[Date]int{d("2026-04-01"): 9, d("2026-03-30"): 9, d("2026-03-31"): 9, d("2026-04-03"): 9}}
	tests := []struct {
		name     string
		rule     string
		attempts int
		outcome  Outcome
		explicit Date
		want     Date
	}{
		{"reached: leveled inside the window", "every 30d", 0, Reached, 0, d("2026-04-02")},
		{"an explicit date is kept exactly", "every 30d", 0, Reached, d("2026-04-01"), d("2026-04-01")},
		{"a retry is not moved", "every 30d", 0, Voicemail, 0, d("2026-03-03")},
		{"a callback is kept on its day", "every 30d", 0, Callback, d("2026-03-05"), d("2026-03-05")},
		{"fixed weekday: next slot", "weekly wed", 0, Reached, 0, d("2026-03-04")},
		{"the fourth miss falls back to the rule's date, leveled", "every 30d", 3, NoAnswer, 0, d("2026-04-02")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := Schedule{Rule: MustRule(tt.rule), Due: today, Attempts: tt.attempts}
			plain, err := Apply(s, tt.outcome, today, tt.explicit, cal)
			if err != nil {
				t.Fatal(err)
			}
			got, err := ApplyLeveled(s, tt.outcome, today, tt.explicit, cal, busy)
			if err != nil {
				t.Fatal(err)
			}
			if got.Due != tt.want {
				t.Errorf("due %s %s, want %s (plain Apply: %s)", got.Due, got.Due.Weekday(), tt.want, plain.Due)
			}
			// Leveling changes the date only: attempts, step, status are Apply's.
			got.Due = plain.Due
			if got.Attempts != plain.Attempts || got.Step != plain.Step || got.Status != plain.Status || !got.Rule.Equal(plain.Rule) {
				t.Errorf("leveled %+v, Apply %+v: more than the date differs", got, plain)
			}
		})
	}
}

func TestRampInBatchSpreadsEachGroup(t *testing.T) {
	cal := DefaultCalendar()
	today := d("2026-01-05")
	var batch []Newcomer
	for range 120 {
		batch = append(batch, Newcomer{Tier: "B", Schedule: Schedule{Rule: MustRule("every 90d")}})
	}
	for range 240 {
		batch = append(batch, Newcomer{Tier: "C", Schedule: Schedule{Rule: MustRule("every 90d")}})
	}
	batch = append(batch, Newcomer{Tier: "C", Schedule: Schedule{Rule: MustRule("weekly fri")}})
	dates := RampInBatch(batch, today, cal, NewForecast(today, cal, nil, DefaultReach))
	days := cal.WorkdaysBetween(today, today.AddDays(90))
	perDay := map[string]map[Date]int{"B": {}, "C": {}}
	for i, x := range dates[:360] {
		if x < today || x >= today.AddDays(90) || !cal.IsWorkday(x) {
			t.Fatalf("contact %d ramped to %s, outside the first interval's workdays", i, x)
		}
		perDay[batch[i].Tier][x]++
	}
	for tier, n := range map[string]int{"B": 120, "C": 240} {
		share := int(math.Ceil(float64(n) / float64(days)))
		for x, c := range perDay[tier] {
			if c > share {
				t.Errorf("tier %s: %d first calls on %s, want at most %d", tier, c, x, share)
			}
		}
	}
	if got := dates[360]; got != d("2026-01-09") {
		t.Errorf("weekly fri starts %s, want its first slot 2026-01-09", got)
	}
	again := RampInBatch(batch, today, cal, NewForecast(today, cal, nil, DefaultReach))
	for i := range dates {
		if dates[i] != again[i] {
			t.Fatalf("not deterministic: contact %d on %s, then %s", i, dates[i], again[i])
		}
	}
}

func TestCatchUp(t *testing.T) {
	cal := DefaultCalendar()
	today := d("2026-03-02") // Monday
	item := func(id int64, tier string, due string) DueItem {
		return DueItem{Contact: Contact{ID: id, Tier: tier, Schedule: Schedule{Rule: MustRule("every 30d"), Due: d(due)}}}
	}
	var backlog []DueItem
	for i := range 10 {
		tier := "C"
		if i%5 == 0 {
			tier = "A"
		}
		backlog = append(backlog, item(int64(i+1), tier, "2026-02-20"))
	}
	t.Run("spreads over workdays under the limit, most urgent first", func(t *testing.T) { catchUpSpreads(t, cal, today, backlog) })
	t.Run("booked calls count against the limit", func(t *testing.T) { catchUpCountsBooked(t, cal, today, backlog) })
	t.Run("a fixed slot that fits stays today", func(t *testing.T) { catchUpKeepsFixedSlot(t, cal, today, backlog) })
	t.Run("typed dates stay, even over the limit", func(t *testing.T) { catchUpKeepsTyped(t, cal, today, backlog) })
	t.Run("fits today: nothing moves", func(t *testing.T) { catchUpFitsToday(t, cal, today, backlog) })
	t.Run("away days are skipped", func(t *testing.T) { catchUpSkipsAway(t, cal, today, backlog) })
}

// catchUpSpreads: the backlog spreads over workdays under the limit, most urgent first.
func catchUpSpreads(t *testing.T, cal Calendar, today Date, backlog []DueItem) {
	plan := CatchUp(backlog, today, cal, 4, nil)
	if len(plan.Today) != 4 || len(plan.Moves) != 6 {
		t.Fatalf("today %v, moves %v: want 4 kept and 6 moved", plan.Today, plan.Moves)
	}
	if plan.Today[0] != 1 || plan.Today[1] != 6 {
		t.Errorf("today %v: the A tier (1, 6) should come first", plan.Today)
	}
	per := map[Date]int{}
	for _, m := range plan.Moves {
		per[m.To]++
		if !cal.IsWorkday(m.To) || m.To <= today {
			t.Errorf("moved to %s", m.To)
		}
	}
	if per[d("2026-03-03")] != 4 || per[d("2026-03-04")] != 2 || plan.Days != 3 {
		t.Errorf("per day %v, %d days; want 4 on Tue, 2 on Wed, 3 days", per, plan.Days)
	}
}

// catchUpCountsBooked: booked calls count against the limit.
func catchUpCountsBooked(t *testing.T, cal Calendar, today Date, backlog []DueItem) {
	plan := CatchUp(backlog, today, cal, 6, dayLoads{booked: map[Date]int{today: 10, d("2026-03-03"): 5}})
	// Today holds the 10 backlog calls (booked counts them) and nothing
	// else: 6 stay; Tuesday has 5 booked, room for 1; Wednesday 3.
	per := plan.PerDay(today)
	want := []DayLoad{{today, 6}, {d("2026-03-03"), 1}, {d("2026-03-04"), 3}}
	if len(per) != len(want) {
		t.Fatalf("per day %v, want %v", per, want)
	}
	for i := range want {
		if per[i] != want[i] {
			t.Errorf("per day %v, want %v", per, want)
			break
		}
	}
}

// catchUpKeepsFixedSlot: a fixed slot that fits stays today.
func catchUpKeepsFixedSlot(t *testing.T, cal Calendar, today Date, backlog []DueItem) {
	fixed := append([]DueItem{}, backlog[:2]...)
	fixed = append(fixed, DueItem{Contact: Contact{ID: 99, Tier: "C", Schedule: Schedule{Rule: MustRule("weekly mon"), Due: today}}})
	plan := CatchUp(fixed, today, cal, 4, nil)
	if !slices.Contains(plan.Today, 99) || len(plan.Moves) != 0 {
		t.Errorf("today %v, moves %v: want the weekly call 99 kept", plan.Today, plan.Moves)
	}
}

// catchUpKeepsTyped: typed dates stay, even over the limit.
func catchUpKeepsTyped(t *testing.T, cal Calendar, today Date, backlog []DueItem) {
	kept := append([]DueItem{}, backlog...)
	for i := range kept[5:] {
		kept[5+i].Kept = true // ids 6..10: dates typed with --next, --due or snooze
	}
	plan := CatchUp(kept, today, cal, 4, nil)
	for id := int64(6); id <= 10; id++ {
		if !slices.Contains(plan.Today, id) {
			t.Errorf("today %v: the typed date of %d was moved", plan.Today, id)
		}
	}
	if len(plan.Today) != 5 || len(plan.Moves) != 5 {
		t.Errorf("today %v, moves %v: want the 5 typed dates today and the 5 others moved", plan.Today, plan.Moves)
	}
}

// catchUpFitsToday: when the backlog fits today nothing moves.
func catchUpFitsToday(t *testing.T, cal Calendar, today Date, backlog []DueItem) {
	plan := CatchUp(backlog, today, cal, 20, nil)
	if len(plan.Moves) != 0 || plan.Days != 1 {
		t.Errorf("%+v", plan)
	}
}

// catchUpSkipsAway: away days are skipped.
func catchUpSkipsAway(t *testing.T, cal Calendar, today Date, backlog []DueItem) {
	away := cal
	away.Away = []Range{{From: d("2026-03-03"), To: d("2026-03-06")}}
	plan := CatchUp(backlog, today, away, 5, nil)
	for _, m := range plan.Moves {
		if m.To != d("2026-03-09") {
			t.Errorf("moved to %s, want Monday 9 March after the away days", m.To)
		}
	}
}

// The morning the issue saw: six Friday status calls due today, a callback
// two days late, a tier-A client two days late and three overdue
// prospects, on a day that holds 4. The callback keeps the date the client
// asked for, the most urgent stay, and a Friday slot with no room goes to
// the next Friday, not to Monday.
func TestCatchUpKeepsTheMostUrgent(t *testing.T) {
	cal := DefaultCalendar()
	today := d("2026-03-06") // a Friday
	var backlog []DueItem
	add := func(id int64, tier, rule, due string, h History) {
		backlog = append(backlog, DueItem{Contact: Contact{ID: id, Tier: tier, History: h,
			Schedule: Schedule{Rule: MustRule(rule), Due: d(due), Status: Active}}})
	}
	for id := int64(1); id <= 6; id++ {
		add(id, "B", "weekly fri", "2026-03-06", History{LastCall: d("2026-02-27"), LastOutcome: Reached, LastTalk: d("2026-02-27")})
	}
	add(10, "C", "every 90d", "2026-03-04", History{LastCall: d("2026-02-25"), LastOutcome: Callback})
	add(11, "A", "every 30d", "2026-03-04", History{})
	for id := int64(20); id < 23; id++ {
		add(id, "C", "every 90d", "2026-02-27", History{})
	}
	plan := CatchUp(backlog, today, cal, 4, nil)
	for _, id := range []int64{10, 11} {
		if !slices.Contains(plan.Today, id) {
			t.Errorf("today %v: %d (the callback, the tier-A client) should stay", plan.Today, id)
		}
	}
	if len(plan.Today) != 4 {
		t.Errorf("today %v: want 4, the day's capacity", plan.Today)
	}
	for _, m := range plan.Moves {
		if m.ID <= 6 && m.To != d("2026-03-13") {
			t.Errorf("Friday status call %d moved to %s, want its next slot, Fri 13 Mar", m.ID, m.To)
		}
		if m.ID >= 20 && m.To != d("2026-03-09") {
			t.Errorf("prospect %d moved to %s, want the nearest workday with room, Mon 9 Mar", m.ID, m.To)
		}
		if m.ID == 10 || m.ID == 11 {
			t.Errorf("%d moved to %s", m.ID, m.To)
		}
	}
}

func TestAutoCapacity(t *testing.T) {
	for _, tt := range []struct {
		expected float64
		want     int
	}{{0, 1}, {1, 3}, {4, 7}, {14.63, 20}, {100, 113}} {
		if got := AutoCapacity(tt.expected); got != tt.want {
			t.Errorf("AutoCapacity(%v) = %d, want %d", tt.expected, got, tt.want)
		}
	}
}

func TestExpectedPerWorkday(t *testing.T) {
	cal := DefaultCalendar()
	b := func(rule string, n int) Booking {
		return Booking{Schedule: Schedule{Rule: MustRule(rule), Due: d("2026-03-02")}, Count: n}
	}
	for _, tt := range []struct {
		book     []Booking
		reach    float64
		lo, hi   float64
		describe string
	}{
		{[]Booking{b("daily", 1)}, 0.6, 1, 1, "daily: one call a workday"},
		{[]Booking{b("weekly fri", 5)}, 1, 1, 1, "five weekly calls, all reached: one a workday"},
		{[]Booking{b("every 7d", 5)}, 1, 0.99, 1.01, "five weekly intervals, all reached"},
		{[]Booking{b("every 90d", 64)}, 1, 0.99, 1.01, "64 x 90d is a call a workday when all reach"},
		{[]Booking{b("every 90d", 64)}, 0.6, 1.5, 1.75, "misses add retries"},
	} {
		got := ExpectedPerWorkday(tt.book, cal, tt.reach)
		if got < tt.lo || got > tt.hi {
			t.Errorf("%s: %.3f, want in [%.2f, %.2f]", tt.describe, got, tt.lo, tt.hi)
		}
	}
}

// capped is a load model with a daily capacity set by hand.
type capped struct {
	LoadModel
	cap int
}

func (c capped) DailyCap() int { return c.cap }

// Three 90-day calls reached on one day, each placed with what the book
// expects (a Forecast, booked as it goes): with the rest of their window
// empty, or in a consultant's book whose bookings end before the window,
// each goes to a day of its own, and never past a capacity set by hand.
// (Seen: all three on one Tuesday while the rest of the window was empty.)
func TestLevelReachedTogether(t *testing.T) {
	cal := DefaultCalendar()
	today := d("2026-03-03") // a Tuesday
	ideal := d("2026-06-01") // 90 days on, a Monday
	for _, tt := range []struct {
		name   string
		cap    int
		before int // calls already booked on each day of the window
		most   int // the most of the three on one day
		book   bool
	}{
		{"an empty window", 0, 0, 1, false},
		{"a consultant's book", 0, 0, 1, true},
		{"a capacity of 2 set by hand, one call booked on every day", 2, 1, 1, false},
		{"a capacity of 2 set by hand, two calls on every day but one", 2, 2, 3, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var book []Booking
			three := []Schedule{}
			for range 3 {
				three = append(three, Schedule{Rule: MustRule("every 90d"), Due: today, Status: Active})
				book = append(book, Booking{Schedule: three[len(three)-1]})
			}
			for x := ideal.AddDays(-7); x <= ideal.AddDays(7); x++ {
				n := tt.before
				if tt.before == 2 && x == d("2026-06-04") {
					n = 0 // the one day of the window with room
				}
				if n > 0 && cal.IsWorkday(x) {
					book = append(book, Booking{Schedule: Schedule{Rule: MustRule("weekly mon,tue,wed,thu,fri"), Due: x}, Count: n})
				}
			}
			if tt.book {
				book = append(book, consultantBook(today, cal)...)
			}
			f := NewForecast(today, cal, book, DefaultReach)
			var load LoadModel = f
			if tt.cap > 0 {
				load = capped{f, tt.cap}
			}
			per := map[Date]int{}
			for _, s := range three {
				f.Book(s.Due, s, -1)
				n, err := ApplyLeveled(s, Reached, today, 0, cal, load)
				if err != nil {
					t.Fatal(err)
				}
				f.Book(n.Due, n.Schedule, 1)
				per[n.Due]++
				if n.Due < ideal.AddDays(-7) || n.Due > ideal.AddDays(7) {
					t.Errorf("placed on %s, outside the window of %s ± 7", n.Due, ideal)
				}
				if tt.cap > 0 && f.Booked(n.Due) > tt.cap && tt.before < 2 {
					t.Errorf("placed on %s with %d booked, over the capacity of %d", n.Due, f.Booked(n.Due), tt.cap)
				}
			}
			for day, n := range per {
				if n > tt.most {
					t.Errorf("%d of the three on %s (%v); want them on the lighter days of the window", n, day, per)
				}
			}
			if tt.before == 2 && per[d("2026-06-04")] == 0 {
				t.Errorf("placed on %v; the one day under the capacity, Thu 4 Jun, was left empty", per)
			}
		})
	}
}

// consultantBook is a consultant's sixty clients (15 every 30d, 35 every
// 90d, 10 every 3m) ramped in on a day four weeks before today, and two
// Friday status calls: the calls booked over the next two months.
func consultantBook(today Date, cal Calendar) []Booking {
	added := today.AddDays(-28)
	var batch []Newcomer
	for _, g := range []struct {
		n    int
		rule string
	}{{15, "every 30d"}, {35, "every 90d"}, {10, "every 3m"}} {
		for range g.n {
			batch = append(batch, Newcomer{Tier: "B", Schedule: Schedule{Rule: MustRule(g.rule), Status: Active}})
		}
	}
	var book []Booking
	for i, due := range RampInBatch(batch, added, cal, NewForecast(added, cal, nil, DefaultReach)) {
		s := batch[i].Schedule
		for due < today { // called and reached since, on the rule's date
			due = cal.OnOrAfter(s.Rule.Every.After(due))
		}
		s.Due = due
		book = append(book, Booking{Schedule: s})
	}
	book = append(book, Booking{Schedule: Schedule{Rule: MustRule("weekly fri"), Due: cal.OnOrAfter(today), Status: Active}, Count: 2})
	return book
}
