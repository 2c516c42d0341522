package main

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"rotate/store"
)

// TestMonthOfMornings plays a month of a practice through the command
// line: 48 contacts imported from a Google Contacts CSV, tiers and
// cadences set after the import, then twenty workdays of logging every due
// call with a seeded mix of outcomes, a tier change, a cadence change, a
// date typed on a weekend, time away set ahead of a week off with a
// backlog left behind and a catch-up after it, and an edit from a second
// handle racing a log. After each step the schedule is checked against
// the rules of docs/DESIGN.md, worked out here from the rules themselves, not
// by asking the code under test what it would give.
func TestMonthOfMornings(t *testing.T) {
	m := &month{t: t, db: testBook(t), typed: map[int64]string{}, seen: map[string]int{}, hard: map[int64]bool{}, forced: map[int64]bool{}, rng: rand.New(rand.NewPCG(13, 2026))}
	const capacity = 3
	m.day = mustDay("2026-11-02")
	m.cli("import", filepath.Join("testdata", "month", "practice.csv"), "--tier", "B")
	m.cli("config", "capacity", strconv.Itoa(capacity))
	m.capacity = capacity
	m.refresh()
	if len(m.contacts) != 48 {
		t.Fatalf("%d contacts imported, want 48", len(m.contacts))
	}
	// The import ramps the first calls in across the first interval.
	for _, c := range m.contacts {
		d := mustDay(c.Due)
		if d.Before(m.day) || !d.Before(m.day.AddDate(0, 0, 90)) {
			t.Errorf("%s: first call %s outside the first 90 days", c.Name, c.Due)
		}
	}
	m.checkBook("after the import")

	// Tiers from the labels: VIP are tier A (every 30d, following the
	// tier), prospects tier C (every 6m). A first call stays unless the
	// new rule calls sooner, and then lands in the rule's window.
	for _, tag := range []struct{ label, tier string }{{"vip", "A"}, {"prospects", "C"}} {
		var tagged []listJSON
		m.cliJSON(&tagged, "list", "--tag", tag.label, "--json")
		if len(tagged) == 0 {
			t.Fatalf("no contact labelled %s", tag.label)
		}
		for _, c := range tagged {
			old := mustDay(m.contacts[c.ID].Due)
			m.cli("edit", idArg(c.ID), "--tier", tag.tier)
			m.refresh()
			now := m.contacts[c.ID]
			wantRule := map[string]string{"A": "every 30d", "C": "every 6m"}[tag.tier]
			if now.Tier != tag.tier || now.Rule != wantRule {
				t.Errorf("%s: tier %s rule %q after edit --tier %s, want the tier's rule %q", c.Name, now.Tier, now.Rule, tag.tier, wantRule)
			}
			m.checkFirstCallAfterEdit(now, old, m.day)
		}
	}
	// Fixed-day status calls.
	var all []listJSON
	m.cliJSON(&all, "list", "--tier", "B", "--json")
	fixed := []struct {
		id   int64
		rule string
	}{{all[0].ID, "weekly fri"}, {all[1].ID, "every mon,thu"}}
	for _, f := range fixed {
		m.cli("edit", idArg(f.id), "--every", f.rule)
	}
	m.refresh()
	for _, f := range fixed {
		c := m.contacts[f.id]
		if d := mustDay(c.Due); !onWeekdays(c.Rule, d) || d.Before(m.day) {
			t.Errorf("%s (%s): first call %s is not on one of its weekdays from today", c.Name, c.Rule, c.Due)
		}
	}
	m.checkBook("after the tiers and cadences")
	// Three interval contacts due in the first days never pick up.
	for len(m.hard) < 3 {
		c, ok := m.pick(func(c listJSON) bool {
			return !m.hard[c.ID] && everyRE.MatchString(c.Rule) && c.Due.(string) <= "2026-11-06"
		})
		if !ok {
			t.Fatal("not three contacts due in the first days")
		}
		m.hard[c.ID] = true
	}

	away := [2]time.Time{mustDay("2026-11-16"), mustDay("2026-11-20")}
	worked := 0
	for d := mustDay("2026-11-02"); worked < 20; d = d.AddDate(0, 0, 1) {
		if !m.workday(d) || (!d.Before(away[0]) && !d.After(away[1])) {
			continue
		}
		m.day = d
		worked++
		m.morning(worked, away)
	}
	// The month must have gone through every rule it checks; a change to
	// the seed or the book that skips one should fail here, not pass quietly.
	t.Logf("exercised: %v", m.seen)
	for _, what := range []string{"reached", "voicemail", "no-answer", "callback", "wrong-number", "not-a-fit",
		"miss 1", "miss 2", "miss 3", "miss 4+", "weekday reached", "interval at capacity", "typed on a day off",
		"overdue typed kept by catch-up", "catch-up move", "moved by time away", "race", "race on the date", "relative words", "paused contact edited"} {
		if m.seen[what] == 0 {
			t.Errorf("the month never exercised %q", what)
		}
	}
}

