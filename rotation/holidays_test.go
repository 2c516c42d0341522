package rotation

import (
	"slices"
	"strings"
	"testing"
)

// holidayCal is Monday to Friday with the public holidays of codes.
func holidayCal(codes ...string) Calendar {
	c := DefaultCalendar()
	c.Holidays = NewHolidays(codes, nil)
	return c
}

func TestHolidaysOn(t *testing.T) {
	for _, tc := range []struct {
		codes []string
		day   string
		want  string // "" for no holiday
	}{
		{[]string{"US"}, "2026-12-25", "Christmas Day"},
		{[]string{"US"}, "2027-01-01", "New Year's Day"},
		{[]string{"US"}, "2026-11-26", "Thanksgiving Day"},
		{[]string{"US"}, "2026-11-27", ""},
		// 1 Jan 2028 is a Saturday, observed on Friday 31 Dec 2027: the
		// year before its own.
		{[]string{"US"}, "2027-12-31", "New Year's Day (observed)"},
		{[]string{"GB"}, "2026-12-28", "Boxing Day (observed)"},
		{[]string{"DE"}, "2027-01-06", ""},
		{[]string{"DE-BY"}, "2027-01-06", "Heilige Drei Könige"},
		{[]string{"GB", "DE-BY"}, "2027-01-06", "Heilige Drei Könige"},
		{nil, "2026-12-25", ""},
	} {
		name, ok := NewHolidays(tc.codes, nil).On(d(tc.day))
		if ok != (tc.want != "") || name != tc.want {
			t.Errorf("%v on %s: %q, %v; want %q", tc.codes, tc.day, name, ok, tc.want)
		}
	}
	added := NewHolidays([]string{"US"}, []Holiday{{d("2027-01-14"), "Pongal"}})
	if n, ok := added.On(d("2027-01-14")); !ok || n != "Pongal" {
		t.Errorf("added holiday: %q %v", n, ok)
	}
	if n, _ := added.On(d("2026-12-25")); n != "Christmas Day" {
		t.Errorf("codes beside added holidays: %q", n)
	}
}

func TestParseHolidayCodes(t *testing.T) {
	got, err := ParseHolidayCodes(" us, de-by ,US")
	if err != nil || !slices.Equal(got, []string{"US", "DE-BY"}) {
		t.Errorf("codes %v, %v", got, err)
	}
	if got, err := ParseHolidayCodes("none"); err != nil || got != nil {
		t.Errorf("none: %v, %v", got, err)
	}
	for _, bad := range []string{"XX", "US,IN", "DE-XX"} {
		if _, err := ParseHolidayCodes(bad); err == nil || strings.Contains(err.Error(), "\n") {
			t.Errorf("%q: %v, want a one-line error", bad, err)
		}
	}
	if _, err := ParseHolidayCodes("AU"); err == nil || !strings.Contains(err.Error(), "AU-NSW") {
		t.Errorf("AU: %v, want the regions named", err)
	}
	for _, c := range []string{"US", "GB", "DE-BY", "FR", "CA", "AU-NSW", "JP", "CH-ZH"} {
		if !slices.Contains(HolidayCodes(), c) {
			t.Errorf("%s is not a known code", c)
		}
	}
	// Every code has holidays in a recent year.
	for _, c := range HolidayCodes() {
		h := NewHolidays([]string{c}, nil)
		n := 0
		for x := d("2027-01-01"); x <= d("2027-12-31"); x++ {
			if _, ok := h.On(x); ok {
				n++
			}
		}
		if n < 3 {
			t.Errorf("%s has %d holidays in 2027", c, n)
		}
	}
}

