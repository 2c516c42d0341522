package rotation

import (
	"errors"
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	const wed = "2026-11-25" // a Wednesday
	tests := []struct {
		in, today, want string
	}{
		// ISO dates, kept exactly, weekend or past.
		{"2027-03-01", wed, "2027-03-01"},
		{"2026-11-28", wed, "2026-11-28"},
		{"2028-02-29", wed, "2028-02-29"},
		{"2026-01-05", wed, "2026-01-05"},
		{" 2027-03-01 ", wed, "2027-03-01"},

		{"today", wed, "2026-11-25"},
		{"Today", wed, "2026-11-25"},
		{"now", wed, "2026-11-25"},
		{"tomorrow", wed, "2026-11-26"},
		{"TOMORROW", wed, "2026-11-26"},
		{"tmrw", wed, "2026-11-26"},
		{"tomorrow", "2026-12-31", "2027-01-01"},
		{"next week", wed, "2026-12-02"},
		{"next month", wed, "2026-12-25"},
		{"next month", "2027-01-31", "2027-02-28"},

		// Weekdays: strictly after today.
		{"fri", wed, "2026-11-27"},
		{"friday", wed, "2026-11-27"},
		{"Friday", wed, "2026-11-27"},
		{"next friday", wed, "2026-11-27"},
		{"next fri", wed, "2026-11-27"},
		{"Next  Friday", wed, "2026-11-27"},
		{"on fri", wed, "2026-11-27"},
		{"mon", wed, "2026-11-30"},
		{"tue", wed, "2026-12-01"},
		{"sat", wed, "2026-11-28"},
		{"wed", wed, "2026-12-02"},
		{"wednesday", wed, "2026-12-02"},
		{"next wednesday", wed, "2026-12-02"},
		{"fri", "2026-11-27", "2026-12-04"},
		{"next friday", "2026-11-27", "2026-12-04"},
		{"mon", "2026-11-29", "2026-11-30"},
		// "this": today counts.
		{"this wed", wed, "2026-11-25"},
		{"this friday", wed, "2026-11-27"},
		{"this friday", "2026-11-27", "2026-11-27"},
		{"this tue", wed, "2026-12-01"},
		{"this sunday", "2026-11-29", "2026-11-29"},

		// Spans after today, kept even on a weekend.
		{"in 2 weeks", wed, "2026-12-09"},
		{"in a week", wed, "2026-12-02"},
		{"in one week", wed, "2026-12-02"},
		{"in 3 days", wed, "2026-11-28"},
		{"in 10 days", wed, "2026-12-05"},
		{"in 1 month", wed, "2026-12-25"},
		{"in 2 months", wed, "2027-01-25"},
		{"in a month", "2027-01-31", "2027-02-28"},
		{"in 1 year", "2028-02-29", "2029-02-28"},
		{"in 2w", wed, "2026-12-09"},
		{"+3d", wed, "2026-11-28"},
		{"+2w", wed, "2026-12-09"},
		{"+1m", wed, "2026-12-25"},
		{"+1y", wed, "2027-11-25"},
		{"+0d", wed, "2026-11-25"},
		{"3d", wed, "2026-11-28"},
		{"2w", wed, "2026-12-09"},
		{"3 days", wed, "2026-11-28"},
		{"+2 weeks", wed, "2026-12-09"},
		{"1 month", "2026-01-31", "2026-02-28"},

		// Month and day: this year, or next once past; today is kept.
		{"mar 3", wed, "2027-03-03"},
		{"3 mar", wed, "2027-03-03"},
		{"March 3rd", wed, "2027-03-03"},
		{"3rd march", wed, "2027-03-03"},
		{"mar 3", "2026-01-10", "2026-03-03"},
		{"mar 3", "2026-03-03", "2026-03-03"},
		{"mar 3", "2026-03-04", "2027-03-03"},
		{"dec 1", wed, "2026-12-01"},
		{"1 dec", wed, "2026-12-01"},
		{"Dec. 24", wed, "2026-12-24"},
		{"dec 24,", wed, "2026-12-24"},
		{"nov 25", wed, "2026-11-25"},
		{"nov 24", wed, "2027-11-24"},
		{"jan 1", "2026-12-31", "2027-01-01"},
		{"31 january", wed, "2027-01-31"},
		{"sept 30", wed, "2027-09-30"},
		{"may 1", wed, "2027-05-01"},
		{"feb 28", wed, "2027-02-28"},
		// Feb 29 rolls to the next leap year.
		{"feb 29", wed, "2028-02-29"},
		{"29 feb", wed, "2028-02-29"},
		{"feb 29", "2028-02-28", "2028-02-29"},
		{"feb 29", "2028-02-29", "2028-02-29"},
		{"feb 29", "2028-03-01", "2032-02-29"},
		{"feb 29", "2097-03-01", "2104-02-29"}, // 2100 is no leap year
	}
	for _, tt := range tests {
		t.Run(tt.in+" on "+tt.today, func(t *testing.T) {
			got, err := ParseDate(tt.in, d(tt.today))
			if err != nil {
				t.Fatalf("ParseDate(%q, %s): %v", tt.in, tt.today, err)
			}
			if got != d(tt.want) {
				t.Errorf("ParseDate(%q, %s) = %s (%s), want %s", tt.in, tt.today, got, got.Weekday(), tt.want)
			}
		})
	}
}

