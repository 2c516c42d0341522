package store_test

import (
	"slices"
	"strings"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

// TestLogTouches logs touches on every channel in both directions and
// reads back what each stored and scheduled.
func TestLogTouches(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	planned := day0.AddDays(20) // 2026-03-24, a Tuesday
	add := func(name string, tries int) rotation.Contact {
		c := mustAdd(t, b.Store, rotation.Contact{Name: name, Tier: "B",
			Schedule: rotation.Schedule{Rule: rotation.MustRule("every 7d"), Due: planned}})
		for range tries {
			mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.NoAnswer, Today: day0, Next: planned})
		}
		return mustContact(t, b.Store, c.ID)
	}
	emailed := add("Emma Mail", 1)
	flagged := add("Ursula Unreachable", 3)
	caller := add("Ivan Incoming", 0)
	met := add("Mia Meeting", 0)

	day := day0.AddDays(1)
	mustLog(t, b.Store, store.LogEntry{ContactID: emailed.ID, Kind: rotation.KindEmail, Outcome: rotation.Sent, Note: "Sent the leaflet.", Today: day})
	got := mustContact(t, b.Store, emailed.ID)
	if got.Due != planned || got.Attempts != 1 || got.LastOutcome != rotation.NoAnswer || got.LastCall != day0 {
		t.Errorf("after an e-mail sent: due %s attempts %d last %s %s; want the planned call %s, 1 attempt, last no-answer on %s",
			got.Due, got.Attempts, got.LastOutcome, got.LastCall, planned, day0)
	}
	mustLog(t, b.Store, store.LogEntry{ContactID: flagged.ID, Kind: rotation.KindText, Outcome: rotation.Sent, Today: day})
	if got := mustContact(t, b.Store, flagged.ID); got.Due != planned || got.Unreachable() {
		t.Errorf("a text to an unreachable contact: due %s, unreachable %v; want %s and the flag cleared", got.Due, got.Unreachable(), planned)
	}
	mustLog(t, b.Store, store.LogEntry{ContactID: met.ID, Kind: rotation.KindMeeting, Direction: rotation.In, Outcome: rotation.Reached, Today: day})
	if got := mustContact(t, b.Store, met.ID); got.Due != day.AddDays(7) || got.LastTalk != day {
		t.Errorf("a meeting they asked for: due %s, last talk %s; want %s, %s", got.Due, got.LastTalk, day.AddDays(7), day)
	}

	// Their missed call: first on the list today, the planned call kept.
	mustLog(t, b.Store, store.LogEntry{ContactID: caller.ID, Direction: rotation.In, Outcome: rotation.NoAnswer, Today: day})
	got = mustContact(t, b.Store, caller.ID)
	if got.Returned != day || got.Due != planned {
		t.Errorf("after their missed call: returned %s, due %s; want %s, %s", got.Returned, got.Due, day, planned)
	}
	// Someone overdue of tier A is still after the returned call.
	mustAdd(t, b.Store, person("Ada Overdue", "A", day0.AddDays(-3)))
	agenda, err := b.Today(ctx, day)
	if err != nil {
		t.Fatal(err)
	}
	if len(agenda.Due) < 2 || agenda.Due[0].ID != caller.ID || !strings.HasPrefix(agenda.Due[0].Reason, "returned call") {
		t.Fatalf("today = %+v; want Ivan first as a returned call", agenda.Due)
	}
	var done []string
	for _, k := range agenda.Done {
		done = append(done, string(k.Kind)+"/"+string(k.Direction)+"/"+string(k.Outcome))
	}
	want := []string{"email/out/sent", "text/out/sent", "meeting/in/reached", "call/in/no-answer"}
	if !slices.Equal(done, want) {
		t.Errorf("done today = %v, want %v", done, want)
	}
	// Still first the next day, until a later touch.
	if agenda, _ = b.Today(ctx, day+1); len(agenda.Due) == 0 || agenda.Due[0].ID != caller.ID {
		t.Errorf("the next day the returned call is not first: %+v", agenda.Due)
	}
	// Calling back at a time the client gives keeps the time.
	thu := day0.AddDays(8)
	mustLog(t, b.Store, store.LogEntry{ContactID: caller.ID, Outcome: rotation.Callback, Today: day + 1, Next: thu, NextTime: rotation.ClockOf(15, 0)})
	got = mustContact(t, b.Store, caller.ID)
	if !got.Returned.IsZero() || got.Due != thu || got.DueTime != rotation.ClockOf(15, 0) {
		t.Errorf("after calling back: returned %s, due %s %s; want none, %s 15:00", got.Returned, got.Due, got.DueTime, thu)
	}
	calls, err := b.Calls(ctx, caller.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(calls) != 2 || calls[0].Direction != rotation.Out || calls[1].Direction != rotation.In {
		t.Errorf("calls = %+v; want the call back out, their call in", calls)
	}
	// Undo brings the returned call back; undo again, the plan before.
	if _, err := b.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got = mustContact(t, b.Store, caller.ID); got.Returned != day || got.DueTime != 0 || got.Due != planned {
		t.Errorf("after undo: returned %s, time %s, due %s; want %s, none, %s", got.Returned, got.DueTime, got.Due, day, planned)
	}
	if _, err := b.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got = mustContact(t, b.Store, caller.ID); !got.Returned.IsZero() {
		t.Errorf("after undoing their call: returned %s, want none", got.Returned)
	}
	b.reopen(t)
	if got = mustContact(t, b.Store, emailed.ID); got.Due != planned {
		t.Errorf("reopened: due %s, want %s", got.Due, planned)
	}
}

