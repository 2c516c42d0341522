package rotation

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"
)

// The best time to call is an empirical-Bayes estimate of how likely a
// contact is to pick up, per weekday and two-hour slot of their day:
//
//  1. Each call counts 2^(−age/BestTimeHalfLife); per cell (weekday ×
//     slot) we add up the calls picked up (s) and the ones that were not (f).
//  2. The book's calls give every cell a rate b (the book's rate there),
//     and a strength κ fitted from how much more contacts stray from the
//     book than chance explains (beta-binomial method of moments).
//  3. A contact's rate in a cell is (s + κm) / (s + f + κ), where m is
//     their rate at that hour on the other days, (s' + κb) / (s' + f' + κ):
//     the book's pattern until the contact's own calls outweigh it.
//
// Everything here is pure: the calls come in with their times already in
// the client's zone, and "now" is passed in.

// SlotHours is the length of a part of the day the estimate tells apart.
const SlotHours = 2

// slotsPerDay is the number of slots a day holds.
const slotsPerDay = 24 / SlotHours

// BestTimeHalfLife is the age at which a call counts half as much as one
// made today.
const BestTimeHalfLife = 180 * 24 * time.Hour

// The support a best-time window needs to be shown: at least
// WindowMinCalls of the contact's calls in it, WindowMinReached of them
// picked up, and an estimated rate at least WindowMinLift above the
// contact's estimate over the rest of the week (a window that does not
// stand out says nothing).
const (
	WindowMinCalls   = 3
	WindowMinReached = 2
	WindowMinLift    = 0.10
)

// maxWindows is how many windows a contact's best time lists at most.
const maxWindows = 3

// windowTolerance is how much a neighbouring day or slot may lower a
// window's estimate and still join it.
const windowTolerance = 0.03

// bookCellStrength is the pseudo-count with which each cell of the book's
// pattern is drawn toward the book's overall rate (cells with few calls in
// the whole book say little).
const bookCellStrength = 5

// The bounds of κ: at least the weight of two calls, at most twelve, so
// that a dozen calls of a contact's own always count as much as the book,
// however alike the book's contacts are.
const (
	minKappa     = 2
	maxKappa     = 12
	defaultKappa = 8 // when the book is too small to fit one
)

// Attempt is one call to a contact as the estimate reads it: when it was
// made, in the client's zone, and whether the person picked up.
type Attempt struct {
	Contact int64
	At      time.Time // in the client's time zone
	Reached bool
}

// PickedUp reports whether a call of kind with outcome o says anything
// about when the person picks up, and whether they did. A call reached,
// a callback asked for or a "not a fit" said on the phone picked up;
// voicemail and no answer did not; a wrong number, a message sent or an
// interaction that was not a call says nothing.
func PickedUp(kind CallKind, o Outcome) (counts, reached bool) {
	if kind != "" && kind != KindCall {
		return false, false
	}
	switch o {
	case Reached, Callback, NotAFit:
		return true, true
	case Voicemail, NoAnswer:
		return true, false
	}
	return false, false
}

// cell is one weekday × slot; day counts from Monday (0) to Sunday (6).
type cell struct{ day, slot int }

func cellOf(t time.Time) cell {
	return cell{day: (int(t.Weekday()) + 6) % 7, slot: t.Hour() / SlotHours}
}

// tally is what the calls in a cell add up to: weighted picked up (s) and
// not (f), and the raw counts a person reads.
type tally struct {
	s, f           float64
	reached, calls int
}

func (t *tally) add(a Attempt, now time.Time) {
	w := decay(now.Sub(a.At))
	t.calls++
	if a.Reached {
		t.s += w
		t.reached++
	} else {
		t.f += w
	}
}

func (t *tally) plus(o tally) {
	t.s += o.s
	t.f += o.f
	t.reached += o.reached
	t.calls += o.calls
}

// decay is the weight of a call of the given age: 1 today, ½ at
// BestTimeHalfLife; a call "in the future" (a clock moved back) counts 1.
func decay(age time.Duration) float64 {
	if age <= 0 {
		return 1
	}
	return math.Exp2(-float64(age) / float64(BestTimeHalfLife))
}

