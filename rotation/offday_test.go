package rotation

import "testing"

func TestMoveOffDay(t *testing.T) {
	wed := MustDate("2026-12-16")
	before := DefaultCalendar()
	away := DefaultCalendar()
	away.Away = []Range{{From: MustDate("2026-12-24"), To: MustDate("2027-01-01")}}
	contact := func(rule, due string, mod func(c *Contact)) Contact {
		c := Contact{Name: "Jane", Tier: "B"}
		c.Rule, c.Status, c.Due = MustRule(rule), Active, MustDate(due)
		if mod != nil {
			mod(&c)
		}
		return c
	}
	tests := []struct {
		name   string
		c      Contact
		want   string // "" when the call stays
		cal    Calendar
		before Calendar
	}{
		{"an interval call inside the break: the first workday after", contact("every 90d", "2026-12-28", nil), "2027-01-04", away, before},
		// Seen: a Friday status call landed on the Monday after the break.
		{"a friday slot inside the break: the friday after", contact("weekly fri", "2026-12-25", nil), "2027-01-08", away, before},
		{"mon,thu inside the break: the first slot after", contact("every mon,thu", "2026-12-28", nil), "2027-01-04", away, before},
		{"a call before the break stays", contact("every 90d", "2026-12-23", nil), "", away, before},
		{"a call after the break stays", contact("every 90d", "2027-01-04", nil), "", away, before},
		{"a callback the client asked for stays", contact("every 90d", "2026-12-28", func(c *Contact) { c.LastOutcome = Callback }), "", away, before},
		{"a paused contact has no call", contact("every 90d", "2026-12-28", func(c *Contact) { c.Status = Paused }), "", away, before},
		{"an overdue call is not moved", contact("every 90d", "2026-12-10", nil), "", away, before},
		{"a date already off was typed on purpose", contact("every 90d", "2026-12-26", nil), "", away, before},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := MoveOffDay(tt.c, wed, tt.before, tt.cal)
			if tt.want == "" {
				if ok {
					t.Errorf("moved to %s; want it kept on %s", got, tt.c.Due)
				}
				return
			}
			if !ok || got != MustDate(tt.want) {
				t.Errorf("MoveOffDay = %s, %v; want %s", got, ok, tt.want)
			}
		})
	}
}

// cappedLoad is a Load with a daily capacity set by hand.
type cappedLoad struct {
	Load
	cap int
}

func (c cappedLoad) DailyCap() int { return c.cap }

// TestMoveOffDayLeveled: time away set later moves an interval call as if
// it had been computed with it — leveled in its window, under a capacity
// set by hand — instead of piling every call of the break onto the first
// workday back (seen in the month of mornings: seven calls on the Monday
// after a week off, capacity 3).
func TestMoveOffDayLeveled(t *testing.T) {
	wed := MustDate("2026-12-16")
	before := DefaultCalendar()
	away := DefaultCalendar()
	away.Away = []Range{{From: MustDate("2026-12-24"), To: MustDate("2027-01-01")}}
	contact := func(rule, due string, outcome Outcome) Contact {
		c := Contact{Name: "Jane", Tier: "B"}
		c.Rule, c.Status, c.Due, c.LastOutcome = MustRule(rule), Active, MustDate(due), outcome
		return c
	}
	full := func(days ...string) Load {
		return func(d Date) int {
			for _, s := range days {
				if d == MustDate(s) {
					return 3
				}
			}
			return 0
		}
	}
	tests := []struct {
		name string
		c    Contact
		load LoadModel
		want string // "" when the call stays
	}{
		{"an empty window: the workday nearest the planned date", contact("every 90d", "2026-12-28", Reached), Load(nil), "2026-12-23"},
		{"the days before the break full: the first workday after", contact("every 90d", "2026-12-28", Reached),
			cappedLoad{full("2026-12-21", "2026-12-22", "2026-12-23"), 3}, "2027-01-04"},
		{"the whole window full: its lightest day nearest the planned date, as the leveler does", contact("every 90d", "2026-12-28", Reached),
			cappedLoad{full("2026-12-21", "2026-12-22", "2026-12-23", "2027-01-04"), 3}, "2026-12-23"},
		{"a friday slot takes the friday after", contact("weekly fri", "2026-12-25", Reached), Load(nil), "2027-01-08"},
		{"a callback stays", contact("every 90d", "2026-12-28", Callback), Load(nil), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := MoveOffDayLeveled(tt.c, wed, before, away, tt.load)
			if tt.want == "" {
				if ok {
					t.Errorf("moved to %s; want it kept on %s", got, tt.c.Due)
				}
				return
			}
			if !ok || got != MustDate(tt.want) {
				t.Errorf("MoveOffDayLeveled = %s, %v; want %s", got, ok, tt.want)
			}
		})
	}
}
