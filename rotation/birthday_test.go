package rotation

import "testing"

func TestBirthdayWithoutAYear(t *testing.T) {
	tests := []struct{ in, stored, shown string }{
		{"1970-12-01", "1970-12-01", "1970-12-01"},
		{"12 Apr", "1604-04-12", "12 Apr"},
		{"apr 12", "1604-04-12", "12 Apr"},
		{"--04-12", "1604-04-12", "12 Apr"},
		{"04-12", "1604-04-12", "12 Apr"},
		{"29 Feb", "1604-02-29", "29 Feb"},
		{"", "", ""},
	}
	for _, tt := range tests {
		d, err := ParseBirthday(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		stored := ""
		if !d.IsZero() {
			stored = d.String()
		}
		if stored != tt.stored || BirthdayText(d) != tt.shown {
			t.Errorf("%q: stored %q shown %q, want %q %q", tt.in, stored, BirthdayText(d), tt.stored, tt.shown)
		}
	}
	for _, bad := range []string{"31 Feb", "13-01", "someday", "1970-02-30"} {
		if _, err := ParseBirthday(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
