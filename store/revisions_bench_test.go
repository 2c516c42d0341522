package store

import (
	"context"
	"os"
	"testing"
	"time"

	"rotate/rotation"
)

// BenchmarkCorrectionsStressBook measures undo, edit, move and delete of
// a contact's newest call — each recomputing the schedule, keeping the
// old version, durable — beside the durable LogCall they are held to
// (within 2x), on a copy of a stress book named by ROTATE_STRESS_SCRATCH
// (it is written to), with the book kept open as the interface keeps it.
// Each correction's call is logged untimed first.
func BenchmarkCorrectionsStressBook(b *testing.B) {
	path := os.Getenv("ROTATE_STRESS_SCRATCH")
	if path == "" {
		b.Skip("set ROTATE_STRESS_SCRATCH to a copy of a book made by TestMakeStressBook; it is written to")
	}
	ctx := context.Background()
	day := rotation.MustDate("2026-11-25")
	s, err := Open(ctx, path, Options{Now: func() time.Time { return day.Time().Add(9 * time.Hour) }})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	a, err := s.Today(ctx, day)
	if err != nil || len(a.Due) < 2 {
		b.Fatalf("no calls due on the book (%v)", err)
	}
	i := 0
	logOne := func() int64 {
		res, err := s.LogCall(ctx, LogEntry{ContactID: a.Due[i%len(a.Due)].ID, Outcome: rotation.Voicemail,
			Today: day, At: day.Time().Add(10*time.Hour + time.Duration(i)*time.Second),
			Note: "Left a message about the renewal."})
		if err != nil {
			b.Fatal(err)
		}
		i++
		return res.CallID
	}
	check := func(_ rotation.Correction, err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	b.Run("log", func(b *testing.B) {
		for b.Loop() {
			logOne()
		}
	})
	b.Run("undo", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			logOne()
			b.StartTimer()
			check(s.Undo(ctx))
		}
	})
	b.Run("edit", func(b *testing.B) {
		note, o := "Spoke at last: all well.", rotation.Reached
		for b.Loop() {
			b.StopTimer()
			id := logOne()
			b.StartTimer()
			check(s.EditCall(ctx, id, rotation.CallEdit{Note: &note, Outcome: &o}))
		}
	})
	b.Run("move", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			id := logOne()
			to := a.Due[i%len(a.Due)].ID // the next contact of the list
			b.StartTimer()
			check(s.EditCall(ctx, id, rotation.CallEdit{Contact: to}))
		}
	})
	b.Run("delete", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			id := logOne()
			b.StartTimer()
			check(s.DeleteCall(ctx, id))
		}
	})
}

// BenchmarkForgetStressBook times forget of one contact with its calls on
// a copy of a stress book (ROTATE_STRESS_SCRATCH, written to): the
// deletion with secure_delete, the search indexes optimized and the WAL
// truncated. Run it with -benchtime=1x: each run forgets another contact.
func BenchmarkForgetStressBook(b *testing.B) {
	path := os.Getenv("ROTATE_STRESS_SCRATCH")
	if path == "" {
		b.Skip("set ROTATE_STRESS_SCRATCH to a copy of a book made by TestMakeStressBook; it is written to")
	}
	ctx := context.Background()
	s, err := Open(ctx, path, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	var id int64
	if err := s.db.QueryRowContext(ctx, "SELECT max(contact_id) FROM calls").Scan(&id); err != nil {
		b.Fatal(err)
	}
	var calls int64
	for b.Loop() {
		res, err := s.Forget(ctx, id, "")
		if err != nil {
			b.Fatal(err)
		}
		calls += res.Calls
		id--
	}
	b.ReportMetric(float64(calls)/float64(b.N), "calls/op")
}
