package rotation

import (
	"strings"
	"testing"
)

// touchCase is one touch logged against a schedule (see applyCase).
type touchCase struct {
	name     string
	sched    Schedule
	touch    Touch
	today    string
	explicit string

	wantDue      string
	wantAttempts int
	wantStatus   Status
	wantReturned string
	wantTime     Clock
	wantReason   string
	wantErr      string // a part of the error, "" for none
}

func TestApplyTouch(t *testing.T) {
	due := active("every 90d").withDue("2026-12-10")
	unreachable := due.withTries(3)
	returned := due
	returned.Returned = date("2026-12-01")
	timed := due.withDue("2026-12-03")
	timed.DueTime = ClockOf(15, 0)
	// 2026-12-02 is a Wednesday.
	tests := []touchCase{
		{name: "reached by e-mail resets the cadence like a call", sched: due.withTries(2), touch: Touch{Via: KindEmail, Outcome: Reached},
			today: "2026-12-02", wantDue: "2027-03-02", wantStatus: Active, wantReason: "every 90d"},
		{name: "reached inbound (they called) resets it too", sched: due, touch: Touch{Direction: In, Outcome: Reached},
			today: "2026-12-02", wantDue: "2027-03-02", wantStatus: Active, wantReason: "every 90d"},
		{name: "a meeting reached resets it", sched: due, touch: Touch{Via: KindMeeting, Outcome: Reached},
			today: "2026-12-02", wantDue: "2027-03-02", wantStatus: Active, wantReason: "every 90d"},
		{name: "sent keeps the planned call", sched: due.withTries(1), touch: Touch{Via: KindText, Outcome: Sent},
			today: "2026-12-02", wantDue: "2026-12-10", wantAttempts: 1, wantStatus: Active, wantReason: "message sent · the planned call stays"},
		{name: "sent to an unreachable contact is the channel switch", sched: unreachable, touch: Touch{Via: KindEmail, Outcome: Sent},
			today: "2026-12-02", wantDue: "2026-12-10", wantStatus: Active, wantReason: "message sent instead of calling · the planned call stays"},
		{name: "a letter they wrote, sent inbound, keeps the call", sched: due, touch: Touch{Via: KindLetter, Direction: In, Outcome: Sent},
			today: "2026-12-02", wantDue: "2026-12-10", wantStatus: Active, wantReason: "message sent · the planned call stays"},
		{name: "sent with a date takes the date", sched: due, touch: Touch{Via: KindEmail, Outcome: Sent},
			today: "2026-12-02", explicit: "2026-12-04", wantDue: "2026-12-04", wantStatus: Active, wantReason: "date as chosen"},
		{name: "their missed call is a returned call; the plan stays", sched: due.withTries(1), touch: Touch{Direction: In, Outcome: NoAnswer},
			today: "2026-12-02", wantDue: "2026-12-10", wantAttempts: 1, wantStatus: Active, wantReturned: "2026-12-02", wantReason: "returned call · the planned call stays"},
		{name: "a voicemail they left is a returned call", sched: due, touch: Touch{Via: KindCall, Direction: In, Outcome: Voicemail},
			today: "2026-12-02", wantDue: "2026-12-10", wantStatus: Active, wantReturned: "2026-12-02", wantReason: "returned call · the planned call stays"},
		{name: "their call brings a paused number back", sched: due.withStatus(Paused), touch: Touch{Direction: In, Outcome: NoAnswer},
			today: "2026-12-02", wantDue: "2026-12-10", wantStatus: Active, wantReturned: "2026-12-02", wantReason: "returned call · the planned call stays"},
		{name: "calling back ends the returned call", sched: returned, touch: Touch{Outcome: Reached},
			today: "2026-12-02", wantDue: "2027-03-02", wantStatus: Active, wantReason: "every 90d"},
		{name: "a text ends the returned call and keeps the plan", sched: returned, touch: Touch{Via: KindText, Outcome: Sent},
			today: "2026-12-02", wantDue: "2026-12-10", wantStatus: Active, wantReason: "message sent · the planned call stays"},
		{name: "a missed call back is a retry, no longer a returned call", sched: returned, touch: Touch{Outcome: Voicemail},
			today: "2026-12-02", wantDue: "2026-12-03", wantAttempts: 1, wantStatus: Active, wantReason: "retry 1 after voicemail"},
		{name: "a callback keeps its time", sched: due, touch: Touch{Outcome: Callback, NextTime: ClockOf(15, 0)},
			today: "2026-12-02", explicit: "2026-12-03", wantDue: "2026-12-03", wantStatus: Active, wantTime: ClockOf(15, 0), wantReason: "callback as asked"},
		{name: "a callback by e-mail keeps its time too", sched: due, touch: Touch{Via: KindEmail, Direction: In, Outcome: Callback, NextTime: ClockOf(10, 30)},
			today: "2026-12-02", explicit: "2026-12-03", wantDue: "2026-12-03", wantStatus: Active, wantTime: ClockOf(10, 30), wantReason: "callback as asked"},
		{name: "the next touch drops the time", sched: timed, touch: Touch{Outcome: Reached},
			today: "2026-12-03", wantDue: "2027-03-03", wantStatus: Active, wantReason: "every 90d"},
		{name: "a time without a date is dropped", sched: due, touch: Touch{Outcome: Reached, NextTime: ClockOf(9, 0)},
			today: "2026-12-02", wantDue: "2027-03-02", wantStatus: Active, wantReason: "every 90d"},
		{name: "sent on a call is refused", sched: due, touch: Touch{Outcome: Sent}, today: "2026-12-02", wantErr: "one-way message"},
		{name: "sent on a meeting is refused", sched: due, touch: Touch{Via: KindMeeting, Outcome: Sent}, today: "2026-12-02", wantErr: "one-way message"},
		{name: "no-answer on an e-mail is refused", sched: due, touch: Touch{Via: KindEmail, Outcome: NoAnswer}, today: "2026-12-02", wantErr: "is for a call"},
		{name: "an inbound wrong number is refused", sched: due, touch: Touch{Direction: In, Outcome: WrongNumber}, today: "2026-12-02", wantErr: "you called"},
		{name: "an unknown channel is refused", sched: due, touch: Touch{Via: "fax", Outcome: Reached}, today: "2026-12-02", wantErr: "unknown channel"},
		{name: "a note is no touch", sched: due, touch: Touch{Via: KindNote, Outcome: Reached}, today: "2026-12-02", wantErr: "unknown channel"},
		{name: "an unknown direction is refused", sched: due, touch: Touch{Direction: "up", Outcome: Reached}, today: "2026-12-02", wantErr: "unknown direction"},
		{name: "a returned call takes no date", sched: due, touch: Touch{Direction: In, Outcome: NoAnswer}, today: "2026-12-02", explicit: "2026-12-05", wantErr: "returned today"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ApplyTouch(tt.sched, tt.touch, date(tt.today), date(tt.explicit), DefaultCalendar(), nil)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("err = %v, want one saying %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ApplyTouch: %v", err)
			}
			if got.Due != date(tt.wantDue) {
				t.Errorf("Due = %s, want %s", got.Due, tt.wantDue)
			}
			if got.Attempts != tt.wantAttempts {
				t.Errorf("Attempts = %d, want %d", got.Attempts, tt.wantAttempts)
			}
			if got.Status != tt.wantStatus {
				t.Errorf("Status = %q, want %q", got.Status, tt.wantStatus)
			}
			if got.Returned != date(tt.wantReturned) {
				t.Errorf("Returned = %s, want %s", got.Returned, tt.wantReturned)
			}
			if got.DueTime != tt.wantTime {
				t.Errorf("DueTime = %s, want %s", got.DueTime, tt.wantTime)
			}
			if got.Reason != tt.wantReason {
				t.Errorf("Reason = %q, want %q", got.Reason, tt.wantReason)
			}
		})
	}
}

