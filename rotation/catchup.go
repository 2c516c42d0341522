package rotation

import (
	"cmp"
	"slices"
)

// CatchUpMove is one overdue call planned for a later day.
type CatchUpMove struct {
	ID       int64
	From, To Date
}

// CatchUpPlan spreads a backlog of overdue calls over the coming workdays.
type CatchUpPlan struct {
	// Today are the ids of the overdue calls left on today's list, most
	// urgent first.
	Today []int64
	// Kept are the ids among Today whose date was typed or asked for
	// (DueItem.KeptDate): they stay whatever the limit.
	Kept []int64
	// Moves are the overdue calls planned for later workdays, most urgent
	// (earliest) first.
	Moves []CatchUpMove
	// Last is the last day of the plan: today when the backlog fits today.
	Last Date
	// Days is the number of workdays the catch-up takes, today included.
	Days int
	// Limit is the most calls a day of the plan holds.
	Limit int
}

// Moving reports whether the plan moves any call.
func (p CatchUpPlan) Moving() bool { return len(p.Moves) > 0 }

// PerDay counts the backlog calls the plan puts on each of its days,
// today's first, for showing the plan before it is applied.
func (p CatchUpPlan) PerDay(today Date) []DayLoad {
	var out []DayLoad
	if len(p.Today) > 0 {
		out = append(out, DayLoad{Date: today, Count: len(p.Today)})
	}
	for _, m := range p.Moves {
		if n := len(out); n > 0 && out[n-1].Date == m.To {
			out[n-1].Count++
		} else {
			out = append(out, DayLoad{Date: m.To, Count: 1})
		}
	}
	return out
}

// catchUpSpan bounds how many workdays ahead a plan looks for room.
const catchUpSpan = 250

// CatchUp plans a backlog of overdue calls (after a vacation or a sick
// week) so that today keeps the most urgent ones and no day goes above
// limit (the daily capacity) with booked and expected calls and the
// backlog calls already planned there.
//
//   - A date the user typed or a callback the client asked for
//     (DueItem.KeptDate) is never moved: it stays today and takes its room
//     first.
//   - The rest stay today in priority order (SortDue: overdue first, then
//     tier, then lateness) while today has room.
//   - A call that does not fit today goes to the nearest workday with
//     room, most urgent first; a fixed-weekday call goes to the next slot
//     of its rule that is a workday, and a daily one to the next workday
//     (moved anywhere else they would call off their slot).
//
// Nothing is moved when all of it fits. load counts every call in the
// book, the backlog included on today (as NewForecast does), and CatchUp
// takes the backlog out of today itself. With a Booker (a *Forecast)
// each choice is booked into it, retries expected included, so later
// days keep room for the retries the catch-up calls will cause; the load
// is changed by the plan. A call that finds no room within catchUpSpan
// workdays goes to the least-loaded of them.
func CatchUp(backlog []DueItem, today Date, cal Calendar, limit float64, load LoadModel) CatchUpPlan {
	items := append([]DueItem(nil), backlog...)
	SortDue(items, today)
	cu := newCatchUp(today, cal, limit, load)
	for _, it := range items {
		cu.book(it.Due, it.Schedule, -1)
	}
	later := cu.keepToday(items)
	day := cal.AddWorkdays(today, 1)
	if !cal.IsWorkday(today) {
		day = cal.OnOrAfter(today)
	}
	for _, it := range later {
		var to Date
		to, day = cu.target(it, day)
		cu.place(it, to)
	}
	plan := cu.plan
	slices.SortStableFunc(plan.Moves, func(a, b CatchUpMove) int { return cmp.Compare(a.To, b.To) })
	plan.Days = cal.WorkdaysBetween(today, plan.Last.AddDays(1))
	return plan
}

// catchUp is a catch-up being planned: the load it books its choices
// into (a Booker's own, else its own counts over load) and the plan.
type catchUp struct {
	today  Date
	cal    Calendar
	limit  float64
	load   LoadModel
	booker Booker
	own    map[Date]int // the plan's own counts, without a Booker
	model  LoadModel    // the load as the plan changes it
	plan   CatchUpPlan
}

