package store_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// correctionBook is a book with a few contacts due around day0, so that
// the leveler has a load to place calls in: Ann and Bob are due today,
// the others over the coming weeks.
func correctionBook(t *testing.T) (*book, map[string]int64) {
	t.Helper()
	b := newBook(t)
	ids := map[string]int64{}
	for i, p := range []rotation.Contact{person("Ann", "A", day0), person("Bob", "B", day0)} {
		_ = i
		ids[p.Name] = mustAdd(t, b.Store, p).ID
	}
	for i := range 12 {
		c := mustAdd(t, b.Store, person(fmt.Sprintf("Filler %02d", i), []string{"A", "B", "C"}[i%3], day0.AddDays(3+i*5)))
		ids[c.Name] = c.ID
	}
	return b, ids
}

// logStep is one call logged in a scenario, on Ann unless Who says.
type logStep struct {
	Who       string
	Outcome   rotation.Outcome
	Note      string
	Follow    []string
	ResolveOf string // resolve the open follow-up with this text
	Day       int    // days after day0
	Next      int    // an explicit next date, days after day0; 0 for none
}

func (st logStep) log(t *testing.T, b *book, ids map[string]int64) int64 {
	t.Helper()
	who := st.Who
	if who == "" {
		who = "Ann"
	}
	e := store.LogEntry{ContactID: ids[who], Outcome: st.Outcome, Note: st.Note, NewFollowUps: st.Follow,
		Today: day0.AddDays(st.Day)}
	if st.Next != 0 {
		e.Next = day0.AddDays(st.Next)
	}
	if st.ResolveOf != "" {
		fs, err := b.FollowUps(t.Context(), ids[who], true)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			if f.Text == st.ResolveOf {
				e.Resolve = append(e.Resolve, f.ID)
			}
		}
	}
	return mustLog(t, b.Store, e).CallID
}

// state is everything a call changes, in terms that do not depend on ids
// or on when rows were written: what two books must agree on.
func state(t *testing.T, b *book, today rotation.Date) string {
	t.Helper()
	ctx := t.Context()
	var out strings.Builder
	cs, err := b.AllContacts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(cs, func(x, y rotation.Contact) int { return strings.Compare(x.Name, y.Name) })
	for _, c := range cs {
		fmt.Fprintf(&out, "%s: due=%s attempts=%d unreachable=%v step=%d status=%s last=%s/%s talk=%s\n",
			c.Name, c.Due, c.Attempts, c.Unreachable(), c.Step, c.Status, c.LastCall, c.LastOutcome, c.LastTalk)
		calls, err := b.Calls(ctx, c.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range calls {
			fmt.Fprintf(&out, "  call %s %s %s %q next=%s\n", k.Day, k.Kind, k.Outcome, k.Note, k.NextDue)
		}
		fs, err := b.FollowUps(ctx, c.ID, false)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range fs {
			fmt.Fprintf(&out, "  follow-up %q open=%v\n", f.Text, f.Resolved.IsZero())
		}
	}
	st, err := b.Stats(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&out, "stats: due=%d overdue=%d coverage=%+v streak=%d last7=%d weekly=%v outcomes=%v longest=%v\n",
		st.DueToday, st.Overdue, st.Coverage, st.StreakDays, st.CallsLast7Days, st.Weekly, st.Outcomes, names(st.Longest))
	hits, err := b.Search(ctx, "wrongword", 10)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&out, "search wrongword: %d\n", len(hits))
	return out.String()
}

