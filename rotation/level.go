package rotation

import (
	"cmp"
	"slices"
)

// LoadModel tells the leveler how busy a day is: the calls already booked
// on it and the calls expected there that are not booked yet (retries,
// fixed weekdays, contacts whose next call will fall there). A *Forecast
// is one; a store may back Booked with one GROUP BY over the window.
type LoadModel interface {
	Booked(d Date) int
	Expected(d Date) float64
}

// Booker is a LoadModel that takes new bookings into account, so that a
// batch placed one call at a time sees its own calls and what they lead
// to. *Forecast is one.
type Booker interface {
	LoadModel
	// Book adds n calls due on day under the schedule (n < 0 removes them).
	Book(day Date, s Schedule, n int)
}

// Booked and Expected make a Load a LoadModel that knows only the booked
// calls.
func (l Load) Booked(d Date) int {
	if l == nil {
		return 0
	}
	return l(d)
}

// Expected is 0: a Load knows nothing of calls not booked yet.
func (l Load) Expected(Date) float64 { return 0 }

// score is how busy d looks: booked plus expected calls.
func score(load LoadModel, d Date) float64 { return float64(load.Booked(d)) + load.Expected(d) }

// tie is how close two scores must be to count as equal, so that sums of
// expectations rounding differently do not decide a placement.
const tie = 1e-9

// Movable reports whether the leveler may move a date the rule gives at
// the taper step: interval rules and taper steps of a week or more whose
// window is at least a day. Fixed weekdays, daily, short taper steps and
// no rule stay where the rule puts them.
func Movable(r Rule, step int) bool {
	switch r.Kind {
	case Interval:
		return Window(r.Every.Days()) > 0
	case Taper:
		days := r.StepSpan(step).Days()
		return days >= 7 && Window(days) > 0
	}
	return false
}

// Level places a call the rule would make on ideal — the exact date the
// interval gives (last call + interval), weekend or not — on the workday
// of its window, ideal ± Window(interval), with the least load: booked
// plus expected calls, so that days further out, which have fewer
// bookings only because their calls are not booked yet, do not draw every
// call to the window's far edge. Ties go to the day nearest ideal, then
// to the earlier. The result is never outside the window; a window
// without a workday, an unmovable rule (see Movable) or a nil load gives
// the date the rules give, the first workday on or after ideal. One call
// reads the load model O(window) times.
func Level(ideal Date, r Rule, step int, cal Calendar, load LoadModel) Date {
	if !Movable(r, step) || load == nil {
		return cal.OnOrAfter(ideal)
	}
	w := Window(r.ApproxDays(step))
	return levelIn(ideal, ideal.AddDays(-w), ideal.AddDays(w), cal, load)
}

// Capped is a LoadModel that knows a daily capacity set by hand (0 for
// none): the leveler puts no call on a day that has that many booked while
// a day of the window has room.
type Capped interface {
	DailyCap() int
}

// dailyCap is the capacity set by hand the load model knows, or 0.
func dailyCap(load LoadModel) int {
	if c, ok := load.(Capped); ok {
		return c.DailyCap()
	}
	return 0
}

