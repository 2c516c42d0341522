package tui

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"

	"rotate/rotation"
)

// movingTeam is a team book whose owner changes what the person signed in
// is and which contacts are theirs while the interface is open: a
// contact hidden is not there for them any more (as row-level security
// has it), and a change of either is reported as a change of the book.
type movingTeam struct {
	*teamBook
	mu      sync.Mutex
	hidden  map[int64]bool
	changed bool
	handed  []rotation.Draft // drafts saved for a hidden contact
}

// gone is the store's error for a contact not there for the person;
// reach when it left their reach (the note was handed over).
type gone struct{ reach bool }

func (g gone) Error() string    { return "no contact #1" }
func (g gone) NotFound() bool   { return !g.reach }
func (g gone) OutOfReach() bool { return g.reach }

func newMovingTeam(t *testing.T, kind string) *movingTeam {
	b := newTeamBook(t)
	b.kind = kind
	return &movingTeam{teamBook: b, hidden: map[int64]bool{}}
}

// move changes what the person is and hides contacts from them.
func (b *movingTeam) move(kind string, hide ...int64) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.teamBook.mu.Lock()
	b.kind = kind
	b.teamBook.mu.Unlock()
	for _, id := range hide {
		b.hidden[id] = true
	}
	b.changed = true
}

func (b *movingTeam) isHidden(id int64) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.hidden[id]
}

func (b *movingTeam) WhoNow(context.Context) (string, string, error) {
	b.teamBook.mu.Lock()
	defer b.teamBook.mu.Unlock()
	return b.role, b.kind, nil
}

func (b *movingTeam) Changed(ctx context.Context) (bool, error) {
	b.mu.Lock()
	ch := b.changed
	b.changed = false
	b.mu.Unlock()
	other, err := b.teamBook.Changed(ctx)
	return ch || other, err
}

func (b *movingTeam) Today(ctx context.Context, d rotation.Date) (rotation.Agenda, error) {
	a, err := b.teamBook.Today(ctx, d)
	a.Due = slices.DeleteFunc(a.Due, func(it rotation.DueItem) bool { return b.isHidden(it.ID) })
	return a, err
}

func (b *movingTeam) Briefing(ctx context.Context, id int64, n int) (rotation.Briefing, error) {
	if b.isHidden(id) {
		return rotation.Briefing{}, gone{}
	}
	return b.teamBook.Briefing(ctx, id, n)
}

func (b *movingTeam) Contact(ctx context.Context, id int64) (rotation.Contact, error) {
	if b.isHidden(id) {
		return rotation.Contact{}, gone{}
	}
	return b.teamBook.Contact(ctx, id)
}

func (b *movingTeam) Search(ctx context.Context, q string, limit int) ([]rotation.SearchHit, error) {
	hits, err := b.teamBook.Search(ctx, q, limit)
	return slices.DeleteFunc(hits, func(h rotation.SearchHit) bool { return b.isHidden(h.ContactID) }), err
}

func (b *movingTeam) SaveDraft(ctx context.Context, d rotation.Draft) error {
	if b.isHidden(d.ContactID) {
		b.mu.Lock()
		b.handed = append(b.handed, d)
		b.mu.Unlock()
		return gone{reach: true}
	}
	return b.teamBook.SaveDraft(ctx, d)
}

// TestInterfaceFollowsTheTeam: a change of role or assignment made by an
// owner shows at once in an open interface: the header and a line say
// what the person is now, and a contact no longer theirs leaves the
// list, the briefing, an open history, the log form (its note handed
// over) and the hits of a search, without anything typed by them.
func TestInterfaceFollowsTheTeam(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		keys    []string // from Today to what is open
		kind    string   // what they become
		hide    bool     // Jane Doe is no longer theirs
		gone    []string // no longer on screen
		shown   []string // on screen after
		handed  string   // the note handed over
		logOpen bool
	}{
		{name: "demoted, the header says so", kind: "assistant",
			shown: []string{"alice · assistant", "You are an assistant of the practice now"}},
		{name: "promoted", kind: "owner",
			shown: []string{"alice · owner", "You are an owner of the practice now"}},
		{name: "the log form of a contact taken away", keys: []string{"enter", "r", "type:half a thought"},
			kind: "assistant", hide: true, handed: "half a thought",
			gone:  []string{"Log call · Jane Doe"},
			shown: []string{"Jane Doe is no longer yours: your note went to whoever holds the contact now"}},
		{name: "an open history", keys: []string{"5", "type:recital", "pause", "enter"}, kind: "assistant", hide: true,
			gone:  []string{"ballet recital"},
			shown: []string{"Jane Doe is no longer yours to see."}},
		{name: "the hits of a search", keys: []string{"5", "type:recital", "pause"}, kind: "assistant", hide: true,
			gone:  []string{"Jane Doe"},
			shown: []string{"Search notes"}},
		{name: "the list and the briefing", kind: "assistant", hide: true,
			gone: []string{"Jane Doe", "ballet recital"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			from := tt.kind // a contact taken away: what they are stays
			if !tt.hide {
				from = map[string]string{"owner": "assistant", "assistant": "owner"}[tt.kind]
			}
			b := newMovingTeam(t, from)
			m := keysThen(t, openOn(t, b, 140, 40), tt.keys...)
			jane, err := b.book.Find(ctx, "Jane Doe")
			if err != nil {
				t.Fatal(err)
			}
			before := screen(m)
			for _, g := range tt.gone {
				if !strings.Contains(before, g) {
					t.Fatalf("before the change, %q is not on screen:\n%s", g, before)
				}
			}
			var hide []int64
			if tt.hide {
				hide = append(hide, jane.ID)
			}
			b.move(tt.kind, hide...)
			m = run(t, m, pollMsg{})
			out := screen(m)
			for _, g := range tt.gone {
				if strings.Contains(out, g) {
					t.Errorf("%q is still on screen:\n%s", g, out)
				}
			}
			for _, s := range tt.shown {
				if !strings.Contains(out, s) {
					t.Errorf("%q is not on screen:\n%s", s, out)
				}
			}
			if (m.log != nil) != tt.logOpen {
				t.Errorf("log form open = %v", m.log != nil)
			}
			if tt.handed != "" && (len(b.handed) == 0 || b.handed[len(b.handed)-1].Note != tt.handed) {
				t.Errorf("handed over %+v, want the note %q", b.handed, tt.handed)
			}
		})
	}
}
