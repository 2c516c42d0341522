package store

import (
	"context"
	"errors"
	"fmt"
	"rotate/rotation"
	"slices"
	"strings"
)

// AddContact stores a new contact. Without a due date its first call is
// ramped in across its first interval (rotation.RampIn) on today's
// calendar, so a batch of new contacts is not all due at once.
func (s *Store) AddContact(ctx context.Context, c rotation.Contact, today rotation.Date) (rotation.Contact, error) {
	added, err := s.AddContacts(ctx, []NewContact{{Contact: c}}, today)
	if err != nil {
		return c, err
	}
	return added[0], nil
}

// NewContact is a contact to add, with an optional first note for its
// history.
type NewContact struct {
	Contact rotation.Contact
	Note    string
}

// AddContacts adds a batch of contacts in one transaction: all of them or,
// on any error, none.
func (s *Store) AddContacts(ctx context.Context, batch []NewContact, today rotation.Date) ([]rotation.Contact, error) {
	for _, n := range batch {
		if err := validateContact(n.Contact); err != nil {
			return nil, err
		}
	}
	var out []rotation.Contact
	err := s.withTx(ctx, func(tx *txn) error {
		var err error
		out, err = s.addContactsTx(ctx, tx, batch, today, nil)
		return err
	})
	return out, err
}

// addContactsTx adds a validated batch inside tx: contacts without a due
// date ramp in across their first interval, highest tier first, and a
// non-empty Note becomes the first entry of their history. Import shares it
// so that imported and added contacts are placed the same way. saved, when
// set, is called after each contact is written, with its place in the
// batch, so that Import can add the rest of a record and report progress
// while the writes go on.
func (s *Store) addContactsTx(ctx context.Context, tx *txn, batch []NewContact, today rotation.Date,
	saved func(i int, c rotation.Contact) error) ([]rotation.Contact, error) {
	set, err := loadSettings(ctx, tx)
	if err != nil {
		return nil, err
	}
	if err := s.checkAssignees(ctx, tx, batch); err != nil {
		return nil, err
	}
	batch = slices.Clone(batch) // rampIn fills in due dates
	for i := range batch {
		batch[i].Contact.Tier = normalTier(batch[i].Contact.Tier)
	}
	if err := s.rampIn(ctx, tx, set, batch, today); err != nil {
		return nil, err
	}
	q := newStmtCache(tx)
	defer q.Close()
	out := make([]rotation.Contact, 0, len(batch))
	for i, n := range batch {
		c, err := s.insertContact(ctx, q, set, n.Contact, today)
		if err != nil {
			return nil, err
		}
		if n.Note != "" {
			if _, err := insertNote(ctx, q, c.ID, n.Note, s.now(), today); err != nil {
				return nil, err
			}
		}
		if saved != nil {
			if err := saved(i, c); err != nil {
				return nil, err
			}
		}
		out = append(out, c)
	}
	return out, nil
}

func (s *Store) insertContact(ctx context.Context, tx querier, set rotation.Settings, c rotation.Contact, today rotation.Date) (rotation.Contact, error) {
	c.Tier = normalTier(c.Tier)
	if c.Rule.IsZero() {
		// No cadence of its own: the tier's, now and when it changes. (A
		// restored follower keeps the rule it had, its flag too.)
		c.Rule, c.FollowsTier = set.TierRule(c.Tier), true
	}
	if c.Status == "" {
		c.Status = rotation.Active
	}
	if c.Due.IsZero() && c.Status == rotation.Active {
		c.Due = rotation.FirstDue(c.ActiveRule(today), today, set.Calendar())
	}
	now := stamp(s.now())
	err := tx.QueryRowContext(ctx, `INSERT INTO contacts (name, email, company, tier, rule,
		override_rule, override_until, due, attempts, step, status, family, occupation,
		recreation, message, birthday, phone, created_at, updated_at, assignee, rule_own)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id, assignee`,
		c.Name, c.Email, c.Company, c.Tier, c.Rule.String(), c.Override.String(), c.OverrideUntil.String(),
		nullDate(c.Due), c.Attempts, c.Step, string(c.Status), c.Family, c.Occupation, c.Recreation,
		c.Message, c.Birthday.String(), c.FirstPhone(), now, now, c.Assignee, ownRule(&c)).Scan(&c.ID, &c.Assignee)
	if err != nil {
		return c, fmt.Errorf("add %s: %w", c.Name, err)
	}
	if err := writePhonesAndTags(ctx, tx, c, true); err != nil {
		return c, err
	}
	c.Created, c.Updated = parseStamp(now), parseStamp(now)
	return c, nil
}

// dueOn counts the active contacts due on d.
func dueOn(ctx context.Context, q querier, d rotation.Date, mine string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, "SELECT count(*) FROM contacts WHERE status = 'active' AND due = ?"+mine, d.String()).Scan(&n)
	return n, err
}

// normalTier is the tier's standard spelling ("a" is "A"); validateContact
// has checked it parses.
func normalTier(t string) string {
	if tier, err := rotation.ParseTier(t); err == nil {
		return tier
	}
	return t
}

