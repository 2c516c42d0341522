package rotation

import (
	"errors"
	"strings"
	"testing"
)

func TestSettingsSetGet(t *testing.T) {
	tests := []struct {
		key, value string
		want       string // what Get returns afterwards
	}{
		{"workdays", "Mon-Fri", "mon-fri"},
		{"workdays", "mon,tue,wed,thu", "mon,tue,wed,thu"},
		{"workdays", "tue-sat", "tue,wed,thu,fri,sat"},
		{"away", "2026-12-21..2027-01-01, 2026-08-03..2026-08-14", "2026-08-03..2026-08-14,2026-12-21..2027-01-01"},
		{"away", "2026-11-26", "2026-11-26..2026-11-26"},
		{"away", "none", "none"},
		{"away", "", "none"},
		{"capacity", "12", "12"},
		{"capacity", "AUTO", "auto"},
		{"minutes", "15", "15"},
		{"tier.A", "every 2w", "every 2w"},
		{"tier.b", "Weekly FRI", "weekly fri"},
		{" TIER.C ", "every 1y", "every 1y"},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			s := DefaultSettings()
			if err := s.Set(tt.key, tt.value); err != nil {
				t.Fatalf("Set(%q, %q): %v", tt.key, tt.value, err)
			}
			got, err := s.Get(tt.key)
			if err != nil || got != tt.want {
				t.Errorf("Get(%q) = %q, %v; want %q", tt.key, got, err, tt.want)
			}
			// What Get prints, Set reads back to the same value.
			again := DefaultSettings()
			if err := again.Set(tt.key, got); err != nil {
				t.Fatalf("Set(%q, %q) of Get's output: %v", tt.key, got, err)
			}
			if back, _ := again.Get(tt.key); back != got {
				t.Errorf("round trip of %q gave %q", got, back)
			}
		})
	}
}

func TestSettingsSetErrors(t *testing.T) {
	tests := []struct{ key, value, want string }{
		{"workdays", "", "not a weekday"},
		{"workdays", "weekdays", "not a weekday"},
		{"away", "2027-01-01..2026-12-21", "ends before it starts"},
		{"away", "christmas", "FROM..TO"},
		{"capacity", "0", "1 to 1000"},
		{"capacity", "lots", "1 to 1000"},
		{"capacity", "1001", "1 to 1000"},
		{"minutes", "0", "1 to 240"},
		{"minutes", "241", "1 to 240"},
		{"tier.A", "sometimes", ValidRuleForms},
		{"tier.D", "every 2w", "settings are"},
		{"colour", "blue", "settings are"},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			s := DefaultSettings()
			before, _ := s.Get(tt.key)
			err := s.Set(tt.key, tt.value)
			if err == nil {
				t.Fatalf("Set(%q, %q) succeeded, want an error", tt.key, tt.value)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Set(%q, %q) error %q does not say %q", tt.key, tt.value, err, tt.want)
			}
			if after, _ := s.Get(tt.key); after != before {
				t.Errorf("a failed Set changed %s from %q to %q", tt.key, before, after)
			}
		})
	}
	s := DefaultSettings()
	if err := s.Set("tier.B", "fortnightly"); !errors.Is(err, ErrBadRule) {
		t.Errorf("a bad tier rule error %v does not wrap ErrBadRule", err)
	}
}

func TestDefaultSettings(t *testing.T) {
	s := DefaultSettings()
	for key, want := range map[string]string{
		"workdays": "mon-fri", "away": "none", "capacity": "auto", "minutes": "10",
		"tier.A": "every 30d", "tier.B": "every 90d", "tier.C": "every 6m",
	} {
		if got, err := s.Get(key); err != nil || got != want {
			t.Errorf("default %s = %q, %v; want %q", key, got, err, want)
		}
	}
	if got := s.TierRule("").String(); got != "every 90d" {
		t.Errorf("TierRule of no tier = %q, want every 90d", got)
	}
	if !s.Calendar().IsWorkday(d("2026-11-25")) || s.Calendar().IsWorkday(d("2026-11-28")) {
		t.Error("the default settings' calendar is not Mon-Fri")
	}
	if _, err := s.Get("colour"); err == nil {
		t.Error("Get of an unknown key succeeded")
	}
}

func TestCanonicalKey(t *testing.T) {
	for in, want := range map[string]string{"workdays": "workdays", " Away ": "away", "tier.a": "tier.A", "TIER.B": "tier.B", "tier.d": "", "colour": "", "tier.": ""} {
		if got := CanonicalKey(in); got != want {
			t.Errorf("CanonicalKey(%q) = %q, want %q", in, got, want)
		}
	}
}
