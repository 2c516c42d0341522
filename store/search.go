package store

import (
	"context"
	"encoding/json"
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
	match := ftsQuery(query)
	if match == "" {
		return nil, nil
	}
	if limit <= 0 {
		limit = 100
	}
	// Two steps: first the newest matches by date alone, then the
	// snippets of those few. Asking for the snippet in the first query
	// makes SQLite build one for every match before it sorts, which on a
	// book of millions of calls and a common word is seconds.
	rows, err := s.db.QueryContext(ctx, `
		SELECT 0, k.id, k.at FROM calls_fts JOIN calls k ON k.id = calls_fts.rowid
			WHERE calls_fts MATCH ?
		UNION ALL
		SELECT 1, f.id, f.created_at FROM followups_fts JOIN followups f ON f.id = followups_fts.rowid
			WHERE followups_fts MATCH ?
		ORDER BY 3 DESC LIMIT ?`, match, match, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	var hits []SearchHit
	var ids [2][]int64          // the calls and the follow-ups found
	where := map[[2]int64]int{} // (0 call / 1 follow-up, id) → index in hits
	for rows.Next() {
		var kind, id int64
		var at string
		if err := rows.Scan(&kind, &id, &at); err != nil {
			rows.Close()
			return nil, err
		}
		where[[2]int64{kind, id}] = len(hits)
		ids[kind] = append(ids[kind], id)
		hits = append(hits, SearchHit{At: parseStamp(at)})
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	// The snippets, in one pass over the matches each. The + keeps SQLite
	// from handing the id list to FTS5 as rowid lookups, which redo the
	// whole match once per id.
	for kind, q := range [2]string{
		`SELECT k.id, k.contact_id, c.name, snippet(calls_fts, 0, ?, ?, '…', 12)
			FROM calls_fts JOIN calls k ON k.id = calls_fts.rowid JOIN contacts c ON c.id = k.contact_id
			WHERE calls_fts MATCH ? AND +calls_fts.rowid IN (SELECT value FROM json_each(?))`,
		`SELECT f.id, f.contact_id, c.name, snippet(followups_fts, 0, ?, ?, '…', 12)
			FROM followups_fts JOIN followups f ON f.id = followups_fts.rowid JOIN contacts c ON c.id = f.contact_id
			WHERE followups_fts MATCH ? AND +followups_fts.rowid IN (SELECT value FROM json_each(?))`,
	} {
		if len(ids[kind]) == 0 {
			continue
		}
		list, _ := json.Marshal(ids[kind])
		if err := s.fillHits(ctx, q, int64(kind), []any{HitStart, HitEnd, match, string(list)}, hits, where); err != nil {
			return nil, fmt.Errorf("search %q: %w", query, err)
		}
	}
	// A note deleted between the two steps has no contact: leave it out.
	return slices.DeleteFunc(hits, func(h SearchHit) bool { return h.ContactID == 0 }), nil
}

// fillHits reads the contact, name and snippet of the hits that where
// places, from a query giving id, contact id, name and snippet.
func (s *Store) fillHits(ctx context.Context, q string, kind int64, args []any, hits []SearchHit, where map[[2]int64]int) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var h SearchHit
		if err := rows.Scan(&id, &h.ContactID, &h.Name, &h.Snippet); err != nil {
			return err
		}
		i, ok := where[[2]int64{kind, id}]
		if !ok {
			continue
		}
		if kind == 0 {
			h.CallID = id
		} else {
			h.FollowUpID = id
		}
		h.At = hits[i].At
		hits[i] = h
	}
	return rows.Err()
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
