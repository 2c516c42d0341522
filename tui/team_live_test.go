package tui

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"rotate/rotation"
	"rotate/store"
)

// TestLoadTroubleSaysRetry: the list cannot load; the line says which key
// retries, and that key brings it back.
func TestLoadTroubleSaysRetry(t *testing.T) {
	b := newTeamBook(t)
	m := openOn(t, b, 80, 24)
	b.setDown(true)
	m = keysThen(t, m, "R")
	if !strings.HasSuffix(m.status, "· R retries") || !m.statusErr {
		t.Fatalf("status %q", m.status)
	}
	b.otherLogs(t, "Bob Smith", rotation.Reached, "")
	b.setDown(false)
	m = keysThen(t, m, "R")
	if m.status != "The book answers again." || !strings.Contains(screen(m), "2 of 5 done") {
		t.Fatalf("after retrying: status %q\n%s", m.status, screen(m))
	}
}

// TestLiveRefreshLeavesTheNoteAlone: while a note is typed, the other
// member's calls arrive: the list, the briefing beside the form and the
// form's own "Last time" are refreshed; the form stays Jane's and its
// note is not touched.
func TestLiveRefreshLeavesTheNoteAlone(t *testing.T) {
	b := newTeamBook(t)
	m := keysThen(t, openOn(t, b, 140, 40), "enter", "r", "type:Half way through a thought")
	before := m.log
	b.otherLogs(t, "Bob Smith", rotation.Reached, "")
	b.otherLogs(t, "Jane Doe", rotation.Voicemail, "Alice tried her this morning.")
	m = run(t, m, pollMsg{})
	m = run(t, m, typeText(" and on")...)
	if m.log != before || m.log.note.Value() != "Half way through a thought and on" || m.log.focus != fieldNote {
		t.Fatalf("the form changed: %+v", m.log)
	}
	if len(m.agenda.Done) != 3 {
		t.Fatalf("the list was not refreshed: %d done", len(m.agenda.Done))
	}
	out := screen(m)
	if !strings.Contains(out, "Alice tried her this morning.") {
		t.Fatalf("the briefing beside the form was not refreshed:\n%s", out)
	}
	if !strings.Contains(out, "Log call · Jane Doe") {
		t.Fatalf("the form moved on by itself:\n%s", out)
	}
	if !strings.Contains(out, "Last time · Wed 25 Nov · voicemail · by bob: Alice tried her this morning.") {
		t.Fatalf("the form's last time was not refreshed:\n%s", out)
	}
	// Jane left the list (she was logged), so the list selects someone
	// else; the briefing beside her form is still hers.
	if sel, _ := m.selected(); sel.Name == "Jane Doe" {
		t.Fatal("test premise: Jane should have left the list")
	}
	if strings.Contains(out, "Carol King") || strings.Contains(out, "Jürgen") {
		t.Fatalf("another contact's briefing beside Jane's form:\n%s", out)
	}
}

// TestDraftHeldWhileOffline: a note kept as a draft while the server is
// away is held in memory: offered back when the form opens again, asked
// about before quitting, written once the book answers.
func TestDraftHeldWhileOffline(t *testing.T) {
	ctx := context.Background()
	b := newTeamBook(t)
	m := openOn(t, b, 80, 24)
	tm := &timers{}
	m.tick = tm.tick
	m = keysThen(t, m, "enter", "r", "type:Kept in memory")
	jane := m.log.contact.ID
	b.setDown(true)
	m = keysThen(t, m, "esc", "k")
	if m.log != nil || m.held[jane].Note != "Kept in memory" {
		t.Fatalf("held = %+v", m.held)
	}
	// Were the program to end now, the held draft is handed over to be
	// saved or kept on this computer.
	if ds := m.PendingDrafts(); len(ds) != 1 || ds[0].ContactID != jane || ds[0].Note != "Kept in memory" {
		t.Fatalf("PendingDrafts = %+v", ds)
	}
	// Quitting is asked first; esc stays.
	next, cmd := m.Update(press("q"))
	m = next.(Model)
	if cmd != nil || m.dialog == nil || !strings.Contains(screen(m), "Quit while the book is out of reach?") {
		t.Fatalf("q quit without asking:\n%s", screen(m))
	}
	m = keysThen(t, m, "esc")
	if m.dialog != nil {
		t.Fatal("esc did not stay")
	}
	// The form offers it back, from memory.
	m = keysThen(t, m, "enter")
	if m.dialog == nil || !strings.Contains(screen(m), "Kept in memory") {
		t.Fatalf("the held draft was not offered:\n%s", screen(m))
	}
	m = keysThen(t, m, "r")
	if m.log == nil || m.log.note.Value() != "Kept in memory" {
		t.Fatal("restore lost the held note")
	}
	// ctrl+c asks, ctrl+c again quits.
	next, _ = m.Update(press("ctrl+c"))
	if next.(Model).dialog == nil {
		t.Fatal("ctrl+c while offline did not ask")
	}
	if _, cmd := next.(Model).Update(press("ctrl+c")); cmd == nil {
		t.Fatal("a second ctrl+c did not quit")
	}
	// The book answers: the held draft is written.
	m = keysThen(t, m, "esc", "k")
	b.setDown(false)
	m = run(t, m, pollMsg{})
	if d, ok, err := b.book.Draft(ctx, jane); err != nil || !ok || d.Note != "Kept in memory" {
		t.Fatalf("draft once back = %+v %v %v", d, ok, err)
	}
	if len(m.held) != 0 {
		t.Fatalf("still held: %+v", m.held)
	}
	if _, cmd := m.Update(press("q")); cmd == nil {
		t.Fatal("q no longer quits once the book has the note")
	}
}

