package rotation

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Unit is the unit of a Span: days, weeks, calendar months or years.
type Unit byte

// The units a span may use; the byte is the letter people type.
const (
	Days   Unit = 'd'
	Weeks  Unit = 'w'
	Months Unit = 'm'
	Years  Unit = 'y'
)

// Span is a length of time such as 90d, 2w or 3m.
type Span struct {
	N    int
	Unit Unit
}

// maxSpanDays keeps spans to something a calendar can hold (ten years).
const maxSpanDays = 3660

// After returns the date one span after d. Months and years are calendar
// months (Jan 31 + 1m is the last day of February).
func (s Span) After(d Date) Date {
	switch s.Unit {
	case Weeks:
		return d.AddDays(7 * s.N)
	case Months:
		return d.AddMonths(s.N)
	case Years:
		return d.AddMonths(12 * s.N)
	default:
		return d.AddDays(s.N)
	}
}

// Days returns the span's length in days; months and years are averaged
// (30 and 365 days), which is what windows and priorities need.
func (s Span) Days() int {
	switch s.Unit {
	case Weeks:
		return 7 * s.N
	case Months:
		return 30 * s.N
	case Years:
		return 365 * s.N
	default:
		return s.N
	}
}

// String formats the span as people type it ("90d").
func (s Span) String() string { return strconv.Itoa(s.N) + string(s.Unit) }

// ParseSpan reads "90d", "2w", "3m" or "1y".
func ParseSpan(s string) (Span, error) {
	if len(s) < 2 {
		return Span{}, fmt.Errorf("%q is not a span like 90d, 2w, 3m or 1y", s)
	}
	u := Unit(s[len(s)-1])
	switch u {
	case Days, Weeks, Months, Years:
	default:
		return Span{}, fmt.Errorf("%q is not a span like 90d, 2w, 3m or 1y", s)
	}
	digits := s[:len(s)-1]
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 || digits[0] == '+' || digits[0] == '0' {
		return Span{}, fmt.Errorf("%q is not a span like 90d, 2w, 3m or 1y", s)
	}
	sp := Span{n, u}
	if n > maxSpanDays || sp.Days() > maxSpanDays {
		return Span{}, fmt.Errorf("%q is longer than ten years", s)
	}
	return sp, nil
}

// Kind tells the shape of a cadence rule.
type Kind int

// The kinds of cadence rule. The zero Kind is "no rule".
const (
	None     Kind = iota
	Interval      // every 90d: a fixed span after the last conversation
	Weekdays      // weekly fri, every mon,thu: fixed slots on the calendar
	Daily         // daily: every workday
	Taper         // taper 1d 1d 3d 7d: each reached call advances a step
)

// Rule is a cadence rule: how often a contact is called. Build one with
// ParseRule; String prints it back in the same form.
type Rule struct {
	Kind  Kind
	Every Span    // for Interval
	On    [7]bool // for Weekdays, indexed by time.Weekday
	Steps []Span  // for Taper; the last step repeats
}

// ValidRuleForms lists the forms ParseRule accepts, for error messages.
const ValidRuleForms = "every 90d (or 90d), every 2w, every 3m, every 1y, weekly fri, every mon,thu, daily, taper 1d 1d 3d 7d"

// ErrBadRule is wrapped by every error ParseRule returns.
var ErrBadRule = errors.New("bad cadence rule")

const maxTaperSteps = 32

