package store

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"

	"rotate/rotation"
	"rotate/rotation/interchange"
)

// What a team book does when who may see what changes under an open
// session (issue 18): the member's kind is read again (WhoNow), a draft
// of a contact that is no longer theirs goes to whoever holds it now
// (SaveDraft, HandDraft; the database does the same for the drafts it
// holds, migration postgres/00011), and every refusal by the database
// reads as one sentence naming who may do it (refusal).

// ErrOutOfReach marks a contact that is no longer the signed-in member's
// to see: given to someone else, taken back, or the member demoted.
var ErrOutOfReach = errors.New("no longer yours")

// OutOfReach reports whether the error is ErrOutOfReach: the interface
// tells it by this method, without importing the store.
func (e *kindError) OutOfReach() bool { return e.kind == ErrOutOfReach }

// NotFound reports whether the error is ErrNotFound (a contact not there,
// or not the signed-in member's to see), for the interface.
func (e *kindError) NotFound() bool { return e.kind == ErrNotFound }

// WhoNow reads again who is signed in to a team book and what they are
// now (an owner may have demoted or promoted them since the book was
// opened); Who answers with it from then on. A role that is no longer a
// member gives kind "". A personal book gives "", "".
func (s *Store) WhoNow(ctx context.Context) (role, kind string, err error) {
	if s.db.d != dialectPostgres {
		return "", "", nil
	}
	err = s.db.QueryRowContext(ctx, `SELECT current_user::text, coalesce((SELECT kind FROM team_members WHERE role = current_user), '')`).
		Scan(&role, &kind)
	if err != nil {
		return s.team.role, string(s.kind()), s.connError(fmt.Errorf("read the team: %w", err))
	}
	s.team.mu.Lock()
	s.team.kind = MemberKind(kind)
	s.team.mu.Unlock()
	return role, kind, nil
}

// reachable reports whether the signed-in member sees contact id.
func (s *Store) reachable(ctx context.Context, q querier, id int64) (bool, error) {
	var ok bool
	err := q.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM contacts WHERE id = ?)", id).Scan(&ok)
	return ok, err
}

// HandDraft gives a draft of a contact that left the signed-in member's
// reach to whoever holds the contact now, under a line saying whose it
// was: what a note kept while the server was away becomes once the
// contact has gone to someone else. It reports false, changing nothing,
// for a contact the member still sees or never had (the database checks,
// rotate_hand_draft) and on a personal book.
func (s *Store) HandDraft(ctx context.Context, d rotation.Draft) (bool, error) {
	if s.db.d != dialectPostgres || d.IsEmpty() {
		return false, nil
	}
	updated := d.Updated
	if updated.IsZero() {
		updated = s.now()
	}
	var handed bool
	err := s.withTx(ctx, func(tx *txn) error {
		return tx.QueryRowContext(ctx, "SELECT public.rotate_hand_draft(?, ?, ?, ?, ?, ?)",
			d.ContactID, string(d.Outcome), d.Note, d.FollowUps, d.Next, stamp(updated)).Scan(&handed)
	})
	return handed, err
}

// handedOver is the error of a draft saved for a contact the member does
// not see: handed reports whether it went to the holder (the contact
// left their reach); if not, it is not there for them at all.
func handedOver(id int64, handed bool) error {
	if handed {
		return &kindError{ErrOutOfReach, fmt.Sprintf("contact #%d is no longer yours to see; your note went to whoever holds it now, marked as yours", id)}
	}
	return notFoundf("no contact #%d", id)
}

// rlsTable and deniedTable read the table out of PostgreSQL's messages
// for a row refused by row-level security and a missing grant.
var (
	rlsTable    = regexp.MustCompile(`row-level security policy(?: \([A-Z ]+\))? for table "?([a-z_]+)"?`)
	deniedTable = regexp.MustCompile(`permission denied for (table|relation|function|sequence|schema|database) "?([a-z_.()]+)`)
)

// refusal says in one sentence, naming who may do it, what a team book's
// database refused (SQLSTATE 42501: a missing grant, a row row-level
// security keeps out, or one of the book's own checks).
func refusal(pgErr *pgconn.PgError) string {
	msg := pgErr.Message
	if m := rlsTable.FindStringSubmatch(msg); m != nil {
		return rowRefusal(m[1])
	}
	if m := deniedTable.FindStringSubmatch(msg); m != nil {
		if m[1] == "table" || m[1] == "relation" {
			return tableRefusal(m[2])
		}
		return "Only an owner of the practice can do this; ask one of them (rotate team list shows who)."
	}
	// The book's own checks (RAISE in its functions) say it already.
	return sentence(msg)
}

