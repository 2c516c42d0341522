package store_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
	"rotate/store/pgtest"
)

func TestLogCallReached(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	// A weekly interval has no leveling window: its dates are exact.
	c := mustAdd(t, b.Store, rotation.Contact{Name: "Jane Doe", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 7d"), Due: day0}})
	recital, err := b.AddFollowUp(ctx, c.ID, "Ask about the recital")
	if err != nil {
		t.Fatal(err)
	}
	b.clock.Advance(time.Minute)
	leaflet, err := b.AddFollowUp(ctx, c.ID, "Send the cruise leaflet")
	if err != nil {
		t.Fatal(err)
	}
	if err := b.SaveDraft(ctx, rotation.Draft{ContactID: c.ID, Outcome: rotation.Reached, Note: "typing…"}); err != nil {
		t.Fatal(err)
	}
	proposed, err := b.Propose(ctx, c.ID, rotation.Reached, day0, 0)
	if err != nil {
		t.Fatal(err)
	}
	b.clock.Advance(6 * time.Hour)
	at := day0.Time().Add(15 * time.Hour)

	res := mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, At: at,
		Note:         "Recital went well.\nShe said \"call me Jane\".",
		Resolve:      []int64{recital},
		NewFollowUps: []string{"Recommend a travel insurer", "   ", "Ask how Norway went"}})

	wantDue := rotation.MustDate("2026-03-11") // a week on
	if res.Next.Due != wantDue || res.Next.Attempts != 0 || res.Next.Status != rotation.Active {
		t.Errorf("next = %+v; want due %s, no attempts, active", res.Next, wantDue)
	}
	if !reflect.DeepEqual(res.Next, proposed) {
		t.Errorf("LogCall gave %+v, Propose said %+v", res.Next, proposed)
	}

	checkReachedCall(t, b.Store, c.ID, res.CallID, at, wantDue)
	checkFollowUpsAfterCall(t, b.Store, c.ID, res.CallID, at, recital, leaflet)
	checkContactAfterCall(t, b, c.ID, res.CallID, wantDue)
}