type month struct {
	t        *testing.T
	db       string
	day      time.Time
	capacity int
	away     [][2]time.Time
	contacts map[int64]listJSON
	typed    map[int64]string // contact -> a date the user typed, still planned
	rng      *rand.Rand
	loggedAt map[int64]bool
	seen     map[string]int // what the month exercised, for the final check
	hard     map[int64]bool // referrals who never pick up
	forced   map[int64]bool // placed over the capacity because its whole window was full
}

// morning is one workday: the list, each due call logged, the day's event.
func (m *month) morning(n int, away [2]time.Time) {
	t := m.t
	t.Logf("day %d: %s", n, m.day.Format("Mon 2006-01-02"))
	m.loggedAt = map[int64]bool{}
	switch m.day.Format(time.DateOnly) {
	case "2026-11-13":
		// Friday before the week off: time away set ahead moves the calls
		// planned inside it (DESIGN: "Time away set later moves the calls
		// already planned inside it"), typed dates excepted.
		m.refresh()
		before := m.snapshot()
		m.cli("config", "away", away[0].Format(time.DateOnly)+".."+away[1].Format(time.DateOnly))
		m.away = append(m.away, away)
		m.refresh()
		for id, was := range before {
			if c := m.contacts[id]; c.Due != was && m.typed[id] == "" {
				m.seen["moved by time away"]++
				from, to := mustDay(was), mustDay(c.Due)
				if !m.free(to) || !to.After(m.day) {
					t.Errorf("%s (%s): moved by time away from %s to %s, not a later workday", c.Name, c.Rule, was, c.Due)
				}
				if everyRE.MatchString(c.Rule) && c.Attempts == 0 {
					_, days := intervalAfter(c.Rule, from)
					w := min(days/10, 7)
					lo, hi := from.AddDate(0, 0, -w), from.AddDate(0, 0, w)
					if to.Before(lo) || to.After(hi) {
						// No workday of the window is free: the next workday.
						for d := lo; !d.After(hi); d = d.AddDate(0, 0, 1) {
							if m.free(d) && d.After(m.day) {
								t.Errorf("%s (%s): moved by time away from %s to %s, outside its window %s..%s", c.Name, c.Rule, was, c.Due, lo.Format(time.DateOnly), hi.Format(time.DateOnly))
								break
							}
						}
					}
					m.checkRoom(c.Name+" (moved by time away)", id, to, lo, hi)
				}
			}
			if m.typed[id] != "" && m.contacts[id].Due != was {
				t.Errorf("%s: typed date %s moved to %s by time away", m.contacts[id].Name, was, m.contacts[id].Due)
			}
		}
		m.checkBook("after setting time away")
	case "2026-11-23":
		m.catchUp()
	case "2026-11-25":
		m.editRacingLog()
	case "2026-11-06":
		// A client reached on a 90-day rotation becomes tier A: it follows
		// the tier, so its next call is 30 days after the last talk.
		m.refresh()
		c, ok := m.pick(func(c listJSON) bool {
			return c.Tier == "B" && c.Rule == "every 90d" && c.Attempts == 0 && m.typed[c.ID] == ""
		})
		if !ok {
			t.Fatal("no tier-B contact to move to tier A")
		}
		if c.LastContacted == nil {
			m.refresh()
			// Not due yet, but they called in: a conversation resets the
			// cadence whether or not the person was due.
			var got struct {
				NextDue string `json:"next_due"`
			}
			m.cliJSON(&got, "log", idArg(c.ID), "--outcome", "reached", "--note", "called in", "--json")
			m.loggedAt[c.ID] = true
			m.checkRuleDate(c.Name+" (called in)", c.ID, c.Rule, mustDay(c.Due), &got.NextDue)
		}
		m.cli("edit", idArg(c.ID), "--tier", "A")
		m.refresh()
		m.checkRuleChange(m.contacts[c.ID], "every 30d")
	case "2026-11-10":
		// A tier-A client gets a cadence of its own, every two weeks.
		m.refresh()
		c, ok := m.pick(func(c listJSON) bool {
			return c.Tier == "A" && c.Rule == "every 30d" && c.LastContacted != nil && c.Attempts == 0 && m.typed[c.ID] == ""
		})
		if !ok {
			t.Fatal("no reached tier-A contact for a new cadence")
		}
		m.cli("edit", idArg(c.ID), "--every", "every 2w")
		m.refresh()
		m.checkRuleChange(m.contacts[c.ID], "every 2w")
	case "2026-11-30":
		// Tier C's cadence changes: every contact following the tier takes
		// it, and their dates follow the rule for a new cadence.
		m.refresh()
		before := map[int64]listJSON{}
		for id, c := range m.contacts {
			if c.Tier == "C" && c.Status == "active" {
				before[id] = c
			}
		}
		m.cli("config", "tier.C", "every 4m")
		m.refresh()
		for id, was := range before {
			c := m.contacts[id]
			switch {
			case m.typed[id] != "" || was.Attempts > 0:
				if c.Due != was.Due {
					t.Errorf("%s: a retry or typed date %v moved to %v by a new tier cadence", c.Name, was.Due, c.Due)
				}
			case was.LastContacted == nil:
				if c.Rule != "every 4m" {
					t.Errorf("%s: rule %q after tier.C changed, want every 4m", c.Name, c.Rule)
				}
				m.checkFirstCallAfterEdit(c, mustDay(was.Due), m.day)
			default:
				m.checkRuleChange(c, "every 4m")
			}
		}
	case "2026-12-01":
		// A paused contact (wrong number) gets a new number: active again,
		// with a date.
		m.refresh()
		for _, c := range m.contacts {
			if c.Status != "paused" {
				continue
			}
			m.seen["paused contact edited"]++
			m.cli("edit", idArg(c.ID), "--phone", "+1 555 0999")
			m.refresh()
			if c := m.contacts[c.ID]; c.Status != "active" || c.Due == nil || c.Attempts != 0 {
				t.Errorf("%s: status %s due %v attempts %d after the number was edited, want active with a date", c.Name, c.Status, c.Due, c.Attempts)
			}
			break
		}
	}

	var list []todayJSON
	m.cliJSON(&list, "today", "--json")
	m.checkToday(list, len(m.loggedAt))

	for i, it := range list {
		if m.day.Format(time.DateOnly) == "2026-11-13" && i >= 2 {
			break // the rest is left for after the week off
		}
		m.logOne(it, n)
	}
	var rest []todayJSON
	m.cliJSON(&rest, "today", "--json")
	m.checkToday(rest, len(m.loggedAt))
	m.refresh()
	m.checkBook("end of " + m.day.Format("Mon 2 Jan"))
}

