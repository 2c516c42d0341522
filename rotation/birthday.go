package rotation

import (
	"fmt"
	"strings"
	"time"
)

// NoYear is the year a birthday without one is kept in, as Apple's
// contacts do (a leap year, so 29 February fits): the day and month are
// known, the age is not. It is never shown: BirthdayText gives the day
// and month alone.
const NoYear = 1604

// BirthdayText is a birthday as people read and type it: 1970-12-01 with
// its year, "12 Apr" without one; "" when unknown.
func BirthdayText(d Date) string {
	switch {
	case d.IsZero():
		return ""
	case d.Year() == NoYear:
		return d.Time().Format("2 Jan")
	}
	return d.String()
}

// ParseBirthday reads a birthday typed by a person: YYYY-MM-DD, or a day
// and month without the year ("12 Apr", "Apr 12", "--04-12", "04-12"),
// kept in NoYear. An empty text is no birthday.
func ParseBirthday(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	if d, err := ParseISO(s); err == nil {
		return d, nil
	}
	md := strings.TrimPrefix(s, "--")
	for _, layout := range []string{"01-02", "0102", "2 Jan", "Jan 2", "2 January", "January 2", "2. Jan", "2 Jan.", "Jan. 2"} {
		if t, err := time.Parse(layout, md); err == nil {
			// time.Parse gives year 0; day and month are checked against
			// a leap year, so 29 Feb is kept.
			if t.Day() <= daysIn(NoYear, t.Month()) {
				return NewDate(NoYear, t.Month(), t.Day()), nil
			}
		}
	}
	return 0, fmt.Errorf("birthday %q is not a date: use YYYY-MM-DD, or 12 Apr without the year", s)
}
