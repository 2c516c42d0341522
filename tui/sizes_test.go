package tui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// sweepSizes are the terminal sizes every view is drawn at: every width
// from 1 to 100 at a spread of heights, and every height from 1 to 40 at a
// spread of widths (issue 12: a resize to width 3 with the log form open
// panicked and lost the note).
func sweepSizes() [][2]int {
	var out [][2]int
	for w := 1; w <= 100; w++ {
		for _, h := range []int{1, 2, 3, 5, 10, 24, 40} {
			out = append(out, [2]int{w, h})
		}
	}
	for h := 1; h <= 40; h++ {
		for _, w := range []int{1, 2, 3, 4, 6, 9, 20, 47, 80, 99, 100, 140} {
			out = append(out, [2]int{w, h})
		}
	}
	return out
}

// TestEveryViewAtEverySize opens each screen at 80x24, then resizes it
// through sweepSizes: nothing may panic (Crashed stays empty: View and
// Update recover, so a panic shows there) and no line of the screen may be
// wider than the terminal. The log form is swept with a note typed, and
// must still hold it at the end.
func TestEveryViewAtEverySize(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	note := "Asked about the new contract; call back after the board meeting"
	screens := []struct {
		name string
		keys []string
	}{
		{"today", nil},
		{"briefing", []string{"b"}},
		{"log_form", []string{"enter", "r", "type:" + note}},
		{"log_form_date", []string{"enter", "r", "type:" + note, "tab", "tab", "type:next friday"}},
		{"discard_dialog", []string{"enter", "r", "type:" + note, "esc"}},
		{"contacts", []string{"2"}},
		{"snooze_dialog", []string{"2", "z", "type:next friday"}},
		{"contacts_filter", []string{"2", "/", "type:doe"}},
		{"contact_form", []string{"2", "a", "type:Nora Example", "tab", "type:no digits"}},
		{"history", []string{"2", "/", "type:jane", "enter", "enter"}},
		{"upcoming", []string{"3"}},
		{"upcoming_away", []string{"3", "a", "type:nov 27 to dec 1"}},
		{"stats", []string{"4"}},
		{"search", []string{"5", "type:ballet", "pause"}},
		{"help", []string{"?"}},
		{"help_log", []string{"enter", "type:x", "?"}},
	}
	for _, sc := range screens {
		t.Run(sc.name, func(t *testing.T) {
			want := ""
			if len(sc.keys) > 2 && sc.keys[2] == "type:"+note {
				want = note
			}
			sweep(t, keysThen(t, open(t, s, 80, 24), sc.keys...), want)
		})
	}
	t.Run("draft_dialog", func(t *testing.T) {
		id := open(t, s, 80, 24).agenda.Due[0].ID
		if err := s.SaveDraft(t.Context(), rotation.Draft{ContactID: id, Note: note}); err != nil {
			t.Fatal(err)
		}
		defer s.DeleteDraft(t.Context(), id)
		m := run(t, open(t, s, 80, 24), press("enter"))
		if m.dialog == nil {
			t.Fatalf("no offer of the draft:\n%s", screen(m))
		}
		sweep(t, m, "")
	})
	t.Run("catch_up", func(t *testing.T) {
		m := open(t, backFromHoliday(t), 80, 24)
		sweep(t, m, "")
		m = run(t, m, press("C"))
		if m.dialog == nil {
			t.Fatalf("C did not open the catch-up plan:\n%s", screen(m))
		}
		sweep(t, m, "")
	})
}

// sweep resizes m through sweepSizes and checks each screen; a note
// typed in the log form must be there before and after.
func sweep(t *testing.T, m Model, note string) {
	t.Helper()
	typed := note != ""
	if typed && (m.log == nil || m.log.note.Value() != note) {
		t.Fatalf("the log form does not hold the note typed:\n%s", screen(m))
	}
	for _, size := range sweepSizes() {
		w, h := size[0], size[1]
		m = run(t, m, tea.WindowSizeMsg{Width: w, Height: h})
		out := screen(m)
		if why := m.Crashed(); why != "" {
			t.Fatalf("%dx%d: panic: %s", w, h, why)
		}
		for i, line := range strings.Split(out, "\n") {
			if got := ansiWidth(line); got > w {
				t.Fatalf("%dx%d: line %d is %d wide: %q\n%s", w, h, i+1, got, line, out)
			}
		}
	}
	if typed {
		if d, ok := m.PendingDraft(); !ok || d.Note != note {
			t.Fatalf("the note was lost in the resizes: %+v", d)
		}
	}
}
