package rotation

import "testing"

func TestAfterEdit(t *testing.T) {
	wed := MustDate("2026-11-25") // a Wednesday
	sat := MustDate("2026-11-28")
	cal := DefaultCalendar()
	phone := []Phone{{Number: "+1 555 0100"}}
	fixed := []Phone{{Number: "+1 555 0199"}}
	base := func(mod func(c *Contact)) Contact {
		c := Contact{ID: 1, Name: "Jane", Tier: "A", Phones: phone}
		c.Rule = MustRule("every 90d")
		c.Status = Active
		c.Due = MustDate("2027-02-13")
		c.LastTalk = MustDate("2026-11-15")
		c.LastOutcome = Reached
		if mod != nil {
			mod(&c)
		}
		return c
	}
	wrongNumber := func(c *Contact) {
		c.Status, c.Due, c.Attempts, c.LastOutcome = Paused, 0, 2, WrongNumber
	}
	tests := []struct {
		name          string
		today         Date
		before, after Contact
		wantStatus    Status
		wantDue       Date
		wantAttempts  int
		wantStep      int
	}{
		{
			name:       "wrong number fixed resumes today",
			today:      wed,
			before:     base(wrongNumber),
			after:      base(func(c *Contact) { wrongNumber(c); c.Phones = fixed }),
			wantStatus: Active, wantDue: wed,
		},
		{
			name:       "wrong number fixed on a Saturday resumes Monday",
			today:      sat,
			before:     base(wrongNumber),
			after:      base(func(c *Contact) { wrongNumber(c); c.Phones = fixed }),
			wantStatus: Active, wantDue: MustDate("2026-11-30"),
		},
		{
			name:   "a new label counts as a changed number",
			today:  wed,
			before: base(wrongNumber),
			after: base(func(c *Contact) {
				wrongNumber(c)
				c.Phones = []Phone{{Number: "+1 555 0100", Label: "home"}}
			}),
			wantStatus: Active, wantDue: wed,
		},
		{
			name:       "wrong number with only the email edited stays paused",
			today:      wed,
			before:     base(wrongNumber),
			after:      base(func(c *Contact) { wrongNumber(c); c.Email = "jane@example.com" }),
			wantStatus: Paused, wantAttempts: 2,
		},
		{
			name:       "wrong number with every phone removed stays paused",
			today:      wed,
			before:     base(wrongNumber),
			after:      base(func(c *Contact) { wrongNumber(c); c.Phones = nil }),
			wantStatus: Paused, wantAttempts: 2,
		},
		{
			name:       "paused by hand stays paused when the number changes",
			today:      wed,
			before:     base(func(c *Contact) { c.Status, c.Due = Paused, 0 }),
			after:      base(func(c *Contact) { c.Status, c.Due, c.Phones = Paused, 0, fixed }),
			wantStatus: Paused,
		},
		{
			name:       "nothing scheduling changed",
			today:      wed,
			before:     base(nil),
			after:      base(func(c *Contact) { c.Company = "Acme" }),
			wantStatus: Active, wantDue: MustDate("2027-02-13"),
		},
		{
			name:   "a daily override starts today",
			today:  wed,
			before: base(nil),
			after: base(func(c *Contact) {
				c.Override, c.OverrideUntil = MustRule("daily"), MustDate("2026-12-31")
			}),
			wantStatus: Active, wantDue: wed,
		},
		{
			name:       "a shorter interval counts from the last talk",
			today:      wed,
			before:     base(nil),
			after:      base(func(c *Contact) { c.Rule = MustRule("every 30d") }),
			wantStatus: Active, wantDue: MustDate("2026-12-15"),
		},
		{
			// Issue 13 changes this rule: a new cadence recomputes the next
			// date from the last conversation, later as well as sooner.
			name:       "a longer interval counts from the last talk too",
			today:      wed,
			before:     base(func(c *Contact) { c.Rule, c.Due = MustRule("every 30d"), MustDate("2026-12-15") }),
			after:      base(func(c *Contact) { c.Rule, c.Due = MustRule("every 1y"), MustDate("2026-12-15") }),
			wantStatus: Active, wantDue: MustDate("2027-11-15"),
		},
		{
			// The base rule resumes from the last talk (issue 13: a new rule
			// in force recomputes the date; it used to keep the daily one).
			name:  "clearing an override resumes the base rule from the last talk",
			today: wed,
			before: base(func(c *Contact) {
				c.Override, c.OverrideUntil, c.Due = MustRule("daily"), MustDate("2026-12-31"), MustDate("2026-11-26")
			}),
			after:      base(func(c *Contact) { c.Due = MustDate("2026-11-26") }),
			wantStatus: Active, wantDue: MustDate("2027-02-15"),
		},
		{
			name:       "a new taper starts at its first step",
			today:      wed,
			before:     base(func(c *Contact) { c.Step = 3 }),
			after:      base(func(c *Contact) { c.Step, c.Rule = 3, MustRule("taper 1d 1d 3d 7d") }),
			wantStatus: Active, wantDue: MustDate("2026-11-25"), wantStep: 0,
		},
		{
			name:       "fixed weekdays take their next slot",
			today:      wed,
			before:     base(func(c *Contact) { c.LastTalk = 0 }),
			after:      base(func(c *Contact) { c.LastTalk, c.Rule = 0, MustRule("weekly fri") }),
			wantStatus: Active, wantDue: MustDate("2026-11-27"),
		},
		{
			// Seen in the month of mornings: edit --every "weekly fri" kept
			// a first call planned on a Wednesday.
			name:       "fixed weekdays move a first call planned sooner onto their slot",
			today:      wed,
			before:     base(func(c *Contact) { c.LastTalk, c.Due = 0, MustDate("2026-11-26") }),
			after:      base(func(c *Contact) { c.LastTalk, c.Due, c.Rule = 0, MustDate("2026-11-26"), MustRule("weekly fri") }),
			wantStatus: Active, wantDue: MustDate("2026-11-27"),
		},
		{
			name:       "an archived contact keeps no date",
			today:      wed,
			before:     base(func(c *Contact) { c.Status, c.Due = Archived, 0 }),
			after:      base(func(c *Contact) { c.Status, c.Due, c.Rule = Archived, 0, MustRule("daily") }),
			wantStatus: Archived,
		},
		{
			name:  "a new base rule under a running override changes nothing",
			today: wed,
			before: base(func(c *Contact) {
				c.Override, c.OverrideUntil = MustRule("daily"), MustDate("2026-12-31")
			}),
			after: base(func(c *Contact) {
				c.Override, c.OverrideUntil, c.Rule = MustRule("daily"), MustDate("2026-12-31"), MustRule("every 2w")
			}),
			wantStatus: Active, wantDue: MustDate("2027-02-13"),
		},
		// Issue 13: `rotate edit X --every "every 6m"` on a contact due in
		// 16 days moved the call to today; after an import, setting
		// cadences made most contacts due today.
		{
			name:   "never reached: a longer rule keeps the planned first call",
			today:  wed,
			before: base(func(c *Contact) { c.LastTalk, c.LastOutcome, c.Due = 0, "", wed.AddDays(16) }),
			after: base(func(c *Contact) {
				c.LastTalk, c.LastOutcome, c.Due, c.Rule = 0, "", wed.AddDays(16), MustRule("every 6m")
			}),
			wantStatus: Active, wantDue: wed.AddDays(16),
		},
		{
			name:   "never reached: a rule due sooner brings the first call to its first interval",
			today:  wed,
			before: base(func(c *Contact) { c.LastTalk, c.LastOutcome, c.Due = 0, "", wed.AddDays(60) }),
			after: base(func(c *Contact) {
				c.LastTalk, c.LastOutcome, c.Due, c.Rule = 0, "", wed.AddDays(60), MustRule("every 2w")
			}),
			wantStatus: Active, wantDue: wed.AddDays(14),
		},
		{
			name:       "a shorter interval already past is due today",
			today:      wed,
			before:     base(func(c *Contact) { c.LastTalk = MustDate("2026-09-01") }),
			after:      base(func(c *Contact) { c.LastTalk, c.Rule = MustDate("2026-09-01"), MustRule("every 30d") }),
			wantStatus: Active, wantDue: wed,
		},
		{
			name:   "a retry after a miss that comes sooner stays",
			today:  wed,
			before: base(func(c *Contact) { c.Attempts, c.LastOutcome, c.Due = 1, Voicemail, MustDate("2026-11-26") }),
			after: base(func(c *Contact) {
				c.Attempts, c.LastOutcome, c.Due, c.Rule = 1, Voicemail, MustDate("2026-11-26"), MustRule("every 1y")
			}),
			wantStatus: Active, wantDue: MustDate("2026-11-26"),
			wantAttempts: 1,
		},
		{
			name:   "a callback the client asked for stays",
			today:  wed,
			before: base(func(c *Contact) { c.LastOutcome, c.Due = Callback, MustDate("2027-03-01") }),
			after: base(func(c *Contact) {
				c.LastOutcome, c.Due, c.Rule = Callback, MustDate("2027-03-01"), MustRule("every 2w")
			}),
			wantStatus: Active, wantDue: MustDate("2027-03-01"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := AfterEdit(tt.before, tt.after, tt.today, cal)
			if got.Status != tt.wantStatus || got.Due != tt.wantDue || got.Attempts != tt.wantAttempts || got.Step != tt.wantStep {
				t.Errorf("AfterEdit = status %s, due %s, attempts %d, step %d; want %s, %s, %d, %d",
					got.Status, got.Due, got.Attempts, got.Step, tt.wantStatus, tt.wantDue, tt.wantAttempts, tt.wantStep)
			}
		})
	}
}

