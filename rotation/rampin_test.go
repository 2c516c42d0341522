package rotation

import (
	"testing"
	"time"
)

// loads is a booked-calls table; days not listed are free.
func loads(days map[string]int) Load {
	return func(day Date) int { return days[day.String()] }
}

// everyDay books n calls on every day of [from, to) except those listed.
func everyDay(n int, from, to string, except map[string]int) Load {
	return func(day Date) int {
		if v, ok := except[day.String()]; ok {
			return v
		}
		if day >= d(from) && day < d(to) {
			return n
		}
		return 0
	}
}

func TestRampIn(t *testing.T) {
	const wed = "2026-11-25"
	tests := []struct {
		name  string
		rule  string
		today string
		cal   Calendar
		load  Load
		want  string
	}{
		{"nothing booked: ties go to the earliest, today", "every 2w", wed, DefaultCalendar(), loads(nil), "2026-11-25"},
		{"the least-booked workday wins", "every 2w", wed, DefaultCalendar(),
			everyDay(5, "2026-11-25", "2026-12-09", map[string]int{"2026-12-03": 2, "2026-12-08": 2}), "2026-12-03"},
		{"a free weekend is never picked", "every 2w", wed, DefaultCalendar(),
			everyDay(4, "2026-11-25", "2026-12-09", map[string]int{"2026-11-28": 0, "2026-11-29": 0}), "2026-11-25"},
		{"the window ends before today + interval", "every 1w", wed, DefaultCalendar(),
			everyDay(3, "2026-11-25", "2026-12-02", map[string]int{"2026-12-02": 0}), "2026-11-25"},
		{"the last day of the window can win", "every 1w", wed, DefaultCalendar(),
			everyDay(3, "2026-11-25", "2026-12-02", map[string]int{"2026-12-01": 1}), "2026-12-01"},
		{"calendar months: the window runs to feb 28", "every 3m", "2026-11-30", DefaultCalendar(),
			everyDay(1, "2026-11-30", "2027-03-08", map[string]int{"2027-02-26": 0, "2027-03-01": 0}), "2027-02-26"},
		{"a vacation is skipped", "every 2w", wed, calendar(t, "mon-fri", "2026-11-25..2026-12-04"), loads(nil), "2026-12-07"},
		{"a window all away starts after the vacation", "every 1w", wed, calendar(t, "mon-fri", "2026-11-25..2026-12-04"), loads(nil), "2026-12-07"},
		{"saturday counts under tue-sat", "every 1w", wed, calendar(t, "tue-sat"),
			everyDay(1, "2026-11-25", "2026-12-02", map[string]int{"2026-11-28": 0}), "2026-11-28"},
		{"a saturday start with nothing booked: monday", "every 2w", "2026-11-28", DefaultCalendar(), loads(nil), "2026-11-30"},
		{"a long first taper step spreads too", "taper 2w 1m", wed, DefaultCalendar(),
			everyDay(2, "2026-11-25", "2026-12-09", map[string]int{"2026-12-08": 0}), "2026-12-08"},

		// Rules with fixed slots start at their first slot, whatever the load.
		{"weekly fri starts at its slot", "weekly fri", wed, DefaultCalendar(),
			loads(map[string]int{"2026-11-27": 50}), "2026-11-27"},
		{"weekly wed starts today", "weekly wed", wed, DefaultCalendar(),
			loads(map[string]int{"2026-11-25": 50}), "2026-11-25"},
		{"mon,thu starts thursday", "every mon,thu", wed, DefaultCalendar(), loads(nil), "2026-11-26"},
		{"daily starts on the next workday", "daily", "2026-11-28", DefaultCalendar(),
			loads(map[string]int{"2026-11-30": 50}), "2026-11-30"},
		{"a taper starts today", "taper 1d 1d 3d 7d", wed, DefaultCalendar(),
			loads(map[string]int{"2026-11-25": 50}), "2026-11-25"},
		{"a taper of short steps is not moved", "taper 3d 7d", wed, DefaultCalendar(),
			loads(map[string]int{"2026-11-25": 50}), "2026-11-25"},
		{"every 1d has nowhere to spread", "every 1d", wed, DefaultCalendar(),
			loads(map[string]int{"2026-11-25": 50}), "2026-11-25"},
		{"without a load: the first due date", "every 90d", "2026-11-28", DefaultCalendar(), nil, "2026-11-30"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := RampIn(MustRule(tt.rule), d(tt.today), tt.cal, tt.load)
			if got != d(tt.want) {
				t.Errorf("RampIn(%s, %s) = %s (%s), want %s", tt.rule, tt.today, got, got.Weekday(), tt.want)
			}
		})
	}
}

func TestRampInSpreadsABatch(t *testing.T) {
	// An import of 30 contacts on every 2w, added on Wed 25 Nov, spreads
	// over the ten workdays before Wed 9 Dec: three a day, never a weekend.
	today, cal := d("2026-11-25"), DefaultCalendar()
	booked := map[Date]int{}
	load := func(day Date) int { return booked[day] }
	for range 30 {
		booked[RampIn(MustRule("every 2w"), today, cal, load)]++
	}
	want := []string{"2026-11-25", "2026-11-26", "2026-11-27", "2026-11-30", "2026-12-01",
		"2026-12-02", "2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08"}
	if len(booked) != len(want) {
		t.Errorf("the batch landed on %d days, want %d: %v", len(booked), len(want), booked)
	}
	for _, day := range want {
		if booked[d(day)] != 3 {
			t.Errorf("%s has %d calls, want 3", day, booked[d(day)])
		}
	}
	for day := range booked {
		if wd := day.Weekday(); wd == time.Saturday || wd == time.Sunday {
			t.Errorf("a call was ramped onto %s, a %s", day, wd)
		}
	}
}

func TestRampInFillsTheQuietDaysFirst(t *testing.T) {
	// Monday and Tuesday already hold four calls and the rest of the week
	// none: six new every-1w contacts fill Wed, Thu, Fri twice over before
	// touching the busy days.
	today, cal := d("2026-11-23"), DefaultCalendar() // a Monday
	booked := map[Date]int{d("2026-11-23"): 4, d("2026-11-24"): 4}
	load := func(day Date) int { return booked[day] }
	var got []string
	for range 6 {
		day := RampIn(MustRule("every 1w"), today, cal, load)
		booked[day]++
		got = append(got, day.String())
	}
	want := []string{"2026-11-25", "2026-11-26", "2026-11-27", "2026-11-25", "2026-11-26", "2026-11-27"}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("ramped in on %v, want %v", got, want)
		}
	}
}
