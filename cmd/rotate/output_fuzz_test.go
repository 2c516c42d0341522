package main

import (
	"bytes"
	"regexp"
	"testing"

	"rotate/rotation"
)

// sgr is the only escape sequence human output may carry: colour.
var sgr = regexp.MustCompile("\x1b\\[[0-9;:]*m")

// FuzzHumanOutput: whatever text a command prints, styled or not, the
// terminal gets no escape sequence but colour and no control character
// but newline and tab (termGuard), and --json no raw C1 or bidi control.
func FuzzHumanOutput(f *testing.F) {
	for _, s := range []string{"Mallory", "Mal\x1b]52;c;ZXZpbA==\x07lory", "\x1b[2J\x1b[6n\u009b6n\u202e", "\x1b[31mred\x1b[0m", "a\rb\x7f\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var buf bytes.Buffer
		o := newOutput(&buf, []string{"COLORTERM=truecolor", "TERM=xterm-256color", "CLICOLOR_FORCE=1"})
		o.printf("%s %s\n", s, o.bold.Render(s))
		o.table([][]string{{s, o.warn.Render(s)}, {"x", s}})
		out := sgr.ReplaceAllString(buf.String(), "")
		for _, r := range out {
			if r != '\n' && r != '\t' && rotation.Unsafe(r) {
				t.Fatalf("%q printed as %q: holds %U", s, buf.String(), r)
			}
		}
		buf.Reset()
		if err := o.json(map[string]string{"name": s}); err != nil {
			t.Fatal(err)
		}
		for _, r := range buf.String() {
			if r != '\n' && rotation.Unsafe(r) {
				t.Fatalf("%q as JSON %q: holds %U", s, buf.String(), r)
			}
		}
	})
}
