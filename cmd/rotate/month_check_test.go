package main

import (
	"cmp"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// checkRuleDate checks the date of a reached call (or a miss from the
// fourth on): fixed weekdays exactly on the rule's next slot; interval
// rules within ±window of today+interval, on a workday outside time away,
// and on a day under the capacity unless the whole window was full.
func (m *month) checkRuleDate(name string, id int64, rule string, due time.Time, nextDue *string) {
	t := m.t
	if nextDue == nil {
		t.Errorf("%s: no next date", name)
		return
	}
	next := mustDay(*nextDue)
	if strings.HasPrefix(rule, "weekly") || strings.Contains(rule, ",") {
		m.seen["weekday reached"]++
		if want := m.normalDate(rule, due); !next.Equal(want) {
			t.Errorf("%s: next %s, want the rule's next slot %s", name, *nextDue, want.Format(time.DateOnly))
		}
		return
	}
	ideal, days := intervalAfter(rule, m.day)
	w := min(days/10, 7)
	lo, hi := ideal.AddDate(0, 0, -w), ideal.AddDate(0, 0, w)
	if next.Before(lo) || next.After(hi) || !m.free(next) {
		t.Errorf("%s: next %s, want a workday outside time away in %s..%s", name, *nextDue, lo.Format(time.DateOnly), hi.Format(time.DateOnly))
		return
	}
	m.refresh()
	m.checkRoom(name, id, next, lo, hi)
}

// checkRoom checks a leveled placement against the capacity set by hand,
// on the book as it is after it: the call's day holds no more than the
// capacity unless no workday of its window [lo, hi] had room. A call
// placed over it that way is remembered as forced.
func (m *month) checkRoom(name string, id int64, day, lo, hi time.Time) {
	counts := m.counts()
	key := day.Format(time.DateOnly)
	m.forced[id] = false
	if counts[key] <= m.capacity {
		return
	}
	m.seen["interval at capacity"]++
	for d := lo; !d.After(hi); d = d.AddDate(0, 0, 1) {
		if k := d.Format(time.DateOnly); m.free(d) && k != key && d.After(m.day) && counts[k] < m.capacity {
			m.t.Errorf("%s: placed on %s, now %d calls (capacity %d), while %s had %d", name, key, counts[key], m.capacity, k, counts[k])
			return
		}
	}
	m.forced[id] = true
}

// normalDate is the date a reached call today gives under the rule,
// before any leveling: a fixed-weekday rule's first slot strictly after
// the later of today and the due date that is a workday; an interval's
// date rolled to the next workday.
func (m *month) normalDate(rule string, due time.Time) time.Time {
	if strings.HasPrefix(rule, "weekly") || strings.Contains(rule, ",") {
		from := m.day
		if due.After(from) {
			from = due
		}
		for d := from.AddDate(0, 0, 1); ; d = d.AddDate(0, 0, 1) {
			if onWeekdays(rule, d) && m.free(d) {
				return d
			}
		}
	}
	ideal, _ := intervalAfter(rule, m.day)
	for !m.free(ideal) {
		ideal = ideal.AddDate(0, 0, 1)
	}
	return ideal
}

// checkToday checks the due list: everything due by today and nothing
// else, in priority order, and the header counts.
func (m *month) checkToday(list []todayJSON, done int) {
	t := m.t
	m.refresh()
	want := 0
	for _, c := range m.contacts {
		if c.Status == "active" && c.Due != nil && !mustDay(c.Due.(string)).After(m.day) {
			want++
		}
	}
	if len(list) != want {
		t.Errorf("%s: today lists %d calls, the book has %d due", m.day.Format(time.DateOnly), len(list), want)
	}
	for i := 1; i < len(list); i++ {
		if c := m.priority(list[i-1], list[i]); c > 0 {
			t.Errorf("%s: %s (%s, tier %s, due %s) listed before %s (%s, tier %s, due %s)", m.day.Format(time.DateOnly),
				list[i-1].Name, list[i-1].Rule, list[i-1].Tier, list[i-1].Due, list[i].Name, list[i].Rule, list[i].Tier, list[i].Due)
		}
	}
	out := m.cli("today")
	header := regexp.MustCompile(`(\d+) of (\d+) done`).FindStringSubmatch(out)
	if header == nil {
		t.Fatalf("no header in today:\n%s", out)
	}
	if header[1] != strconv.Itoa(done) || header[2] != strconv.Itoa(done+len(list)) {
		t.Errorf("%s: header %q, want %d of %d done", m.day.Format(time.DateOnly), header[0], done, done+len(list))
	}
}

// priority is DESIGN's order of the due list: overdue first, then tier,
// then the later relative to the interval, then the earlier due date.
func (m *month) priority(a, b todayJSON) int {
	ad, bd := mustDay(a.Due), mustDay(b.Due)
	ao, bo := ad.Before(m.day), bd.Before(m.day)
	if ao != bo {
		if ao {
			return -1
		}
		return 1
	}
	rank := func(t string) int { return strings.Index("ABC", t) + 1 }
	if c := cmp.Compare(rank(a.Tier), rank(b.Tier)); c != 0 {
		return c
	}
	late := func(it todayJSON) float64 { return float64(it.OverdueDays) / float64(approxDays(it.Rule)) }
	if c := cmp.Compare(late(b), late(a)); c != 0 {
		return c
	}
	return cmp.Compare(a.Due, b.Due)
}

// checkBook checks the whole schedule: every active contact has a date;
// no date from today on is a day off unless typed; fixed-weekday contacts
// sit on their weekdays (a retry or a typed date aside); no day holds more
// than the capacity of leveled calls.
func (m *month) checkBook(when string) {
	t := m.t
	leveled := map[string]int{}
	for id, c := range m.contacts {
		switch {
		case c.Status != "active":
			if c.Due != nil {
				t.Errorf("%s: %s is %s but due %v", when, c.Name, c.Status, c.Due)
			}
			continue
		case c.Due == nil:
			t.Errorf("%s: active %s has no due date", when, c.Name)
			continue
		}
		due := c.Due.(string)
		d := mustDay(due)
		if typed := m.typed[id]; typed != "" {
			if due != typed {
				t.Errorf("%s: %s due %s, but %s was typed", when, c.Name, due, typed)
			}
			continue
		}
		if d.Before(m.day) {
			continue // overdue: left from an earlier day
		}
		if !m.free(d) {
			t.Errorf("%s: %s (%s) due on a day off, %s", when, c.Name, c.Rule, d.Format("Mon 2006-01-02"))
		}
		if (strings.HasPrefix(c.Rule, "weekly") || strings.Contains(c.Rule, ",")) && c.Attempts == 0 && !onWeekdays(c.Rule, d) {
			t.Errorf("%s: %s (%s) due %s, not one of its weekdays", when, c.Name, c.Rule, d.Format("Mon 2006-01-02"))
		}
		if everyRE.MatchString(c.Rule) && c.Attempts == 0 && !m.forced[id] {
			leveled[due]++
		}
	}
	for day, n := range leveled {
		if n > m.capacity && day > m.day.Format(time.DateOnly) {
			t.Errorf("%s: %d interval calls on %s (none forced by a full window), over the capacity of %d", when, n, day, m.capacity)
		}
	}
}

// checkFirstCallAfterEdit: a contact never reached whose rule changes
// keeps its planned first call unless the new rule calls sooner; then the
// call lands within the new rule's window, never later than planned.
func (m *month) checkFirstCallAfterEdit(c listJSON, old, today time.Time) {
	ideal, days := intervalAfter(c.Rule, today)
	w := min(days/10, 7)
	got := mustDay(c.Due.(string))
	if !old.After(ideal) {
		if !got.Equal(old) {
			m.t.Errorf("%s (%s): first call moved from %s to %s though the new rule calls later", c.Name, c.Rule, old.Format(time.DateOnly), c.Due)
		}
		return
	}
	lo, hi := ideal.AddDate(0, 0, -w), ideal.AddDate(0, 0, w)
	if hi.After(old) {
		hi = old
	}
	m.checkRoom(c.Name+" (first call, new cadence)", c.ID, got, lo, hi)
	if got.Before(lo) || got.After(hi) || !m.free(got) {
		m.t.Errorf("%s (%s): first call %s, want a workday in %s..%s (planned %s)", c.Name, c.Rule, c.Due, lo.Format(time.DateOnly), hi.Format(time.DateOnly), old.Format(time.DateOnly))
	}
}

// checkRuleChange: a new cadence for a contact reached before counts
// from the last conversation, leveled within the new rule's window, never
// before today (due today when the new rule makes it overdue).
func (m *month) checkRuleChange(c listJSON, rule string) {
	if c.Rule != rule {
		m.t.Errorf("%s: rule %q, want %q", c.Name, c.Rule, rule)
		return
	}
	last := mustDay(fmt.Sprint(c.LastContacted)[:10])
	ideal, days := intervalAfter(rule, last)
	w := min(days/10, 7)
	lo, hi := ideal.AddDate(0, 0, -w), ideal.AddDate(0, 0, w)
	if lo.Before(m.day) {
		lo = m.day
	}
	if hi.Before(m.day) {
		hi = m.day
	}
	got := mustDay(c.Due)
	m.checkRoom(c.Name+" (new cadence)", c.ID, got, lo, hi)
	if got.Before(lo) || got.After(hi) || !m.free(got) {
		m.t.Errorf("%s: after the cadence became %s (last talk %s), due %v, want a workday in %s..%s", c.Name, rule, last.Format(time.DateOnly),
			c.Due, lo.Format(time.DateOnly), hi.Format(time.DateOnly))
	}
}
