package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
)

// seedZones fills a book with clients across time zones, all due today
// or overdue, at the tests' clock (10:30 UTC): Berlin 11:30 and London
// 10:30 (from the phone number) are within the calling hours, Los Angeles
// 02:30 and Tokyo 19:30 are not, and one client's zone is not known.
func seedZones(tb testing.TB, s *store.Store) {
	tb.Helper()
	ctx := context.Background()
	for _, c := range []struct {
		name, tier, due, tz, phone string
	}{
		{"Lou Angeles", "A", "2026-11-25", "America/Los_Angeles", "+1 213 555 0100"},
		{"Anna Berlin", "A", "2026-11-25", "Europe/Berlin", "+49 30 1234567"},
		{"Kenji Tokyo", "A", "2026-11-20", "Asia/Tokyo", ""},
		{"Liam London", "A", "2026-11-20", "", "+44 20 7946 0000"},
		{"Nobody Known", "B", "2026-11-25", "", "+1 800 555 0100"},
		{"Bea Berlin", "B", "2026-11-25", "Europe/Berlin", ""},
	} {
		k := rotation.Contact{Name: c.name, Tier: c.tier, TZ: c.tz,
			Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: rotation.MustDate(c.due), Status: rotation.Active}}
		if c.phone != "" {
			k.Phones = []rotation.Phone{{Number: c.phone}}
		}
		if _, err := s.AddContact(ctx, k, rotation.MustDate("2026-10-01")); err != nil {
			tb.Fatal(err)
		}
	}
}

// openZones is open with zones from phone numbers.
func openZones(tb testing.TB, s *store.Store, w, h int) Model {
	tb.Helper()
	m := New(context.Background(), asPersonal(s), Options{Today: today, Now: clock, Dark: true, NumberZone: interchange.NumberZones("")})
	m.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	m = run(tb, m, tea.WindowSizeMsg{Width: w, Height: h})
	for _, msg := range drain(m.Init()) {
		m = step(tb, m, msg, 0)
	}
	return m
}

// TestGoldenTodayLocalTimes pins Today with the clients' local times and
// the off-hours mark, and the briefing's local time.
func TestGoldenTodayLocalTimes(t *testing.T) {
	for _, size := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"140x40", 140, 40}} {
		t.Run("today_"+size.name, func(t *testing.T) {
			s := newBook(t)
			seedZones(t, s)
			golden.RequireEqual(t, screen(openZones(t, s, size.w, size.h)))
		})
	}
}

// TestTodayCallableFirst: within each priority level, those who may be
// called now come first, then those whose zone is unknown, then those
// outside their calling hours; the rows say where and when they are.
func TestTodayCallableFirst(t *testing.T) {
	s := newBook(t)
	seedZones(t, s)
	m := openZones(t, s, 140, 40)
	var names []string
	for _, it := range m.agenda.Due {
		names = append(names, it.Name)
	}
	want := []string{"Liam London", "Kenji Tokyo", "Anna Berlin", "Lou Angeles", "Bea Berlin", "Nobody Known"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Errorf("order %v, want %v", names, want)
	}
	out := screen(m)
	for _, s := range []string{"London 10:30", "Tokyo 19:30", "Berlin 11:30", "Los Angeles 02:30", "☾"} {
		if !strings.Contains(out, s) {
			t.Errorf("Today lacks %q:\n%s", s, out)
		}
	}
	if strings.Count(out, "☾") != 2 {
		t.Errorf("want 2 rows off hours:\n%s", out)
	}
	// The briefing of the first row (London, from the phone).
	if !strings.Contains(out, "local time London 10:30") {
		t.Errorf("the briefing lacks the local time:\n%s", out)
	}
	// Later hours move Tokyo and Los Angeles into or out of the hours
	// when the settings change.
	if _, err := s.SetSetting(context.Background(), "hours", "02:00-20:00"); err != nil {
		t.Fatal(err)
	}
	m = run(t, m, press("ctrl+r"))
	for _, msg := range drain(m.loadSettings()) {
		m = step(t, m, msg, 0)
	}
	if out := screen(m); strings.Contains(out, "☾") {
		t.Errorf("with hours 02:00-20:00 nobody is off hours:\n%s", out)
	}
}
