package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"
)

// MemberKind is what a member of a team book is: Owner or Assistant.
type MemberKind string

// Member kinds of a team book.
const (
	Owner     MemberKind = "owner"
	Assistant MemberKind = "assistant"
)

// teamState is who is signed in to a team book.
type teamState struct {
	role     string // the PostgreSQL role connected (current_user)
	everyone bool   // Options.Everyone

	// kind is Owner or Assistant: read when the book opens and again by
	// WhoNow, when an owner may have changed it meanwhile.
	mu   sync.Mutex
	kind MemberKind
}

// kind is what the signed-in member is now, as last read.
func (s *Store) kind() MemberKind {
	s.team.mu.Lock()
	defer s.team.mu.Unlock()
	return s.team.kind
}

// OpenTeam sets up the team book at url (rotate team init): it applies
// the PostgreSQL migrations and, when the book has no owner yet, records
// the connected role as its owner. It is safe to run again, also to
// upgrade the schema after updating rotate.
func OpenTeam(ctx context.Context, url string, opts Options) (*Store, error) {
	if !IsTeamURL(url) {
		return nil, remedy(invalid(errors.New("a team book lives on PostgreSQL")), RemedyTeamURL)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return openPostgres(ctx, url, opts, true)
}

// claimBook is the part of rotate team init that the one who set the
// book up (the owner of its tables) does: they are, and stay, its owner
// (this repairs a book whose members were edited behind rotate's back),
// and every member's rights are granted again as the schema says. For
// anyone else it does nothing.
func (s *Store) claimBook(ctx context.Context) error {
	var setUpBy bool
	if err := s.db.QueryRowContext(ctx, `SELECT pg_has_role(relowner, 'USAGE') FROM pg_class
		WHERE oid = 'public.team_members'::regclass`).Scan(&setUpBy); err != nil {
		return s.connError(fmt.Errorf("read the team: %w", err))
	}
	if !setUpBy {
		return nil
	}
	err := s.withTx(ctx, func(tx *txn) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO public.team_members (role, kind) VALUES (current_user, 'owner')
			ON CONFLICT (role) DO UPDATE SET kind = 'owner'`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "SELECT public.rotate_regrant()")
		return err
	})
	if err != nil {
		return s.connError(fmt.Errorf("record the owner: %w", err))
	}
	return nil
}

func (s *Store) notMember() error { return notMemberAt(s.path, s.team.role) }

func notMemberAt(where, role string) error {
	return remedy(&kindError{ErrNotFound, fmt.Sprintf("%s: the role %s is not a member of this practice", where, role)}, RemedyTeamAddRole, role)
}

// teamVersion is the team schema's version, 0 before rotate team init.
func (s *Store) teamVersion(ctx context.Context) (int64, error) {
	var exists bool
	if err := s.db.QueryRowContext(ctx, "SELECT to_regclass('goose_db_version') IS NOT NULL").Scan(&exists); err != nil {
		return 0, s.connError(err)
	}
	if !exists {
		return 0, nil
	}
	var v int64
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce(max(version_id), 0) FROM goose_db_version WHERE is_applied").Scan(&v); err != nil {
		return 0, err
	}
	return v, nil
}

// Who is who is signed in to a team book: the PostgreSQL role and its
// kind (Owner or Assistant). A personal book gives "", "".
func (s *Store) Who() (role string, kind MemberKind) { return s.team.role, s.kind() }

// IsTeam reports whether the book is a team book on PostgreSQL.
func (s *Store) IsTeam() bool { return s.db.d == dialectPostgres }

// mine narrows a query on contacts (alias "c." or "") to the signed-in
// person's calls: an owner's are theirs and the unassigned ones, unless
// Options.Everyone. An assistant's are narrowed by the database itself.
func (s *Store) mine(alias string) string {
	if s.db.d != dialectPostgres || s.team.everyone || s.kind() != Owner {
		return ""
	}
	return " AND (" + alias + "assignee = '' OR " + alias + "assignee = current_user)"
}

// lockContact holds the contact's row until the transaction ends, so that
// two people logging the same contact at once take turns: the second then
// sees the first one's call (checkSeen). SQLite's write transactions are
// taken one at a time already.
func (s *Store) lockContact(ctx context.Context, tx *txn, id int64) error {
	if s.db.d != dialectPostgres {
		return nil
	}
	var got int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM contacts WHERE id = ? FOR UPDATE", id).Scan(&got)
	if errors.Is(err, sql.ErrNoRows) {
		return notFoundf("no contact #%d", id)
	}
	return err
}

// Member is one person of a team book.
type Member struct {
	Role string
	Kind MemberKind // Owner or Assistant
}

// Members lists the team.
func (s *Store) Members(ctx context.Context) ([]Member, error) {
	if err := s.needTeam(); err != nil {
		return nil, err
	}
	rows, err := s.db.QueryContext(ctx, "SELECT role, kind FROM team_members ORDER BY kind DESC, role")
	if err != nil {
		return nil, s.connError(err)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		var m Member
		if err := rows.Scan(&m.Role, &m.Kind); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func (s *Store) needTeam() error {
	if s.db.d != dialectPostgres {
		return remedy(invalid(errors.New("this needs a team book on PostgreSQL (a personal book has no team)")), RemedyTeamURL)
	}
	return nil
}

// AddMember records an existing PostgreSQL role as an owner or assistant
// of the practice (or changes what it is) and grants it what it needs;
// the role itself is made by whoever runs the server (createuser). Only
// an owner may; the database checks (rotate_set_member).
func (s *Store) AddMember(ctx context.Context, role string, kind MemberKind) error {
	if kind != Owner && kind != Assistant {
		return invalid(fmt.Errorf("a member is an owner or an assistant, not %q", kind))
	}
	return s.setMember(ctx, role, kind)
}

// RemoveMember takes a role out of the practice with all its rights; the
// contacts assigned to it become nobody's in particular.
func (s *Store) RemoveMember(ctx context.Context, role string) error {
	return s.setMember(ctx, role, "none")
}

func (s *Store) setMember(ctx context.Context, role string, kind MemberKind) error {
	if err := s.needTeam(); err != nil {
		return err
	}
	if s.kind() != Owner {
		return &kindError{ErrInvalid, "only an owner can change who is in the team"}
	}
	var exists, member bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?),
		EXISTS (SELECT 1 FROM team_members WHERE role = ?)`, role, role).Scan(&exists, &member); err != nil {
		return s.connError(err)
	}
	switch {
	case !exists:
		return remedy(notFoundf("there is no PostgreSQL role %q", role), RemedyCreateRole, role)
	case kind == "none" && !member:
		return notFoundf("%s is not in the team", role)
	}
	return s.withTx(ctx, func(tx *txn) error {
		_, err := tx.ExecContext(ctx, "SELECT rotate_set_member(?, ?)", role, string(kind))
		return err
	})
}

// own narrows a query on a table of one person's things (drafts, cleared
// days) to the signed-in person's, by its column col. Row-level security
// does it for everyone but whoever owns the tables; this does it for all.
func (s *Store) own(col string) string { return s.db.d.own(col) }

// Assign gives a contact to a member of the team ("" for nobody in
// particular).
func (s *Store) Assign(ctx context.Context, contactID int64, role string) error {
	_, err := s.AssignMany(ctx, []int64{contactID}, role)
	return err
}

// AssignResult is what AssignMany did.
type AssignResult struct {
	// Changed is how many of the contacts were someone else's (or
	// nobody's) before; the others were the role's already.
	Changed int
	// Calls and Notes are the history of the changed contacts that an
	// assistant given them now sees: calls, and notes that are not calls.
	// Both 0 when the role is an owner's or nobody's, who saw it before.
	Calls, Notes int
	// Assistant is set when the role is an assistant's.
	Assistant bool
}

// AssignMany gives contacts to a member of the team ("" for nobody in
// particular), all of them or none: one that is not there (or not the
// signed-in person's to give) changes nothing.
func (s *Store) AssignMany(ctx context.Context, ids []int64, role string) (AssignResult, error) {
	var res AssignResult
	if err := s.needTeam(); err != nil {
		return res, err
	}
	err := s.withTx(ctx, func(tx *txn) error {
		res = AssignResult{}
		var kind MemberKind
		if role != "" {
			err := tx.QueryRowContext(ctx, "SELECT kind FROM team_members WHERE role = ?", role).Scan(&kind)
			if errors.Is(err, sql.ErrNoRows) {
				return remedy(notFoundf("%s is not in the team", role), RemedyTeamAdd, role)
			}
			if err != nil {
				return err
			}
		}
		res.Assistant = kind == Assistant
		now := stamp(s.now())
		for _, id := range ids {
			var was string
			err := tx.QueryRowContext(ctx, "SELECT assignee FROM contacts WHERE id = ?", id).Scan(&was)
			if errors.Is(err, sql.ErrNoRows) {
				return notFoundf("no contact #%d", id)
			}
			if err != nil {
				return s.connError(fmt.Errorf("assign: %w", err))
			}
			if was == role {
				continue
			}
			r, err := tx.ExecContext(ctx, "UPDATE contacts SET assignee = ?, updated_at = ? WHERE id = ?", role, now, id)
			if err != nil {
				return s.connError(fmt.Errorf("assign: %w", err))
			}
			if n, _ := r.RowsAffected(); n == 0 {
				return notFoundf("no contact #%d", id)
			}
			res.Changed++
			if kind != Assistant {
				continue
			}
			var calls, notes int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FILTER (WHERE kind <> 'note'), count(*) FILTER (WHERE kind = 'note')
				FROM calls WHERE contact_id = ?`, id).Scan(&calls, &notes); err != nil {
				return s.connError(fmt.Errorf("assign: %w", err))
			}
			res.Calls += calls
			res.Notes += notes
		}
		return nil
	})
	return res, err
}

// checkAssignees refuses a batch that gives contacts to someone outside
// the team, or any assignment in a personal book.
func (s *Store) checkAssignees(ctx context.Context, q querier, batch []NewContact) error {
	checked := map[string]bool{}
	for _, n := range batch {
		role := n.Contact.Assignee
		if role == "" || checked[role] {
			continue
		}
		if err := s.needTeam(); err != nil {
			return err
		}
		var ok bool
		if err := q.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM team_members WHERE role = ?)", role).Scan(&ok); err != nil {
			return s.connError(err)
		}
		if !ok {
			return remedy(notFoundf("%s is not in the team", role), RemedyTeamAdd, role)
		}
		checked[role] = true
	}
	return nil
}