// TestCorrectionsGiveAFreshLog: undoing, deleting, editing or moving the
// newest call leaves the book exactly as if the corrected history had
// been logged from the start — next date, attempts, unreachable flag,
// taper step, status, follow-ups, streak, stats and search.
func TestCorrectionsGiveAFreshLog(t *testing.T) {
	t.Parallel()
	voicemails := []logStep{{Outcome: rotation.Voicemail}, {Outcome: rotation.Voicemail, Day: 2}}
	cases := []struct {
		name    string
		history []logStep                                                   // logged in both books
		wrong   logStep                                                     // logged, then corrected, in the first
		correct func(t *testing.T, b *book, id int64, ids map[string]int64) // the correction
		fresh   []logStep                                                   // what the second book logs instead of wrong
	}{{
		name:    "undo a reached call that cleared the day",
		history: []logStep{{Who: "Bob", Outcome: rotation.Reached, Follow: []string{"send the brochure"}}},
		wrong:   logStep{Outcome: rotation.Reached, Note: "wrongword", Follow: []string{"new one"}},
		correct: func(t *testing.T, b *book, id int64, _ map[string]int64) {
			res, err := b.Undo(t.Context())
			if err != nil || res.CallID != id {
				t.Fatalf("undo = %+v, %v; want call %d", res, err, id)
			}
		},
	}, {
		name:    "undo the voicemail that made a contact unreachable",
		history: voicemails,
		wrong:   logStep{Outcome: rotation.Voicemail, Day: 4, Note: "wrongword"},
		correct: func(t *testing.T, b *book, id int64, _ map[string]int64) {
			if _, err := b.Undo(t.Context()); err != nil {
				t.Fatal(err)
			}
		},
	}, {
		name:    "delete a call that resolved and created follow-ups",
		history: []logStep{{Outcome: rotation.Reached, Follow: []string{"ask about the house"}}},
		wrong:   logStep{Outcome: rotation.NoAnswer, Day: 1, ResolveOf: "ask about the house", Follow: []string{"wrongword"}, Note: "wrongword"},
		correct: func(t *testing.T, b *book, id int64, _ map[string]int64) {
			if _, err := b.DeleteCall(t.Context(), id); err != nil {
				t.Fatal(err)
			}
		},
	}, {
		name:    "edit the outcome and note of the newest call",
		history: voicemails,
		wrong:   logStep{Outcome: rotation.Voicemail, Day: 4, Note: "wrongword"},
		correct: func(t *testing.T, b *book, id int64, _ map[string]int64) {
			o, note := rotation.Reached, "talked at last"
			if _, err := b.EditCall(t.Context(), id, rotation.CallEdit{Outcome: &o, Note: &note}); err != nil {
				t.Fatal(err)
			}
		},
		fresh: []logStep{{Outcome: rotation.Reached, Day: 4, Note: "talked at last"}},
	}, {
		name:    "edit a reached call into a voicemail on another day",
		history: []logStep{{Outcome: rotation.Reached, Follow: []string{"birthday gift"}}},
		wrong:   logStep{Outcome: rotation.Reached, Day: 1, ResolveOf: "birthday gift", Note: "ok"},
		correct: func(t *testing.T, b *book, id int64, _ map[string]int64) {
			o, at := rotation.Voicemail, day0.AddDays(2).Time().Add(10*time.Hour)
			if _, err := b.EditCall(t.Context(), id, rotation.CallEdit{Outcome: &o, At: &at, Day: day0.AddDays(2)}); err != nil {
				t.Fatal(err)
			}
		},
		fresh: []logStep{{Outcome: rotation.Voicemail, Day: 2, ResolveOf: "birthday gift", Note: "ok"}},
	}, {
		name:    "move a call logged on the wrong person",
		history: []logStep{{Outcome: rotation.Reached, Follow: []string{"ann's thing"}}},
		wrong:   logStep{Outcome: rotation.Voicemail, Day: 1, Note: "left a message", Follow: []string{"call bob back"}},
		correct: func(t *testing.T, b *book, id int64, ids map[string]int64) {
			res, err := b.EditCall(t.Context(), id, rotation.CallEdit{Contact: ids["Bob"]})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Rescheduled) != 2 {
				t.Errorf("a move rescheduled %+v, want both contacts", res.Rescheduled)
			}
		},
		fresh: []logStep{{Who: "Bob", Outcome: rotation.Voicemail, Day: 1, Note: "left a message", Follow: []string{"call bob back"}}},
	}}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			last := tc.wrong.Day
			today := day0.AddDays(last)
			a, aids := correctionBook(t)
			for _, st := range tc.history {
				st.log(t, a, aids)
			}
			id := tc.wrong.log(t, a, aids)
			before := state(t, a, today)
			tc.correct(t, a, id, aids)
			got := state(t, a, today)
			if got == before {
				t.Fatalf("the correction changed nothing:\n%s", got)
			}

			f, fids := correctionBook(t)
			for _, st := range append(slices.Clone(tc.history), tc.fresh...) {
				st.log(t, f, fids)
			}
			want := state(t, f, today)
			if got != want {
				t.Errorf("after the correction:\n%s\nwant, as a fresh log gives:\n%s", got, want)
			}
			// The next undo, and a restart, keep working from there.
			a.reopen(t)
			if again := state(t, a, today); again != got {
				t.Errorf("after reopening:\n%s\nwant\n%s", again, got)
			}
		})
	}
}

