package rotation

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// DateForms lists the date words ParseDate accepts, for error messages.
const DateForms = "YYYY-MM-DD, today, tomorrow, a weekday (fri, friday, next friday), next week, in 2 weeks, +3d, +2w, 3d, mar 3"

// ErrBadDate is wrapped by every error ParseDate returns.
var ErrBadDate = errors.New("unknown date")

var monthNames = map[string]time.Month{
	"jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
	"apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
	"aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
	"oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}

var unitWords = map[string]Unit{
	"d": Days, "day": Days, "days": Days,
	"w": Weeks, "wk": Weeks, "wks": Weeks, "week": Weeks, "weeks": Weeks,
	"m": Months, "mo": Months, "month": Months, "months": Months,
	"y": Years, "yr": Years, "yrs": Years, "year": Years, "years": Years,
}

// ParseDate reads a date typed by a person, relative to today:
//
//	2027-03-01            that day
//	today, tomorrow       the obvious
//	fri, friday           the first Friday strictly after today
//	next fri, next friday the same
//	this friday           today if it is Friday, else the next one
//	in 2 weeks, in 3 days the span after today (also "in a week")
//	next week, next month a week or a calendar month after today
//	+3d, +2w, 3d, +1m     the span after today
//	mar 3, 3 march        that day this year, or next year once it has passed
//
// Dates that people state are kept as they are, even on a weekend.
func ParseDate(s string, today Date) (Date, error) {
	d, _, err := parseDate(s, today)
	return d, err
}

// TypedDate is a date a person typed for a next call, placed on their
// calendar (docs/DESIGN.md, Outcome -> next date): relative words (in 10 days,
// next month, +3d) are counted and then land on the next workday; a
// calendar date or a weekday (2027-03-01, fri, mar 3, tomorrow) is kept
// exactly as given, with a note when it is a day off.
type TypedDate struct {
	Date    Date
	Counted Date // relative words: the day counted, when it was a day off and Date is the workday after
	DayOff  bool // a date given exactly that is a day off, kept as typed
}

// ParseTypedDate reads a date typed for a next call (ParseDate's words)
// and places it on cal as TypedDate says.
func ParseTypedDate(s string, today Date, cal Calendar) (TypedDate, error) {
	d, relative, err := parseDate(s, today)
	if err != nil {
		return TypedDate{}, err
	}
	t := TypedDate{Date: d}
	switch {
	case cal.IsWorkday(d):
	case relative:
		t.Counted, t.Date = d, cal.OnOrAfter(d)
	default:
		t.DayOff = true
	}
	return t, nil
}

// Note says, in a few words for people, what placing the date did: "" when
// it is a plain workday.
func (t TypedDate) Note(today Date, cal Calendar) string {
	switch {
	case !t.Counted.IsZero():
		return t.Counted.Short(today) + " is " + dayOffWhy(t.Counted, cal) + ", so the call goes on the next workday, " + t.Date.Short(today) + "."
	case t.DayOff:
		return "That is " + dayOffWhy(t.Date, cal) + "; the date is kept as given."
	}
	return ""
}

// dayOffWhy names the kind of day off d is.
func dayOffWhy(d Date, cal Calendar) string {
	if cal.IsAway(d) {
		return "in your time away"
	}
	if name, ok := cal.Holiday(d); ok {
		return "a holiday (" + name + ")"
	}
	return "a day off"
}

// parseDate is ParseDate, saying also whether the words were relative (a
// span counted from today) rather than a day named.
func parseDate(s string, today Date) (Date, bool, error) {
	words := strings.Fields(strings.ToLower(s))
	d, relative, ok := parseWords(words, today)
	if !ok {
		if len(words) == 1 {
			if _, err := time.Parse(time.DateOnly, words[0]); err != nil && looksISO(words[0]) {
				return 0, false, fmt.Errorf("%w %q: no such day; use %s", ErrBadDate, strings.TrimSpace(s), DateForms)
			}
		}
		return 0, false, fmt.Errorf("%w %q; use %s", ErrBadDate, strings.TrimSpace(s), DateForms)
	}
	if !d.InRange() {
		return 0, false, fmt.Errorf("%w %q: after %s, the last date rotate keeps", ErrBadDate, strings.TrimSpace(s), MaxDate)
	}
	return d, relative, nil
}

// LooksISO reports whether s is written as a YYYY-MM-DD date.
func LooksISO(s string) bool { return looksISO(strings.TrimSpace(s)) }

func looksISO(s string) bool {
	return len(s) == 10 && s[4] == '-' && s[7] == '-'
}

func parseWords(w []string, today Date) (d Date, relative, ok bool) {
	switch len(w) {
	case 1:
		switch w[0] {
		case "today", "now":
			return today, false, true
		case "tomorrow", "tmrw", "tmr":
			return today + 1, false, true
		}
		if d, err := ParseISO(w[0]); err == nil {
			return d, false, true
		}
		if wd, ok := ParseWeekday(w[0]); ok {
			return nextWeekday(today, wd, false), false, true
		}
		if sp, ok := parseRelative(strings.TrimPrefix(w[0], "+")); ok {
			return sp.After(today), true, true
		}
	case 2:
		if w[0] == "next" {
			switch w[1] {
			case "week":
				return today.AddDays(7), true, true
			case "month":
				return today.AddMonths(1), true, true
			}
		}
		if wd, ok := ParseWeekday(w[1]); ok {
			switch w[0] {
			case "next", "on":
				return nextWeekday(today, wd, false), false, true
			case "this":
				return nextWeekday(today, wd, true), false, true
			}
		}
		if w[0] == "in" {
			if sp, ok := parseRelative(w[1]); ok {
				return sp.After(today), true, true
			}
		}
		if d, ok := monthDay(w[0], w[1], today); ok {
			return d, false, true
		}
		if d, ok := monthDay(w[1], w[0], today); ok {
			return d, false, true
		}
		if sp, ok := parseRelative(strings.TrimPrefix(w[0], "+") + w[1]); ok {
			return sp.After(today), true, true // "3 days", "+2 weeks"
		}
	case 3:
		if w[0] == "in" {
			n := w[1]
			if n == "a" || n == "an" || n == "one" {
				n = "1"
			}
			if sp, ok := parseRelative(n + w[2]); ok {
				return sp.After(today), true, true
			}
		}
	}
	return 0, false, false
}

// parseRelative reads "3d", "2weeks", "1month": a count and a unit word.
func parseRelative(s string) (Span, bool) {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i > 4 {
		return Span{}, false
	}
	n, err := strconv.Atoi(s[:i])
	if err != nil || n < 0 {
		return Span{}, false
	}
	u, ok := unitWords[s[i:]]
	if !ok {
		return Span{}, false
	}
	sp := Span{n, u}
	if sp.Days() > maxSpanDays {
		return Span{}, false
	}
	return sp, true
}

// monthDay reads "mar" "3": that day this year, or next year if it has
// already passed. Feb 29 rolls to the next leap year.
func monthDay(mon, day string, today Date) (Date, bool) {
	m, ok := monthNames[strings.TrimSuffix(mon, ".")]
	if !ok {
		return 0, false
	}
	day = strings.TrimRight(day, ".,")
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		day = strings.TrimSuffix(day, suf)
	}
	dd, err := strconv.Atoi(day)
	if err != nil || dd < 1 || dd > 31 || dd > daysIn(2000, m) {
		return 0, false
	}
	for y := today.Year(); y <= today.Year()+8; y++ {
		if dd > daysIn(y, m) {
			continue // Feb 29 outside a leap year
		}
		if d := NewDate(y, m, dd); d >= today {
			return d, true
		}
	}
	return 0, false
}

// nextWeekday returns the first wd strictly after today, or on or after
// today when sameDay is true.
func nextWeekday(today Date, wd time.Weekday, sameDay bool) Date {
	start := 1
	if sameDay {
		start = 0
	}
	for i := start; i < start+7; i++ {
		if today.AddDays(i).Weekday() == wd {
			return today.AddDays(i)
		}
	}
	return today
}
