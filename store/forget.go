package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"

	"rotate/rotation"
	"rotate/rotation/interchange"
)

// Forgetting a person (docs/DESIGN.md "Corrections and erasure"): the
// contact and every call, note, follow-up, draft, history of changes and
// search-index entry about them are removed, and on SQLite no byte of it
// stays readable in the book's files. What remains is a tombstone: a
// hash of each phone number and e-mail address, so that an import or a
// sync skips them.

// Forgotten is what Forget removed.
type Forgotten struct {
	ContactID                           int64
	Name                                string
	Calls, FollowUps, Drafts, Revisions int64
	Tombstones                          int
	// WALBusy is set when another process kept SQLite from emptying the
	// write-ahead log: its old pages may still hold the person until the
	// next checkpoint (rotate does one when it next opens the book alone).
	WALBusy bool
}

// forgetKeys are the tombstone keys of a contact: "t:" phone keys (E.164
// where the number parses, with and without the book's region) and "e:"
// e-mail keys, as import matches them.
func forgetKeys(c rotation.Contact, e164s []string, region string) []string {
	var keys []string
	add := func(k string) {
		if k != "" && !slices.Contains(keys, k) {
			keys = append(keys, k)
		}
	}
	for _, p := range c.Phones {
		if k := interchange.PhoneKey(p.Number, region); k != "" {
			add("t:" + k)
		}
		if k := interchange.PhoneKey(p.Number, ""); k != "" {
			add("t:" + k)
		}
	}
	for _, e := range e164s {
		if e != "" {
			add("t:" + e)
		}
	}
	if k := interchange.EmailKey(c.Email); k != "" {
		add("e:" + k)
	}
	return keys
}

// tombstone is the stored form of a key: its hash, so the book keeps no
// number or address of a forgotten person in plain text. (A number can
// still be confirmed by anyone who has the book and hashes the number.)
func tombstone(key string) string {
	sum := sha256.Sum256([]byte("rotate-forgotten-v1\x00" + key))
	return hex.EncodeToString(sum[:])
}

// Forget erases contact id and everything about it (see Forgotten). On a
// team book only an owner may; the database checks (rotate_forget).
func (s *Store) Forget(ctx context.Context, id int64, region string) (Forgotten, error) {
	if s.db.d == dialectPostgres {
		return s.forgetPostgres(ctx, id, region)
	}
	res := Forgotten{ContactID: id}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return res, s.connError(err)
	}
	defer conn.Close()
	// Deleted content is overwritten with zeros: the rows, the index
	// entries and the pages freed. Every connection of the book runs with
	// secure_delete on (Open), so what earlier edits freed was zeroed
	// then too; this says so again in case a connection was made without.
	if _, err := conn.ExecContext(ctx, "PRAGMA secure_delete = ON"); err != nil {
		return res, err
	}
	if err := s.forgetRows(ctx, conn, id, region, &res); err != nil {
		return res, err
	}
	s.plan.mu.Lock()
	s.plan.invalidate()
	s.plan.mu.Unlock()
	err = s.scrub(ctx, conn, &res)
	return res, err
}

// forgetRows deletes contact id and everything of theirs in one
// transaction, leaving tombstones of their numbers and addresses.
func (s *Store) forgetRows(ctx context.Context, conn *sqlConn, id int64, region string, res *Forgotten) error {
	stx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return s.connError(fmt.Errorf("begin: %w", err))
	}
	tx := &txn{Tx: stx, d: dialectSQLite}
	defer tx.Rollback()
	c, err := getContact(ctx, tx, id)
	if err != nil {
		return err
	}
	res.Name = c.Name
	e164s, err := contactE164s(ctx, tx, id)
	if err != nil {
		return err
	}
	keys := forgetKeys(c, e164s, region)
	steps := []struct {
		n *int64
		q string
	}{
		{&res.Revisions, `DELETE FROM call_revisions WHERE contact_id = ?1
			OR call_id IN (SELECT id FROM calls WHERE contact_id = ?1)
			OR call_id IN (SELECT r.call_id FROM call_revisions r WHERE r.contact_id = ?1)`},
		{&res.FollowUps, "DELETE FROM followups WHERE contact_id = ?1"},
		{&res.Drafts, "DELETE FROM drafts WHERE contact_id = ?1"},
		{&res.Calls, "DELETE FROM calls WHERE contact_id = ?1"},
		{new(int64), "DELETE FROM contacts WHERE id = ?1"},
	}
	for _, st := range steps {
		r, err := tx.ExecContext(ctx, st.q, id)
		if err != nil {
			return fmt.Errorf("forget %s: %w", c.Name, err)
		}
		*st.n, _ = r.RowsAffected()
	}
	now := stamp(s.now())
	for _, k := range keys {
		if _, err := tx.ExecContext(ctx, "INSERT INTO forgotten (hash, at) VALUES (?, ?) ON CONFLICT DO NOTHING", tombstone(k), now); err != nil {
			return err
		}
	}
	res.Tombstones = len(keys)
	if err := tx.Commit(); err != nil {
		return s.connError(fmt.Errorf("commit: %w", err))
	}
	return nil
}

