package rotation

import (
	"testing"
	"time"
)

// d is MustDate, short enough for tables.
func d(s string) Date { return MustDate(s) }

func TestNewDateNormalises(t *testing.T) {
	tests := []struct {
		name  string
		y     int
		m     time.Month
		day   int
		want  string
		wantW time.Weekday
	}{
		{"plain", 2026, time.November, 25, "2026-11-25", time.Wednesday},
		{"jan 32 is feb 1", 2026, time.January, 32, "2026-02-01", time.Sunday},
		{"feb 29 in a common year is mar 1", 2027, time.February, 29, "2027-03-01", time.Monday},
		{"leap day", 2028, time.February, 29, "2028-02-29", time.Tuesday},
		{"day 0 is the last of the month before", 2026, time.March, 0, "2026-02-28", time.Saturday},
		{"month 13 is january next year", 2026, 13, 1, "2027-01-01", time.Friday},
		{"first representable day", 1, time.January, 1, "0001-01-01", time.Monday},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := NewDate(tt.y, tt.m, tt.day)
			if got.String() != tt.want {
				t.Errorf("NewDate(%d, %d, %d) = %s, want %s", tt.y, tt.m, tt.day, got, tt.want)
			}
			if got.Weekday() != tt.wantW {
				t.Errorf("NewDate(%d, %d, %d).Weekday() = %s, want %s", tt.y, tt.m, tt.day, got.Weekday(), tt.wantW)
			}
			if got.IsZero() {
				t.Errorf("NewDate(%d, %d, %d) is the zero Date", tt.y, tt.m, tt.day)
			}
		})
	}
}

func TestDateParts(t *testing.T) {
	x := d("2028-02-29")
	if x.Year() != 2028 || x.Month() != time.February || x.Day() != 29 || x.Weekday() != time.Tuesday {
		t.Errorf("2028-02-29 parts = %d %s %d %s", x.Year(), x.Month(), x.Day(), x.Weekday())
	}
	if got, want := x.Time(), time.Date(2028, 2, 29, 0, 0, 0, 0, time.UTC); !got.Equal(want) || got.Location() != time.UTC {
		t.Errorf("Time() = %v, want %v", got, want)
	}
	if got := Date(1).String(); got != "0001-01-01" {
		t.Errorf("Date(1) = %s, want 0001-01-01", got)
	}
}

func TestDateOfUsesTheTimesOwnZone(t *testing.T) {
	newYork := time.FixedZone("UTC-5", -5*3600)
	tokyo := time.FixedZone("UTC+9", 9*3600)
	tests := []struct {
		name string
		t    time.Time
		want string
	}{
		{"late evening west of UTC stays on its day", time.Date(2026, 11, 25, 23, 30, 0, 0, newYork), "2026-11-25"},
		{"early morning east of UTC stays on its day", time.Date(2026, 11, 26, 0, 30, 0, 0, tokyo), "2026-11-26"},
		{"utc midnight", time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC), "2026-11-25"},
		{"one nanosecond before midnight", time.Date(2026, 12, 31, 23, 59, 59, 999999999, time.UTC), "2026-12-31"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DateOf(tt.t).String(); got != tt.want {
				t.Errorf("DateOf(%v) = %s, want %s", tt.t, got, tt.want)
			}
		})
	}
}

func TestAddDaysAndDaysUntil(t *testing.T) {
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"forward within a month", "2026-11-25", 2, "2026-11-27"},
		{"across a month end", "2026-11-25", 6, "2026-12-01"},
		{"across a year end", "2026-12-31", 1, "2027-01-01"},
		{"into a leap day", "2028-02-28", 1, "2028-02-29"},
		{"past a missing leap day", "2027-02-28", 1, "2027-03-01"},
		{"backward", "2026-03-01", -1, "2026-02-28"},
		{"ninety days", "2026-11-25", 90, "2027-02-23"},
		{"zero", "2026-11-25", 0, "2026-11-25"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := d(tt.from)
			got := from.AddDays(tt.n)
			if got != d(tt.want) {
				t.Errorf("%s.AddDays(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
			if back := from.DaysUntil(got); back != tt.n {
				t.Errorf("%s.DaysUntil(%s) = %d, want %d", tt.from, got, back, tt.n)
			}
		})
	}
}

