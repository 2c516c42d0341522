package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"rotate/rotation"
	"rotate/store"
	"rotate/store/pgtest"
)

// `rotate log WHO` without a note, while a draft waits for that contact,
// never deletes the draft: the call takes the draft's note and new
// follow-ups, and says so on one line. With a note given, the note given
// wins (and the draft goes, as the call replaces it). On both backends.
func TestLogWithoutANoteUsesTheDraft(t *testing.T) {
	for _, tt := range []struct {
		name     string
		args     []string
		note     string
		followUp bool
		said     bool
	}{
		{"no note", nil, "Wants the Lisbon map.\nCall the son.", true, true},
		{"a note given", []string{"--note", "Quick hello."}, "Quick hello.", false, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "book.db")
			if pgtest.Postgres() {
				db = pgtest.NewDatabase(t)
			}
			if _, stderr, code := rotateIn(t, db, "add", "Jane Doe", "--tier", "A", "--due", "today"); code != 0 {
				t.Fatalf("add: %s", stderr)
			}
			ctx := context.Background()
			s, err := store.Open(ctx, db, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			c, err := s.Find(ctx, "Jane Doe")
			if err != nil {
				t.Fatal(err)
			}
			if err := s.SaveDraft(ctx, rotation.Draft{ContactID: c.ID, Outcome: rotation.Reached,
				Note: "Wants the Lisbon map.\nCall the son.", FollowUps: "Send the Lisbon map\n"}); err != nil {
				t.Fatal(err)
			}
			s.Close()

			_, stderr, code := rotateIn(t, db, append([]string{"log", "jane", "--outcome", "reached"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("log: exit %d: %s", code, stderr)
			}
			said := strings.Contains(stderr, "used the draft waiting for Jane Doe as the note: “Wants the Lisbon map. Call the son.” and 1 follow-up")
			if said != tt.said || strings.Count(stderr, "\n") > 1 {
				t.Fatalf("stderr = %q", stderr)
			}
			s, err = store.Open(ctx, db, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			calls, _ := s.Calls(ctx, c.ID, 1)
			if len(calls) != 1 || calls[0].Note != tt.note {
				t.Fatalf("stored call = %+v, want the note %q", calls, tt.note)
			}
			fus, _ := s.FollowUps(ctx, c.ID, true)
			if got := len(fus) == 1 && fus[0].Text == "Send the Lisbon map"; got != tt.followUp {
				t.Fatalf("follow-ups = %+v", fus)
			}
		})
	}
}