func TestLogTouchRefusals(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	c := mustAdd(t, b.Store, person("Rita Refused", "B", day0))
	for _, tt := range []struct {
		e    store.LogEntry
		want string
	}{
		{store.LogEntry{Outcome: rotation.Sent}, "one-way message"},
		{store.LogEntry{Kind: rotation.KindMeeting, Outcome: rotation.Sent}, "one-way message"},
		{store.LogEntry{Kind: rotation.KindEmail, Outcome: rotation.Voicemail}, "is for a call"},
		{store.LogEntry{Direction: rotation.In, Outcome: rotation.WrongNumber}, "you called"},
		{store.LogEntry{Direction: "sideways", Outcome: rotation.Reached}, "unknown direction"},
		{store.LogEntry{Kind: rotation.KindNote, Direction: rotation.In, Note: "x"}, "no direction"},
		{store.LogEntry{Direction: rotation.In, Outcome: rotation.NoAnswer, Next: day0.AddDays(3)}, "returned today"},
	} {
		e := tt.e
		e.ContactID, e.Today, e.At = c.ID, day0, day0.Time()
		_, err := b.LogCall(t.Context(), e)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("LogCall(%+v) = %v, want an error saying %q", tt.e, err, tt.want)
		}
	}
	if calls, _ := b.Calls(t.Context(), c.ID, 0); len(calls) != 0 {
		t.Errorf("refused touches saved: %+v", calls)
	}
}

// TestEditTouch: correcting the newest touch schedules as logging the
// corrected touch would, its channel and direction kept; an outcome the
// touch cannot have is refused.
func TestEditTouch(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	planned := day0.AddDays(20)
	c := mustAdd(t, b.Store, rotation.Contact{Name: "Ivan Edit", Tier: "B",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 7d"), Due: planned}})
	// Logged as reached by mistake: it was their call, missed.
	res := mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Direction: rotation.In, Outcome: rotation.Reached, Today: day0})
	noAnswer := rotation.NoAnswer
	if _, err := b.EditCall(ctx, res.CallID, rotation.CallEdit{Outcome: &noAnswer, Today: day0}); err != nil {
		t.Fatal(err)
	}
	got := mustContact(t, b.Store, c.ID)
	if got.Returned != day0 || got.Due != planned || got.Attempts != 0 {
		t.Errorf("after the edit: returned %s, due %s, attempts %d; want a returned call %s, the plan %s, no attempt",
			got.Returned, got.Due, got.Attempts, day0, planned)
	}
	wrong := rotation.WrongNumber
	if _, err := b.EditCall(ctx, res.CallID, rotation.CallEdit{Outcome: &wrong, Today: day0}); err == nil || !strings.Contains(err.Error(), "you called") {
		t.Errorf("wrong-number on their call: %v, want it refused", err)
	}
	mail := mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Kind: rotation.KindEmail, Outcome: rotation.Sent, Today: day0})
	vm := rotation.Voicemail
	if _, err := b.EditCall(ctx, mail.CallID, rotation.CallEdit{Outcome: &vm, Today: day0}); err == nil || !strings.Contains(err.Error(), "is for a call") {
		t.Errorf("voicemail on an e-mail: %v, want it refused", err)
	}
}