// TestStoreErrorsSayWhatTheyAre: the store's own errors, not test
// doubles, are told apart by the methods the interface looks for.
func TestStoreErrorsSayWhatTheyAre(t *testing.T) {
	ctx := context.Background()
	s := newBook(t)
	seedBook(t, s)
	jane, err := s.Find(ctx, "Jane Doe")
	if err != nil {
		t.Fatal(err)
	}
	_, conflict := s.LogCall(ctx, rotation.LogEntry{ContactID: jane.ID, Outcome: rotation.Reached, At: clock(), Today: today, Seen: -1})
	_, unreachable := store.Open(ctx, "postgres://nobody:secret@127.0.0.1:1/book?connect_timeout=2", store.Options{})
	_, notFound := s.Contact(ctx, 99999)
	tests := []struct {
		name                 string
		err                  error
		conflict, connection bool
	}{
		{"conflict", conflict, true, false},
		{"wrapped conflict", errors.Join(errors.New("saving"), conflict), true, false},
		{"server away", unreachable, false, true},
		{"not found", notFound, false, false},
		{"plain", errors.New("disk full"), false, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.err == nil {
				t.Fatal("no error to classify")
			}
			if isConflict(tt.err) != tt.conflict || isConnection(tt.err) != tt.connection {
				t.Fatalf("%v: conflict %v connection %v; want %v %v", tt.err, isConflict(tt.err), isConnection(tt.err), tt.conflict, tt.connection)
			}
		})
	}
	if strings.Contains(unreachable.Error(), "secret") {
		t.Fatalf("the password shows: %v", unreachable)
	}
}

// TestGoldenTeam pins the team screens: the header with who is signed in,
// a refused save, a save without the server, a lost connection on the
// list, at 80x24 and 140x40.
// PracticeStats is the owner's dashboard: the book's own figures, with
// the people the test gives.
func (b *teamBook) PracticeStats(ctx context.Context, d rotation.Date) (rotation.Stats, []rotation.PersonStats, error) {
	st, err := b.Store.Stats(ctx, d)
	return st, b.people, err
}

// asOwner dresses the book as an owner's who gave two contacts to the
// assistant bob and kept one.
func asOwner(b *teamBook) {
	b.kind = "owner"
	b.assigned = map[string]string{"Jane Doe": "bob", "Bob Smith": "bob", "Carol King": "alice"}
	b.people = []rotation.PersonStats{
		{Role: "alice", Kind: "owner", CallsLast7Days: 2, Coverage: rotation.Coverage{Active: 4, Covered: 3}, StreakDays: 4},
		{Role: "bob", Kind: "assistant", CallsLast7Days: 7, Coverage: rotation.Coverage{Active: 2, Covered: 1}},
	}
}