// checkReachedCall checks the one call of contact id: the call logged at
// at, reached, with its note and next date.
func checkReachedCall(t *testing.T, s *store.Store, id, callID int64, at time.Time, wantDue rotation.Date) {
	ctx := t.Context()
	calls, err := s.Calls(ctx, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	wantCall := rotation.Call{ID: callID, ContactID: id, At: at, Day: day0, Kind: rotation.KindCall, Direction: rotation.Out,
		Outcome: rotation.Reached, Note: "Recital went well.\nShe said \"call me Jane\".", NextDue: wantDue}
	wantCall.By, _ = s.Who() // who logged it: the signed-in role on a team book, "" on a personal one
	if len(calls) != 1 || !calls[0].At.Equal(at) {
		t.Fatalf("calls = %+v; want one at %s", calls, at)
	}
	calls[0].At = at
	if calls[0] != wantCall {
		t.Errorf("call = %+v\nwant %+v", calls[0], wantCall)
	}
}

// checkFollowUpsAfterCall checks the follow-ups of contact id after the
// call: recital resolved by it, leaflet still open, the two new ones
// created by it (the blank one skipped).
func checkFollowUpsAfterCall(t *testing.T, s *store.Store, id, callID int64, at time.Time, recital, leaflet int64) {
	ctx := t.Context()
	all, err := s.FollowUps(ctx, id, false)
	if err != nil {
		t.Fatal(err)
	}
	byText := map[string]rotation.FollowUp{}
	for _, f := range all {
		byText[f.Text] = f
	}
	if len(all) != 4 || len(byText) != 4 {
		t.Fatalf("follow-ups = %+v; want the two old and two new ones (the blank one skipped)", all)
	}
	if f := byText["Ask about the recital"]; f.ID != recital || f.IsOpen() || !f.Resolved.Equal(at) || f.ResolvedCall != callID {
		t.Errorf("resolved follow-up = %+v; want resolved by call #%d at %s", f, callID, at)
	}
	if f := byText["Send the cruise leaflet"]; f.ID != leaflet || !f.IsOpen() || f.CreatedCall != 0 {
		t.Errorf("untouched follow-up = %+v; want open", f)
	}
	for _, text := range []string{"Recommend a travel insurer", "Ask how Norway went"} {
		if f := byText[text]; !f.IsOpen() || !f.Created.Equal(at) || f.CreatedCall != callID {
			t.Errorf("new follow-up = %+v; want open, created by call #%d at %s", f, callID, at)
		}
	}
}

// checkContactAfterCall checks the contact and its briefing after the
// call: its dates, the open follow-ups, the draft gone.
func checkContactAfterCall(t *testing.T, b *book, id, callID int64, wantDue rotation.Date) {
	ctx := t.Context()
	got := mustContact(t, b.Store, id)
	if got.Due != wantDue || got.Attempts != 0 || got.LastCall != day0 || got.LastOutcome != rotation.Reached ||
		got.LastTalk != day0 || !got.Updated.Equal(b.clock.Now()) {
		t.Errorf("contact after the call: %+v", got)
	}

	br, err := b.Briefing(ctx, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	var open []string
	for _, f := range br.FollowUps {
		open = append(open, f.Text)
	}
	if want := []string{"Ask how Norway went", "Recommend a travel insurer", "Send the cruise leaflet"}; !slices.Equal(open, want) {
		t.Errorf("briefing follow-ups = %q, want %q (open ones, most recent first)", open, want)
	}
	if br.Draft != nil {
		t.Errorf("the draft survived the call: %+v", br.Draft)
	}
	if len(br.Calls) != 1 || br.Calls[0].ID != callID {
		t.Errorf("briefing calls = %+v", br.Calls)
	}
}

func TestLogCallOutcomes(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	weekOn := rotation.MustDate("2026-03-11") // day0 + 7 days
	saturday := rotation.MustDate("2026-03-07")
	tests := []struct {
		name         string
		status       rotation.Status // before the call; active when ""
		attempts     int             // before the call
		entry        store.LogEntry
		wantAttempts int
		wantStatus   rotation.Status
		wantDue      rotation.Date
		wantTalk     bool // the call counts as a conversation
	}{
		{"reached resets the attempts", "", 2, store.LogEntry{Outcome: rotation.Reached}, 0, rotation.Active, weekOn, true},
		{"first voicemail retries next workday", "", 0, store.LogEntry{Outcome: rotation.Voicemail}, 1, rotation.Active, rotation.MustDate("2026-03-05"), false},
		{"second miss retries in 2 workdays", "", 1, store.LogEntry{Outcome: rotation.NoAnswer}, 2, rotation.Active, rotation.MustDate("2026-03-06"), false},
		{"third miss retries in 4 workdays", "", 2, store.LogEntry{Outcome: rotation.Voicemail}, 3, rotation.Active, rotation.MustDate("2026-03-10"), false},
		{"fourth miss falls back to the rule", "", 3, store.LogEntry{Outcome: rotation.NoAnswer}, 4, rotation.Active, weekOn, false},
		{"callback on the date asked, attempts kept", "", 1, store.LogEntry{Outcome: rotation.Callback, Next: saturday}, 1, rotation.Active, saturday, false},
		{"explicit next date kept", "", 0, store.LogEntry{Outcome: rotation.Reached, Next: rotation.MustDate("2026-03-20")}, 0, rotation.Active, rotation.MustDate("2026-03-20"), true},
		{"an email counts too", "", 1, store.LogEntry{Outcome: rotation.Reached, Kind: rotation.KindEmail}, 0, rotation.Active, weekOn, true},
		{"wrong number pauses", "", 1, store.LogEntry{Outcome: rotation.WrongNumber}, 1, rotation.Paused, 0, false},
		{"not a fit archives", "", 0, store.LogEntry{Outcome: rotation.NotAFit}, 0, rotation.Archived, 0, false},
		{"reaching a paused contact resumes it", rotation.Paused, 0, store.LogEntry{Outcome: rotation.Reached}, 0, rotation.Active, weekOn, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// A weekly interval has no leveling window: its dates are exact.
			c := mustAdd(t, b.Store, rotation.Contact{Name: tt.name, Tier: "A",
				Schedule: rotation.Schedule{Rule: rotation.MustRule("every 7d"), Due: day0}})
			c.Attempts = tt.attempts
			if tt.status != "" {
				c.Status, c.Due = tt.status, 0
			}
			if err := b.UpdateContact(ctx, mustContact(t, b.Store, c.ID), c); err != nil {
				t.Fatal(err)
			}
			e := tt.entry
			e.ContactID, e.Today = c.ID, day0
			res := mustLog(t, b.Store, e)

			got := mustContact(t, b.Store, c.ID)
			if got.Attempts != tt.wantAttempts || got.Status != tt.wantStatus || got.Due != tt.wantDue {
				t.Errorf("after %s: attempts %d, status %s, due %s; want %d, %s, %s",
					e.Outcome, got.Attempts, got.Status, got.Due, tt.wantAttempts, tt.wantStatus, tt.wantDue)
			}
			if res.Next.Due != got.Due || res.Next.Attempts != got.Attempts || res.Next.Status != got.Status {
				t.Errorf("LogCall reported %+v, the book holds %+v", res.Next.Schedule, got.Schedule)
			}
			if wantTalk := map[bool]rotation.Date{true: day0}[tt.wantTalk]; got.LastTalk != wantTalk {
				t.Errorf("last conversation = %s, want %s", got.LastTalk, wantTalk)
			}
			if got.LastCall != day0 || got.LastOutcome != e.Outcome {
				t.Errorf("last call %s %s; want %s %s", got.LastCall, got.LastOutcome, day0, e.Outcome)
			}
			calls, err := b.Calls(ctx, c.ID, 0)
			if err != nil || len(calls) != 1 || calls[0].NextDue != tt.wantDue || calls[0].Outcome != e.Outcome {
				t.Errorf("calls = %+v, %v; want one %s setting %s", calls, err, e.Outcome, tt.wantDue)
			}
			wantKind := cmpOr(e.Kind, rotation.KindCall)
			if len(calls) == 1 && calls[0].Kind != wantKind {
				t.Errorf("kind = %q, want %q", calls[0].Kind, wantKind)
			}
		})
	}
}

func cmpOr[S ~string](a, b S) S {
	if a != "" {
		return a
	}
	return b
}

func TestLogCallLastTalkNeverGoesBack(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	c := mustAdd(t, b.Store, person("Jane Doe", "A", day0))
	mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0})
	// A call from last week, logged late.
	mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0.AddDays(-7)})
	if got := mustContact(t, b.Store, c.ID); got.LastTalk != day0 {
		t.Errorf("last conversation = %s after a back-filled call, want %s", got.LastTalk, day0)
	}
}

