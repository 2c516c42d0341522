package tui

import (
	"context"
	"strings"
	"testing"
)

// TestUpcomingAway: days inside a range of time away are marked away,
// weekends included, instead of carrying a bar; a call already planned on
// one is still counted and listed; the days either side keep their bars;
// a second range is added to the first.
func TestUpcomingAway(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	m := keysThen(t, open(t, s, 80, 24), "3", "a", "type:nov 27 to dec 1", "enter")
	set, _ := s.Settings(ctx)
	if v, _ := set.Get("away"); v != "2026-11-27..2026-12-01" {
		t.Fatalf("away = %q", v)
	}
	out := screen(m)
	rows := map[string]string{} // "Fri 27 Nov" → "away"
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(strings.TrimPrefix(l, "▸"))
		if len(f) >= 3 && len(f[0]) == 3 {
			rows[strings.Join(f[:3], " ")] = strings.Join(f[3:], " ")
		}
	}
	for day, want := range map[string]string{
		"Thu 26 Nov": "bar 0", // the day before: a bar, no calls
		"Fri 27 Nov": "away",
		"Sat 28 Nov": "away", // away, not "day off"
		"Sun 29 Nov": "away",
		"Mon 30 Nov": "away", // Erin was due then: her call moved out of the time away (issue 13)
		"Tue 1 Dec":  "away",
		"Wed 2 Dec":  "bar 1", // the first workday after it
		"Sat 5 Dec":  "day off",
	} {
		got, ok := rows[day]
		if !ok {
			t.Errorf("no row for %s:\n%s", day, out)
			continue
		}
		if f := strings.Fields(got); strings.Contains(got, "┃") { // a bar: say so, with its count
			got = "bar " + f[len(f)-1]
		}
		if got != want {
			t.Errorf("%s shows %q, want %q", day, got, want)
		}
	}
	if !strings.Contains(out, "Away Fri 27 Nov to Tue 1 Dec · 1 call planned then moved out of it") {
		t.Errorf("no word that the time away was saved:\n%s", out)
	}
	m = keysThen(t, m, "j", "j", "j", "j", "j", "j", "j")
	if out := screen(m); !strings.Contains(out, "Wednesday 2 December") || !strings.Contains(out, "Erin Later") {
		t.Errorf("the call planned in the time away is not on the first workday after it:\n%s", out)
	}
	keysThen(t, m, "a", "type:dec 24 to jan 2", "enter")
	set, _ = s.Settings(ctx)
	if v, _ := set.Get("away"); v != "2026-11-27..2026-12-01,2026-12-24..2027-01-02" {
		t.Fatalf("a second range: away = %q", v)
	}
}

// TestUpcomingNamesHolidays: with US holidays set, Thanksgiving is named
// on its day instead of a bar, and is a day off.
func TestUpcomingNamesHolidays(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	if _, err := s.SetSetting(context.Background(), "holidays", "US"); err != nil {
		t.Fatal(err)
	}
	out := screen(keysThen(t, open(t, s, 80, 24), "3"))
	var line string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "Thu 26 Nov") {
			line = l
		}
	}
	if !strings.Contains(line, "Thanksgiving Day") || strings.Contains(line, "┃") {
		t.Errorf("Thu 26 Nov: %q, want Thanksgiving Day named, no bar:\n%s", line, out)
	}
}
