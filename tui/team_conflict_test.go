package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// TestConflictKeepsTheCall: the other member logged the contact while the
// form was open. The save is refused, nothing of the form is lost, the
// note is kept as a draft, the line says what happened, the other call
// shows; saving again then goes through.
func TestConflictKeepsTheCall(t *testing.T) {
	ctx := context.Background()
	for _, w := range []int{80, 140} {
		t.Run(fmt.Sprint(w), func(t *testing.T) {
			b := newTeamBook(t)
			m := keysThen(t, openOn(t, b, w, 40), "enter", "r", "type:Recital went great.", "ctrl+t", "down", "space", "tab",
				"type:Ask about Norway", "tab", "type:next friday")
			jane := b.otherLogs(t, "Jane Doe", rotation.Voicemail, "Alice left a message about the renewal.")
			m = keysThen(t, m, "ctrl+s")

			f := m.log
			if f == nil {
				t.Fatalf("the form closed on a refused save:\n%s", screen(m))
			}
			if f.note.Value() != "Recital went great." || f.outcome != rotation.Reached ||
				f.newFU.Value() != "Ask about Norway" || f.next.Value() != "next friday" || len(f.ticked) != 1 {
				t.Fatalf("the form lost something: note %q outcome %q new %q next %q ticked %v",
					f.note.Value(), f.outcome, f.newFU.Value(), f.next.Value(), f.ticked)
			}
			out := screen(m)
			if !strings.Contains(out, otherLogger(b)+" logged Jane Doe meanwhile (voicemail") {
				t.Fatalf("no line about the other call:\n%s", out)
			}
			// The other call takes the place of "Last time", with the
			// three choices (conflict.go).
			if !strings.Contains(out, "logged this meanwhile · 10:30 · voicemail: “Alice left a message") {
				t.Fatalf("the other call is not shown above the notes:\n%s", out)
			}
			if d, ok, err := b.book.Draft(ctx, jane.ID); err != nil || !ok || d.Note != "Recital went great." ||
				d.FollowUps != "Ask about Norway" || d.Next != "next friday" || d.Outcome != rotation.Reached {
				t.Fatalf("draft after the refusal = %+v %v %v", d, ok, err)
			}
			calls, _ := b.book.Calls(ctx, jane.ID, 5)
			if len(calls) != 2 || calls[0].Note != "Alice left a message about the renewal." {
				t.Fatalf("the refused call was saved: %+v", calls)
			}
			if !m.drafts[jane.ID] {
				t.Fatal("the list does not flag the draft")
			}
			if f.seen != calls[0].ID || f.conflict {
				t.Fatalf("seen %d after the other call %d was shown (conflict %v)", f.seen, calls[0].ID, f.conflict)
			}

			// Saving again only asks again (issue 18: a second ctrl+s
			// logged the same client twice on one day without asking);
			// s, with the other call in view, is the decision.
			m = keysThen(t, m, "ctrl+s")
			if m.log == nil || m.log.clash == nil {
				t.Fatalf("a second ctrl+s saved without a choice:\n%s", screen(m))
			}
			if calls, _ := b.book.Calls(ctx, jane.ID, 5); len(calls) != 2 {
				t.Fatalf("a second ctrl+s logged a call: %+v", calls)
			}
			m = keysThen(t, m, "s")
			if m.log != nil {
				t.Fatalf("s (log mine as a second call) was refused:\n%s", screen(m))
			}
			calls, _ = b.book.Calls(ctx, jane.ID, 5)
			if len(calls) != 3 || calls[0].Note != "Recital went great." || calls[0].Outcome != rotation.Reached {
				t.Fatalf("calls after saving again: %+v", calls)
			}
			if _, ok, _ := b.book.Draft(ctx, jane.ID); ok {
				t.Fatal("the draft outlived the saved call")
			}
			if e := b.entries(); len(e) != 2 || e[1].Seen != calls[1].ID {
				t.Fatalf("second save checked against %d, want the other call %d", e[1].Seen, calls[1].ID)
			}
		})
	}
}

// TestConflictWithoutFreshBriefingRefusesAgain: until the interface has
// shown the other call, saving again is refused again; it never moves
// Seen on by itself.
func TestConflictWithoutFreshBriefingRefusesAgain(t *testing.T) {
	b := newTeamBook(t)
	m := keysThen(t, openOn(t, b, 80, 24), "enter", "r", "type:Mine")
	b.otherLogs(t, "Jane Doe", rotation.Reached, "Theirs")
	// The save is refused, then the refresh fails: the server went away.
	next, cmd := m.Update(press("ctrl+s"))
	m = next.(Model)
	refused := drain(cmd)
	b.setDown(true)
	m = run(t, m, refused...)
	if m.log == nil || !m.log.conflict || m.log.note.Value() != "Mine" {
		t.Fatal("the refusal was not noted")
	}
	b.setDown(false)
	m = keysThen(t, m, "ctrl+s")
	if m.log == nil || m.log.note.Value() != "Mine" {
		t.Fatalf("a save without the other call in view went through:\n%s", screen(m))
	}
}