func TestGoldenTeam(t *testing.T) {
	screens := []struct {
		name  string
		setup func(b *teamBook)
		do    func(t *testing.T, b *teamBook, m Model) Model
	}{
		{"contacts_owner", asOwner, func(t *testing.T, b *teamBook, m Model) Model { return keysThen(t, m, "2") }},
		{"contacts_filter_assignee", asOwner, func(t *testing.T, b *teamBook, m Model) Model {
			return keysThen(t, m, "2", "/", "type:@bob")
		}},
		{"today_all_owner", asOwner, func(t *testing.T, b *teamBook, m Model) Model { return m }},
		{"stats_owner", asOwner, func(t *testing.T, b *teamBook, m Model) Model { return keysThen(t, m, "4") }},
		{"done_by_other", nil, func(t *testing.T, b *teamBook, m Model) Model {
			b.otherLogs(t, "Jane Doe", rotation.Reached, "Bob talked about the renewal.")
			return keysThen(t, m, "R")
		}},
		{"today", nil, func(t *testing.T, b *teamBook, m Model) Model { return m }},
		{"conflict", nil, func(t *testing.T, b *teamBook, m Model) Model {
			m = keysThen(t, m, "enter", "r", "type:Recital went great.")
			b.otherLogs(t, "Jane Doe", rotation.Voicemail, "Alice left a message about the renewal.")
			return keysThen(t, m, "ctrl+s")
		}},
		{"offline_save", nil, func(t *testing.T, b *teamBook, m Model) Model {
			m = keysThen(t, m, "enter", "r", "type:Recital went great.")
			b.setDown(true)
			return keysThen(t, m, "ctrl+s")
		}},
		{"offline_poll", nil, func(t *testing.T, b *teamBook, m Model) Model {
			b.setDown(true)
			return run(t, m, pollMsg{})
		}},
	}
	for _, size := range []struct {
		name string
		w, h int
	}{{"80x24", 80, 24}, {"140x40", 140, 40}} {
		for _, sc := range screens {
			t.Run(sc.name+"_"+size.name, func(t *testing.T) {
				b := newTeamBook(t)
				if sc.setup != nil {
					sc.setup(b)
				}
				out := screen(sc.do(t, b, openOn(t, b, size.w, size.h)))
				// The conflict line tells the time in the local zone, and on
				// a team book who logged (the same length as on a personal
				// book: rotate_admin, the test server's superuser).
				out = strings.ReplaceAll(out, clock().Local().Format("15:04"), "10:30")
				out = strings.ReplaceAll(out, otherLogger(b)+" logged", "Someone else logged")
				golden.RequireEqual(t, out)
			})
		}
	}
}

// TestHeldDraftLetGo: a held draft goes once the book has that text, or
// the newer text of the contact's open form, or the call itself; a slower
// write of older text does not let it go.
func TestHeldDraftLetGo(t *testing.T) {
	b := newTeamBook(t)
	m := openOn(t, b, 80, 24)
	jane := m.agenda.Due[0].ID
	older := rotation.Draft{ContactID: jane, Note: "first words"}
	held := rotation.Draft{ContactID: jane, Note: "first words, then more"}
	tests := []struct {
		name     string
		formOpen bool
		msg      draftSavedMsg
		kept     bool
	}{
		{"the held text written", false, draftSavedMsg{contactID: jane, draft: &held}, false},
		{"older text written later", false, draftSavedMsg{contactID: jane, draft: &older}, true},
		{"the form's draft, form closed", false, draftSavedMsg{contactID: jane}, true},
		{"the open form's draft", true, draftSavedMsg{contactID: jane}, false},
		{"the held text not written", false, draftSavedMsg{contactID: jane, draft: &held, err: lostConnection{}}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := m
			m.held = map[int64]rotation.Draft{jane: held}
			m.log = nil
			if tt.formOpen {
				m = keysThen(t, m, "enter", "r")
				m.dialog = nil
			}
			m = run(t, m, tt.msg)
			if _, ok := m.held[jane]; ok != tt.kept {
				t.Fatalf("held after %s: %v, want %v", tt.name, ok, tt.kept)
			}
		})
	}
	t.Run("the call saved", func(t *testing.T) {
		m := m
		m.held = map[int64]rotation.Draft{jane: held}
		m = keysThen(t, m, "enter", "r", "shift+tab", "r", "ctrl+s") // restore, reached, save
		if m.log != nil || len(m.held) != 0 {
			t.Fatalf("after saving the call: form %v held %+v", m.log != nil, m.held)
		}
	})
}

// otherLogger is how a conflict names the call the test logs behind the
// form's back: "Someone else" on a personal book, the signed-in role on a
// team book (the test logs through the same store).
func otherLogger(b *teamBook) string {
	if role, _ := b.book.Who(); role != "" {
		return role
	}
	return "Someone else"
}
