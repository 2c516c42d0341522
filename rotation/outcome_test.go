package rotation

import (
	"errors"
	"testing"
)

// applyCase is one call logged against a schedule. Dates are YYYY-MM-DD
// ("" is the zero Date); a zero cal means the default Mon-Fri calendar.
type applyCase struct {
	name     string
	sched    Schedule
	outcome  Outcome
	today    string
	explicit string
	cal      Calendar

	wantDue         string
	wantAttempts    int
	wantStep        int
	wantStatus      Status
	wantUnreachable bool
	wantReason      string
}

// date reads a table date, "" being the zero Date.
func date(s string) Date {
	if s == "" {
		return 0
	}
	return MustDate(s)
}

func runApply(t *testing.T, tests []applyCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cal := tt.cal
			if cal.Workdays == ([7]bool{}) {
				cal.Workdays = DefaultCalendar().Workdays
			}
			got, err := Apply(tt.sched, tt.outcome, date(tt.today), date(tt.explicit), cal)
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if got.Due != date(tt.wantDue) {
				t.Errorf("Due = %s (%s), want %s", got.Due, got.Due.Weekday(), tt.wantDue)
			}
			if got.Attempts != tt.wantAttempts {
				t.Errorf("Attempts = %d, want %d", got.Attempts, tt.wantAttempts)
			}
			if got.Step != tt.wantStep {
				t.Errorf("Step = %d, want %d", got.Step, tt.wantStep)
			}
			if got.Status != tt.wantStatus {
				t.Errorf("Status = %q, want %q", got.Status, tt.wantStatus)
			}
			if got.Unreachable() != tt.wantUnreachable {
				t.Errorf("Unreachable() = %v, want %v", got.Unreachable(), tt.wantUnreachable)
			}
			if got.Reason != tt.wantReason {
				t.Errorf("Reason = %q, want %q", got.Reason, tt.wantReason)
			}
			// The rules themselves are never rewritten by a call.
			if !got.Rule.Equal(tt.sched.Rule) || !got.Override.Equal(tt.sched.Override) || got.OverrideUntil != tt.sched.OverrideUntil {
				t.Errorf("Apply changed the rules: got %v / %v until %s", got.Rule, got.Override, got.OverrideUntil)
			}
		})
	}
}

// active is an active schedule on rule; the with* helpers below change one
// field of a copy, so table rows read as one line each.
func active(rule string) Schedule { return Schedule{Rule: MustRule(rule), Status: Active} }

func (s Schedule) withDue(day string) Schedule   { s.Due = date(day); return s }
func (s Schedule) withTries(n int) Schedule      { s.Attempts = n; return s }
func (s Schedule) withStep(n int) Schedule       { s.Step = n; return s }
func (s Schedule) withStatus(st Status) Schedule { s.Status = st; return s }
func (s Schedule) withOverride(rule, until string) Schedule {
	s.Override, s.OverrideUntil = MustRule(rule), date(until)
	return s
}