// levelIn picks the workday of [lo, hi] for a call whose ideal date is
// ideal: among the days under the capacity set by hand (all of them when
// none has room), those whose load — booked plus expected, plus the pull
// per day away from ideal — is within the margin of the least (see
// thresholds); of those the nearest to ideal, then the lighter, then the
// earlier. Without a workday
// it gives the first one on or after ideal.
func levelIn(ideal, lo, hi Date, cal Calendar, load LoadModel) Date {
	var days [2*7 + 1]Date
	var loads [2*7 + 1]float64
	var booked [2*7 + 1]int
	n := 0
	for d := lo; d <= hi && n < len(days); d++ {
		if !cal.IsWorkday(d) {
			continue
		}
		booked[n] = load.Booked(d)
		days[n], loads[n] = d, float64(booked[n])+load.Expected(d)
		n++
	}
	if n == 0 {
		return cal.OnOrAfter(ideal)
	}
	open := func(i int) bool { return true }
	if c := dailyCap(load); c > 0 {
		for i := range n {
			if booked[i] < c {
				open = func(i int) bool { return booked[i] < c }
				break
			}
		}
	}
	// The lightest open day, each day away from ideal counting pull; of
	// the days within margin of it, the nearest to ideal.
	margin, pull := thresholds(loads[:n])
	scores := func(i int) float64 { return loads[i] + pull*float64(abs(days[i].DaysUntil(ideal))) }
	least, lightest := 0.0, -1
	for i := range n {
		if open(i) && (lightest < 0 || scores(i) < least) {
			least, lightest = scores(i), i
		}
	}
	best := -1
	for i := range n {
		if !open(i) || scores(i) > least+margin {
			continue
		}
		if best < 0 {
			best = i
			continue
		}
		di, db := abs(days[i].DaysUntil(ideal)), abs(days[best].DaysUntil(ideal))
		if di < db || di == db && scores(i) < scores(best)-tie {
			best = i
		}
	}
	return days[best]
}

// levelTie is how much lighter than a day nearer the ideal date a day
// must be to win, on a book of levelScale calls a day or more: half a
// call. Less is noise in the forecast, and moving a call for it would only
// stretch the cadence; more lets a day take a second call while its
// neighbours have none (three calls reached together would land two on
// one day).
const levelTie = 0.5

// levelPull is what each day away from the ideal date adds to a day's
// score, on a book of levelScale calls a day or more, so that the window's
// edges win only when they are really lighter.
const levelPull = 0.2

// levelScale is the calls a day from which levelTie and levelPull hold
// whole. A lighter book shrinks both in proportion: half a call is noise
// on a day of fifteen, but a sixth of a consultant's three calls a day,
// and with it a Friday of two status calls kept its interval calls too.
const levelScale = 12.0

// levelFloor is the least share of levelTie and levelPull a light book
// keeps, that of a book of six calls a day: less moved a consultant's
// calls further in their windows for no evener week.
const levelFloor = 0.5

// thresholds are the margin and the pull per day for a window whose days
// carry loads: levelTie and levelPull, in proportion to the mean load when
// it is under levelScale, never under levelFloor of them; whole on a
// window where no day holds a whole call.
func thresholds(loads []float64) (margin, pull float64) {
	mean, most := 0.0, 0.0
	for _, l := range loads {
		mean += l
		most = max(most, l)
	}
	mean /= float64(max(len(loads), 1))
	if most < 1 {
		// No day of the window holds a whole call: what the forecast
		// expects there are fractions of calls, too few to level, and a
		// call stays on its ideal date unless a day is really lighter.
		return levelTie, levelPull
	}
	f := min(max(mean/levelScale, levelFloor), 1)
	return levelTie * f, levelPull * f
}

// nearer reports whether a is nearer ideal than b, the earlier winning
// when both are as near.
func nearer(a, b, ideal Date) bool {
	da, db := abs(a.DaysUntil(ideal)), abs(b.DaysUntil(ideal))
	return da < db || da == db && a < b
}

func abs(n int) int { return max(n, -n) }

// ruleNext is what a reached call on day x gives under s: the rule that
// gives it (the override, or the base rule once the override is over by
// then), the taper step whose span it uses, the exact date (ideal), that
// date on a workday (normal, as Apply gives it) and the taper step after.
func ruleNext(s Schedule, x Date, cal Calendar) (rule Rule, used int, ideal, normal Date, next int) {
	rule = s.ActiveRule(x)
	normal, next = ruleDate(rule, s, x, cal)
	if rule.Equal(s.Override) && !s.Override.IsZero() && normal > s.OverrideUntil {
		base := s
		base.Override = Rule{}
		rule = s.Rule
		normal, next = ruleDate(rule, base, x, cal)
	}
	ideal = normal
	switch rule.Kind {
	case Interval:
		ideal = rule.Every.After(x)
	case Taper:
		ideal = rule.StepSpan(s.Step).After(x)
	}
	return rule, s.Step, ideal, normal, next
}