func TestTouchWords(t *testing.T) {
	tests := []struct {
		touch          Touch
		describe, past string
		returned       bool
	}{
		{Touch{}, "call", "called", false},
		{Touch{Direction: In, Outcome: NoAnswer}, "they called", "they called", true},
		{Touch{Direction: In, Outcome: Reached}, "they called", "they called", false},
		{Touch{Via: KindEmail}, "e-mail", "e-mailed", false},
		{Touch{Via: KindEmail, Direction: In}, "they e-mailed", "they e-mailed", false},
		{Touch{Via: KindText}, "text", "texted", false},
		{Touch{Via: KindMeeting}, "meeting", "met", false},
		{Touch{Via: KindMeeting, Direction: In}, "they came by", "they came by", false},
		{Touch{Via: KindLetter}, "letter", "wrote", false},
		{Touch{Via: KindEmail, Direction: In, Outcome: NoAnswer}, "they e-mailed", "they e-mailed", false},
	}
	for _, tt := range tests {
		if got := tt.touch.Describe(); got != tt.describe {
			t.Errorf("%+v.Describe() = %q, want %q", tt.touch, got, tt.describe)
		}
		if got := tt.touch.Past(); got != tt.past {
			t.Errorf("%+v.Past() = %q, want %q", tt.touch, got, tt.past)
		}
		if got := tt.touch.ReturnedCall(); got != tt.returned {
			t.Errorf("%+v.ReturnedCall() = %v, want %v", tt.touch, got, tt.returned)
		}
	}
}

