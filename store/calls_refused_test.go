package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

func TestLogCallRejectsBadEntries(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	raw := rawDB(t, b.path)
	c := mustAdd(t, b.Store, person("Jane Doe", "A", day0))
	tests := []struct {
		name  string
		entry store.LogEntry
		also  error
	}{
		{"callback without a date", store.LogEntry{Outcome: rotation.Callback}, rotation.ErrNeedDate},
		{"unknown kind", store.LogEntry{Outcome: rotation.Reached, Kind: "fax"}, nil},
		{"unknown outcome", store.LogEntry{Outcome: "maybe"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := dump(t, raw)
			e := tt.entry
			e.ContactID, e.Today, e.At = c.ID, day0, b.clock.Now()
			e.Note, e.NewFollowUps = "not saved", []string{"not saved"}
			_, err := b.LogCall(t.Context(), e)
			if !errors.Is(err, store.ErrInvalid) {
				t.Fatalf("LogCall: %v; want ErrInvalid", err)
			}
			if tt.also != nil && !errors.Is(err, tt.also) {
				t.Errorf("LogCall: %v; want it to wrap %v", err, tt.also)
			}
			if after := dump(t, raw); after != before {
				t.Errorf("a refused call changed the book")
			}
		})
	}
}

// TestLogCallIsAtomic makes LogCall fail at each of its steps and checks
// that nothing of the call was kept: not the call, not a follow-up, not the
// new date, not the draft's removal.
func TestLogCallIsAtomic(t *testing.T) {
	t.Parallel()
	type fixture struct {
		jane, bob                int64
		janeOpen, bobOpen, spent int64
	}
	tests := []struct {
		name    string
		trigger string // created before the call, dropped after it
		edit    func(f fixture, e *store.LogEntry)
		cancel  bool
		want    error  // checked with errors.Is
		wantMsg string // or found in the message
	}{
		{name: "a follow-up of another contact", want: store.ErrNotFound,
			edit: func(f fixture, e *store.LogEntry) { e.Resolve = []int64{f.janeOpen, f.bobOpen} }},
		{name: "a follow-up already resolved", want: store.ErrNotFound,
			edit: func(f fixture, e *store.LogEntry) { e.Resolve = []int64{f.janeOpen, f.spent} }},
		{name: "a missing follow-up", want: store.ErrNotFound,
			edit: func(f fixture, e *store.LogEntry) { e.Resolve = []int64{f.janeOpen, 4242} }},
		{name: "a missing contact", want: store.ErrNotFound,
			edit: func(f fixture, e *store.LogEntry) { e.ContactID = 4242 }},
		{name: "a cancelled context", cancel: true, want: context.Canceled},
		{name: "saving a follow-up fails", wantMsg: "boom",
			trigger: "CREATE TRIGGER boom BEFORE INSERT ON followups WHEN new.text = 'boom' BEGIN SELECT RAISE(ABORT, 'boom'); END",
			edit:    func(f fixture, e *store.LogEntry) { e.NewFollowUps = []string{"fine", "boom"} }},
		{name: "rescheduling fails", wantMsg: "boom",
			trigger: "CREATE TRIGGER boom BEFORE UPDATE OF due ON contacts BEGIN SELECT RAISE(ABORT, 'boom'); END"},
		{name: "removing the draft fails", wantMsg: "boom",
			trigger: "CREATE TRIGGER boom BEFORE DELETE ON drafts BEGIN SELECT RAISE(ABORT, 'boom'); END"},
		{name: "the very last write fails", wantMsg: "boom",
			trigger: "CREATE TRIGGER boom BEFORE INSERT ON cleared_days BEGIN SELECT RAISE(ABORT, 'boom'); END"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newBook(t)
			ctx := t.Context()
			raw := rawDB(t, b.path)
			var f fixture
			f.jane = mustAdd(t, b.Store, rotation.Contact{Name: "Jane Doe", Tier: "A",
				Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: day0}}).ID
			f.bob = mustAdd(t, b.Store, person("Bob Stone", "B", day0.AddDays(10))).ID
			var err error
			if f.janeOpen, err = b.AddFollowUp(ctx, f.jane, "Ask about the recital"); err != nil {
				t.Fatal(err)
			}
			if f.spent, err = b.AddFollowUp(ctx, f.jane, "Old news"); err != nil {
				t.Fatal(err)
			}
			mustExec(t, raw, "UPDATE followups SET resolved_at = '2026-02-01T10:00:00Z' WHERE id = "+itoa(f.spent))
			if f.bobOpen, err = b.AddFollowUp(ctx, f.bob, "Bob's thing"); err != nil {
				t.Fatal(err)
			}
			if err := b.SaveDraft(ctx, rotation.Draft{ContactID: f.jane, Note: "typing…"}); err != nil {
				t.Fatal(err)
			}
			if tt.trigger != "" {
				mustExec(t, raw, tt.trigger)
			}
			e := store.LogEntry{ContactID: f.jane, Outcome: rotation.Reached, Today: day0, At: b.clock.Now(),
				Note: "must not be saved", NewFollowUps: []string{"must not be saved"}, Resolve: []int64{f.janeOpen}}
			if tt.edit != nil {
				tt.edit(f, &e)
			}
			callCtx := ctx
			if tt.cancel {
				var cancel context.CancelFunc
				callCtx, cancel = context.WithCancel(ctx)
				cancel()
			}
			before := dump(t, raw)

			_, err = b.LogCall(callCtx, e)
			switch {
			case err == nil:
				t.Fatal("LogCall succeeded")
			case tt.want != nil && !errors.Is(err, tt.want):
				t.Fatalf("LogCall: %v; want %v", err, tt.want)
			case tt.wantMsg != "" && !strings.Contains(err.Error(), tt.wantMsg):
				t.Fatalf("LogCall: %v; want %q", err, tt.wantMsg)
			}
			if after := dump(t, raw); after != before {
				t.Errorf("a failed call left changes:\nbefore:\n%s\nafter:\n%s", before, after)
			}

			// The store is still usable: the same call, fixed, goes through.
			if tt.trigger != "" {
				mustExec(t, raw, "DROP TRIGGER boom")
			}
			res := mustLog(t, b.Store, store.LogEntry{ContactID: f.jane, Outcome: rotation.Reached, Today: day0,
				Note: "the real call", Resolve: []int64{f.janeOpen}})
			if n := count(t, raw, "SELECT count(*) FROM calls"); n != 1 {
				t.Errorf("%d calls after the retry, want 1 (#%d)", n, res.CallID)
			}
			if n := count(t, raw, "SELECT count(*) FROM cleared_days"); n != 1 {
				t.Errorf("%d cleared days after the retry, want 1", n)
			}
		})
	}
}
