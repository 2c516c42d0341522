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