func TestParseDateErrors(t *testing.T) {
	today := d("2026-11-25")
	tests := []struct {
		in   string
		want string // part of the message besides the accepted forms
	}{
		{"2026-02-30", "no such day"},
		{"2026-13-01", "no such day"},
		{"2027-02-29", "no such day"},
		{"2026-00-10", "no such day"},
		{"someday", `"someday"`},
		{"", `""`},
		{"   ", `""`},
		{"yesterday", `"yesterday"`},
		{"next", `"next"`},
		{"this", `"this"`},
		{"in", `"in"`},
		{"in an hour", `"in an hour"`},
		{"in 2 fortnights", `"in 2 fortnights"`},
		{"+d", `"+d"`},
		{"3", `"3"`},
		{"in 99999 days", `"in 99999 days"`},
		{"in 4000 days", `"in 4000 days"`},
		{"in 11 years", `"in 11 years"`},
		{"feb 30", `"feb 30"`},
		{"apr 31", `"apr 31"`},
		{"jan 0", `"jan 0"`},
		{"32 jan", `"32 jan"`},
		{"mar", `"mar"`},
		{"fri fri", `"fri fri"`},
		{"last friday", `"last friday"`},
		{"2026-11-25 fri", `"2026-11-25 fri"`},
		{"13/03/2027", `"13/03/2027"`},
		{"2026-1-5", `"2026-1-5"`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseDate(tt.in, today)
			if err == nil {
				t.Fatalf("ParseDate(%q) = %s, want an error", tt.in, got)
			}
			if !got.IsZero() {
				t.Errorf("ParseDate(%q) returned %s with its error", tt.in, got)
			}
			if !errors.Is(err, ErrBadDate) {
				t.Errorf("ParseDate(%q) error %q does not wrap ErrBadDate", tt.in, err)
			}
			if !strings.Contains(err.Error(), DateForms) {
				t.Errorf("ParseDate(%q) error %q does not name the accepted forms", tt.in, err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseDate(%q) error %q does not say %q", tt.in, err, tt.want)
			}
		})
	}
}

func TestDateFormsAllParse(t *testing.T) {
	// Every example the error message offers must itself be accepted.
	today := d("2026-11-25")
	for _, form := range []string{"today", "tomorrow", "fri", "friday", "next friday", "in 2 weeks", "+3d", "+2w", "3d", "mar 3"} {
		if !strings.Contains(DateForms, form) {
			t.Errorf("DateForms does not mention %q", form)
		}
		if _, err := ParseDate(form, today); err != nil {
			t.Errorf("ParseDate(%q): %v", form, err)
		}
	}
}

// TestParseTypedDate: relative words land on a workday outside time away;
// a date or weekday typed is kept, with a note when it is a day off.
func TestParseTypedDate(t *testing.T) {
	wed := MustDate("2026-11-25")
	cal := DefaultCalendar()
	cal.Away = []Range{{From: MustDate("2026-12-07"), To: MustDate("2026-12-11")}}
	tests := []struct {
		in, want string
		dayOff   bool
		note     string
	}{
		{"in 10 days", "2026-12-14", false, "Sat 5 Dec is a day off, so the call goes on the next workday, Mon 14 Dec."}, // Sat 5 Dec → Mon 7 Dec is away → Mon 14
		{"+3d", "2026-11-30", false, "Sat 28 Nov is a day off, so the call goes on the next workday, Mon 30 Nov."},
		{"in 2 weeks", "2026-12-14", false, "Wed 9 Dec is in your time away, so the call goes on the next workday, Mon 14 Dec."},
		{"next month", "2026-12-25", false, ""},
		{"in 1 day", "2026-11-26", false, ""},
		{"2026-11-28", "2026-11-28", true, "That is a day off; the date is kept as given."},
		{"dec 8", "2026-12-08", true, "That is in your time away; the date is kept as given."},
		{"sat", "2026-11-28", true, "That is a day off; the date is kept as given."},
		{"fri", "2026-11-27", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseTypedDate(tt.in, wed, cal)
			if err != nil {
				t.Fatal(err)
			}
			if got.Date != MustDate(tt.want) || got.DayOff != tt.dayOff {
				t.Errorf("ParseTypedDate(%q) = %s (day off %v); want %s (%v)", tt.in, got.Date, got.DayOff, tt.want, tt.dayOff)
			}
			if n := got.Note(wed, cal); n != tt.note {
				t.Errorf("note %q; want %q", n, tt.note)
			}
		})
	}
}