// ApplyLeveled is Apply followed by the leveler: when the outcome sets
// the rule's own next date (a reached call, or a miss from the fourth on)
// and the rule is Movable, the date moves within its window to the day
// that keeps the load even (see Level). Retries, callbacks, explicit dates
// and fixed-slot rules are exactly as Apply gives them. The caller should
// take the contact's current booking out of a Booker first (Book with
// n = -1) and book the result after, so the next placement sees it.
func ApplyLeveled(s Schedule, o Outcome, today, explicit Date, cal Calendar, load LoadModel) (Next, error) {
	n, err := Apply(s, o, today, explicit, cal)
	if err != nil || load == nil || !explicit.IsZero() {
		return n, err
	}
	if o != Reached && !(o.IsMiss() && n.Attempts > len(retryWorkdays)) {
		return n, nil
	}
	rule, used, ideal, normal, _ := ruleNext(s, today, cal)
	if n.Due != normal || !Movable(rule, used) {
		return n, nil
	}
	n.Due = Level(ideal, rule, used, cal, load)
	return n, nil
}

// AfterEditLeveled is AfterEdit followed by the leveler: when the edit
// moves an interval call to the date the new rule gives (counted from the
// last talk, or from today for a first call), that date moves within its
// window to a lighter day, never before today and, when the call was
// brought forward, never later than the due date before the edit. Other
// edits are exactly as AfterEdit leaves them.
func AfterEditLeveled(before, after Contact, today Date, cal Calendar, load LoadModel) Contact {
	was := after.Due
	out := AfterEdit(before, after, today, cal)
	if load == nil || out.Due == was || out.Status != Active {
		return out
	}
	rule := out.ActiveRule(today)
	if !Movable(rule, out.Step) {
		return out
	}
	from := out.LastTalk
	if from.IsZero() {
		from = today // a first call: its first interval counts from today
	}
	ideal := rule.Every.After(from)
	if rule.Kind == Taper {
		ideal = rule.StepSpan(out.Step).After(from)
	}
	if out.Due != cal.OnOrAfter(max(ideal, today)) || ideal < today {
		return out // overdue under the new rule (today it is), or kept
	}
	w := Window(rule.ApproxDays(out.Step))
	lo, hi := max(ideal.AddDays(-w), today), ideal.AddDays(w)
	if !was.IsZero() && out.Due < was {
		hi = min(hi, was) // brought forward: never past the planned call
	}
	if lo > hi {
		return out
	}
	if d := levelIn(ideal, lo, hi, cal, load); d >= lo && d <= hi {
		out.Due = d
	}
	return out
}

// Newcomer is a contact added without a first date, to ramp in.
type Newcomer struct {
	Tier     string
	Schedule Schedule // the rule (and override) it starts on; Due is ignored
	// Peers are the first calls already placed, by day, for contacts
	// added before like this one (same tier and rule, never called yet):
	// a contact added on its own takes its fair share with them, as the
	// next of a batch would. Newcomers of one group share one map.
	Peers map[Date]int
}

