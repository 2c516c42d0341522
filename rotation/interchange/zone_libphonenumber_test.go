package interchange

import (
	"slices"
	"testing"

	"github.com/nyaruka/phonenumbers"

	"rotate/rotation"
)

// libZone is the one zone libphonenumber gives for digits, or "".
func libZone(t *testing.T, e164 string) string {
	t.Helper()
	zones, err := phonenumbers.GetTimezonesForPrefix(e164)
	if err != nil {
		t.Fatal(err)
	}
	if len(zones) == 1 && zones[0] != phonenumbers.UNKNOWN_TIMEZONE {
		return zones[0]
	}
	return ""
}

// TestZoneTableAgreesWithLibphonenumber checks the generated table against
// the library it comes from (linked into this test only): every listed
// prefix, the same prefix lengthened to a full number, and every
// region's example numbers written nationally give the library's single
// zone or, where it gives several or none, "". Every zone loads from the
// zone database the binary carries.
func TestZoneTableAgreesWithLibphonenumber(t *testing.T) {
	if len(zonePrefixes) != len(zoneOfPrefix) || len(zonePrefixes) < 1000 {
		t.Fatalf("table of %d prefixes and %d zones", len(zonePrefixes), len(zoneOfPrefix))
	}
	if !slices.IsSorted(zonePrefixes[:]) {
		t.Fatal("zonePrefixes is not sorted")
	}
	for _, p := range zonePrefixes {
		for _, digits := range []string{p, (p + "5550123456789")[:min(15, len(p)+9)]} {
			if got, want := zoneOfE164(digits), libZone(t, digits); got != want {
				t.Errorf("+%s: %q, libphonenumber %q", digits, got, want)
			}
		}
	}
	checked, single := 0, 0
	for rc := range regions {
		for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE} {
			n := phonenumbers.GetExampleNumberForType(rc, typ)
			if n == nil {
				continue
			}
			e164 := phonenumbers.Format(n, phonenumbers.E164)
			want := libZone(t, e164)
			checked++
			if want != "" {
				single++
			}
			if got := ZoneOfNumber(e164, ""); got != want {
				t.Errorf("%s %s: %q, libphonenumber %q", rc, e164, got, want)
			}
			national := phonenumbers.Format(n, phonenumbers.NATIONAL)
			if PhoneKey(national, rc) == e164 {
				if got := ZoneOfNumber(national, rc); got != want {
					t.Errorf("%s %q: %q, libphonenumber %q", rc, national, got, want)
				}
			}
		}
	}
	if checked < 300 || single < 100 {
		t.Errorf("only %d example numbers, %d with one zone", checked, single)
	}
	for _, z := range zoneNames[1:] {
		if _, ok := rotation.LoadZone(z); !ok {
			t.Errorf("zone %q does not load", z)
		}
	}
}

func TestZoneOfNumber(t *testing.T) {
	for _, tc := range []struct{ number, region, want string }{
		{"+49 30 1234567", "", "Europe/Berlin"},
		{"030 1234567", "DE", "Europe/Berlin"},
		{"+44 20 7946 0000", "", "Europe/London"},
		{"+1 312 555 0100", "", "America/Chicago"}, // Chicago area code
		{"+1 213 555 0100", "", "America/Los_Angeles"},
		{"+7 495 123 45 67", "", "Europe/Moscow"},
		{"+1 800 555 0100", "", ""},    // toll-free: the whole of North America
		{"+52 1 55 1234 5678", "", ""}, // a Mexican mobile: several zones
		{"+7 9", "", ""},               // too short to be a number
		{"030 1234567", "", ""},        // national, no region to read it
		{"", "", ""},
	} {
		if got := ZoneOfNumber(tc.number, tc.region); got != tc.want {
			t.Errorf("ZoneOfNumber(%q, %q) = %q, want %q", tc.number, tc.region, got, tc.want)
		}
	}
}
