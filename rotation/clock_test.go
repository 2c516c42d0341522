package rotation

import "testing"

func TestParseClock(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" for no time; "!" for an error
	}{
		{"", ""},
		{"15:00", "15:00"},
		{"9:05", "09:05"},
		{"09:05", "09:05"},
		{"3pm", "15:00"},
		{"3 PM", "15:00"},
		{"3:30pm", "15:30"},
		{"3.30 pm", "15:30"},
		{"12am", "00:00"},
		{"12pm", "12:00"},
		{"11:59pm", "23:59"},
		{"15h", "15:00"},
		{"15h30", "15:30"},
		{"noon", "12:00"},
		{"midnight", "00:00"},
		{"24:00", "!"},
		{"13pm", "!"},
		{"0am", "!"},
		{"9:5", "!"},
		{"9:60", "!"},
		{"-1:00", "!"},
		{"+1:00", "!"},
		{"3", "!"},
		{"tomorrow", "!"},
		{"1:2:3", "!"},
		{"123:00", "!"},
	}
	for _, tt := range tests {
		got, err := ParseClock(tt.in)
		switch {
		case tt.want == "!":
			if err == nil {
				t.Errorf("ParseClock(%q) = %s, want an error", tt.in, got)
			}
		case err != nil || got.String() != tt.want:
			t.Errorf("ParseClock(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if c := ClockOf(15, 0); c.Hour() != 15 || c.Minute() != 0 || c.Minutes() != 900 || !c.Valid() {
		t.Errorf("ClockOf(15, 0) = %d: %d:%d", c, c.Hour(), c.Minute())
	}
	if Clock(0).String() != "" || Clock(-5).Valid() || Clock(24*60+1).Valid() {
		t.Error("the zero or an out-of-range Clock")
	}
}

func TestParseTypedDateTime(t *testing.T) {
	today := date("2026-12-02") // a Wednesday
	cal := DefaultCalendar()
	tests := []struct {
		in       string
		wantDate string
		wantTime string
		wantErr  bool
	}{
		{"thu 3pm", "2026-12-03", "15:00", false},
		{"thu 3 pm", "2026-12-03", "15:00", false},
		{"tomorrow 10:30", "2026-12-03", "10:30", false},
		{"fri at 9:15", "2026-12-04", "09:15", false},
		{"2027-03-01 15:00", "2027-03-01", "15:00", false},
		{"4pm", "2026-12-02", "16:00", false},
		{"thu", "2026-12-03", "", false},
		{"in 2 weeks", "2026-12-16", "", false},
		{"mar 3", "2027-03-03", "", false},
		{"thu noon", "2026-12-03", "12:00", false},
		{"thu 25:00", "", "", true},
		{"thu 13pm", "", "", true},
		{"blursday 3pm", "", "", true},
		{"", "", "", true},
		{"at 3pm", "2026-12-02", "15:00", false},
	}
	for _, tt := range tests {
		got, at, err := ParseTypedDateTime(tt.in, today, cal)
		if tt.wantErr {
			if err == nil {
				t.Errorf("ParseTypedDateTime(%q) = %s %s, want an error", tt.in, got.Date, at)
			}
			continue
		}
		if err != nil || got.Date != date(tt.wantDate) || at.String() != tt.wantTime {
			t.Errorf("ParseTypedDateTime(%q) = %s %q, %v; want %s %q", tt.in, got.Date, at, err, tt.wantDate, tt.wantTime)
		}
	}
}
