package tui

import (
	"strings"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Clean makes text from the book safe to show in a terminal: control
// characters (ESC, CSI, OSC 52 and the like) are shown in caret notation
// (^[) instead of being obeyed, invalid UTF-8 becomes U+FFFD, and
// direction overrides are dropped. Newlines and tabs are kept; the text is
// otherwise unchanged, so plain names and notes print exactly.
func Clean(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune('\uFFFD')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20:
			b.WriteByte('^')
			b.WriteByte(byte(r) + '@')
		case r == 0x7f:
			b.WriteString("^?")
		case r >= 0x80 && r < 0xa0:
			b.WriteRune('\uFFFD')
		case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
			// bidi overrides could make a name display as another
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPlain reports whether s needs no cleaning (the common case, checked
// without allocating).
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f || c >= 0x80 {
			return !needsRuneCheck(s[i:])
		}
	}
	return true
}

func needsRuneCheck(s string) bool {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if r == utf8.RuneError && size == 1 || r < 0x20 && r != '\n' && r != '\t' || r == 0x7f ||
			r >= 0x80 && r < 0xa0 || r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 {
			return true
		}
	}
	return false
}

// OneLine is Clean with newlines and tabs turned into spaces, for list
// rows and headers.
func OneLine(s string) string {
	s = Clean(s)
	if strings.ContainsAny(s, "\n\t\r") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return s
}

// truncate cuts s (which may hold styles) to width terminal cells, with an
// ellipsis when something was cut. Wide characters (CJK, emoji) count as
// two cells and are never split.
func truncate(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) <= width {
		return s
	}
	return ansi.Truncate(s, width, "…")
}

// pad fills plain text with spaces up to width cells.
func pad(s string, width int) string {
	if w := ansi.StringWidth(s); w < width {
		return s + repeat(" ", width-w)
	}
	return s
}

// wrap breaks text to width cells, keeping its own line breaks.
func wrap(s string, width int) string {
	if width <= 0 {
		return s
	}
	return ansi.Wrap(s, width, " ")
}

// stripStyles removes escape sequences that the interface itself added.
func stripStyles(s string) string { return ansi.Strip(s) }

// repeat is strings.Repeat that gives "" for a count below one: widths
// computed for a tiny terminal go negative, and strings.Repeat panics on
// a negative count.
func repeat(s string, n int) string {
	if n < 1 {
		return ""
	}
	return strings.Repeat(s, n)
}
