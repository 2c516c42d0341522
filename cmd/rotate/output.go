package main

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"rotate/rotation"
	"rotate/tui"
)

// output writes human and JSON output. Human output is styled and goes
// through a colour-profile writer, which drops colour for NO_COLOR and for
// pipes and files.
type output struct {
	raw    io.Writer
	styled io.Writer
	dim    lipgloss.Style
	bold   lipgloss.Style
	warn   lipgloss.Style
	good   lipgloss.Style
	accent lipgloss.Style
}

func newOutput(w io.Writer, environ []string) *output {
	cw := colorprofile.NewWriter(w, environ)
	return &output{
		raw:    w,
		styled: cw,
		dim:    lipgloss.NewStyle().Foreground(lipgloss.Color("8")),
		bold:   lipgloss.NewStyle().Bold(true),
		warn:   lipgloss.NewStyle().Foreground(lipgloss.Color("1")),
		good:   lipgloss.NewStyle().Foreground(lipgloss.Color("2")),
		accent: lipgloss.NewStyle().Foreground(lipgloss.Color("4")).Bold(true),
	}
}

// printf writes human output.
func (o *output) printf(format string, args ...any) {
	fmt.Fprintf(o.styled, format, args...)
}

// json writes v as the one JSON document of a --json command.
func (o *output) json(v any) error {
	enc := json.NewEncoder(o.raw)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// clean makes text from the book safe to print to a terminal: escape
// sequences and control characters are shown, not obeyed.
func clean(s string) string { return tui.Clean(s) }

// table prints rows with columns padded to their widest cell, measured in
// terminal cells so names with accents, CJK or emoji still line up. The
// last column is never padded.
func (o *output) table(rows [][]string, styles ...func(col int, cell string) string) {
	if len(rows) == 0 {
		return
	}
	widths := make([]int, len(rows[0]))
	for _, r := range rows {
		for i, c := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], ansi.StringWidth(c))
			}
		}
	}
	for _, r := range rows {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		var b strings.Builder
		for i, c := range r {
			cell := c
			for _, st := range styles {
				cell = st(i, cell)
			}
			b.WriteString(cell)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+2))
			}
		}
		o.printf("%s\n", strings.TrimRight(b.String(), " "))
	}
}

func itoa(n int) string { return fmt.Sprint(n) }

// plural says "1 day" or "3 days".
func plural(n int, word string) string {
	if n == 1 || n == -1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// outcomeStyle colours an outcome: reached green, misses and stops red.
func outcomeStyle(o *output, oc rotation.Outcome) lipgloss.Style {
	switch oc {
	case rotation.Reached:
		return o.good
	case rotation.Callback:
		return o.accent
	case rotation.Voicemail, rotation.NoAnswer, rotation.WrongNumber, rotation.NotAFit:
		return o.warn
	}
	return lipgloss.NewStyle()
}