func TestAddNote(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	raw := rawDB(t, b.path)
	c := mustAdd(t, b.Store, person("Jane Doe", "A", day0))
	mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, Today: day0.AddDays(-1)})
	before := mustContact(t, b.Store, c.ID)
	at := day0.Time().Add(12 * time.Hour)

	id, err := b.AddNote(ctx, c.ID, "Saw her at the school fair.", at, day0)
	if err != nil {
		t.Fatal(err)
	}
	if got := mustContact(t, b.Store, c.ID); !equalContacts(got, before) {
		t.Errorf("a note changed the contact:\n got %+v\nwant %+v", got, before)
	}
	calls, err := b.Calls(ctx, c.ID, 1)
	if err != nil || len(calls) != 1 {
		t.Fatalf("latest entry = %+v, %v", calls, err)
	}
	if k := calls[0]; k.ID != id || k.Kind != rotation.KindNote || k.Outcome != "" || k.Note != "Saw her at the school fair." ||
		!k.At.Equal(at) || k.Day != day0 || !k.NextDue.IsZero() {
		t.Errorf("note = %+v", k)
	}

	dumped := dump(t, raw)
	if _, err := b.AddNote(ctx, 4242, "for nobody", at, day0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("AddNote for #4242: %v; want ErrNotFound", err)
	}
	if dump(t, raw) != dumped {
		t.Error("a refused note changed the book")
	}
}

