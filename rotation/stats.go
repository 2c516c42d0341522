package rotation

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// Window is the leveling tolerance of an interval of days: plus or minus
// 10%, rounded down, capped at 7 days (90d: 7, 30d: 3, 14d: 1, 7d: 0).
func Window(intervalDays int) int {
	return min(intervalDays/10, 7)
}

// Covered reports whether a contact's rotation is kept on today: only a
// call that is actually late leaves a contact uncovered. That is a due
// date before today, or a last conversation whose next call under the
// rule — its interval plus the window, or the rule's next slot for fixed
// weekdays and daily calls — has passed. A contact due today, or never
// reached whose first call is still ahead, is covered; one never reached
// and flagged unreachable (Schedule.Unreachable) is not.
func Covered(c Contact, today Date, cal Calendar) bool {
	if !c.Due.IsZero() && c.Due < today {
		return false
	}
	if c.LastTalk.IsZero() {
		return !c.Unreachable()
	}
	rule := c.ActiveRule(today)
	switch rule.Kind {
	case Weekdays, Daily:
		s := c.Schedule
		s.Due = c.LastTalk
		next, _ := ruleDate(rule, s, c.LastTalk, cal)
		return today <= next
	}
	days := rule.ApproxDays(c.Step)
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
	NeverReached   int // active contacts never reached yet (covered while not late)
	StreakDays     int // consecutive workdays on which the due list was cleared
	CallsLast7Days int

	// Weekly is the number of calls in each of the last StatsWeeks weeks,
	// oldest first; the last entry is the week ending today.
	Weekly []int
	// Outcomes counts the outcomes of the calls in those weeks.
	Outcomes map[Outcome]int
	// Conversations counts the reached touches of those weeks per
	// channel (KindCall, KindEmail, ...); Inbound the touches of those
	// weeks they started (they called or wrote).
	Conversations map[CallKind]int
	Inbound       int
	// Longest are the active contacts longest without a conversation,
	// never-reached ones first.
	Longest []Contact
}

// PersonStats is one member's figures on a team book: the calls they
// logged in the last seven days, the coverage of the contacts whose calls
// are theirs, and their streak.
type PersonStats struct {
	Role, Kind     string
	CallsLast7Days int
	Coverage       Coverage
	StreakDays     int
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
// the due list was cleared, the workdays on which a call was left late
// (see Streak) and the number of calls of the last 7 days.
func ComputeStats(contacts []Contact, days StreakDays, callsLast7 int, today Date, cal Calendar) Stats {
	cleared, late, since := days.Cleared, days.Late, days.Since
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
		if c.LastTalk.IsZero() {
			st.NeverReached++
		}
		tc := st.ByTier[c.Tier]
		tc.Active++
		if Covered(c, today, cal) {
			tc.Covered++
			st.Coverage.Covered++
		}
		st.ByTier[c.Tier] = tc
	}
	st.Coverage.Active = st.Active
	if st.Overdue+st.DueToday == 0 && cal.IsWorkday(today) && !since.IsZero() && since <= today {
		cleared = maps.Clone(cleared)
		if cleared == nil {
			cleared = map[Date]bool{}
		}
		cleared[today] = true // nothing left to call today
	}
	st.StreakDays = Streak(cleared, late, since, today, cal)
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

// StreakDays is what the streak is counted from: the days on which the
// due list was cleared, the workdays on which a call was left late, and
// the first day of the book (its first contact or call).
type StreakDays struct {
	Cleared map[Date]bool
	Late    map[Date]bool
	Since   Date
}

// Streak counts the consecutive workdays, back from today, on which the
// due list was cleared: a day in cleared, or a workday from since on
// (the day the book began) on which no call was left late — a day with
// nothing due is cleared too. Today counts once cleared; until then the
// streak runs up to the workday before, so a morning's open list breaks
// nothing.
func Streak(cleared, late map[Date]bool, since, today Date, cal Calendar) int {
	ok := func(d Date) bool { return cleared[d] || !late[d] && !since.IsZero() && d >= since && d < today }
	d := today
	if !cleared[d] || !cal.IsWorkday(d) {
		d = prevWorkday(today, cal)
	}
	n := 0
	for i := 0; i < maxSearch*3 && !d.IsZero(); i++ {
		if !ok(d) {
			break
		}
		n++
		d = prevWorkday(d, cal)
	}
	return n
}

// LateDays adds to late the workdays of [from, to) — a call due on from
// and made on to (or still open on to, today) — on which it was late.
func LateDays(late map[Date]bool, from, to Date, cal Calendar) {
	if from.IsZero() {
		return
	}
	from = max(from, to.AddDays(-4000))
	for d := from; d < to; d++ {
		if cal.IsWorkday(d) {
			late[d] = true
		}
	}
}

func prevWorkday(d Date, cal Calendar) Date {
	for i := 1; i <= maxSearch; i++ {
		if cal.IsWorkday(d - Date(i)) {
			return d - Date(i)
		}
	}
	return 0
}

// TalksWords says the conversations of the weeks shown per channel, in
// the order of Channels, and the touches they started: "12 by call, 3 by
// e-mail, 1 in person · 2 touches they started".
func (st Stats) TalksWords() string {
	var parts []string
	for _, via := range Channels {
		if n := st.Conversations[via]; n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, channelPhrase[via]))
		}
	}
	if len(parts) == 0 {
		return "none in the last " + Plural(StatsWeeks, "week")
	}
	w := strings.Join(parts, ", ")
	if st.Inbound > 0 {
		w += " · " + Plural(st.Inbound, "touch") + " they started"
	}
	return w
}

var channelPhrase = map[CallKind]string{KindCall: "by call", KindEmail: "by e-mail", KindText: "by text",
	KindMeeting: "in person", KindLetter: "by letter"}