// TestRulesSkipHolidays: every computed date treats a holiday as a day off.
func TestRulesSkipHolidays(t *testing.T) {
	us := holidayCal("US")
	christmas, newYear := d("2026-12-25"), d("2027-01-01") // both Fridays
	t.Run("a 30-day cadence ideal on 25 Dec lands on a workday of its window", func(t *testing.T) {
		r := MustRule("every 30d")
		// Reached on 25 Nov: the ideal is 25 Dec.
		n, err := Apply(Schedule{Rule: r, Due: d("2026-11-25")}, Reached, d("2026-11-25"), 0, us)
		if err != nil || n.Due != d("2026-12-28") {
			t.Errorf("Apply: %s, %v; want the next workday, Mon 28 Dec", n.Due, err)
		}
		w := Window(r.ApproxDays(0))
		// Leveled: 25 Dec is the lightest day of the window, yet off.
		load := dayLoads{booked: full(christmas.AddDays(-w), christmas.AddDays(w), 5)}
		load.booked[christmas] = 0
		got := Level(christmas, r, 0, us, load)
		if got == christmas || !us.IsWorkday(got) || got < christmas.AddDays(-w) || got > christmas.AddDays(w) {
			t.Errorf("Level: %s, want a workday within %d days of %s", got, w, christmas)
		}
		if without := Level(christmas, r, 0, DefaultCalendar(), load); without != christmas {
			t.Errorf("without holidays the leveler picks %s, want the empty 25 Dec", without)
		}
	})
	t.Run("a retry skips New Year's Day", func(t *testing.T) {
		n, err := Apply(Schedule{Rule: MustRule("every 30d"), Due: d("2026-12-31")}, NoAnswer, d("2026-12-31"), 0, us)
		if err != nil || n.Due != d("2027-01-04") {
			t.Errorf("retry after no answer on 31 Dec: %s, %v; want Mon 4 Jan", n.Due, err)
		}
		n, _ = Apply(Schedule{Rule: MustRule("daily"), Due: d("2026-12-31")}, Reached, d("2026-12-31"), 0, us)
		if n.Due != d("2027-01-04") {
			t.Errorf("daily after 31 Dec: %s, want Mon 4 Jan", n.Due)
		}
		n, _ = Apply(Schedule{Rule: MustRule("weekly fri"), Due: d("2026-12-18")}, Reached, d("2026-12-18"), 0, us)
		if n.Due != d("2027-01-08") {
			t.Errorf("weekly fri after 18 Dec: %s, want Fri 8 Jan (25 Dec and 1 Jan are off)", n.Due)
		}
	})
	t.Run("catch-up never books a holiday", func(t *testing.T) {
		var backlog []DueItem
		for i := range 40 {
			rule := []string{"every 30d", "weekly fri", "daily", "every 2w"}[i%4]
			backlog = append(backlog, DueItem{Contact: Contact{ID: int64(i + 1), Tier: "B",
				Schedule: Schedule{Rule: MustRule(rule), Due: d("2026-12-10")}}})
		}
		plan := CatchUp(backlog, d("2026-12-24"), us, 3, nil)
		if len(plan.Moves) == 0 {
			t.Fatal("nothing moved")
		}
		for _, m := range plan.Moves {
			if m.To == christmas || m.To == newYear || !us.IsWorkday(m.To) {
				t.Errorf("call %d moved to %s", m.ID, m.To)
			}
		}
	})
	t.Run("ramp-in never starts on a holiday", func(t *testing.T) {
		booked := func(x Date) int {
			if x == christmas || x == newYear {
				return 0
			}
			return 9
		}
		for _, r := range []string{"every 30d", "every 2w", "weekly fri"} {
			got := RampIn(MustRule(r), d("2026-12-21"), us, booked)
			if _, hol := us.Holiday(got); hol || !us.IsWorkday(got) {
				t.Errorf("%s: ramp-in on %s", r, got)
			}
		}
	})
	t.Run("typed words roll past a holiday, a typed date is kept with a note", func(t *testing.T) {
		today := d("2026-12-24")
		td, err := ParseTypedDate("+1d", today, us)
		if err != nil || td.Date != d("2026-12-28") || td.Counted != christmas {
			t.Fatalf("+1d: %+v, %v", td, err)
		}
		if note := td.Note(today, us); !strings.Contains(note, "Christmas Day") {
			t.Errorf("note %q does not name the holiday", note)
		}
		td, err = ParseTypedDate("2026-12-25", today, us)
		if err != nil || td.Date != christmas || !td.DayOff {
			t.Fatalf("2026-12-25: %+v, %v", td, err)
		}
		if note := td.Note(today, us); !strings.Contains(note, "holiday (Christmas Day)") || !strings.Contains(note, "kept as given") {
			t.Errorf("note %q", note)
		}
	})
}

func TestSettingsHolidays(t *testing.T) {
	s := DefaultSettings()
	if err := s.Set("holidays", "us,gb"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set(AddedHolidaysKey, "2027-01-14 Pongal\n2027-04-14 Tamil New Year"); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Get("holidays"); v != "US,GB" {
		t.Errorf("holidays %q", v)
	}
	if s.Calendar().IsWorkday(d("2027-01-14")) || s.Calendar().IsWorkday(d("2026-12-25")) {
		t.Error("holidays are workdays")
	}
	// Another country keeps the added days; none clears both.
	if err := s.Set("holidays", "DE-BY"); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.Calendar().Holiday(d("2027-04-14")); !ok {
		t.Error("the added days went with the country")
	}
	if err := s.Set("holidays", "XX"); err == nil {
		t.Error("XX accepted")
	}
	if err := s.Set("holidays", "none"); err != nil || s.Holidays != nil {
		t.Errorf("none: %v, %v", err, s.Holidays)
	}
	if err := s.Set(AddedHolidaysKey, "2027-02-30 Nope"); err == nil {
		t.Error("a bad date accepted")
	}
}

func TestHours(t *testing.T) {
	for in, want := range map[string]Hours{
		"09:00-18:00": {540, 1080}, "9-18": {540, 1080}, "8:30-17:30": {510, 1050}, "00:00-24:00": {0, 1440},
	} {
		if got, err := ParseHours(in); err != nil || got != want {
			t.Errorf("ParseHours(%q) = %v, %v", in, got, err)
		}
	}
	for _, bad := range []string{"", "18:00-09:00", "9", "25:00-26:00", "09:60-10:00", "9:5-10", "24:30-24:40", "a-b", "+9-18"} {
		if _, err := ParseHours(bad); err == nil {
			t.Errorf("ParseHours(%q) accepted", bad)
		}
	}
	if DefaultHours.String() != "09:00-18:00" {
		t.Errorf("default %s", DefaultHours)
	}
}

// TestCapacityCountsHolidays: the calls a book asks for per workday grow
// by the workdays holidays take away (US: 11 of about 261 a year).
func TestCapacityCountsHolidays(t *testing.T) {
	book := []Booking{{Schedule: Schedule{Rule: MustRule("every 30d"), Due: d("2026-12-01")}, Count: 300}}
	plain := ExpectedPerWorkday(book, DefaultCalendar(), 0.6)
	with := ExpectedPerWorkday(book, holidayCal("US"), 0.6)
	if ratio := with / plain; ratio < 1.03 || ratio > 1.06 {
		t.Errorf("per workday %.2f with US holidays, %.2f without: ratio %.3f, want about 261/250", with, plain, ratio)
	}
}
