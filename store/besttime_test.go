package store_test

import (
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// zoneOfTest reads a contact's given zone, else UTC.
func zoneOfTest(c rotation.Contact) *time.Location {
	if loc, ok := rotation.LoadZone(c.TZ); ok {
		return loc
	}
	return time.UTC
}

func TestBestTimeFromTheBook(t *testing.T) {
	b := newBook(t)
	berlin := person("Anna Berg", "A", 0)
	berlin.TZ = "Europe/Berlin"
	anna := mustAdd(t, b.Store, berlin)
	other := mustAdd(t, b.Store, person("Bo Other", "B", 0))
	// Four Tuesdays picked up at 15:10 UTC, 16:10 in Berlin; three
	// Mondays missed at 07:10 UTC; an e-mail sent, a call of hers and a
	// wrong number, which
	// say nothing about picking up.
	tue := rotation.MustDate("2026-02-03")
	for i := range 4 {
		d := tue.AddDays(7 * i)
		mustLog(t, b.Store, store.LogEntry{ContactID: anna.ID, Outcome: rotation.Reached, Today: d, At: d.Time().Add(15*time.Hour + 10*time.Minute)})
		mustLog(t, b.Store, store.LogEntry{ContactID: other.ID, Outcome: rotation.Voicemail, Today: d, At: d.Time().Add(15 * time.Hour)})
		if i < 3 {
			mon := d.AddDays(-1)
			mustLog(t, b.Store, store.LogEntry{ContactID: anna.ID, Outcome: rotation.NoAnswer, Today: mon, At: mon.Time().Add(7*time.Hour + 10*time.Minute)})
		}
	}
	mustLog(t, b.Store, store.LogEntry{ContactID: anna.ID, Kind: rotation.KindEmail, Outcome: rotation.Sent, Today: day0, At: day0.Time().Add(8 * time.Hour)})
	mustLog(t, b.Store, store.LogEntry{ContactID: anna.ID, Outcome: rotation.Reached, Direction: rotation.In, Today: day0, At: day0.Time().Add(7 * time.Hour)})
	mustLog(t, b.Store, store.LogEntry{ContactID: other.ID, Outcome: rotation.WrongNumber, Today: day0, At: day0.Time().Add(8 * time.Hour)})

	now := day0.Time().Add(12 * time.Hour)
	pattern, err := b.BookPattern(t.Context(), now, zoneOfTest)
	if err != nil {
		t.Fatal(err)
	}
	if pattern.Calls != 11 {
		t.Errorf("book pattern fitted from %d calls, want the 11 that tell (not the e-mail, her call or the wrong number)", pattern.Calls)
	}
	est, err := b.Availability(t.Context(), pattern, []rotation.Contact{mustContact(t, b.Store, anna.ID), mustContact(t, b.Store, other.ID)}, now, zoneOfTest)
	if err != nil {
		t.Fatal(err)
	}
	ws := est[anna.ID].Windows()
	if len(ws) != 1 || ws[0].String() != "Tue 16–18, reached 4 of 4" {
		t.Fatalf("Anna's best time = %v, want Tue 16–18 in Berlin time, reached 4 of 4", ws)
	}
	if est[other.ID].Calls() != 4 || est[other.ID].Windows() != nil {
		t.Errorf("Bo: %d calls, windows %v; want 4 calls and no best time", est[other.ID].Calls(), est[other.ID].Windows())
	}
	if at := time.Date(2026, 3, 10, 15, 30, 0, 0, time.UTC); est[anna.ID].RateAt(at.In(zoneOfTest(berlin))) <= est[other.ID].RateAt(at) {
		t.Errorf("on a Tuesday at 16:30 in Berlin Anna (%.2f) should be likelier to pick up than Bo (%.2f)",
			est[anna.ID].RateAt(at.In(zoneOfTest(berlin))), est[other.ID].RateAt(at))
	}
}

func TestBestTimeFollowsNewCalls(t *testing.T) {
	b := newBook(t)
	anna := mustAdd(t, b.Store, person("Anna Berg", "A", 0))
	bob := mustAdd(t, b.Store, person("Bob Other", "B", 0))
	tue := rotation.MustDate("2026-02-03")
	for i := range 4 {
		d := tue.AddDays(7 * i)
		mustLog(t, b.Store, store.LogEntry{ContactID: anna.ID, Outcome: rotation.Reached, Today: d, At: d.Time().Add(16 * time.Hour)})
		mustLog(t, b.Store, store.LogEntry{ContactID: anna.ID, Outcome: rotation.NoAnswer, Today: d.AddDays(-1), At: d.Time().Add(-15 * time.Hour)})
	}
	best := func() []rotation.CallWindow {
		t.Helper()
		ws, err := b.BestTime(t.Context(), mustContact(t, b.Store, anna.ID))
		if err != nil {
			t.Fatal(err)
		}
		if len(ws) != 1 || ws[0].String() != "Tue 16–18, reached 4 of 4" {
			t.Fatalf("best time = %v, want Tue 16–18, reached 4 of 4", ws)
		}
		return ws
	}
	before := best()[0].Rate
	if again := best()[0].Rate; again != before {
		t.Fatalf("the same book gave %.4f, then %.4f", before, again)
	}
	// The rest of the book misses on Tuesday afternoons: the book's
	// pattern, kept between briefings, is fitted again, and Anna's
	// estimate there, drawn toward it, falls.
	for i := range 8 {
		d := tue.AddDays(7 * i)
		mustLog(t, b.Store, store.LogEntry{ContactID: bob.ID, Outcome: rotation.Voicemail, Today: d, At: d.Time().Add(16*time.Hour + 30*time.Minute)})
	}
	if after := best()[0].Rate; after >= before {
		t.Errorf("Anna's Tuesday rate %.4f after the book missed there, want below %.4f", after, before)
	}
}
