package rotation

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

func FuzzParseRule(f *testing.F) {
	for _, s := range []string{
		"every 90d", "90d", "every 2w", "every 3m", "every 1y", "weekly fri", "every mon,thu", "daily",
		"taper 1d 1d 3d 7d", "Every 90D", "  every  mon , thu ", "weekly friday", "every 3660d", "every 10y",
		"every 0d", "every 11y", "every", "weekly", "taper", "taper 1d 0d", "every mon,", "every ,", "",
		"every +5d", "every 0x1d", "every 1_0d", "every 9999999999999999999d", "taper" + strings.Repeat(" 1d", 33),
		"every sun,sat,fri,thu,wed,tue,mon", "daily daily", "ÉVERY 90D", "every 90d\x00", "every \u00a0 90d",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRule(s)
		if err != nil {
			if !errors.Is(err, ErrBadRule) || !strings.Contains(err.Error(), ValidRuleForms) {
				t.Fatalf("ParseRule(%q) error %q does not wrap ErrBadRule with the valid forms", s, err)
			}
			return
		}
		if r.IsZero() {
			t.Fatalf("ParseRule(%q) gave the zero rule without an error", s)
		}
		text := r.String()
		back, err := ParseRule(text)
		if err != nil {
			t.Fatalf("ParseRule(%q) = %q, which does not parse: %v", s, text, err)
		}
		if !back.Equal(r) || back.String() != text {
			t.Fatalf("ParseRule(%q) = %#v, but its text %q reads back as %#v", s, r, text, back)
		}
		if r.ApproxDays(0) < 1 {
			t.Fatalf("%q has ApproxDays %d", text, r.ApproxDays(0))
		}
	})
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{
		"2026-11-25", "2026-02-30", "2028-02-29", "0001-01-01", "9999-12-31", "today", "tomorrow", "now",
		"fri", "friday", "next friday", "this friday", "on mon", "in 2 weeks", "in a week", "in one month",
		"+3d", "+2w", "3d", "+1m", "+1y", "3 days", "+2 weeks", "mar 3", "3 mar", "March 3rd", "Dec. 24",
		"feb 29", "29 feb", "feb 30", "in 3660 days", "in 9999 days", "in 122 months", "+10y", "", "someday",
		"2026-1-5", "in 0 days", "next", "1st jan", "31st dec,",
	} {
		f.Add(s, uint16(9825))  // 2026-11-25
		f.Add(s, uint16(10285)) // 2028-02-29
	}
	f.Fuzz(func(t *testing.T, s string, offset uint16) {
		today := NewDate(2000, 1, 1).AddDays(int(offset))
		day, err := ParseDate(s, today)
		if err != nil {
			if !errors.Is(err, ErrBadDate) || !strings.Contains(err.Error(), DateForms) {
				t.Fatalf("ParseDate(%q) error %q does not wrap ErrBadDate with the accepted forms", s, err)
			}
			return
		}
		if day.IsZero() {
			t.Fatalf("ParseDate(%q, %s) gave no date and no error", s, today)
		}
		back, err := ParseDate(day.String(), today)
		if err != nil || back != day {
			t.Fatalf("ParseDate(%q, %s) = %s, which reads back as %s, %v", s, today, day, back, err)
		}
		if _, iso := ParseISO(strings.TrimSpace(s)); iso != nil {
			// Words are about the days ahead: never before today, never
			// beyond ten years (plus a leap day's wait).
			if day < today || day > today.AddDays(3800) {
				t.Fatalf("ParseDate(%q, %s) = %s, out of the range words may reach", s, today, day)
			}
		}
	})
}

func FuzzParseOutcome(f *testing.F) {
	for _, s := range []string{"reached", "Voicemail", "vm", "no answer", "no_answer", "noanswer", "callback",
		"wrong number", "wrong", "not a fit", "notafit", "not-fit", "", "busy", "no  answer", "RE\u0130ACHED"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		o, err := ParseOutcome(s)
		if err != nil {
			if !strings.Contains(err.Error(), "no-answer") {
				t.Fatalf("ParseOutcome(%q) error %q does not list the outcomes", s, err)
			}
			return
		}
		if !slices.Contains(Outcomes, o) {
			t.Fatalf("ParseOutcome(%q) = %q, not one of the outcomes", s, o)
		}
		if back, err := ParseOutcome(string(o)); err != nil || back != o {
			t.Fatalf("ParseOutcome(%q) = %q, %v", o, back, err)
		}
	})
}

