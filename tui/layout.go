package tui

import (
	"strings"

	"charm.land/bubbles/v2/textinput"

	"github.com/charmbracelet/x/ansi"
)

// The helpers below lay out blocks of text line by line. They do what
// lipgloss's Height, MaxHeight and JoinHorizontal do for this interface,
// without re-measuring every line through a full style render on each
// keypress.

// fitHeight cuts s to h lines, or pads it with empty lines up to h.
func fitHeight(s string, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:h]
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

// fitWidth cuts every line of s to width cells, whatever drew it: the
// last guard that no screen, at any terminal size, has a line wider than
// the terminal (which would wrap and push the header off the top).
func fitWidth(s string, width int) string {
	width = max(width, 1)
	if !strings.Contains(s, "\n") {
		return truncate(s, width)
	}
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = truncate(l, width)
	}
	return strings.Join(lines, "\n")
}

// beside puts right to the right of left, which is padded to width
// leftWidth, with sep between them; the result has the height of the
// taller block, cut to h lines.
func beside(left string, leftWidth int, sep, right string, h int) string {
	ls := strings.Split(fitHeight(left, h), "\n")
	rs := strings.Split(fitHeight(right, h), "\n")
	var b strings.Builder
	for i := range h {
		l := ls[i]
		w := ansi.StringWidth(l)
		if w > leftWidth {
			l, w = ansi.Truncate(l, leftWidth, "…"), leftWidth
		}
		b.WriteString(l)
		b.WriteString(repeat(" ", leftWidth-w))
		b.WriteString(sep)
		b.WriteString(rs[i])
		if i < h-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// prefixLines puts prefix (e.g. a styled border) before every line.
func prefixLines(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// newInput is a one-line text input with a steady cursor (no blink timer
// per keystroke, calmer on the eye).
func newInput(isDark bool) textinput.Model {
	in := textinput.New()
	restyleInput(&in, isDark)
	return in
}

// restyleInput gives an input the styles of a light or dark terminal.
func restyleInput(in *textinput.Model, isDark bool) {
	st := textinput.DefaultStyles(isDark)
	st.Cursor.Blink = false
	in.SetStyles(st)
}
