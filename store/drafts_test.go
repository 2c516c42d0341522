package store_test

import (
	"slices"
	"testing"
	"time"

	"rotate/rotation"
)

func TestDraftRoundTrip(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	jane := mustAdd(t, b.Store, person("Jane Doe", "A", day0)).ID
	bob := mustAdd(t, b.Store, person("Bob Stone", "B", day0)).ID

	if _, ok, err := b.Draft(ctx, jane); ok || err != nil {
		t.Fatalf("Draft of a contact without one: ok=%v err=%v", ok, err)
	}
	want := rotation.Draft{ContactID: jane, Outcome: rotation.Callback,
		Note: "She'll call back \"after lunch\".\nMention the recital.", FollowUps: "Send the leaflet\nAsk about Norway", Next: "next tue"}
	if err := b.SaveDraft(ctx, want); err != nil {
		t.Fatal(err)
	}
	want.Updated = b.clock.Now()
	checkDraft(t, b, want)

	// Saving again replaces the draft.
	b.clock.Advance(time.Minute)
	want.Outcome, want.Note, want.FollowUps, want.Next = rotation.Reached, "Reached her after all.", "", ""
	if err := b.SaveDraft(ctx, want); err != nil {
		t.Fatal(err)
	}
	want.Updated = b.clock.Now()
	checkDraft(t, b, want)

	b.clock.Advance(time.Minute)
	if err := b.SaveDraft(ctx, rotation.Draft{ContactID: bob, Next: "fri"}); err != nil {
		t.Fatal(err)
	}
	if ids, err := b.Drafts(ctx); err != nil || !slices.Equal(ids, []int64{bob, jane}) {
		t.Errorf("Drafts = %v, %v; want %v (the latest first)", ids, err, []int64{bob, jane})
	}

	// A draft survives closing the book.
	b.reopen(t)
	checkDraft(t, b, want)
	if ids, _ := b.Drafts(ctx); !slices.Equal(ids, []int64{bob, jane}) {
		t.Errorf("Drafts after reopening = %v", ids)
	}

	// An empty draft (an outcome alone is nothing typed) removes it.
	if err := b.SaveDraft(ctx, rotation.Draft{ContactID: jane, Outcome: rotation.Voicemail}); err != nil {
		t.Fatal(err)
	}
	if d, ok, err := b.Draft(ctx, jane); ok || err != nil {
		t.Errorf("after saving an empty draft: %+v, %v, %v; want none", d, ok, err)
	}
	if err := b.DeleteDraft(ctx, bob); err != nil {
		t.Fatal(err)
	}
	if ids, err := b.Drafts(ctx); err != nil || len(ids) != 0 {
		t.Errorf("Drafts after deleting both = %v, %v", ids, err)
	}
	// Deleting what is not there is no error.
	if err := b.DeleteDraft(ctx, bob); err != nil {
		t.Errorf("deleting a missing draft: %v", err)
	}
	// A draft belongs to a contact that exists.
	if err := b.SaveDraft(ctx, rotation.Draft{ContactID: 4242, Note: "for nobody"}); err == nil {
		t.Error("a draft for a missing contact was saved")
	}
}

func checkDraft(t *testing.T, b *book, want rotation.Draft) {
	t.Helper()
	got, ok, err := b.Draft(t.Context(), want.ContactID)
	if err != nil || !ok {
		t.Fatalf("Draft(%d) = ok %v, %v", want.ContactID, ok, err)
	}
	if !got.Updated.Equal(want.Updated) {
		t.Errorf("draft updated %s, want %s", got.Updated, want.Updated)
	}
	got.Updated = want.Updated
	if got != want {
		t.Errorf("draft = %+v\nwant %+v", got, want)
	}
	br, err := b.Briefing(t.Context(), want.ContactID, 0)
	if err != nil || br.Draft == nil || br.Draft.Note != want.Note {
		t.Errorf("briefing draft = %+v, %v; want the draft", br.Draft, err)
	}
}
