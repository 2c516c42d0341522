package tui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"rotate/rotation"
)

// Text typed in the log form lands where the cursor shows it: tab from
// the notes goes to the new follow-ups (not the checklist of open ones),
// letters in the checklist start a new follow-up, and letters on the
// outcome row that are no outcome go to the notes. Nothing is ticked
// that was not ticked on purpose.
func TestLogFormTypingLandsWhereShown(t *testing.T) {
	tests := []struct {
		name      string
		keys      []string
		note      string
		outcome   rotation.Outcome
		newFUs    []string
		ticked    int
		wantFocus field
	}{
		{"notes then tab then a follow-up",
			[]string{"r", "type:Recital went great.", "tab", "type:Ask about the Norway trip"},
			"Recital went great.", rotation.Reached, []string{"Ask about the Norway trip"}, 0, fieldNew},
		{"space after tab is typed, not a tick",
			[]string{"r", "type:Fine.", "tab", "type: Send the brochure"},
			"Fine.", rotation.Reached, []string{"Send the brochure"}, 0, fieldNew},
		{"letters in the checklist start a new follow-up",
			[]string{"r", "ctrl+t", "down", "type:Ask about Norway"},
			"", rotation.Reached, []string{"Ask about Norway"}, 0, fieldNew},
		{"space in the checklist ticks on purpose",
			[]string{"r", "ctrl+t", "down", "space", "tab", "type:Ask about Norway"},
			"", rotation.Reached, []string{"Ask about Norway"}, 1, fieldNew},
		{"a note typed before the outcome goes to the notes",
			[]string{"type:Spoke about the trip"},
			"Spoke about the trip", "", nil, 0, fieldNote},
		{"three tabs from the outcome reach the next date",
			[]string{"r", "tab", "tab", "type:fri"},
			"", rotation.Reached, nil, 0, fieldNext},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newBook(t)
			seedBook(t, s)
			m := logKeys(t, open(t, s, 80, 24), tt.keys...)
			f := m.log
			if f.note.Value() != tt.note || f.outcome != tt.outcome || f.focus != tt.wantFocus {
				t.Fatalf("note %q outcome %q focus %v; want %q %q %v\n%s", f.note.Value(), f.outcome, f.focus,
					tt.note, tt.outcome, tt.wantFocus, screen(m))
			}
			e, _ := f.entry(today, rotation.DefaultCalendar(), clock())
			if !slices.Equal(e.NewFollowUps, tt.newFUs) || len(f.ticked) != tt.ticked {
				t.Fatalf("new follow-ups %q, %d ticked; want %q, %d\n%s", e.NewFollowUps, len(f.ticked), tt.newFUs, tt.ticked, screen(m))
			}
		})
	}
}

// The seen fault, end to end: notes, tab, a follow-up, save. The new
// follow-up is stored and the open ones stay open.
func TestFollowUpAfterNotesIsSavedAndNothingResolved(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := logKeys(t, open(t, s, 80, 24), "r", "type:Recital went great.", "tab", "type:Ask about the Norway trip", "ctrl+s")
	if m.log != nil {
		t.Fatalf("not saved:\n%s", screen(m))
	}
	ctx := context.Background()
	c, _ := s.Find(ctx, "Jane Doe")
	open, _ := s.FollowUps(ctx, c.ID, true)
	var texts []string
	for _, f := range open {
		texts = append(texts, f.Text)
	}
	want := []string{"Ask about the Norway trip", "How was the Alaska cruise?", "How did Jennifer's ballet recital go?"}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Fatalf("open follow-ups = %q, want %q", texts, want)
	}
}

