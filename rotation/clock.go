package rotation

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Clock is a time of day to the minute, stored as minutes after midnight
// plus one, so that the zero Clock is "no time".
type Clock int

// ClockOf is the Clock h:m; it does not check its arguments (Valid does).
func ClockOf(h, m int) Clock { return Clock(h*60 + m + 1) }

// IsZero reports whether c is no time.
func (c Clock) IsZero() bool { return c == 0 }

// Valid reports whether c is no time or a time from 00:00 to 23:59.
func (c Clock) Valid() bool { return c >= 0 && c <= 24*60 }

// Minutes is the number of minutes after midnight (-1 for no time).
func (c Clock) Minutes() int { return int(c) - 1 }

// Hour and Minute are the parts of c (0 for no time).
func (c Clock) Hour() int   { return max(c.Minutes(), 0) / 60 }
func (c Clock) Minute() int { return max(c.Minutes(), 0) % 60 }

// String is "15:00", or "" for no time.
func (c Clock) String() string {
	if c.IsZero() || !c.Valid() {
		return ""
	}
	return fmt.Sprintf("%02d:%02d", c.Hour(), c.Minute())
}

// ParseClock reads a time of day: "15:00", "9:05", "15h",
// "15h30", "3pm", "3:30pm", "3.30 pm", "noon", "midnight". "" is no time.
func ParseClock(s string) (Clock, error) {
	orig := s
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return 0, nil
	}
	switch s {
	case "noon", "midday":
		return ClockOf(12, 0), nil
	case "midnight":
		return ClockOf(0, 0), nil
	}
	bad := fmt.Errorf("cannot read the time %q; use 15:00, 3pm or 3:30pm", orig)
	half := ""
	for _, suf := range []string{"am", "pm", "a.m.", "p.m."} {
		if rest, ok := strings.CutSuffix(s, suf); ok {
			half, s = suf[:1], strings.TrimSpace(rest)
			break
		}
	}
	hs, ms, found := strings.Cut(s, ":")
	if !found {
		hs, ms, found = strings.Cut(s, ".")
	}
	if !found && half == "" {
		hs, ms, found = strings.Cut(s, "h")
		if !found {
			return 0, bad
		}
	}
	if !found {
		ms = "0"
	}
	if ms == "" && strings.Contains(s, "h") {
		ms = "0"
	}
	if len(hs) == 0 || len(hs) > 2 || len(ms) == 0 || len(ms) > 2 || (found && len(ms) != 2 && ms != "0") {
		return 0, bad
	}
	h, err1 := strconv.Atoi(hs)
	m, err2 := strconv.Atoi(ms)
	if err1 != nil || err2 != nil || h < 0 || m < 0 || m > 59 || strings.ContainsAny(hs+ms, "+-") {
		return 0, bad
	}
	switch half {
	case "a", "p":
		if h < 1 || h > 12 {
			return 0, bad
		}
		h %= 12
		if half == "p" {
			h += 12
		}
	default:
		if h > 23 {
			return 0, bad
		}
	}
	return ClockOf(h, m), nil
}

// ParseTypedDateTime reads a next call typed with an optional time of day
// at its end: "thu 3pm", "tomorrow 10:30", "fri at 9:15", "2027-03-01
// 15:00", "3 pm"; a time alone ("4pm") is today. The date is placed as
// ParseTypedDate places it; the Clock is zero when no time was typed.
func ParseTypedDateTime(s string, today Date, cal Calendar) (TypedDate, Clock, error) {
	w := strings.Fields(s)
	var at Clock
	if n := len(w); n > 0 {
		last := w[n-1]
		cut := 1
		if l := strings.ToLower(last); n > 1 && (l == "am" || l == "pm" || l == "a.m." || l == "p.m.") {
			last, cut = w[n-2]+l, 2
		}
		if c, err := ParseClock(last); err == nil && (n > cut || looksClock(last)) {
			at, w = c, w[:n-cut]
			if k := len(w); k > 0 && strings.EqualFold(w[k-1], "at") {
				w = w[:k-1]
			}
		} else if looksClock(last) {
			return TypedDate{}, 0, err
		}
	}
	if len(w) == 0 {
		if at.IsZero() {
			t, err := ParseTypedDate(s, today, cal) // its own message for ""
			return t, 0, err
		}
		t := TypedDate{Date: today, DayOff: !cal.IsWorkday(today)}
		return t, at, nil
	}
	t, err := ParseTypedDate(strings.Join(w, " "), today, cal)
	return t, at, err
}

// looksClock reports whether a word is written as a time of day (it has
// a colon, or ends in am or pm), so that a bad one is named as a time.
func looksClock(w string) bool {
	w = strings.ToLower(w)
	return strings.Contains(w, ":") || strings.HasSuffix(w, "am") || strings.HasSuffix(w, "pm") ||
		strings.HasSuffix(w, "a.m.") || strings.HasSuffix(w, "p.m.")
}

// ClockAt is the time of day of t, in t's location, to the minute.
func ClockAt(t time.Time) Clock { return ClockOf(t.Hour(), t.Minute()) }
