package store_test

import (
	"errors"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
)

// TestImportCalls logs the matched calls of a phone's call log in one
// transaction with their keys: a second import of the same file proposes
// nothing, a call logged by hand near the phone's time is not doubled, a
// failing call saves none of them, and a draft being written stays.
func TestImportCalls(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	jane := mustAdd(t, b.Store, rotation.Contact{Name: "Jane Roe", Tier: "B", Phones: []rotation.Phone{{Number: "030 1234567"}},
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: day0.AddDays(10)}})
	ivan := mustAdd(t, b.Store, rotation.Contact{Name: "Ivan Incoming", Tier: "B", Phones: []rotation.Phone{{Number: "+41 79 555 10 01"}},
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: day0.AddDays(10)}})
	if err := b.SaveDraft(ctx, rotation.Draft{ContactID: jane.ID, Note: "half a thought"}); err != nil {
		t.Fatal(err)
	}
	// Jane's 09:05 call was logged by hand.
	at := day0.Time().Add(9 * time.Hour)
	mustLog(t, b.Store, store.LogEntry{ContactID: jane.ID, Outcome: rotation.Reached, At: at.Add(5 * time.Minute), Today: day0})
	if err := b.SaveDraft(ctx, rotation.Draft{ContactID: jane.ID, Note: "half a thought"}); err != nil {
		t.Fatal(err)
	}
	calls := []interchange.PhoneCall{
		{Num: 1, Number: "+49301234567", At: at, Seconds: 120, Type: interchange.CallOutgoing},
		{Num: 2, Number: "+49301234567", At: at.Add(3 * time.Hour), Seconds: 0, Type: interchange.CallOutgoing},
		{Num: 3, Number: "+41795551001", At: at.Add(4 * time.Hour), Seconds: 0, Type: interchange.CallMissed},
	}
	opts := interchange.MatchOptions{Region: "DE", MinSeconds: 20, Today: day0}
	match := func() interchange.CallMatch {
		t.Helper()
		book, logged, err := b.CallLogBook(ctx, at.Add(-interchange.DefaultMatchWindow))
		if err != nil {
			t.Fatal(err)
		}
		return interchange.MatchCalls(calls, book, logged, opts)
	}
	touches := func(m interchange.CallMatch) []store.PhoneTouch {
		var out []store.PhoneTouch
		for _, p := range m.Proposed {
			out = append(out, store.PhoneTouch{Key: p.Key, Entry: store.LogEntry{ContactID: p.ContactID, Outcome: p.Outcome,
				Direction: p.Direction, At: p.Call.At, Today: p.Day}})
		}
		return out
	}
	m := match()
	if len(m.Proposed) != 2 || len(m.Already) != 1 || m.Already[0].Logged == 0 {
		t.Fatalf("proposed %d, already %d (%+v); want 2 and Jane's hand-logged call", len(m.Proposed), len(m.Already), m.Already)
	}

	// All or nothing: a touch for a contact that is gone fails them all.
	bad := append(touches(m), store.PhoneTouch{Key: "phone:x", Entry: store.LogEntry{ContactID: 999, Outcome: rotation.Reached, Today: day0}})
	if _, err := b.ImportCalls(ctx, bad); err == nil {
		t.Fatal("an import with a missing contact succeeded")
	}
	if m2 := match(); len(m2.Proposed) != 2 {
		t.Fatalf("after a failed import %d calls are left to propose; want 2 (nothing saved)", len(m2.Proposed))
	}

	res, err := b.ImportCalls(ctx, touches(m))
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("%d results", len(res))
	}
	if got := mustContact(t, b.Store, ivan.ID); got.Returned != day0 {
		t.Errorf("Ivan's missed call: returned %s, want %s (a returned call)", got.Returned, day0)
	}
	if got := mustContact(t, b.Store, jane.ID); got.Attempts != 1 || got.LastOutcome != rotation.NoAnswer {
		t.Errorf("Jane after the unanswered call: attempts %d, last %s", got.Attempts, got.LastOutcome)
	}
	if _, ok, err := b.Draft(ctx, jane.ID); err != nil || !ok {
		t.Errorf("Jane's draft after the import: kept %v (%v); an imported call leaves it", ok, err)
	}
	br, err := b.Briefing(ctx, ivan.ID, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(br.Calls) != 1 || br.Calls[0].Direction != rotation.In || !br.Calls[0].At.Equal(calls[2].At) {
		t.Errorf("Ivan's calls: %+v", br.Calls)
	}

	// The same file again: nothing to propose, and applying the old
	// proposals again is refused whole.
	if m2 := match(); len(m2.Proposed) != 0 || len(m2.Already) != 3 {
		t.Errorf("second import: proposed %d, already %d; want 0 and 3", len(m2.Proposed), len(m2.Already))
	}
	if _, err := b.ImportCalls(ctx, touches(m)); !errors.Is(err, store.ErrImportedMeanwhile) {
		t.Errorf("importing the same calls twice: %v, want ErrImportedMeanwhile", err)
	}

	// A call moved to the person it really was (the number is a shared
	// line) keeps its key: the next import does not bring it back to Ivan.
	ursula := mustAdd(t, b.Store, rotation.Contact{Name: "Ursula Other", Tier: "B"})
	if _, err := b.EditCall(ctx, br.Calls[0].ID, rotation.CallEdit{Contact: ursula.ID, Today: day0}); err != nil {
		t.Fatal(err)
	}
	if m2 := match(); len(m2.Proposed) != 0 {
		t.Errorf("after moving Ivan's call to Ursula the import proposes %+v again", m2.Proposed)
	}
}