type grid [7][slotsPerDay]tally

// BookPattern is the book's pattern of picking up: the prior every
// contact's estimate starts from.
type BookPattern struct {
	Rate  float64 // the book's overall rate
	Kappa float64 // the prior's strength, in calls
	Calls int     // the calls it was fitted from
	prior [7][slotsPerDay]float64
}

// FitBookPattern fits the book's pattern from its calls, as of now.
func FitBookPattern(calls []Attempt, now time.Time) BookPattern {
	var g grid
	var all tally
	per := map[int64]*grid{}
	for _, a := range calls {
		c := cellOf(a.At)
		g[c.day][c.slot].add(a, now)
		all.add(a, now)
		pg := per[a.Contact]
		if pg == nil {
			pg = new(grid)
			per[a.Contact] = pg
		}
		pg[c.day][c.slot].add(a, now)
	}
	b := BookPattern{Calls: all.calls, Rate: (all.s + 1) / (all.s + all.f + 2)}
	for d := range g {
		for h := range g[d] {
			t := g[d][h]
			b.prior[d][h] = (t.s + bookCellStrength*b.Rate) / (t.s + t.f + bookCellStrength)
		}
	}
	b.Kappa = b.fitKappa(per)
	return b
}

// fitKappa is the beta-binomial method of moments: for a contact's cell of
// n calls whose true rate p is drawn from Beta(κm, κ(1−m)), the observed
// rate p̂ has E[n(p̂−m)²/(m(1−m))] = 1 + (n−1)ρ with ρ = 1/(1+κ). Summed
// over every contact's cells of two calls or more, that gives ρ, so κ.
func (b BookPattern) fitKappa(per map[int64]*grid) float64 {
	num, den := 0.0, 0.0
	for _, g := range per {
		for d := range g {
			for h := range g[d] {
				t := g[d][h]
				n := t.s + t.f
				if t.calls < 2 || n <= 1 {
					continue
				}
				m := b.prior[d][h]
				p := t.s / n
				num += n*(p-m)*(p-m)/(m*(1-m)) - 1
				den += n - 1
			}
		}
	}
	if den < 10 { // too little to tell contacts apart from chance
		return defaultKappa
	}
	rho := num / den
	if rho <= 1/float64(maxKappa+1) {
		return maxKappa
	}
	return min(max(1/rho-1, minKappa), maxKappa)
}

// Availability is one contact's estimate: their calls by cell over the
// book's pattern.
type Availability struct {
	book  BookPattern
	cells grid
	all   tally
	prior [7][slotsPerDay]float64 // the contact's prior per cell
}

// Estimate is the contact's availability from their calls (times in the
// client's zone), as of now.
func (b BookPattern) Estimate(calls []Attempt, now time.Time) Availability {
	a := Availability{book: b}
	for _, c := range calls {
		x := cellOf(c.At)
		a.cells[x.day][x.slot].add(c, now)
		a.all.add(c, now)
	}
	// A cell's prior is the contact's rate at that hour on the other
	// days, itself drawn toward the book's rate in the cell: people keep
	// hours more than weekdays, and a contact has few calls per cell.
	k := b.Kappa
	for h := range slotsPerDay {
		var hour tally
		for d := range 7 {
			hour.plus(a.cells[d][h])
		}
		for d := range 7 {
			c := a.cells[d][h]
			s, f := hour.s-c.s, hour.f-c.f
			a.prior[d][h] = (s + k*b.prior[d][h]) / (s + f + k)
		}
	}
	return a
}

// Calls is the number of calls the estimate holds.
func (a Availability) Calls() int { return a.all.calls }

// rate is the estimate for the cells of a window: the contact's calls
// there over the mean of the book's prior there.
func (a Availability) rate(days [2]int, slots [2]int) (float64, tally) {
	var t tally
	m, n := 0.0, 0
	for d := days[0]; d <= days[1]; d++ {
		for h := slots[0]; h <= slots[1]; h++ {
			t.plus(a.cells[d][h])
			m += a.prior[d][h]
			n++
		}
	}
	m /= float64(n)
	k := a.book.Kappa
	return (t.s + k*m) / (t.s + t.f + k), t
}

