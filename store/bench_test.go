package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// BenchmarkLogCall measures a durable LogCall (synchronous=FULL, one
// commit per call) with a note and a follow-up, across 100 contacts.
func BenchmarkLogCall(b *testing.B) {
	ctx := context.Background()
	c := newClock(day0)
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "rotate.db"), store.Options{Now: c.Now})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var batch []store.NewContact
	for i := range 100 {
		batch = append(batch, store.NewContact{Contact: person(fmt.Sprintf("Contact %03d", i), rotation.Tiers[i%3], day0.AddDays(i%20))})
	}
	added, err := s.AddContacts(ctx, batch, day0)
	if err != nil {
		b.Fatal(err)
	}
	i := 0
	for b.Loop() {
		_, err := s.LogCall(ctx, store.LogEntry{ContactID: added[i%len(added)].ID, Outcome: rotation.Reached,
			Today: day0, At: day0.Time().Add(time.Duration(i) * time.Second),
			Note: "Talked about the renewal and the kids' school trip.", NewFollowUps: []string{"Send the quote"}})
		if err != nil {
			b.Fatal(err)
		}
		i++
	}
}

// BenchmarkToday measures the due list of a 2,000-contact book with about
// a hundred calls due.
func BenchmarkToday(b *testing.B) {
	ctx := context.Background()
	c := newClock(day0)
	s, err := store.Open(ctx, filepath.Join(b.TempDir(), "rotate.db"), store.Options{Now: c.Now, NoSync: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	rules := []string{"every 30d", "every 90d", "every 6m", "weekly fri", "every 2w"}
	var batch []store.NewContact
	due := 0
	for i := range 2000 {
		ct := person(fmt.Sprintf("Contact %04d", i), rotation.Tiers[i%3], day0.AddDays(i%60-3))
		if ct.Due <= day0 {
			due++
		}
		ct.Rule = rotation.MustRule(rules[i%len(rules)])
		ct.Phones = []rotation.Phone{{Number: fmt.Sprintf("+1 555 %04d", i), Label: "mobile"}}
		ct.Company = fmt.Sprintf("Company %d", i%300)
		batch = append(batch, store.NewContact{Contact: ct})
	}
	if _, err := s.AddContacts(ctx, batch, day0); err != nil {
		b.Fatal(err)
	}
	a, err := s.Today(ctx, day0)
	if err != nil || len(a.Due) != due {
		b.Fatalf("due list of %d calls, %v; want %d", len(a.Due), err, due)
	}
	for b.Loop() {
		if _, err := s.Today(ctx, day0); err != nil {
			b.Fatal(err)
		}
	}
}
