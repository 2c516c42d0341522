package tui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"
)

// Text from the book is shown through rotation.Printable (and
// rotation.PrintableLine for list rows and headers): control characters
// are shown in caret notation (^[) instead of being obeyed, invalid UTF-8
// and C1 controls become U+FFFD, and direction overrides are dropped.

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