func validateContact(c rotation.Contact) error {
	if strings.TrimSpace(c.Name) == "" {
		return invalid(errors.New("a contact needs a name"))
	}
	if _, err := rotation.ParseTier(c.Tier); err != nil {
		return invalid(err)
	}
	if !c.Override.IsZero() && c.OverrideUntil.IsZero() {
		return remedy(invalid(errors.New("an override rule needs an end date")), RemedyUntil)
	}
	if c.Attempts < 0 || c.Attempts > rotation.MaxAttempts || c.Step < 0 || c.Step > rotation.MaxStep {
		return invalid(fmt.Errorf("attempts %d or step %d is out of range", c.Attempts, c.Step))
	}
	for _, d := range []rotation.Date{c.Due, c.OverrideUntil, c.Birthday, c.LastCall, c.LastTalk} {
		if !d.IsZero() && !d.InRange() {
			return invalid(fmt.Errorf("a date is out of range (%s to %s)", rotation.MinDate, rotation.MaxDate))
		}
	}
	return nil
}

// writePhonesAndTags replaces the phones and tags of c; fresh skips the
// clearing for a contact just inserted.
func writePhonesAndTags(ctx context.Context, tx querier, c rotation.Contact, fresh bool) error {
	if err := writePhones(ctx, tx, c, fresh); err != nil {
		return err
	}
	return writeTags(ctx, tx, c, fresh)
}

func writePhones(ctx context.Context, tx querier, c rotation.Contact, fresh bool) error {
	if !fresh {
		if _, err := tx.ExecContext(ctx, "DELETE FROM phones WHERE contact_id = ?", c.ID); err != nil {
			return err
		}
	}
	for i, p := range c.Phones {
		if _, err := tx.ExecContext(ctx, "INSERT INTO phones (contact_id, position, number, label) VALUES (?, ?, ?, ?)",
			c.ID, i, p.Number, p.Label); err != nil {
			return fmt.Errorf("save phone %s: %w", p.Number, err)
		}
	}
	return nil
}

func writeTags(ctx context.Context, tx querier, c rotation.Contact, fresh bool) error {
	if !fresh {
		if _, err := tx.ExecContext(ctx, "DELETE FROM tags WHERE contact_id = ?", c.ID); err != nil {
			return err
		}
	}
	for _, t := range c.Tags {
		if _, err := tx.ExecContext(ctx, "INSERT INTO tags (contact_id, tag) VALUES (?, ?) ON CONFLICT DO NOTHING", c.ID, t); err != nil {
			return fmt.Errorf("save tag %s: %w", t, err)
		}
	}
	return nil
}

// SetDue moves a contact's next call to an explicit date (snooze): a date
// typed, which the catch-up keeps (KeepDue).
func (s *Store) SetDue(ctx context.Context, id int64, due rotation.Date) error {
	return s.withTx(ctx, func(tx *txn) error {
		was, err := getContact(ctx, tx, id)
		if err != nil {
			return err
		}
		now := was
		now.Due = due
		if err := s.updateContactTx(ctx, tx, was, now); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE contacts SET due_typed = ? WHERE id = ?", due.String(), id)
		return err
	})
}

// SetStatus archives, pauses or resumes a contact. Resuming puts the next
// call on due (normally today's first workday) and clears missed attempts.
func (s *Store) SetStatus(ctx context.Context, id int64, status rotation.Status, due rotation.Date) error {
	return s.changeContact(ctx, id, func(c *rotation.Contact) {
		c.Status, c.Due = status, due
		if status == rotation.Active {
			c.Attempts = 0
		}
	})
}

// changeContact applies change to the contact as it is now and saves it
// through the one update path, in one transaction.
func (s *Store) changeContact(ctx context.Context, id int64, change func(c *rotation.Contact)) error {
	return s.withTx(ctx, func(tx *txn) error {
		was, err := getContact(ctx, tx, id)
		if err != nil {
			return err
		}
		now := was
		change(&now)
		return s.updateContactTx(ctx, tx, was, now)
	})
}

// KeepDue records that a contact's due date is one the user typed
// (`--due` on add or edit): the catch-up never moves it. It marks the date
// only while it is still the contact's due date; a date the rules compute
// later is not typed.
func (s *Store) KeepDue(ctx context.Context, id int64, due rotation.Date) error {
	if due.IsZero() {
		return nil
	}
	return s.withTx(ctx, func(tx *txn) error {
		_, err := tx.ExecContext(ctx, "UPDATE contacts SET due_typed = ? WHERE id = ? AND due = ?", due.String(), id, due.String())
		return err
	})
}

// keepTyped marks an explicit next date of a logged call (`--next`, a
// callback) as typed, inside LogCall's transaction.
func keepTyped(ctx context.Context, tx *txn, id int64, due rotation.Date) error {
	if due.IsZero() {
		return nil
	}
	_, err := tx.ExecContext(ctx, "UPDATE contacts SET due_typed = ? WHERE id = ?", due.String(), id)
	return err
}
