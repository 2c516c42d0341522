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
// week): most urgent first (SortDue), each goes to the first workday from
// today whose load — booked plus expected calls, and the backlog calls
// already planned there — stays within limit (see CatchUpLimit). What fits
// today stays on today's list; nothing is moved when all of it fits.
//
// load counts every call in the book, the backlog included on today (as
// NewForecast does), and CatchUp takes the backlog out of today itself.
// With a Booker (a *Forecast) each choice is booked into it, retries
// expected included, so later days keep room for the retries the catch-up
// calls will cause; the load is changed by the plan. A call that finds no
// room within catchUpSpan workdays goes to the least-loaded of them.
func CatchUp(backlog []DueItem, today Date, cal Calendar, limit float64, load LoadModel) CatchUpPlan {
	items := append([]DueItem(nil), backlog...)
	SortDue(items, today)
	booker, _ := load.(Booker)
	own := map[Date]int{}
	model := LoadModel(overlay{load, own})
	if booker != nil {
		model = booker
	}
	book := func(d Date, s Schedule, n int) {
		switch {
		case booker != nil:
			booker.Book(d, s, n)
		case n > 0 || load != nil: // a nil load never counted the backlog
			own[max(d, today)] += n
		}
	}
	for _, it := range items {
		book(it.Due, it.Schedule, -1)
	}

	plan := CatchUpPlan{Last: today, Limit: int(limit)}
	// Fixed-slot calls (weekdays, daily) stay today: moved, they would
	// skip their slot. They take their room first.
	slices.SortStableFunc(items, func(a, b DueItem) int {
		rank := func(it DueItem) int {
			if fixedSlot(it.ActiveRule(today)) {
				return 0
			}
			return 1
		}
		return cmp.Compare(rank(a), rank(b))
	})
	day := cal.OnOrAfter(today)
	for _, it := range items {
		if fixedSlot(it.ActiveRule(today)) {
			book(today, it.Schedule, 1)
			plan.Today = append(plan.Today, it.ID)
			continue
		}
		// Days before the cursor are full, and stay full: loads only grow.
		to, n := day, 0
		for ; n < catchUpSpan && score(model, to)+1 > limit+tie; n++ {
			to = cal.AddWorkdays(to, 1)
		}
		if n == catchUpSpan {
			to = leastLoaded(day, cal, model)
		} else {
			day = to
		}
		s := it.Schedule
		s.Due = to
		book(to, s, 1)
		if to == today {
			plan.Today = append(plan.Today, it.ID)
		} else {
			plan.Moves = append(plan.Moves, CatchUpMove{ID: it.ID, From: it.Due, To: to})
		}
		plan.Last = max(plan.Last, to)
	}
	plan.Days = cal.WorkdaysBetween(today, plan.Last.AddDays(1))
	return plan
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
