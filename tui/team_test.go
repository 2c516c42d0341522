package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/golden"

	"rotate/rotation"
	"rotate/store"
)

// teamBook is the seeded personal book dressed as a team book: it says
// who is signed in, the other member logs calls straight on the book
// behind the interface's back (as their own rotate would), and it can be
// cut off like a server that went away.
type teamBook struct {
	Store
	book       *store.Store
	role, kind string

	mu     sync.Mutex
	down   bool
	logged []rotation.LogEntry // what the interface asked to log

	// The team the test dresses the book in, the same on both passes:
	// others are the calls the other member logged (otherLogs), by
	// otherRole; every other call is the signed-in person's. assigned
	// gives contacts, by name, to members; people is what PracticeStats
	// gives (nil: no such method is used).
	others    map[int64]bool
	otherRole string
	assigned  map[string]string
	people    []rotation.PersonStats
}

// dressCalls says who logged each call, as a team book does.
func (b *teamBook) dressCalls(calls []rotation.Call) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for i := range calls {
		calls[i].By = b.role
		if b.others[calls[i].ID] {
			calls[i].By = b.otherRole
		}
	}
}

// dressContact says whom a contact is assigned to.
func (b *teamBook) dressContact(c *rotation.Contact) {
	c.Assignee = b.assigned[c.Name]
}

func (b *teamBook) Calls(ctx context.Context, id int64, n int) ([]rotation.Call, error) {
	calls, err := b.Store.Calls(ctx, id, n)
	b.dressCalls(calls)
	return calls, err
}

func (b *teamBook) Contact(ctx context.Context, id int64) (rotation.Contact, error) {
	c, err := b.Store.Contact(ctx, id)
	b.dressContact(&c)
	return c, err
}

func (b *teamBook) AllContacts(ctx context.Context) ([]rotation.Contact, error) {
	cs, err := b.Store.AllContacts(ctx)
	for i := range cs {
		b.dressContact(&cs[i])
	}
	return cs, err
}

func (b *teamBook) Search(ctx context.Context, q string, n int) ([]rotation.SearchHit, error) {
	hits, err := b.Store.Search(ctx, q, n)
	b.mu.Lock()
	defer b.mu.Unlock()
	for i := range hits {
		if hits[i].CallID != 0 {
			hits[i].By = b.role
			if b.others[hits[i].CallID] {
				hits[i].By = b.otherRole
			}
		}
	}
	return hits, err
}

// lostConnection is what a team book's store says when its server went
// away: one line, and a Connection method.
type lostConnection struct{}

func (lostConnection) Error() string {
	return "lost the connection to postgres://db.example/practice (EOF); try again"
}
func (lostConnection) Connection() bool { return true }

func newTeamBook(t *testing.T) *teamBook {
	t.Helper()
	s := newBook(t)
	seedBook(t, s)
	return &teamBook{Store: s, book: s, role: "alice", kind: "assistant", others: map[int64]bool{}, otherRole: "bob"}
}

func (b *teamBook) Who() (string, string) { return b.role, b.kind }

func (b *teamBook) setDown(down bool) {
	b.mu.Lock()
	b.down = down
	b.mu.Unlock()
}

func (b *teamBook) fail() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.down {
		return lostConnection{}
	}
	return nil
}

func (b *teamBook) entries() []rotation.LogEntry {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]rotation.LogEntry(nil), b.logged...)
}

func (b *teamBook) Today(ctx context.Context, d rotation.Date) (rotation.Agenda, error) {
	if err := b.fail(); err != nil {
		return rotation.Agenda{}, err
	}
	a, err := b.Store.Today(ctx, d)
	b.dressCalls(a.Done)
	for i := range a.Due {
		b.dressContact(&a.Due[i].Contact)
	}
	return a, err
}

func (b *teamBook) Briefing(ctx context.Context, id int64, n int) (rotation.Briefing, error) {
	if err := b.fail(); err != nil {
		return rotation.Briefing{}, err
	}
	br, err := b.Store.Briefing(ctx, id, n)
	b.dressCalls(br.Calls)
	b.dressContact(&br.Contact)
	return br, err
}

func (b *teamBook) LogCall(ctx context.Context, e rotation.LogEntry) (rotation.LogResult, error) {
	b.mu.Lock()
	b.logged = append(b.logged, e)
	b.mu.Unlock()
	if err := b.fail(); err != nil {
		return rotation.LogResult{}, err
	}
	return b.Store.LogCall(ctx, e)
}

func (b *teamBook) SaveDraft(ctx context.Context, d rotation.Draft) error {
	if err := b.fail(); err != nil {
		return err
	}
	return b.Store.SaveDraft(ctx, d)
}

func (b *teamBook) DeleteDraft(ctx context.Context, id int64) error {
	if err := b.fail(); err != nil {
		return err
	}
	return b.Store.DeleteDraft(ctx, id)
}

func (b *teamBook) Changed(ctx context.Context) (bool, error) {
	if err := b.fail(); err != nil {
		return false, err
	}
	return b.Store.Changed(ctx)
}

