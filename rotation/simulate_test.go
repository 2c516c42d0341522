package rotation

import (
	"math/rand/v2"
	"slices"
)

// This file is a year in the life of a practitioner's book, played by
// three schedulers; leveling_sim_test.go measures the years and holds the
// leveler to the targets docs/LEVELING.md lists.

// scheduler is one way of choosing due dates.
type scheduler int

const (
	// naive: everyone is due on the day they are added, then last call +
	// interval exactly (on a workday).
	naive scheduler = iota
	// rampOnly: new contacts are ramped in (RampInBatch), then last call +
	// interval exactly; no windows, no catch-up.
	rampOnly
	// leveler: ramp-in, every interval date leveled within its window
	// (ApplyLeveled over a Forecast), catch-up after an outage.
	leveler
)

func (s scheduler) String() string {
	return [...]string{"naive", "ramp-in only", "leveler"}[s]
}

// Simulation settings: a year of 260 workdays from Monday 5 Jan 2026, an
// outage of 10 workdays from workday 90, and calls reached / voicemail /
// no-answer with probabilities 60 / 25 / 15%.
const (
	simWorkdays    = 260
	simSteadyFrom  = 90
	simOutageFrom  = 90
	simOutageDays  = 10
	simAfterReturn = 30 // workdays the outage run goes on after the return
	simReach       = 0.60
	simVoicemail   = 0.25
)

var simStart = MustDate("2026-01-05")

// simGroup is a group of contacts of the simulated book.
type simGroup struct {
	n       int
	tier    string
	rule    string
	cadence string // how the metrics group the group's calls
}

// simBook is a realistic book added on one day.
var simBook = []simGroup{
	{40, "A", "every 30d", "30d"},
	{120, "B", "every 90d", "90d"},
	{240, "C", "every 90d", "90d"}, // the prospects
	{25, "B", "every 3m", "3m"},    // alliances
	{3, "A", "weekly fri", "weekly"},
	{1, "A", "taper 1d 1d 3d 7d", "taper"},
}

const simProspects = 2 // the index of the prospects in simBook

// simContact is a contact of the simulated book.
type simContact struct {
	Contact
	group       int
	lastReached Date
}

// simRun is one scheduler's year on one seed.
type simRun struct {
	kind     scheduler
	cal      Calendar
	book     []simContact
	pcg      *rand.PCG
	rng      *rand.Rand
	expected float64 // ExpectedPerWorkday of the book on day one
	capacity int     // AutoCapacity of it

	day     Date
	workday int   // index of day among the workdays from simStart
	loads   []int // calls made on each workday so far
	// interval are the calls of interval-rule contacts made on each
	// workday so far.
	interval []int
	groups   []simGroup     // the book
	outage   bool           // an outage run: no calls in the outage
	backlog  map[int64]bool // overdue on the return and not called since
	results  simResults
}

// simResults are the raw observations of a run.
type simResults struct {
	offsets    map[string][]int // placed - ideal of interval calls set by a reach, by cadence
	gaps, gin  int              // reached-to-reached gaps of interval contacts, and those within the window
	outside    int              // interval calls set by a reach further from the ideal date than the window
	rampPeak   int              // most prospects' first calls ramped onto one day
	backlog    int              // overdue calls on the return from the outage
	catchDays  int              // workdays the catch-up took
	catchPeak  int              // most calls on a day of the catch-up
	afterPeak  int              // most calls on a day of the 20 workdays from the return
	catchUpMax float64          // the limit the catch-up worked to
}

func newSimRun(kind scheduler, seed uint64) *simRun {
	return newSimRunOf(kind, seed, simBook)
}

// newSimRunOf is a run of another book.
func newSimRunOf(kind scheduler, seed uint64, groups []simGroup) *simRun {
	r := &simRun{kind: kind, cal: DefaultCalendar(), day: simStart, groups: groups}
	r.pcg = rand.NewPCG(seed, 0x5eed)
	r.rng = rand.New(r.pcg)
	r.results.offsets = map[string][]int{}
	var newcomers []Newcomer
	for g, grp := range r.groups {
		for range grp.n {
			c := simContact{group: g}
			c.ID = int64(len(r.book) + 1)
			c.Name = grp.cadence
			c.Tier = grp.tier
			c.Rule = MustRule(grp.rule)
			c.Status = Active
			r.book = append(r.book, c)
			newcomers = append(newcomers, Newcomer{Tier: c.Tier, Schedule: c.Schedule})
		}
	}
	r.expected = ExpectedPerWorkday(r.bookings(), r.cal, DefaultReach)
	r.capacity = AutoCapacity(r.expected)

	// Day one: everyone is added.
	var first []Date
	if kind == naive {
		for _, n := range newcomers {
			first = append(first, FirstDue(n.Schedule.Rule, simStart, r.cal))
		}
	} else {
		first = RampInBatch(newcomers, simStart, r.cal, NewForecast(simStart, r.cal, nil, DefaultReach))
	}
	perDay := map[Date]int{}
	for i := range r.book {
		r.book[i].Due = first[i]
		if r.book[i].group == simProspects {
			perDay[first[i]]++
			r.results.rampPeak = max(r.results.rampPeak, perDay[first[i]])
		}
	}
	return r
}

// bookings lists the book for a forecast.
func (r *simRun) bookings() []Booking {
	out := make([]Booking, 0, len(r.book))
	for _, c := range r.book {
		out = append(out, Booking{Schedule: c.Schedule})
	}
	return out
}