func TestApplyReachedInterval(t *testing.T) {
	runApply(t, []applyCase{
		{name: "every 90d from a wednesday", sched: active("every 90d"), outcome: Reached, today: "2026-11-25",
			wantDue: "2027-02-23", wantStatus: Active, wantReason: "every 90d"},
		{name: "90d from a friday", sched: active("90d"), outcome: Reached, today: "2026-11-27",
			wantDue: "2027-02-25", wantStatus: Active, wantReason: "every 90d"},
		{name: "every 2w", sched: active("every 2w"), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-12-09", wantStatus: Active, wantReason: "every 2w"},
		{name: "every 3m is calendar months", sched: active("every 3m"), outcome: Reached, today: "2026-11-25",
			wantDue: "2027-02-25", wantStatus: Active, wantReason: "every 3m"},
		{name: "every 1y", sched: active("every 1y"), outcome: Reached, today: "2026-11-25",
			wantDue: "2027-11-25", wantStatus: Active, wantReason: "every 1y"},
		{name: "jan 31 + 1m is feb 29 in 2028", sched: active("every 1m"), outcome: Reached, today: "2028-01-31",
			wantDue: "2028-02-29", wantStatus: Active, wantReason: "every 1m"},
		{name: "jan 31 + 1m is feb 28, a sunday, so monday mar 1", sched: active("every 1m"), outcome: Reached, today: "2027-01-31",
			wantDue: "2027-03-01", wantStatus: Active, wantReason: "every 1m"},
		{name: "nov 30 + 3m is feb 28, a sunday, so monday mar 1", sched: active("every 3m"), outcome: Reached, today: "2026-11-30",
			wantDue: "2027-03-01", wantStatus: Active, wantReason: "every 3m"},
		{name: "leap day + 1y is feb 28", sched: active("every 1y"), outcome: Reached, today: "2028-02-29",
			wantDue: "2029-02-28", wantStatus: Active, wantReason: "every 1y"},
		{name: "a saturday moves to monday", sched: active("every 3d"), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-11-30", wantStatus: Active, wantReason: "every 3d"},
		{name: "a call made on a saturday", sched: active("every 1w"), outcome: Reached, today: "2026-11-28",
			wantDue: "2026-12-07", wantStatus: Active, wantReason: "every 1w"},
		{name: "counts from today, not from the old due date", sched: active("every 2w").withDue("2026-11-02"), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-12-09", wantStatus: Active, wantReason: "every 2w"},
		{name: "calling early counts from today too", sched: active("every 2w").withDue("2026-12-01"), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-12-09", wantStatus: Active, wantReason: "every 2w"},
		{name: "missed attempts reset to 0", sched: active("every 90d").withTries(3), outcome: Reached, today: "2026-11-25",
			wantDue: "2027-02-23", wantStatus: Active, wantReason: "every 90d"},
		{name: "a contact without a status becomes active", sched: active("every 90d").withStatus(""), outcome: Reached, today: "2026-11-25",
			wantDue: "2027-02-23", wantStatus: Active, wantReason: "every 90d"},
	})
}

func TestApplyReachedDaily(t *testing.T) {
	runApply(t, []applyCase{
		{name: "wednesday to thursday", sched: active("daily"), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-11-26", wantStatus: Active, wantReason: "daily"},
		{name: "friday to monday", sched: active("daily"), outcome: Reached, today: "2026-11-27",
			wantDue: "2026-11-30", wantStatus: Active, wantReason: "daily"},
		{name: "saturday to monday", sched: active("daily"), outcome: Reached, today: "2026-11-28",
			wantDue: "2026-11-30", wantStatus: Active, wantReason: "daily"},
		{name: "before a vacation to the first workday after it", sched: active("daily"), outcome: Reached, today: "2026-12-23",
			cal: calendar(t, "mon-fri", "2026-12-24..2027-01-01"), wantDue: "2027-01-04", wantStatus: Active, wantReason: "daily"},
		{name: "the due date does not matter", sched: active("daily").withDue("2026-12-15"), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-11-26", wantStatus: Active, wantReason: "daily"},
	})
}

func TestApplyReachedWeekdays(t *testing.T) {
	runApply(t, []applyCase{
		{name: "calling wednesday for friday's slot: the friday after", sched: active("weekly fri").withDue("2026-11-27"), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-12-04", wantStatus: Active, wantReason: "weekly fri"},
		{name: "calling on the friday it is due: next friday", sched: active("weekly fri").withDue("2026-11-27"), outcome: Reached, today: "2026-11-27",
			wantDue: "2026-12-04", wantStatus: Active, wantReason: "weekly fri"},
		{name: "calling monday for last friday's slot: this friday", sched: active("weekly fri").withDue("2026-11-27"), outcome: Reached, today: "2026-11-30",
			wantDue: "2026-12-04", wantStatus: Active, wantReason: "weekly fri"},
		{name: "a whole week late: the coming friday", sched: active("weekly fri").withDue("2026-11-20"), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-11-27", wantStatus: Active, wantReason: "weekly fri"},
		{name: "no due date: the first friday after today", sched: active("weekly fri"), outcome: Reached, today: "2026-11-27",
			wantDue: "2026-12-04", wantStatus: Active, wantReason: "weekly fri"},
		{name: "a slot snoozed ahead is served by an early call", sched: active("weekly fri").withDue("2026-12-18"), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-12-25", wantStatus: Active, wantReason: "weekly fri"},
		{name: "mon,thu: wednesday serving thursday's slot gives monday", sched: active("every mon,thu").withDue("2026-11-26"), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-11-30", wantStatus: Active, wantReason: "every mon,thu"},
		{name: "mon,thu: wednesday late for monday's slot gives thursday", sched: active("every mon,thu").withDue("2026-11-23"), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-11-26", wantStatus: Active, wantReason: "every mon,thu"},
		{name: "mon,thu: on thursday gives monday", sched: active("every mon,thu").withDue("2026-11-26"), outcome: Reached, today: "2026-11-26",
			wantDue: "2026-11-30", wantStatus: Active, wantReason: "every mon,thu"},
		{name: "mon,thu: on monday gives thursday", sched: active("every mon,thu").withDue("2026-11-30"), outcome: Reached, today: "2026-11-30",
			wantDue: "2026-12-03", wantStatus: Active, wantReason: "every mon,thu"},
		// Issue 13: a Friday status call landed on the Monday after the break.
		{name: "a slot inside a vacation moves to the rule's next slot", sched: active("weekly fri").withDue("2026-11-27"), outcome: Reached, today: "2026-11-27",
			cal: calendar(t, "mon-fri", "2026-12-01..2026-12-04"), wantDue: "2026-12-11", wantStatus: Active, wantReason: "weekly fri"},
		{name: "mon,thu: a monday away gives thursday", sched: active("every mon,thu").withDue("2026-11-26"), outcome: Reached, today: "2026-11-26",
			cal: calendar(t, "mon-fri", "2026-11-30"), wantDue: "2026-12-03", wantStatus: Active, wantReason: "every mon,thu"},
		{name: "a saturday slot on a mon-fri calendar lands on monday", sched: active("weekly sat").withDue("2026-11-28"), outcome: Reached, today: "2026-11-27",
			wantDue: "2026-12-07", wantStatus: Active, wantReason: "weekly sat"},
		{name: "a saturday slot when saturday is a workday", sched: active("weekly sat").withDue("2026-11-28"), outcome: Reached, today: "2026-11-27",
			cal: calendar(t, "tue-sat"), wantDue: "2026-12-05", wantStatus: Active, wantReason: "weekly sat"},
	})
}

func TestApplyReachedTaper(t *testing.T) {
	const taper = "taper 1d 1d 3d 7d"
	runApply(t, []applyCase{
		{name: "step 0: one day", sched: active(taper), outcome: Reached, today: "2026-11-23",
			wantDue: "2026-11-24", wantStep: 1, wantStatus: Active, wantReason: taper},
		{name: "step 1: one day", sched: active(taper).withStep(1), outcome: Reached, today: "2026-11-24",
			wantDue: "2026-11-25", wantStep: 2, wantStatus: Active, wantReason: taper},
		{name: "step 2: three days, saturday to monday", sched: active(taper).withStep(2), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-11-30", wantStep: 3, wantStatus: Active, wantReason: taper},
		{name: "step 3: seven days", sched: active(taper).withStep(3), outcome: Reached, today: "2026-11-30",
			wantDue: "2026-12-07", wantStep: 3, wantStatus: Active, wantReason: taper},
		{name: "the last step repeats", sched: active(taper).withStep(3), outcome: Reached, today: "2026-12-07",
			wantDue: "2026-12-14", wantStep: 3, wantStatus: Active, wantReason: taper},
		{name: "a friday at step 0 gives monday", sched: active(taper), outcome: Reached, today: "2026-11-27",
			wantDue: "2026-11-30", wantStep: 1, wantStatus: Active, wantReason: taper},
		{name: "a step past the end uses the last", sched: active(taper).withStep(9), outcome: Reached, today: "2026-11-25",
			wantDue: "2026-12-02", wantStep: 3, wantStatus: Active, wantReason: taper},
		{name: "a month step clamps to the month end", sched: active("taper 1w 1m").withStep(1), outcome: Reached, today: "2027-01-29",
			wantDue: "2027-03-01", wantStep: 1, wantStatus: Active, wantReason: "taper 1w 1m"},
	})
}

func TestApplyTaperProgression(t *testing.T) {
	s := active("taper 1d 1d 3d 7d")
	today := d("2026-11-23") // a Monday
	want := []struct {
		due  string
		step int
	}{
		{"2026-11-24", 1}, {"2026-11-25", 2}, {"2026-11-30", 3}, {"2026-12-07", 3}, {"2026-12-14", 3}, {"2026-12-21", 3},
	}
	for i, w := range want {
		n, err := Apply(s, Reached, today, 0, DefaultCalendar())
		if err != nil {
			t.Fatal(err)
		}
		if n.Due != d(w.due) || n.Step != w.step {
			t.Fatalf("call %d on %s: due %s step %d, want %s step %d", i+1, today, n.Due, n.Step, w.due, w.step)
		}
		s, today = n.Schedule, n.Due
	}
}

func TestApplyMisses(t *testing.T) {
	runApply(t, []applyCase{
		{name: "1st miss: one workday", sched: active("every 90d"), outcome: Voicemail, today: "2026-11-25",
			wantDue: "2026-11-26", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after voicemail"},
		{name: "2nd miss: two workdays", sched: active("every 90d").withTries(1), outcome: NoAnswer, today: "2026-11-25",
			wantDue: "2026-11-27", wantAttempts: 2, wantStatus: Active, wantReason: "retry 2 after no-answer"},
		{name: "3rd miss: four workdays and unreachable", sched: active("every 90d").withTries(2), outcome: Voicemail, today: "2026-11-25",
			wantDue: "2026-12-01", wantAttempts: 3, wantStatus: Active, wantUnreachable: true, wantReason: "retry 3 after voicemail"},
		{name: "4th miss: the rule's normal date", sched: active("every 90d").withTries(3), outcome: Voicemail, today: "2026-11-25",
			wantDue: "2027-02-23", wantAttempts: 4, wantStatus: Active, wantUnreachable: true, wantReason: "every 90d · still unreachable"},
		{name: "10th miss: still the normal date", sched: active("every 90d").withTries(9), outcome: NoAnswer, today: "2026-11-25",
			wantDue: "2027-02-23", wantAttempts: 10, wantStatus: Active, wantUnreachable: true, wantReason: "every 90d · still unreachable"},
		{name: "1st miss on a friday: monday", sched: active("every 90d"), outcome: NoAnswer, today: "2026-11-27",
			wantDue: "2026-11-30", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after no-answer"},
		{name: "2nd miss on a friday: tuesday", sched: active("every 90d").withTries(1), outcome: Voicemail, today: "2026-11-27",
			wantDue: "2026-12-01", wantAttempts: 2, wantStatus: Active, wantReason: "retry 2 after voicemail"},
		{name: "3rd miss on a friday: thursday", sched: active("every 90d").withTries(2), outcome: Voicemail, today: "2026-11-27",
			wantDue: "2026-12-03", wantAttempts: 3, wantStatus: Active, wantUnreachable: true, wantReason: "retry 3 after voicemail"},
		{name: "a miss on a saturday: monday", sched: active("every 90d"), outcome: Voicemail, today: "2026-11-28",
			wantDue: "2026-11-30", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after voicemail"},
		{name: "retry skips a vacation", sched: active("every 90d"), outcome: Voicemail, today: "2026-11-25",
			cal: calendar(t, "mon-fri", "2026-11-26..2026-11-27"), wantDue: "2026-11-30", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after voicemail"},
		{name: "retry counts custom workdays", sched: active("every 90d"), outcome: Voicemail, today: "2026-11-25",
			cal: calendar(t, "mon,wed,fri"), wantDue: "2026-11-27", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after voicemail"},

		// Never later than the date a reached call would give.
		{name: "daily: 1st retry equals the next workday", sched: active("daily"), outcome: Voicemail, today: "2026-11-25",
			wantDue: "2026-11-26", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after voicemail"},
		{name: "daily: 2nd retry capped at the next workday", sched: active("daily").withTries(1), outcome: Voicemail, today: "2026-11-25",
			wantDue: "2026-11-26", wantAttempts: 2, wantStatus: Active, wantReason: "daily"},
		{name: "daily: 3rd retry capped and unreachable", sched: active("daily").withTries(2), outcome: NoAnswer, today: "2026-11-25",
			wantDue: "2026-11-26", wantAttempts: 3, wantStatus: Active, wantUnreachable: true, wantReason: "daily"},
		{name: "every 2d: 3rd retry capped at friday", sched: active("every 2d").withTries(2), outcome: Voicemail, today: "2026-11-25",
			wantDue: "2026-11-27", wantAttempts: 3, wantStatus: Active, wantUnreachable: true, wantReason: "every 2d"},
		{name: "taper: capped at the step, which does not advance", sched: active("taper 1d 3d"), outcome: Voicemail, today: "2026-11-25",
			wantDue: "2026-11-26", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after voicemail"},
		{name: "taper: 2nd retry capped at one day", sched: active("taper 1d 3d").withTries(1), outcome: Voicemail, today: "2026-11-25",
			wantDue: "2026-11-26", wantAttempts: 2, wantStatus: Active, wantReason: "taper 1d 3d"},
		{name: "taper: a miss keeps the step", sched: active("taper 1d 3d 7d").withStep(2).withTries(1), outcome: NoAnswer, today: "2026-11-25",
			wantDue: "2026-11-27", wantStep: 2, wantAttempts: 2, wantStatus: Active, wantReason: "retry 2 after no-answer"},
		{name: "taper: 4th miss uses the current step", sched: active("taper 1d 3d 7d").withStep(2).withTries(3), outcome: NoAnswer, today: "2026-11-25",
			wantDue: "2026-12-02", wantStep: 2, wantAttempts: 4, wantStatus: Active, wantUnreachable: true, wantReason: "taper 1d 3d 7d · still unreachable"},
		{name: "weekly fri: 1st miss on the slot retries monday", sched: active("weekly fri").withDue("2026-11-27"), outcome: Voicemail, today: "2026-11-27",
			wantDue: "2026-11-30", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after voicemail"},
		{name: "weekly fri: 2nd miss retries wednesday", sched: active("weekly fri").withDue("2026-11-30").withTries(1), outcome: Voicemail, today: "2026-11-30",
			wantDue: "2026-12-02", wantAttempts: 2, wantStatus: Active, wantReason: "retry 2 after voicemail"},
		{name: "weekly fri: 3rd miss capped at friday's slot", sched: active("weekly fri").withDue("2026-12-02").withTries(2), outcome: Voicemail, today: "2026-12-02",
			wantDue: "2026-12-04", wantAttempts: 3, wantStatus: Active, wantUnreachable: true, wantReason: "weekly fri"},
		{name: "weekly fri: 4th miss is the next slot", sched: active("weekly fri").withDue("2026-12-04").withTries(3), outcome: NoAnswer, today: "2026-12-04",
			wantDue: "2026-12-11", wantAttempts: 4, wantStatus: Active, wantUnreachable: true, wantReason: "weekly fri · still unreachable"},
	})
}

func TestApplyMissSequence(t *testing.T) {
	// Four voicemails in a row on an every-90d contact, each logged on the
	// day the previous one set.
	s := active("every 90d").withDue("2026-11-25")
	today := d("2026-11-25")
	want := []struct {
		due         string
		unreachable bool
	}{
		{"2026-11-26", false}, // Thu: +1 workday
		{"2026-11-30", false}, // Mon: +2 workdays from Thu
		{"2026-12-04", true},  // Fri: +4 workdays from Mon
		{"2027-03-04", true},  // the rule's date: Fri 4 Dec + 90 days is Thu 4 Mar
	}
	for i, w := range want {
		n, err := Apply(s, Voicemail, today, 0, DefaultCalendar())
		if err != nil {
			t.Fatal(err)
		}
		if n.Due != d(w.due) || n.Attempts != i+1 || n.Unreachable() != w.unreachable {
			t.Fatalf("miss %d on %s: due %s attempts %d unreachable %v; want %s %d %v",
				i+1, today, n.Due, n.Attempts, n.Unreachable(), w.due, i+1, w.unreachable)
		}
		s, today = n.Schedule, n.Due
	}
	n, err := Apply(s, Reached, today, 0, DefaultCalendar())
	if err != nil {
		t.Fatal(err)
	}
	if n.Attempts != 0 || n.Unreachable() {
		t.Errorf("reaching them leaves attempts %d, unreachable %v", n.Attempts, n.Unreachable())
	}
}

func TestApplyCallbackWrongNumberNotAFit(t *testing.T) {
	runApply(t, []applyCase{
		{name: "callback on the given date, attempts unchanged", sched: active("every 90d").withTries(2).withDue("2026-11-25"), outcome: Callback, today: "2026-11-25", explicit: "2026-12-03",
			wantDue: "2026-12-03", wantAttempts: 2, wantUnreachable: false, wantStatus: Active, wantReason: "callback as asked"},
		{name: "callback on a saturday is kept", sched: active("every 90d"), outcome: Callback, today: "2026-11-25", explicit: "2026-11-28",
			wantDue: "2026-11-28", wantStatus: Active, wantReason: "callback as asked"},
		{name: "callback inside a vacation is kept", sched: active("every 90d"), outcome: Callback, today: "2026-11-25", explicit: "2026-12-23",
			cal: calendar(t, "mon-fri", "2026-12-21..2027-01-01"), wantDue: "2026-12-23", wantStatus: Active, wantReason: "callback as asked"},
		{name: "callback keeps an unreachable flag", sched: active("every 90d").withTries(3), outcome: Callback, today: "2026-11-25", explicit: "2026-11-30",
			wantDue: "2026-11-30", wantAttempts: 3, wantUnreachable: true, wantStatus: Active, wantReason: "callback as asked"},
		{name: "callback keeps the taper step", sched: active("taper 1d 3d").withStep(1), outcome: Callback, today: "2026-11-25", explicit: "2026-11-30",
			wantDue: "2026-11-30", wantStep: 1, wantStatus: Active, wantReason: "callback as asked"},
		{name: "wrong number pauses with no due date", sched: active("every 90d").withDue("2026-11-25").withTries(1), outcome: WrongNumber, today: "2026-11-25",
			wantAttempts: 1, wantStatus: Paused, wantReason: "paused until the number is fixed"},
		{name: "wrong number ignores a date", sched: active("every 90d").withDue("2026-11-25"), outcome: WrongNumber, today: "2026-11-25", explicit: "2026-12-01",
			wantStatus: Paused, wantReason: "paused until the number is fixed"},
		{name: "not a fit archives with no due date", sched: active("weekly fri").withDue("2026-11-27"), outcome: NotAFit, today: "2026-11-25",
			wantStatus: Archived, wantReason: "archived"},
		{name: "reaching a paused contact resumes it", sched: active("every 90d").withStatus(Paused), outcome: Reached, today: "2026-11-25",
			wantDue: "2027-02-23", wantStatus: Active, wantReason: "every 90d"},
		{name: "a miss leaves a paused contact paused", sched: active("every 90d").withStatus(Paused), outcome: Voicemail, today: "2026-11-25",
			wantDue: "2026-11-26", wantAttempts: 1, wantStatus: Paused, wantReason: "retry 1 after voicemail"},
		{name: "not a fit ignores a date", sched: active("every 90d").withDue("2026-11-25"), outcome: NotAFit, today: "2026-11-25", explicit: "2026-12-01",
			wantStatus: Archived, wantReason: "archived"},
	})
}

func TestApplyCallbackNeedsADate(t *testing.T) {
	_, err := Apply(active("every 90d"), Callback, d("2026-11-25"), 0, DefaultCalendar())
	if !errors.Is(err, ErrNeedDate) {
		t.Errorf("callback without a date: err = %v, want ErrNeedDate", err)
	}
}

func TestApplyUnknownOutcome(t *testing.T) {
	for _, o := range []Outcome{"", "busy", "Reached"} {
		if n, err := Apply(active("every 90d"), o, d("2026-11-25"), 0, DefaultCalendar()); err == nil {
			t.Errorf("Apply(%q) = %+v, want an error", o, n)
		}
	}
}

func TestApplyExplicitDatesAreKept(t *testing.T) {
	runApply(t, []applyCase{
		{name: "reached with a sunday", sched: active("every 90d").withTries(2), outcome: Reached, today: "2026-11-25", explicit: "2026-11-29",
			wantDue: "2026-11-29", wantStatus: Active, wantReason: "date as chosen"},
		{name: "reached with a day inside a vacation", sched: active("every 90d"), outcome: Reached, today: "2026-11-25", explicit: "2026-12-24",
			cal: calendar(t, "mon-fri", "2026-12-21..2027-01-01"), wantDue: "2026-12-24", wantStatus: Active, wantReason: "date as chosen"},
		{name: "reached with a day off under custom workdays", sched: active("daily"), outcome: Reached, today: "2026-11-25", explicit: "2026-11-27",
			cal: calendar(t, "mon-thu"), wantDue: "2026-11-27", wantStatus: Active, wantReason: "date as chosen"},
		{name: "reached with a date far beyond the rule", sched: active("weekly fri").withDue("2026-11-27"), outcome: Reached, today: "2026-11-27", explicit: "2027-01-15",
			wantDue: "2027-01-15", wantStatus: Active, wantReason: "date as chosen"},
		{name: "reached advances the taper even with a date", sched: active("taper 1d 3d 7d"), outcome: Reached, today: "2026-11-25", explicit: "2026-11-28",
			wantDue: "2026-11-28", wantStep: 1, wantStatus: Active, wantReason: "date as chosen"},
		{name: "voicemail with a saturday still counts the miss", sched: active("every 90d").withTries(2), outcome: Voicemail, today: "2026-11-25", explicit: "2026-11-28",
			wantDue: "2026-11-28", wantAttempts: 3, wantUnreachable: true, wantStatus: Active, wantReason: "date as chosen"},
		{name: "an explicit date may be today", sched: active("every 90d"), outcome: NoAnswer, today: "2026-11-25", explicit: "2026-11-25",
			wantDue: "2026-11-25", wantAttempts: 1, wantStatus: Active, wantReason: "date as chosen"},
	})
}

func TestApplyCustomCalendars(t *testing.T) {
	runApply(t, []applyCase{
		{name: "mon-thu: daily from thursday is monday", sched: active("daily"), outcome: Reached, today: "2026-11-26",
			cal: calendar(t, "mon-thu"), wantDue: "2026-11-30", wantStatus: Active, wantReason: "daily"},
		{name: "mon-thu: a friday moves to monday", sched: active("every 2d"), outcome: Reached, today: "2026-11-25",
			cal: calendar(t, "mon-thu"), wantDue: "2026-11-30", wantStatus: Active, wantReason: "every 2d"},
		{name: "tue-sat: a saturday stays", sched: active("every 3d"), outcome: Reached, today: "2026-11-25",
			cal: calendar(t, "tue-sat"), wantDue: "2026-11-28", wantStatus: Active, wantReason: "every 3d"},
		{name: "tue-sat: daily from saturday is tuesday", sched: active("daily"), outcome: Reached, today: "2026-11-28",
			cal: calendar(t, "tue-sat"), wantDue: "2026-12-01", wantStatus: Active, wantReason: "daily"},
		{name: "a date inside a vacation moves to the first workday after it", sched: active("every 2w"), outcome: Reached, today: "2026-12-09",
			cal: calendar(t, "mon-fri", "2026-12-21..2027-01-01"), wantDue: "2027-01-04", wantStatus: Active, wantReason: "every 2w"},
		{name: "a vacation ending on a friday: the monday after", sched: active("every 1w"), outcome: Reached, today: "2026-11-25",
			cal: calendar(t, "mon-fri", "2026-11-30..2026-12-04"), wantDue: "2026-12-07", wantStatus: Active, wantReason: "every 1w"},
		{name: "a vacation over a weekend", sched: active("every 1w"), outcome: Reached, today: "2026-11-20",
			cal: calendar(t, "mon-fri", "2026-11-27..2026-11-30"), wantDue: "2026-12-01", wantStatus: Active, wantReason: "every 1w"},
	})
}

func TestApplyOverride(t *testing.T) {
	// Intensive care: every 2 days until Tue 15 Dec, then every 90 days.
	intensive := active("every 90d").withOverride("every 2d", "2026-12-15")
	runApply(t, []applyCase{
		{name: "while active its dates apply", sched: intensive, outcome: Reached, today: "2026-11-25",
			wantDue: "2026-11-27", wantStatus: Active, wantReason: "every 2d"},
		{name: "its date moved off a weekend still within the override", sched: intensive, outcome: Reached, today: "2026-12-11",
			wantDue: "2026-12-14", wantStatus: Active, wantReason: "every 2d"},
		{name: "its next date after the end: the base rule from today", sched: intensive, outcome: Reached, today: "2026-12-14",
			wantDue: "2027-03-15", wantStatus: Active, wantReason: "every 90d"},
		{name: "on its last day: the base rule", sched: intensive, outcome: Reached, today: "2026-12-15",
			wantDue: "2027-03-15", wantStatus: Active, wantReason: "every 90d"},
		{name: "after its end: the base rule", sched: intensive, outcome: Reached, today: "2026-12-16",
			wantDue: "2027-03-16", wantStatus: Active, wantReason: "every 90d"},
		{name: "a miss is capped at the override's date", sched: intensive.withTries(2), outcome: Voicemail, today: "2026-11-25",
			wantDue: "2026-11-27", wantAttempts: 3, wantUnreachable: true, wantStatus: Active, wantReason: "every 2d"},
		{name: "a miss near the end retries as usual", sched: intensive, outcome: Voicemail, today: "2026-12-14",
			wantDue: "2026-12-15", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after voicemail"},
		{name: "4th miss near the end: the base rule's date", sched: intensive.withTries(3), outcome: Voicemail, today: "2026-12-14",
			wantDue: "2027-03-15", wantAttempts: 4, wantUnreachable: true, wantStatus: Active, wantReason: "every 90d · still unreachable"},
		{name: "a taper override advances its steps", sched: active("weekly fri").withOverride("taper 1d 1d 3d 7d", "2026-12-04"), outcome: Reached, today: "2026-11-23",
			wantDue: "2026-11-24", wantStep: 1, wantStatus: Active, wantReason: "taper 1d 1d 3d 7d"},
		{name: "a taper override running out hands over to the weekly slot", sched: active("weekly fri").withOverride("taper 1d 1d 3d 7d", "2026-12-04").withStep(3).withDue("2026-12-02"), outcome: Reached, today: "2026-12-02",
			wantDue: "2026-12-04", wantStep: 3, wantStatus: Active, wantReason: "weekly fri"},
		{name: "an explicit date beats the override", sched: intensive, outcome: Reached, today: "2026-11-25", explicit: "2026-12-01",
			wantDue: "2026-12-01", wantStatus: Active, wantReason: "date as chosen"},
	})
}