// otherLogs logs a call as the other member: straight on the book, at
// 10:30 today, unchecked.
func (b *teamBook) otherLogs(t *testing.T, name string, o rotation.Outcome, note string) rotation.Contact {
	t.Helper()
	ctx := context.Background()
	c, err := b.book.Find(ctx, name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := b.book.LogCall(ctx, rotation.LogEntry{ContactID: c.ID, Outcome: o, Note: note, At: clock(), Today: today})
	if err != nil {
		t.Fatal(err)
	}
	b.mu.Lock()
	b.others[res.CallID] = true
	b.mu.Unlock()
	return c
}

// openOn builds a model over any store, sized and loaded, as open does.
func openOn(tb testing.TB, st Store, w, h int) Model {
	tb.Helper()
	m := New(context.Background(), st, Options{Today: today, Now: clock, Dark: true})
	m.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	m = run(tb, m, tea.WindowSizeMsg{Width: w, Height: h})
	for _, msg := range drain(m.Init()) {
		m = step(tb, m, msg, 0)
	}
	return m
}

// headerLine is the first line of the screen.
func headerLine(m Model) string { return strings.SplitN(screen(m), "\n", 2)[0] }

func TestTeamHeaderNamesWhoIsSignedIn(t *testing.T) {
	tests := []struct {
		width      int
		role, kind string
		want       []string // in the header, in order
		not        []string
	}{
		{140, "alice", "assistant", []string{"Wed 25 Nov · 1 of 5 done · ~40 min left", "alice · assistant"}, nil},
		{80, "alice", "assistant", []string{"Wed 25 Nov · 1 of 5 done · ~40 min left", "alice · assistant"}, nil},
		{60, "alice", "assistant", []string{"~40 min left", "alice · assistant"}, nil},
		{59, "alice", "assistant", []string{"~40 min left", "alice"}, []string{"assistant"}},
		{45, "alice", "assistant", []string{"Wed 25 Nov · 1 of 5 done", "alice · assistant"}, []string{"min left"}},
		{30, "alice", "assistant", []string{"Wed 25 Nov · 1 of 5 done"}, []string{"alice"}},
		{80, "dr_margaret_oyelaran_hutchinson_the_third", "owner", []string{"~40 min left", "dr_margaret_oyelaran_hu… · owner"}, []string{"third"}},
		{80, "bob", "", []string{"~40 min left", "bob"}, []string{"·  bob", "bob ·"}},
		// A personal book: the header as it always was.
		{80, "", "", []string{"Wed 25 Nov · 1 of 5 done · ~40 min left"}, []string{"alice", "  "}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s_%s_%d", tt.role, tt.kind, tt.width), func(t *testing.T) {
			b := newTeamBook(t)
			b.role, b.kind = tt.role, tt.kind
			h := headerLine(openOn(t, b, tt.width, 24))
			if w := ansiWidth(h); w > tt.width {
				t.Fatalf("header is %d wide at %d: %q", w, tt.width, h)
			}
			rest := h
			for _, want := range tt.want {
				i := strings.Index(rest, want)
				if i < 0 {
					t.Fatalf("header %q lacks %q (in order %q)", h, want, tt.want)
				}
				rest = rest[i+len(want):]
			}
			for _, not := range tt.not {
				if strings.Contains(strings.TrimRight(h, " "), not) {
					t.Fatalf("header %q has %q", h, not)
				}
			}
			if tt.role != "" && !strings.HasSuffix(strings.TrimRight(h, " "), tt.want[len(tt.want)-1]) {
				t.Fatalf("who is signed in is not at the right: %q", h)
			}
		})
	}
}

// TestLogSendsWhatWasSeen: the save carries the newest call (not a note)
// the briefing showed, the way the store itself counts it (NewestCall),
// or -1 for a contact without calls.
func TestLogSendsWhatWasSeen(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name string
		keys []string // from the list to the contact
		note bool     // a note is logged after the calls: it must not count
	}{
		{"Jane Doe", nil, false},
		{"Jane Doe", nil, true},
		{"Jürgen Müller", []string{"j", "j", "j"}, false}, // three calls, newest last
		{"Carol King", []string{"j", "j"}, false},         // no calls at all
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := newTeamBook(t)
			c, err := b.book.Find(ctx, tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if tt.note {
				if _, err := b.book.AddNote(ctx, c.ID, "a note, not a call", clock().Add(-time.Hour), today); err != nil {
					t.Fatal(err)
				}
			}
			want, err := b.book.NewestCall(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			m := keysThen(t, openOn(t, b, 80, 24), append(tt.keys, "enter", "v", "ctrl+s")...)
			got := b.entries()
			if len(got) != 1 || got[0].ContactID != c.ID {
				t.Fatalf("logged %+v, want one call for %s", got, tt.name)
			}
			if got[0].Seen != want || want == 0 {
				t.Fatalf("Seen = %d, want %d (the newest call the book has)", got[0].Seen, want)
			}
			if m.log != nil {
				t.Fatalf("save refused:\n%s", screen(m))
			}
		})
	}
}

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
			if !strings.Contains(out, "Last time · Wed 25 Nov · voicemail · by bob: Alice left a message") {
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

			// Saving again is a decision made with the other call in view.
			m = keysThen(t, m, "ctrl+s")
			if m.log != nil {
				t.Fatalf("second save refused:\n%s", screen(m))
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
