package rotation

import (
	"strings"
	"testing"
	"time"
)

// calendar returns a calendar working the given days ("mon-fri") with the
// given away ranges ("2026-12-21..2027-01-01").
func calendar(t testing.TB, workdays string, away ...string) Calendar {
	t.Helper()
	days, err := ParseWorkdays(workdays)
	if err != nil {
		t.Fatal(err)
	}
	c := Calendar{Workdays: days}
	for _, a := range away {
		r, err := ParseRange(a)
		if err != nil {
			t.Fatal(err)
		}
		c.Away = append(c.Away, r)
	}
	return c
}

func TestDefaultCalendar(t *testing.T) {
	c := DefaultCalendar()
	want := map[string]bool{
		"2026-11-23": true, "2026-11-24": true, "2026-11-25": true, "2026-11-26": true, "2026-11-27": true,
		"2026-11-28": false, "2026-11-29": false,
	}
	for day, work := range want {
		if got := c.IsWorkday(d(day)); got != work {
			t.Errorf("default IsWorkday(%s %s) = %v, want %v", day, d(day).Weekday(), got, work)
		}
	}
	if FormatWorkdays(c.Workdays) != "mon-fri" {
		t.Errorf("default workdays = %s, want mon-fri", FormatWorkdays(c.Workdays))
	}
}

func TestIsWorkdayAndIsAway(t *testing.T) {
	c := calendar(t, "mon-fri", "2026-12-21..2027-01-01", "2026-11-26")
	tests := []struct {
		day        string
		work, away bool
	}{
		{"2026-11-25", true, false},
		{"2026-11-26", false, true}, // a one-day range
		{"2026-11-27", true, false},
		{"2026-12-18", true, false},
		{"2026-12-21", false, true}, // first day of the range
		{"2026-12-26", false, true}, // a Saturday inside it
		{"2027-01-01", false, true}, // last day of the range
		{"2027-01-02", false, false},
		{"2027-01-04", true, false},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			if got := c.IsWorkday(d(tt.day)); got != tt.work {
				t.Errorf("IsWorkday(%s) = %v, want %v", tt.day, got, tt.work)
			}
			if got := c.IsAway(d(tt.day)); got != tt.away {
				t.Errorf("IsAway(%s) = %v, want %v", tt.day, got, tt.away)
			}
		})
	}
}

func TestOnOrAfter(t *testing.T) {
	tests := []struct {
		name string
		cal  Calendar
		from string
		want string
	}{
		{"a workday stays", DefaultCalendar(), "2026-11-25", "2026-11-25"},
		{"saturday moves to monday", DefaultCalendar(), "2026-11-28", "2026-11-30"},
		{"sunday moves to monday", DefaultCalendar(), "2026-11-29", "2026-11-30"},
		{"inside a vacation moves to the first workday after it", calendar(t, "mon-fri", "2026-12-21..2027-01-01"), "2026-12-23", "2027-01-04"},
		{"vacation ending on a friday", calendar(t, "mon-fri", "2026-11-30..2026-12-04"), "2026-11-28", "2026-12-07"},
		{"two ranges back to back", calendar(t, "mon-fri", "2026-11-30..2026-12-02", "2026-12-03..2026-12-04"), "2026-11-30", "2026-12-07"},
		{"custom workdays skip friday", calendar(t, "mon-thu"), "2026-11-27", "2026-11-30"},
		{"saturday as a workday stays", calendar(t, "tue-sat"), "2026-11-28", "2026-11-28"},
		{"monday off under tue-sat", calendar(t, "tue-sat"), "2026-11-29", "2026-12-01"},
		{"a calendar without workdays returns the day itself", Calendar{}, "2026-11-28", "2026-11-28"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cal.OnOrAfter(d(tt.from)); got != d(tt.want) {
				t.Errorf("OnOrAfter(%s) = %s, want %s", tt.from, got, tt.want)
			}
		})
	}
}

