package store

import (
	"context"
	"fmt"
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
	rows, err := s.db.QueryContext(ctx, `
		SELECT * FROM (
			SELECT k.contact_id, c.name, k.id, 0, k.at,
				snippet(calls_fts, 0, ?, ?, '…', 12) AS snip
			FROM calls_fts JOIN calls k ON k.id = calls_fts.rowid JOIN contacts c ON c.id = k.contact_id
			WHERE calls_fts MATCH ?
			UNION ALL
			SELECT f.contact_id, c.name, 0, f.id, f.created_at,
				snippet(followups_fts, 0, ?, ?, '…', 12)
			FROM followups_fts JOIN followups f ON f.id = followups_fts.rowid JOIN contacts c ON c.id = f.contact_id
			WHERE followups_fts MATCH ?
		) ORDER BY 5 DESC LIMIT ?`, HitStart, HitEnd, match, HitStart, HitEnd, match, limit)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", query, err)
	}
	defer rows.Close()
	var hits []SearchHit
	for rows.Next() {
		var h SearchHit
		var at string
		if err := rows.Scan(&h.ContactID, &h.Name, &h.CallID, &h.FollowUpID, &at, &h.Snippet); err != nil {
			return nil, err
		}
		h.At = parseStamp(at)
		hits = append(hits, h)
	}
	return hits, rows.Err()
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