// logOne logs one due call with an outcome from the seeded mix, and checks
// the date it gives against docs/DESIGN.md's "Outcome -> next date".
func (m *month) logOne(it todayJSON, n int) {
	t := m.t
	before := m.contacts[it.ID]
	due := mustDay(it.Due)
	outcome, next := "reached", ""
	r := m.rng.IntN(100)
	if m.hard[it.ID] {
		r = 55 + r%24 // a referral who never picks up: always a miss
	}
	switch {
	case m.day.Format(time.DateOnly) == "2026-11-05" && len(m.loggedAt) == 0:
		r = 93 // wrong number
	case m.day.Format(time.DateOnly) == "2026-11-09" && len(m.loggedAt) == 0:
		r = 99 // no longer a fit
	}
	switch {
	case r < 55:
	case r < 67:
		outcome = "voicemail"
	case r < 79:
		outcome = "no-answer"
	case r < 91:
		outcome = "callback"
		next = m.day.AddDate(0, 0, 1+m.rng.IntN(9)).Format(time.DateOnly)
	case r < 96:
		outcome = "wrong-number"
	default:
		outcome = "not-a-fit"
	}
	if m.day.Format(time.DateOnly) == "2026-11-12" && len(m.loggedAt) == 0 {
		// Reached, and the client asked for a call on Saturday: kept as typed.
		outcome, next = "reached", "2026-11-14"
	}
	want := next // the date the log must give for a date typed
	if m.day.Format(time.DateOnly) == "2026-12-02" && len(m.loggedAt) == 0 {
		// Relative words are counted, then land on the next workday:
		// ten days from Wednesday is a Saturday, so Monday.
		outcome, next, want = "callback", "in 10 days", "2026-12-14"
		m.seen["relative words"]++
	}
	args := []string{"log", idArg(it.ID), "--outcome", outcome, "--note", fmt.Sprintf("day %d: %s", n, outcome), "--json"}
	if next != "" {
		args = append(args, "--next", next)
	}
	var got struct {
		NextDue     *string `json:"next_due"`
		Attempts    int     `json:"attempts"`
		Status      string  `json:"status"`
		Unreachable bool    `json:"unreachable"`
	}
	m.cliJSON(&got, args...)
	m.loggedAt[it.ID] = true
	m.seen[outcome]++
	if next == want && next != "" && !m.free(mustDay(next)) {
		m.seen["typed on a day off"]++
	}
	name := fmt.Sprintf("%s (%s, %s, attempts %d, due %s)", it.Name, it.Rule, outcome, before.Attempts, it.Due)
	delete(m.typed, it.ID)
	switch {
	case next != "":
		if got.NextDue == nil || *got.NextDue != want {
			t.Errorf("%s: next %v, want %s for %q typed", name, deref(got.NextDue), want, next)
		}
		wantAttempts := before.Attempts
		if outcome == "reached" {
			wantAttempts = 0
		}
		if got.Attempts != wantAttempts {
			t.Errorf("%s: attempts %d, want %d", name, got.Attempts, wantAttempts)
		}
		m.typed[it.ID] = want
	case outcome == "wrong-number" || outcome == "not-a-fit":
		want := map[string]string{"wrong-number": "paused", "not-a-fit": "archived"}[outcome]
		if got.NextDue != nil || got.Status != want {
			t.Errorf("%s: next %v status %s, want none and %s", name, deref(got.NextDue), got.Status, want)
		}
	case outcome == "reached":
		if got.Attempts != 0 || got.Unreachable {
			t.Errorf("%s: attempts %d unreachable %v after a reached call", name, got.Attempts, got.Unreachable)
		}
		m.checkRuleDate(name, it.ID, it.Rule, due, got.NextDue)
	default: // a miss
		k := before.Attempts + 1
		m.seen[[]string{"", "miss 1", "miss 2", "miss 3"}[min(k, 3)]]++
		if k > 3 {
			m.seen["miss 4+"]++
		}
		if got.Attempts != k || got.Unreachable != (k >= 3) {
			t.Errorf("%s: attempts %d unreachable %v, want %d and %v", name, got.Attempts, got.Unreachable, k, k >= 3)
		}
		if k > 3 {
			m.checkRuleDate(name, it.ID, it.Rule, due, got.NextDue)
			break
		}
		want := m.addWorkdays(m.day, []int{1, 2, 4}[k-1])
		if normal := m.normalDate(it.Rule, due); normal.Before(want) {
			want = normal
		}
		if got.NextDue == nil || *got.NextDue != want.Format(time.DateOnly) {
			t.Errorf("%s: retry on %v, want %s", name, deref(got.NextDue), want.Format(time.DateOnly))
		}
	}
	m.refresh()
}

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

