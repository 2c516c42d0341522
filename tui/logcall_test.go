package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// logKeys opens the log form on the first contact (Jane Doe) and presses
// the given keys; text entries are typed character by character.
func logKeys(t *testing.T, m Model, steps ...string) Model {
	t.Helper()
	m = run(t, m, press("enter"))
	for _, s := range steps {
		if strings.HasPrefix(s, "type:") {
			m = run(t, m, typeText(strings.TrimPrefix(s, "type:"))...)
			continue
		}
		m = run(t, m, press(s))
	}
	return m
}

func TestLogEachOutcome(t *testing.T) {
	tests := []struct {
		key      string
		outcome  rotation.Outcome
		next     string // the due date stored for Jane Doe afterwards
		status   rotation.Status
		attempts int
	}{
		{"r", rotation.Reached, "2027-02-22", rotation.Active, 0},
		{"v", rotation.Voicemail, "2026-11-26", rotation.Active, 1},
		{"n", rotation.NoAnswer, "2026-11-26", rotation.Active, 1},
		{"w", rotation.WrongNumber, "", rotation.Paused, 0},
		{"x", rotation.NotAFit, "", rotation.Archived, 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.outcome), func(t *testing.T) {
			s := newBook(t)
			seedBook(t, s)
			m := open(t, s, 80, 24)
			m = logKeys(t, m, tt.key, "type:Spoke briefly.", "ctrl+s")
			if tt.status != rotation.Active {
				// Out of the rotation: ctrl+s asks, ctrl+s again saves.
				m = keysThen(t, m, "ctrl+s")
			}
			if m.log != nil {
				t.Fatalf("form still open after save: %s", screen(m))
			}
			c, err := s.Find(context.Background(), "Jane Doe")
			if err != nil {
				t.Fatal(err)
			}
			if c.Due.String() != tt.next || c.Status != tt.status || c.Attempts != tt.attempts {
				t.Fatalf("after %s: due %q status %s attempts %d; want %q %s %d",
					tt.outcome, c.Due, c.Status, c.Attempts, tt.next, tt.status, tt.attempts)
			}
			calls, _ := s.Calls(context.Background(), c.ID, 1)
			if len(calls) != 1 || calls[0].Outcome != tt.outcome || calls[0].Note != "Spoke briefly." {
				t.Fatalf("stored call = %+v", calls)
			}
			// The list moved on: Jane is no longer due and Bob is selected.
			if it, _ := m.selected(); it.Name != "Bob Smith" {
				t.Fatalf("cursor on %q after saving, want the next contact Bob Smith", it.Name)
			}
			if !strings.Contains(screen(m), "2 of 5 done") {
				t.Fatalf("progress not updated:\n%s", screen(m))
			}
		})
	}
}

func TestLogShowsProposalAndParsesDatesLive(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 80, 24)
	m = logKeys(t, m)
	if out := screen(m); !strings.Contains(out, "r reached  v voicemail  n no answer  c callback") ||
		!strings.Contains(out, "Last time · Thu 20 Aug · reached: Talked about Jennifer") {
		t.Fatalf("log screen lacks the outcome keys or the last note:\n%s", out)
	}
	m = run(t, m, press("r"))
	if out := screen(m); !strings.Contains(out, "→ Mon 22 Feb 2027 · in 89 days · every 90d") {
		t.Fatalf("no proposal after r:\n%s", out)
	}
	m = run(t, m, press("tab"), press("tab"))
	if m.log.focus != fieldNext {
		t.Fatalf("focus = %v, want the next-date field", m.log.focus)
	}
	tests := []struct{ typed, want string }{
		{"next friday", "→ Fri 27 Nov · in 2 days · date as chosen"},
		{"in 2 weeks", "→ Wed 9 Dec · in 14 days · date as chosen"},
		{"mar 3", "→ Wed 3 Mar 2027 · in 98 days · date as chosen"},
		{"someday", `✗ "someday" is not a date`},
	}
	for _, tt := range tests {
		m.log.next.SetValue("")
		m = run(t, m, typeText(tt.typed)...)
		if out := screen(m); !strings.Contains(out, tt.want) {
			t.Errorf("typed %q: screen lacks %q:\n%s", tt.typed, tt.want, out)
		}
	}
	// An unreadable date blocks saving and keeps the form.
	m = run(t, m, press("ctrl+s"))
	if m.log == nil || !strings.Contains(screen(m), "next call: unknown date") {
		t.Fatalf("saved despite a bad date:\n%s", screen(m))
	}
}