// clone copies the run, random source included, to play another future.
func (r *simRun) clone() *simRun {
	c := *r
	pcg := *r.pcg
	c.pcg = &pcg
	c.rng = rand.New(c.pcg)
	c.book = slices.Clone(r.book)
	c.loads = slices.Clone(r.loads)
	c.interval = slices.Clone(r.interval)
	c.results.offsets = map[string][]int{}
	for k, v := range r.results.offsets {
		c.results.offsets[k] = slices.Clone(v)
	}
	return &c
}

// until plays the workdays up to (not including) workday n.
func (r *simRun) until(n int) {
	for r.workday < n {
		r.playDay()
		r.workday++
		r.day = r.cal.AddWorkdays(r.day, 1)
	}
}

// outcome draws a call's outcome.
func (r *simRun) outcome() Outcome {
	switch x := r.rng.Float64(); {
	case x < simReach:
		return Reached
	case x < simReach+simVoicemail:
		return Voicemail
	default:
		return NoAnswer
	}
}

// playDay makes every call due on the day, most urgent first.
func (r *simRun) playDay() {
	if r.outage && r.workday >= simOutageFrom && r.workday < simOutageFrom+simOutageDays {
		r.loads = append(r.loads, 0)
		r.interval = append(r.interval, 0)
		return
	}
	var f *Forecast
	if r.kind == leveler {
		f = NewForecast(r.day, r.cal, r.bookings(), DefaultReach)
	}
	due := r.dueToday()
	if r.outage && r.workday == simOutageFrom+simOutageDays {
		r.results.backlog = 0
		r.backlog = map[int64]bool{}
		for _, it := range due {
			if it.Due < r.day {
				r.results.backlog++
				r.backlog[it.ID] = true
			}
		}
	}
	// The leveler's morning: a list longer than a day holds (the capacity) is
	// spread over the coming workdays, most urgent first (the TUI offers
	// it; rotate catchup does it). Planned days are full to the limit in
	// expectation, so a day whose retries came out above it is spread on
	// again the next morning.
	if r.kind == leveler && len(due) > int(r.capacity) {
		r.catchUp(due, f)
		due = r.dueToday()
	}
	SortDue(due, r.day)
	for _, it := range due {
		r.call(&r.book[it.ID-1], f)
	}
	r.countDay(due)
}

// dueToday is the active contacts due on the day or before.
func (r *simRun) dueToday() []DueItem {
	var due []DueItem
	for _, c := range r.book {
		if c.Status == Active && !c.Due.IsZero() && c.Due <= r.day {
			due = append(due, DueItem{Contact: c.Contact})
		}
	}
	return due
}

// call makes one call to c and records how its next date fell.
func (r *simRun) call(c *simContact, f *Forecast) {
	if r.backlog[c.ID] {
		delete(r.backlog, c.ID)
		if len(r.backlog) == 0 {
			r.results.catchDays = r.workday - simOutageFrom - simOutageDays + 1
		}
	}
	o := r.outcome()
	var next Next
	var err error
	if f != nil {
		f.Book(c.Due, c.Schedule, -1)
		next, err = ApplyLeveled(c.Schedule, o, r.day, 0, r.cal, f)
		f.Book(next.Due, next.Schedule, 1)
	} else {
		next, err = Apply(c.Schedule, o, r.day, 0, r.cal)
	}
	if err != nil {
		panic(err)
	}
	if o == Reached && c.Rule.Kind == Interval {
		r.recordReached(c, next)
	}
	if o == Reached {
		c.lastReached = r.day
	}
	c.Schedule = next.Schedule
}

// recordReached records where a reached interval call's next date fell:
// its offset from the cadence, and the gap since the last talk.
func (r *simRun) recordReached(c *simContact, next Next) {
	cadence := r.groups[c.group].cadence
	off := c.Rule.Every.After(r.day).DaysUntil(next.Due)
	r.results.offsets[cadence] = append(r.results.offsets[cadence], off)
	if r.kind == leveler && abs(off) > Window(c.Rule.ApproxDays(0)) {
		r.results.outside++
	}
	if !c.lastReached.IsZero() {
		interval := c.lastReached.DaysUntil(c.Rule.Every.After(c.lastReached))
		gap := c.lastReached.DaysUntil(r.day)
		r.results.gaps++
		if abs(gap-interval) <= Window(c.Rule.Every.Days()) {
			r.results.gin++
		}
	}
}

// countDay records the day's load, and the peaks after an outage.
func (r *simRun) countDay(due []DueItem) {
	r.loads = append(r.loads, len(due))
	n := 0
	for _, it := range due {
		if it.Rule.Kind == Interval {
			n++
		}
	}
	r.interval = append(r.interval, n)
	if r.outage && r.workday >= simOutageFrom+simOutageDays {
		since := r.workday - simOutageFrom - simOutageDays
		if len(r.backlog) > 0 || since < r.results.catchDays {
			r.results.catchPeak = max(r.results.catchPeak, len(due))
		}
		if since < 20 {
			r.results.afterPeak = max(r.results.afterPeak, len(due))
		}
	}
}

// catchUp plans the day's list over the coming workdays (CatchUp), so
// that today keeps what the limit allows.
func (r *simRun) catchUp(due []DueItem, f *Forecast) {
	r.results.catchUpMax = float64(r.capacity)
	plan := CatchUp(due, r.day, r.cal, r.results.catchUpMax, f)
	for _, m := range plan.Moves {
		r.book[m.ID-1].Due = m.To
	}
}

// simulate plays a year, and from workday simOutageFrom another future of
// the same book in which the practitioner is away for simOutageDays.
func simulate(kind scheduler, seed uint64) (year, outage *simRun) {
	year = newSimRun(kind, seed)
	year.until(simOutageFrom)
	outage = year.clone()
	outage.outage = true
	year.until(simWorkdays)
	outage.until(simOutageFrom + simOutageDays + simAfterReturn)
	return year, outage
}
