package rotation

import "testing"

func TestWindow(t *testing.T) {
	for days, want := range map[int]int{90: 7, 30: 3, 14: 1, 7: 0, 1: 0, 0: 0, 69: 6, 70: 7, 365: 7} {
		if got := Window(days); got != want {
			t.Errorf("Window(%d) = %d, want %d", days, got, want)
		}
	}
}

func TestCovered(t *testing.T) {
	today := d("2026-11-25")
	talked := func(s Schedule, last string) Contact {
		return Contact{Schedule: s, History: History{LastTalk: date(last)}}
	}
	tests := []struct {
		name string
		c    Contact
		want bool
		on   string // today, when not Wednesday 25 Nov
	}{
		{"90d: 97 days is within the window", talked(active("every 90d"), "2026-08-20"), true, ""},
		{"90d: 98 days is not", talked(active("every 90d"), "2026-08-19"), false, ""},
		{"7d: no window", talked(active("every 1w"), "2026-11-18"), true, ""},
		{"7d: a day late is not covered", talked(active("every 1w"), "2026-11-17"), false, ""},
		{"never reached, first call ahead", talked(active("every 90d").withDue("2026-12-10"), ""), true, ""},
		{"never reached, first call today", talked(active("every 90d").withDue("2026-11-25"), ""), true, ""},
		{"never reached and flagged unreachable", talked(active("every 90d").withDue("2026-11-27").withTries(3), ""), false, ""},
		{"never reached, first call late", talked(active("every 90d").withDue("2026-11-24"), ""), false, ""},
		{"reached in time but the next call is late", talked(active("every 90d").withDue("2026-11-20"), "2026-10-25"), false, ""},
		{"monday/thursday due today (a monday) is covered", talked(active("every mon,thu").withDue("2026-11-23"), "2026-11-19"), true, "2026-11-23"},
		{"monday/thursday slot missed", talked(active("every mon,thu").withDue("2026-11-26"), "2026-11-19"), false, "2026-11-24"},
		{"daily: friday's talk covers monday", talked(active("daily").withDue("2026-11-23"), "2026-11-20"), true, "2026-11-23"},
		{"the override's cadence counts while it runs", talked(active("every 90d").withOverride("every 2d", "2026-12-15"), "2026-11-22"), false, ""},
		{"the override's cadence met", talked(active("every 90d").withOverride("every 2d", "2026-12-15"), "2026-11-23"), true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			today := today
			if tt.on != "" {
				today = d(tt.on)
			}
			if got := Covered(tt.c, today, DefaultCalendar()); got != tt.want {
				t.Errorf("Covered = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestStreak(t *testing.T) {
	cleared := func(days ...string) map[Date]bool {
		m := map[Date]bool{}
		for _, day := range days {
			m[d(day)] = true
		}
		return m
	}
	tests := []struct {
		name    string
		cleared map[Date]bool
		today   string
		want    int
	}{
		{"today cleared counts", cleared("2026-11-23", "2026-11-24", "2026-11-25"), "2026-11-25", 3},
		{"today still open breaks nothing", cleared("2026-11-23", "2026-11-24"), "2026-11-25", 2},
		{"over a weekend", cleared("2026-11-19", "2026-11-20", "2026-11-23", "2026-11-24", "2026-11-25"), "2026-11-25", 5},
		{"a gap ends it", cleared("2026-11-19", "2026-11-23", "2026-11-24"), "2026-11-25", 2},
		{"yesterday open: nothing", cleared("2026-11-23"), "2026-11-25", 0},
		{"on a saturday, up to friday", cleared("2026-11-26", "2026-11-27"), "2026-11-28", 2},
		{"nothing cleared", cleared(), "2026-11-25", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Streak(tt.cleared, nil, 0, d(tt.today), DefaultCalendar()); got != tt.want {
				t.Errorf("Streak = %d, want %d", got, tt.want)
			}
		})
	}
	away := calendar(t, "mon-fri", "2026-11-19..2026-11-20")
	if got := Streak(cleared("2026-11-18", "2026-11-23", "2026-11-24"), nil, 0, d("2026-11-24"), away); got != 3 {
		t.Errorf("Streak across time away = %d, want 3", got)
	}
}

// A workday with nothing due is cleared: a contact called every Monday and
// Thursday, reached on each slot, builds a streak over the days between.
func TestStreakNothingDue(t *testing.T) {
	cal := DefaultCalendar()
	since := d("2026-11-02") // a Monday, the book begins
	cleared := map[Date]bool{}
	for day := since; day <= d("2026-11-26"); day++ {
		if wd := day.Weekday(); wd == 1 || wd == 4 {
			cleared[day] = true
		}
	}
	if got, want := Streak(cleared, nil, since, d("2026-11-26"), cal), 19; got != want {
		t.Errorf("streak on Thu 26 Nov = %d, want %d (every workday since Mon 2 Nov)", got, want)
	}
	if got, want := Streak(cleared, nil, since, d("2026-11-25"), cal), 17; got != want {
		t.Errorf("streak on Wed 25 Nov = %d, want %d", got, want)
	}
	// The Monday call made on Wednesday: Monday and Tuesday were late.
	late := map[Date]bool{}
	LateDays(late, d("2026-11-16"), d("2026-11-18"), cal)
	delete(cleared, d("2026-11-16"))
	cleared[d("2026-11-18")] = true
	if got, want := Streak(cleared, late, since, d("2026-11-26"), cal), 7; got != want {
		t.Errorf("streak after a late Monday call = %d, want %d (Wed 18 to Thu 26)", got, want)
	}
	// Before the book began there is no streak to count.
	if got := Streak(nil, nil, d("2026-11-24"), d("2026-11-26"), cal); got != 2 {
		t.Errorf("streak of a book begun on Tue 24 = %d, want 2", got)
	}
}

func TestComputeStatsStreakToday(t *testing.T) {
	cal := DefaultCalendar()
	today := d("2026-11-24") // a Tuesday
	c := Contact{Schedule: active("every mon,thu").withDue("2026-11-26")}
	c.LastTalk = d("2026-11-23")
	st := ComputeStats([]Contact{c}, StreakDays{Cleared: map[Date]bool{d("2026-11-23"): true}, Since: d("2026-11-23")}, 0, today, cal)
	if st.StreakDays != 2 {
		t.Errorf("streak on a Tuesday with nothing due = %d, want 2", st.StreakDays)
	}
	if st.Coverage.Covered != 1 {
		t.Errorf("coverage = %+v, want the contact covered", st.Coverage)
	}
}

func TestWeekIndex(t *testing.T) {
	today := d("2026-11-25")
	for day, want := range map[string]int{
		"2026-11-25": 11, "2026-11-19": 11, "2026-11-18": 10, "2026-09-03": 0, "2026-09-02": -1, "2026-11-26": -1,
	} {
		if got := WeekIndex(d(day), today); got != want {
			t.Errorf("WeekIndex(%s) = %d, want %d", day, got, want)
		}
	}
}

func TestComputeStats(t *testing.T) {
	today := d("2026-11-25")
	contact := func(id int64, tier string, s Schedule, lastTalk string) Contact {
		return Contact{ID: id, Tier: tier, Schedule: s, History: History{LastTalk: date(lastTalk)}}
	}
	book := []Contact{
		contact(1, "A", active("every 30d").withDue("2026-11-25"), "2026-10-26"),          // due today, covered
		contact(2, "A", active("every 30d").withDue("2026-11-01"), "2026-10-01"),          // overdue, not covered
		contact(3, "B", active("every 90d").withDue("2026-12-01"), ""),                    // never reached, first call ahead: covered
		contact(4, "B", active("every 90d").withDue("2026-11-20").withStatus(Paused), ""), // not counted
		contact(5, "C", active("every 6m").withStatus(Archived), "2020-01-01"),            // not counted
		contact(6, "C", active("every 6m").withDue("2027-01-10"), "2026-07-10"),           // covered
	}
	st := ComputeStats(book, StreakDays{Cleared: map[Date]bool{d("2026-11-24"): true}}, 17, today, DefaultCalendar())
	if st.Contacts != 6 || st.Active != 4 || st.DueToday != 1 || st.Overdue != 1 || st.CallsLast7Days != 17 || st.StreakDays != 1 {
		t.Errorf("counts = %+v", st)
	}
	if st.Coverage != (Coverage{Active: 4, Covered: 3}) || st.Coverage.Share() != 0.75 {
		t.Errorf("Coverage = %+v", st.Coverage)
	}
	want := map[string]Coverage{"A": {2, 1}, "B": {1, 1}, "C": {1, 1}}
	for tier, c := range want {
		if st.ByTier[tier] != c {
			t.Errorf("tier %s coverage = %+v, want %+v", tier, st.ByTier[tier], c)
		}
	}
	var ids []int64
	for _, c := range st.Longest {
		ids = append(ids, c.ID)
	}
	if len(ids) != 4 || ids[0] != 3 || ids[1] != 6 || ids[2] != 2 || ids[3] != 1 {
		t.Errorf("Longest = %v, want [3 6 2 1]", ids)
	}
	if (Coverage{}).Share() != 0 {
		t.Error("empty coverage share is not 0")
	}
}
