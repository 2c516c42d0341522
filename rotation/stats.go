package rotation

import (
	"cmp"
	"slices"
)

// Window is the leveling tolerance of an interval of days: plus or minus
// 10%, rounded down, capped at 7 days (90d: 7, 30d: 3, 14d: 1, 7d: 0).
func Window(intervalDays int) int {
	return min(intervalDays/10, 7)
}

// Covered reports whether a contact was reached within its cadence on
// today: its last conversation is no older than its interval plus the
// window.
func Covered(c Contact, today Date) bool {
	if c.LastTalk.IsZero() {
		return false
	}
	days := c.ActiveRule(today).ApproxDays(c.Step)
	return c.LastTalk.DaysUntil(today) <= days+Window(days)
}

// Coverage is the share of active contacts reached within their cadence.
type Coverage struct {
	Active  int
	Covered int
}

// Share is Covered/Active, or 0 for no active contacts.
func (c Coverage) Share() float64 {
	if c.Active == 0 {
		return 0
	}
	return float64(c.Covered) / float64(c.Active)
}

// Stats is the consistency dashboard: how well the rotation is kept.
type Stats struct {
	Contacts       int
	Active         int
	DueToday       int // due today exactly
	Overdue        int // due before today
	Coverage       Coverage
	ByTier         map[string]Coverage
	StreakDays     int // consecutive workdays on which the due list was cleared
	CallsLast7Days int

	// Weekly is the number of calls in each of the last StatsWeeks weeks,
	// oldest first; the last entry is the week ending today.
	Weekly []int
	// Outcomes counts the outcomes of the calls in those weeks.
	Outcomes map[Outcome]int
	// Longest are the active contacts longest without a conversation,
	// never-reached ones first.
	Longest []Contact
}

// StatsWeeks is how many weeks of calls the dashboard shows.
const StatsWeeks = 12

// LongestShown is how many of the contacts longest without a
// conversation the dashboard lists.
const LongestShown = 5

// WeekIndex is the index into Stats.Weekly of a call on day, or -1 when it
// falls outside the last StatsWeeks weeks ending on today.
func WeekIndex(day, today Date) int {
	ago := day.DaysUntil(today)
	if ago < 0 || ago >= 7*StatsWeeks {
		return -1
	}
	return StatsWeeks - 1 - ago/7
}

// ComputeStats derives the dashboard from the contacts, the days on which
// the due list was cleared and the number of calls of the last 7 days.
func ComputeStats(contacts []Contact, cleared map[Date]bool, callsLast7 int, today Date, cal Calendar) Stats {
	st := Stats{Contacts: len(contacts), ByTier: map[string]Coverage{}, CallsLast7Days: callsLast7}
	for _, c := range contacts {
		if c.Status != Active {
			continue
		}
		st.Active++
		switch {
		case c.Due.IsZero():
		case c.Due < today:
			st.Overdue++
		case c.Due == today:
			st.DueToday++
		}
		tc := st.ByTier[c.Tier]
		tc.Active++
		if Covered(c, today) {
			tc.Covered++
			st.Coverage.Covered++
		}
		st.ByTier[c.Tier] = tc
	}
	st.Coverage.Active = st.Active
	st.StreakDays = Streak(cleared, today, cal)
	st.Longest = longestWithout(contacts)
	return st
}

// longestWithout picks the active contacts whose last conversation is the
// oldest; those never reached come first, oldest added first.
func longestWithout(contacts []Contact) []Contact {
	var active []Contact
	for _, c := range contacts {
		if c.Status == Active {
			active = append(active, c)
		}
	}
	slices.SortStableFunc(active, func(a, b Contact) int {
		if c := cmp.Compare(a.LastTalk, b.LastTalk); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return active[:min(len(active), LongestShown)]
}

// Streak counts the consecutive workdays, back from today, on which the
// due list was cleared. Today counts once cleared; until then the streak
// runs up to the workday before, so a morning's open list breaks nothing.
func Streak(cleared map[Date]bool, today Date, cal Calendar) int {
	d := today
	if !cleared[d] || !cal.IsWorkday(d) {
		d = prevWorkday(today, cal)
	}
	n := 0
	for i := 0; i < maxSearch*3 && !d.IsZero(); i++ {
		if !cleared[d] {
			break
		}
		n++
		d = prevWorkday(d, cal)
	}
	return n
}

func prevWorkday(d Date, cal Calendar) Date {
	for i := 1; i <= maxSearch; i++ {
		if cal.IsWorkday(d - Date(i)) {
			return d - Date(i)
		}
	}
	return 0
}
