package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"rotate/rotation"
	"rotate/store"
)

// seedBestTimes adds calls to the seeded book: Jane picked up on five of
// six Tuesday-to-Thursday calls at 16:05 and missed three Monday mornings
// (June and July); Carol picked up on four Wednesdays at 10:15, the hour
// the tests' clock reads.
func seedBestTimes(tb testing.TB, s *store.Store) {
	tb.Helper()
	ctx := context.Background()
	byName := map[string]rotation.Contact{}
	all, err := s.AllContacts(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	for _, c := range all {
		byName[c.Name] = c
	}
	log := func(name string, at time.Time, o rotation.Outcome) {
		c := byName[name]
		if _, err := s.LogCall(ctx, rotation.LogEntry{ContactID: c.ID, Outcome: o, At: at, Today: rotation.DateOf(at)}); err != nil {
			tb.Fatal(err)
		}
	}
	mon := time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC) // a Monday
	for w := range 6 {
		week := mon.AddDate(0, 0, 7*w)
		o := rotation.Reached
		if w == 2 {
			o = rotation.NoAnswer
		}
		log("Jane Doe", week.AddDate(0, 0, 1+w%3).Add(16*time.Hour+5*time.Minute), o)
		if w < 3 {
			log("Jane Doe", week.Add(9*time.Hour+5*time.Minute), rotation.Voicemail)
		}
		if w < 4 {
			log("Carol King", week.AddDate(0, 0, 2).Add(10*time.Hour+15*time.Minute), rotation.Reached)
		}
	}
	// Logging moved their next calls: put them back as the seed had them.
	for name, due := range map[string]string{"Jane Doe": "2026-11-18", "Carol King": "2026-11-25"} {
		if err := s.SetDue(ctx, byName[name].ID, rotation.MustDate(due)); err != nil {
			tb.Fatal(err)
		}
	}
}

func dueNames(m Model) string {
	var names []string
	for _, it := range m.agenda.Due {
		names = append(names, it.Name)
	}
	return strings.Join(names, ",")
}

func TestBriefingBestTime(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	seedBestTimes(t, s)
	m := open(t, s, 140, 40)
	if m.briefing == nil || m.briefing.Contact.Name != "Jane Doe" {
		t.Fatalf("briefing = %v, want Jane's", m.briefing)
	}
	if out := screen(m); !strings.Contains(out, "best: Tue–Thu 16–18, reached 5 of 6") {
		t.Errorf("Jane's briefing lacks her best time:\n%s", out)
	}
	m = run(t, m, press("j")) // Bob: no calls, no best time
	if out := screen(m); strings.Contains(out, "best:") {
		t.Errorf("Bob's briefing shows a best time without calls:\n%s", out)
	}
}

func TestTodaySortsByLikelyNow(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	seedBestTimes(t, s)
	m := open(t, s, 80, 24)
	const priority = "Jane Doe,Bob Smith,Carol King,Jürgen Müller"
	if got := dueNames(m); got != priority {
		t.Fatalf("due order = %s, want %s", got, priority)
	}
	m = run(t, m, press("s"))
	// Wednesday 10:30: Carol picks up on Wednesday mornings; Jürgen
	// missed three calls at this hour.
	if got := dueNames(m); !strings.HasPrefix(got, "Carol King,") || !strings.HasSuffix(got, ",Jürgen Müller") {
		t.Errorf("after s, due order = %s, want Carol first and Jürgen last", got)
	}
	if out := screen(m); !strings.Contains(out, "likeliest to pick up now") {
		t.Errorf("no word on the new order:\n%s", out)
	}
	m = run(t, m, press("s"))
	if got := dueNames(m); got != priority {
		t.Errorf("after s twice, due order = %s, want the priority order %s", got, priority)
	}
}

func TestGoldenBestTime(t *testing.T) {
	for _, size := range []struct {
		name string
		w, h int
		keys []string
	}{{"80x24", 80, 24, []string{"b"}}, {"140x40", 140, 40, nil}} {
		t.Run("briefing_"+size.name, func(t *testing.T) {
			s := newBook(t)
			seedBook(t, s)
			seedBestTimes(t, s)
			m := open(t, s, size.w, size.h)
			for _, k := range size.keys {
				m = run(t, m, press(k))
			}
			golden.RequireEqual(t, screen(m))
		})
	}
}