// The new follow-ups box grows with its lines: the earlier ones stay in
// view while the next is typed.
func TestNewFollowUpsBoxGrows(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := logKeys(t, open(t, s, 80, 24), "r", "tab",
		"type:Ask about Norway", "enter", "type:Send the brochure", "enter", "type:Book the review")
	out := screen(m)
	for _, want := range []string{"│Ask about Norway", "│Send the brochure", "│Book the review"} {
		if !strings.Contains(out, want) {
			t.Errorf("screen lacks %q:\n%s", want, out)
		}
	}
	if n := len(strings.Split(out, "\n")); n > 24 {
		t.Fatalf("%d lines at 80x24", n)
	}
	if !strings.Contains(out, "Next call") {
		t.Fatalf("the next date went off screen:\n%s", out)
	}
	// More than the screen has room for: the box scrolls, the latest
	// lines and the proposed next date stay in view.
	m = run(t, m, press("enter"))
	m = run(t, m, typeText("Call the son")...)
	m = run(t, m, press("enter"))
	m = run(t, m, typeText("Check the pension")...)
	out = screen(m)
	for _, want := range []string{"│Book the review", "│Call the son", "│Check the pension", "→ Mon 22 Feb 2027"} {
		if !strings.Contains(out, want) {
			t.Errorf("screen lacks %q:\n%s", want, out)
		}
	}
	if n := len(strings.Split(out, "\n")); n > 24 {
		t.Fatalf("%d lines at 80x24", n)
	}
}

// Every outcome key is on screen whatever the form's width: at 80
// columns, and beside the briefing on a wider terminal where the form is
// narrower, on a second line if needed.
func TestOutcomeRowShowsEveryKey(t *testing.T) {
	for _, w := range []int{80, 100, 120, 140} {
		s := newBook(t)
		seedBook(t, s)
		m := logKeys(t, open(t, s, w, 24))
		out := screen(m)
		for _, want := range []string{"r reached", "v voicemail", "n no answer", "c callback", "w wrong no.", "x not a fit"} {
			if !strings.Contains(out, want) {
				t.Errorf("width %d: no %q:\n%s", w, want, out)
			}
		}
		if n := len(strings.Split(out, "\n")); n > 24 {
			t.Errorf("width %d: %d lines", w, n)
		}
	}
}

// A note whose first letter is an outcome key (w, x) picks that outcome:
// seen, "wife answered, Tina in hospital" paused the contact. The
// outcome is said in words (seen without colour), and the outcomes that
// take the contact out of the rotation ask at ctrl+s; any other key goes
// on editing and the note is never lost.
func TestOutcomeOutOfRotationIsSaidAndAsked(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	m := logKeys(t, open(t, s, 80, 24), "type:wife answered, Tina in hospital")
	if out := screen(m); !strings.Contains(out, "outcome: wrong number — pauses Jane Doe until the number is fixed") {
		t.Fatalf("the outcome is not said in words:\n%s", out)
	}
	m = keysThen(t, m, "ctrl+s")
	if c, _ := s.Find(ctx, "Jane Doe"); c.Status != rotation.Active || m.log == nil ||
		!strings.Contains(screen(m), "Wrong number pauses Jane Doe until the number is fixed: ctrl+s again saves") {
		t.Fatalf("ctrl+s on a wrong number did not ask (status %s):\n%s", c.Status, screen(m))
	}
	// Any other key: no; the note is as typed, the outcome can change.
	m = keysThen(t, m, "shift+tab", "r")
	if c, _ := s.Find(ctx, "Jane Doe"); c.Status != rotation.Active || m.log == nil || m.log.outcome != rotation.Reached ||
		m.log.note.Value() != "ife answered, Tina in hospital" || strings.Contains(screen(m), "ctrl+s again saves") {
		t.Fatalf("after another key: status %s, outcome %q, note %q\n%s", c.Status, m.log.outcome, m.log.note.Value(), screen(m))
	}
	// Not a fit asks too; ctrl+s twice saves it.
	m = keysThen(t, m, "shift+tab", "x", "ctrl+s")
	if !strings.Contains(screen(m), "Not a fit archives Jane Doe: ctrl+s again saves") {
		t.Fatalf("not a fit did not ask:\n%s", screen(m))
	}
	m = keysThen(t, m, "ctrl+s")
	if c, _ := s.Find(ctx, "Jane Doe"); c.Status != rotation.Archived || m.log != nil {
		t.Fatalf("ctrl+s twice: %s\n%s", c.Status, screen(m))
	}
}