// scrub takes what forgetRows deleted out of the search indexes and the
// write-ahead log.
func (s *Store) scrub(ctx context.Context, conn *sqlConn, res *Forgotten) error {
	// The full-text indexes: the triggers took the rows' words out, but
	// their segments still hold them until merged; optimize writes each
	// index anew as one segment and frees (and, with secure_delete,
	// zeroes) the old ones.
	for _, fts := range []string{"calls_fts", "followups_fts"} {
		if _, err := conn.ExecContext(ctx, "INSERT INTO "+fts+" ("+fts+") VALUES ('optimize')"); err != nil {
			return fmt.Errorf("rebuild the search index: %w", err)
		}
	}
	// The write-ahead log holds earlier versions of the pages: copy the
	// log into the book and empty it.
	busy, err := s.checkpointTruncate(ctx, conn)
	if err != nil {
		return err
	}
	res.WALBusy = busy
	return nil
}

// checkpointTruncate copies the write-ahead log into the book and
// truncates it to nothing; it reports true when another connection's
// reading kept it from finishing, after trying for a few seconds.
func (s *Store) checkpointTruncate(ctx context.Context, conn *sqlConn) (bool, error) {
	for try := 0; ; try++ {
		var busy, log, done int
		if err := conn.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &log, &done); err != nil {
			return false, fmt.Errorf("checkpoint: %w", err)
		}
		if busy == 0 {
			return false, nil
		}
		if try == 10 {
			return true, nil
		}
		select {
		case <-ctx.Done():
			return true, ctx.Err()
		case <-time.After(300 * time.Millisecond):
		}
	}
}

func contactE164s(ctx context.Context, q querier, id int64) ([]string, error) {
	rows, err := q.QueryContext(ctx, "SELECT e164 FROM phones WHERE contact_id = ? AND e164 <> ''", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var e string
		if err := rows.Scan(&e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// forgetPostgres is Forget on a team book: a row inserted into
// forget_requests has its triggers check that the caller is an owner and
// do the removal as the tables' owner (migration postgres/00004). PostgreSQL keeps removed rows' bytes in its files until VACUUM
// reuses the space (and in its write-ahead log and backups until they
// are recycled): that is beyond what a member can force; a VACUUM is
// asked for, which frees the space for reuse when the member may run it.
func (s *Store) forgetPostgres(ctx context.Context, id int64, region string) (Forgotten, error) {
	res := Forgotten{ContactID: id}
	if s.kind() != Owner {
		return res, &kindError{ErrInvalid, "only an owner can forget a person on a team book"}
	}
	err := s.withTx(ctx, func(tx *txn) error {
		c, err := getContact(ctx, tx, id)
		if err != nil {
			return err
		}
		res.Name = c.Name
		e164s, err := contactE164s(ctx, tx, id)
		if err != nil {
			return err
		}
		var hashes []string
		for _, k := range forgetKeys(c, e164s, region) {
			hashes = append(hashes, tombstone(k))
		}
		res.Tombstones = len(hashes)
		if hashes == nil {
			hashes = []string{}
		}
		if _, err = tx.ExecContext(ctx, "INSERT INTO forget_requests (contact_id, hashes, stamp) VALUES (?, ?, ?)",
			id, hashes, stamp(s.now())); err != nil {
			if isPermission(err) {
				return &kindError{ErrInvalid, "only an owner can forget a person on a team book"}
			}
			return err
		}
		var forgot string
		if err := tx.QueryRowContext(ctx, "SELECT current_setting('rotate.forgot', true)").Scan(&forgot); err != nil {
			return err
		}
		_, err = fmt.Sscan(forgot, &res.Calls, &res.FollowUps, &res.Drafts, &res.Revisions)
		if err != nil {
			return fmt.Errorf("forget: %q: %w", forgot, err)
		}
		return err
	})
	if err != nil {
		return res, err
	}
	s.plan.mu.Lock()
	s.plan.invalidate()
	s.plan.mu.Unlock()
	for _, t := range []string{"calls", "followups", "call_revisions", "drafts", "contacts", "phones", "tags"} {
		// Best effort: VACUUM runs outside a transaction and only for the
		// tables' owner; for others the server skips it with a warning.
		_, _ = s.db.ExecContext(ctx, "VACUUM "+t)
	}
	return res, nil
}

// forgottenSet reads the book's tombstones.
func forgottenSet(ctx context.Context, q querier) (map[string]bool, error) {
	rows, err := q.QueryContext(ctx, "SELECT hash FROM forgotten")
	if err != nil {
		return nil, fmt.Errorf("read the forgotten: %w", err)
	}
	defer rows.Close()
	set := map[string]bool{}
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, err
		}
		set[h] = true
	}
	return set, rows.Err()
}

// isForgotten reports whether any of a record's keys (importIndex.keys)
// or its phone numbers read without a region is a tombstone.
func isForgotten(set map[string]bool, keys []string, c rotation.Contact) bool {
	if len(set) == 0 {
		return false
	}
	for _, k := range keys {
		if set[tombstone(k)] {
			return true
		}
	}
	for _, p := range c.Phones {
		if k := interchange.PhoneKey(p.Number, ""); k != "" && set[tombstone("t:"+k)] {
			return true
		}
	}
	return false
}

// ForgetContact is Forget for the interface, numbers read without a
// region.
func (s *Store) ForgetContact(ctx context.Context, id int64) error {
	_, err := s.Forget(ctx, id, "")
	return err
}
