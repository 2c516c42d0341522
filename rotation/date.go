package rotation

import (
	"fmt"
	"time"
)

// Date is a civil date (no time, no zone) counted in days. The zero Date
// means "no date"; real dates compare with <, > and subtract to a number of
// days.
type Date int32

// epoch is the Unix day of Date(1) = 0001-01-01, so that zero stays free.
var epoch = time.Date(1, time.January, 1, 0, 0, 0, 0, time.UTC).Unix() / 86400

// MinDate and MaxDate are the first and last dates rotate keeps:
// 0001-01-01 and 9999-12-31, the years a YYYY-MM-DD date can write. Date
// arithmetic (AddDays, AddMonths, the calendar's workday walks) stops at
// them rather than going past: a 1y cadence from 9999-06-01 lands on
// 9999-12-31, not in year 10000, which no export or book could read back.
const (
	MinDate Date = 1
	MaxDate Date = 3652059
)

// ClampDate returns d moved into [MinDate, MaxDate]; the zero Date (no
// date) stays zero.
func ClampDate(d Date) Date {
	if d.IsZero() {
		return 0
	}
	return min(max(d, MinDate), MaxDate)
}

// InRange reports whether d is a real date between MinDate and MaxDate.
func (d Date) InRange() bool { return d >= MinDate && d <= MaxDate }

// NewDate returns the date for a year, month and day; out-of-range values
// normalise as time.Date does (Jan 32 is Feb 1).
func NewDate(year int, month time.Month, day int) Date {
	return DateOf(time.Date(year, month, day, 0, 0, 0, 0, time.UTC))
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	u := time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400
	return Date(u - epoch + 1)
}

// Time returns midnight UTC of the date.
func (d Date) Time() time.Time {
	return time.Unix((int64(d)-1+epoch)*86400, 0).UTC()
}

// IsZero reports whether d is the "no date" value.
func (d Date) IsZero() bool { return d == 0 }

// Year, Month and Day return the calendar parts of d.
func (d Date) Year() int { return d.Time().Year() }

// Month returns the month of d.
func (d Date) Month() time.Month { return d.Time().Month() }

// Day returns the day of the month of d.
func (d Date) Day() int { return d.Time().Day() }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return d.Time().Weekday() }

// AddDays returns d moved by n days, stopping at MinDate and MaxDate.
func (d Date) AddDays(n int) Date {
	v := int64(d) + int64(max(min(n, 1<<40), -1<<40))
	return Date(min(max(v, int64(MinDate)), int64(MaxDate)))
}

// AddMonths returns d moved by n calendar months. A day that does not exist
// in the target month is clamped to its last day (Jan 31 + 1 month is Feb 28
// or 29), which is what people mean by "in a month". Like AddDays it stops
// at MinDate and MaxDate.
func (d Date) AddMonths(n int) Date {
	t := d.Time()
	n = max(min(n, 12*10000), -12*10000)
	y, m := t.Year(), int(t.Month())-1+n
	y += m / 12
	m %= 12
	if m < 0 {
		m += 12
		y--
	}
	if y > 9999 {
		return MaxDate
	}
	if y < 1 {
		return MinDate
	}
	day := t.Day()
	if last := daysIn(y, time.Month(m+1)); day > last {
		day = last
	}
	return NewDate(y, time.Month(m+1), day)
}

// DaysUntil returns the number of days from d to e (negative if e is earlier).
func (d Date) DaysUntil(e Date) int { return int(e - d) }

// String formats d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.Time().Format(time.DateOnly)
}

// Short formats d for people, e.g. "Fri 20 Feb" (with the year if it is not
// the year of today).
func (d Date) Short(today Date) string {
	if d.IsZero() {
		return "—"
	}
	if d.Year() != today.Year() {
		return d.Time().Format("Mon 2 Jan 2006")
	}
	return d.Time().Format("Mon 2 Jan")
}

// ParseISO reads a YYYY-MM-DD date.
func ParseISO(s string) (Date, error) {
	if d, ok := fastISO(s); ok {
		return d, nil
	}
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return 0, fmt.Errorf("%q is not a date of the form YYYY-MM-DD", s)
	}
	if t.Year() < 1 {
		return 0, fmt.Errorf("%q is out of range", s)
	}
	return DateOf(t), nil
}

// MustDate is ParseISO for constants in tests and examples; it panics on a
// malformed date.
func MustDate(s string) Date {
	d, err := ParseISO(s)
	if err != nil {
		panic(err)
	}
	return d
}

func daysIn(year int, month time.Month) int {
	return time.Date(year, month+1, 0, 0, 0, 0, 0, time.UTC).Day()
}

// fastISO reads a well-formed YYYY-MM-DD without time.Parse: dates are read
// by the ten thousand from the book. Anything unusual goes the slow way.
func fastISO(s string) (Date, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	num := func(a, b int) (int, bool) {
		n := 0
		for i := a; i < b; i++ {
			c := s[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			n = n*10 + int(c-'0')
		}
		return n, true
	}
	y, ok1 := num(0, 4)
	m, ok2 := num(5, 7)
	d, ok3 := num(8, 10)
	if !ok1 || !ok2 || !ok3 || y < 1 || m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return 0, false
	}
	return NewDate(y, time.Month(m), d), true
}
