package store_test

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
	"rotate/store/pgtest"
)

// twoHandles opens the same new book twice, as two rotate processes would.
func twoHandles(t *testing.T) (s1, s2 *store.Store, path string) {
	t.Helper()
	path = filepath.Join(t.TempDir(), "rotate.db")
	if pgtest.Postgres() {
		path = pgtest.NewDatabase(t)
	}
	c := newClock(day0)
	return openAt(t, path, c), openAt(t, path, c), path
}

func TestConcurrentLogCallsFromTwoHandles(t *testing.T) {
	t.Parallel()
	s1, s2, path := twoHandles(t)
	var ids []int64
	for i := range 8 {
		ids = append(ids, mustAdd(t, s1, rotation.Contact{Name: fmt.Sprintf("Contact %d", i), Tier: "B",
			Schedule: rotation.Schedule{Rule: rotation.MustRule("every 7d"), Due: day0}}).ID)
	}
	const workers, each = 3, 10
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers*each)
	var want []string
	for h, s := range []*store.Store{s1, s2} {
		for w := range workers {
			for i := range each {
				want = append(want, fmt.Sprintf("h%d w%d i%02d", h, w, i))
			}
			wg.Go(func() {
				for i := range each {
					note := fmt.Sprintf("h%d w%d i%02d", h, w, i)
					outcome := []rotation.Outcome{rotation.Reached, rotation.Voicemail, rotation.NoAnswer}[i%3]
					_, err := s.LogCall(t.Context(), store.LogEntry{ContactID: ids[(h*workers+w+i)%len(ids)], Outcome: outcome,
						Today: day0, At: day0.Time().Add(time.Duration(i) * time.Second), Note: note, NewFollowUps: []string{note}})
					if err != nil {
						errs <- fmt.Errorf("%s: %w", note, err)
						continue
					}
					if _, err := s.Today(t.Context(), day0); err != nil {
						errs <- fmt.Errorf("read after %s: %w", note, err)
					}
				}
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if strings.Contains(err.Error(), "locked") || strings.Contains(err.Error(), "busy") {
			t.Errorf("a writer was turned away: %v", err)
		} else {
			t.Error(err)
		}
	}

	raw := rawDB(t, path)
	notes := func(q string) []string {
		rows, err := raw.QueryContext(t.Context(), q)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var s string
			rows.Scan(&s)
			out = append(out, s)
		}
		return out
	}
	slices.Sort(want)
	if got := notes("SELECT note FROM calls ORDER BY note"); !slices.Equal(got, want) {
		t.Errorf("%d calls saved, want %d", len(got), len(want))
	}
	if got := notes("SELECT text FROM followups ORDER BY text"); !slices.Equal(got, want) {
		t.Errorf("%d follow-ups saved, want %d", len(got), len(want))
	}
	// Each contact's row agrees with the call committed last (ids follow
	// the order of the commits).
	for _, id := range ids {
		var next string
		if err := raw.QueryRowContext(t.Context(), rawSQL("SELECT next_due FROM calls WHERE contact_id = ? ORDER BY id DESC LIMIT 1"), id).Scan(&next); err != nil {
			t.Fatal(err)
		}
		if c := mustContact(t, s2, id); c.Due.String() != next {
			t.Errorf("#%d is due %s but its last call set %s", id, c.Due, next)
		}
	}
}

// TestConcurrentLogCallsLoseNoUpdate logs misses for one contact from two
// handles at once: each call reads the attempts and writes them plus one,
// so only write transactions taken from the start count every miss.
func TestConcurrentLogCallsLoseNoUpdate(t *testing.T) {
	t.Parallel()
	s1, s2, _ := twoHandles(t)
	id := mustAdd(t, s1, rotation.Contact{Name: "Hard To Reach", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 7d"), Due: day0}}).ID
	const workers, each = 4, 5
	var wg sync.WaitGroup
	var mu sync.Mutex
	var failures []error
	for _, s := range []*store.Store{s1, s2} {
		for range workers {
			wg.Go(func() {
				for range each {
					if _, err := s.LogCall(t.Context(), store.LogEntry{ContactID: id, Outcome: rotation.Voicemail, Today: day0, At: day0.Time()}); err != nil {
						mu.Lock()
						failures = append(failures, err)
						mu.Unlock()
					}
				}
			})
		}
	}
	wg.Wait()
	for _, err := range failures {
		t.Error(err)
	}
	if got, want := mustContact(t, s1, id).Attempts, 2*workers*each; got != want {
		t.Errorf("attempts = %d after %d misses", got, want)
	}
}

func TestAWriterWaitsForAnotherProcess(t *testing.T) {
	t.Parallel()
	sqliteOnly(t) // PostgreSQL locks rows, not the book: TestTwoPeopleLogTheSameContact
	b := newBook(t)
	ctx := t.Context()
	c := mustAdd(t, b.Store, rotation.Contact{Name: "Jane Doe", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 7d"), Due: day0}})
	// Another process holds the write lock for a moment.
	conn, err := rawDB(t, b.path).Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES ('minutes', '20')"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := b.LogCall(ctx, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, At: day0.Time()})
		done <- err
	}()
	// Readers go on meanwhile (WAL).
	if a, err := b.Today(ctx, day0); err != nil || len(a.Due) != 1 {
		t.Errorf("reading while another process writes: %+v, %v", a.Due, err)
	}
	time.Sleep(100 * time.Millisecond)
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("the call waiting for the lock failed: %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the call waiting for the lock never finished")
	}
	if got := mustContact(t, b.Store, c.ID); got.Due != day0.AddDays(7) {
		t.Errorf("due = %s after the call, want %s", got.Due, day0.AddDays(7))
	}
	if set := mustSettings(t, b); set.MinutesPerCall != 20 {
		t.Errorf("the other process's setting was lost: minutes = %d", set.MinutesPerCall)
	}
}

func TestChangedSeesOtherWriters(t *testing.T) {
	t.Parallel()
	s1, s2, path := twoHandles(t)
	ctx := t.Context()
	c := mustAdd(t, s2, person("Jane Doe", "A", day0))
	changed := func() bool {
		t.Helper()
		ch, err := s1.Changed(ctx)
		if err != nil {
			t.Fatal(err)
		}
		return ch
	}
	steps := []struct {
		name string
		do   func()
		want bool
	}{
		{"first look", func() {}, false},
		{"nothing happened", func() {}, false},
		{"the other handle reads", func() { s2.Today(ctx, day0) }, false},
		{"the other handle logs a call", func() {
			mustLog(t, s2, store.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, Today: day0})
		}, true},
		{"looked again", func() {}, false},
		// A team book does not announce drafts: they are saved every second
		// or two while someone types.
		{"the other handle saves a draft", func() {
			if err := s2.SaveDraft(ctx, rotation.Draft{ContactID: c.ID, Note: "x"}); err != nil {
				t.Fatal(err)
			}
		}, !pgtest.Postgres()},
		{"the other handle fails to write", func() {
			s2.LogCall(ctx, store.LogEntry{ContactID: 4242, Outcome: rotation.Reached, Today: day0})
		}, false},
		{"this handle writes", func() {
			if _, err := s1.AddNote(ctx, c.ID, "mine", day0.Time(), day0); err != nil {
				t.Fatal(err)
			}
		}, true},
		{"another program writes", func() {
			mustExec(t, rawDB(t, path), "INSERT INTO settings (key, value) VALUES ('minutes', '20')")
		}, true},
		{"quiet again", func() {}, false},
	}
	for _, st := range steps {
		st.do()
		got := changed()
		if pgtest.Postgres() {
			// Notifications arrive on their own time: a change is waited
			// for (a few seconds at most), a quiet step given a moment to
			// prove quiet.
			deadline := time.Now().Add(3 * time.Second)
			for st.want && !got && time.Now().Before(deadline) {
				time.Sleep(20 * time.Millisecond)
				got = changed()
			}
			if !st.want && !got {
				time.Sleep(150 * time.Millisecond)
				got = changed()
			}
		}
		if got != st.want {
			t.Errorf("%s: Changed = %v, want %v", st.name, got, st.want)
		}
	}
}