func TestParseChannelAndDirection(t *testing.T) {
	channels := map[string]CallKind{"": KindCall, "call": KindCall, "Email": KindEmail, "e-mail": KindEmail, "sms": KindText,
		"text": KindText, "meeting": KindMeeting, "letter": KindLetter, "card": KindLetter, "note": "", "fax": ""}
	for in, want := range channels {
		got, err := ParseChannel(in)
		if (err != nil) != (want == "") || got != want {
			t.Errorf("ParseChannel(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	dirs := map[string]Direction{"": Out, "out": Out, "IN": In, "inbound": In, "sideways": ""}
	for in, want := range dirs {
		got, err := ParseDirection(in)
		if (err != nil) != (want == "") || got != want {
			t.Errorf("ParseDirection(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func TestSortDueReturnedFirst(t *testing.T) {
	today := date("2026-12-02")
	item := func(name, tier, due, returned string) DueItem {
		c := Contact{ID: int64(len(name)), Name: name, Tier: tier, Schedule: active("every 30d").withDue(due)}
		c.Returned = date(returned)
		return DueItem{Contact: c}
	}
	items := []DueItem{
		item("Ann overdue A", "A", "2026-11-01", ""),
		item("Bob returned C", "C", "2027-01-01", "2026-12-02"),
		item("Cy due today A", "A", "2026-12-02", ""),
		item("Di returned yesterday", "B", "2027-02-01", "2026-12-01"),
	}
	SortDue(items, today)
	var got []string
	for _, it := range items {
		got = append(got, it.Name)
	}
	want := "Di returned yesterday,Bob returned C,Ann overdue A,Cy due today A"
	if strings.Join(got, ",") != want {
		t.Errorf("order = %s, want %s", strings.Join(got, ","), want)
	}
	if r := DueReason(items[1].Schedule, History{}, today); r != "returned call · they called today" {
		t.Errorf("DueReason = %q", r)
	}
	timed := active("every 30d").withDue("2026-12-02")
	timed.DueTime = ClockOf(15, 0)
	if r := DueReason(timed, History{LastCall: today - 1, LastOutcome: Callback}, today); r != "callback at 15:00 · asked Tue" {
		t.Errorf("DueReason of a timed callback = %q", r)
	}
}

func TestOrderTimed(t *testing.T) {
	today := date("2026-12-02")
	item := func(name, due, at string, returned bool) DueItem {
		c := Contact{Name: name, Schedule: active("every 30d").withDue(due)}
		c.DueTime, _ = ParseClock(at)
		if returned {
			c.Returned = today
		}
		return DueItem{Contact: c}
	}
	list := func() []DueItem {
		return []DueItem{
			item("Ret", "2026-12-20", "", true),
			item("Ann", "2026-11-30", "", false),
			item("Cb15", "2026-12-02", "15:00", false),
			item("Bob", "2026-12-02", "", false),
			item("Cb10", "2026-12-02", "10:30", false),
			item("Old", "2026-12-01", "16:00", false),
			item("Tomorrow", "2026-12-03", "09:00", false),
		}
	}
	for _, tt := range []struct {
		now  string
		want string
	}{
		{"08:00", "Ret Old Ann Cb15 Bob Cb10 Tomorrow"},
		{"09:30", "Ret Old Cb10 Ann Cb15 Bob Tomorrow"},
		{"14:05", "Ret Old Cb10 Cb15 Ann Bob Tomorrow"},
		{"", "Ret Old Ann Cb15 Bob Cb10 Tomorrow"},
	} {
		items := list()
		now, _ := ParseClock(tt.now)
		OrderTimed(items, today, now)
		var got []string
		for _, it := range items {
			got = append(got, it.Name)
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("at %q: %s, want %s", tt.now, strings.Join(got, " "), tt.want)
		}
	}
}

func TestCallLabelAndLastTouch(t *testing.T) {
	today := date("2026-12-05")
	call := func(kind CallKind, dir Direction, o Outcome, day, note string) Call {
		return Call{Kind: kind, Direction: dir, Outcome: o, Day: date(day), Note: note}
	}
	labels := []struct {
		k    Call
		want string
	}{
		{call(KindCall, Out, Reached, "", ""), "reached"},
		{call("", "", Voicemail, "", ""), "voicemail"},
		{call(KindCall, In, NoAnswer, "", ""), "they called · no-answer"},
		{call(KindEmail, Out, Sent, "", ""), "e-mail · sent"},
		{call(KindText, In, Reached, "", ""), "they texted · reached"},
		{call(KindNote, "", "", "", "x"), "note"},
	}
	for _, tt := range labels {
		if got := tt.k.Label(); got != tt.want {
			t.Errorf("Label(%+v) = %q, want %q", tt.k, got, tt.want)
		}
	}
	lasts := []struct {
		calls []Call
		want  string
	}{
		{nil, ""},
		{[]Call{call(KindCall, Out, Reached, "2026-12-04", "x")}, ""},
		{[]Call{call(KindNote, "", "", "2026-12-05", "n"), call(KindEmail, Out, Sent, "2026-12-02", "Sent the  leaflet.\nBye")},
			"e-mailed 3 days ago: Sent the leaflet. Bye"},
		{[]Call{call(KindCall, In, NoAnswer, "2026-12-05", "")}, "they called today, missed"},
		{[]Call{call(KindLetter, Out, Sent, "2026-12-04", strings.Repeat("a", 80))}, "wrote yesterday: " + strings.Repeat("a", 59) + "…"},
	}
	for _, tt := range lasts {
		if got := LastTouch(tt.calls, today); got != tt.want {
			t.Errorf("LastTouch(%+v) = %q, want %q", tt.calls, got, tt.want)
		}
	}
}

func TestTalksWords(t *testing.T) {
	for _, tt := range []struct {
		st   Stats
		want string
	}{
		{Stats{}, "none in the last 12 weeks"},
		{Stats{Conversations: map[CallKind]int{KindCall: 12, KindEmail: 3, KindMeeting: 1}, Inbound: 2}, "12 by call, 3 by e-mail, 1 in person · 2 touches they started"},
		{Stats{Conversations: map[CallKind]int{KindText: 1, KindLetter: 2}, Inbound: 1}, "1 by text, 2 by letter · 1 touch they started"},
	} {
		if got := tt.st.TalksWords(); got != tt.want {
			t.Errorf("TalksWords(%+v) = %q, want %q", tt.st, got, tt.want)
		}
	}
}