// RateAt is the estimated chance the contact picks up at t, a time in the
// client's zone.
func (a Availability) RateAt(t time.Time) float64 {
	c := cellOf(t)
	r, _ := a.rate([2]int{c.day, c.day}, [2]int{c.slot, c.slot})
	return r
}

// Overall is the contact's estimated rate over the whole week.
func (a Availability) Overall() float64 {
	r, _ := a.rate([2]int{0, 6}, [2]int{0, slotsPerDay - 1})
	return r
}

// outside is the contact's estimated rate over the week's cells outside
// a window, where they have calls (the book's prior over those cells).
func (a Availability) outside(days, slots [2]int) float64 {
	var t tally
	m, n := 0.0, 0
	for d := range 7 {
		for h := range slotsPerDay {
			if d >= days[0] && d <= days[1] && h >= slots[0] && h <= slots[1] || a.cells[d][h].calls == 0 {
				continue
			}
			t.plus(a.cells[d][h])
			m += a.prior[d][h]
			n++
		}
	}
	if n == 0 {
		return a.book.Rate
	}
	m /= float64(n)
	k := a.book.Kappa
	return (t.s + k*m) / (t.s + t.f + k)
}

// CallWindow is a span of days and hours in which a contact picks up more
// than on the rest of the week.
type CallWindow struct {
	Days     []time.Weekday // consecutive, Monday first
	From, To int            // hours of the client's day, To exclusive
	Rate     float64        // the estimated chance of picking up
	Reached  int            // the contact's calls picked up in it
	Calls    int            // the contact's calls in it
}

// Windows ranks the contact's best windows, best first: each grown from the
// best cell holding calls of theirs over the neighbouring days, then slots,
// within windowTolerance of it; at most three, none overlapping. A window
// is listed only with the support the WindowMin constants state; nil when
// none has it.
func (a Availability) Windows() []CallWindow {
	var used [7][slotsPerDay]bool
	var out []CallWindow
	for len(out) < maxWindows {
		seed, ok := a.bestSeed(&used)
		if !ok {
			break
		}
		days, slots := a.grow(seed, &used)
		for d := days[0]; d <= days[1]; d++ {
			for h := slots[0]; h <= slots[1]; h++ {
				used[d][h] = true
			}
		}
		r, t := a.rate(days, slots)
		if t.calls < WindowMinCalls || t.reached < WindowMinReached || r < a.outside(days, slots)+WindowMinLift {
			continue
		}
		w := CallWindow{From: slots[0] * SlotHours, To: (slots[1] + 1) * SlotHours, Rate: r, Reached: t.reached, Calls: t.calls}
		for d := days[0]; d <= days[1]; d++ {
			w.Days = append(w.Days, time.Weekday((d+1)%7))
		}
		out = append(out, w)
	}
	slices.SortStableFunc(out, func(x, y CallWindow) int { return cmp.Compare(y.Rate, x.Rate) })
	return out
}

// bestSeed is the unused cell with calls of the contact's of the highest
// estimate (more calls first on a tie).
func (a Availability) bestSeed(used *[7][slotsPerDay]bool) (cell, bool) {
	best, found := cell{}, false
	bestRate, bestCalls := -1.0, 0
	for d := range 7 {
		for h := range slotsPerDay {
			if used[d][h] || a.cells[d][h].calls == 0 {
				continue
			}
			r, _ := a.rate([2]int{d, d}, [2]int{h, h})
			if r > bestRate || r == bestRate && a.cells[d][h].calls > bestCalls {
				best, found, bestRate, bestCalls = cell{d, h}, true, r, a.cells[d][h].calls
			}
		}
	}
	return best, found
}

