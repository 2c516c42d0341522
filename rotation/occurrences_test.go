package rotation

import (
	"slices"
	"testing"
)

func TestOccurrences(t *testing.T) {
	cal := DefaultCalendar()
	away := DefaultCalendar()
	away.Away = []Range{{MustDate("2026-12-14"), MustDate("2026-12-18")}}
	from := MustDate("2026-12-03") // a Thursday
	tests := []struct {
		name string
		s    Schedule
		days int
		cal  Calendar
		want []string
	}{
		{"weekly Friday: every Friday", Schedule{Rule: MustRule("weekly fri"), Due: MustDate("2026-12-04")}, 28, cal,
			[]string{"2026-12-04", "2026-12-11", "2026-12-18", "2026-12-25"}},
		{"weekly Friday: a Friday away moves to the next Friday", Schedule{Rule: MustRule("weekly fri"), Due: MustDate("2026-12-04")}, 28, away,
			[]string{"2026-12-04", "2026-12-11", "2026-12-25"}},
		{"every 30d: from each call, on a workday", Schedule{Rule: MustRule("every 30d"), Due: MustDate("2026-12-07")}, 90, cal,
			[]string{"2026-12-07", "2027-01-06", "2027-02-05"}},
		{"overdue counts on the first day", Schedule{Rule: MustRule("every 90d"), Due: MustDate("2026-11-20")}, 14, cal,
			[]string{"2026-12-03"}},
		{"daily: every workday", Schedule{Rule: MustRule("daily"), Due: MustDate("2026-12-03")}, 7, cal,
			[]string{"2026-12-03", "2026-12-04", "2026-12-07", "2026-12-08", "2026-12-09"}},
		{"due after the window: none", Schedule{Rule: MustRule("every 90d"), Due: MustDate("2027-03-01")}, 14, cal, nil},
		{"paused: none", Schedule{Rule: MustRule("weekly fri"), Due: MustDate("2026-12-04"), Status: Paused}, 28, cal, nil},
		{"no due date: none", Schedule{Rule: MustRule("weekly fri")}, 28, cal, nil},
		{"an override until its end, then the rule", Schedule{Rule: MustRule("every 30d"), Override: MustRule("weekly mon"),
			OverrideUntil: MustDate("2026-12-14"), Due: MustDate("2026-12-07")}, 60, cal,
			[]string{"2026-12-07", "2026-12-14", "2027-01-13"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, d := range Occurrences(tt.s, from, from.AddDays(tt.days), tt.cal) {
				got = append(got, d.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Occurrences = %v, want %v", got, tt.want)
			}
		})
	}
}
