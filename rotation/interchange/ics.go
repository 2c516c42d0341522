package interchange

import (
	"crypto/sha256"
	"encoding/hex"
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
// Jane Doe", shown as busy. stamp is the export's time (DTSTAMP).
// Lines end in CRLF and are folded at 75 octets.
func WriteICS(w io.Writer, events []CallEvent, stamp time.Time) error {
	cal := ics.NewCalendarFor("rotate")
	cal.SetProductId("-//rotate//call rotation//EN")
	cal.SetCalscale("GREGORIAN")
	cal.SetMethod(ics.MethodPublish)
	cal.SetXWRCalName("rotate calls")
	for _, e := range events {
		c := e.Contact
		ev := cal.AddEvent(CalendarUID(c))
		ev.SetDtStampTime(stamp)
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
			ev.SetStartAt(e.At.UTC())
			ev.SetEndAt(e.At.UTC().Add(TimedCallMinutes * time.Minute))
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