// TestConnectionTroubleOnSave: the server is gone when saving. The form
// stays with everything typed, one line says why and how to retry, the
// draft timers add no noise, and the same key saves once it is back.
func TestConnectionTroubleOnSave(t *testing.T) {
	ctx := context.Background()
	b := newTeamBook(t)
	m := keysThen(t, openOn(t, b, 80, 24), "enter", "r", "type:Do not lose this")
	b.setDown(true)
	m = keysThen(t, m, "ctrl+s")
	if m.log == nil || m.log.note.Value() != "Do not lose this" || m.log.saving {
		t.Fatalf("the form did not survive the failed save:\n%s", screen(m))
	}
	status := m.status
	if !strings.HasPrefix(status, "not saved (your note is kept; ctrl+s tries again): lost the connection to postgres://db.example") {
		t.Fatalf("status = %q", status)
	}
	// The draft timer fires while the server is away: the line stays.
	m = run(t, m, typeText(" please")...)
	m = run(t, m, draftTickMsg{contactID: m.log.contact.ID, seq: m.log.draftSeq})
	if m.status != status || m.log.note.Value() != "Do not lose this please" {
		t.Fatalf("after a failed draft: status %q note %q", m.status, m.log.note.Value())
	}
	// The help says the key tries again.
	if out := screen(run(t, m, press("esc"), press("esc"), press("shift+tab"), press("?"))); !strings.Contains(out, "save; again to retry") {
		t.Fatalf("help does not say ctrl+s retries:\n%s", out)
	}
	b.setDown(false)
	m = keysThen(t, m, "ctrl+s")
	if m.log != nil {
		t.Fatalf("the retry did not save:\n%s", screen(m))
	}
	calls, _ := b.book.Calls(ctx, b.entries()[0].ContactID, 1)
	if len(calls) != 1 || calls[0].Note != "Do not lose this please" {
		t.Fatalf("saved %+v", calls)
	}
	if m.offline {
		t.Fatal("still offline after a save went through")
	}
}

// TestPollTroubleIsCalm: a failed check for changes says so once, in a
// notice, not an error; polling goes on; when the book answers again the
// list is reloaded with what happened meanwhile.
func TestPollTroubleIsCalm(t *testing.T) {
	b := newTeamBook(t)
	m := openOn(t, b, 80, 24)
	tm := &timers{}
	m.tick = tm.tick
	b.setDown(true)
	m = run(t, m, pollMsg{})
	if !m.statusWarn || m.statusErr || !strings.Contains(m.status, "lost the connection to postgres://db.example/practice") ||
		!strings.HasSuffix(m.status, "· checking again") {
		t.Fatalf("status %q (warn %v err %v)", m.status, m.statusWarn, m.statusErr)
	}
	if !hasPoll(tm.msgs) {
		t.Fatal("polling stopped after a failed check")
	}
	seq := m.statusSeq
	m = tm.fire(t, m) // the next poll fails too
	if m.statusSeq != seq || !hasPoll(tm.msgs) {
		t.Fatalf("a second failure changed the line (%d→%d) or stopped polling", seq, m.statusSeq)
	}
	// Meanwhile the other member reached Bob; the server comes back.
	b.otherLogs(t, "Bob Smith", rotation.Reached, "")
	b.setDown(false)
	m = tm.fire(t, m)
	if m.status != "The book answers again." || m.offline {
		t.Fatalf("status %q offline %v", m.status, m.offline)
	}
	for _, it := range m.agenda.Due {
		if it.Name == "Bob Smith" {
			t.Fatalf("the list was not reloaded:\n%s", screen(m))
		}
	}
	if !strings.Contains(screen(m), "2 of 5 done") {
		t.Fatalf("the header was not reloaded:\n%s", screen(m))
	}
	if !hasPoll(tm.msgs) {
		t.Fatal("polling stopped once back")
	}
}

func hasPoll(msgs []tea.Msg) bool {
	for _, msg := range msgs {
		if _, ok := msg.(pollMsg); ok {
			return true
		}
	}
	return false
}
