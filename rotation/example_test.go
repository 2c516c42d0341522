package rotation_test

import (
	"fmt"

	"rotate/rotation"
)

// Four missed calls to a client on a 90-day rotation, then a conversation:
// the retries back off by 1, 2 and 4 workdays, the third miss flags the
// client as unreachable, and from the fourth the rule's own date returns.
func ExampleApply() {
	cal := rotation.DefaultCalendar() // Monday to Friday
	s := rotation.Schedule{Rule: rotation.MustRule("every 90d"), Status: rotation.Active}
	today := rotation.MustDate("2026-11-25") // a Wednesday

	for _, o := range []rotation.Outcome{rotation.Voicemail, rotation.NoAnswer, rotation.Voicemail, rotation.Voicemail} {
		next, err := rotation.Apply(s, o, today, 0, cal)
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %-9s -> %-15s %s, unreachable: %v\n", today.Short(today), o, next.Due.Short(today), next.Reason, next.Unreachable())
		s, today = next.Schedule, next.Due
	}
	reached, _ := rotation.Apply(s, rotation.Reached, rotation.MustDate("2026-12-07"), 0, cal)
	fmt.Println("reached on Mon 7 Dec ->", reached.Due, reached.Reason, "attempts:", reached.Attempts)

	// Output:
	// Wed 25 Nov voicemail -> Thu 26 Nov      retry 1 after voicemail, unreachable: false
	// Thu 26 Nov no-answer -> Mon 30 Nov      retry 2 after no-answer, unreachable: false
	// Mon 30 Nov voicemail -> Fri 4 Dec       retry 3 after voicemail, unreachable: true
	// Fri 4 Dec voicemail -> Thu 4 Mar 2027  every 90d · still unreachable, unreachable: true
	// reached on Mon 7 Dec -> 2027-03-08 every 90d attempts: 0
}

// A Friday status call served early on Wednesday: the next one is the
// Friday after, not the Friday of this week.
func ExampleApply_weeklySlot() {
	s := rotation.Schedule{Rule: rotation.MustRule("weekly fri"), Due: rotation.MustDate("2026-11-27")}
	next, _ := rotation.Apply(s, rotation.Reached, rotation.MustDate("2026-11-25"), 0, rotation.DefaultCalendar())
	fmt.Println(next.Due, next.Due.Weekday())
	// Output: 2026-12-04 Friday
}

func ExampleParseDate() {
	today := rotation.MustDate("2026-11-25") // a Wednesday
	for _, words := range []string{"tomorrow", "fri", "next wednesday", "this wednesday", "in 2 weeks", "+3d", "mar 3", "feb 29", "someday"} {
		day, err := rotation.ParseDate(words, today)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-14s %s %s\n", words, day, day.Weekday())
	}
	// Output:
	// tomorrow       2026-11-26 Thursday
	// fri            2026-11-27 Friday
	// next wednesday 2026-12-02 Wednesday
	// this wednesday 2026-11-25 Wednesday
	// in 2 weeks     2026-12-09 Wednesday
	// +3d            2026-11-28 Saturday
	// mar 3          2027-03-03 Wednesday
	// feb 29         2028-02-29 Tuesday
	// unknown date "someday"; use YYYY-MM-DD, today, tomorrow, a weekday (fri, friday, next friday), next week, in 2 weeks, +3d, +2w, 3d, mar 3
}

func ExampleParseRule() {
	for _, s := range []string{"90d", "Every 2W", "every thu, mon", "weekly Friday", "taper 1d 1d 3d 7d", "monthly"} {
		r, err := rotation.ParseRule(s)
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Printf("%-18q %s\n", s, r)
	}
	// Output:
	// "90d"              every 90d
	// "Every 2W"         every 2w
	// "every thu, mon"   every mon,thu
	// "weekly Friday"    weekly fri
	// "taper 1d 1d 3d 7d" taper 1d 1d 3d 7d
	// bad cadence rule "monthly"; valid forms: every 90d (or 90d), every 2w, every 3m, every 1y, weekly fri, every mon,thu, daily, taper 1d 1d 3d 7d
}