func TestLogDateOverrideIsStored(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 80, 24)
	m = logKeys(t, m, "r", "tab", "tab", "type:in 2 weeks", "ctrl+s")
	c, _ := s.Find(context.Background(), "Jane Doe")
	if c.Due.String() != "2026-12-09" {
		t.Fatalf("due = %s, want 2026-12-09", c.Due)
	}
}

func TestCallbackNeedsADate(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 80, 24)
	m = logKeys(t, m, "c", "ctrl+s")
	if m.log == nil || !strings.Contains(screen(m), "a callback needs a date") {
		t.Fatalf("callback saved without a date:\n%s", screen(m))
	}
	m = run(t, m, press("tab"), press("tab"))
	m = run(t, m, typeText("fri")...)
	m = run(t, m, press("ctrl+s"))
	c, _ := s.Find(context.Background(), "Jane Doe")
	if m.log != nil || c.Due.String() != "2026-11-27" {
		t.Fatalf("callback not saved for Friday: due %s", c.Due)
	}
}

func TestOutcomeFirst(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 80, 24)
	m = logKeys(t, m, "ctrl+s")
	if m.log == nil || !strings.Contains(screen(m), "pick how the call went first") {
		t.Fatalf("saved without an outcome:\n%s", screen(m))
	}
}

func TestTickAndAddFollowUps(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 80, 24)
	m = logKeys(t, m, "r", "type:Recital went great.", "ctrl+t")
	if m.log.focus != fieldFollowUps {
		t.Fatalf("ctrl+t from notes went to %v, want the follow-up list", m.log.focus)
	}
	// The newest follow-up is first; tick the second (the recital).
	m = run(t, m, press("down"), press("space"))
	if !strings.Contains(screen(m), "[✓] How did Jennifer's ballet recital go?") {
		t.Fatalf("tick not shown:\n%s", screen(m))
	}
	m = run(t, m, press("space"), press("space")) // untick and tick again
	m = run(t, m, press("tab"))
	m = run(t, m, typeText("Ask about the Norway trip")...)
	m = run(t, m, press("enter"))
	m = run(t, m, typeText("Send the retirement brochure")...)
	m = run(t, m, press("ctrl+s"))
	if m.log != nil {
		t.Fatalf("not saved: %s", screen(m))
	}
	c, _ := s.Find(context.Background(), "Jane Doe")
	open, _ := s.FollowUps(context.Background(), c.ID, true)
	var texts []string
	for _, f := range open {
		texts = append(texts, f.Text)
	}
	want := []string{"Send the retirement brochure", "Ask about the Norway trip", "How was the Alaska cruise?"}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Fatalf("open follow-ups = %q, want %q", texts, want)
	}
}

