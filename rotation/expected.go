package rotation

import "math"

// DefaultReach is the share of calls that reach the person, assumed by the
// load forecasts while a book has no history of its own to tell.
const DefaultReach = 0.6

// Booking is a number of contacts due on one day under the same schedule:
// one row of a GROUP BY over the book's active contacts. Due is the day
// (a zero Due books nothing); Status is ignored.
type Booking struct {
	Schedule
	// Count is how many contacts share the schedule; 0 counts as one, so
	// a list of single schedules needs no counts.
	Count int
}

func (b Booking) count() int { return max(b.Count, 1) }

// ExpectedPerWorkday is the number of calls a book asks for on an average
// workday in the long run, when a share reach of the calls gets through:
// every contact's calls under the rule in force at its due date, with the
// retries its misses cause (docs/DESIGN.md's 1, 2, 4 workdays, then the rule's
// date again), fixed weekdays and taper steps included. A reach outside
// (0, 1] means DefaultReach.
func ExpectedPerWorkday(book []Booking, cal Calendar, reach float64) float64 {
	reach = clampReach(reach)
	workdays := 0
	for _, on := range cal.Workdays {
		if on {
			workdays++
		}
	}
	if workdays == 0 {
		return 0
	}
	total := 0.0
	first := Date(0)
	for _, b := range book {
		total += float64(b.count()) * callsPerWorkday(b.ActiveRule(b.Due), b.Step, b.Due, cal.Workdays, reach)
		if !b.Due.IsZero() && (first.IsZero() || b.Due < first) {
			first = b.Due
		}
	}
	// Public holidays take workdays away: the same calls fall on fewer.
	if f := holidayShare(cal, first); f > 0 && f < 1 {
		total /= 1 - f
	}
	return total
}

// holidayShare is the share of the working weekdays of the year from d on
// that are public holidays (0 without holidays).
func holidayShare(cal Calendar, d Date) float64 {
	if cal.Holidays == nil || d.IsZero() || !d.InRange() || !d.AddDays(365).InRange() {
		return 0
	}
	work, off := 0, 0
	for x := d; x < d.AddDays(365); x++ {
		if !cal.Workdays[x.Weekday()] {
			continue
		}
		work++
		if _, ok := cal.Holidays.On(x); ok {
			off++
		}
	}
	if work == 0 {
		return 0
	}
	return float64(off) / float64(work)
}

// callsPerWorkday is one contact's long-run share of a workday's calls.
func callsPerWorkday(r Rule, step int, due Date, on [7]bool, reach float64) float64 {
	workdays := 0
	for _, w := range on {
		if w {
			workdays++
		}
	}
	perDay := float64(workdays) / 7 // workdays per calendar day
	miss := 1 - reach
	switch r.Kind {
	case Daily:
		return 1 // a miss retries on the next workday, as a reach would
	case Weekdays:
		slots := 0
		for wd, slot := range r.On {
			if slot && on[wd] {
				slots++
			}
		}
		slots = max(slots, 1)
		gap := float64(workdays) / float64(slots) // workdays between slots
		// Each slot is called once, plus the retries that come before the
		// next slot; a retry that would come later waits for the slot.
		calls, after := 1.0, 0
		for i, wait := range retryWorkdays {
			after += wait
			if float64(after) >= gap {
				break
			}
			calls += math.Pow(miss, float64(i+1))
		}
		return calls * float64(slots) / float64(workdays)
	case Interval, Taper:
		span := r.Every
		if r.Kind == Taper {
			span = r.StepSpan(step)
		}
		if due.IsZero() {
			due = NewDate(2001, 1, 1)
		}
		cycle := float64(due.DaysUntil(span.After(due))) * perDay // workdays
		// A cycle ends with a reached call: 1/reach calls, and for each miss
		// the wait before the next try.
		// A retry that would come after the rule's date waits for it.
		delay := 0.0
		for i, wait := range retryWorkdays {
			delay += math.Pow(miss, float64(i+1)) * math.Min(float64(wait), cycle)
		}
		n := float64(len(retryWorkdays) + 1)
		delay += cycle * math.Pow(miss, n) / reach // from the fourth miss on: the rule's date
		return (1 / reach) / math.Max(cycle+delay, 1)
	}
	return 0
}

// AutoCapacity is the comfortable number of calls per workday for a book
// that expects the given number: the expectation plus headroom growing
// with its square root (ceil(e + 1.25·√e)), so that a small book is not
// squeezed by ordinary luck and a large one is not padded by a fixed share.
func AutoCapacity(expected float64) int {
	if expected <= 0 {
		return 1
	}
	return max(1, int(math.Ceil(expected+1.25*math.Sqrt(expected)-1e-9)))
}

// DailyCapacity is the number of calls per workday the settings allow:
// the one set by hand, or on auto (0) AutoCapacity of the expected load
// but never less than an hour of calls, so that a small book's day is not
// held to a call or two (eight overdue calls, eighty minutes, spread over
// a week).
func (s Settings) DailyCapacity(expected float64) int {
	if s.Capacity > 0 {
		return s.Capacity
	}
	return max(AutoCapacity(expected), s.callsPerHour())
}

// callsPerHour is how many calls fit in an hour at the minutes per call.
func (s Settings) callsPerHour() int {
	minutes := s.MinutesPerCall
	if minutes <= 0 {
		minutes = DefaultSettings().MinutesPerCall
	}
	return max(1, 60/minutes)
}

// Capacity is how many calls a workday of a book takes: one figure, Daily,
// which the Today header, `rotate upcoming`, the Upcoming view and the
// catch-up all use.
type Capacity struct {
	// Expected is the calls per workday the book asks for in the long run,
	// retries included (ExpectedPerWorkday).
	Expected float64 `json:"expected"`
	// Daily is the capacity in force: the setting, or on auto
	// AutoCapacity of Expected. A catch-up day holds no more.
	Daily int `json:"daily"`
	// Auto says the capacity is derived from the book, not set by hand.
	Auto bool `json:"auto"`
}

// CapacityFor is the capacity the settings give a book that expects the
// given number of calls per workday.
func (s Settings) CapacityFor(expected float64) Capacity {
	return Capacity{Expected: expected, Daily: s.DailyCapacity(expected), Auto: s.Capacity <= 0}
}

func clampReach(reach float64) float64 {
	if !(reach > 0 && reach <= 1) {
		return DefaultReach
	}
	return reach
}
