package store_test

import (
	"cmp"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
	"rotate/store/pgtest"
)

// searchBook holds a few notes and follow-ups with accents and mixed case.
type searchBook struct {
	*book
	jane, jurgen, bob           int64
	janeCall, bobCall, jurgNote int64
	brochure                    int64
}

func newSearchBook(t *testing.T) searchBook {
	t.Helper()
	b := newBook(t)
	ctx := t.Context()
	sb := searchBook{book: b}
	sb.jane = mustAdd(t, b.Store, person("Jane Doe", "A", day0)).ID
	sb.jurgen = mustAdd(t, b.Store, person("Jürgen Müller", "A", day0)).ID
	sb.bob = mustAdd(t, b.Store, person("Bob Stone", "B", day0)).ID
	sb.janeCall = mustLog(t, b.Store, store.LogEntry{ContactID: sb.jane, Outcome: rotation.Reached, Today: day0.AddDays(-10),
		Note: "Talked about the sailing trip to Norway.", NewFollowUps: []string{"Send the Zürich brochure"}}).CallID
	var err error
	sb.jurgNote, err = b.AddNote(ctx, sb.jurgen, "Café with Jürgen's team; wants a quote for the BOAT insurance.",
		day0.AddDays(-5).Time().Add(10*time.Hour), day0.AddDays(-5))
	if err != nil {
		t.Fatal(err)
	}
	sb.bobCall = mustLog(t, b.Store, store.LogEntry{ContactID: sb.bob, Outcome: rotation.Reached, Today: day0.AddDays(-2),
		Note: "Norway again: his daughter moves to Oslo."}).CallID
	fus, err := b.FollowUps(ctx, sb.jane, true)
	if err != nil || len(fus) != 1 {
		t.Fatalf("follow-ups = %+v, %v", fus, err)
	}
	sb.brochure = fus[0].ID
	return sb
}

// hit names a search hit: "c" and a call id, or "f" and a follow-up id.
type hit struct {
	kind string
	id   int64
}

func hitsOf(hs []store.SearchHit) []hit {
	var out []hit
	for _, h := range hs {
		if h.CallID != 0 {
			out = append(out, hit{"c", h.CallID})
		} else {
			out = append(out, hit{"f", h.FollowUpID})
		}
	}
	return out
}

func TestSearch(t *testing.T) {
	t.Parallel()
	sb := newSearchBook(t)
	tests := []struct {
		query string
		want  []hit // newest first
	}{
		{"norway", []hit{{"c", sb.bobCall}, {"c", sb.janeCall}}},
		{"NORW", []hit{{"c", sb.bobCall}, {"c", sb.janeCall}}},
		{"zurich", []hit{{"f", sb.brochure}}},
		{"ZÜRICH", []hit{{"f", sb.brochure}}},
		{"jurg", []hit{{"c", sb.jurgNote}}},
		{"cafe", []hit{{"c", sb.jurgNote}}},
		{"boat", []hit{{"c", sb.jurgNote}}},
		{"sailing norway", []hit{{"c", sb.janeCall}}}, // every word must appear
		{"sailing oslo", nil},
		// Jane's call and the follow-up it created share a time; their
		// order is not fixed, so this one compares as a set.
		{"the", []hit{{"c", sb.janeCall}, {"c", sb.jurgNote}, {"f", sb.brochure}}},
		{"portugal", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := sb.Search(t.Context(), tt.query, 0)
			if err != nil {
				t.Fatal(err)
			}
			hs := hitsOf(got)
			if tt.query == "the" {
				slices.SortFunc(hs, func(a, b hit) int { return strings.Compare(a.kind, b.kind)*1000 + int(a.id-b.id) })
			}
			if !slices.Equal(hs, tt.want) {
				t.Errorf("Search(%q) = %v, want %v", tt.query, hs, tt.want)
			}
		})
	}

	got, err := sb.Search(t.Context(), "norway", 0)
	if err != nil || len(got) != 2 {
		t.Fatalf("Search(norway) = %+v, %v", got, err)
	}
	h := got[1]
	if h.ContactID != sb.jane || h.Name != "Jane Doe" || !h.At.Equal(day0.AddDays(-10).Time().Add(10*time.Hour)) {
		t.Errorf("hit = %+v; want Jane's call at 10:00 ten days ago", h)
	}
	if !strings.Contains(h.Snippet, store.HitStart+"Norway"+store.HitEnd) {
		t.Errorf("snippet %q does not mark the match", h.Snippet)
	}
	fu, err := sb.Search(t.Context(), "zurich", 0)
	if err != nil || len(fu) != 1 || fu[0].ContactID != sb.jane || fu[0].CallID != 0 ||
		!strings.Contains(fu[0].Snippet, store.HitStart+"Zürich"+store.HitEnd) {
		t.Errorf("follow-up hit = %+v, %v", fu, err)
	}
	if one, _ := sb.Search(t.Context(), "norway", 1); !slices.Equal(hitsOf(one), []hit{{"c", sb.bobCall}}) {
		t.Errorf("Search(norway, limit 1) = %v; want only the newest", hitsOf(one))
	}
}

