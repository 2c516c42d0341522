package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

// TestEditNeverWritesStale: an edit writes only the fields it changed and
// is refused when the contact changed meanwhile in a way that conflicts
// (the same field, or the schedule for an edit of the schedule). Seen: an
// edit form open while `rotate log` reached the contact saved the old next
// date back, so the contact was due again.
func TestEditNeverWritesStale(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	add := func(name string) rotation.Contact {
		c := person(name, "B", day0.AddDays(16))
		c.Rule = rotation.MustRule("every 90d")
		c.Phones = []rotation.Phone{{Number: "+1 555 0100"}}
		c.Tags = []string{"golf"}
		return mustContact(t, b.Store, mustAdd(t, b.Store, c).ID)
	}

	t.Run("a call logged meanwhile keeps its next date", func(t *testing.T) { editKeepsLoggedDate(t, ctx, b, add) })
	t.Run("another terminal's log, then this one's edit of the next date", func(t *testing.T) { editAfterOthersLog(t, ctx, b, add) })
	t.Run("an edit of the schedule after a log is refused", func(t *testing.T) { editScheduleAfterLog(t, ctx, b, add) })
	t.Run("two editors: other fields merge, the same field conflicts", func(t *testing.T) { editTwoEditors(t, ctx, b, add) })
	t.Run("a snooze meanwhile conflicts with a new cadence, not with a name", func(t *testing.T) { editAfterSnooze(t, ctx, b, add) })
}

// editKeepsLoggedDate: a call logged meanwhile keeps its next date.
func editKeepsLoggedDate(t *testing.T, ctx context.Context, b *book, add func(string) rotation.Contact) {
	was := add("Ann Log")
	logged := mustLog(t, b.Store, store.LogEntry{ContactID: was.ID, Outcome: rotation.Reached, Today: day0})
	now := was
	now.Company = "Acme"
	if err := b.UpdateContact(ctx, was, now); err != nil {
		t.Fatalf("an edit of the company after a log: %v", err)
	}
	got := mustContact(t, b.Store, was.ID)
	if got.Company != "Acme" || got.Due != logged.Next.Due || got.LastTalk != day0 {
		t.Errorf("after the edit: company %q, due %s, last talk %s; want Acme, %s (the log's), %s",
			got.Company, got.Due, got.LastTalk, logged.Next.Due, day0)
	}
}

// editAfterOthersLog: another terminal's log, then this one's edit of the next date.
func editAfterOthersLog(t *testing.T, ctx context.Context, b *book, add func(string) rotation.Contact) {
	was := add("Eve Elsewhere")
	other := openAt(t, b.path, b.clock) // a second terminal, or a colleague on a team book
	logged := mustLog(t, other, store.LogEntry{ContactID: was.ID, Outcome: rotation.Reached, Today: day0})
	now := was
	now.Due = was.Due.AddDays(3) // as typed in the form opened before the log
	if err := b.UpdateContact(ctx, was, now); !errors.Is(err, store.ErrConflict) {
		t.Fatalf("the old form's next date over a log: %v; want a conflict", err)
	}
	if got := mustContact(t, other, was.ID); got.Due != logged.Next.Due {
		t.Errorf("next call %s; want the log's %s", got.Due, logged.Next.Due)
	}
}