func TestProposeWritesNothing(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	raw := rawDB(t, b.path)
	c := mustAdd(t, b.Store, rotation.Contact{Name: "Jane Doe", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 7d"), Due: day0, Attempts: 1}})
	before := dump(t, raw)
	next, err := b.Propose(ctx, c.ID, rotation.Voicemail, day0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if next.Attempts != 2 || next.Due != rotation.MustDate("2026-03-06") {
		t.Errorf("Propose = %+v; want the second retry, on Friday", next)
	}
	if _, err := b.Propose(ctx, c.ID, rotation.Callback, day0, 0); !errors.Is(err, rotation.ErrNeedDate) {
		t.Errorf("Propose a callback without a date: %v; want ErrNeedDate", err)
	}
	if _, err := b.Propose(ctx, 4242, rotation.Reached, day0, 0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Propose for #4242: %v; want ErrNotFound", err)
	}
	if after := dump(t, raw); after != before {
		t.Error("Propose changed the book")
	}
}

func TestBriefingAndCallsLimit(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	c := mustAdd(t, b.Store, person("Jane Doe", "A", day0))
	var ids []int64
	for i := range 5 {
		day := day0.AddDays(-20 + 4*i)
		ids = append(ids, mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day}).CallID)
	}
	br, err := b.Briefing(ctx, c.ID, 3)
	if err != nil {
		t.Fatal(err)
	}
	var got []int64
	for _, k := range br.Calls {
		got = append(got, k.ID)
	}
	if want := []int64{ids[4], ids[3], ids[2]}; !slices.Equal(got, want) {
		t.Errorf("briefing calls = %v, want the newest three %v", got, want)
	}
	if br.Contact.ID != c.ID || br.Draft != nil || len(br.FollowUps) != 0 {
		t.Errorf("briefing = %+v", br)
	}
	if all, _ := b.Calls(ctx, c.ID, 0); len(all) != 5 {
		t.Errorf("Calls with no limit gave %d, want 5", len(all))
	}
	if _, err := b.Briefing(ctx, 4242, 0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Briefing of #4242: %v; want ErrNotFound", err)
	}
}

// TestLogCallFollowUpTexts: the follow-ups a call creates are kept byte for
// byte and in the order typed, whether or not their text can travel as
// JSON (invalid UTF-8 and NUL cannot), and a bad id to resolve is named.
func TestLogCallFollowUpTexts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		texts []string
	}{
		{"plain", []string{"first", "Ask about Jürgen's move", "third \"quoted\" \\ back"}},
		{"escapes and controls", []string{"\x1b]52;c;ZXZpbA==\x07", "tab\there", "line\r\nbreak", "zwj 👩‍👩‍👧"}},
		{"invalid UTF-8", []string{"ok", "bad \xff\xfe bytes", "last"}},
		{"a NUL", []string{"before", "nul \x00 inside", "after"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newBook(t)
			c := mustAdd(t, b.Store, person("Jane Doe", "A", day0))
			res := mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0,
				NewFollowUps: append([]string{"  "}, tt.texts...)})
			all, err := b.FollowUps(t.Context(), c.ID, true)
			if err != nil {
				t.Fatal(err)
			}
			slices.SortFunc(all, func(a, b rotation.FollowUp) int { return int(a.ID - b.ID) })
			var got []string
			for _, f := range all {
				got = append(got, f.Text)
				if f.CreatedCall != res.CallID {
					t.Errorf("%q created by call %d, want %d", f.Text, f.CreatedCall, res.CallID)
				}
			}
			want := tt.texts
			if pgtest.Postgres() {
				// PostgreSQL text holds no NUL nor invalid UTF-8: U+FFFD instead.
				want = nil
				for _, text := range tt.texts {
					want = append(want, strings.ReplaceAll(strings.ToValidUTF8(text, "\uFFFD"), "\x00", "\uFFFD"))
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("stored %q, want %q", got, want)
			}
			// Resolving all of them (one twice) plus a stranger names the
			// stranger and resolves none.
			ids := []int64{all[0].ID, all[0].ID, 999}
			for _, f := range all[1:] {
				ids = append(ids, f.ID)
			}
			_, err = b.LogCall(t.Context(), store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, Resolve: ids})
			if !errors.Is(err, store.ErrNotFound) || !strings.Contains(err.Error(), "follow-up 999 ") {
				t.Fatalf("resolving a stranger: %v; want not found naming 999", err)
			}
			ids = slices.DeleteFunc(ids, func(id int64) bool { return id == 999 })
			mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, Resolve: ids})
			if open, _ := b.FollowUps(t.Context(), c.ID, true); len(open) != 0 {
				t.Errorf("%d follow-ups still open", len(open))
			}
		})
	}
}
