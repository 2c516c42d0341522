package rotation

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	"github.com/rickar/cal/v2"
)

// Holiday is one public holiday: a day off with its name.
type Holiday struct {
	Date Date
	Name string
}

// HolidayCodes lists the codes of the countries and regions whose public
// holidays are known, sorted.
func HolidayCodes() []string {
	codes := make([]string, 0, len(holidayLists))
	for c := range holidayLists {
		codes = append(codes, c)
	}
	slices.Sort(codes)
	return codes
}

// ParseHolidayCodes reads a list of holiday codes such as "US" or
// "gb, de-by" ("none" or "" is no country): each must be known.
func ParseHolidayCodes(s string) ([]string, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "none") {
		return nil, nil
	}
	var codes []string
	for _, part := range strings.Split(s, ",") {
		code := strings.ToUpper(strings.TrimSpace(part))
		if code == "" {
			continue
		}
		if _, ok := holidayLists[code]; !ok {
			return nil, unknownHolidayCode(code)
		}
		if !slices.Contains(codes, code) {
			codes = append(codes, code)
		}
	}
	return codes, nil
}

func unknownHolidayCode(code string) error {
	var regions []string
	for c := range holidayLists {
		if strings.HasPrefix(c, code+"-") {
			regions = append(regions, c)
		}
	}
	if len(regions) > 0 {
		slices.Sort(regions)
		return fmt.Errorf("holidays %q: name a region: %s", code, strings.Join(regions, ", "))
	}
	return fmt.Errorf("holidays %q: no public holidays known for it (rotate config holidays lists the codes; add an .ics of them with rotate config holidays add FILE)", code)
}

// Holidays are the days off of public holidays: those of the configured
// countries or regions, computed per year as they are asked for, and
// those added by hand (from an .ics file). The nil *Holidays has none. A
// day that is a holiday in any of them is off; a holiday that falls on a
// weekend and is observed on a weekday makes both days off.
type Holidays struct {
	codes []string
	added map[Date]string

	mu    sync.Mutex
	years map[int]map[Date]string
}

// NewHolidays makes the holidays of codes (checked with ParseHolidayCodes;
// unknown ones are skipped) and of the days added.
func NewHolidays(codes []string, added []Holiday) *Holidays {
	if len(codes) == 0 && len(added) == 0 {
		return nil
	}
	h := &Holidays{years: map[int]map[Date]string{}}
	for _, c := range codes {
		if _, ok := holidayLists[c]; ok {
			h.codes = append(h.codes, c)
		}
	}
	if len(added) > 0 {
		h.added = make(map[Date]string, len(added))
		for _, a := range added {
			if _, dup := h.added[a.Date]; !dup {
				h.added[a.Date] = a.Name
			}
		}
	}
	return h
}

// Codes are the countries and regions the holidays are of.
func (h *Holidays) Codes() []string {
	if h == nil {
		return nil
	}
	return slices.Clone(h.codes)
}

// Added are the days added by hand, in date order.
func (h *Holidays) Added() []Holiday {
	if h == nil {
		return nil
	}
	out := make([]Holiday, 0, len(h.added))
	for d, n := range h.added {
		out = append(out, Holiday{d, n})
	}
	slices.SortFunc(out, func(a, b Holiday) int { return int(a.Date - b.Date) })
	return out
}

// On returns the name of the holiday on d, if d is one.
func (h *Holidays) On(d Date) (string, bool) {
	if h == nil {
		return "", false
	}
	if n, ok := h.added[d]; ok {
		return n, true
	}
	if len(h.codes) == 0 || !d.InRange() {
		return "", false
	}
	y := d.Time().Year()
	h.mu.Lock()
	defer h.mu.Unlock()
	// A holiday observed on another day may be observed in the year
	// before or after its own (1 Jan on a Saturday, observed 31 Dec).
	for _, yy := range []int{y, y + 1, y - 1} {
		if n, ok := h.year(yy)[d]; ok {
			return n, true
		}
	}
	return "", false
}

// year is the holidays of the codes in one year (the days they are
// observed on may lie in the years around it), computed once; h.mu is
// held.
func (h *Holidays) year(y int) map[Date]string {
	if m, ok := h.years[y]; ok {
		return m
	}
	m := map[Date]string{}
	if y >= 1 && y <= 9999 {
		for _, code := range h.codes {
			for _, hol := range holidayLists[code] {
				if hol.Type == cal.ObservanceOther {
					continue
				}
				actual, observed := hol.Calc(y)
				if actual.IsZero() {
					continue
				}
				if _, taken := m[DateOf(actual)]; !taken {
					m[DateOf(actual)] = hol.Name
				}
				if o := DateOf(observed); !observed.IsZero() && o != DateOf(actual) {
					if _, taken := m[o]; !taken {
						m[o] = hol.Name + " (observed)"
					}
				}
			}
		}
	}
	h.years[y] = m
	return m
}

// FormatHolidayLines writes holidays one "YYYY-MM-DD Name" a line, the
// form ParseHolidayLines reads (the setting AddedHolidaysKey).
func FormatHolidayLines(hs []Holiday) string {
	var b strings.Builder
	for i, h := range hs {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(h.Date.String())
		b.WriteByte(' ')
		b.WriteString(strings.Join(strings.Fields(h.Name), " "))
	}
	return b.String()
}

// ParseHolidayLines reads what FormatHolidayLines writes.
func ParseHolidayLines(s string) ([]Holiday, error) {
	var hs []Holiday
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		day, name, _ := strings.Cut(line, " ")
		d, err := ParseISO(day)
		if err != nil {
			return nil, fmt.Errorf("holiday %q: %w", line, err)
		}
		hs = append(hs, Holiday{d, strings.TrimSpace(name)})
	}
	return hs, nil
}
