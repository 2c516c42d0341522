package tui

import (
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// TestGolden pins the look of the main screens at a small laptop terminal
// (80x24) and a wide one (140x40). Regenerate with `go test ./tui -update`
// and read the diff before committing it.
func TestGolden(t *testing.T) {
	screens := []struct {
		name string
		keys []string
	}{
		{"today", nil},
		{"briefing", []string{"b"}},
		{"log", []string{"enter", "r", "type:Recital went great; Jennifer got a solo.", "ctrl+t", "down", "space", "tab",
			"type:Ask about the Norway trip", "tab", "type:next friday"}},
		{"log_bad_date", []string{"enter", "v", "tab", "tab", "type:someday"}},
		{"leave_question", []string{"enter", "r", "type:Half a thought", "esc"}},
		{"help", []string{"?"}},
	}
	for _, size := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"140x40", 140, 40}} {
		for _, sc := range screens {
			t.Run(sc.name+"_"+size.name, func(t *testing.T) {
				s := newBook(t)
				seedBook(t, s)
				m := open(t, s, size.w, size.h)
				for _, k := range sc.keys {
					if len(k) > 5 && k[:5] == "type:" {
						m = run(t, m, typeText(k[5:])...)
						continue
					}
					m = run(t, m, press(k))
				}
				golden.RequireEqual(t, screen(m))
			})
		}
	}
	t.Run("empty_80x24", func(t *testing.T) {
		golden.RequireEqual(t, screen(open(t, newBook(t), 80, 24)))
	})
	t.Run("empty_140x40", func(t *testing.T) {
		golden.RequireEqual(t, screen(open(t, newBook(t), 140, 40)))
	})
}
