package store

import (
	"context"
	"fmt"

	"rotate/rotation"
)

// AllContacts returns every contact, whatever its status, by name as
// people expect (rotation.SortContacts: accents and case folded), with
// their tags, which the interface's Contacts view filters on. Phones are
// not loaded.
func (s *Store) AllContacts(ctx context.Context) ([]rotation.Contact, error) {
	cs, err := queryContacts(ctx, s.db, "SELECT "+contactColumns+" FROM contacts c ORDER BY c.id")
	if err != nil {
		return nil, err
	}
	tags, err := s.allTags(ctx)
	if err != nil {
		return nil, err
	}
	for i := range cs {
		cs[i].Tags = tags[cs[i].ID]
	}
	rotation.SortContacts(cs, rotation.ByName)
	return cs, nil
}

// allTags is every contact's tags, in one pass over the table.
func (s *Store) allTags(ctx context.Context) (map[int64][]string, error) {
	rows, err := s.db.QueryContext(ctx, "SELECT contact_id, tag FROM tags ORDER BY contact_id, tag")
	if err != nil {
		return nil, fmt.Errorf("read tags: %w", err)
	}
	defer rows.Close()
	out := map[int64][]string{}
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return nil, err
		}
		out[id] = append(out[id], t)
	}
	return out, rows.Err()
}