func TestSearchTakesAnyInput(t *testing.T) {
	t.Parallel()
	sb := newSearchBook(t)
	// Words are quoted before they reach FTS5: its syntax in a query is
	// plain text, never an error.
	queries := []string{
		`"`, `""`, `"norway`, `'`, `''`, `*`, `norway*`, `-`, `--`, `-norway`, `_`, `(`, `)`, `(norway)`,
		`NEAR(sailing norway)`, `norway NOT oslo`, `norway OR portugal`, `AND`, `OR`, `NOT`, `^norway`,
		`note:norway`, `{note}: norway`, `+`, `\`, `%`, `a"b`, `'; DROP TABLE calls; --`, `ü`, `🙂`, `norway's`,
	}
	for _, q := range queries {
		if _, err := sb.Search(t.Context(), q, 0); err != nil {
			t.Errorf("Search(%q): %v", q, err)
		}
	}
	// Where the words are plain, they still match.
	for _, q := range []string{`"norway"`, `norway*`, `-norway`, `(norway)`, `^norway`} {
		if got, _ := sb.Search(t.Context(), q, 0); len(got) != 2 {
			t.Errorf("Search(%q) found %d, want the 2 Norway calls", q, len(got))
		}
	}
	// "OR" and "NOT" are words to find, not operators.
	for _, q := range []string{`norway OR portugal`, `norway NOT oslo`} {
		if got, _ := sb.Search(t.Context(), q, 0); len(got) != 0 {
			t.Errorf("Search(%q) = %v; want nothing (no note holds all three words)", q, hitsOf(got))
		}
	}
	for _, q := range []string{"", "   ", "!!! ,,, ..."} {
		if got, err := sb.Search(t.Context(), q, 0); got != nil || err != nil {
			t.Errorf("Search(%q) = %v, %v; want nothing", q, got, err)
		}
	}
}

// checkIndex asks FTS5 to compare both indexes with their tables.
func checkIndex(t *testing.T, sb searchBook) {
	t.Helper()
	if pgtest.Postgres() {
		return // generated columns: PostgreSQL keeps them with their rows
	}
	raw := rawDB(t, sb.path)
	mustExec(t, raw,
		"INSERT INTO calls_fts (calls_fts, rank) VALUES ('integrity-check', 1)",
		"INSERT INTO followups_fts (followups_fts, rank) VALUES ('integrity-check', 1)")
}

func TestSearchIndexFollowsTheBook(t *testing.T) {
	t.Parallel()
	sb := newSearchBook(t)
	ctx := t.Context()
	find := func(q string) []hit {
		t.Helper()
		got, err := sb.Search(ctx, q, 0)
		if err != nil {
			t.Fatal(err)
		}
		return hitsOf(got)
	}
	checkIndex(t, sb)

	// A call resolving the follow-up: the follow-up is history, still found.
	last := mustLog(t, sb.Store, store.LogEntry{ContactID: sb.jane, Outcome: rotation.Reached, Today: day0,
		Note: "Brochure sent to Lisbon.", Resolve: []int64{sb.brochure}}).CallID
	if got := find("zurich"); !slices.Equal(got, []hit{{"f", sb.brochure}}) {
		t.Errorf("resolved follow-up: %v", got)
	}
	if got := find("lisbon"); !slices.Equal(got, []hit{{"c", last}}) {
		t.Errorf("new call: %v", got)
	}

	// Notes from edits and imports are found too.
	c := mustContact(t, sb.Store, sb.bob)
	if err := sb.UpdateContactWithNote(ctx, c, c, "Prefers Tuesdays.", sb.clock.Now(), day0); err != nil {
		t.Fatal(err)
	}
	if got := find("tuesdays"); len(got) != 1 {
		t.Errorf("edit note: %v", got)
	}
	if _, err := sb.AddContacts(ctx, []store.NewContact{{Contact: person("Ines", "B", day0), Note: "Met in Porto."}}, day0); err != nil {
		t.Fatal(err)
	}
	if got := find("porto"); len(got) != 1 {
		t.Errorf("import note: %v", got)
	}

	// The store has no note editing yet; the triggers keep any edit,
	// deletion or cascade in step.
	raw := rawDB(t, sb.path)
	mustExec(t, raw, "UPDATE calls SET note = 'Talked about Portugal.' WHERE id = "+itoa(sb.janeCall))
	if got := find("sailing"); got != nil {
		t.Errorf("edited-away word still found: %v", got)
	}
	if got := find("portugal"); !slices.Equal(got, []hit{{"c", sb.janeCall}}) {
		t.Errorf("edited-in word: %v", got)
	}
	mustExec(t, raw, "DELETE FROM calls WHERE id = "+itoa(sb.bobCall))
	if got := find("oslo"); got != nil {
		t.Errorf("deleted call still found: %v", got)
	}
	mustExec(t, raw, "DELETE FROM contacts WHERE id = "+itoa(sb.jane)) // cascades
	if got := find("zurich"); got != nil {
		t.Errorf("follow-up of a deleted contact still found: %v", got)
	}
	checkIndex(t, sb)
}

