package main

import (
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"testing"
	"time"
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

	m.tiersFromLabels()
	m.fixedDayCalls()
	m.chooseHard()

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
	m.checkExercised()
}

// tiersFromLabels sets tiers from the labels: VIP are tier A (every 30d, following the
// tier), prospects tier C (every 6m). A first call stays unless the
// new rule calls sooner, and then lands in the rule's window.
func (m *month) tiersFromLabels() {
	t := m.t
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
}

// fixedDayCalls gives two contacts fixed-day status calls.
func (m *month) fixedDayCalls() {
	t := m.t
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
}

// chooseHard picks three interval contacts due in the first days who
// never pick up.
func (m *month) chooseHard() {
	t := m.t
	for len(m.hard) < 3 {
		c, ok := m.pick(func(c listJSON) bool {
			return !m.hard[c.ID] && everyRE.MatchString(c.Rule) && c.Due.(string) <= "2026-11-06"
		})
		if !ok {
			t.Fatal("not three contacts due in the first days")
		}
		m.hard[c.ID] = true
	}
}

// checkExercised: the month must have gone through every rule it checks; a change to
// the seed or the book that skips one should fail here, not pass quietly.
func (m *month) checkExercised() {
	t := m.t
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
	m.dayEvent(away)

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

// dayEvent is what happens on some days of the month besides the calls.
func (m *month) dayEvent(away [2]time.Time) {
	switch m.day.Format(time.DateOnly) {
	case "2026-11-13":
		m.setTimeAway(away)
	case "2026-11-23":
		m.catchUp()
	case "2026-11-25":
		m.editRacingLog()
	case "2026-11-06":
		m.moveToTierA()
	case "2026-11-10":
		m.giveOwnCadence()
	case "2026-11-30":
		m.changeTierCCadence()
	case "2026-12-01":
		m.editPausedContact()
	}
}

// setTimeAway is the Friday before the week off: time away set ahead
// moves the calls planned inside it (DESIGN: "Time away set later moves
// the calls already planned inside it"), typed dates excepted.
func (m *month) setTimeAway(away [2]time.Time) {
	t := m.t
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
}

// moveToTierA: a client reached on a 90-day rotation becomes tier A: it
// follows the tier, so its next call is 30 days after the last talk.
func (m *month) moveToTierA() {
	t := m.t
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
}

// giveOwnCadence: a tier-A client gets a cadence of its own, every two
// weeks.
func (m *month) giveOwnCadence() {
	t := m.t
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
}

// changeTierCCadence: tier C's cadence changes: every contact following
// the tier takes it, and their dates follow the rule for a new cadence.
func (m *month) changeTierCCadence() {
	t := m.t
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
}

// editPausedContact: a paused contact (wrong number) gets a new number:
// active again, with a date.
func (m *month) editPausedContact() {
	t := m.t
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

// loggedJSON is what rotate log --json says of the contact after a call.
type loggedJSON struct {
	NextDue     *string `json:"next_due"`
	Attempts    int     `json:"attempts"`
	Status      string  `json:"status"`
	Unreachable bool    `json:"unreachable"`
}

// logOne logs one due call with an outcome from the seeded mix, and checks
// the date it gives against docs/DESIGN.md's "Outcome -> next date".
func (m *month) logOne(it todayJSON, n int) {
	before := m.contacts[it.ID]
	outcome, next, want := m.chooseOutcome(it.ID)
	args := []string{"log", idArg(it.ID), "--outcome", outcome, "--note", fmt.Sprintf("day %d: %s", n, outcome), "--json"}
	if next != "" {
		args = append(args, "--next", next)
	}
	var got loggedJSON
	m.cliJSON(&got, args...)
	m.loggedAt[it.ID] = true
	m.seen[outcome]++
	if next == want && next != "" && !m.free(mustDay(next)) {
		m.seen["typed on a day off"]++
	}
	m.checkLogged(it, before, outcome, next, want, got)
	m.refresh()
}

// chooseOutcome is the outcome of a call to id from the seeded mix (a
// referral who never picks up always misses; some days script theirs), the
// --next typed with it, and the date the log must give for it.
func (m *month) chooseOutcome(id int64) (outcome, next, want string) {
	outcome = "reached"
	r := m.rng.IntN(100)
	if m.hard[id] {
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
	want = next // the date the log must give for a date typed
	if m.day.Format(time.DateOnly) == "2026-12-02" && len(m.loggedAt) == 0 {
		// Relative words are counted, then land on the next workday:
		// ten days from Wednesday is a Saturday, so Monday.
		outcome, next, want = "callback", "in 10 days", "2026-12-14"
		m.seen["relative words"]++
	}
	return outcome, next, want
}

// checkLogged checks the date and state a logged call of it gave
// (before is the contact before the call) against docs/DESIGN.md's
// "Outcome -> next date".
func (m *month) checkLogged(it todayJSON, before listJSON, outcome, next, want string, got loggedJSON) {
	t := m.t
	due := mustDay(it.Due)
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
}