// catchUp runs rotate catchup on the first morning back: the backlog
// keeps its most urgent calls today, the rest spread on workdays after
// it, none over the capacity set by hand; typed dates stay.
func (m *month) catchUp() {
	t := m.t
	var backlog []todayJSON
	m.cliJSON(&backlog, "today", "--json")
	before := m.snapshot()
	var plan struct {
		Limit int `json:"limit"`
		Moves []struct {
			ID   int64  `json:"id"`
			From string `json:"from"`
			To   string `json:"to"`
		} `json:"moves"`
	}
	m.cliJSON(&plan, "catchup", "--json")
	if plan.Limit > m.capacity {
		t.Errorf("catch-up limit %d above the capacity of %d set by hand", plan.Limit, m.capacity)
	}
	if len(plan.Moves) == 0 {
		t.Errorf("catch-up moved nothing of a backlog of %d", len(backlog))
	}
	m.refresh()
	moved := map[int64]bool{}
	for _, mv := range plan.Moves {
		m.seen["catch-up move"]++
		moved[mv.ID] = true
		c := m.contacts[mv.ID]
		if m.typed[mv.ID] != "" {
			t.Errorf("catch-up moved %s from the date typed %s to %s", c.Name, m.typed[mv.ID], mv.To)
		}
		if c.Due != mv.To || before[mv.ID] != mv.From {
			t.Errorf("catch-up said %s moves %s -> %s, the book has %s -> %v", c.Name, mv.From, mv.To, before[mv.ID], c.Due)
		}
		if d := mustDay(mv.To); !d.After(m.day) || !m.free(d) {
			t.Errorf("catch-up moved %s to %s, not a later workday", c.Name, mv.To)
		}
	}
	for id, was := range before {
		if m.typed[id] != "" && was < m.day.Format(time.DateOnly) {
			m.seen["overdue typed kept by catch-up"]++
		}
		if !moved[id] && m.contacts[id].Due != was {
			t.Errorf("catch-up moved %s from %s to %v without saying so", m.contacts[id].Name, was, m.contacts[id].Due)
		}
	}
	counts := m.counts()
	for _, mv := range plan.Moves {
		if counts[mv.To] > m.capacity {
			t.Errorf("catch-up put %s on %s, which now holds %d calls (capacity %d)", m.contacts[mv.ID].Name, mv.To, counts[mv.To], m.capacity)
		}
	}
	// The most urgent calls stay today: nothing moved is more urgent than
	// a call kept on an interval rule.
	for _, kept := range backlog {
		if moved[kept.ID] || m.typed[kept.ID] != "" || !strings.HasPrefix(kept.Rule, "every") || strings.Contains(kept.Rule, ",") {
			continue
		}
		for _, gone := range backlog {
			if moved[gone.ID] && m.priority(gone, kept) < 0 {
				t.Errorf("catch-up moved %s (tier %s, due %s) and kept %s (tier %s, due %s)", gone.Name, gone.Tier, gone.Due, kept.Name, kept.Tier, kept.Due)
			}
		}
	}
	m.checkBook("after catch-up")
}

