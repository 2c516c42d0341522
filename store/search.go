package store

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"rotate/rotation"
)

// SearchHit is one note or follow-up that matches a search (see
// rotation.SearchHit).
type SearchHit = rotation.SearchHit

// The markers around matched words in SearchHit.Snippet.
const (
	HitStart = rotation.HitStart
	HitEnd   = rotation.HitEnd
)

// Search finds call notes and follow-ups matching a query across all
// contacts, newest first. Words match by prefix, accents ignored
// ("jurg" finds Jürgen); all words must appear.
func (s *Store) Search(ctx context.Context, query string, limit int) ([]SearchHit, error) {
	return s.search(ctx, query, limit, searchWindow)
}

// searchWindow is how many of the newest notes, and apart the newest
// follow-ups, Search looks among first (see newest).
const searchWindow = 10_000

// found is one match: a note (kind 0) or a follow-up (kind 1) with its
// time as stored, and its hit.
type found struct {
	kind int64
	at   string
	hit  SearchHit
}

// id is the id of the note or of the follow-up.
func (f found) id() int64 { return f.hit.CallID + f.hit.FollowUpID }

// searchTable is a table Search reads: its full-text index, the column
// that dates a row and the expression that says who wrote it. sql writes
// them into a query's {fts}, {t}, {at}, {text} and {by}.
type searchTable struct{ fts, table, at, text, by string }

var searchTables = [2]searchTable{
	{"calls_fts", "calls", "at", "note", "k.logged_by"},
	{"followups_fts", "followups", "created_at", "text", "''"},
}

func (t searchTable) sql(q string) string {
	return strings.NewReplacer("{fts}", t.fts, "{t}", t.table, "{at}", t.at, "{text}", t.text, "{by}", t.by).Replace(q)
}

func (s *Store) search(ctx context.Context, query string, limit, window int) ([]SearchHit, error) {
	fts := ftsQuery(query)
	if s.db.d == dialectPostgres {
		fts = tsQuery(query)
	}
	if fts == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 100
	}
	var all []found
	for kind, t := range searchTables {
		newest := s.newest
		if s.db.d == dialectPostgres {
			newest = s.newestPostgres
		}
		fs, err := newest(ctx, int64(kind), t, fts, limit, window)
		if err != nil {
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
		all = append(all, fs...)
	}
	// The order of each query: the time as stored (UTC text), then a note
	// before the follow-ups it made, then the later row first.
	slices.SortFunc(all, func(a, b found) int {
		return cmp.Or(strings.Compare(b.at, a.at), cmp.Compare(a.kind, b.kind), cmp.Compare(b.id(), a.id()))
	})
	var hits []SearchHit
	var calls []int64
	for _, f := range all[:min(len(all), limit)] {
		f.hit.At = parseStamp(f.at)
		hits = append(hits, f.hit)
		if f.hit.CallID != 0 {
			calls = append(calls, f.hit.CallID)
		}
	}
	if err := s.touchesOf(ctx, hits, calls); err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	return hits, nil
}

// touchesOf fills in the channel, direction and outcome of the hits on
// call notes (ids, at most a search's limit), in one statement.
func (s *Store) touchesOf(ctx context.Context, hits []SearchHit, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	list, err := json.Marshal(ids)
	if err != nil {
		return err
	}
	rows, err := s.db.QueryContext(ctx, `SELECT k.id, k.kind, k.direction, k.outcome FROM calls k
		WHERE k.id IN (SELECT j.value FROM `+jsonList(s.db.d, "?")+` j)`, string(list))
	if err != nil {
		return err
	}
	defer rows.Close()
	type touch struct{ via, dir, outcome string }
	got := map[int64]touch{}
	for rows.Next() {
		var id int64
		var t touch
		if err := rows.Scan(&id, &t.via, &t.dir, &t.outcome); err != nil {
			return err
		}
		got[id] = t
	}
	for i := range hits {
		if t, ok := got[hits[i].CallID]; ok && hits[i].CallID != 0 {
			hits[i].Via, hits[i].Direction, hits[i].Outcome = rotation.CallKind(t.via), rotation.Direction(t.dir), rotation.Outcome(t.outcome)
		}
	}
	return rows.Err()
}

