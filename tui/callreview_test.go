package tui

import (
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"

	"rotate/rotation"
)

// reviewSample is the review list of a call log: calls either way,
// answered, unanswered and missed.
func reviewSample() CallReview {
	at := func(day, h, m int) time.Time { return time.Date(2026, 12, day, h, m, 0, 0, time.UTC) }
	items := []ReviewCall{
		{Name: "Jane Roe", At: at(1, 9, 0), Direction: "out", Seconds: 95, Outcome: rotation.Reached},
		{Name: "Marco Rossi", At: at(1, 10, 30), Direction: "in", Seconds: 300, Outcome: rotation.Reached},
		{Name: "Jane Roe", At: at(1, 14, 0), Direction: "out", Seconds: 8, Outcome: rotation.NoAnswer},
		{Name: "Ana Silva", At: at(2, 8, 15), Direction: "in", Outcome: rotation.NoAnswer, Returned: true},
		{Name: "Chloé Martin", At: at(3, 9, 10), Direction: "out", Outcome: rotation.NoAnswer},
	}
	r := NewCallReview(items, "3 calls of numbers that are no contact's · 1 call skipped", true)
	next, _ := r.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
	return next.(CallReview)
}

// review feeds the list keys and text ("type:…").
func review(t *testing.T, r CallReview, keys ...string) (CallReview, tea.Cmd) {
	t.Helper()
	var cmd tea.Cmd
	for _, k := range keys {
		var msgs []tea.Msg
		if text, ok := strings.CutPrefix(k, "type:"); ok {
			msgs = typeText(text)
		} else {
			msgs = []tea.Msg{press(k)}
		}
		for _, msg := range msgs {
			var next tea.Model
			next, cmd = r.Update(msg)
			r = next.(CallReview)
		}
	}
	return r, cmd
}

func TestCallReviewKeys(t *testing.T) {
	for _, tc := range []struct {
		name     string
		keys     []string
		apply    bool
		closed   bool
		accepted []int
		notes    map[int]string
		cursor   int
	}{
		{name: "enter logs every proposal", keys: []string{"enter"}, apply: true, closed: true, accepted: []int{0, 1, 2, 3, 4}},
		{name: "esc logs nothing", keys: []string{"s", "esc"}, closed: true, accepted: []int{1, 2, 3, 4}, cursor: 1},
		{name: "q logs nothing", keys: []string{"q"}, closed: true, accepted: []int{0, 1, 2, 3, 4}},
		{name: "s skips and moves on", keys: []string{"s", "s", "a"}, accepted: []int{2, 3, 4}, cursor: 3},
		{name: "a takes a skip back", keys: []string{"s", "k", "a", "enter"}, apply: true, closed: true, accepted: []int{0, 1, 2, 3, 4}, cursor: 1},
		{name: "moving stops at the ends", keys: []string{"k", "j", "j", "j", "j", "j", "j", "s"}, accepted: []int{0, 1, 2, 3}, cursor: 4},
		{name: "n adds a note", keys: []string{"j", "n", "type:Asked about Rome", "enter"}, accepted: []int{0, 1, 2, 3, 4},
			notes: map[int]string{1: "Asked about Rome"}, cursor: 1},
		{name: "a note logs a skipped call", keys: []string{"s", "k", "n", "type:Left word", "enter"}, accepted: []int{0, 1, 2, 3, 4},
			notes: map[int]string{0: "Left word"}},
		{name: "esc drops the note being typed", keys: []string{"n", "type:never mind", "esc"}, accepted: []int{0, 1, 2, 3, 4}},
		{name: "keys in the note are text", keys: []string{"n", "type:a s q", "enter"}, accepted: []int{0, 1, 2, 3, 4},
			notes: map[int]string{0: "a s q"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, cmd := review(t, reviewSample(), tc.keys...)
			apply, accepted, notes := r.Result()
			if apply != tc.apply || r.closed != tc.closed || !slices.Equal(accepted, tc.accepted) || r.cursor != tc.cursor {
				t.Errorf("apply %v closed %v accepted %v cursor %d; want %v %v %v %d", apply, r.closed, accepted, r.cursor,
					tc.apply, tc.closed, tc.accepted, tc.cursor)
			}
			for i, n := range notes {
				if n != tc.notes[i] {
					t.Errorf("note %d = %q, want %q", i, n, tc.notes[i])
				}
			}
			if tc.closed && cmd == nil {
				t.Error("closed without quitting")
			}
		})
	}
}

// TestCallReviewView: what the rows say, and that a small or narrow
// terminal scrolls to the selected call and cuts lines to its width.
func TestCallReviewView(t *testing.T) {
	r, _ := review(t, reviewSample(), "s", "n", "type:Asked about Rome", "enter")
	s := ansi.Strip(r.View().Content)
	for _, want := range []string{
		"Calls from the phone · 5 calls proposed · 4 to log",
		"skip  Tue Dec  1 09:00  Jane Roe            → out  1:35  reached",
		"log   Tue Dec  1 10:30  Marco Rossi         ← in   5:00  reached  · Asked abo…",
		"log   Wed Dec  2 08:15  Ana Silva           ← in   0:00  missed: call back",
		"no answer",
		"Note: Asked about Rome",
	} {
		if !strings.Contains(s, want) {
			t.Errorf("the list does not show %q:\n%s", want, s)
		}
	}
	small, _ := reviewSample().Update(tea.WindowSizeMsg{Width: 40, Height: 8})
	r2, _ := review(t, small.(CallReview), "j", "j", "j", "j")
	s2 := ansi.Strip(r2.View().Content)
	if !strings.Contains(s2, "Chloé") || strings.Contains(s2, "Tue Dec  1 09:00") {
		t.Errorf("at 40x8 with the last call selected, it is not shown or the first still is:\n%s", s2)
	}
	for _, line := range strings.Split(s2, "\n") {
		if w := ansiWidth(line); w > 40 {
			t.Errorf("a line of %d columns at width 40: %q", w, line)
		}
	}
}

func TestGoldenCallReview(t *testing.T) {
	t.Run("review_80x24", func(t *testing.T) {
		r, _ := review(t, reviewSample(), "j", "j", "s")
		golden.RequireEqual(t, ansi.Strip(r.View().Content))
	})
	t.Run("note_80x24", func(t *testing.T) {
		r, _ := review(t, reviewSample(), "j", "n", "type:Asked about Rome")
		golden.RequireEqual(t, ansi.Strip(r.View().Content))
	})
}
