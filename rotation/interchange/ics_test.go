package interchange

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/charmbracelet/x/exp/golden"

	"rotate/rotation"
)

// contentLine is RFC 5545's contentline after unfolding: name, parameters
// (quoted values or safe characters) and a value without control
// characters.
var contentLine = regexp.MustCompile(`^[A-Za-z0-9-]+(;[A-Za-z0-9-]+=("[^"\x00-\x1f]*"|[^";:,\x00-\x1f]*)(,("[^"\x00-\x1f]*"|[^";:,\x00-\x1f]*))*)*:[^\x00-\x08\x0a-\x1f\x7f]*$`)

// checkStrictICS fails unless text follows RFC 5545 to the letter in what
// calendar programs are picky about: CRLF after every line and nowhere
// else, lines of at most 75 octets, folding with one blank, valid UTF-8,
// content lines that parse, components that nest, and the properties
// every VEVENT must have, once each.
func checkStrictICS(t *testing.T, text string) []map[string][]string {
	t.Helper()
	if !strings.HasSuffix(text, "\r\n") {
		t.Fatal("the calendar does not end in CRLF")
	}
	if strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\r") {
		t.Fatal("a bare LF or CR")
	}
	var lines []string
	for i, l := range strings.Split(strings.TrimSuffix(text, "\r\n"), "\r\n") {
		if len(l) > 75 {
			t.Errorf("line %d has %d octets: %q", i+1, len(l), l)
		}
		if strings.HasPrefix(l, " ") || strings.HasPrefix(l, "\t") {
			if len(lines) == 0 {
				t.Fatal("the first line is a continuation")
			}
			lines[len(lines)-1] += l[1:]
			continue
		}
		lines = append(lines, l)
	}
	var stack []string
	var events []map[string][]string
	var cur map[string][]string
	for _, l := range lines {
		if !contentLine.MatchString(l) {
			t.Errorf("not a content line: %q", l)
			continue
		}
		name, _, _ := strings.Cut(l, ":")
		name, _, _ = strings.Cut(name, ";")
		value := l[strings.Index(l, ":")+1:]
		switch name {
		case "BEGIN":
			stack = append(stack, value)
			if value == "VEVENT" {
				cur = map[string][]string{}
			}
		case "END":
			if len(stack) == 0 || stack[len(stack)-1] != value {
				t.Fatalf("END:%s does not close %v", value, stack)
			}
			stack = stack[:len(stack)-1]
			if value == "VEVENT" {
				events = append(events, cur)
				cur = nil
			}
		default:
			if cur != nil {
				cur[name] = append(cur[name], l)
			}
		}
	}
	if len(stack) != 0 {
		t.Fatalf("unclosed %v", stack)
	}
	if lines[0] != "BEGIN:VCALENDAR" || !strings.Contains(text, "\r\nVERSION:2.0\r\n") || !strings.Contains(text, "\r\nPRODID:") {
		t.Error("VCALENDAR, VERSION and PRODID are required")
	}
	for i, ev := range events {
		for _, p := range []string{"UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"} {
			if len(ev[p]) != 1 {
				t.Errorf("event %d has %d %s", i, len(ev[p]), p)
			}
		}
		// An all-day date; or a timed call, in UTC or in a zone the
		// calendar defines (a VTIMEZONE with its offsets).
		for _, p := range []string{"DTSTART", "DTEND"} {
			v := ev[p]
			if len(v) != 1 {
				continue
			}
			m := regexp.MustCompile(`^` + p + `(;VALUE=DATE:\d{8}|:\d{8}T\d{6}Z|;TZID=([^:;"]+):\d{8}T\d{6})$`).FindStringSubmatch(v[0])
			switch {
			case m == nil:
				t.Errorf("event %d: %s is neither an all-day date nor a time in UTC or a zone", i, v[0])
			case m[2] != "" && !regexp.MustCompile(`BEGIN:VTIMEZONE\r\nTZID:`+regexp.QuoteMeta(m[2])+`\r\n(BEGIN:(STANDARD|DAYLIGHT)\r\nDTSTART:\d{8}T\d{6}\r\nTZOFFSETFROM:[+-]\d{4}\r\nTZOFFSETTO:[+-]\d{4}\r\nTZNAME:[^\r]+\r\nEND:(STANDARD|DAYLIGHT)\r\n)+END:VTIMEZONE\r\n`).MatchString(text):
				t.Errorf("event %d: %s names a zone the calendar does not define", i, v[0])
			}
		}
		if stamp := ev["DTSTAMP"]; len(stamp) == 1 && !regexp.MustCompile(`^DTSTAMP:\d{8}T\d{6}Z$`).MatchString(stamp[0]) {
			t.Errorf("event %d: %s is not UTC", i, stamp[0])
		}
	}
	return events
}

