package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"

	"rotate/rotation"
	"rotate/rotation/interchange"
)

// Export reads the whole book, as one consistent snapshot, for the JSON
// export: every contact (any status) with its phones, tags, calls (oldest
// first), follow-ups and draft, the stored settings and the cleared days.
// Import of the result into an empty book rebuilds it. Calls are numbered
// within their contact (Call.ID) and follow-ups point at those numbers.
func (s *Store) Export(ctx context.Context) (interchange.Book, error) {
	var book interchange.Book
	err := s.readTx(ctx, func(tx *txn) error {
		var err error
		book, err = exportTx(ctx, tx)
		return err
	})
	return book, err
}

// errReadDone ends a read-only transaction by rolling it back.
var errReadDone = errors.New("read done")

// readTx runs fn in a transaction that is rolled back afterwards: a
// consistent snapshot of the book that writes nothing.
func (s *Store) readTx(ctx context.Context, fn func(tx *txn) error) error {
	if s.db.d == dialectPostgres {
		// One snapshot for the whole read, taking no locks.
		tx, err := s.db.BeginTx(ctx, &sql.TxOptions{Isolation: sql.LevelRepeatableRead, ReadOnly: true})
		if err != nil {
			return s.connError(fmt.Errorf("begin: %w", err))
		}
		defer tx.Rollback()
		return fn(tx)
	}
	err := s.withTx(ctx, func(tx *txn) error {
		if err := fn(tx); err != nil {
			return err
		}
		return errReadDone
	})
	if errors.Is(err, errReadDone) {
		return nil
	}
	return err
}

// exportTx reads the whole book (see Export) within tx.
func exportTx(ctx context.Context, tx *txn) (interchange.Book, error) {
	x := &exporter{ctx: ctx, tx: tx, book: interchange.Book{Settings: map[string]string{}}}
	for _, step := range []func() error{
		x.contacts, x.phones, x.tags, x.calls, x.followUps, x.drafts, x.settings, x.clearedDays,
	} {
		if err := step(); err != nil {
			return x.book, err
		}
	}
	return x.book, nil
}

// exporter reads a book into an interchange.Book, one table at a time.
// A team book's drafts and cleared days are each person's: the export
// takes the signed-in person's.
type exporter struct {
	ctx  context.Context
	tx   *txn
	book interchange.Book
	pos  map[int64]int   // contact id -> its record
	refs map[int64]int64 // call id -> number within its contact
}

// each runs query and scan on each row.
func (x *exporter) each(query string, scan func(rows *sql.Rows) error) error {
	rows, err := x.tx.QueryContext(x.ctx, query)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := scan(rows); err != nil {
			return err
		}
	}
	return rows.Err()
}

// contacts makes a record of each contact.
func (x *exporter) contacts() error {
	contacts, err := queryContacts(x.ctx, x.tx, "SELECT "+contactColumns+" FROM contacts c ORDER BY c.id")
	if err != nil {
		return err
	}
	x.pos = make(map[int64]int, len(contacts))
	x.book.Records = make([]interchange.Record, len(contacts))
	for i, c := range contacts {
		x.pos[c.ID] = i
		x.book.Records[i] = interchange.Record{Num: i + 1, Contact: c, Restore: true}
	}
	return nil
}

func (x *exporter) phones() error {
	var id int64
	return x.each("SELECT contact_id, number, label FROM phones ORDER BY contact_id, position", func(rows *sql.Rows) error {
		var p rotation.Phone
		if err := rows.Scan(&id, &p.Number, &p.Label); err != nil {
			return err
		}
		c := &x.book.Records[x.pos[id]].Contact
		c.Phones = append(c.Phones, p)
		return nil
	})
}

func (x *exporter) tags() error {
	var id int64
	return x.each("SELECT contact_id, tag FROM tags ORDER BY contact_id, tag", func(rows *sql.Rows) error {
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return err
		}
		c := &x.book.Records[x.pos[id]].Contact
		c.Tags = append(c.Tags, t)
		return nil
	})
}

