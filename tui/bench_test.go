package tui

import (
	"testing"
)

// BenchmarkTypeInNotes measures one keystroke in the notes editor (Update
// and View) on a wide terminal: typing must keep up with a fast typist.
func BenchmarkTypeInNotes(b *testing.B) {
	s := newBook(b)
	seedBook(b, s)
	m := open(b, s, 140, 40)
	m = run(b, m, press("enter"), press("r"))
	key := typeText("a")[0]
	b.ResetTimer()
	for b.Loop() {
		next, _ := m.Update(key)
		m = next.(Model)
		_ = m.View()
	}
}
