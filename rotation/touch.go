package rotation

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Direction says who started a touch: out (the user called or wrote) or
// in (they called or wrote).
type Direction string

// The directions of a touch, spelled as in JSON.
const (
	Out Direction = "out"
	In  Direction = "in"
)

// ParseDirection reads a direction: "out"/"outbound" or "in"/"inbound";
// "" is Out.
func ParseDirection(s string) (Direction, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "out", "outbound", "outgoing":
		return Out, nil
	case "in", "inbound", "incoming":
		return In, nil
	}
	return "", fmt.Errorf("unknown direction %q; use out or in", s)
}

// Channels are the ways a touch is made, in the order offered; the kind
// KindNote is not one (a note is no touch).
var Channels = []CallKind{KindCall, KindEmail, KindText, KindMeeting, KindLetter}

// ParseChannel reads a channel name ("e-mail", "sms", "card" and the like
// are accepted too). It does not accept KindNote.
func ParseChannel(s string) (CallKind, error) {
	norm := CallKind(strings.ToLower(strings.TrimSpace(s)))
	switch norm {
	case "", "phone":
		norm = KindCall
	case "e-mail", "mail":
		norm = KindEmail
	case "sms", "message", "whatsapp":
		norm = KindText
	case "card", "post":
		norm = KindLetter
	case "visit", "lunch":
		norm = KindMeeting
	}
	if slices.Contains(Channels, norm) {
		return norm, nil
	}
	return "", fmt.Errorf("unknown channel %q; use %s", s, ChannelNames())
}

// ChannelNames lists the channels for a message: "call, email, …".
func ChannelNames() string {
	names := make([]string, len(Channels))
	for i, c := range Channels {
		names[i] = string(c)
	}
	return strings.Join(names, ", ")
}

// IsMessage reports whether a channel carries one-way messages (e-mail,
// text, letter): the channels a `sent` touch is made on.
func IsMessage(channel CallKind) bool {
	return channel == KindEmail || channel == KindText || channel == KindLetter
}

// Touch is one interaction as the rules read it: its channel, direction
// and outcome, and the time of day of the next call when one was typed
// (a callback "thu 3pm").
type Touch struct {
	Via       CallKind  // a channel (Channels); "" is KindCall
	Direction Direction // "" is Out
	Outcome   Outcome
	NextTime  Clock // the time of the next call; zero for none
}

// Normal returns t with its defaults filled in: a call, outbound.
func (t Touch) Normal() Touch {
	if t.Via == "" {
		t.Via = KindCall
	}
	if t.Direction == "" {
		t.Direction = Out
	}
	return t
}

// Check reports whether the outcome can happen on the touch's channel in
// its direction: `sent` is a one-way message (e-mail, text, letter);
// voicemail and no-answer are calls; a wrong number is one the user
// called or wrote to.
func (t Touch) Check() error {
	t = t.Normal()
	if !slices.Contains(Channels, t.Via) {
		return fmt.Errorf("unknown channel %q; use %s", t.Via, ChannelNames())
	}
	if t.Direction != Out && t.Direction != In {
		return fmt.Errorf("unknown direction %q; use out or in", t.Direction)
	}
	switch o := t.Outcome; {
	case !slices.Contains(Outcomes, o):
		return fmt.Errorf("unknown outcome %q", o)
	case o == Sent && !IsMessage(t.Via):
		return fmt.Errorf("sent is a one-way message (email, text or letter), not a %s; a call that left a message is voicemail", t.Via)
	case o.IsMiss() && t.Via != KindCall:
		return fmt.Errorf("%s is for a call; a message that got no answer yet is sent", o)
	case o == WrongNumber && t.Direction == In:
		return errors.New("wrong-number is for a number you called or wrote to")
	case o == WrongNumber && t.Via == KindMeeting:
		return errors.New("wrong-number is for a number you called or wrote to, not a meeting")
	}
	return nil
}

// ReturnedCall reports whether the touch is a call of theirs that was
// missed: it makes them a returned call, due today ahead of every other.
func (t Touch) ReturnedCall() bool {
	t = t.Normal()
	return t.Via == KindCall && t.Direction == In && t.Outcome.IsMiss()
}

// Describe says what the touch was in a few words, from the user's side:
// "call", "they called", "e-mail", "they e-mailed", "text sent".
func (t Touch) Describe() string {
	t = t.Normal()
	if t.Direction == In {
		return "they " + inboundVerb[t.Via]
	}
	if t.Via == KindCall {
		return "call"
	}
	return channelNoun[t.Via]
}