func TestWriteICS(t *testing.T) {
	created := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	jane := rotation.Contact{ID: 7, Name: "Jane Doe", Company: "Acme, Inc.", Tier: "A", Created: created, Updated: created,
		Phones: phones{ph("+1 415 555 0134", "mobile"), ph("+1 415 555 0100", "work")}}
	events := []CallEvent{
		{Day: rotation.MustDate("2026-11-25"), Contact: jane, FollowUps: []string{
			"How did Jennifer's ballet recital go? She was nervous about the solo; ask about the next one, too.",
			"Alaska cruise: photos"}},
		{Day: rotation.MustDate("2026-11-27"), Contact: rotation.Contact{ID: 8, Name: "Jürgen Müller; \"GF\"\x1b[31m", Created: created}},
	}
	var buf bytes.Buffer
	stamp := time.Date(2026, 11, 25, 8, 30, 0, 0, time.FixedZone("CET", 3600))
	if err := WriteICS(&buf, events, stamp); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	evs := checkStrictICS(t, text)
	if len(evs) != 2 {
		t.Fatalf("%d events", len(evs))
	}
	for _, want := range []string{
		"DTSTART;VALUE=DATE:20261125", "DTEND;VALUE=DATE:20261126", "DTSTAMP:20261125T073000Z",
		"SUMMARY:Call Jane Doe", "TRANSP:TRANSPARENT", "SUMMARY:Call Jürgen Müller\\; \"GF\"",
	} {
		if !strings.Contains(strings.ReplaceAll(text, "\r\n ", ""), want+"\r\n") {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	// A second library reads it back: the description survives.
	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	got := cal.Events()[0].GetProperty(ics.ComponentPropertyDescription).Value
	want := "+1 415 555 0134 (mobile)\n+1 415 555 0100 (work)\nAcme, Inc.\n\nBring up:\n- How did Jennifer's ballet recital go? She was nervous about the solo; ask about the next one, too.\n- Alaska cruise: photos"
	if ics.FromText(got) != want {
		t.Errorf("description\n%q\nwant\n%q", ics.FromText(got), want)
	}
	// The UID depends on the contact alone: a later export with another
	// date updates the same event.
	if uid := CalendarUID(jane); !strings.Contains(text, "UID:"+uid+"\r\n") || uid != CalendarUID(rotation.Contact{ID: 7, Name: "Renamed", Created: created}) {
		t.Errorf("UID %q is not stable", uid)
	}
	if CalendarUID(jane) == CalendarUID(rotation.Contact{ID: 7, Created: created.Add(time.Second)}) {
		t.Error("two books give the same UID")
	}
}

// TestWriteICSGolden pins a calendar of planned calls: a weekly client's
// due call and the two projected after it (their own UIDs), one that moved
// twice (SEQUENCE 2), and a timed callback written in the client's zone
// with its VTIMEZONE across the change to summer time. Regenerate with
// `go test ./rotation/interchange -run TestWriteICSGolden -update`.
func TestWriteICSGolden(t *testing.T) {
	created := time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)
	ann := rotation.Contact{ID: 3, Name: "Ann Weekly", Tier: "B", Created: created, Updated: created,
		Phones: phones{ph("+1 415 555 0134", "mobile")}}
	anke := rotation.Contact{ID: 4, Name: "Anke Berg", Tier: "A", TZ: "Europe/Berlin", Created: created, Updated: created,
		Phones: phones{ph("+49 30 1234567", "")}}
	chicago := time.FixedZone("CST", -6*3600)
	events := []CallEvent{
		{Day: rotation.MustDate("2027-03-26"), Contact: ann, N: 0, Seq: 2, FollowUps: []string{"the renewal"}},
		{Day: rotation.MustDate("2027-03-30"), Contact: anke, Zone: "Europe/Berlin",
			At: time.Date(2027, 3, 30, 9, 0, 0, 0, chicago)}, // 17:00 in Berlin, summer time from 28 March
		{Day: rotation.MustDate("2027-04-02"), Contact: ann, N: 1},
		{Day: rotation.MustDate("2027-04-09"), Contact: ann, N: 2},
	}
	var buf bytes.Buffer
	if err := WriteICS(&buf, events, time.Date(2027, 3, 25, 8, 30, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	if evs := checkStrictICS(t, text); len(evs) != 4 {
		t.Fatalf("%d events, want 4", len(evs))
	}
	unfolded := strings.ReplaceAll(text, "\r\n ", "")
	for _, want := range []string{
		"UID:" + CalendarUID(ann), "UID:" + strings.TrimSuffix(CalendarUID(ann), "@rotate") + "-1@rotate",
		"SEQUENCE:2", "DTSTART;TZID=Europe/Berlin:20270330T170000", "DTEND;TZID=Europe/Berlin:20270330T171500",
		"TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "BEGIN:DAYLIGHT",
	} {
		if !strings.Contains(unfolded, want+"\r\n") {
			t.Errorf("no %q in\n%s", want, text)
		}
	}
	// A second library reads the timed call back at the same moment.
	cal, err := ics.ParseCalendar(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range cal.Events() {
		if ev.Id() != CalendarUID(anke) {
			continue
		}
		at, err := ev.GetStartAt()
		if err != nil || !at.Equal(events[1].At) {
			t.Errorf("the timed call reads back as %v (%v), want %v", at, err, events[1].At)
		}
	}
	golden.RequireEqual(t, buf.Bytes())
}
