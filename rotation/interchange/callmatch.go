package interchange

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"rotate/rotation"
)

// Matching a phone's call log to the book (docs/DESIGN.md "Calls from
// the phone"): each call is matched to a contact by its number, compared
// as import compares numbers (PhoneKey in the book's region; with no
// region, a number without a country code also by its national digits),
// and proposed as a touch.

// MatchOptions are what matching needs besides the calls and the book.
type MatchOptions struct {
	// Region is the country of numbers written without a country code
	// ("" to compare those by their national digits).
	Region string
	// MinSeconds is how long an answered call must last to count as a
	// conversation (reached); a shorter one is not.
	MinSeconds int
	// Today is the day of the import: calls of later days (a phone
	// whose clock is wrong) are not proposed.
	Today rotation.Date
	// Loc is the zone a call's day is read in (the phone's and the
	// user's); nil for UTC.
	Loc *time.Location
	// Window is how long before the phone's record of a call a call
	// logged by hand may be and still be the same call
	// (DefaultMatchWindow when 0); LateWindow how long after its end
	// (DefaultLateWindow when 0).
	Window, LateWindow time.Duration
}

// MaxCallAgeDays is how old a phone's call may be and still be proposed:
// the rotation is about the calls of the last months, and older dates
// come from a reset clock or an old backup.
const MaxCallAgeDays = 366

// DefaultMinSeconds is the default of --min-seconds.
const DefaultMinSeconds = 20

// DefaultMatchWindow is how long before the phone's record of a call a
// hand-logged call may be and still be that call (the two clocks differ).
const DefaultMatchWindow = 10 * time.Minute

// DefaultLateWindow is how long after the end of the phone's record a
// hand-logged call may be and still be that call: people log a call
// after hanging up, often not at once (a trial user logged one at the
// end of a morning of calls and got it twice with ten minutes).
const DefaultLateWindow = 3 * time.Hour

// LoggedCall is a touch the book holds already, as matching needs it.
type LoggedCall struct {
	ID        int64
	ContactID int64
	At        time.Time
	Kind      rotation.CallKind
	// Key is the phone record's key (PhoneCall.Key) for a call imported
	// or matched before; "" for a call logged by hand only.
	Key string
}

// CallProposal is one phone call proposed as a touch of a contact.
type CallProposal struct {
	Call      PhoneCall
	Key       string
	ContactID int64
	Name      string
	Direction rotation.Direction
	Outcome   rotation.Outcome
	// Returned is a missed call of theirs: logged as an inbound
	// no-answer it puts them at the top of today's list.
	Returned bool
	Day      rotation.Date // the day it counts for, in MatchOptions.Loc
	// Logged is the call logged by hand that this record is (0 when
	// none): the import does not log it again but stores the key with it.
	Logged int64
}

// UnknownNumber is a number of the call log that no contact has.
type UnknownNumber struct {
	Number string // as the phone wrote it; "" for a hidden caller
	Name   string // the phone's name for it, if any
	Calls  int
}

// SkippedCall is a call that matched but is not proposed, and why.
type SkippedCall struct {
	Call   PhoneCall
	Name   string // the contact, when it matched one
	Reason string
}

// CallMatch is what matching a call log found.
type CallMatch struct {
	// Proposed are the touches to log, oldest first.
	Proposed []CallProposal
	// Already are the calls the book holds already: imported before
	// (same key), or logged by hand near the phone's time (Logged set).
	Already []CallProposal
	// Unknown are the numbers no contact has, most calls first;
	// UnknownCalls counts their calls.
	Unknown      []UnknownNumber
	UnknownCalls int
	Skipped      []SkippedCall
}

