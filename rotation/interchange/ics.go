package interchange

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	ics "github.com/arran4/golang-ical"

	"rotate/rotation"
)

// CallEvent is one upcoming call for the calendar.
type CallEvent struct {
	Day       rotation.Date
	Contact   rotation.Contact
	FollowUps []string // open follow-ups, to bring up
	// At is the moment of a timed call (a callback "thu 3pm"), for a
	// timed event; zero for an all-day one.
	At time.Time
	// Last is the contact's newest touch when it was no call the user
	// made (a message sent, their call), said in the description; nil
	// for none.
	Last *rotation.Call
	// N numbers the contact's planned calls: 0 for the one due, 1, 2, ...
	// for those projected after it. The UID is the contact's and N's.
	N int
	// Seq is the event's SEQUENCE: how many times it has moved since it
	// was first exported (see store.Sequence).
	Seq int
	// Zone is the client's time zone (an IANA name): a timed call is
	// written at its time there; "" writes it in UTC.
	Zone string
}

// Start is what the event says about when it is, to tell whether it moved
// since the last export: its day, or its moment and zone when timed.
func (e CallEvent) Start() string {
	if e.At.IsZero() {
		return e.Day.String()
	}
	return e.At.UTC().Format(time.RFC3339) + " " + e.Zone
}

// uid is the event's UID: the contact's for its due call (as exports
// before projected calls gave it), with the number after it for the
// projected ones.
func (e CallEvent) uid() string {
	u := CalendarUID(e.Contact)
	if e.N == 0 {
		return u
	}
	return strings.TrimSuffix(u, "@rotate") + "-" + strconv.Itoa(e.N) + "@rotate"
}

// TimedCallMinutes is how long the event of a timed call lasts.
const TimedCallMinutes = 15

// CalendarUID is the UID of a contact's call event. It depends on the
// contact alone (its id and when it was created), not on the date, so a
// calendar that imports a new export moves the event instead of adding a
// second one; two books give different UIDs.
func CalendarUID(c rotation.Contact) string {
	sum := sha256.Sum256([]byte(strconv.FormatInt(c.ID, 10) + "/" + c.Created.UTC().Format(time.RFC3339Nano)))
	return "call-" + strconv.FormatInt(c.ID, 10) + "-" + hex.EncodeToString(sum[:6]) + "@rotate"
}

// WriteICS writes the calls as an RFC 5545 calendar that Google Calendar,
// Outlook and Apple Calendar import: one all-day event per call, titled
// "Call Jane Doe", with the numbers, the last touch when it was no call
// of the user's, and the open follow-ups in the description, shown as
// free time; a timed call (CallEvent.At) is a timed event, "Call back
// Jane Doe", shown as busy, at its time in the client's zone (with the
// zone's VTIMEZONE). Each event carries its SEQUENCE (CallEvent.Seq), so
// a calendar importing a later export updates the events that moved.
// stamp is the export's time (DTSTAMP). Lines end in CRLF and are folded
// at 75 octets.
func WriteICS(w io.Writer, events []CallEvent, stamp time.Time) error {
	cal := ics.NewCalendarFor("rotate")
	cal.SetProductId("-//rotate//call rotation//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName("rotate calls")
	addZones(cal, events)
	for _, e := range events {
		c := e.Contact
		ev := cal.AddEvent(e.uid())
		ev.SetDtStampTime(stamp)
		ev.SetSequence(max(e.Seq, 0))
		if !c.Updated.IsZero() {
			ev.SetModifiedAt(c.Updated)
		}
		if e.At.IsZero() {
			ev.SetAllDayStartAt(e.Day.Time())
			ev.SetAllDayEndAt(e.Day.AddDays(1).Time())
			ev.SetSummary(icsText(rotation.CleanLine("Call " + c.Name)))
			ev.SetTimeTransparency(ics.TransparencyTransparent)
		} else {
			// A time the client asked for: a timed event, shown as busy.
			end := e.At.Add(TimedCallMinutes * time.Minute)
			if loc, ok := rotation.LoadZone(e.Zone); ok {
				ev.SetProperty(ics.ComponentPropertyDtStart, e.At.In(loc).Format(icsLocal), ics.WithTZID(e.Zone))
				ev.SetProperty(ics.ComponentPropertyDtEnd, end.In(loc).Format(icsLocal), ics.WithTZID(e.Zone))
			} else {
				ev.SetStartAt(e.At.UTC())
				ev.SetEndAt(end.UTC())
			}
			ev.SetSummary(icsText(rotation.CleanLine("Call back " + c.Name)))
			ev.SetTimeTransparency(ics.TransparencyOpaque)
		}
		ev.SetDescription(icsText(eventDescription(e)))
		if c.Tier != "" {
			ev.AddCategory("Tier " + c.Tier)
		}
	}
	return cal.SerializeTo(w, ics.WithNewLineWindows)
}

func eventDescription(e CallEvent) string {
	var b strings.Builder
	c := e.Contact
	for _, p := range c.Phones {
		num := rotation.CleanPhone(p.Number) // a number to dial, nothing else
		if num == "" {
			continue
		}
		b.WriteString(num)
		if p.Label != "" {
			b.WriteString(" (" + rotation.CleanLine(p.Label) + ")")
		}
		b.WriteByte('\n')
	}
	if c.Company != "" {
		b.WriteString(rotation.CleanLine(c.Company) + "\n")
	}
	if k := e.Last; k != nil {
		b.WriteString("\nLast touch: " + rotation.CleanLine(k.Label()) + ", " + k.Day.Time().Format("2 Jan 2006"))
		if note := rotation.CleanLine(k.Note); note != "" {
			b.WriteString(": " + note)
		}
		b.WriteByte('\n')
	}
	if len(e.FollowUps) > 0 {
		b.WriteString("\nBring up:\n")
		for _, f := range e.FollowUps {
			b.WriteString("- " + rotation.CleanLine(f) + "\n")
		}
	}
	return strings.Trim(b.String(), "\n")
}

// icsText keeps only what a TEXT value may hold: no control characters
// but the newline, which the library escapes.
func icsText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' {
			return ' '
		}
		if r < 0x20 && r != '\n' || r == 0x7f {
			return -1
		}
		return r
	}, rotation.CleanText(s))
}