// TestSearchNewestByDate checks Search against a plain sort of every
// match, on a book whose ids are not in date order (back-filled calls),
// with many notes sharing a time, for windows that answer from the newest
// rows and windows too small to.
func TestSearchNewestByDate(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	var contacts []int64
	for _, n := range []string{"Ann", "Ben", "Cleo"} {
		contacts = append(contacts, mustAdd(t, b.Store, person(n, "A", day0)).ID)
	}
	rows := fillSearchRows(t, b, contacts)
	for _, query := range []string{"common", "rare", "lately", "once", "al", "alp", "common rare", "common once", "zeta"} {
		for _, limit := range []int{1, 3, 20, 100} {
			checkSearchWindows(t, b.Store, query, limit, newestRows(rows, query, limit))
		}
	}
}

// searchRow is a note or follow-up fillSearchRows wrote.
type searchRow struct {
	kind string // "c" a note, "f" a follow-up
	id   int64
	at   string
	text string
}

// fillSearchRows writes 600 notes and follow-ups on the contacts, on 40
// days at two hours. Words by how often they appear: "common" in most
// texts, "rare" in a few, "lately" only in the newest, "once" only in the
// oldest.
func fillSearchRows(t *testing.T, b *book, contacts []int64) []searchRow {
	ctx := t.Context()
	rng := rand.New(rand.NewPCG(1, 2))
	start := day0.Time().AddDate(-1, 0, 0)
	var rows []searchRow
	raw := rawDB(t, b.path)
	tx, err := raw.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 600 {
		// A time on one of 40 days, at one of two hours: ties galore.
		d := rng.IntN(40)
		at := start.AddDate(0, 0, d*9).Add(time.Duration(9+rng.IntN(2)) * time.Hour).UTC().Format(time.RFC3339Nano)
		var words []string
		if rng.IntN(10) < 7 {
			words = append(words, "common")
		}
		if rng.IntN(30) == 0 {
			words = append(words, "rare")
		}
		if d >= 37 {
			words = append(words, "lately")
		}
		if d == 0 {
			words = append(words, "once")
		}
		words = append(words, []string{"alpha", "alpine", "beta"}[rng.IntN(3)])
		text := strings.Join(words, " ")
		who := contacts[rng.IntN(len(contacts))]
		kind, q := "c", `INSERT INTO calls (contact_id, at, day, kind, outcome, note) VALUES (?, ?, ?, 'note', '', ?)`
		if i%4 == 3 {
			kind, q = "f", `INSERT INTO followups (contact_id, created_at, text) VALUES (?, ?, ?)`
		}
		args := []any{who, at, at[:10], text}
		if kind == "f" {
			args = []any{who, at, text}
		}
		var id int64
		if err := tx.QueryRowContext(ctx, rawSQL(q+" RETURNING id"), args...).Scan(&id); err != nil {
			t.Fatal(err)
		}
		rows = append(rows, searchRow{kind, id, at, text})
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// newestRows is what Search must give: the newest limit matches of the
// rows by a plain sort: time, a note before a follow-up, the later id
// first.
func newestRows(rows []searchRow, query string, limit int) []hit {
	var ms []searchRow
	for _, r := range rows {
		all := true
		for _, w := range strings.Fields(query) {
			if !slices.ContainsFunc(strings.Fields(r.text), func(tw string) bool { return strings.HasPrefix(tw, w) }) {
				all = false
			}
		}
		if all {
			ms = append(ms, r)
		}
	}
	slices.SortFunc(ms, func(a, b searchRow) int {
		return cmp.Or(strings.Compare(b.at, a.at), strings.Compare(a.kind, b.kind), cmp.Compare(b.id, a.id))
	})
	var out []hit
	for _, m := range ms[:min(limit, len(ms))] {
		out = append(out, hit{m.kind, m.id})
	}
	return out
}

// checkSearchWindows checks that Search gives want however many rows it
// scans at a time, with the same hits.
func checkSearchWindows(t *testing.T, s *store.Store, query string, limit int, want []hit) {
	ctx := t.Context()
	var first []store.SearchHit
	for _, window := range []int{1, 10, 50, 200, 10_000} {
		got, err := store.SearchWindow(ctx, s, query, limit, window)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(hitsOf(got), want) {
			t.Fatalf("Search(%q, limit %d, window %d) = %v\nwant %v", query, limit, window, hitsOf(got), want)
		}
		for _, h := range got {
			if h.ContactID == 0 || h.Name == "" || !strings.Contains(h.Snippet, store.HitStart) {
				t.Fatalf("Search(%q, limit %d, window %d): hit %+v lacks its contact or marked snippet", query, limit, window, h)
			}
		}
		// However found, the hits read the same.
		if first == nil {
			first = got
		} else if !reflect.DeepEqual(got, first) {
			t.Fatalf("Search(%q, limit %d): window %d gives %+v, window 1 %+v", query, limit, window, got, first)
		}
	}
}