// rowRefusal is refusal for a row row-level security keeps out of table.
func rowRefusal(table string) string {
	switch table {
	case "contacts":
		return "Only an owner can give a contact to someone else or change a contact that is not assigned to you; ask an owner (rotate team list shows who)."
	case "calls":
		return "Only an owner, or the assistant the contact is assigned to, can log a call on it; an assistant corrects only the calls they logged."
	case "followups", "phones", "tags":
		return "Only an owner, or the assistant the contact is assigned to, can change its " + tableWords(table) + "."
	case "settings":
		return "Only an owner can change the book's settings (workdays, tiers, capacity, time away for everyone); each person sets their own time away (rotate config away)."
	case "drafts":
		return "Only the assistant a contact is assigned to, or an owner, can keep a draft of its call."
	case "cleared_days":
		return "A streak is its person's own: only they mark their days."
	case "forget_requests":
		return "Only an owner can forget a person."
	}
	return "Only an owner of the practice can do this; ask one of them (rotate team list shows who)."
}

// tableRefusal is refusal for a right the member's kind does not have on
// table.
func tableRefusal(table string) string {
	switch table {
	case "settings":
		return "Only an owner can change the book's settings (workdays, tiers, capacity, time away for everyone); each person sets their own time away (rotate config away)."
	case "contacts":
		return "Only an owner can delete, merge or forget contacts; ask an owner (rotate team list shows who)."
	case "calls", "call_revisions", "removed_calls":
		return "Only an owner can change calls logged by someone else; the history of changes is written by rotate alone."
	case "team_members", "rotate_rights":
		return "Only an owner can change who is in the team (rotate team add, rotate team remove)."
	case "forget_requests", "forgotten":
		return "Only an owner can forget a person."
	case "cleared_days":
		return "A streak is its person's own: only they mark their days."
	case "book_version", "plan_groups", "goose_db_version", "reach_lost":
		return "Only rotate itself changes this, as the book's owner; an owner upgrades the book with rotate team init."
	}
	return "Only an owner of the practice can do this; ask one of them (rotate team list shows who)."
}

// tableWords names a table's rows for people.
func tableWords(table string) string {
	switch table {
	case "followups":
		return "follow-ups"
	case "phones":
		return "phone numbers"
	}
	return table
}

// sentence makes a message of the database's one sentence: a capital
// first letter and a full stop.
func sentence(msg string) string {
	msg = strings.TrimSpace(collapseSpace(msg))
	if msg == "" {
		return "Only an owner of the practice can do this; ask one of them (rotate team list shows who)."
	}
	msg = strings.ToUpper(msg[:1]) + msg[1:]
	if !strings.HasSuffix(msg, ".") {
		msg += "."
	}
	return msg
}

// Twin is a contact flagged as possibly the same person as another: an
// assistant added it (pushed, imported, typed) with a phone number or an
// e-mail of a contact they could not see.
type Twin struct {
	ID     int64
	Name   string
	Reason string // "phone" or "e-mail"
	// Added is true when the contact asked about is the one the assistant
	// added, and ID the one they could not see; false the other way.
	Added bool
}

// Twins lists, for an owner of a team book, the contacts flagged as
// possibly the same person as contact id; merge one into the other with
// rotate merge. Others (and a personal book) have none to see.
func (s *Store) Twins(ctx context.Context, id int64) ([]Twin, error) {
	if s.db.d != dialectPostgres || s.kind() != Owner {
		return nil, nil
	}
	rows, err := s.db.QueryContext(ctx, `SELECT t.twin_id, c.name, t.reason, true FROM possible_twins t JOIN contacts c ON c.id = t.twin_id WHERE t.contact_id = ?
		UNION ALL SELECT t.contact_id, c.name, t.reason, false FROM possible_twins t JOIN contacts c ON c.id = t.contact_id WHERE t.twin_id = ?
		ORDER BY 1`, id, id)
	if err != nil {
		return nil, s.connError(err)
	}
	defer rows.Close()
	var out []Twin
	for rows.Next() {
		var t Twin
		if err := rows.Scan(&t.ID, &t.Name, &t.Reason, &t.Added); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// withoutRemovedPhones is c without the numbers someone took off the book's
// contact id (a team book keeps them, migration postgres/00011): a push or
// import of the same contact again does not bring them back.
func withoutRemovedPhones(ctx context.Context, tx *txn, id int64, c rotation.Contact, region string) (rotation.Contact, error) {
	if tx.d != dialectPostgres || len(c.Phones) == 0 {
		return c, nil
	}
	rows, err := tx.QueryContext(ctx, "SELECT number, e164 FROM removed_phones WHERE contact_id = ?", id)
	if err != nil {
		return c, err
	}
	defer rows.Close()
	gone := map[string]bool{}
	for rows.Next() {
		var number, e164 string
		if err := rows.Scan(&number, &e164); err != nil {
			return c, err
		}
		gone[number] = true
		if e164 != "" {
			gone[e164] = true
		}
	}
	if err := rows.Err(); err != nil {
		return c, err
	}
	if len(gone) == 0 {
		return c, nil
	}
	kept := make([]rotation.Phone, 0, len(c.Phones))
	for _, p := range c.Phones {
		if k := interchange.PhoneKey(p.Number, region); gone[p.Number] || (k != "" && gone[k]) {
			continue
		}
		kept = append(kept, p)
	}
	c.Phones = kept
	return c, nil
}
