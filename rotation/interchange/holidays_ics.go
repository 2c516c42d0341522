package interchange

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"rotate/rotation"
)

// Limits of ReadHolidayICS: a holiday calendar is a few hundred events.
const (
	maxHolidayICSBytes = 4 << 20
	maxHolidayDays     = 20000
	maxHolidaySpan     = 31 // days one event may cover
	maxYearlyRepeats   = 50 // years a yearly event is repeated for
)

// ErrNotHolidayICS is wrapped by every error of ReadHolidayICS.
var ErrNotHolidayICS = errors.New("not a calendar of holidays")

// ReadHolidayICS reads the holidays of an iCalendar (.ics) file, such as
// those published for a country's public holidays: each VEVENT is a day
// off (or several, DTSTART up to DTEND exclusive) named by its SUMMARY. A
// start with a time counts for its date as written. A plain yearly
// repetition (RRULE:FREQ=YEARLY, with COUNT or UNTIL or neither) is
// repeated for up to 50 years; an event with any other repetition counts
// once. Cancelled events are skipped. The result is in file order,
// without duplicate dates; a file without a single holiday is an error.
func ReadHolidayICS(r io.Reader) ([]rotation.Holiday, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxHolidayICSBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxHolidayICSBytes {
		return nil, fmt.Errorf("%w: larger than %d MB", ErrNotHolidayICS, maxHolidayICSBytes>>20)
	}
	lines := unfoldICS(string(data))
	if len(lines) == 0 || !strings.EqualFold(strings.TrimSpace(lines[0]), "BEGIN:VCALENDAR") {
		return nil, fmt.Errorf("%w: it does not start with BEGIN:VCALENDAR", ErrNotHolidayICS)
	}
	var out []rotation.Holiday
	seen := map[rotation.Date]bool{}
	var ev *icsEvent
	for n, line := range lines {
		name, params, value := splitICSLine(line)
		switch {
		case name == "BEGIN" && strings.EqualFold(value, "VEVENT"):
			ev = &icsEvent{line: n + 1}
		case name == "END" && strings.EqualFold(value, "VEVENT") && ev != nil:
			days, err := ev.days()
			if err != nil {
				return nil, fmt.Errorf("%w: line %d: %v", ErrNotHolidayICS, ev.line, err)
			}
			for _, d := range days {
				if !seen[d] {
					seen[d] = true
					out = append(out, rotation.Holiday{Date: d, Name: ev.summary})
				}
			}
			if len(out) > maxHolidayDays {
				return nil, fmt.Errorf("%w: more than %d days", ErrNotHolidayICS, maxHolidayDays)
			}
			ev = nil
		case ev == nil:
		case name == "DTSTART":
			ev.start, ev.startErr = icsDate(value, params)
		case name == "DTEND":
			ev.end, ev.endErr = icsDate(value, params)
			ev.hasEnd = true
		case name == "SUMMARY":
			ev.summary = cleanHolidayName(icsUnescape(value))
		case name == "RRULE":
			ev.rrule = strings.ToUpper(value)
		case name == "STATUS":
			ev.cancelled = strings.EqualFold(value, "CANCELLED")
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%w: no event with a date in it", ErrNotHolidayICS)
	}
	return out, nil
}

type icsEvent struct {
	line             int
	start, end       rotation.Date
	startErr, endErr error
	hasEnd           bool
	summary, rrule   string
	cancelled        bool
}

// days are the days off the event makes.
func (e *icsEvent) days() ([]rotation.Date, error) {
	if e.cancelled {
		return nil, nil
	}
	if e.startErr != nil {
		return nil, e.startErr
	}
	if e.start.IsZero() {
		return nil, errors.New("an event without DTSTART")
	}
	span := 1
	if e.hasEnd {
		if e.endErr != nil {
			return nil, e.endErr
		}
		span = max(1, e.start.DaysUntil(e.end))
		if span > maxHolidaySpan {
			return nil, fmt.Errorf("an event of %d days", span)
		}
	}
	if e.summary == "" {
		e.summary = "Holiday"
	}
	years := 1
	var until rotation.Date
	if rule, ok := plainYearly(e.rrule); ok {
		years = maxYearlyRepeats
		if c, ok := rule["COUNT"]; ok {
			n, err := strconv.Atoi(c)
			if err != nil || n < 1 {
				return nil, fmt.Errorf("RRULE COUNT %q", c)
			}
			years = min(n, maxYearlyRepeats)
		}
		if u, ok := rule["UNTIL"]; ok {
			d, err := icsDate(u, nil)
			if err != nil {
				return nil, fmt.Errorf("RRULE UNTIL: %v", err)
			}
			until = d
		}
	}
	var days []rotation.Date
	y, m, dd := e.start.Time().Date()
	for i := range years {
		t := time.Date(y+i, m, dd, 0, 0, 0, 0, time.UTC)
		if t.Day() != dd { // 29 Feb in a year without one
			continue
		}
		first := rotation.DateOf(t)
		if !until.IsZero() && first > until || !first.InRange() {
			break
		}
		for j := range span {
			if d := first.AddDays(j); d.InRange() {
				days = append(days, d)
			}
		}
	}
	return days, nil
}

// plainYearly reads an RRULE that repeats every year on the start's date
// and nothing else (COUNT and UNTIL allowed).
func plainYearly(rrule string) (map[string]string, bool) {
	if rrule == "" {
		return nil, false
	}
	parts := map[string]string{}
	for _, p := range strings.Split(rrule, ";") {
		k, v, _ := strings.Cut(p, "=")
		parts[k] = v
	}
	if parts["FREQ"] != "YEARLY" {
		return nil, false
	}
	for k, v := range parts {
		switch {
		case k == "FREQ", k == "COUNT", k == "UNTIL", k == "INTERVAL" && v == "1", k == "WKST":
		default:
			return nil, false
		}
	}
	return parts, true
}

// unfoldICS splits the text into logical lines: a line that starts with a
// space or a tab continues the one before (RFC 5545 3.1).
func unfoldICS(s string) []string {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(strings.TrimPrefix(s, "\uFEFF")))
	sc.Buffer(make([]byte, 0, 64*1024), maxHolidayICSBytes+1)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		if len(line) > 0 && (line[0] == ' ' || line[0] == '\t') && len(lines) > 0 {
			lines[len(lines)-1] += line[1:]
			continue
		}
		if strings.TrimSpace(line) != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// splitICSLine reads NAME;PARAM=V;...:VALUE (a colon inside a quoted
// parameter value does not end the name).
func splitICSLine(line string) (name string, params map[string]string, value string) {
	quoted := false
	end := -1
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				end = i
			}
		}
		if end >= 0 {
			break
		}
	}
	if end < 0 {
		return strings.ToUpper(strings.TrimSpace(line)), nil, ""
	}
	head, value := line[:end], strings.TrimSpace(line[end+1:])
	fields := strings.Split(head, ";")
	name = strings.ToUpper(strings.TrimSpace(fields[0]))
	for _, f := range fields[1:] {
		k, v, _ := strings.Cut(f, "=")
		if params == nil {
			params = map[string]string{}
		}
		params[strings.ToUpper(strings.TrimSpace(k))] = strings.Trim(v, `"`)
	}
	return name, params, value
}

// icsDate reads a DATE (20261225) or DATE-TIME (20261225T000000[Z]) value
// as its date as written.
func icsDate(v string, _ map[string]string) (rotation.Date, error) {
	if len(v) < 8 {
		return 0, fmt.Errorf("date %q", v)
	}
	t, err := time.Parse("20060102", v[:8])
	if err != nil || len(v) > 8 && v[8] != 'T' {
		return 0, fmt.Errorf("date %q", v)
	}
	d := rotation.DateOf(t)
	if !d.InRange() {
		return 0, fmt.Errorf("date %q out of range", v)
	}
	return d, nil
}

// icsUnescape undoes TEXT escaping (\\, \;, \, and \n).
func icsUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte(' ')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// cleanHolidayName is a name on one line, cleaned as every text read
// (rotation.CleanLine), of at most 80 characters.
func cleanHolidayName(s string) string {
	s = strings.Join(strings.Fields(rotation.CleanLine(s)), " ")
	if r := []rune(s); len(r) > 80 {
		s = string(r[:80])
	}
	return s
}