// icsLocal is a local DATE-TIME, read in the TZID beside it.
const icsLocal = "20060102T150405"

// addZones adds a VTIMEZONE for each zone a timed event is written in:
// the zone's offsets from a year before the first such event to the day
// after the last, one STANDARD or DAYLIGHT part per period, so that a
// calendar reads the times as the zone database does.
func addZones(cal *ics.Calendar, events []CallEvent) {
	type span struct{ from, to time.Time }
	spans := map[string]*span{}
	var names []string
	for _, e := range events {
		if e.At.IsZero() {
			continue
		}
		if _, ok := rotation.LoadZone(e.Zone); !ok {
			continue
		}
		sp := spans[e.Zone]
		if sp == nil {
			sp = &span{e.At, e.At}
			spans[e.Zone] = sp
			names = append(names, e.Zone)
		}
		sp.from, sp.to = minTime(sp.from, e.At), maxTime(sp.to, e.At)
	}
	for _, name := range names {
		loc, _ := rotation.LoadZone(name)
		sp := spans[name]
		tz := cal.AddTimezone(name)
		t, end := sp.from.AddDate(-1, 0, 0).In(loc), sp.to.AddDate(0, 0, 1)
		for i := 0; i < 100; i++ { // two changes a year at most, in practice
			start, next := t.ZoneBounds()
			abbr, off := t.Zone()
			prev := off
			on := time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC).In(loc)
			if !start.IsZero() {
				_, prev = start.Add(-time.Second).Zone()
				on = start
			}
			part := ics.ComponentBase{}
			part.SetProperty(ics.ComponentPropertyDtStart, on.UTC().Add(time.Duration(prev)*time.Second).Format(icsLocal))
			part.SetProperty(ics.ComponentProperty("TZOFFSETFROM"), icsOffset(prev))
			part.SetProperty(ics.ComponentProperty("TZOFFSETTO"), icsOffset(off))
			part.SetProperty(ics.ComponentProperty("TZNAME"), abbr)
			if t.IsDST() {
				tz.Components = append(tz.Components, &ics.Daylight{ComponentBase: part})
			} else {
				tz.Components = append(tz.Components, &ics.Standard{ComponentBase: part})
			}
			if next.IsZero() || next.After(end) {
				break
			}
			t = next.In(loc)
		}
	}
}

// icsOffset is a UTC offset as RFC 5545 writes it: "+0100", "-0530".
func icsOffset(seconds int) string {
	sign := '+'
	if seconds < 0 {
		sign, seconds = '-', -seconds
	}
	return fmt.Sprintf("%c%02d%02d", sign, seconds/3600, seconds/60%60)
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
