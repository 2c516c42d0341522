package store

import (
	"context"
	"fmt"

	"rotate/rotation"
)

// Settings reads the book's settings over the defaults.
func (s *Store) Settings(ctx context.Context) (rotation.Settings, error) {
	return loadSettings(ctx, s.db)
}

func loadSettings(ctx context.Context, q querier) (rotation.Settings, error) {
	set := rotation.DefaultSettings()
	rows, err := q.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return set, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return set, err
		}
		// A value this build cannot read (hand-edited, or from a newer
		// version) falls back to the default rather than locking the user out.
		_ = set.Set(k, v)
	}
	return set, rows.Err()
}

// SetSetting validates and stores one setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) (rotation.Settings, error) {
	var set rotation.Settings
	err := s.withTx(ctx, func(tx *txn) error {
		var err error
		if set, err = loadSettings(ctx, tx); err != nil {
			return err
		}
		k := rotation.CanonicalKey(key)
		if err := set.Set(key, value); err != nil {
			return invalid(err)
		}
		v, _ := set.Get(k)
		_, err = tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", k, v)
		return err
	})
	return set, err
}