func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"2026-12-21..2027-01-01", "2026-11-26", " 2026-12-21 .. 2027-01-01 ", "2027-01-01..2026-12-21",
		"..", "2026-12-21..", "..2026-12-21", "2026-12-21...2027-01-01", "2026-02-30..2026-03-01", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := ParseRange(s)
		if err != nil {
			return
		}
		if r.From.IsZero() || r.To < r.From {
			t.Fatalf("ParseRange(%q) = %v", s, r)
		}
		if back, err := ParseRange(r.String()); err != nil || back != r {
			t.Fatalf("ParseRange(%q) = %v, which reads back as %v, %v", s, r, back, err)
		}
	})
}

func FuzzParseWorkdays(f *testing.F) {
	for _, s := range []string{"mon-fri", "Mon-Fri", "mon,tue,wed,thu,fri,sat", "fri-mon", "sun", "sun-sat", "mon,,fri", "", "-", "mon-", "tues-thurs"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		days, err := ParseWorkdays(s)
		if err != nil {
			return
		}
		if days == ([7]bool{}) {
			t.Fatalf("ParseWorkdays(%q) gave no days and no error", s)
		}
		text := FormatWorkdays(days)
		if back, err := ParseWorkdays(text); err != nil || back != days {
			t.Fatalf("ParseWorkdays(%q) = %v, whose text %q reads back as %v, %v", s, days, text, back, err)
		}
	})
}

// FuzzApply checks the outcome rules on any rule, day and calendar:
// computed dates are workdays after today, a miss is never later than a
// reached call, and the counters move as docs/DESIGN.md says.
func FuzzApply(f *testing.F) {
	rules := []string{"every 90d", "every 2w", "every 3m", "every 1y", "weekly fri", "every mon,thu", "daily", "taper 1d 1d 3d 7d", "every 1m", "weekly sat"}
	for i, r := range rules {
		for o := range Outcomes {
			f.Add(r, "", uint8(o), uint8(i%5), uint8(i), uint16(i*97), int8(i-3), int8(0), uint8(0x3e))
		}
		f.Add(r, "every 2d", uint8(0), uint8(0), uint8(0), uint16(330+i), int8(2), int8(i), uint8(0x3e))
		f.Add(r, "taper 1d 3d", uint8(1), uint8(2), uint8(0), uint16(i), int8(0), int8(5), uint8(0x41))
	}
	f.Fuzz(func(t *testing.T, rule, over string, outcome, attempts, step uint8, offset uint16, dueOff, untilOff int8, mask uint8) {
		r, err := ParseRule(rule)
		if err != nil {
			return
		}
		today := NewDate(2026, 1, 1).AddDays(int(offset % 4000))
		cal := Calendar{}
		for wd := range 7 {
			cal.Workdays[wd] = mask&(1<<wd) != 0
		}
		if cal.Workdays == ([7]bool{}) {
			cal = DefaultCalendar()
		}
		s := Schedule{Rule: r, Due: today.AddDays(int(dueOff)), Attempts: int(attempts % 8), Step: int(step % 40), Status: Active}
		if o, err := ParseRule(over); err == nil {
			s.Override, s.OverrideUntil = o, today.AddDays(int(untilOff))
		}
		o := Outcomes[int(outcome)%len(Outcomes)]
		var explicit Date
		if o == Callback {
			explicit = today.AddDays(3)
		}
		// Apply reads a schedule through Sane (a hostile book may hold a
		// step past MaxStep); the properties are of what it read.
		s = s.Sane()
		n, err := Apply(s, o, today, explicit, cal)
		if err != nil {
			t.Fatalf("Apply(%+v, %s, %s): %v", s, o, today, err)
		}
		switch o {
		case Reached, Voicemail, NoAnswer:
			if n.Due <= today || !cal.IsWorkday(n.Due) || n.Due > today.AddDays(3800) {
				t.Fatalf("Apply(%+v, %s, %s) = %s (%s), want a workday after today", s, o, today, n.Due, n.Due.Weekday())
			}
			if n.Status != Active || n.Reason == "" {
				t.Fatalf("Apply(%+v, %s) = status %q reason %q", s, o, n.Status, n.Reason)
			}
		}
		switch o {
		case Reached:
			if n.Attempts != 0 {
				t.Fatalf("reached leaves %d attempts", n.Attempts)
			}
			if n.Step < 0 || (n.Step != s.Step && n.Step > s.Step+1) {
				t.Fatalf("reached moved the step from %d to %d", s.Step, n.Step)
			}
		case Voicemail, NoAnswer:
			if n.Attempts != s.Attempts+1 || n.Step != s.Step || n.Unreachable() != (n.Attempts >= 3) {
				t.Fatalf("a miss gave attempts %d step %d", n.Attempts, n.Step)
			}
			reached, err := Apply(s, Reached, today, 0, cal)
			if err != nil {
				t.Fatal(err)
			}
			if n.Due > reached.Due {
				t.Fatalf("miss %d on %s: retry %s is later than the reached date %s", n.Attempts, today, n.Due, reached.Due)
			}
			if n.Attempts > 3 && n.Due != reached.Due {
				t.Fatalf("miss %d on %s: %s, want the rule's date %s", n.Attempts, today, n.Due, reached.Due)
			}
		case Callback:
			if n.Due != explicit || n.Attempts != s.Attempts || n.Step != s.Step {
				t.Fatalf("callback gave %+v", n)
			}
		case WrongNumber, NotAFit:
			if !n.Due.IsZero() || (n.Status != Paused && n.Status != Archived) {
				t.Fatalf("%s gave %+v", o, n)
			}
		}
	})
}