func TestEscAsksBeforeDroppingANote(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	t.Run("nothing typed leaves at once", func(t *testing.T) {
		m := logKeys(t, open(t, s, 80, 24), "esc")
		if m.log != nil || m.dialog != nil {
			t.Fatal("esc on an empty form did not leave")
		}
	})
	t.Run("esc then esc keeps typing", func(t *testing.T) {
		m := logKeys(t, open(t, s, 80, 24), "r", "type:Half a thought", "esc")
		if m.dialog == nil || !strings.Contains(screen(m), "Leave this call?") {
			t.Fatalf("no question:\n%s", screen(m))
		}
		m = run(t, m, press("esc"))
		if m.dialog != nil || m.log == nil || m.log.note.Value() != "Half a thought" {
			t.Fatal("esc on the question lost the note")
		}
	})
	t.Run("typing on after a stray esc goes into the note", func(t *testing.T) {
		// Seen in a trial: esc hit by mistake mid-note, typing went on,
		// and " an" vanished into the question.
		m := logKeys(t, open(t, s, 80, 24), "r", "type:Half a thought", "esc")
		m = run(t, m, typeText(" and fees")...)
		if m.dialog != nil || m.log == nil || m.log.note.Value() != "Half a thought and fees" {
			t.Fatalf("typed on: dialog %v, note %q", m.dialog != nil, m.log.note.Value())
		}
	})
	t.Run("keep as draft", func(t *testing.T) {
		m := logKeys(t, open(t, s, 80, 24), "r", "type:Half a thought", "esc", "k")
		if m.log != nil {
			t.Fatal("k did not leave the form")
		}
		jane, _ := s.Find(ctx, "Jane Doe")
		d, ok, err := s.Draft(ctx, jane.ID)
		if err != nil || !ok || d.Note != "Half a thought" || d.Outcome != rotation.Reached {
			t.Fatalf("draft = %+v %v %v", d, ok, err)
		}
		if !strings.Contains(screen(m), "✎ draft") {
			t.Fatalf("list does not mark the draft:\n%s", screen(m))
		}
	})
	t.Run("reopening offers the draft back", func(t *testing.T) {
		m := logKeys(t, open(t, s, 80, 24))
		if m.dialog == nil || !strings.Contains(screen(m), "Continue where you left off?") ||
			!strings.Contains(screen(m), "Half a thought") {
			t.Fatalf("no draft offer:\n%s", screen(m))
		}
		m = run(t, m, press("r"))
		if m.log.note.Value() != "Half a thought" || m.log.outcome != rotation.Reached {
			t.Fatalf("restore gave note %q outcome %q", m.log.note.Value(), m.log.outcome)
		}
		m = run(t, m, typeText(" and the rest.")...)
		m = run(t, m, press("ctrl+s"))
		jane, _ := s.Find(ctx, "Jane Doe")
		if _, ok, _ := s.Draft(ctx, jane.ID); ok {
			t.Fatal("saving left the draft behind")
		}
		calls, _ := s.Calls(ctx, jane.ID, 1)
		if calls[0].Note != "Half a thought and the rest." {
			t.Fatalf("saved note = %q", calls[0].Note)
		}
	})
}

func TestDiscardRemovesTheDraft(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	jane, _ := s.Find(ctx, "Jane Doe")
	if err := s.SaveDraft(ctx, rotation.Draft{ContactID: jane.ID, Note: "old"}); err != nil {
		t.Fatal(err)
	}
	m := logKeys(t, open(t, s, 80, 24), "d")
	if m.dialog != nil || m.log == nil || m.log.note.Value() != "" {
		t.Fatal("discard did not open a fresh form")
	}
	if _, ok, _ := s.Draft(ctx, jane.ID); ok {
		t.Fatal("discarded draft is still stored")
	}
	m = run(t, m, typeText("r")...)
	m = run(t, m, typeText("new words")...)
	m = run(t, m, press("esc"), press("d"))
	if _, ok, _ := s.Draft(ctx, jane.ID); ok || m.log != nil {
		t.Fatal("d on the leave question kept a draft")
	}
}

func TestDraftIsSavedWhileTyping(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := logKeys(t, open(t, s, 80, 24), "r", "type:Typed before the crash")
	// The debounce timer fires: the model asks for a draft save.
	m = run(t, m, draftTickMsg{contactID: m.log.contact.ID, seq: m.log.draftSeq})
	d, ok, err := s.Draft(context.Background(), m.log.contact.ID)
	if err != nil || !ok || d.Note != "Typed before the crash" {
		t.Fatalf("draft after the pause = %+v %v %v", d, ok, err)
	}
	// A stale timer (typing went on) writes nothing new.
	m = run(t, m, typeText(" more")...)
	m = run(t, m, draftTickMsg{contactID: m.log.contact.ID, seq: m.log.draftSeq - 1})
	if d, _, _ := s.Draft(context.Background(), m.log.contact.ID); d.Note != "Typed before the crash" {
		t.Fatalf("stale tick wrote %q", d.Note)
	}
}

