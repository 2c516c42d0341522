package interchange

import (
	"errors"
	"strings"
	"testing"

	"rotate/rotation"
)

const indiaICS = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" +
	"BEGIN:VEVENT\r\nUID:1\r\nDTSTART;VALUE=DATE:20270114\r\nDTEND;VALUE=DATE:20270115\r\nSUMMARY:Pongal\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:2\r\nDTSTART;VALUE=DATE:20271029\r\nDTEND;VALUE=DATE:20271101\r\nSUMMARY:Diwali \\, three\r\n  days\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:3\r\nDTSTART;VALUE=DATE:20270126\r\nRRULE:FREQ=YEARLY;COUNT=3\r\nSUMMARY:Republic Day\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:4\r\nDTSTART:20270815T000000Z\r\nSUMMARY:Independence Day\r\nEND:VEVENT\r\n" +
	"BEGIN:VEVENT\r\nUID:5\r\nDTSTART;VALUE=DATE:20270301\r\nSTATUS:CANCELLED\r\nSUMMARY:Called off\r\nEND:VEVENT\r\n" +
	"END:VCALENDAR\r\n"

func TestReadHolidayICS(t *testing.T) {
	hs, err := ReadHolidayICS(strings.NewReader(indiaICS))
	if err != nil {
		t.Fatal(err)
	}
	got := rotation.FormatHolidayLines(hs)
	want := strings.Join([]string{
		"2027-01-14 Pongal",
		"2027-10-29 Diwali , three days", "2027-10-30 Diwali , three days", "2027-10-31 Diwali , three days",
		"2027-01-26 Republic Day", "2028-01-26 Republic Day", "2029-01-26 Republic Day",
		"2027-08-15 Independence Day",
	}, "\n")
	if got != want {
		t.Errorf("holidays:\n%s\nwant:\n%s", got, want)
	}
	for name, bad := range map[string]string{
		"not a calendar": "hello",
		"no events":      "BEGIN:VCALENDAR\nEND:VCALENDAR\n",
		"bad date":       "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:2027-01-14\nEND:VEVENT\nEND:VCALENDAR\n",
		"no start":       "BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n",
		"a long event":   "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:20270101\nDTEND:20280101\nEND:VEVENT\nEND:VCALENDAR\n",
	} {
		if _, err := ReadHolidayICS(strings.NewReader(bad)); !errors.Is(err, ErrNotHolidayICS) || strings.Contains(err.Error(), "\n") {
			t.Errorf("%s: %v", name, err)
		}
	}
	// A yearly event without an end stops after 50 years.
	yearly := "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=YEARLY\nSUMMARY:New Year\nEND:VEVENT\nEND:VCALENDAR\n"
	if hs, err := ReadHolidayICS(strings.NewReader(yearly)); err != nil || len(hs) != 50 {
		t.Errorf("yearly: %d days, %v", len(hs), err)
	}
}

// FuzzReadHolidayICS: any input gives holidays or an error, never a
// panic; every holiday is a date in range with a clean one-line name.
func FuzzReadHolidayICS(f *testing.F) {
	f.Add(indiaICS)
	f.Add("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;TZID=\"a:b\":20270101T090000\nRRULE:FREQ=YEARLY;UNTIL=20300101\nSUMMARY:\u202eX\nEND:VEVENT\nEND:VCALENDAR")
	f.Add("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART:99991231\nDTEND:99991231\nRRULE:FREQ=YEARLY;COUNT=99\nEND:VEVENT\n")
	f.Fuzz(func(t *testing.T, s string) {
		hs, err := ReadHolidayICS(strings.NewReader(s))
		if err != nil {
			if !errors.Is(err, ErrNotHolidayICS) {
				t.Fatalf("error %v does not wrap ErrNotHolidayICS", err)
			}
			return
		}
		if len(hs) == 0 || len(hs) > maxHolidayDays+maxHolidaySpan*maxYearlyRepeats {
			t.Fatalf("%d holidays", len(hs))
		}
		seen := map[rotation.Date]bool{}
		for _, h := range hs {
			if !h.Date.InRange() || seen[h.Date] || h.Name == "" || h.Name != rotation.CleanLine(h.Name) {
				t.Fatalf("holiday %+v", h)
			}
			seen[h.Date] = true
		}
		// What the setting keeps reads back the same.
		back, err := rotation.ParseHolidayLines(rotation.FormatHolidayLines(hs))
		if err != nil || len(back) != len(hs) {
			t.Fatalf("round trip: %d of %d, %v", len(back), len(hs), err)
		}
	})
}