func TestAddMonths(t *testing.T) {
	tests := []struct {
		name string
		from string
		n    int
		want string
	}{
		{"plain", "2026-11-25", 3, "2027-02-25"},
		{"jan 31 + 1m clamps to feb 28", "2027-01-31", 1, "2027-02-28"},
		{"jan 31 + 1m is feb 29 in a leap year", "2028-01-31", 1, "2028-02-29"},
		{"mar 31 + 1m clamps to apr 30", "2026-03-31", 1, "2026-04-30"},
		{"aug 31 + 6m", "2026-08-31", 6, "2027-02-28"},
		{"nov 30 + 3m clamps to feb 28", "2026-11-30", 3, "2027-02-28"},
		{"dec + 1m crosses the year", "2026-12-15", 1, "2027-01-15"},
		{"twelve months", "2026-11-25", 12, "2027-11-25"},
		{"leap day + 12m is feb 28", "2028-02-29", 12, "2029-02-28"},
		{"leap day + 48m is a leap day", "2028-02-29", 48, "2032-02-29"},
		{"zero", "2026-05-31", 0, "2026-05-31"},
		{"minus one from january", "2027-01-15", -1, "2026-12-15"},
		{"minus one clamps", "2026-03-31", -1, "2026-02-28"},
		{"minus one into a leap february", "2028-03-30", -1, "2028-02-29"},
		{"minus twelve", "2026-11-25", -12, "2025-11-25"},
		{"minus thirteen from january", "2026-01-10", -13, "2024-12-10"},
		{"minus twenty-four from december", "2026-12-01", -24, "2024-12-01"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := d(tt.from).AddMonths(tt.n); got != d(tt.want) {
				t.Errorf("%s.AddMonths(%d) = %s, want %s", tt.from, tt.n, got, tt.want)
			}
		})
	}
}

func TestParseISO(t *testing.T) {
	tests := []struct {
		in      string
		want    string
		wantErr bool
	}{
		{"2026-11-25", "2026-11-25", false},
		{"2028-02-29", "2028-02-29", false},
		{"0001-01-01", "0001-01-01", false},
		{"9999-12-31", "9999-12-31", false},
		{"2026-02-29", "", true},
		{"2026-02-30", "", true},
		{"2026-13-01", "", true},
		{"2026-00-10", "", true},
		{"2026-1-5", "", true},
		{"0000-01-01", "", true},
		{"", "", true},
		{"26-11-25", "", true},
		{" 2026-11-25", "", true},
		{"2026/11/25", "", true},
		{"tomorrow", "", true},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseISO(tt.in)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("ParseISO(%q) = %s, want an error", tt.in, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseISO(%q): %v", tt.in, err)
			}
			if got.String() != tt.want {
				t.Errorf("ParseISO(%q) = %s, want %s", tt.in, got, tt.want)
			}
		})
	}
}

func TestDateStringRoundTrip(t *testing.T) {
	for day := d("2027-12-01"); day <= d("2028-03-31"); day++ {
		back, err := ParseISO(day.String())
		if err != nil || back != day {
			t.Fatalf("ParseISO(%q) = %v, %v; want %d", day.String(), back, err, day)
		}
	}
	if got := Date(0).String(); got != "" {
		t.Errorf("zero Date prints %q, want empty", got)
	}
	if !Date(0).IsZero() || d("2026-11-25").IsZero() {
		t.Error("IsZero is wrong")
	}
}

func TestDatesOrderAsDays(t *testing.T) {
	if !(d("2026-12-31") < d("2027-01-01")) || !(d("2028-02-29") > d("2028-02-28")) {
		t.Error("dates do not compare in calendar order")
	}
	if n := d("2026-11-25").DaysUntil(d("2026-08-23")); n != -94 {
		t.Errorf("DaysUntil backwards = %d, want -94", n)
	}
}

func TestShort(t *testing.T) {
	today := d("2026-11-25")
	tests := []struct {
		name string
		day  Date
		want string
	}{
		{"this year", d("2026-12-04"), "Fri 4 Dec"},
		{"today", today, "Wed 25 Nov"},
		{"next year shows the year", d("2027-02-20"), "Sat 20 Feb 2027"},
		{"last year shows the year", d("2025-11-25"), "Tue 25 Nov 2025"},
		{"zero", 0, "—"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.day.Short(today); got != tt.want {
				t.Errorf("%s.Short(%s) = %q, want %q", tt.day, today, got, tt.want)
			}
		})
	}
}

func TestMustDatePanicsOnABadDate(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("MustDate(\"2026-02-30\") did not panic")
		}
	}()
	MustDate("2026-02-30")
}
