package store

import (
	"context"
	"fmt"
	"rotate/rotation"
	"slices"
	"strings"
	"time"
)

// contactCol is a column of contacts an edit may change (or, guardOnly,
// one it checks): how to read it from a contact, how a conflict names it,
// and whether it belongs to the schedule.
type contactCol struct {
	col, label string
	sched      bool // a schedule column: see updateContactTx
	guardOnly  bool // checked, never written by an edit
	val        func(c *rotation.Contact) any
}

var contactCols = []contactCol{
	{col: "name", label: "name", val: func(c *rotation.Contact) any { return c.Name }},
	{col: "email", label: "email", val: func(c *rotation.Contact) any { return c.Email }},
	{col: "company", label: "company", val: func(c *rotation.Contact) any { return c.Company }},
	{col: "tier", label: "tier", val: func(c *rotation.Contact) any { return normalTier(c.Tier) }},
	{col: "rule", label: "cadence", sched: true, val: func(c *rotation.Contact) any { return c.Rule.String() }},
	{col: "rule_own", label: "cadence", sched: true, val: func(c *rotation.Contact) any { return ownRule(c) }},
	{col: "override_rule", label: "override", sched: true, val: func(c *rotation.Contact) any { return c.Override.String() }},
	{col: "override_until", label: "override end", sched: true, val: func(c *rotation.Contact) any { return c.OverrideUntil.String() }},
	{col: "due", label: "next call", sched: true, val: func(c *rotation.Contact) any { return c.Due.String() }},
	{col: "attempts", label: "missed calls", sched: true, val: func(c *rotation.Contact) any { return c.Attempts }},
	{col: "step", label: "taper step", sched: true, val: func(c *rotation.Contact) any { return c.Step }},
	{col: "status", label: "status", sched: true, val: func(c *rotation.Contact) any { return string(c.Status) }},
	{col: "family", label: "family", val: func(c *rotation.Contact) any { return c.Family }},
	{col: "occupation", label: "occupation", val: func(c *rotation.Contact) any { return c.Occupation }},
	{col: "recreation", label: "recreation", val: func(c *rotation.Contact) any { return c.Recreation }},
	{col: "message", label: "message", val: func(c *rotation.Contact) any { return c.Message }},
	{col: "birthday", label: "birthday", val: func(c *rotation.Contact) any { return c.Birthday.String() }},
	{col: "last_talk_day", label: "last talk", sched: true, guardOnly: true, val: func(c *rotation.Contact) any { return c.LastTalk.String() }},
}

// ownRule is how the rule_own column stores whether c has a rule of its own
// (1) or follows its tier's (0).
func ownRule(c *rotation.Contact) int {
	if c.FollowsTier {
		return 0
	}
	return 1
}

// EditConflictError is an edit refused because the contact changed, since
// the editor loaded it, in a field the edit writes or, for an edit of the
// schedule, in its schedule (a call logged elsewhere). Nothing was saved.
type EditConflictError struct {
	Contact string
	Fields  []string // what changed meanwhile, by label
}

func (e *EditConflictError) Error() string {
	what := ""
	if len(e.Fields) > 0 {
		what = " (" + strings.Join(e.Fields, ", ") + ")"
	}
	return fmt.Sprintf("%s changed meanwhile%s; nothing saved: look again, then redo the edit", e.Contact, what)
}

// Unwrap makes errors.Is(err, ErrConflict) true.
func (e *EditConflictError) Unwrap() error { return ErrConflict }

// Conflict reports true, as ConflictError's does.
func (e *EditConflictError) Conflict() bool { return true }

// UpdateContact saves an edit of a contact: was is the contact as the
// editor loaded it, now as they leave it. It is the one way a contact's
// fields are written (the CLI, the interface, imports and pushes all come
// here): only the fields that differ between was and now are written, and
// the edit is refused with an *EditConflictError, saving nothing, when one
// of them changed in the book since was was read, or when the edit touches
// the schedule (cadence, override, next date, attempts, status) and the
// schedule changed meanwhile (a call logged in another terminal or by a
// colleague). Changes to other fields made meanwhile are kept.
func (s *Store) UpdateContact(ctx context.Context, was, now rotation.Contact) error {
	return s.withTx(ctx, func(tx *txn) error { return s.updateContactTx(ctx, tx, was, now) })
}

