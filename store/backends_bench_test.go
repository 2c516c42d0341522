package store_test

import (
	"context"
	"flag"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
	"rotate/store/pgtest"
)

// benchBig adds 100,000 contacts to the backend benchmarks; without it
// they run at 10,000 only, which CI can afford on both backends.
var benchBig = flag.Bool("bench.big", false, "also run the backend benchmarks at 100,000 contacts (slow to build)")

// benchDay is the day the benchmark books are built for and used on.
var benchDay = rotation.MustDate("2026-11-25")

// benchBooks caches one book per size for the process: building 100,000
// contacts on PostgreSQL takes a while, and every b.N round of a
// benchmark would build it again.
var benchBooks sync.Map // int -> []benchPerson

// benchPerson is someone using a benchmark book: on SQLite the one
// person; on a team book the role that set it up (which owns the tables,
// so row-level security does not apply to it), a second owner and an
// assistant given every other contact (both checked row by row).
type benchPerson struct{ name, path string }

// benchBook is a book of n active contacts on the backend of this pass
// (a SQLite file, or a team book on PostgreSQL), each with a phone,
// spread over the next 90 days with about 1/90 of them due today, and
// written in batches of plain INSERTs: a fixture, not what is measured.
func benchBook(b *testing.B, n int) []benchPerson {
	b.Helper()
	if p, ok := benchBooks.Load(n); ok {
		return p.([]benchPerson)
	}
	var path string
	if pgtest.Postgres() {
		url, _, err := pgtest.CreateDatabase() // dropped with the throw-away server
		if err != nil {
			b.Fatal(err)
		}
		path = url
	} else {
		dir, err := os.MkdirTemp("", "rotate-bench-")
		if err != nil {
			b.Fatal(err)
		}
		path = filepath.Join(dir, "book.db")
	}
	ctx := context.Background()
	s, err := store.Open(ctx, path, store.Options{NoSync: true, Now: func() time.Time { return benchDay.Time().Add(8 * time.Hour) }})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	start := time.Now()
	if err := store.FillBenchBook(ctx, s, n, benchDay); err != nil {
		b.Fatal(err)
	}
	people := []benchPerson{{"book", path}}
	if pgtest.Postgres() {
		people[0].name = "table-owner"
		for _, kind := range []store.MemberKind{store.Owner, store.Assistant} {
			role, pw, _, err := pgtest.CreateRole("bench")
			if err != nil {
				b.Fatal(err)
			}
			if err := s.AddMember(ctx, role, kind); err != nil {
				b.Fatal(err)
			}
			if kind == store.Assistant {
				if err := store.AssignEvery(ctx, s, role, 2); err != nil {
					b.Fatal(err)
				}
			}
			u, _ := url.Parse(path)
			u.User = url.UserPassword(role, pw)
			people = append(people, benchPerson{string(kind), u.String()})
		}
	}
	b.Logf("built a book of %d contacts on %s in %s", n, pgtest.Backend(), time.Since(start).Round(time.Millisecond))
	benchBooks.Store(n, people)
	return people
}

func benchSizes() []int {
	if *benchBig {
		return []int{10_000, 100_000}
	}
	return []int{10_000}
}

// BenchmarkBackendToday is `rotate today` on each backend (the pass):
// "warm" reads the due list on an open book, as the interface does;
// "process" opens the book, reads it and closes it, as one `rotate today`
// does (less the Go runtime's start).
func BenchmarkBackendToday(b *testing.B) {
	for _, n := range benchSizes() {
		for _, who := range benchBook(b, n) {
			benchToday(b, n, who)
		}
	}
}

func benchToday(b *testing.B, n int, who benchPerson) {
	path := who.path
	ctx := context.Background()
	b.Run(fmt.Sprintf("%s/%dk/%s/warm", pgtest.Backend(), n/1000, who.name), func(b *testing.B) {
		s, err := store.Open(ctx, path, store.Options{})
		if err != nil {
			b.Fatal(err)
		}
		defer s.Close()
		var due int
		for b.Loop() {
			a, err := s.Today(ctx, benchDay)
			if err != nil {
				b.Fatal(err)
			}
			due = len(a.Due)
		}
		b.ReportMetric(float64(due), "due")
	})
	b.Run(fmt.Sprintf("%s/%dk/%s/process", pgtest.Backend(), n/1000, who.name), func(b *testing.B) {
		for b.Loop() {
			s, err := store.Open(ctx, path, store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if _, err := s.Today(ctx, benchDay); err != nil {
				b.Fatal(err)
			}
			s.Close()
		}
	})
}

// BenchmarkBackendLog is one `rotate log` with a note, durable (a synced
// commit on SQLite; on PostgreSQL what the server's settings make of a
// commit): "warm" on an open book, "process" opening and closing it
// around the call as one `rotate log` process does. Each call logs the
// next contact of the book, so the leveler places a real call each time.
func BenchmarkBackendLog(b *testing.B) {
	for _, n := range benchSizes() {
		for _, who := range benchBook(b, n) {
			benchLog(b, n, who)
		}
	}
}

func benchLog(b *testing.B, n int, who benchPerson) {
	path := who.path
	ctx := context.Background()
	for _, mode := range []string{"warm", "process"} {
		b.Run(fmt.Sprintf("%s/%dk/%s/%s", pgtest.Backend(), n/1000, who.name, mode), func(b *testing.B) {
			open := func() *store.Store {
				s, err := store.Open(ctx, path, store.Options{})
				if err != nil {
					b.Fatal(err)
				}
				return s
			}
			s := open()
			all, err := s.List(ctx, store.ListFilter{})
			if err != nil {
				b.Fatal(err)
			}
			i := 0
			for b.Loop() {
				if mode == "process" {
					s.Close()
					s = open()
				}
				c := all[i%len(all)]
				i++
				if _, err := s.LogCall(ctx, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: benchDay,
					At: benchDay.Time().Add(10 * time.Hour), Note: "Talked about the renewal; call again after the holidays."}); err != nil {
					b.Fatal(err)
				}
			}
			s.Close()
		})
	}
}