// proposal says what a call of the given type and length is as a touch:
// its direction and outcome, whether it is a returned call, and a reason
// when it is not proposed at all.
//
//   - outgoing: reached when it lasted MinSeconds or more, else no-answer;
//   - incoming (or answered on another device): reached when it lasted
//     MinSeconds or more; a shorter one is not a conversation and not a
//     missed call either, so it is skipped;
//   - missed and rejected: they called and did not get you — an inbound
//     no-answer, a returned call (rejecting a call does not mean the
//     caller is not waiting for an answer); voicemail: an inbound
//     voicemail, a returned call too;
//   - blocked: you asked the phone not to hear from that number; skipped;
//   - a type Android may add later is skipped, named.
func proposal(t CallType, seconds, minSeconds int) (dir rotation.Direction, o rotation.Outcome, returned bool, skip string) {
	switch t {
	case CallOutgoing:
		if seconds >= minSeconds {
			return rotation.Out, rotation.Reached, false, ""
		}
		return rotation.Out, rotation.NoAnswer, false, ""
	case CallIncoming, CallAnsweredElsewhere:
		if seconds >= minSeconds {
			return rotation.In, rotation.Reached, false, ""
		}
		return "", "", false, fmt.Sprintf("an answered call of %d s, shorter than %d s", seconds, minSeconds)
	case CallMissed, CallRejected:
		return rotation.In, rotation.NoAnswer, true, ""
	case CallVoicemail:
		return rotation.In, rotation.Voicemail, true, ""
	case CallBlocked:
		return "", "", false, "a blocked number"
	}
	return "", "", false, "an unknown call type (" + t.String() + ")"
}

// phoneIndex finds contacts by number.
type phoneIndex struct {
	region   string
	byKey    map[string][]int64
	national map[string][]nationalEntry // only with no region
}

type nationalEntry struct {
	id   int64
	intl bool
}

func newPhoneIndex(book []rotation.Contact, region string) *phoneIndex {
	ix := &phoneIndex{region: region, byKey: make(map[string][]int64, len(book))}
	if region == "" {
		ix.national = make(map[string][]nationalEntry, len(book))
	}
	for _, c := range book {
		for _, p := range c.Phones {
			if k := PhoneKey(p.Number, region); k != "" && !slices.Contains(ix.byKey[k], c.ID) {
				ix.byKey[k] = append(ix.byKey[k], c.ID)
			}
			if ix.national != nil {
				if k, intl := NationalKey(p.Number); k != "" {
					ix.national[k] = append(ix.national[k], nationalEntry{c.ID, intl})
				}
			}
		}
	}
	return ix
}

// find returns the contacts a number may be.
func (ix *phoneIndex) find(number string) []int64 {
	k := PhoneKey(number, ix.region)
	if k == "" {
		return nil
	}
	if ids := ix.byKey[k]; len(ids) > 0 {
		return ids
	}
	if ix.national == nil {
		return nil
	}
	nk, intl := NationalKey(number)
	var ids []int64
	for _, e := range ix.national[nk] {
		if !(e.intl && intl) && !slices.Contains(ids, e.id) {
			ids = append(ids, e.id)
		}
	}
	return ids
}

// MatchCalls matches the calls of a phone's call log to the book and
// proposes touches (see proposal for the rules). logged are the book's
// touches near the calls' times and every one with a key: a call whose
// key the book holds is already logged, and so is one that a call logged
// by hand for the same contact is near (DefaultMatchWindow before its
// start or DefaultLateWindow after its end; each hand-logged call is matched once, to the
// nearest record). A call on a day before the last call logged for the
// contact is skipped: logging it would move their schedule back.
func MatchCalls(calls []PhoneCall, book []rotation.Contact, logged []LoggedCall, o MatchOptions) CallMatch {
	if o.Loc == nil {
		o.Loc = time.UTC
	}
	if o.Window <= 0 {
		o.Window = DefaultMatchWindow
	}
	if o.LateWindow <= 0 {
		o.LateWindow = DefaultLateWindow
	}
	contacts := make(map[int64]*rotation.Contact, len(book))
	for i := range book {
		contacts[book[i].ID] = &book[i]
	}
	ix := newPhoneIndex(book, o.Region)
	keys, hand := splitLogged(logged)
	sorted := slices.Clone(calls)
	slices.SortStableFunc(sorted, func(a, b PhoneCall) int { return a.At.Compare(b.At) })

	var m CallMatch
	unknown := map[string]int{} // number key -> position in m.Unknown
	seen := map[string]bool{}
	used := map[int64]bool{}
	for _, c := range sorted {
		if c.Type == CallBlocked {
			// Not a person to call, nor a number to add.
			m.Skipped = append(m.Skipped, SkippedCall{Call: c, Reason: "a blocked number"})
			continue
		}
		ids := ix.find(c.Number)
		if len(ids) == 0 {
			m.addUnknown(c, o.Region, unknown)
			continue
		}
		if len(ids) > 1 {
			names := make([]string, 0, len(ids))
			for _, id := range ids {
				names = append(names, contacts[id].Name)
			}
			m.Skipped = append(m.Skipped, SkippedCall{Call: c, Reason: "the number is shared by " + strings.Join(names, ", ")})
			continue
		}
		who := contacts[ids[0]]
		dir, outcome, returned, skip := proposal(c.Type, c.Seconds, o.MinSeconds)
		if skip != "" {
			m.Skipped = append(m.Skipped, SkippedCall{Call: c, Name: who.Name, Reason: skip})
			continue
		}
		p := CallProposal{Call: c, Key: c.Key(), ContactID: who.ID, Name: who.Name, Direction: dir,
			Outcome: outcome, Returned: returned, Day: rotation.DateOf(c.At.In(o.Loc))}
		switch {
		case seen[p.Key]:
			m.Skipped = append(m.Skipped, SkippedCall{Call: c, Name: who.Name, Reason: "the same record twice in the file"})
			continue
		case keys[p.Key]:
			seen[p.Key] = true
			m.Already = append(m.Already, p)
			continue
		}
		seen[p.Key] = true
		if id := nearest(hand[who.ID], used, c, o.Window, o.LateWindow); id != 0 {
			used[id] = true
			p.Logged = id
			m.Already = append(m.Already, p)
			continue
		}
		if why := dateSkip(p.Day, who.LastCall, o.Today); why != "" {
			m.Skipped = append(m.Skipped, SkippedCall{Call: c, Name: who.Name, Reason: why})
		} else {
			m.Proposed = append(m.Proposed, p)
		}
	}
	slices.SortStableFunc(m.Unknown, func(a, b UnknownNumber) int { return cmp.Compare(b.Calls, a.Calls) })
	return m
}