// grow widens a window from its seed: to a neighbouring day holding calls
// of the contact's while the window's estimate with it stays within
// windowTolerance of the estimate without, then likewise to the
// neighbouring slots. A day or slot without calls of theirs never joins:
// it would only repeat the book.
func (a Availability) grow(seed cell, used *[7][slotsPerDay]bool) (days, slots [2]int) {
	days, slots = [2]int{seed.day, seed.day}, [2]int{seed.slot, seed.slot}
	fits := func(nd, ns [2]int) bool {
		if nd[0] < 0 || nd[1] > 6 || ns[0] < 0 || ns[1] >= slotsPerDay {
			return false
		}
		var added tally
		for d := nd[0]; d <= nd[1]; d++ {
			for h := ns[0]; h <= ns[1]; h++ {
				if d >= days[0] && d <= days[1] && h >= slots[0] && h <= slots[1] {
					continue
				}
				if used[d][h] {
					return false
				}
				added.plus(a.cells[d][h])
			}
		}
		if added.calls == 0 {
			return false
		}
		now, _ := a.rate(days, slots)
		with, _ := a.rate(nd, ns)
		return with >= now-windowTolerance
	}
	for {
		switch {
		case fits([2]int{days[0] - 1, days[1]}, slots):
			days[0]--
		case fits([2]int{days[0], days[1] + 1}, slots):
			days[1]++
		default:
			goto slots
		}
	}
slots:
	for {
		switch {
		case fits(days, [2]int{slots[0] - 1, slots[1]}):
			slots[0]--
		case fits(days, [2]int{slots[0], slots[1] + 1}):
			slots[1]++
		default:
			return days, slots
		}
	}
}

// dayNames are the short names of the weekdays in CallWindow labels and JSON.
var dayNames = [...]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// DayKey is the weekday's short lower-case name ("tue"), as JSON gives it.
func DayKey(d time.Weekday) string { return dayNames[d%7] }

// DaysLabel is the window's days as people read them: "Tue", "Tue–Thu".
func (w CallWindow) DaysLabel() string {
	if len(w.Days) == 0 {
		return ""
	}
	title := func(d time.Weekday) string { k := DayKey(d); return strings.ToUpper(k[:1]) + k[1:] }
	if len(w.Days) == 1 {
		return title(w.Days[0])
	}
	return title(w.Days[0]) + "–" + title(w.Days[len(w.Days)-1])
}

// HoursLabel is the window's hours: "16–18", "8–10".
func (w CallWindow) HoursLabel() string { return fmt.Sprintf("%d–%d", w.From, w.To) }

// String is the window as the briefing gives it: "Tue–Thu 16–18, reached 5 of 6".
func (w CallWindow) String() string {
	return fmt.Sprintf("%s %s, reached %d of %d", w.DaysLabel(), w.HoursLabel(), w.Reached, w.Calls)
}

// FromClock is the start of the window as "HH:MM".
func (w CallWindow) FromClock() string { return fmt.Sprintf("%02d:00", w.From) }

// ToClock is the end of the window as "HH:MM" ("24:00" for the end of
// the day).
func (w CallWindow) ToClock() string { return fmt.Sprintf("%02d:00", w.To) }

// SortLikely orders a due list by the chance each contact picks up now,
// likeliest first; equal chances keep the list's order (its priority).
func SortLikely(due []DueItem, likely map[int64]float64) {
	slices.SortStableFunc(due, func(a, b DueItem) int { return cmp.Compare(likely[b.ID], likely[a.ID]) })
}

// SortLikelyWithClocks is SortLikely, with clocks (clocks[i] the clock of
// due[i]) moved along with their rows.
func SortLikelyWithClocks(due []DueItem, clocks []LocalClock, likely map[int64]float64) []LocalClock {
	if len(clocks) != len(due) {
		SortLikely(due, likely)
		return clocks
	}
	byID := make(map[int64]LocalClock, len(clocks))
	for i, it := range due {
		byID[it.ID] = clocks[i]
	}
	SortLikely(due, likely)
	out := make([]LocalClock, len(due))
	for i, it := range due {
		out[i] = byID[it.ID]
	}
	return out
}