func (s *Store) updateContactTx(ctx context.Context, tx querier, was, now rotation.Contact) error {
	if err := validateContact(now); err != nil {
		return err
	}
	if now.Rule.IsZero() {
		// Following the tier, without the rule filled in (AfterEdit does).
		set, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		now.Rule, now.FollowsTier = set.TierRule(normalTier(now.Tier)), true
	}
	now.ID = was.ID
	u := planContactUpdate(was, now)
	if len(u.set) == 0 && !u.tags {
		// Nothing to write; the contact must still be there.
		_, err := getContact(ctx, tx, was.ID)
		return err
	}
	u.set = append(u.set, "updated_at = ?")
	u.setArgs = append(u.setArgs, stamp(s.now()))
	q, args := u.statement(was.ID)
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("update %s: %w", now.Name, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		cur, err := getContact(ctx, tx, was.ID)
		if err != nil {
			return err
		}
		return conflict(was, cur)
	}
	// The row is now locked against other writers: the lists are checked
	// and written under that lock.
	return writeChangedLists(ctx, tx, was, now, u.phones, u.tags)
}

// contactUpdate is the UPDATE of a contact's row: the columns it sets and
// the values the row must still have (the edit guard).
type contactUpdate struct {
	set, where         []string
	setArgs, whereArgs []any
	phones, tags       bool // whether the lists change too
}

// planContactUpdate sets the columns now changes from was, each guarded
// by its value in was, and all the schedule's columns when one of them
// changes.
func planContactUpdate(was, now rotation.Contact) contactUpdate {
	var u contactUpdate
	sched := false
	for _, f := range contactCols {
		if f.guardOnly || f.val(&was) == f.val(&now) {
			continue
		}
		v := f.val(&now)
		if f.col == "due" {
			v = nullDate(now.Due)
		}
		u.set = append(u.set, f.col+" = ?")
		u.setArgs = append(u.setArgs, v)
		u.where = append(u.where, guardExpr(f)+" = ?")
		u.whereArgs = append(u.whereArgs, f.val(&was))
		sched = sched || f.sched
	}
	u.phones = rotation.PhonesChanged(was.Phones, now.Phones)
	u.tags = !slices.Equal(was.Tags, now.Tags)
	if u.phones {
		u.set = append(u.set, "phone = ?")
		u.setArgs = append(u.setArgs, now.FirstPhone())
	}
	if sched {
		for _, f := range contactCols {
			if f.sched {
				u.where = append(u.where, guardExpr(f)+" = ?")
				u.whereArgs = append(u.whereArgs, f.val(&was))
			}
		}
	}
	return u
}

// statement is the UPDATE of contact id and its arguments.
func (u contactUpdate) statement(id int64) (string, []any) {
	q := "UPDATE contacts SET " + strings.Join(u.set, ", ") + " WHERE id = ?"
	args := append(append(u.setArgs, id), u.whereArgs...)
	if len(u.where) > 0 {
		q += " AND " + strings.Join(u.where, " AND ")
	}
	return q, args
}

// writeChangedLists writes now's phones and tags when they changed,
// refused when another writer changed them since was was read.
func writeChangedLists(ctx context.Context, tx querier, was, now rotation.Contact, phones, tags bool) error {
	if phones || tags {
		cur, err := getContact(ctx, tx, was.ID)
		if err != nil {
			return err
		}
		if (phones && !slices.Equal(cur.Phones, was.Phones)) || (tags && !slices.Equal(cur.Tags, was.Tags)) {
			return conflict(was, cur)
		}
	}
	if phones {
		if err := writePhones(ctx, tx, now, false); err != nil {
			return err
		}
	}
	if tags {
		if err := writeTags(ctx, tx, now, false); err != nil {
			return err
		}
	}
	return nil
}

// guardExpr is the column as the guard of an edit compares it: text dates
// may be NULL or empty for no date.
func guardExpr(f contactCol) string {
	switch f.col {
	case "due", "override_until", "birthday", "last_talk_day":
		return "coalesce(" + f.col + ", '')"
	}
	return f.col
}

// conflict names what differs between the contact an editor loaded and
// the one in the book.
func conflict(was, cur rotation.Contact) error {
	e := &EditConflictError{Contact: cur.Name}
	for _, f := range contactCols {
		if f.val(&was) != f.val(&cur) && !slices.Contains(e.Fields, f.label) {
			e.Fields = append(e.Fields, f.label)
		}
	}
	if !slices.Equal(was.Phones, cur.Phones) {
		e.Fields = append(e.Fields, "phones")
	}
	if !slices.Equal(was.Tags, cur.Tags) {
		e.Fields = append(e.Fields, "tags")
	}
	return e
}

// UpdateContactWithNote saves an edit of a contact as UpdateContact does
// (only what changed, refused on a conflict) and records a note about the
// contact, in one transaction: both or, on any error, neither. An empty
// note records nothing.
func (s *Store) UpdateContactWithNote(ctx context.Context, was, now rotation.Contact, note string, at time.Time, day rotation.Date) error {
	return s.withTx(ctx, func(tx *txn) error {
		if err := s.updateContactTx(ctx, tx, was, now); err != nil {
			return err
		}
		if note == "" {
			return nil
		}
		_, err := insertNote(ctx, tx, was.ID, note, at, day)
		return err
	})
}
