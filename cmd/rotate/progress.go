package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"golang.org/x/term"
)

// progressBar shows how far a long job is, on one line of a terminal that
// it redraws with a carriage return: "Importing  45,000/100,000 [====>  ] 45%".
// On a pipe or a file it writes nothing. It appears only once the job has
// run for a moment, so quick jobs do not flash it.
type progressBar struct {
	w     io.Writer // nil when off
	label string
	now   func() time.Time
	start time.Time
	last  time.Time
	shown bool
}

// progressDelay and progressEvery pace the redraws.
const (
	progressDelay = 300 * time.Millisecond
	progressEvery = 100 * time.Millisecond
	progressWidth = 24
)

// newProgress returns a bar on stderr if stderr is a terminal.
func (a *app) newProgress(label string) *progressBar {
	p := &progressBar{label: label, now: a.clock}
	if f, ok := a.stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		p.w = f
	}
	p.start = p.now()
	return p
}

// update shows done of total.
func (p *progressBar) update(done, total int) {
	if p.w == nil {
		return
	}
	now := p.now()
	if now.Sub(p.start) < progressDelay || (p.shown && now.Sub(p.last) < progressEvery && done < total) {
		return
	}
	p.last, p.shown = now, true
	filled := 0
	pct := 100
	if total > 0 {
		filled = done * progressWidth / total
		pct = done * 100 / total
	}
	bar := strings.Repeat("=", filled)
	if filled < progressWidth {
		bar += ">" + strings.Repeat(" ", progressWidth-filled-1)
	}
	fmt.Fprintf(p.w, "\r\x1b[K%s %s/%s [%s] %d%%", p.label, thousands(done), thousands(total), bar, pct)
}

// finish clears the line.
func (p *progressBar) finish() {
	if p.w != nil && p.shown {
		fmt.Fprint(p.w, "\r\x1b[K")
	}
}

// thousands formats n with thin separators: 100,000.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return s
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
