package rotation

import (
	"errors"
	"testing"
)

func TestParseZone(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Europe/Berlin", "Europe/Berlin"},
		{" europe/berlin ", "Europe/Berlin"},
		{"america/new_york", "America/New_York"},
		{"utc", "UTC"},
		{"none", ""},
		{"", ""},
	} {
		got, err := ParseZone(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseZone(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{"Berlin", "Europe/Berlinn", "Local", "../../etc/passwd", "Mars/Olympus", "Europe/ Berlin"} {
		if got, err := ParseZone(bad); err == nil {
			t.Errorf("ParseZone(%q) = %q, want an error", bad, got)
		}
	}
}

func TestContactZone(t *testing.T) {
	zoneOf := func(n string) string {
		return map[string]string{"berlin": "Europe/Berlin", "berlin2": "Europe/Berlin", "la": "America/Los_Angeles"}[n]
	}
	phones := func(ns ...string) []Phone {
		var ps []Phone
		for _, n := range ns {
			ps = append(ps, Phone{Number: n})
		}
		return ps
	}
	for _, tc := range []struct {
		name string
		c    Contact
		want string
	}{
		{"given wins over the phone", Contact{TZ: "Asia/Tokyo", Phones: phones("berlin")}, "Asia/Tokyo"},
		{"from the phone", Contact{Phones: phones("berlin")}, "Europe/Berlin"},
		{"a number with several zones adds nothing", Contact{Phones: phones("mobile", "berlin")}, "Europe/Berlin"},
		{"numbers that agree", Contact{Phones: phones("berlin", "berlin2")}, "Europe/Berlin"},
		{"numbers that disagree give none", Contact{Phones: phones("berlin", "la")}, ""},
		{"no phone", Contact{}, ""},
	} {
		if got := ContactZone(tc.c, zoneOf); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
	if _, _, err := ContactLocation(Contact{Phones: phones("berlin", "la")}, zoneOf); !errors.Is(err, ErrNoZone) {
		t.Errorf("ContactLocation of an unknown zone: %v", err)
	}
	loc, name, err := ContactLocation(Contact{Phones: phones("la")}, zoneOf)
	if err != nil || name != "America/Los_Angeles" || loc.String() != name {
		t.Errorf("ContactLocation: %v %q %v", loc, name, err)
	}
}

func TestZoneCity(t *testing.T) {
	for in, want := range map[string]string{
		"Europe/Berlin": "Berlin", "America/New_York": "New York",
		"America/Argentina/Buenos_Aires": "Buenos Aires", "UTC": "UTC", "Etc/GMT+5": "Etc/GMT+5",
	} {
		if got := ZoneCity(in); got != want {
			t.Errorf("ZoneCity(%q) = %q, want %q", in, got, want)
		}
	}
}