// RampInBatch picks the first due dates of a batch of contacts added on
// today without one (an import), in the batch's order: each interval
// contact goes to the least-loaded workday of its first interval,
// [today, today+interval), ties to the earliest, so the batch fills the
// quiet days first and spreads evenly under any capacity the days have
// room for. Fixed-slot rules (weekdays, daily, taper steps under a week)
// start at their first slot (FirstDue) and are placed before the others
// so those see them; then the highest tier goes first, then the shorter
// cadence, then the batch order.
//
// Each group of the batch (same tier, same first interval) is also spread
// on its own: no day takes more of a group than its fair share,
// ceil(group size / workdays in the interval). Without it a group placed
// late would fill the days the earlier groups' next calls leave quiet, and
// 240 prospects could land eight on one day and none on the next — the
// lumps would come back every interval.
//
// With a Booker every choice is booked, so later contacts see it and the
// calls it leads to; otherwise the batch keeps its own count on top of the
// load. A nil load spreads the batch over an empty book.
func RampInBatch(batch []Newcomer, today Date, cal Calendar, load LoadModel) []Date {
	type group struct {
		tier int // tierRank
		span int // rampSpan
	}
	order := make([]int, len(batch))
	keys := make([]group, len(batch))
	size := map[group]int{}
	placed := map[group]map[Date]int{}
	for i := range order {
		order[i] = i
		r := batch[i].Schedule.ActiveRule(today)
		keys[i] = group{tierRank(batch[i].Tier), rampSpan(r, today)}
		size[keys[i]]++
		if placed[keys[i]] == nil {
			placed[keys[i]] = map[Date]int{}
			for d, n := range batch[i].Peers {
				if d >= today && d < today.AddDays(keys[i].span) {
					placed[keys[i]][d] += n
					size[keys[i]] += n
				}
			}
		}
	}
	rank := func(i int) (int, int, int) {
		r := batch[i].Schedule.ActiveRule(today)
		fixed := 1
		if keys[i].span <= 1 {
			fixed = 0
		}
		return fixed, keys[i].tier, r.ApproxDays(0)
	}
	slices.SortStableFunc(order, func(a, b int) int {
		fa, ta, da := rank(a)
		fb, tb, db := rank(b)
		return cmp.Or(cmp.Compare(fa, fb), cmp.Compare(ta, tb), cmp.Compare(da, db))
	})

	booker, _ := load.(Booker)
	own := map[Date]int{}
	model := LoadModel(overlay{load, own})
	if booker != nil {
		model = booker
	}
	out := make([]Date, len(batch))
	for _, i := range order {
		s := batch[i].Schedule
		r := s.ActiveRule(today)
		k := keys[i]
		share := fairShare(size[k], today, k.span, cal)
		s.Due = rampIn(r, today, cal, model, func(d Date) bool { return placed[k][d] < share })
		s.Attempts, s.Step = 0, 0
		out[i] = s.Due
		placed[k][s.Due]++
		if booker != nil {
			booker.Book(s.Due, s, 1)
		} else {
			own[s.Due]++
		}
	}
	return out
}

// fairShare is the most contacts of a group of n that one workday of
// [today, today+span) takes: n over the workdays, rounded up.
func fairShare(n int, today Date, span int, cal Calendar) int {
	days := cal.WorkdaysBetween(today, today.AddDays(span))
	if days <= 0 {
		return n
	}
	return (n + days - 1) / days
}

// overlay adds a batch's own bookings to a load model (or to nothing).
type overlay struct {
	base LoadModel
	own  map[Date]int
}

func (o overlay) Booked(d Date) int {
	n := o.own[d]
	if o.base != nil {
		n += o.base.Booked(d)
	}
	return n
}

func (o overlay) Expected(d Date) float64 {
	if o.base == nil {
		return 0
	}
	return o.base.Expected(d)
}

// rampSpan is the number of days a new contact's first call may spread
// over: its first interval for interval rules and long first taper steps,
// nothing for the rest.
func rampSpan(r Rule, today Date) int {
	switch r.Kind {
	case Interval:
		return today.DaysUntil(r.Every.After(today))
	case Taper:
		if first := r.StepSpan(0).Days(); first >= 7 {
			return first
		}
	}
	return 0
}

// rampIn is the first due date of one new contact: the least-loaded
// workday in [today, today+span) that open allows (nil allows all), ties
// to the earliest; FirstDue when the rule has no span or no day is left.
func rampIn(r Rule, today Date, cal Calendar, load LoadModel, open func(Date) bool) Date {
	span := rampSpan(r, today)
	if span <= 1 || load == nil {
		return FirstDue(r, today, cal)
	}
	best, bestScore := Date(0), 0.0
	for d := today; d < today.AddDays(span); d++ {
		if !cal.IsWorkday(d) || open != nil && !open(d) {
			continue
		}
		if s := score(load, d); best.IsZero() || s < bestScore-tie {
			best, bestScore = d, s
		}
	}
	if best.IsZero() {
		return FirstDue(r, today, cal)
	}
	return best
}