// editScheduleAfterLog: an edit of the schedule after a log is refused.
func editScheduleAfterLog(t *testing.T, ctx context.Context, b *book, add func(string) rotation.Contact) {
	was := add("Ben Sched")
	mustLog(t, b.Store, store.LogEntry{ContactID: was.ID, Outcome: rotation.NoAnswer, Today: day0})
	before := mustContact(t, b.Store, was.ID)
	for name, edit := range map[string]func(c *rotation.Contact){
		"next date": func(c *rotation.Contact) { c.Due = day0.AddDays(30) },
		"cadence":   func(c *rotation.Contact) { c.Rule = rotation.MustRule("every 2w") },
		"status":    func(c *rotation.Contact) { c.Status = rotation.Paused },
	} {
		now := was
		edit(&now)
		now.Email = "ben@example.com"
		err := b.UpdateContact(ctx, was, now)
		var ce *store.EditConflictError
		if !errors.Is(err, store.ErrConflict) || !errors.As(err, &ce) {
			t.Fatalf("%s edited over a log: %v; want a conflict", name, err)
		}
		if !slices.Contains(ce.Fields, "next call") || !slices.Contains(ce.Fields, "missed calls") {
			t.Errorf("%s: the conflict names %v", name, ce.Fields)
		}
		if got := mustContact(t, b.Store, was.ID); !sameContact(got, before) {
			t.Errorf("%s: a refused edit changed the contact:\n got %+v\nwant %+v", name, got, before)
		}
	}
}

// editTwoEditors: two editors: other fields merge, the same field conflicts.
func editTwoEditors(t *testing.T, ctx context.Context, b *book, add func(string) rotation.Contact) {
	was := add("Cat Two")
	one, two := was, was
	one.Email = "cat@one.example"
	two.Company = "Two Ltd"
	if err := b.UpdateContact(ctx, was, one); err != nil {
		t.Fatal(err)
	}
	if err := b.UpdateContact(ctx, was, two); err != nil {
		t.Fatalf("an edit of another field: %v", err)
	}
	got := mustContact(t, b.Store, was.ID)
	if got.Email != "cat@one.example" || got.Company != "Two Ltd" {
		t.Errorf("merged: email %q, company %q", got.Email, got.Company)
	}
	three := was
	three.Email = "cat@three.example"
	if err := b.UpdateContact(ctx, was, three); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a second edit of the email from the old copy: %v; want a conflict", err)
	}
	four := was
	four.Phones = []rotation.Phone{{Number: "+1 555 0400"}}
	if err := b.UpdateContact(ctx, was, four); err != nil {
		t.Fatal(err)
	}
	five := was
	five.Phones = []rotation.Phone{{Number: "+1 555 0500"}}
	if err := b.UpdateContact(ctx, was, five); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a second edit of the phones from the old copy: %v; want a conflict", err)
	}
	six := was
	six.Tags = []string{"golf", "referral"}
	if err := b.UpdateContact(ctx, was, six); err != nil {
		t.Fatalf("tags after the phones changed: %v", err)
	}
	got = mustContact(t, b.Store, was.ID)
	if got.FirstPhone() != "+1 555 0400" || !slices.Equal(got.Tags, []string{"golf", "referral"}) || got.Email != "cat@one.example" {
		t.Errorf("after the edits: phone %s, tags %v, email %q", got.FirstPhone(), got.Tags, got.Email)
	}
}

// editAfterSnooze: a snooze meanwhile conflicts with a new cadence, not with a name.
func editAfterSnooze(t *testing.T, ctx context.Context, b *book, add func(string) rotation.Contact) {
	was := add("Dee Snooze")
	if err := b.SetDue(ctx, was.ID, day0.AddDays(40)); err != nil {
		t.Fatal(err)
	}
	now := was
	now.Rule = rotation.MustRule("every 30d")
	now.Due = day0.AddDays(10)
	if err := b.UpdateContact(ctx, was, now); !errors.Is(err, store.ErrConflict) {
		t.Errorf("a new cadence over a snooze: %v; want a conflict", err)
	}
	now = was
	now.Name = "Dee Snoozer"
	if err := b.UpdateContact(ctx, was, now); err != nil {
		t.Fatal(err)
	}
	if got := mustContact(t, b.Store, was.ID); got.Due != day0.AddDays(40) || got.Name != "Dee Snoozer" {
		t.Errorf("after the rename: %s due %s; want the snooze kept", got.Name, got.Due)
	}
}

// sameContact compares what an edit may change.
func sameContact(a, b rotation.Contact) bool {
	a.Updated = b.Updated
	return equalContacts(a, b)
}
