package rotation

import (
	"math"
	"testing"
)

// Everything rotate computes stays between MinDate and MaxDate, and no
// count read from a book or a file makes the rules panic: issue 12 saw a 1y
// cadence from 9999-06-01 written as year 10000 (then read as "not
// planned"), an attempts count of MaxInt panic `log`, and a taper step of
// MaxInt wrap negative.

func TestMinAndMaxDate(t *testing.T) {
	if MaxDate != NewDate(9999, 12, 31) || MinDate != NewDate(1, 1, 1) {
		t.Fatalf("MinDate %s, MaxDate %s", MinDate, MaxDate)
	}
	if MaxDate.String() != "9999-12-31" || MinDate.String() != "0001-01-01" {
		t.Fatalf("MinDate %q, MaxDate %q", MinDate, MaxDate)
	}
}

func TestDateArithmeticStopsAtTheEnds(t *testing.T) {
	tests := []struct {
		name string
		got  Date
		want Date
	}{
		{"a year after 9999-06-01", MustDate("9999-06-01").AddMonths(12), MaxDate},
		{"a month after 9999-12-15", MustDate("9999-12-15").AddMonths(1), MaxDate},
		{"a month before 0001-01-15", MustDate("0001-01-15").AddMonths(-1), MinDate},
		{"MaxInt months", MustDate("2026-01-01").AddMonths(math.MaxInt), MaxDate},
		{"MinInt months", MustDate("2026-01-01").AddMonths(math.MinInt), MinDate},
		{"a day after MaxDate", MaxDate.AddDays(1), MaxDate},
		{"a day before MinDate", MinDate.AddDays(-1), MinDate},
		{"MaxInt days", MustDate("2026-01-01").AddDays(math.MaxInt), MaxDate},
		{"MinInt days", MustDate("2026-01-01").AddDays(math.MinInt), MinDate},
		{"1y span from 9999-06-01", Span{1, Years}.After(MustDate("9999-06-01")), MaxDate},
		{"next workday after MaxDate", DefaultCalendar().OnOrAfter(MaxDate), MaxDate},
		{"3 workdays after 9999-12-30", DefaultCalendar().AddWorkdays(MustDate("9999-12-30"), 3), MaxDate},
		{"next workday after Sat 9999-12-25", DefaultCalendar().OnOrAfter(MustDate("9999-12-25")), MustDate("9999-12-27")},
		{"still a normal month", MustDate("9998-12-31").AddMonths(2), MustDate("9999-02-28")},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, tt.got, tt.want)
		}
	}
}

func TestApplyNearTheEndOfTheCalendar(t *testing.T) {
	runApply(t, []applyCase{
		{name: "1y cadence from 9999-06-01", sched: active("every 1y"), outcome: Reached,
			today: "9999-06-01", wantDue: "9999-12-31", wantStatus: Active, wantReason: "every 1y"},
		{name: "daily on the last day", sched: active("daily"), outcome: Reached,
			today: "9999-12-31", wantDue: "9999-12-31", wantStatus: Active, wantReason: "daily"},
		{name: "retry after a voicemail on the last Friday", sched: active("every 90d"), outcome: Voicemail,
			today: "9999-12-31", wantDue: "9999-12-31", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after voicemail"},
		{name: "weekly on a weekday past the end", sched: active("weekly mon"), outcome: Reached,
			today: "9999-12-31", wantDue: "9999-12-31", wantStatus: Active, wantReason: "weekly mon"},
	})
}

func TestApplyWithCountsFromAHostileBook(t *testing.T) {
	withAttempts := func(s Schedule, n int) Schedule { s.Attempts = n; return s }
	withStep := func(s Schedule, n int) Schedule { s.Step = n; return s }
	runApply(t, []applyCase{
		{name: "MaxInt attempts, a voicemail", sched: withAttempts(active("every 90d"), math.MaxInt), outcome: Voicemail,
			today: "2026-11-25", wantDue: "2027-02-23", wantAttempts: MaxAttempts, wantStatus: Active,
			wantUnreachable: true, wantReason: "every 90d · still unreachable"},
		{name: "negative attempts, a voicemail", sched: withAttempts(active("every 90d"), -5), outcome: Voicemail,
			today: "2026-11-25", wantDue: "2026-11-26", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after voicemail"},
		{name: "MinInt attempts, no answer", sched: withAttempts(active("every 90d"), math.MinInt), outcome: NoAnswer,
			today: "2026-11-25", wantDue: "2026-11-26", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after no-answer"},
		{name: "MaxInt taper step, reached", sched: withStep(active("taper 1d 3d"), math.MaxInt), outcome: Reached,
			today: "2026-11-25", wantDue: "2026-11-30", wantStep: 1, wantStatus: Active, wantReason: "taper 1d 3d"},
		{name: "negative taper step, reached", sched: withStep(active("taper 1d 3d"), -3), outcome: Reached,
			today: "2026-11-25", wantDue: "2026-11-26", wantStep: 1, wantStatus: Active, wantReason: "taper 1d 3d"},
	})
}

func TestSane(t *testing.T) {
	s := Schedule{Attempts: math.MaxInt, Step: math.MinInt, Due: MaxDate + 100, OverrideUntil: -4}
	got := s.Sane()
	if got.Attempts != MaxAttempts || got.Step != 0 || got.Due != MaxDate || got.OverrideUntil != MinDate {
		t.Fatalf("Sane() = %+v", got)
	}
	if z := (Schedule{}).Sane(); z.Due != 0 || z.OverrideUntil != 0 {
		t.Fatalf("Sane() of no dates = %+v", z)
	}
}

func TestParseDatePastTheEnd(t *testing.T) {
	if _, err := ParseDate("mar 3", MustDate("9999-12-31")); err == nil {
		t.Fatal("mar 3 on 9999-12-31 (year 10000) was accepted")
	}
	if d, err := ParseDate("in 2 weeks", MustDate("9999-12-25")); err != nil || d != MaxDate {
		t.Fatalf("in 2 weeks on 9999-12-25: %s, %v", d, err)
	}
}