// editRacingLog: a handle reads a due contact (an edit form opens), the
// call is logged from the command line, then the form saves a change of
// company from what it read. The log's date must stay.
func (m *month) editRacingLog() {
	t := m.t
	var list []todayJSON
	m.cliJSON(&list, "today", "--json")
	if len(list) == 0 {
		t.Fatal("nothing due for the racing edit")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, m.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id := list[0].ID
	was, err := st.Contact(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		NextDue string `json:"next_due"`
	}
	m.cliJSON(&got, "log", idArg(id), "--outcome", "reached", "--note", "reached while a form was open", "--json")
	delete(m.typed, id)
	m.loggedAt[id] = true
	edited := was
	edited.Company = "Renamed while logging"
	err = raceEdit(ctx, st, was, edited)
	m.seen["race"]++
	t.Logf("the edit racing a log of %s: %v", was.Name, err)
	if err != nil && !errors.Is(err, store.ErrConflict) {
		t.Errorf("the edit racing a log failed with %v, want a conflict or a merge", err)
	}
	m.refresh()
	c := m.contacts[id]
	if c.Due != got.NextDue {
		t.Errorf("an edit from before the log (err %v) left %s due %v, the log set %s", err, c.Name, c.Due, got.NextDue)
	}
	if err == nil && c.Company != edited.Company {
		t.Errorf("the edit was accepted but the company is %q", c.Company)
	}

	// The same race where the form also moved the date: both wrote the
	// next call, so the form's save is refused and the log's date stays.
	if len(list) < 2 {
		t.Fatal("nothing left due for the second racing edit")
	}
	id = list[1].ID
	if was, err = st.Contact(ctx, id); err != nil {
		t.Fatal(err)
	}
	m.cliJSON(&got, "log", idArg(id), "--outcome", "reached", "--note", "reached while a form moved the date", "--json")
	delete(m.typed, id)
	m.loggedAt[id] = true
	edited = was
	edited.Due = edited.Due.AddDays(2)
	err = raceEdit(ctx, st, was, edited)
	m.seen["race on the date"]++
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("an edit of the date from before a log was not refused as a conflict: %v", err)
	}
	m.refresh()
	if c := m.contacts[id]; c.Due != got.NextDue {
		t.Errorf("after a refused edit %s is due %v, the log set %s", c.Name, c.Due, got.NextDue)
	}
}

