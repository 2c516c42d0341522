package rotation

import (
	"testing"
)

func TestActiveRuleAndLabel(t *testing.T) {
	base, over := MustRule("every 90d"), MustRule("every 2d")
	s := Schedule{Rule: base, Override: over, OverrideUntil: d("2026-12-15")}
	tests := []struct {
		day       string
		want      Rule
		wantLabel string
	}{
		{"2026-11-25", over, "every 2d until 2026-12-15, then every 90d"},
		{"2026-12-15", over, "every 2d until 2026-12-15, then every 90d"},
		{"2026-12-16", base, "every 90d"},
		{"2027-06-01", base, "every 90d"},
	}
	for _, tt := range tests {
		t.Run(tt.day, func(t *testing.T) {
			if got := s.ActiveRule(d(tt.day)); !got.Equal(tt.want) {
				t.Errorf("ActiveRule(%s) = %s, want %s", tt.day, got, tt.want)
			}
			if got := s.RuleLabel(d(tt.day)); got != tt.wantLabel {
				t.Errorf("RuleLabel(%s) = %q, want %q", tt.day, got, tt.wantLabel)
			}
		})
	}
	plain := Schedule{Rule: base}
	if got := plain.ActiveRule(d("2026-11-25")); !got.Equal(base) {
		t.Errorf("without an override ActiveRule = %s, want %s", got, base)
	}
	if got := plain.RuleLabel(d("2026-11-25")); got != "every 90d" {
		t.Errorf("without an override RuleLabel = %q", got)
	}
}

func TestUnreachable(t *testing.T) {
	for attempts, want := range map[int]bool{0: false, 1: false, 2: false, 3: true, 4: true, 12: true} {
		if got := (Schedule{Attempts: attempts}).Unreachable(); got != want {
			t.Errorf("Unreachable with %d attempts = %v, want %v", attempts, got, want)
		}
	}
}

func TestFirstDue(t *testing.T) {
	tests := []struct {
		name  string
		rule  string
		today string
		cal   Calendar
		want  string
	}{
		{"interval on a workday: today", "every 90d", "2026-11-25", DefaultCalendar(), "2026-11-25"},
		{"interval on a saturday: monday", "every 90d", "2026-11-28", DefaultCalendar(), "2026-11-30"},
		{"daily on a sunday: monday", "daily", "2026-11-29", DefaultCalendar(), "2026-11-30"},
		{"taper: today", "taper 1d 3d", "2026-11-25", DefaultCalendar(), "2026-11-25"},
		{"weekly fri from a wednesday: this friday", "weekly fri", "2026-11-25", DefaultCalendar(), "2026-11-27"},
		{"weekly fri on a friday: today", "weekly fri", "2026-11-27", DefaultCalendar(), "2026-11-27"},
		{"weekly fri from a saturday: next friday", "weekly fri", "2026-11-28", DefaultCalendar(), "2026-12-04"},
		{"mon,thu from a tuesday: thursday", "every mon,thu", "2026-11-24", DefaultCalendar(), "2026-11-26"},
		{"weekly fri away on friday: the friday after", "weekly fri", "2026-11-27", calendar(t, "mon-fri", "2026-11-27"), "2026-12-04"},
		{"weekly fri, next friday away too: the friday after", "weekly fri", "2026-11-28", calendar(t, "mon-fri", "2026-12-04"), "2026-12-11"},
		{"interval inside a vacation: after it", "every 30d", "2026-12-22", calendar(t, "mon-fri", "2026-12-21..2027-01-01"), "2027-01-04"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FirstDue(MustRule(tt.rule), d(tt.today), tt.cal); got != d(tt.want) {
				t.Errorf("FirstDue(%s, %s) = %s, want %s", tt.rule, tt.today, got, tt.want)
			}
		})
	}
}