// calls are numbered per contact, oldest first.
func (x *exporter) calls() error {
	x.refs = map[int64]int64{}
	return x.each("SELECT id, contact_id, at, day, kind, direction, outcome, note, next_due, logged_by FROM calls ORDER BY contact_id, at, id", func(rows *sql.Rows) error {
		var k rotation.Call
		var at, day, dir, outcome, next string
		if err := rows.Scan(&k.ID, &k.ContactID, &at, &day, &k.Kind, &dir, &outcome, &k.Note, &next, &k.By); err != nil {
			return err
		}
		if k.Kind != rotation.KindNote {
			k.Direction = rotation.Direction(dir)
		}
		r := &x.book.Records[x.pos[k.ContactID]]
		x.refs[k.ID] = int64(len(r.Calls) + 1)
		k.ID, k.ContactID = x.refs[k.ID], 0
		k.At, k.Day, k.Outcome, k.NextDue = parseStamp(at), dateOrZero(day), rotation.Outcome(outcome), dateOrZero(next)
		r.Calls = append(r.Calls, k)
		return nil
	})
}

// followUps name the calls that created and resolved them by their
// numbers (see calls).
func (x *exporter) followUps() error {
	var id int64
	return x.each(`SELECT contact_id, text, created_at, coalesce(created_call_id, 0), resolved_at, coalesce(resolved_call_id, 0)
		FROM followups ORDER BY contact_id, created_at, id`, func(rows *sql.Rows) error {
		var f rotation.FollowUp
		var created, resolved string
		if err := rows.Scan(&id, &f.Text, &created, &f.CreatedCall, &resolved, &f.ResolvedCall); err != nil {
			return err
		}
		f.Created, f.Resolved = parseStamp(created), parseStamp(resolved)
		f.CreatedCall, f.ResolvedCall = x.refs[f.CreatedCall], x.refs[f.ResolvedCall]
		r := &x.book.Records[x.pos[id]]
		r.FollowUps = append(r.FollowUps, f)
		return nil
	})
}

func (x *exporter) drafts() error {
	var id int64
	return x.each("SELECT contact_id, outcome, note, followups, next, updated_at FROM drafts WHERE 1=1"+x.tx.d.own("author")+" ORDER BY contact_id", func(rows *sql.Rows) error {
		var d rotation.Draft
		var outcome, updated string
		if err := rows.Scan(&id, &outcome, &d.Note, &d.FollowUps, &d.Next, &updated); err != nil {
			return err
		}
		d.Outcome, d.Updated = rotation.Outcome(outcome), parseStamp(updated)
		x.book.Records[x.pos[id]].Draft = &d
		return nil
	})
}

func (x *exporter) settings() error {
	return x.each("SELECT key, value FROM settings ORDER BY key", func(rows *sql.Rows) error {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return err
		}
		x.book.Settings[k] = v
		return nil
	})
}

func (x *exporter) clearedDays() error {
	return x.each("SELECT day FROM cleared_days WHERE 1=1"+x.tx.d.own("who")+" ORDER BY day", func(rows *sql.Rows) error {
		var d string
		if err := rows.Scan(&d); err != nil {
			return err
		}
		if day := dateOrZero(d); !day.IsZero() {
			x.book.ClearedDays = append(x.book.ClearedDays, day)
		}
		return nil
	})
}

// ExportContacts returns every contact with its phones and tags, by name then
// id: what the CSV and vCard exports hold.
func (s *Store) ExportContacts(ctx context.Context) ([]rotation.Contact, error) {
	var out []rotation.Contact
	err := s.readTx(ctx, func(tx *txn) error {
		book, err := exportContacts(ctx, tx)
		out = book
		return err
	})
	return out, err
}

func exportContacts(ctx context.Context, tx *txn) ([]rotation.Contact, error) {
	cs, err := queryContacts(ctx, tx, "SELECT "+contactColumns+" FROM contacts c ORDER BY c.id")
	if err != nil {
		return nil, err
	}
	rotation.SortContacts(cs, rotation.ByName) // accents folded, as people expect
	ptrs := make([]*rotation.Contact, len(cs))
	for i := range cs {
		ptrs[i] = &cs[i]
	}
	return cs, attachPhonesAndTags(ctx, tx, ptrs)
}