// ParseRule reads a cadence rule in one of the ValidRuleForms, in any case
// and spacing.
func ParseRule(s string) (Rule, error) {
	fields := strings.Fields(strings.ToLower(s))
	bad := func(why string) (Rule, error) {
		if why != "" {
			why = " (" + why + ")"
		}
		return Rule{}, fmt.Errorf("%w %q%s; valid forms: %s", ErrBadRule, s, why, ValidRuleForms)
	}
	if len(fields) == 0 {
		return bad("empty")
	}
	switch fields[0] {
	case "daily":
		if len(fields) != 1 {
			return bad("daily takes nothing after it")
		}
		return Rule{Kind: Daily}, nil
	case "taper":
		if len(fields) < 2 {
			return bad("taper needs its steps, e.g. taper 1d 3d 7d")
		}
		if len(fields)-1 > maxTaperSteps {
			return bad(fmt.Sprintf("at most %d taper steps", maxTaperSteps))
		}
		r := Rule{Kind: Taper}
		for _, f := range fields[1:] {
			sp, err := ParseSpan(f)
			if err != nil {
				return bad(err.Error())
			}
			r.Steps = append(r.Steps, sp)
		}
		return r, nil
	case "weekly", "every":
		// Weekdays may be separated by commas, spaces or both:
		// "every mon,thu", "every mon thu", "weekly mon, thu".
		names := strings.FieldsFunc(strings.Join(fields[1:], " "), func(r rune) bool { return r == ',' || r == ' ' })
		if len(names) == 0 {
			return bad(fields[0] + " what?")
		}
		if fields[0] == "every" {
			joined := strings.Join(fields[1:], "")
			if sp, err := ParseSpan(joined); err == nil {
				return Rule{Kind: Interval, Every: sp}, nil
			} else if looksLikeSpan(joined) {
				return bad(err.Error())
			}
		}
		r := Rule{Kind: Weekdays}
		for _, name := range names {
			wd, ok := ParseWeekday(name)
			if !ok {
				if fields[0] == "weekly" {
					return bad(fmt.Sprintf("%q is not a weekday", name))
				}
				return bad(fmt.Sprintf("%q is neither a span nor a weekday", name))
			}
			r.On[wd] = true
		}
		return r, nil
	}
	if len(fields) == 1 {
		if sp, err := ParseSpan(fields[0]); err == nil {
			return Rule{Kind: Interval, Every: sp}, nil
		}
	}
	return bad("")
}

// looksLikeSpan reports whether s has the shape of a span (digits and a
// unit letter), so a bad one is reported as a span, not as a weekday.
func looksLikeSpan(s string) bool {
	if len(s) < 2 {
		return false
	}
	for _, c := range s[:len(s)-1] {
		if c < '0' || c > '9' {
			return false
		}
	}
	return strings.ContainsRune("dwmy", rune(s[len(s)-1]))
}

// MustRule is ParseRule for constants; it panics on a bad rule.
func MustRule(s string) Rule {
	r, err := ParseRule(s)
	if err != nil {
		panic(err)
	}
	return r
}

// String prints the rule in its canonical form ("every 90d", "weekly fri",
// "every mon,thu", "daily", "taper 1d 3d 7d"), or "" for no rule.
func (r Rule) String() string {
	switch r.Kind {
	case Interval:
		return "every " + r.Every.String()
	case Daily:
		return "daily"
	case Taper:
		parts := make([]string, len(r.Steps))
		for i, s := range r.Steps {
			parts[i] = s.String()
		}
		return "taper " + strings.Join(parts, " ")
	case Weekdays:
		var names []string
		for _, wd := range weekOrder {
			if r.On[wd] {
				names = append(names, ShortWeekday(wd))
			}
		}
		if len(names) == 1 {
			return "weekly " + names[0]
		}
		return "every " + strings.Join(names, ",")
	}
	return ""
}

// weekOrder is Monday-first, the order people list working days in.
var weekOrder = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

// Equal reports whether two rules are the same rule.
func (r Rule) Equal(o Rule) bool {
	return r.Kind == o.Kind && r.Every == o.Every && r.On == o.On && slices.Equal(r.Steps, o.Steps)
}

// IsZero reports whether r is "no rule".
func (r Rule) IsZero() bool { return r.Kind == None }

// StepSpan returns the taper span used at step i (the last one repeats).
func (r Rule) StepSpan(step int) Span {
	if len(r.Steps) == 0 {
		return Span{1, Days}
	}
	return r.Steps[min(max(step, 0), len(r.Steps)-1)]
}

// ApproxDays is the typical number of days between calls under the rule at
// the given taper step: the yardstick for "how late" and for windows.
func (r Rule) ApproxDays(step int) int {
	switch r.Kind {
	case Interval:
		return r.Every.Days()
	case Daily:
		return 1
	case Taper:
		return r.StepSpan(step).Days()
	case Weekdays:
		n := 0
		for _, on := range r.On {
			if on {
				n++
			}
		}
		if n == 0 {
			return 7
		}
		return max(1, 7/n)
	}
	return 0
}