func newCatchUp(today Date, cal Calendar, limit float64, load LoadModel) *catchUp {
	cu := &catchUp{today: today, cal: cal, limit: limit, load: load, own: map[Date]int{},
		plan: CatchUpPlan{Last: today, Limit: int(limit)}}
	cu.booker, _ = load.(Booker)
	cu.model = overlay{load, cu.own}
	if cu.booker != nil {
		cu.model = cu.booker
	}
	return cu
}

// book counts n more calls of schedule s on day d.
func (cu *catchUp) book(d Date, s Schedule, n int) {
	switch {
	case cu.booker != nil:
		cu.booker.Book(d, s, n)
	case n > 0 || cu.load != nil: // a nil load never counted the backlog
		cu.own[max(d, cu.today)] += n
	}
}

// fits reports whether one more call fits on day d.
func (cu *catchUp) fits(d Date) bool { return score(cu.model, d)+1 <= cu.limit+tie }

// stay keeps it on today.
func (cu *catchUp) stay(it DueItem) {
	cu.book(cu.today, it.Schedule, 1)
	cu.plan.Today = append(cu.plan.Today, it.ID)
}

// keepToday keeps on today the dates typed or asked for, which take their
// room first, then the calls that fit today (a workday); it returns the
// calls left to move, most urgent first.
func (cu *catchUp) keepToday(items []DueItem) (later []DueItem) {
	var rest []DueItem
	for _, it := range items {
		if it.KeptDate() {
			cu.stay(it)
			cu.plan.Kept = append(cu.plan.Kept, it.ID)
		} else {
			rest = append(rest, it)
		}
	}
	for _, it := range rest {
		if cu.cal.IsWorkday(cu.today) && cu.fits(cu.today) {
			cu.stay(it)
		} else {
			later = append(later, it)
		}
	}
	return later
}

// target is the day a call that does not fit today goes to: the next
// workday slot of a fixed-weekday rule, the next workday for a daily one,
// else the first day from day with room (or the least loaded), which is
// where the next call starts looking (next).
func (cu *catchUp) target(it DueItem, day Date) (to, next Date) {
	today, cal := cu.today, cu.cal
	switch rule := it.ActiveRule(today); {
	case rule.Kind == Weekdays:
		to = nextSlot(rule, today)
		for i := 0; i < 53 && !cal.IsWorkday(to); i++ {
			to = nextSlot(rule, to)
		}
	case rule.Kind == Daily:
		to = cal.AddWorkdays(today, 1)
	default:
		// Days before the cursor are full, and stay full: loads only
		// grow.
		n := 0
		for to = day; n < catchUpSpan && !cu.fits(to); n++ {
			to = cal.AddWorkdays(to, 1)
		}
		if n == catchUpSpan {
			to = leastLoaded(day, cal, cu.model)
		} else {
			day = to
		}
	}
	return to, day
}

// place books it on day to, a move unless to is today.
func (cu *catchUp) place(it DueItem, to Date) {
	s := it.Schedule
	s.Due = to
	cu.book(to, s, 1)
	if to == cu.today {
		cu.plan.Today = append(cu.plan.Today, it.ID)
	} else {
		cu.plan.Moves = append(cu.plan.Moves, CatchUpMove{ID: it.ID, From: it.Due, To: to})
	}
	cu.plan.Last = max(cu.plan.Last, to)
}

// fixedSlot reports whether a rule calls on set weekdays (or every
// workday), which a catch-up never moves.
func fixedSlot(r Rule) bool { return r.Kind == Weekdays || r.Kind == Daily }

// leastLoaded is the least-loaded of the catchUpSpan workdays from day,
// ties to the earliest.
func leastLoaded(day Date, cal Calendar, load LoadModel) Date {
	best, bestScore := day, score(load, day)
	for i, d := 0, day; i < catchUpSpan; i++ {
		d = cal.AddWorkdays(d, 1)
		if s := score(load, d); s < bestScore-tie {
			best, bestScore = d, s
		}
	}
	return best
}