// UpcomingCalls returns the calls planned from today for days days: each
// active contact's due call (an overdue one on today, with their phones,
// open follow-ups and last touch) and the calls projected after it by the
// contact's rule (rotation.Occurrences: a weekly Friday client every
// Friday), by day then name. Each event has its number N within its
// contact (0 for the due call), which its calendar UID and SEQUENCE
// follow (see Sequence).
func (s *Store) UpcomingCalls(ctx context.Context, today rotation.Date, days int) ([]interchange.CallEvent, error) {
	var out []interchange.CallEvent
	until := today.AddDays(days)
	err := s.readTx(ctx, func(tx *txn) error {
		set, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		cal := set.Calendar()
		cs, err := queryContacts(ctx, tx, "SELECT "+contactColumns+` FROM contacts c
			WHERE c.status = 'active' AND c.due IS NOT NULL AND c.due < ?
			ORDER BY c.id`, until.String())
		if err != nil {
			return err
		}
		rotation.SortContacts(cs, rotation.ByName) // names as people expect
		ptrs := make([]*rotation.Contact, len(cs))
		for i := range cs {
			ptrs[i] = &cs[i]
		}
		if err := attachPhonesAndTags(ctx, tx, ptrs); err != nil {
			return err
		}
		for _, c := range cs {
			e := interchange.CallEvent{Day: max(c.Due, today), Contact: c}
			if e.FollowUps, err = openFollowUpTexts(ctx, tx, c.ID); err != nil {
				return err
			}
			if e.Last, err = lastTouch(ctx, tx, c.ID); err != nil {
				return err
			}
			for n, d := range rotation.Occurrences(c.Schedule, today, until, cal) {
				if n > 0 {
					// A projected call: what to bring up is the due call's.
					e = interchange.CallEvent{Contact: c}
				}
				e.Day, e.N = d, n
				out = append(out, e)
			}
		}
		return nil
	})
	slices.SortStableFunc(out, func(a, b interchange.CallEvent) int { return cmp.Compare(a.Day, b.Day) })
	return out, err
}

// openFollowUpTexts are a contact's open follow-ups, oldest first.
func openFollowUpTexts(ctx context.Context, tx *txn, id int64) ([]string, error) {
	rows, err := tx.QueryContext(ctx, "SELECT text FROM followups WHERE contact_id = ? AND resolved_at = '' ORDER BY created_at, id", id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// maxSequence is the highest SEQUENCE kept (the table's CHECK).
const maxSequence = 1_000_000_000

// Sequence sets the SEQUENCE of each event of a calendar export: 0 the
// first time an event (a contact's N-th planned call) is exported, one
// more each time it is exported saying another day or time than the last
// time, the same otherwise. What each event said is kept in the book
// (calendar_events), so that a calendar importing the file again updates
// the events that moved.
func (s *Store) Sequence(ctx context.Context, events []interchange.CallEvent) error {
	return s.withTx(ctx, func(tx *txn) error {
		for i := range events {
			e := &events[i]
			start := e.Start()
			var was string
			var seq int
			err := tx.QueryRowContext(ctx, "SELECT start, sequence FROM calendar_events WHERE contact_id = ? AND n = ?", e.Contact.ID, e.N).Scan(&was, &seq)
			switch {
			case errors.Is(err, sql.ErrNoRows):
				seq = 0
				_, err = tx.ExecContext(ctx, "INSERT INTO calendar_events (contact_id, n, start, sequence) VALUES (?, ?, ?, 0)", e.Contact.ID, e.N, start)
			case err != nil:
			case was != start:
				// Never past the table's bound, whatever a row says.
				seq = min(max(seq, 0)+1, maxSequence)
				_, err = tx.ExecContext(ctx, "UPDATE calendar_events SET start = ?, sequence = ? WHERE contact_id = ? AND n = ?", start, seq, e.Contact.ID, e.N)
			}
			if err != nil {
				return fmt.Errorf("keep the calendar's events: %w", err)
			}
			e.Seq = seq
		}
		return nil
	})
}

// lastTouch is the newest touch of a contact when it was no call the
// user made (a message sent, their call), for the calendar; nil otherwise.
func lastTouch(ctx context.Context, tx *txn, id int64) (*rotation.Call, error) {
	k := rotation.Call{ContactID: id}
	var day, dir, outcome string
	err := tx.QueryRowContext(ctx, `SELECT id, day, kind, direction, outcome, note FROM calls
		WHERE contact_id = ? AND kind <> 'note' ORDER BY at DESC, id DESC LIMIT 1`, id).
		Scan(&k.ID, &day, &k.Kind, &dir, &outcome, &k.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the last touch: %w", err)
	}
	k.Day, k.Direction, k.Outcome = dateOrZero(day), rotation.Direction(dir), rotation.Outcome(outcome)
	if k.Kind == rotation.KindCall && k.Direction != rotation.In {
		return nil, nil
	}
	return &k, nil
}
