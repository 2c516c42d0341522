package rotation

import (
	"math"
	"slices"
	"strconv"
)

// Forecast is the load of the coming days for a book: the calls booked on
// each day and the calls expected there that are not booked yet — the
// retries misses will cause, the next fixed-weekday slots and taper steps,
// and the next calls of contacts due before that day. It is a LoadModel
// and a Booker: the leveler, the ramp-in and the catch-up read it and
// book their choices into it.
//
// The next call of an interval contact is expected evenly over the week
// around its ideal date (ideal ± expectSpan days, within its window): such
// a week holds each weekday once, so the expectation carries no weekday of
// its own, and it stays near the ideal date, where the leveler puts most
// calls. Spread over the whole window, the weight of calls not booked yet
// would be expected days before their ideal date, making the days just
// before the last bookings look busier than they will be and pushing
// calls past their ideal date (3m calls by 2.5 days on average). Poured
// over each week's least loaded days instead (as an earlier version did),
// it filled exactly the days with fewer bookings, so the leveler saw a
// flat week and kept every call on its ideal day: the weekdays the
// cadences favour (a 90-day call reached on a Monday is due on a Sunday,
// so on the Monday) stayed busier week after week.
//
// A forecast is built from the whole book once (NewForecast): one pass over
// the days ahead per distinct schedule shape, not per contact, so a store
// can feed it one GROUP BY. Booked and Expected are then O(1). Build a new
// one when the day changes. It is not safe for concurrent use.
type Forecast struct {
	today  Date
	cal    Calendar
	reach  float64
	booked []int     // by day from today
	expect []float64 // expected calls not booked yet, by day from today
	far    map[Date]int
	chains map[string]*chain
	work   []bool // workday or not, by day from today
	buf    []float64
}

// chain is one schedule shape (rule, override and its end) and where the
// calls under it lead, worked out once per cell (day, attempts, step).
type chain struct {
	sched Schedule
	steps int
	arcs  [][]arc // by cell
}

// arc is where a share of a call's weight goes next: the day (index from
// today), the state there and the share.
type arc struct {
	day      int32
	attempts uint8
	step     uint8
	w        float64
}

// expectSpan is how far from its ideal date, in days, a call the leveler
// may move is expected: ideal ± 3 is a week, each weekday once.
const expectSpan = 3

// maxAttempts caps the attempts a forecast tells apart: from the fourth
// miss on, every miss behaves the same.
const maxAttempts = 4

// NewForecast forecasts the book from today, when a share reach of calls
// gets through (DefaultReach when outside (0, 1]). Bookings due before
// today count on today: they are called today or planned by CatchUp. The
// forecast runs as far as the longest cadence in the book plus three weeks
// (at least 120 days, at most two years); after it, Expected is 0.
func NewForecast(today Date, cal Calendar, book []Booking, reach float64) *Forecast {
	f := &Forecast{today: today, cal: cal, reach: clampReach(reach), far: map[Date]int{}, chains: map[string]*chain{}}
	horizon := 120
	for _, b := range book {
		horizon = max(horizon, longestDays(b.Rule, today)+21, longestDays(b.Override, today)+21)
	}
	horizon = min(horizon, 2*366+21)
	f.booked = make([]int, horizon+1)
	f.expect = make([]float64, horizon+1)
	f.work = make([]bool, horizon+1)
	for i := range f.work {
		f.work[i] = cal.IsWorkday(today.AddDays(i))
	}

	// The bookings are the sources of their chains, which are run forward
	// over the days in a fixed order, so the sums are the same whatever
	// order the book came in.
	src := map[*chain][]float64{}
	for _, b := range book {
		if b.Due.IsZero() {
			continue
		}
		i := f.index(b.Due)
		if i > f.horizon() {
			f.far[b.Due] += b.count()
			continue
		}
		f.booked[i] += b.count()
		c := f.chainOf(b.Schedule)
		if src[c] == nil {
			src[c] = make([]float64, f.cells(c))
		}
		src[c][f.cell(c, i, b.Attempts, b.Step)] += float64(b.count())
	}
	keys := make([]string, 0, len(f.chains))
	for k := range f.chains {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		c := f.chains[k]
		for day := 0; day <= f.horizon(); day++ {
			f.step(c, src[c], day, 1)
		}
	}
	return f
}

// step carries the weight of day's calls in one chain on to the calls they
// lead to, adding it (times sign) to the expected calls there.
func (f *Forecast) step(c *chain, mass []float64, day int, sign float64) {
	perDay := (maxAttempts + 1) * c.steps
	for k := day * perDay; k < (day+1)*perDay; k++ {
		m := mass[k]
		if m == 0 {
			continue
		}
		for _, a := range f.arcsOf(c, k) {
			mass[int(a.day)*perDay+int(a.attempts)*c.steps+int(a.step)] += m * a.w
			f.expect[a.day] += sign * m * a.w
		}
	}
}

// longestDays is the longest gap in days a rule can ask for, from today.
func longestDays(r Rule, today Date) int {
	switch r.Kind {
	case Interval:
		return today.DaysUntil(r.Every.After(today))
	case Taper:
		n := 0
		for _, s := range r.Steps {
			n = max(n, today.DaysUntil(s.After(today)))
		}
		return n
	}
	return 7
}

