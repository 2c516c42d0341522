package rotation

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Hours are calling hours, as minutes after midnight: a client may be
// called from From up to (not including) To, in the client's local time.
type Hours struct {
	From, To int
}

// DefaultHours are the calling hours of a new book.
var DefaultHours = Hours{9 * 60, 18 * 60}

// ParseHours reads calling hours such as "09:00-18:00" (or "9-18",
// "8:30-17:30"); the end may be 24:00 and must come after the start.
func ParseHours(s string) (Hours, error) {
	from, to, ok := strings.Cut(strings.TrimSpace(s), "-")
	bad := fmt.Errorf("hours %q: want HH:MM-HH:MM in the client's time, such as 09:00-18:00", s)
	if !ok {
		return Hours{}, bad
	}
	a, okA := parseClock(from)
	b, okB := parseClock(to)
	if !okA || !okB || a >= 24*60 {
		return Hours{}, bad
	}
	if b <= a {
		return Hours{}, fmt.Errorf("hours %q: the end must come after the start", s)
	}
	return Hours{a, b}, nil
}

// parseClock reads "9", "09", "9:30" or "24:00" as minutes after midnight.
func parseClock(s string) (int, bool) {
	s = strings.TrimSpace(s)
	hh, mm, hasMin := strings.Cut(s, ":")
	if len(hh) == 0 || len(hh) > 2 || hasMin && len(mm) != 2 {
		return 0, false
	}
	h, err := strconv.Atoi(hh)
	if err != nil || h < 0 || h > 24 || hh[0] == '+' {
		return 0, false
	}
	m := 0
	if hasMin {
		if m, err = strconv.Atoi(mm); err != nil || m < 0 || m > 59 || mm[0] == '+' {
			return 0, false
		}
	}
	if h == 24 && m != 0 {
		return 0, false
	}
	return h*60 + m, true
}

// String formats the hours as ParseHours reads them: "09:00-18:00".
func (h Hours) String() string {
	return fmt.Sprintf("%02d:%02d-%02d:%02d", h.From/60, h.From%60, h.To/60, h.To%60)
}

// Contains reports whether the clock time of t (in its own location) lies
// within the hours.
func (h Hours) Contains(t time.Time) bool {
	m := t.Hour()*60 + t.Minute()
	return m >= h.From && m < h.To
}

// LocalClock is a client's clock at a moment: their zone, their local
// time, and whether it lies within the calling hours. Known is false when
// the client's zone is not known; the rest is then empty.
type LocalClock struct {
	Known    bool
	Zone     string    // IANA name, "Europe/Berlin"
	Time     time.Time // now, in the client's zone
	Callable bool      // Time lies within the calling hours
}

// ClientClock is the clock of contact c at now (see ContactZone for
// numberZone).
func ClientClock(c Contact, now time.Time, hours Hours, numberZone func(number string) string) LocalClock {
	loc, name, err := ContactLocation(c, numberZone)
	if err != nil {
		return LocalClock{}
	}
	t := now.In(loc)
	return LocalClock{Known: true, Zone: name, Time: t, Callable: hours.Contains(t)}
}

// Label is how the clock is shown beside a client: "Berlin 16:05"; "" when
// the zone is not known.
func (lc LocalClock) Label() string {
	if !lc.Known {
		return ""
	}
	return ZoneCity(lc.Zone) + " " + lc.Time.Format("15:04")
}

// CallableFirst reorders a due list in SortDue's order so that, within
// each priority level (returned calls, then overdue or not, then tier), the clients who may be
// called now come first, then those whose zone is not known, then those
// outside their calling hours; the order is otherwise kept. clocks[i] is
// the clock of items[i]; both slices are reordered alike.
func CallableFirst(items []DueItem, clocks []LocalClock, today Date) {
	if len(items) != len(clocks) {
		return
	}
	rank := func(lc LocalClock) int {
		switch {
		case !lc.Known:
			return 1
		case lc.Callable:
			return 0
		}
		return 2
	}
	compare := func(ia, ib DueItem, ca, cb LocalClock) int {
		// Returned calls stay first (SortDue).
		if ra, rb := !ia.Returned.IsZero(), !ib.Returned.IsZero(); ra != rb {
			if ra {
				return -1
			}
			return 1
		}
		if oa, ob := ia.Due < today, ib.Due < today; oa != ob {
			if oa {
				return -1
			}
			return 1
		}
		if c := cmp.Compare(tierRank(ia.Tier), tierRank(ib.Tier)); c != 0 {
			return c
		}
		return cmp.Compare(rank(ca), rank(cb))
	}
	// Most lists are in order already (no zone known, or all within
	// hours): nothing to move, nothing to copy.
	sorted := true
	for i := 1; i < len(items) && sorted; i++ {
		sorted = compare(items[i-1], items[i], clocks[i-1], clocks[i]) <= 0
	}
	if sorted {
		return
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return compare(items[a], items[b], clocks[a], clocks[b]) })
	its, cls := slices.Clone(items), slices.Clone(clocks)
	for i, j := range idx {
		items[i], clocks[i] = its[j], cls[j]
	}
}

// OrderAtWithClocks is Agenda.OrderAt, with clocks (clocks[i] the clock
// of a.Due[i]) moved along with their rows.
func OrderAtWithClocks(a *Agenda, now Clock, clocks []LocalClock) []LocalClock {
	if len(clocks) != len(a.Due) {
		a.OrderAt(now)
		return clocks
	}
	byID := make(map[int64]LocalClock, len(clocks))
	for i, it := range a.Due {
		byID[it.ID] = clocks[i]
	}
	a.OrderAt(now)
	out := make([]LocalClock, len(a.Due))
	for i, it := range a.Due {
		out[i] = byID[it.ID]
	}
	return out
}