func TestPhonesChanged(t *testing.T) {
	a := []Phone{{"1", "work"}, {"2", ""}}
	tests := []struct {
		name string
		b    []Phone
		want bool
	}{
		{"same", []Phone{{"1", "work"}, {"2", ""}}, false},
		{"reordered", []Phone{{"2", ""}, {"1", "work"}}, true},
		{"relabelled", []Phone{{"1", "home"}, {"2", ""}}, true},
		{"one removed", []Phone{{"1", "work"}}, true},
		{"all removed", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PhonesChanged(a, tt.b); got != tt.want {
				t.Errorf("PhonesChanged = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestAfterEditLeveledRecomputes: a new cadence's date is leveled in its
// window, later as well as sooner, and for a first call too (issue 13:
// setting cadences after an import made most contacts due on one day).
func TestAfterEditLeveledRecomputes(t *testing.T) {
	wed := MustDate("2026-11-25")
	cal := DefaultCalendar()
	c := Contact{ID: 1, Name: "Jane", Tier: "B"}
	c.Rule, c.Status = MustRule("every 90d"), Active
	tests := []struct {
		name           string
		lastTalk, due  Date
		rule           string
		busy           Date // a full day
		wantLo, wantHi Date
		notOn          Date
	}{
		// 2026-11-02 + 60d = 2027-01-01 (Fri): window ±6 days; that day is full.
		{"reached: a longer rule, leveled off the full day", MustDate("2026-11-02"), MustDate("2026-12-10"), "every 60d",
			MustDate("2027-01-01"), MustDate("2026-12-26"), MustDate("2027-01-07"), MustDate("2027-01-01")},
		// Never reached, planned in 60 days: every 2w brings it to wed+14 ±1, off the full day.
		{"first call: a sooner rule, leveled off the full day", 0, wed.AddDays(60), "every 2w",
			wed.AddDays(14), wed.AddDays(13), wed.AddDays(15), wed.AddDays(14)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := c
			before.LastTalk, before.Due = tt.lastTalk, tt.due
			after := before
			after.Rule = MustRule(tt.rule)
			load := dayLoads{booked: map[Date]int{tt.busy: 9}, expected: map[Date]float64{}}
			got := AfterEditLeveled(before, after, wed, cal, load)
			if got.Due < tt.wantLo || got.Due > tt.wantHi || got.Due == tt.notOn || !cal.IsWorkday(got.Due) {
				t.Errorf("due %s; want a workday in [%s, %s] other than %s", got.Due, tt.wantLo, tt.wantHi, tt.notOn)
			}
		})
	}
}