// FuzzParseTypedDateTime: whatever is typed after --next, a time read is
// a valid time of day that reads back as itself, and the date is what
// ParseTypedDate gives for the words before it.
func FuzzParseTypedDateTime(f *testing.F) {
	for _, s := range []string{"thu 3pm", "tomorrow 10:30", "fri at 9:15", "2027-03-01 15:00", "4pm", "3 pm", "thu noon",
		"thu 25:00", "13pm", "at", "at 3pm", "12:60", "in 2 weeks", "mar 3 3:30pm", "15h30", "3.30 p.m.", "", " : ", "am", "pm pm"} {
		f.Add(s)
	}
	today := MustDate("2026-12-02")
	cal := DefaultCalendar()
	f.Fuzz(func(t *testing.T, s string) {
		d, at, err := ParseTypedDateTime(s, today, cal)
		if err != nil {
			return
		}
		if !at.Valid() {
			t.Fatalf("ParseTypedDateTime(%q) gave the time %d", s, at)
		}
		if !at.IsZero() {
			back, err := ParseClock(at.String())
			if err != nil || back != at {
				t.Fatalf("ParseTypedDateTime(%q) time %s reads back as %s, %v", s, at, back, err)
			}
		}
		if d.Date.IsZero() || d.Date < today {
			t.Fatalf("ParseTypedDateTime(%q) = %s, before today", s, d.Date)
		}
	})
}

// FuzzParseClock: a time read is in range and prints as what it reads.
func FuzzParseClock(f *testing.F) {
	for _, s := range []string{"15:00", "3pm", "3:30 p.m.", "15h", "noon", "24:00", "9:5", "12am", "-1:00", "1:2:3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := ParseClock(s)
		if err != nil {
			return
		}
		if !c.Valid() {
			t.Fatalf("ParseClock(%q) = %d, out of range", s, c)
		}
		if back, err := ParseClock(c.String()); err != nil || back != c {
			t.Fatalf("ParseClock(%q) = %s, reads back as %s, %v", s, c, back, err)
		}
	})
}