func (f *Forecast) horizon() int { return len(f.booked) - 1 }

// index is the day's position in the forecast; days before today count
// on today.
func (f *Forecast) index(d Date) int { return max(f.today.DaysUntil(d), 0) }

func (f *Forecast) chainOf(s Schedule) *chain {
	k := s.Rule.String() + "|" + s.Override.String() + "|" + strconv.Itoa(int(s.OverrideUntil))
	if c, ok := f.chains[k]; ok {
		return c
	}
	c := &chain{
		sched: Schedule{Rule: s.Rule, Override: s.Override, OverrideUntil: s.OverrideUntil},
		steps: max(len(s.Rule.Steps), len(s.Override.Steps), 1),
	}
	c.arcs = make([][]arc, f.cells(c))
	f.chains[k] = c
	return c
}

func (f *Forecast) cells(c *chain) int { return len(f.booked) * (maxAttempts + 1) * c.steps }

func (f *Forecast) cell(c *chain, day, attempts, step int) int {
	attempts = min(max(attempts, 0), maxAttempts)
	step = min(max(step, 0), c.steps-1)
	return (day*(maxAttempts+1)+attempts)*c.steps + step
}

// Book adds n calls (n < 0 takes them back) due on day under s — its
// rule, override, attempts and step — with the calls they are expected to
// lead to. Take a contact's current booking out before placing its next
// call, and book the new date once chosen, so that the next placement sees
// both.
func (f *Forecast) Book(day Date, s Schedule, n int) {
	if day.IsZero() || n == 0 {
		return
	}
	i := f.index(day)
	if i > f.horizon() {
		f.far[day] += n
		return
	}
	f.booked[i] += n
	c := f.chainOf(s)
	size := f.cells(c)
	if cap(f.buf) < size {
		f.buf = make([]float64, size)
	}
	mass := f.buf[:size]
	clear(mass)
	mass[f.cell(c, i, s.Attempts, s.Step)] = math.Abs(float64(n))
	sign := 1.0
	if n < 0 {
		sign = -1
	}
	for day := i; day <= f.horizon(); day++ {
		f.step(c, mass, day, sign)
	}
}

// Booked is the number of calls booked on d (those due before today
// count on today).
func (f *Forecast) Booked(d Date) int {
	if d < f.today {
		return 0
	}
	if i := f.index(d); i <= f.horizon() {
		return f.booked[i]
	}
	return f.far[d]
}

// Expected is the number of calls expected on d that are not booked yet.
func (f *Forecast) Expected(d Date) float64 {
	i := f.today.DaysUntil(d)
	if i < 0 || i > f.horizon() {
		return 0
	}
	return math.Max(f.expect[i], 0)
}

// Horizon is the last day the forecast expects calls on.
func (f *Forecast) Horizon() Date { return f.today.AddDays(f.horizon()) }

func (f *Forecast) isWorkday(i int) bool {
	if i >= 0 && i < len(f.work) {
		return f.work[i]
	}
	return f.cal.IsWorkday(f.today.AddDays(i))
}

// arcsOf returns where the calls in cell k lead, worked out once: a
// reached call leads to the rule's next date — any workday of the week
// around it alike (see expectSpan) when the leveler may move it — and a miss to the retry docs/DESIGN.md
// gives, or from the fourth miss on to the rule's date again.
func (f *Forecast) arcsOf(c *chain, k int) []arc {
	if c.arcs[k] != nil {
		return c.arcs[k]
	}
	step := k % c.steps
	attempts := k / c.steps % (maxAttempts + 1)
	day := k / c.steps / (maxAttempts + 1)
	x := f.today.AddDays(day)
	s := c.sched
	s.Due, s.Attempts, s.Step = x, attempts, step

	out := []arc{}
	add := func(i, attempts, step int, w float64) {
		if w > 0 && i > day && i <= f.horizon() {
			out = append(out, arc{day: int32(i), attempts: uint8(min(attempts, maxAttempts)), step: uint8(min(step, c.steps-1)), w: w})
		}
	}
	rule, used, ideal, normal, next := ruleNext(s, x, f.cal)
	miss := 1 - f.reach
	var window []int
	if Movable(rule, used) {
		w := min(Window(rule.ApproxDays(used)), expectSpan)
		for i := f.index(ideal.AddDays(-w)); i <= f.index(ideal.AddDays(w)); i++ {
			if f.isWorkday(i) {
				window = append(window, i)
			}
		}
	}
	late := attempts >= len(retryWorkdays) // a miss gives the rule's date
	if len(window) > 0 {
		share := 1 / float64(len(window))
		for _, i := range window {
			add(i, 0, next, f.reach*share)
			if late {
				add(i, attempts+1, step, miss*share)
			}
		}
	} else {
		add(f.index(normal), 0, next, f.reach)
		if late {
			add(f.index(normal), attempts+1, step, miss)
		}
	}
	if !late {
		retry := f.cal.AddWorkdays(x, retryWorkdays[attempts])
		add(f.index(min(retry, normal)), attempts+1, step, miss)
	}
	c.arcs[k] = out
	return out
}
