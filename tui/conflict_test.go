package tui

import (
	"context"
	"strings"
	"testing"

	"rotate/rotation"
)

// TestConflictChoices: after a save refused because the other member
// logged the contact meanwhile, the form shows their call and three
// choices, and does only what was chosen (issue 18: a second ctrl+s
// logged the same client twice on one day without asking).
func TestConflictChoices(t *testing.T) {
	ctx := context.Background()
	const theirs, mine = "Alice left a message about the renewal.", "Recital went great."
	tests := []struct {
		name     string
		kind     string   // what the person signed in is
		extra    []string // typed before the save
		choice   []string
		open     bool   // the form is still open after
		calls    int    // Jane's calls after (2 before the save)
		newest   string // the newest call's kind and note, "kind:note"
		other    string // the other call's note after
		draft    string // the draft kept ("" none)
		status   string // on the status line
		asksLine bool   // the choices are still on screen
	}{
		{name: "a as an owner edits their call", kind: "owner", choice: []string{"a"}, calls: 2,
			newest: "call:" + theirs + "\n\n" + mine, other: theirs + "\n\n" + mine, status: "Added your note to"},
		{name: "a as an assistant adds a note beside it", kind: "assistant", choice: []string{"a"}, calls: 3,
			newest: "note:" + mine, other: theirs, status: "Added your note to"},
		{name: "s logs a second call", kind: "assistant", choice: []string{"s"}, calls: 3,
			newest: "call:" + mine, other: theirs, status: "Saved Jane Doe"},
		{name: "d keeps a draft", kind: "assistant", choice: []string{"d"}, calls: 2,
			newest: "call:" + theirs, other: theirs, draft: mine, status: "Kept as Jane Doe's draft"},
		{name: "esc keeps a draft", kind: "owner", choice: []string{"esc"}, calls: 2,
			newest: "call:" + theirs, other: theirs, draft: mine, status: "Kept as Jane Doe's draft"},
		{name: "ctrl+s only asks again", kind: "owner", choice: []string{"ctrl+s"}, open: true, calls: 2,
			newest: "call:" + theirs, other: theirs, draft: mine, status: "a, s or d above", asksLine: true},
		{name: "a with follow-ups says what to do", kind: "owner", extra: []string{"tab", "type:Send the form"},
			choice: []string{"a"}, open: true, calls: 2, newest: "call:" + theirs, other: theirs, draft: mine,
			status: "Follow-ups go with a call of your own", asksLine: true},
		{name: "other keys change nothing", kind: "owner", choice: []string{"type:zz"}, open: true, calls: 2,
			newest: "call:" + theirs, other: theirs, draft: mine, status: "a, s or d above", asksLine: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newTeamBook(t)
			b.kind = tt.kind
			keys := append([]string{"enter", "r", "type:" + mine}, tt.extra...)
			m := keysThen(t, openOn(t, b, 140, 40), keys...)
			jane := b.otherLogs(t, "Jane Doe", rotation.Voicemail, theirs)
			m = keysThen(t, m, "ctrl+s")
			if m.log == nil || m.log.clash == nil {
				t.Fatalf("no choices after the refused save:\n%s", screen(m))
			}
			out := screen(m)
			for _, want := range []string{"logged this meanwhile", theirs, "a add my note to that call", "s log mine as a second call", "d keep it as a draft"} {
				if !strings.Contains(out, want) {
					t.Fatalf("the form does not show %q:\n%s", want, out)
				}
			}
			m = keysThen(t, m, tt.choice...)
			out = screen(m)
			if (m.log != nil) != tt.open {
				t.Fatalf("form open = %v, want %v:\n%s", m.log != nil, tt.open, out)
			}
			if !strings.Contains(out, tt.status) {
				t.Fatalf("no %q on screen:\n%s", tt.status, out)
			}
			if got := strings.Contains(out, "a add my note to that call"); got != tt.asksLine {
				t.Fatalf("choices on screen = %v, want %v:\n%s", got, tt.asksLine, out)
			}
			calls, err := b.book.Calls(ctx, jane.ID, 10)
			if err != nil {
				t.Fatal(err)
			}
			if len(calls) != tt.calls {
				t.Fatalf("%d calls, want %d: %+v", len(calls), tt.calls, calls)
			}
			if got := string(calls[0].Kind) + ":" + calls[0].Note; got != tt.newest {
				t.Errorf("newest = %q, want %q", got, tt.newest)
			}
			for _, c := range calls {
				if c.Outcome == rotation.Voicemail && c.Note != tt.other {
					t.Errorf("the other call's note = %q, want %q", c.Note, tt.other)
				}
			}
			d, ok, err := b.book.Draft(ctx, jane.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got := map[bool]string{true: d.Note}[ok]; got != tt.draft {
				t.Errorf("draft = %q, want %q", got, tt.draft)
			}
		})
	}
}
