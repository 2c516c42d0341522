package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"rotate/rotation"
	"rotate/rotation/interchange"
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
	cw := colorprofile.NewWriter(w, environ) // detects the terminal of w
	cw.Forward = termGuard{w}
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

// json writes v as the one JSON document of a --json command. Control
// characters of the book are escaped, the C1 and bidi ones too (which
// encoding/json leaves raw): the same text to a program, nothing a
// terminal acts on.
func (o *output) json(v any) error {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := o.raw.Write(interchange.EscapeJSON(buf.Bytes()))
	return err
}

// printable makes text from the book safe to print to a terminal: escape
// sequences and control characters are shown, not obeyed.
func printable(s string) string { return rotation.Printable(s) }

// printableLine is printable on one line: for names in sentences, table cells and
// error messages (docs/CLI.md: an error is one line).
func printableLine(s string) string { return rotation.PrintableLine(s) }

// termGuard is the last step of human output: it lets through the colour
// sequences the styles write (SGR, ESC [ … m) and shows any other escape
// or control character in caret form (rotation.Printable). Every command
// cleans the text it prints from the book; this makes sure that one it
// forgot cannot clear the screen, retitle the window or make the terminal
// answer into the shell.
type termGuard struct{ w io.Writer }

func (g termGuard) Write(p []byte) (int, error) {
	s := string(p)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if s[i] == 0x1b {
			n := sgrLen(s[i:])
			if n == 0 {
				b.WriteString("^[")
				n = 1
			} else {
				b.WriteString(s[i : i+n])
			}
			i += n
			continue
		}
		j := strings.IndexByte(s[i:], 0x1b)
		if j < 0 {
			j = len(s) - i
		}
		b.WriteString(rotation.Printable(s[i : i+j]))
		i += j
	}
	if _, err := io.WriteString(g.w, b.String()); err != nil {
		return 0, err
	}
	return len(p), nil
}

// sgrLen is the length of the SGR sequence s starts with, or 0.
func sgrLen(s string) int {
	if !strings.HasPrefix(s, "\x1b[") {
		return 0
	}
	for n := 2; n < len(s); n++ {
		switch c := s[n]; {
		case c == 'm':
			return n + 1
		case c >= '0' && c <= '9', c == ';', c == ':':
		default:
			return 0
		}
	}
	return 0
}

// table prints rows with columns padded to their widest cell, measured in
// terminal cells so names with accents, CJK or emoji still line up. The
// last column is never padded.
func (o *output) table(rows [][]string, styles ...func(col int, cell string) string) {
	o.tableFit(rows, 0, styles...)
}

// dimFirst is a table style that dims the first column: the labels of a
// table of label and value, the ids of a list.
func (o *output) dimFirst(col int, cell string) string {
	if col == 0 {
		return o.dim.Render(cell)
	}
	return cell
}

// lineWidth is the width ordinary output keeps to.
const lineWidth = 80

// tableFit is table, except that when keep > 0 a row longer than
// lineWidth puts its cells from column keep on continuation lines,
// indented under the second column, one cell a line where together they
// are still too long; those columns do not widen the others.
func (o *output) tableFit(rows [][]string, keep int, styles ...func(col int, cell string) string) {
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
	styled := func(i int, c string) string {
		for _, st := range styles {
			c = st(i, c)
		}
		return c
	}
	line := func(r []string) (string, int) {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		var b strings.Builder
		w := 0
		for i, c := range r {
			b.WriteString(styled(i, c))
			w += ansi.StringWidth(c)
			if i < len(r)-1 {
				pad := widths[i] - ansi.StringWidth(c) + 2
				b.WriteString(strings.Repeat(" ", pad))
				w += pad
			}
		}
		return strings.TrimRight(b.String(), " "), w
	}
	for _, r := range rows {
		l, w := line(r)
		if keep <= 0 || keep >= len(r) || w <= lineWidth {
			o.printf("%s\n", l)
			continue
		}
		l, _ = line(r[:keep])
		o.printf("%s\n", l)
		indent := strings.Repeat(" ", widths[0]+2)
		var tail, styledTail []string
		for i, c := range r[keep:] {
			if c != "" {
				tail, styledTail = append(tail, c), append(styledTail, styled(keep+i, c))
			}
		}
		if len(indent)+ansi.StringWidth(strings.Join(tail, "  ")) <= lineWidth {
			o.printf("%s%s\n", indent, strings.Join(styledTail, "  "))
			continue
		}
		for _, c := range styledTail {
			o.printf("%s%s\n", indent, c)
		}
	}
}

func itoa(n int) string { return fmt.Sprint(n) }

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
