package interchange

import "testing"

func TestPhoneKey(t *testing.T) {
	tests := []struct{ number, region, want string }{
		{"+49 30 1234567", "", "+49301234567"},
		{"+49 (0)30 1234567", "DE", "+49301234567"}, // the trunk 0 for national callers
		{"+44 (0)20 7946 0018", "", "+442079460018"},
		{"(+49) 30 1234567", "DE", "+49301234567"},
		{"(0049) 30 1234567", "DE", "+49301234567"},
		{"(0)30 1234567", "DE", "+49301234567"},
		{"030 1234567", "DE", "+49301234567"},
		{"(030) 123-4567", "de", "+49301234567"},
		{"+1 (415) 555-0134", "", "+14155550134"},
		{"415.555.0134", "US", "+14155550134"},
		{"415 555 0134", "", "4155550134"}, // no region: digits alone
		{"0049 30 1234567", "DE", "+49301234567"},
		// No region: 00 is the international prefix most of the world
		// dials (a phone's call log writes numbers so), never the start
		// of a national number with a country code after it.
		{"0049 30 1234567", "", "+49301234567"},
		{"00 44 20 7946 0018", "", "+442079460018"},
		{"0030 1234567", "", "+301234567"}, // Greece
		{"001234", "", "001234"},           // too short for E.164: digits
		{"12", "DE", ""},                   // too short to match anything
		{"ext. 42", "", ""},
		{"+99 999 999", "", "+99999999"}, // no such country: digits
	}
	for _, tt := range tests {
		if got := PhoneKey(tt.number, tt.region); got != tt.want {
			t.Errorf("PhoneKey(%q, %q) = %q, want %q", tt.number, tt.region, got, tt.want)
		}
	}
}

func TestRegionFromLocale(t *testing.T) {
	for in, want := range map[string]string{"de_DE.UTF-8": "DE", "en-GB": "GB", "C.UTF-8": "", "POSIX": "", "": "", "fr_FR@euro": "FR", "xx_ZZ": ""} {
		if got := RegionFromLocale(in); got != want {
			t.Errorf("RegionFromLocale(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestMaybeSame(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"+41 79 555 1001", "079 555 10 01", true},
		{"079 555 10 01", "+41795551001", true},
		{"0795551001", "079 555 10 01", true},
		{"+41 79 555 1001", "+49 79 555 1001", false}, // both with a country code: PhoneKey decides
		{"+41 79 555 1001", "079 555 10 02", false},
		{"+41 79 555 1001", "1234", false},
		{"", "", false},
	} {
		if got := MaybeSame(tc.a, tc.b); got != tc.want {
			t.Errorf("MaybeSame(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}