// Past says the touch as a verb in the past tense, from the user's side:
// "called", "e-mailed", "texted", "met", "wrote"; "they called" inbound.
func (t Touch) Past() string {
	t = t.Normal()
	if t.Direction == In {
		return "they " + inboundVerb[t.Via]
	}
	return channelVerb[t.Via]
}

var channelVerb = map[CallKind]string{KindCall: "called", KindEmail: "e-mailed", KindText: "texted", KindMeeting: "met", KindLetter: "wrote"}
var inboundVerb = map[CallKind]string{KindCall: "called", KindEmail: "e-mailed", KindText: "texted", KindMeeting: "came by", KindLetter: "wrote"}
var channelNoun = map[CallKind]string{KindCall: "call", KindEmail: "e-mail", KindText: "text", KindMeeting: "meeting", KindLetter: "letter"}

// ApplyTouch works out what a touch logged on today means for the
// schedule, as docs/DESIGN.md's rules say:
//
//   - a missed call of theirs (in, no-answer or voicemail) makes them a
//     returned call (Schedule.Returned): on today's list ahead of every
//     due call until a later touch; the planned call stays;
//   - `sent` records a one-way message and keeps the planned call; for a
//     contact flagged unreachable it is the channel switch the flag asks
//     for, and clears it;
//   - any other outcome, on any channel and in either direction, is
//     ApplyLeveled's (`reached` resets the cadence like a call);
//   - any touch but a missed call of theirs ends a returned call, and
//     the time of day of the next call is the one typed with an explicit
//     date (t.NextTime), none otherwise.
func ApplyTouch(s Schedule, t Touch, today, explicit Date, cal Calendar, load LoadModel) (Next, error) {
	t = t.Normal()
	if err := t.Check(); err != nil {
		return Next{}, err
	}
	s = s.Sane()
	today = ClampDate(today)
	if t.ReturnedCall() {
		if !explicit.IsZero() {
			return Next{}, errors.New("a call of theirs that was missed is returned today; log the call back to set the next date")
		}
		n := Next{Schedule: s, Reason: "returned call · the planned call stays"}
		n.Returned = today
		if n.Status == Paused {
			n.Status = Active // the number works again
		}
		return n, nil
	}
	n, err := ApplyLeveled(s, t.Outcome, today, explicit, cal, load)
	if err != nil {
		return Next{}, err
	}
	if t.Outcome == Sent && s.Unreachable() {
		n.Attempts = 0
		if explicit.IsZero() {
			n.Reason = "message sent instead of calling · the planned call stays"
		}
	}
	n.Returned = 0
	n.DueTime = 0
	if !explicit.IsZero() && n.Due == ClampDate(explicit) {
		n.DueTime = t.NextTime
	}
	return n, nil
}

// Touch is the call as the rules read it.
func (k Call) Touch() Touch {
	return Touch{Via: k.Kind, Direction: k.Direction, Outcome: k.Outcome}.Normal()
}

// Label says what a logged touch was in a few words: its outcome for a
// call the user made ("reached"), "note" for a note, else the channel and
// direction first ("they called · no-answer", "e-mail · sent").
func (k Call) Label() string {
	switch {
	case k.Kind == KindNote:
		return "note"
	case (k.Kind == KindCall || k.Kind == "") && k.Direction != In:
		return string(k.Outcome)
	}
	return k.Touch().Describe() + " · " + string(k.Outcome)
}

// LastTouch says the newest touch of calls (newest first) when it was no
// call the user made — "e-mailed 3 days ago: Sent the leaflet", "they
// called today" — for the briefing: what happened since the last call.
// It is "" when the newest touch is a call the user made, or there is
// none.
func LastTouch(calls []Call, today Date) string {
	for _, k := range calls {
		if k.Kind == KindNote {
			continue
		}
		t := k.Touch()
		if t.Via == KindCall && t.Direction == Out {
			return ""
		}
		s := t.Past() + " " + ago(k.Day, today)
		if t.ReturnedCall() {
			s += ", missed"
		}
		if note := strings.Join(strings.Fields(k.Note), " "); note != "" {
			if r := []rune(note); len(r) > 60 {
				note = string(r[:59]) + "…"
			}
			s += ": " + note
		}
		return s
	}
	return ""
}
