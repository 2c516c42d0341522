package store

import (
	"context"

	"rotate/rotation"
)

// AllContacts returns every contact, whatever its status, by name: the
// interface's Contacts view sorts and filters them itself. Phones and tags
// are not loaded.
func (s *Store) AllContacts(ctx context.Context) ([]rotation.Contact, error) {
	return queryContacts(ctx, s.db, "SELECT "+contactColumns+" FROM contacts c ORDER BY lower(c.name), c.id")
}
