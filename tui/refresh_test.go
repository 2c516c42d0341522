package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store/pgtest"
)

// pollUntil polls once, and on a team book (whose changes arrive by a
// notification that takes its own few milliseconds) again until done
// says so, 3 s at most.
func pollUntil(t *testing.T, m Model, done func(Model) bool) Model {
	t.Helper()
	m = run(t, m, pollMsg{})
	for deadline := time.Now().Add(3 * time.Second); pgtest.Postgres() && !done(m) && time.Now().Before(deadline); {
		time.Sleep(20 * time.Millisecond)
		m = run(t, m, pollMsg{})
	}
	return m
}

// TestLogFormRefreshesLive: at 80x24, where no briefing sits beside the
// form, a call the other member logs while the form is open shows in the
// form itself at the next poll: the "Last time" line, the follow-ups to
// tick (one resolved by them, one added). Everything typed or chosen
// stays, ticks on follow-ups still open too; the save is still refused as
// a conflict, because the person has not yet decided with that call in
// view.
func TestLogFormRefreshesLive(t *testing.T) {
	tests := []refreshCase{
		{"Jane Doe", []string{"enter", "r", "type:Recital went great.", "ctrl+t", "down", "space", "tab", "type:Ask about Norway", "tab", "type:next friday"},
			"Last time · Thu 20 Aug · reached: Talked about Jennifer's", true},
		{"Carol King", []string{"j", "j", "enter", "r", "type:Recital went great.", "tab", "type:Ask about Norway", "tab", "type:next friday"},
			"First conversation on record.", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { logFormRefreshes(t, tt) })
	}
}

// refreshCase is a form filled in on a contact whose call another member
// logs meanwhile.
type refreshCase struct {
	name   string
	keys   []string // from the list to a filled-in form
	before string   // the form's line about the last call
	ticked bool     // a follow-up is ticked before the refresh
}

// logFormRefreshes fills the form in, has the other member log the
// contact, and checks the form refreshed live and its saving.
func logFormRefreshes(t *testing.T, tt refreshCase) {
	b := newTeamBook(t)
	m := keysThen(t, openOn(t, b, 80, 24), tt.keys...)
	if m.log == nil || m.log.contact.Name != tt.name {
		t.Fatalf("no form for %s:\n%s", tt.name, screen(m))
	}
	if out := screen(m); !strings.Contains(out, tt.before) {
		t.Fatalf("before the refresh, no %q:\n%s", tt.before, out)
	}
	seen, ticked := m.log.seen, m.log.ticked
	var keepTick int64
	for id := range ticked {
		keepTick = id
	}

	c := logMeanwhile(t, b, tt.name, keepTick)
	const after = "Last time · Wed 25 Nov · voicemail: Alice left a message about the renewal."
	m = pollUntil(t, m, func(m Model) bool { return strings.Contains(screen(m), after) })
	checkRefreshedForm(t, m, tt, c, after, keepTick, seen)
	checkSaveAfterRefresh(t, m, b, tt, c, keepTick, seen)
}

// logMeanwhile: the other member reaches voicemail, resolves the
// follow-up not ticked here and adds one. It gives the contact.
func logMeanwhile(t *testing.T, b *teamBook, name string, keepTick int64) rotation.Contact {
	ctx := context.Background()
	c, err := b.book.Find(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	open, err := b.book.FollowUps(ctx, c.ID, true)
	if err != nil {
		t.Fatal(err)
	}
	var resolve []int64
	for _, fu := range open {
		if fu.ID != keepTick {
			resolve = append(resolve, fu.ID)
			break
		}
	}
	if _, err := b.book.LogCall(ctx, rotation.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, At: clock(), Today: today,
		Note: "Alice left a message about the renewal.", Resolve: resolve, NewFollowUps: []string{"Send the renewal papers"}}); err != nil {
		t.Fatal(err)
	}
	return c
}

// checkRefreshedForm checks the form after the refresh: the other call
// shown, the follow-ups offered updated, what was typed untouched.
func checkRefreshedForm(t *testing.T, m Model, tt refreshCase, c rotation.Contact, after string, keepTick, seen int64) {
	out := screen(m)
	if !strings.Contains(out, after) || strings.Contains(out, tt.before) {
		t.Fatalf("the form's last time was not refreshed:\n%s", out)
	}
	if !strings.Contains(out, "[ ] Send the renewal papers") {
		t.Fatalf("the new follow-up is not offered to tick:\n%s", out)
	}
	if strings.Contains(out, "How was the Alaska cruise?") {
		t.Fatalf("a follow-up resolved meanwhile is still offered:\n%s", out)
	}
	if lines := strings.Split(out, "\n"); len(lines) > 24 {
		t.Fatalf("the form is %d lines at 80x24:\n%s", len(lines), out)
	}
	f := m.log
	if f == nil || f.contact.ID != c.ID || f.note.Value() != "Recital went great." || f.outcome != rotation.Reached ||
		f.newFU.Value() != "Ask about Norway" || f.next.Value() != "next friday" || f.focus != fieldNext {
		t.Fatalf("the refresh touched the form: %+v", f)
	}
	if tt.ticked && (len(f.ticked) != 1 || !f.ticked[keepTick]) {
		t.Fatalf("ticked %v, want %d kept", f.ticked, keepTick)
	}
	if f.seen != seen {
		t.Fatalf("a live refresh moved seen from %d to %d", seen, f.seen)
	}
}

