package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"rotate/rotation"
	"rotate/store"
)

// backFromHoliday is a book with 12 calls overdue from before a week away
// and a capacity of 5 set by hand.
func backFromHoliday(t *testing.T) *store.Store {
	t.Helper()
	s := newBook(t)
	ctx := context.Background()
	if _, err := s.SetSetting(ctx, "capacity", "5"); err != nil {
		t.Fatal(err)
	}
	for i := range 12 {
		tier := "B"
		if i < 2 {
			tier = "A"
		}
		c := rotation.Contact{Name: fmt.Sprintf("Client %02d", i), Tier: tier,
			Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: today.AddDays(-7)}}
		if _, err := s.AddContact(ctx, c, today.AddDays(-40)); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

func TestCatchUpOffer(t *testing.T) {
	s := backFromHoliday(t)
	m := open(t, s, 80, 24)
	if out := screen(m); !strings.Contains(out, "a day holds 5: C catches up") {
		t.Fatalf("no catch-up offer in the header:\n%s", out)
	}
	m = run(t, m, press("C"))
	if m.dialog == nil || m.dialog.kind != dialogCatchUp {
		t.Fatalf("C did not show the plan:\n%s", screen(m))
	}
	out := screen(m)
	for _, want := range []string{"Catch up?", "12 calls due today; a day holds 5.", "Keep the 5 most urgent today and move 7:", "enter spread them"} {
		if !strings.Contains(out, want) {
			t.Errorf("the plan lacks %q:\n%s", want, out)
		}
	}
	// esc keeps the day as it is.
	m = run(t, m, press("esc"))
	if m.dialog != nil || len(m.agenda.Due) != 12 {
		t.Fatalf("esc: dialog %v, %d due", m.dialog, len(m.agenda.Due))
	}
	// enter spreads: five stay, the A tier among them, and the offer goes.
	m = run(t, m, press("C"), press("enter"))
	if len(m.agenda.Due) != 5 {
		t.Fatalf("%d due after the catch-up, want 5:\n%s", len(m.agenda.Due), screen(m))
	}
	for _, it := range m.agenda.Due[:2] {
		if it.Tier != "A" {
			t.Errorf("kept %s (%s) first; the A tier should stay today", it.Name, it.Tier)
		}
	}
	out = screen(m)
	if strings.Contains(out, "C catches up") || !strings.Contains(out, "Moved 7 calls") {
		t.Errorf("after the catch-up:\n%s", out)
	}
	loads, err := s.Upcoming(context.Background(), today, 10)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range loads {
		if d.Count > 5 {
			t.Errorf("%d calls on %s, over the capacity of 5", d.Count, d.Date)
		}
	}
	// A day that fits says so instead of showing an empty plan.
	m = run(t, m, press("C"))
	if m.dialog != nil || !strings.Contains(screen(m), "nothing to spread") {
		t.Errorf("C on a day that fits:\n%s", screen(m))
	}
}

// TestGoldenCatchUp keeps the catch-up offer and plan at both sizes.
func TestGoldenCatchUp(t *testing.T) {
	for _, size := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"140x40", 140, 40}} {
		t.Run(size.name, func(t *testing.T) {
			m := open(t, backFromHoliday(t), size.w, size.h)
			m = run(t, m, press("C"))
			golden.RequireEqual(t, screen(m))
		})
	}
}

// TestCatchUpOfferNarrow: on a narrow terminal the header gives up the
// time left, then the offer's wording, but keeps the key to press whole.
func TestCatchUpOfferNarrow(t *testing.T) {
	s := backFromHoliday(t)
	tests := []struct {
		width      int
		want, lose string
	}{
		{80, "0 of 12 done · ~2 h left · a day holds 5: C catches up", ""},
		{60, "0 of 12 done · a day holds 5: C catches up", "left"},
		{45, "0 of 12 done · C catches up", "holds"},
	}
	for _, tt := range tests {
		m := open(t, s, tt.width, 24)
		head := strings.SplitN(screen(m), "\n", 2)[0]
		if !strings.Contains(head, tt.want) || tt.lose != "" && strings.Contains(head, tt.lose) {
			t.Errorf("at %d columns the header is %q; want %q without %q", tt.width, head, tt.want, tt.lose)
		}
		if w := displayWidth(head); w > tt.width {
			t.Errorf("at %d columns the header is %d wide", tt.width, w)
		}
	}
}

// The catch-up names who moves where, and who stays on a date typed or
// asked for (a snooze, a callback): the plan is read before it is applied.
func TestCatchUpNamesWhoMoves(t *testing.T) {
	s := backFromHoliday(t)
	ctx := context.Background()
	list, err := s.List(ctx, store.ListFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byName := map[string]int64{}
	for _, c := range list {
		byName[c.Name] = c.ID
	}
	// Client 11 was snoozed to yesterday: a date typed, kept today.
	if err := s.SetDue(ctx, byName["Client 11"], today.AddDays(-1)); err != nil {
		t.Fatal(err)
	}
	plan, err := s.PlanCatchUp(ctx, today)
	if err != nil {
		t.Fatal(err)
	}
	m := open(t, s, 100, 30)
	m = run(t, m, press("C"))
	out := screen(m)
	if m.dialog == nil || m.dialog.kind != dialogCatchUp {
		t.Fatalf("C did not show the plan:\n%s", out)
	}
	names := map[int64]string{}
	for _, c := range list {
		names[c.ID] = c.Name
	}
	for _, mv := range plan.Moves {
		line := ""
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, mv.To.Short(today)) {
				line = l
			}
		}
		if !strings.Contains(line, names[mv.ID]) {
			t.Errorf("the plan does not say %s moves to %s:\n%s", names[mv.ID], mv.To.Short(today), out)
		}
	}
	if !strings.Contains(out, "Stay on the date typed or asked for:") || !strings.Contains(out, "Client 11") {
		t.Errorf("the plan does not name the snoozed Client 11 as kept:\n%s", out)
	}
	// At 80x24 a long list of names ends with how many more.
	m = open(t, s, 80, 24)
	m = run(t, m, press("C"))
	if out := screen(m); !strings.Contains(out, "Client") {
		t.Errorf("at 80x24 the plan names nobody:\n%s", out)
	}
}
