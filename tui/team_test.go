package tui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

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