func TestAddWorkdays(t *testing.T) {
	tests := []struct {
		name string
		cal  Calendar
		from string
		n    int
		want string
	}{
		{"wed + 1", DefaultCalendar(), "2026-11-25", 1, "2026-11-26"},
		{"wed + 2", DefaultCalendar(), "2026-11-25", 2, "2026-11-27"},
		{"wed + 4 skips the weekend", DefaultCalendar(), "2026-11-25", 4, "2026-12-01"},
		{"fri + 1 is monday", DefaultCalendar(), "2026-11-27", 1, "2026-11-30"},
		{"sat + 1 is monday", DefaultCalendar(), "2026-11-28", 1, "2026-11-30"},
		{"sun + 5 is friday", DefaultCalendar(), "2026-11-29", 5, "2026-12-04"},
		{"zero is the day itself", DefaultCalendar(), "2026-11-28", 0, "2026-11-28"},
		{"across a vacation", calendar(t, "mon-fri", "2026-11-26..2026-12-01"), "2026-11-25", 2, "2026-12-03"},
		{"custom workdays", calendar(t, "mon,wed,fri"), "2026-11-25", 3, "2026-12-02"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cal.AddWorkdays(d(tt.from), tt.n); got != d(tt.want) {
				t.Errorf("AddWorkdays(%s, %d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

func TestWorkdaysBetween(t *testing.T) {
	tests := []struct {
		name     string
		cal      Calendar
		from, to string
		want     int
	}{
		{"a whole week", DefaultCalendar(), "2026-11-23", "2026-11-30", 5},
		{"half open: to is excluded", DefaultCalendar(), "2026-11-25", "2026-11-27", 2},
		{"empty span", DefaultCalendar(), "2026-11-25", "2026-11-25", 0},
		{"reversed span", DefaultCalendar(), "2026-11-27", "2026-11-25", 0},
		{"weekend only", DefaultCalendar(), "2026-11-28", "2026-11-30", 0},
		{"two weeks less a vacation", calendar(t, "mon-fri", "2026-12-21..2027-01-01"), "2026-12-14", "2027-01-11", 10},
		{"six-day week", calendar(t, "mon-sat"), "2026-11-23", "2026-11-30", 6},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cal.WorkdaysBetween(d(tt.from), d(tt.to)); got != tt.want {
				t.Errorf("WorkdaysBetween(%s, %s) = %d, want %d", tt.from, tt.to, got, tt.want)
			}
		})
	}
}

func TestParseWeekday(t *testing.T) {
	tests := []struct {
		in   string
		want time.Weekday
		ok   bool
	}{
		{"mon", time.Monday, true},
		{"Monday", time.Monday, true},
		{"TUES", time.Tuesday, true},
		{"thur", time.Thursday, true},
		{"thurs", time.Thursday, true},
		{"fri", time.Friday, true},
		{"saturday", time.Saturday, true},
		{"sun", time.Sunday, true},
		{"fr", 0, false},
		{"", 0, false},
		{" mon", 0, false},
		{"mond", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, ok := ParseWeekday(tt.in)
			if ok != tt.ok || (ok && got != tt.want) {
				t.Errorf("ParseWeekday(%q) = %s, %v; want %s, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
	for wd := time.Sunday; wd <= time.Saturday; wd++ {
		back, ok := ParseWeekday(ShortWeekday(wd))
		if !ok || back != wd || len(ShortWeekday(wd)) != 3 {
			t.Errorf("ShortWeekday(%s) = %q does not read back", wd, ShortWeekday(wd))
		}
	}
	if ShortWeekday(time.Thursday) != "thu" {
		t.Errorf("ShortWeekday(Thursday) = %q, want thu", ShortWeekday(time.Thursday))
	}
}

func TestParseWorkdays(t *testing.T) {
	tests := []struct {
		in     string
		want   string // FormatWorkdays of the result
		wantOn []time.Weekday
	}{
		{"mon-fri", "mon-fri", []time.Weekday{1, 2, 3, 4, 5}},
		{"Mon-Fri", "mon-fri", []time.Weekday{1, 2, 3, 4, 5}},
		{" mon , tue,wed,thu,fri ", "mon-fri", []time.Weekday{1, 2, 3, 4, 5}},
		{"monday-thursday", "mon,tue,wed,thu", []time.Weekday{1, 2, 3, 4}},
		{"mon,tue,wed,thu,fri,sat", "mon,tue,wed,thu,fri,sat", []time.Weekday{1, 2, 3, 4, 5, 6}},
		{"tue-sat", "tue,wed,thu,fri,sat", []time.Weekday{2, 3, 4, 5, 6}},
		{"fri-mon", "mon,fri,sat,sun", []time.Weekday{0, 1, 5, 6}},
		{"mon,wed,fri", "mon,wed,fri", []time.Weekday{1, 3, 5}},
		{"sun", "sun", []time.Weekday{0}},
		{"sun-sat", "mon,tue,wed,thu,fri,sat,sun", []time.Weekday{0, 1, 2, 3, 4, 5, 6}},
		{"mon,mon", "mon", []time.Weekday{1}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			days, err := ParseWorkdays(tt.in)
			if err != nil {
				t.Fatalf("ParseWorkdays(%q): %v", tt.in, err)
			}
			var want [7]bool
			for _, wd := range tt.wantOn {
				want[wd] = true
			}
			if days != want {
				t.Errorf("ParseWorkdays(%q) = %v, want %v", tt.in, days, want)
			}
			got := FormatWorkdays(days)
			if got != tt.want {
				t.Errorf("FormatWorkdays(ParseWorkdays(%q)) = %q, want %q", tt.in, got, tt.want)
			}
			back, err := ParseWorkdays(got)
			if err != nil || back != days {
				t.Errorf("ParseWorkdays(%q) = %v, %v; want %v", got, back, err, days)
			}
		})
	}
}

func TestParseWorkdaysErrors(t *testing.T) {
	for _, in := range []string{"", "mon-", "-fri", "mon,,fri", "weekdays", "mon-fry", "1-5", "mon,"} {
		t.Run(in, func(t *testing.T) {
			days, err := ParseWorkdays(in)
			if err == nil {
				t.Fatalf("ParseWorkdays(%q) = %v, want an error", in, days)
			}
			if !strings.Contains(err.Error(), "mon-fri") {
				t.Errorf("error %q does not show an example", err)
			}
		})
	}
}

func TestParseRange(t *testing.T) {
	tests := []struct {
		in       string
		from, to string
		str      string
	}{
		{"2026-12-21..2027-01-01", "2026-12-21", "2027-01-01", "2026-12-21..2027-01-01"},
		{" 2026-12-21 .. 2027-01-01 ", "2026-12-21", "2027-01-01", "2026-12-21..2027-01-01"},
		{"2026-11-26", "2026-11-26", "2026-11-26", "2026-11-26..2026-11-26"},
		{"2028-02-29..2028-02-29", "2028-02-29", "2028-02-29", "2028-02-29..2028-02-29"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := ParseRange(tt.in)
			if err != nil {
				t.Fatalf("ParseRange(%q): %v", tt.in, err)
			}
			if r.From != d(tt.from) || r.To != d(tt.to) {
				t.Errorf("ParseRange(%q) = %s, want %s..%s", tt.in, r, tt.from, tt.to)
			}
			if r.String() != tt.str {
				t.Errorf("String() = %q, want %q", r.String(), tt.str)
			}
			if back, err := ParseRange(r.String()); err != nil || back != r {
				t.Errorf("ParseRange(%q) = %v, %v; want %v", r.String(), back, err, r)
			}
		})
	}
}

func TestParseRangeErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"2027-01-01..2026-12-21", "ends before it starts"},
		{"2026-12-21..", "want FROM..TO"},
		{"..2026-12-21", "want FROM..TO"},
		{"2026-02-30..2026-03-02", "want FROM..TO"},
		{"christmas", "want FROM..TO"},
		{"", "want FROM..TO"},
		{"2026-12-21...2027-01-01", "want FROM..TO"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			r, err := ParseRange(tt.in)
			if err == nil {
				t.Fatalf("ParseRange(%q) = %v, want an error", tt.in, r)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseRange(%q) error %q does not say %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestRangeContains(t *testing.T) {
	r := Range{d("2026-12-21"), d("2027-01-01")}
	for day, want := range map[string]bool{
		"2026-12-20": false, "2026-12-21": true, "2026-12-25": true, "2027-01-01": true, "2027-01-02": false,
	} {
		if got := r.Contains(d(day)); got != want {
			t.Errorf("%s.Contains(%s) = %v, want %v", r, day, got, want)
		}
	}
}