// newest returns the limit newest rows of table t whose text matches fts,
// newest first, with their snippets.
//
// Sorting every match by date costs a row lookup per match: a second and
// more for a common word on a book of millions of calls. So the matches
// are first kept to the window newest rows of the table (those at or
// after the time of the window-th newest, ties included), which the index
// on the date gives at once. If that finds limit matches they are the
// newest of all: every row left out is older than each of them.
// Otherwise every match is sorted; a word that common is then rare
// lately, and the cost is what it was before the window.
//
// Calls are not in date order by id (back-filled and imported calls), so
// the FTS rowid order cannot stand in for the date. The CROSS JOINs keep
// the FTS table outermost: the other way round, FTS5 would redo a prefix
// query for every row. SQLite builds a snippet only for a row that enters
// the limit newest so far, a few hundred of a million matches, so asking
// for it here costs less than a second pass over the matches would.
func (s *Store) newest(ctx context.Context, kind int64, t searchTable, fts string, limit, window int) ([]found, error) {
	const (
		columns = `SELECT k.id, k.{at}, k.contact_id, c.name, {by}, snippet({fts}, 0, ?, ?, '…', 12)
			FROM {fts} CROSS JOIN {t} k ON k.id = {fts}.rowid CROSS JOIN contacts c ON c.id = k.contact_id
			WHERE {fts} MATCH ? `
		order = ` ORDER BY k.{at} DESC, k.id DESC LIMIT ?`
	)
	var cutoff string
	err := s.db.QueryRowContext(ctx, t.sql(`SELECT {at} FROM {t} ORDER BY {at} DESC LIMIT 1 OFFSET ?`), window-1).Scan(&cutoff)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		// Fewer rows than the window: sort every match.
	case err != nil:
		return nil, err
	default:
		fs, err := s.readFound(ctx, kind, t.sql(columns+`AND +{fts}.rowid IN (SELECT id FROM {t} WHERE {at} >= ?)`+order),
			HitStart, HitEnd, fts, cutoff, limit)
		if err != nil || len(fs) == limit {
			return fs, err
		}
	}
	return s.readFound(ctx, kind, t.sql(columns+order), HitStart, HitEnd, fts, limit)
}

// readFound reads the matches of one kind a query gives: id, time,
// contact, its name, who logged it and the snippet.
func (s *Store) readFound(ctx context.Context, kind int64, q string, args ...any) ([]found, error) {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []found
	for rows.Next() {
		f := found{kind: kind}
		id := &f.hit.CallID
		if kind == 1 {
			id = &f.hit.FollowUpID
		}
		if err := rows.Scan(id, &f.at, &f.hit.ContactID, &f.hit.Name, &f.hit.By, &f.hit.Snippet); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// ftsQuery turns what a person typed into an FTS5 query: every word quoted
// (so FTS syntax in the input is literal) and matched as a prefix.
func ftsQuery(q string) string {
	var terms []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool {
		return !(r == '\'' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127)
	}) {
		terms = append(terms, `"`+strings.ReplaceAll(w, `"`, `""`)+`"*`)
	}
	return strings.Join(terms, " ")
}

// newestPostgres is newest on a team book: the notes' tsvector columns
// (migrations/postgres) hold the words, accents folded by unaccent, and
// ts_headline marks the matches. Row-level security leaves an assistant
// only their own contacts' notes.
func (s *Store) newestPostgres(ctx context.Context, kind int64, t searchTable, query string, limit, _ int) ([]found, error) {
	// A short text is shown whole, as SQLite's snippet does; a long one as
	// the dozen words around its best match.
	marks := "StartSel=" + HitStart + ", StopSel=" + HitEnd + ", "
	whole := marks + "HighlightAll=true"
	part := marks + "MaxWords=14, MinWords=6, ShortWord=0, MaxFragments=1, FragmentDelimiter=…"
	return s.readFound(ctx, kind, t.sql(`SELECT k.id, k.{at}, k.contact_id, c.name, {by},
			CASE WHEN length(k.{text}) <= 100 AND array_length(regexp_split_to_array(btrim(k.{text}), '\s+'), 1) <= 14
			THEN ts_headline('rotate_search', k.{text}, q, ?) ELSE ts_headline('rotate_search', k.{text}, q, ?) END
		FROM {t} k JOIN contacts c ON c.id = k.contact_id, to_tsquery('rotate_search', ?) q
		WHERE k.search @@ q ORDER BY k.{at} DESC, k.id DESC LIMIT ?`), whole, part, query, limit)
}

// tsQuery is ftsQuery for PostgreSQL: every word a quoted prefix, all of
// them required.
func tsQuery(q string) string {
	var terms []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool {
		return !(r == '\'' || r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127)
	}) {
		terms = append(terms, "'"+strings.ReplaceAll(w, "'", "''")+"':*")
	}
	return strings.Join(terms, " & ")
}