// pick is the contact of lowest id that ok accepts.
func (m *month) pick(ok func(listJSON) bool) (listJSON, bool) {
	var best listJSON
	found := false
	for _, c := range m.contacts {
		if c.Status == "active" && ok(c) && (!found || c.ID < best.ID) {
			best, found = c, true
		}
	}
	return best, found
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

// counts is the number of active calls planned on each day.
func (m *month) counts() map[string]int {
	out := map[string]int{}
	for _, c := range m.contacts {
		if c.Status == "active" && c.Due != nil {
			out[c.Due.(string)]++
		}
	}
	return out
}

func (m *month) snapshot() map[int64]string {
	out := map[int64]string{}
	for id, c := range m.contacts {
		if c.Status == "active" && c.Due != nil {
			out[id] = c.Due.(string)
		}
	}
	return out
}

func (m *month) refresh() {
	var all []listJSON
	m.cliJSON(&all, "list", "--all", "--json")
	m.contacts = map[int64]listJSON{}
	for _, c := range all {
		m.contacts[c.ID] = c
	}
}

func (m *month) cli(args ...string) string {
	m.t.Helper()
	var stdout, stderr bytes.Buffer
	env := []string{"ROTATE_DB=" + m.db, "ROTATE_TODAY=" + m.day.Format(time.DateOnly), "NO_COLOR=1", "TZ=UTC"}
	if code := run(args, nil, &stdout, &stderr, env); code != 0 {
		m.t.Fatalf("%s: rotate %s: exit %d: %s", m.day.Format(time.DateOnly), strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

func (m *month) cliJSON(v any, args ...string) {
	m.t.Helper()
	out := m.cli(args...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		m.t.Fatalf("rotate %s: %v: %s", strings.Join(args, " "), err, out)
	}
}

// workday: Monday to Friday, the default.
func (m *month) workday(d time.Time) bool {
	return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
}

// free: a workday outside time away.
func (m *month) free(d time.Time) bool {
	if !m.workday(d) {
		return false
	}
	for _, r := range m.away {
		if !d.Before(r[0]) && !d.After(r[1]) {
			return false
		}
	}
	return true
}

func (m *month) addWorkdays(d time.Time, n int) time.Time {
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if m.free(d) {
			n--
		}
	}
	return d
}

var everyRE = regexp.MustCompile(`^every (\d+)([dwm])$`)

// intervalAfter is from + the interval of an interval rule (months are
// calendar months) and the interval's length in days.
func intervalAfter(rule string, from time.Time) (time.Time, int) {
	g := everyRE.FindStringSubmatch(rule)
	if g == nil {
		panic("not an interval rule: " + rule)
	}
	n, _ := strconv.Atoi(g[1])
	switch g[2] {
	case "d":
		return from.AddDate(0, 0, n), n
	case "w":
		return from.AddDate(0, 0, 7*n), 7 * n
	}
	to := from.AddDate(0, n, 0)
	return to, int(to.Sub(from).Hours() / 24)
}

func approxDays(rule string) int {
	if everyRE.MatchString(rule) {
		g := everyRE.FindStringSubmatch(rule)
		n, _ := strconv.Atoi(g[1])
		return n * map[string]int{"d": 1, "w": 7, "m": 30}[g[2]]
	}
	days := strings.Split(strings.TrimPrefix(strings.TrimPrefix(rule, "weekly "), "every "), ",")
	return max(1, 7/len(days))
}

func onWeekdays(rule string, d time.Time) bool {
	days := strings.TrimPrefix(strings.TrimPrefix(rule, "weekly "), "every ")
	return strings.Contains(days, strings.ToLower(d.Weekday().String()[:3]))
}

func mustDay(v any) time.Time {
	d, err := time.Parse(time.DateOnly, fmt.Sprint(v))
	if err != nil {
		panic(err)
	}
	return d
}

func idArg(id int64) string { return strconv.FormatInt(id, 10) }

func deref(s *string) string {
	if s == nil {
		return "none"
	}
	return *s
}
