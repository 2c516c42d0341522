package store_test

import (
	"errors"
	"slices"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

func TestDuplicatesByPhoneOrEmail(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	jane := mustAdd(t, b.Store, rotation.Contact{Name: "Jane Doe", Tier: "A", Email: "Jane@Example.org",
		Phones: []rotation.Phone{{Number: "+49 30 1234567"}}})
	mustAdd(t, b.Store, rotation.Contact{Name: "Tom", Tier: "B", Phones: []rotation.Phone{{Number: "+49 30 7654321"}}})
	for name, c := range map[string]rotation.Contact{
		"same number, national form": {Name: "J. Doe", Phones: []rotation.Phone{{Number: "030 1234567"}}},
		"same e-mail, other case":    {Name: "JD", Email: "jane@example.ORG"},
	} {
		got, err := b.Duplicates(ctx, c, "DE")
		if err != nil || len(got) != 1 || got[0].ID != jane.ID {
			t.Errorf("%s: duplicates = %v, %v; want Jane", name, names(got), err)
		}
	}
	// With no region, a number without a country code is compared by its
	// national digits: the trunk 0 dropped, the calling code ignored.
	hans := mustAdd(t, b.Store, rotation.Contact{Name: "Hans Lange", Tier: "A", Phones: []rotation.Phone{{Number: "+41 79 555 1001"}}})
	if got, err := b.Duplicates(ctx, rotation.Contact{Name: "H. Lange", Phones: []rotation.Phone{{Number: "079 555 10 01"}}}, ""); err != nil || len(got) != 1 || got[0].ID != hans.ID {
		t.Errorf("no region: duplicates of 079 555 10 01 = %v, %v; want Hans", names(got), err)
	}
	if got, _ := b.Duplicates(ctx, rotation.Contact{Name: "Other", Phones: []rotation.Phone{{Number: "+49 79 555 1001"}}}, ""); len(got) != 0 {
		t.Errorf("no region: a number of another country is a duplicate of %v", names(got))
	}
	if got, _ := b.Duplicates(ctx, rotation.Contact{Name: "New", Phones: []rotation.Phone{{Number: "+49 30 5555555"}}}, "DE"); len(got) != 0 {
		t.Errorf("a new number is a duplicate of %v", names(got))
	}
}

func TestMerge(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	keep := mustAdd(t, b.Store, rotation.Contact{Name: "Jane Doe", Tier: "A", Phones: []rotation.Phone{{Number: "+49 30 1234567"}},
		Profile: rotation.Profile{Family: "two kids"}, Tags: []string{"vip"}, Schedule: rotation.Schedule{Due: day0.AddDays(5)}})
	dup := mustAdd(t, b.Store, rotation.Contact{Name: "J. Doe", Tier: "B", Email: "jane@example.org",
		Phones: []rotation.Phone{{Number: "+49 170 999999"}}, Profile: rotation.Profile{Family: "other text", Occupation: "architect"},
		Tags: []string{"golf"}, Schedule: rotation.Schedule{Due: day0}})
	id := mustLog(t, b.Store, store.LogEntry{ContactID: dup.ID, Outcome: rotation.Reached, Today: day0, Note: "met at the club",
		NewFollowUps: []string{"send the plans"}}).CallID
	if err := b.SaveDraft(ctx, rotation.Draft{ContactID: dup.ID, Note: "half a note"}); err != nil {
		t.Fatal(err)
	}
	before := mustContact(t, b.Store, keep.ID)
	res, err := b.Merge(ctx, dup.ID, keep.ID, "DE")
	if err != nil {
		t.Fatal(err)
	}
	if res.Calls != 1 || res.FollowUps != 1 {
		t.Errorf("Merge = %+v", res)
	}
	if _, err := b.Contact(ctx, dup.ID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the merged contact is still there: %v", err)
	}
	got := mustContact(t, b.Store, keep.ID)
	// The newest call was the merged contact's: the kept contact's
	// schedule is what that call gives its own rule.
	if got.Due <= day0 || got.Attempts != 0 || got.Rule.String() != before.Rule.String() || got.Tier != "A" {
		t.Errorf("the kept schedule after merge: due %s attempts %d rule %s tier %s", got.Due, got.Attempts, got.Rule, got.Tier)
	}
	if got.Family != "two kids" || got.Occupation != "architect" || got.Email != "jane@example.org" {
		t.Errorf("profile after merge = %+v, email %q", got.Profile, got.Email)
	}
	if len(got.Phones) != 2 || !slices.Contains(got.Tags, "golf") || !slices.Contains(got.Tags, "vip") {
		t.Errorf("phones %v, tags %v after merge", got.Phones, got.Tags)
	}
	if got.LastCall != day0 {
		t.Errorf("last call after merge = %s, want the merged contact's", got.LastCall)
	}
	calls, _ := b.Calls(ctx, keep.ID, 0)
	if len(calls) != 1 || calls[0].Note != "met at the club" {
		t.Errorf("calls after merge = %+v", calls)
	}
	fs, _ := b.FollowUps(ctx, keep.ID, true)
	if len(fs) != 1 {
		t.Errorf("follow-ups after merge = %+v", fs)
	}
	if d, ok, _ := b.Draft(ctx, keep.ID); !ok || d.Note != "half a note" {
		t.Errorf("draft after merge = %+v, %v", d, ok)
	}
	h, err := b.CallHistory(ctx, id)
	if err != nil || len(h) != 2 || h[1].Action != rotation.ActionMerge || h[1].ContactID != keep.ID {
		t.Errorf("the moved call's history = %+v, %v", h, err)
	}
	if _, err := b.Merge(ctx, keep.ID, keep.ID, ""); !errors.Is(err, store.ErrInvalid) {
		t.Errorf("merge into itself = %v", err)
	}
}

// A merge gives the kept contact the schedule of the newest call of the
// two, as if it had been logged on it: a twin reached after the kept
// contact's voicemail clears the retry.
func TestMergeTakesTheNewestCallsSchedule(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	hans := mustAdd(t, b.Store, rotation.Contact{Name: "Hans Lange", Tier: "A",
		Phones: []rotation.Phone{{Number: "+41 79 555 1001", Label: "mobile"}}, Schedule: rotation.Schedule{Due: day0}})
	twin := mustAdd(t, b.Store, rotation.Contact{Name: "H. Lange", Tier: "A",
		Phones: []rotation.Phone{{Number: "079 555 10 01", Label: "work"}}, Schedule: rotation.Schedule{Due: day0}})
	mustLog(t, b.Store, store.LogEntry{ContactID: hans.ID, Outcome: rotation.Voicemail, Today: day0})
	day1 := day0.AddDays(1)
	mustLog(t, b.Store, store.LogEntry{ContactID: twin.ID, Outcome: rotation.Reached, Today: day1})
	if _, err := b.Merge(ctx, twin.ID, hans.ID, ""); err != nil {
		t.Fatal(err)
	}
	got := mustContact(t, b.Store, hans.ID)
	if got.Attempts != 0 || got.LastCall != day1 || got.LastTalk != day1 || got.LastOutcome != rotation.Reached ||
		got.Status != rotation.Active || got.Due < day1.AddDays(7) {
		t.Errorf("after the merge: attempts %d last call %s talk %s outcome %s status %s due %s; want the reached call's schedule",
			got.Attempts, got.LastCall, got.LastTalk, got.LastOutcome, got.Status, got.Due)
	}
	if len(got.Phones) != 1 || got.Phones[0].Number != "+41 79 555 1001" || got.Phones[0].Label != "mobile" {
		t.Errorf("phones after the merge = %+v; want the one number once, as the kept contact wrote it", got.Phones)
	}

	// The other way round: the kept contact's own call is the newest,
	// so its schedule stays.
	anna := mustAdd(t, b.Store, rotation.Contact{Name: "Anna", Tier: "A", Schedule: rotation.Schedule{Due: day0}})
	anna2 := mustAdd(t, b.Store, rotation.Contact{Name: "A.", Tier: "A", Schedule: rotation.Schedule{Due: day0}})
	mustLog(t, b.Store, store.LogEntry{ContactID: anna2.ID, Outcome: rotation.Reached, Today: day0})
	mustLog(t, b.Store, store.LogEntry{ContactID: anna.ID, Outcome: rotation.Voicemail, Today: day1})
	before := mustContact(t, b.Store, anna.ID)
	if _, err := b.Merge(ctx, anna2.ID, anna.ID, ""); err != nil {
		t.Fatal(err)
	}
	got = mustContact(t, b.Store, anna.ID)
	if got.Due != before.Due || got.Attempts != 1 || got.LastCall != day1 || got.LastTalk != day0 || got.LastOutcome != rotation.Voicemail {
		t.Errorf("after the merge: due %s (was %s) attempts %d last call %s talk %s outcome %s",
			got.Due, before.Due, got.Attempts, got.LastCall, got.LastTalk, got.LastOutcome)
	}
}
