package store_test

import (
	"errors"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

func TestSetDue(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	c := mustAdd(t, b.Store, person("Jane Doe", "A", day0))
	b.clock.Advance(time.Minute)
	sunday := rotation.MustDate("2026-03-08")
	if err := b.SetDue(ctx, c.ID, sunday); err != nil {
		t.Fatal(err)
	}
	got := mustContact(t, b.Store, c.ID)
	if got.Due != sunday || !got.Updated.Equal(b.clock.Now()) {
		t.Errorf("due %s updated %s; want %s (kept exactly) at %s", got.Due, got.Updated, sunday, b.clock.Now())
	}
	if err := b.SetDue(ctx, c.ID, 0); err != nil {
		t.Fatal(err)
	}
	if got := mustContact(t, b.Store, c.ID); !got.Due.IsZero() {
		t.Errorf("due = %s after clearing it", got.Due)
	}
	if a, _ := b.Today(ctx, day0.AddDays(30)); len(a.Due) != 0 {
		t.Errorf("a contact without a due date is on the list: %+v", a.Due)
	}
	if err := b.SetDue(ctx, 4242, day0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetDue of #4242: %v; want ErrNotFound", err)
	}
}

func TestSetStatus(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	c := mustAdd(t, b.Store, person("Jane Doe", "A", day0))
	for range 2 {
		mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, Today: day0})
	}
	if got := mustContact(t, b.Store, c.ID); got.Attempts != 2 {
		t.Fatalf("attempts = %d after two voicemails", got.Attempts)
	}
	steps := []struct {
		status       rotation.Status
		due          rotation.Date
		wantAttempts int
	}{
		{rotation.Paused, 0, 2},
		{rotation.Archived, 0, 2},
		{rotation.Active, day0.AddDays(1), 0}, // resuming starts afresh
	}
	for _, st := range steps {
		if err := b.SetStatus(ctx, c.ID, st.status, st.due); err != nil {
			t.Fatal(err)
		}
		got := mustContact(t, b.Store, c.ID)
		if got.Status != st.status || got.Due != st.due || got.Attempts != st.wantAttempts {
			t.Errorf("after SetStatus(%s, %s): status %s due %s attempts %d; want attempts %d",
				st.status, st.due, got.Status, got.Due, got.Attempts, st.wantAttempts)
		}
		active, _ := b.List(ctx, store.ListFilter{})
		if inList := len(active) == 1; inList != (st.status == rotation.Active) {
			t.Errorf("status %s: in the active list = %v", st.status, inList)
		}
	}
	if err := b.SetStatus(ctx, 4242, rotation.Paused, 0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetStatus of #4242: %v; want ErrNotFound", err)
	}
}