// checkSaveAfterRefresh: saving is still refused (the other call was not
// decided over); saved again, knowingly, it goes through.
func checkSaveAfterRefresh(t *testing.T, m Model, b *teamBook, tt refreshCase, c rotation.Contact, keepTick, seen int64) {
	ctx := context.Background()
	m = keysThen(t, m, "ctrl+s")
	if m.log == nil || m.log.note.Value() != "Recital went great." {
		t.Fatalf("the save went through over the other call:\n%s", screen(m))
	}
	if !strings.Contains(screen(m), otherLogger(b)+" logged "+tt.name+" meanwhile (voicemail") {
		t.Fatalf("no conflict line:\n%s", screen(m))
	}
	calls, _ := b.book.Calls(ctx, c.ID, 5)
	if len(calls) == 0 || calls[0].Note != "Alice left a message about the renewal." {
		t.Fatalf("the refused call was saved: %+v", calls)
	}
	if e := b.entries(); len(e) != 1 || e[0].Seen != seen {
		t.Fatalf("the save was checked against %+v, want %d", e, seen)
	}
	// Saved again, knowingly: it goes through, with the tick.
	m = keysThen(t, m, "ctrl+s")
	if m.log != nil {
		t.Fatalf("the second save was refused:\n%s", screen(m))
	}
	if tt.ticked {
		still, _ := b.book.FollowUps(ctx, c.ID, true)
		for _, fu := range still {
			if fu.ID == keepTick {
				t.Fatalf("the ticked follow-up is still open: %+v", still)
			}
		}
		if len(still) != 2 { // theirs and the one typed here
			t.Fatalf("open follow-ups after saving: %+v", still)
		}
	}
}

// TestHistoryRefreshes: a contact's history opened from Contacts shows a
// call logged elsewhere (here straight through the store) at the next
// poll, and at R, scrolled where it was; the Contacts list under it
// moves on too.
func TestHistoryRefreshes(t *testing.T) {
	ctx := context.Background()
	for _, how := range []string{"poll", "R"} {
		t.Run(how, func(t *testing.T) {
			s := newBook(t)
			seedBook(t, s)
			// Bob is first by name.
			m := keysThen(t, open(t, s, 80, 24), "2", "enter")
			if m.history == nil || m.history.contact.Name != "Bob Smith" {
				t.Fatalf("no history of Bob:\n%s", screen(m))
			}
			if out := screen(m); !strings.Contains(out, "Calls and notes (0)") {
				t.Fatalf("test premise: Bob has no calls:\n%s", out)
			}
			bob := m.history.contact
			if _, err := s.LogCall(ctx, rotation.LogEntry{ContactID: bob.ID, Outcome: rotation.Reached, At: clock(), Today: today,
				Note: "Logged from the other terminal.", NewFollowUps: []string{"Send the catalogue"}}); err != nil {
				t.Fatal(err)
			}
			shows := func(m Model) bool { return strings.Contains(screen(m), "Logged from the other terminal.") }
			if how == "R" {
				m = keysThen(t, m, "R")
			} else {
				m = pollUntil(t, m, shows)
			}
			out := screen(m)
			if !shows(m) || !strings.Contains(out, "Calls and notes (1)") || !strings.Contains(out, "Wed 25 Nov · reached") ||
				!strings.Contains(out, "• Send the catalogue") {
				t.Fatalf("the history was not refreshed (%s):\n%s", how, out)
			}
			if m.history.contact.ID != bob.ID || m.view != viewContacts {
				t.Fatal("the refresh left Bob's history")
			}
			m = keysThen(t, m, "esc")
			if c, ok := m.selectedContact(); !ok || c.ID != bob.ID || c.LastTalk != today {
				t.Fatalf("the Contacts list was not refreshed: %+v", c)
			}
		})
	}
}

// TestHistoryReloadAfterClose: a reload that arrives after the history
// was closed, or replaced by another contact's, opens nothing.
func TestHistoryReloadAfterClose(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := keysThen(t, open(t, s, 80, 24), "2", "enter")
	reload := drain(m.reloadHistory())
	if len(reload) != 1 {
		t.Fatalf("reload gave %v", reload)
	}
	closed := run(t, keysThen(t, m, "esc"), reload...)
	if closed.history != nil {
		t.Fatal("a late reload reopened the closed history")
	}
	other := run(t, keysThen(t, m, "esc", "j", "enter"), reload...)
	if other.history == nil || other.history.contact.Name == "Bob Smith" {
		t.Fatal("a late reload of Bob replaced another contact's history")
	}
}
