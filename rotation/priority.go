package rotation

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Tiers are the client tiers, most important first.
var Tiers = []string{"A", "B", "C"}

// ParseTier reads a tier letter in any case.
func ParseTier(s string) (string, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	for _, tier := range Tiers {
		if t == tier {
			return t, nil
		}
	}
	return "", fmt.Errorf("unknown tier %q; use A, B or C", s)
}

// DefaultTierRules are the cadences of each tier until the user sets them.
var DefaultTierRules = map[string]string{"A": "every 30d", "B": "every 90d", "C": "every 6m"}

// PriorityKey is what the due list is ordered by.
type PriorityKey struct {
	Due      Date
	Tier     string
	Interval int // the rule's typical days between calls (ApproxDays)
}

// Lateness is how late a call is on today relative to its interval: 0 when
// due today, 1.0 when a whole interval overdue. A week late on a weekly
// call matters more than a week late on a yearly one.
func (k PriorityKey) Lateness(today Date) float64 {
	late := float64(k.Due.DaysUntil(today))
	if late <= 0 {
		return 0
	}
	return late / float64(max(k.Interval, 1))
}

// ComparePriority orders the due list, most urgent first:
//
//  1. overdue calls before calls due today (or later);
//  2. then by tier, A before B before C (no tier last);
//  3. then the later relative to the interval, the earlier;
//  4. then the earlier due date.
//
// Callers break the remaining ties by name, so the order is stable.
func ComparePriority(a, b PriorityKey, today Date) int {
	aOver, bOver := a.Due < today, b.Due < today
	if aOver != bOver {
		if aOver {
			return -1
		}
		return 1
	}
	if c := cmp.Compare(tierRank(a.Tier), tierRank(b.Tier)); c != 0 {
		return c
	}
	if c := cmp.Compare(b.Lateness(today), a.Lateness(today)); c != 0 {
		return c
	}
	return cmp.Compare(a.Due, b.Due)
}

func tierRank(t string) int {
	for i, tier := range Tiers {
		if t == tier {
			return i
		}
	}
	return len(Tiers)
}

// SortDue orders a due list: returned calls (Schedule.Returned) first,
// the longest waiting first; then by ComparePriority, then by name and id so the
// order never changes between two looks at the same list. Keys are worked
// out once per item, not once per comparison.
func SortDue(items []DueItem, today Date) {
	type keyed struct {
		returned Date // MaxDate+1 for none, so returned calls sort first
		overdue  bool
		tier     int
		late     float64
		due      Date
		name     string
		id       int64
		idx      int
	}
	keys := make([]keyed, len(items))
	for i := range items {
		k := items[i].PriorityKey(today)
		ret := MaxDate + 1
		if !items[i].Returned.IsZero() {
			ret = items[i].Returned
		}
		keys[i] = keyed{ret, k.Due < today, tierRank(k.Tier), k.Lateness(today), k.Due, Fold(items[i].Name), items[i].ID, i}
	}
	// The same order as ComparePriority, on precomputed keys.
	slices.SortStableFunc(keys, func(a, b keyed) int {
		if c := cmp.Compare(a.returned, b.returned); c != 0 {
			return c
		}
		if a.overdue != b.overdue {
			if a.overdue {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(a.tier, b.tier); c != 0 {
			return c
		}
		if c := cmp.Compare(b.late, a.late); c != 0 {
			return c
		}
		if c := cmp.Compare(a.due, b.due); c != 0 {
			return c
		}
		if c := cmp.Compare(a.name, b.name); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	sorted := make([]DueItem, len(items))
	for i, k := range keys {
		sorted[i] = items[k.idx]
	}
	copy(items, sorted)
}

// PriorityKey is the contact's key for the due list on today.
func (c Contact) PriorityKey(today Date) PriorityKey {
	return PriorityKey{Due: c.Due, Tier: c.Tier, Interval: c.ActiveRule(today).ApproxDays(c.Step)}
}

// TimedNear is how long before its time a timed call (a callback "thu
// 3pm") moves up the due list to be made on time.
const TimedNear = 60 // minutes

// OrderTimed moves the timed calls of a sorted due list whose hour nears
// at now (TimedNear minutes before their time, or later; any day before
// today) up, right after the returned calls, ordered by day and time. The
// rest keep their order; so do timed calls whose hour is still far.
func OrderTimed(items []DueItem, today Date, now Clock) {
	near := func(it DueItem) bool {
		if it.DueTime.IsZero() || it.Due > today || it.Due.IsZero() {
			return false
		}
		return it.Due < today || !now.IsZero() && it.DueTime.Minutes()-now.Minutes() <= TimedNear
	}
	var head, timed, rest []DueItem
	for _, it := range items {
		switch {
		case !it.Returned.IsZero():
			head = append(head, it)
		case near(it):
			timed = append(timed, it)
		default:
			rest = append(rest, it)
		}
	}
	if len(timed) == 0 {
		return
	}
	slices.SortStableFunc(timed, func(a, b DueItem) int {
		if c := cmp.Compare(a.Due, b.Due); c != 0 {
			return c
		}
		return cmp.Compare(a.DueTime, b.DueTime)
	})
	n := copy(items, head)
	n += copy(items[n:], timed)
	copy(items[n:], rest)
}

// OrderAt is OrderTimed on the agenda's due list at the time of day now.
func (a *Agenda) OrderAt(now Clock) { OrderTimed(a.Due, a.Day, now) }