// splitLogged sorts the book's touches: the keys of calls imported from a
// phone, and the phone calls logged by hand, by contact.
func splitLogged(logged []LoggedCall) (keys map[string]bool, hand map[int64][]LoggedCall) {
	keys, hand = map[string]bool{}, map[int64][]LoggedCall{}
	for _, l := range logged {
		if l.Key != "" {
			keys[l.Key] = true
		} else if l.Kind == "" || l.Kind == rotation.KindCall {
			hand[l.ContactID] = append(hand[l.ContactID], l)
		}
	}
	return keys, hand
}

// addUnknown counts a call from a number of no contact, one entry per
// number (the hidden ones together); unknown maps a number's key to its
// entry.
func (m *CallMatch) addUnknown(c PhoneCall, region string, unknown map[string]int) {
	m.UnknownCalls++
	k := PhoneKey(c.Number, region)
	if k == "" {
		k = "hidden"
	}
	if i, ok := unknown[k]; ok {
		m.Unknown[i].Calls++
		if m.Unknown[i].Name == "" {
			m.Unknown[i].Name = c.Name
		}
		return
	}
	unknown[k] = len(m.Unknown)
	number := c.Number
	if k == "hidden" {
		number = ""
	}
	m.Unknown = append(m.Unknown, UnknownNumber{Number: number, Name: c.Name, Calls: 1})
}

// dateSkip is why a call of day is not proposed ("" when it is): after
// today, more than a year back (a phone whose clock was reset writes
// 1970, and would plan the next call decades late), or before the last
// call logged for the contact (it would move their schedule back).
func dateSkip(day, lastCall, today rotation.Date) string {
	switch {
	case !today.IsZero() && day > today:
		return "dated after today (" + day.String() + ")"
	case !today.IsZero() && day < today.AddDays(-MaxCallAgeDays):
		return "more than a year old (" + day.String() + ")"
	case day < lastCall:
		return "before the last call logged for them (" + lastCall.String() + ")"
	}
	return ""
}

// nearest is the hand-logged call, not yet used, that is the phone's call
// c: logged from window before its start to window after its end, the
// nearest to its start. 0 when none.
func nearest(calls []LoggedCall, used map[int64]bool, c PhoneCall, early, late time.Duration) int64 {
	from := c.At.Add(-early)
	to := c.At.Add(time.Duration(c.Seconds)*time.Second + late)
	var best int64
	var bestGap time.Duration
	for _, l := range calls {
		if used[l.ID] || l.At.Before(from) || l.At.After(to) {
			continue
		}
		gap := l.At.Sub(c.At)
		if gap < 0 {
			gap = -gap
		}
		if best == 0 || gap < bestGap {
			best, bestGap = l.ID, gap
		}
	}
	return best
}