// TestUndoTwiceAndHistory: a second undo takes back the call before; each
// removed call keeps its versions; nothing is left to undo in the end.
func TestUndoTwiceAndHistory(t *testing.T) {
	t.Parallel()
	b, ids := correctionBook(t)
	ctx := t.Context()
	first := logStep{Outcome: rotation.Voicemail, Note: "first"}.log(t, b, ids)
	second := logStep{Who: "Bob", Outcome: rotation.Reached, Note: "second"}.log(t, b, ids)
	note := "second, corrected"
	b.clock.Advance(time.Hour)
	if _, err := b.EditCall(ctx, second, rotation.CallEdit{Note: &note}); err != nil {
		t.Fatal(err)
	}
	calls, _ := b.Calls(ctx, ids["Bob"], 0)
	if len(calls) != 1 || !calls[0].Revised || calls[0].Note != note {
		t.Fatalf("Bob's calls after the edit = %+v, want the corrected note, marked revised", calls)
	}
	b.reopen(t)
	for _, want := range []int64{second, first} {
		res, err := b.Undo(ctx)
		if err != nil || res.CallID != want {
			t.Fatalf("undo = %+v, %v; want call %d", res, err, want)
		}
	}
	if _, err := b.Undo(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a third undo = %v, want nothing to undo", err)
	}
	for _, c := range []string{"Ann", "Bob"} {
		if got := mustContact(t, b.Store, ids[c]); got.Due != day0 || got.Attempts != 0 || !got.LastCall.IsZero() {
			t.Errorf("%s after both undos: due %s, attempts %d, last call %s; want due today as before", c, got.Due, got.Attempts, got.LastCall)
		}
	}
	h, err := b.CallHistory(ctx, second)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range h {
		got = append(got, string(v.Action)+":"+v.Note)
	}
	want := []string{"logged:second", "edit:second, corrected", "undo:second, corrected"}
	if !slices.Equal(got, want) {
		t.Errorf("history of the second call = %q, want %q", got, want)
	}
	if h[1].At.IsZero() || h[1].At.Before(h[0].At) {
		t.Errorf("the edit is dated %s, the call %s", h[1].At, h[0].At)
	}
	if _, err := b.CallHistory(ctx, 9999); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("history of no call = %v, want not found", err)
	}
	// Search no longer finds the removed calls' words.
	if hits, _ := b.Search(ctx, "corrected", 10); len(hits) != 0 {
		t.Errorf("search finds a removed call: %+v", hits)
	}
}

