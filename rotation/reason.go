package rotation

import (
	"fmt"
	"strings"
)

// History is what the due list needs to know of a contact's past calls.
type History struct {
	LastCall    Date    // the most recent call of any outcome; zero if none
	LastOutcome Outcome // its outcome
	LastTalk    Date    // the most recent reached call; zero if none
}

// DueReason says in a few words why a contact is on today's list, e.g.
// "90d rotation · last talk 94 days ago", "retry 2 · voicemail Mon" or
// "Friday status"; "returned call · they called today" for a call of
// theirs that was missed.
func DueReason(s Schedule, h History, today Date) string {
	if !s.Returned.IsZero() {
		return "returned call · they called " + dayWord(s.Returned, today)
	}
	if s.Attempts > len(retryWorkdays) && h.LastOutcome.IsMiss() {
		// From the fourth miss on the date is the rule's, not a retry's.
		return s.ActiveRule(today).String() + " · still unreachable"
	}
	if s.Attempts > 0 && h.LastOutcome.IsMiss() {
		return fmt.Sprintf("retry %d · %s %s", s.Attempts, h.LastOutcome, dayWord(h.LastCall, today))
	}
	if h.LastOutcome == Callback {
		if !s.DueTime.IsZero() {
			return "callback at " + s.DueTime.String() + " · asked " + dayWord(h.LastCall, today)
		}
		return "callback · asked " + dayWord(h.LastCall, today)
	}
	rule := s.ActiveRule(today)
	talk := "first call"
	if !h.LastTalk.IsZero() {
		talk = "last talk " + ago(h.LastTalk, today)
	}
	switch rule.Kind {
	case Weekdays:
		var days []string
		for _, wd := range weekOrder {
			if rule.On[wd] {
				days = append(days, wd.String())
			}
		}
		if len(days) == 1 {
			return days[0] + " status"
		}
		return strings.Join(days, "/") + " slot"
	case Daily:
		return "daily call · " + talk
	case Taper:
		return fmt.Sprintf("taper %s · %s", rule.StepSpan(s.Step), talk)
	case Interval:
		return rule.Every.String() + " rotation · " + talk
	}
	return talk
}

// ago says how long before today d was: "today", "yesterday", "5 days ago".
func ago(d, today Date) string {
	switch n := d.DaysUntil(today); {
	case n <= 0:
		return "today"
	case n == 1:
		return "yesterday"
	default:
		return fmt.Sprintf("%d days ago", n)
	}
}

// dayWord names a recent day by its weekday ("Mon"), an older one by date.
func dayWord(d, today Date) string {
	switch n := d.DaysUntil(today); {
	case n == 0:
		return "today"
	case n > 0 && n < 7:
		return d.Time().Format("Mon")
	default:
		return d.Time().Format("2 Jan")
	}
}

// Ago is the exported form of the "N days ago" wording, for views.
func Ago(d, today Date) string {
	if d.IsZero() {
		return "never"
	}
	return ago(d, today)
}