func TestCtrlCSavesTheDraftThenQuits(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := logKeys(t, open(t, s, 80, 24), "r", "type:Do not lose me")
	_, cmd := m.Update(press("ctrl+c"))
	if cmd == nil {
		t.Fatal("ctrl+c returned no command")
	}
	// A sequence: the draft write first, then quit.
	seq, ok := cmd().(tea.Msg)
	if !ok || seq == nil {
		t.Fatal("no sequence")
	}
	for _, c := range sequenceCmds(t, seq) {
		c()
	}
	d, ok, _ := s.Draft(context.Background(), m.log.contact.ID)
	if !ok || d.Note != "Do not lose me" {
		t.Fatalf("ctrl+c lost the note: %+v", d)
	}
	if pd, ok := m.PendingDraft(); !ok || pd.Note != "Do not lose me" {
		t.Fatalf("PendingDraft = %+v %v", pd, ok)
	}
}

func TestFailedSaveKeepsTheNote(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := logKeys(t, open(t, s, 80, 24), "r", "type:Important words")
	m = run(t, m, savedMsg{contactID: m.log.contact.ID, name: "Jane Doe", err: context.DeadlineExceeded})
	if m.log == nil || m.log.note.Value() != "Important words" {
		t.Fatal("a failed save dropped the form")
	}
	if !strings.Contains(screen(m), "not saved (your note is kept)") {
		t.Fatalf("no error shown:\n%s", screen(m))
	}
}

// TestLogShowsTheLastNoteAfterMisses: after voicemails without notes, the
// reference above the note is the last conversation that has one.
func TestLogShowsTheLastNoteAfterMisses(t *testing.T) {
	s := newBook(t)
	ctx := context.Background()
	c, err := s.AddContact(ctx, rotation.Contact{Name: "Victor Ng", Tier: "B",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: today.AddDays(-40)}}, today.AddDays(-60))
	if err != nil {
		t.Fatal(err)
	}
	for i, e := range []rotation.LogEntry{
		{Outcome: rotation.Reached, Today: today.AddDays(-40), Note: "Daughter starts at Leeds in September."},
		{Outcome: rotation.Voicemail, Today: today.AddDays(-9)},
		{Outcome: rotation.NoAnswer, Today: today.AddDays(-7), Next: today},
	} {
		e.ContactID = c.ID
		e.At = e.Today.Time().Add(time.Duration(10+i) * time.Hour)
		if _, err := s.LogCall(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	m := logKeys(t, open(t, s, 80, 24))
	if out := screen(m); !strings.Contains(out, "Last time · Fri 16 Oct · reached: Daughter starts at Leeds") {
		t.Fatalf("the last note is not shown for reference:\n%s", out)
	}
}

// TestDraftIsSavedDuringSteadyTyping: typing that never pauses still
// reaches the store every draftMaxWait — one longest-wait timer at a time,
// a new one after each fires — and a timer firing while the call is being
// saved writes nothing.
func TestDraftIsSavedDuringSteadyTyping(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 80, 24)
	var due []tea.Msg // the longest-wait timers started, by message
	m.tick = func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
		if msg, ok := fn(time.Time{}).(draftTickMsg); ok && msg.due {
			if d != draftMaxWait {
				t.Errorf("longest wait %v, want %v", d, draftMaxWait)
			}
			due = append(due, msg)
		}
		return nil
	}
	m = logKeys(t, m, "r", "type:steady typing")
	if len(due) != 1 {
		t.Fatalf("%d longest-wait timers for one burst of typing, want 1", len(due))
	}
	// It fires mid-typing, the pause timer never did: the text so far is saved.
	m = run(t, m, due[0])
	id := m.log.contact.ID
	if d, ok, _ := s.Draft(context.Background(), id); !ok || d.Note != "steady typing" {
		t.Fatalf("draft after the longest wait = %+v, %v", d, ok)
	}
	// Typing on starts the next one.
	m = run(t, m, typeText(" goes on")...)
	if len(due) != 2 {
		t.Fatalf("%d longest-wait timers after typing on, want 2", len(due))
	}
	// While the call is being saved, the timer writes nothing.
	m.log.saving = true
	m = run(t, m, due[1])
	if d, _, _ := s.Draft(context.Background(), id); d.Note != "steady typing" {
		t.Fatalf("a timer during the save wrote %q", d.Note)
	}
}