// TestEditRefusesBadInput: bad corrections change nothing.
func TestEditRefusesBadInput(t *testing.T) {
	t.Parallel()
	b, ids := correctionBook(t)
	ctx := t.Context()
	id := logStep{Outcome: rotation.Reached, Note: "kept"}.log(t, b, ids)
	before := state(t, b, day0)
	bad := rotation.Outcome("bogus")
	cb := rotation.Callback
	for name, e := range map[string]rotation.CallEdit{
		"unknown outcome":       {Outcome: &bad},
		"callback without date": {Outcome: &cb},
		"no such contact":       {Contact: 4242},
	} {
		if _, err := b.EditCall(ctx, id, e); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := b.EditCall(ctx, 4242, rotation.CallEdit{}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("edit of no call = %v, want not found", err)
	}
	if after := state(t, b, day0); after != before {
		t.Errorf("refused edits changed the book:\n%s\nwas\n%s", after, before)
	}
}

// TestUndoCallRefusesWhenNoLongerNewest: the call named to the person is
// the one taken back, or none.
func TestUndoCallRefusesWhenNoLongerNewest(t *testing.T) {
	t.Parallel()
	b, ids := correctionBook(t)
	ctx := t.Context()
	first := logStep{Outcome: rotation.Voicemail}.log(t, b, ids)
	named, err := b.NewestLogged(ctx)
	if err != nil || named.ID != first {
		t.Fatalf("NewestLogged = %+v, %v", named, err)
	}
	second := logStep{Who: "Bob", Outcome: rotation.Reached}.log(t, b, ids)
	if _, err := b.UndoCall(ctx, named.ID); !errors.Is(err, store.ErrConflict) {
		t.Errorf("UndoCall of a call no longer the newest = %v, want a conflict", err)
	}
	if res, err := b.UndoCall(ctx, second); err != nil || res.CallID != second {
		t.Errorf("UndoCall(newest) = %+v, %v", res, err)
	}
}

// Undoing a call keeps what was typed for it as the contact's draft (its
// note, outcome and the follow-ups it created), so a call logged on the
// wrong person is logged again without retyping. A draft already there
// stays; a delete keeps no draft; a bare voicemail leaves none.
func TestUndoKeepsTheNoteAsADraft(t *testing.T) {
	t.Parallel()
	b, ids := correctionBook(t)
	ctx := t.Context()
	logStep{Who: "Bob", Outcome: rotation.Voicemail}.log(t, b, ids)
	logStep{Outcome: rotation.Reached, Note: "Tina is in hospital.\nCall the husband.", Follow: []string{"Ask about Tina", "Send flowers"}}.log(t, b, ids)
	res, err := b.Undo(ctx)
	if err != nil || !res.Drafted {
		t.Fatalf("undo = %+v, %v; want the note kept as a draft", res, err)
	}
	d, ok, err := b.Draft(ctx, ids["Ann"])
	if err != nil || !ok || d.Note != "Tina is in hospital.\nCall the husband." || d.Outcome != rotation.Reached ||
		d.FollowUps != "Ask about Tina\nSend flowers" {
		t.Fatalf("Ann's draft after the undo = %+v, %v, %v", d, ok, err)
	}
	if res, err := b.Undo(ctx); err != nil || res.Drafted {
		t.Fatalf("undoing a voicemail without a note = %+v, %v; want no draft", res, err)
	}
	if _, ok, _ := b.Draft(ctx, ids["Bob"]); ok {
		t.Fatal("a bare voicemail left a draft")
	}
	// A draft being written stays as it is.
	logStep{Outcome: rotation.Reached, Note: "again"}.log(t, b, ids)
	if err := b.SaveDraft(ctx, rotation.Draft{ContactID: ids["Ann"], Note: "newer work"}); err != nil {
		t.Fatal(err)
	}
	if res, err := b.Undo(ctx); err != nil || res.Drafted {
		t.Fatalf("undo over a draft = %+v, %v", res, err)
	}
	if d, _, _ := b.Draft(ctx, ids["Ann"]); d.Note != "newer work" {
		t.Fatalf("the draft being written became %q", d.Note)
	}
	// Delete is not undo: no draft.
	k := logStep{Who: "Bob", Outcome: rotation.Reached, Note: "deleted"}.log(t, b, ids)
	if _, err := b.DeleteCall(ctx, k); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := b.Draft(ctx, ids["Bob"]); ok {
		t.Fatal("a delete kept a draft")
	}
}
