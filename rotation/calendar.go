package rotation

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Range is an inclusive span of days, such as a vacation.
type Range struct {
	From, To Date
}

// Contains reports whether d lies within r.
func (r Range) Contains(d Date) bool { return d >= r.From && d <= r.To }

// String formats r as "FROM..TO", the form ParseRange reads.
func (r Range) String() string { return r.From.String() + ".." + r.To.String() }

// ParseRange reads "YYYY-MM-DD..YYYY-MM-DD" (or a single date).
func ParseRange(s string) (Range, error) {
	from, to, found := strings.Cut(strings.TrimSpace(s), "..")
	a, err := ParseISO(strings.TrimSpace(from))
	if err != nil {
		return Range{}, fmt.Errorf("away range %q: %w (want FROM..TO)", s, err)
	}
	b := a
	if found {
		if b, err = ParseISO(strings.TrimSpace(to)); err != nil {
			return Range{}, fmt.Errorf("away range %q: %w (want FROM..TO)", s, err)
		}
	}
	if b < a {
		return Range{}, fmt.Errorf("away range %q ends before it starts", s)
	}
	return Range{a, b}, nil
}

// Calendar says which days are workdays: the working weekdays, less any
// away ranges and public holidays. The zero Calendar has no workdays; use
// DefaultCalendar.
type Calendar struct {
	Workdays [7]bool // indexed by time.Weekday
	Away     []Range
	Holidays *Holidays // nil: none
}

// DefaultCalendar works Monday to Friday with no time away.
func DefaultCalendar() Calendar {
	var c Calendar
	for wd := time.Monday; wd <= time.Friday; wd++ {
		c.Workdays[wd] = true
	}
	return c
}

// IsWorkday reports whether calls may be scheduled on d.
func (c Calendar) IsWorkday(d Date) bool {
	if !c.Workdays[d.Weekday()] {
		return false
	}
	for _, r := range c.Away {
		if r.Contains(d) {
			return false
		}
	}
	if c.Holidays != nil {
		if _, ok := c.Holidays.On(d); ok {
			return false
		}
	}
	return true
}

// Holiday returns the name of the public holiday on d, if it is one.
func (c Calendar) Holiday(d Date) (string, bool) {
	return c.Holidays.On(d)
}

// IsAway reports whether d falls in one of the away ranges.
func (c Calendar) IsAway(d Date) bool {
	for _, r := range c.Away {
		if r.Contains(d) {
			return true
		}
	}
	return false
}

// maxSearch bounds the walk to the next workday so a calendar with no
// workdays at all (or years away) cannot loop forever.
const maxSearch = 3 * 366

// OnOrAfter returns the first workday on or after d. A calendar without
// workdays returns d itself, and so does a walk that would pass MaxDate:
// the last date there is stands in for a workday after it.
func (c Calendar) OnOrAfter(d Date) Date {
	for i := 0; i < maxSearch && d+Date(i) <= MaxDate; i++ {
		if c.IsWorkday(d + Date(i)) {
			return d + Date(i)
		}
	}
	return min(d, MaxDate)
}

// AddWorkdays returns the n-th workday after d (n >= 1); d itself need not
// be a workday. It stops at MaxDate.
func (c Calendar) AddWorkdays(d Date, n int) Date {
	for ; n > 0 && d < MaxDate; n-- {
		d = c.OnOrAfter(d + 1)
	}
	return min(d, MaxDate)
}

// WorkdaysBetween counts the workdays in [from, to).
func (c Calendar) WorkdaysBetween(from, to Date) int {
	n := 0
	for d := from; d < to; d++ {
		if c.IsWorkday(d) {
			n++
		}
	}
	return n
}

var weekdayNames = map[string]time.Weekday{
	"sun": time.Sunday, "sunday": time.Sunday,
	"mon": time.Monday, "monday": time.Monday,
	"tue": time.Tuesday, "tues": time.Tuesday, "tuesday": time.Tuesday,
	"wed": time.Wednesday, "wednesday": time.Wednesday,
	"thu": time.Thursday, "thur": time.Thursday, "thurs": time.Thursday, "thursday": time.Thursday,
	"fri": time.Friday, "friday": time.Friday,
	"sat": time.Saturday, "saturday": time.Saturday,
}

// ParseWeekday reads a weekday name or its abbreviation, in any case.
func ParseWeekday(s string) (time.Weekday, bool) {
	wd, ok := weekdayNames[strings.ToLower(s)]
	return wd, ok
}

// ShortWeekday is the three-letter lower-case name used in rules ("fri").
func ShortWeekday(wd time.Weekday) string {
	return strings.ToLower(wd.String()[:3])
}

// ParseWorkdays reads a workday setting such as "mon-fri" or
// "mon,tue,wed,thu,fri,sat".
func ParseWorkdays(s string) ([7]bool, error) {
	var days [7]bool
	for _, part := range strings.Split(strings.ToLower(strings.TrimSpace(s)), ",") {
		part = strings.TrimSpace(part)
		from, to, isRange := strings.Cut(part, "-")
		a, ok := ParseWeekday(from)
		if !ok {
			return days, fmt.Errorf("workdays %q: %q is not a weekday (want e.g. mon-fri or mon,tue,thu)", s, from)
		}
		b := a
		if isRange {
			if b, ok = ParseWeekday(to); !ok {
				return days, fmt.Errorf("workdays %q: %q is not a weekday (want e.g. mon-fri or mon,tue,thu)", s, to)
			}
		}
		for wd := a; ; wd = (wd + 1) % 7 {
			days[wd] = true
			if wd == b {
				break
			}
		}
	}
	return days, nil
}

// FormatWorkdays prints a workday set in the form ParseWorkdays reads.
func FormatWorkdays(days [7]bool) string {
	var names []string
	for _, wd := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
		if days[wd] {
			names = append(names, ShortWeekday(wd))
		}
	}
	if slices.Equal(names, []string{"mon", "tue", "wed", "thu", "fri"}) {
		return "mon-fri"
	}
	return strings.Join(names, ",")
}
