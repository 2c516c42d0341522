package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"rotate/rotation"
	"slices"
	"strconv"
	"strings"
)

// Briefing gathers what to read before calling a contact: the contact, its
// open follow-ups (most recent first), its last calls (newest first; at
// most callLimit, all when callLimit <= 0) and any unsaved draft.
func (s *Store) Briefing(ctx context.Context, id int64, callLimit int) (rotation.Briefing, error) {
	var b rotation.Briefing
	var err error
	if b.Contact, err = s.Contact(ctx, id); err != nil {
		return b, err
	}
	if b.FollowUps, err = s.followUps(ctx, id, true); err != nil {
		return b, err
	}
	if b.Calls, err = s.Calls(ctx, id, callLimit); err != nil {
		return b, err
	}
	d, ok, err := s.Draft(ctx, id)
	if err != nil {
		return b, err
	}
	if ok {
		b.Draft = &d
	}
	return b, nil
}

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

// Contact returns one contact with its phones and tags.
func (s *Store) Contact(ctx context.Context, id int64) (rotation.Contact, error) {
	return getContact(ctx, s.db, id)
}

func getContact(ctx context.Context, q querier, id int64) (rotation.Contact, error) {
	c, err := scanContact(q.QueryRowContext(ctx, "SELECT "+contactColumns+" FROM contacts c WHERE c.id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return c, notFoundf("no contact #%d", id)
	}
	if err != nil {
		return c, fmt.Errorf("read contact %d: %w", id, err)
	}
	if err := attachPhonesAndTags(ctx, q, []*rotation.Contact{&c}); err != nil {
		return c, err
	}
	return c, nil
}

// attachPhonesAndTags fills the phones and tags of the given contacts.
func attachPhonesAndTags(ctx context.Context, q querier, cs []*rotation.Contact) error {
	if len(cs) == 0 {
		return nil
	}
	byID := make(map[int64]*rotation.Contact, len(cs))
	ids := make([]string, 0, len(cs))
	for _, c := range cs {
		byID[c.ID] = c
		ids = append(ids, strconv.FormatInt(c.ID, 10))
	}
	// The ids are integers formatted here, so inlining them is safe, and
	// it avoids SQLite's limit on bound parameters for long lists.
	in := strings.Join(ids, ",")
	rows, err := q.QueryContext(ctx, "SELECT contact_id, number, label FROM phones WHERE contact_id IN ("+in+") ORDER BY contact_id, position")
	if err != nil {
		return fmt.Errorf("read phones: %w", err)
	}
	for rows.Next() {
		var id int64
		var p rotation.Phone
		if err := rows.Scan(&id, &p.Number, &p.Label); err != nil {
			rows.Close()
			return err
		}
		byID[id].Phones = append(byID[id].Phones, p)
	}
	rows.Close()
	rows, err = q.QueryContext(ctx, "SELECT contact_id, tag FROM tags WHERE contact_id IN ("+in+") ORDER BY contact_id, tag")
	if err != nil {
		return fmt.Errorf("read tags: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var t string
		if err := rows.Scan(&id, &t); err != nil {
			return err
		}
		byID[id].Tags = append(byID[id].Tags, t)
	}
	return rows.Err()
}

// Find resolves what a person typed to name a contact: a numeric id, a
// full name in any case, a unique prefix of the name, or a unique prefix
// of one of its words ("doe" for Jane Doe). Several matches give an
// *AmbiguousError listing them.
func (s *Store) Find(ctx context.Context, who string) (rotation.Contact, error) {
	who = strings.TrimSpace(who)
	if who == "" {
		return rotation.Contact{}, notFoundf("no contact named")
	}
	if id, err := strconv.ParseInt(strings.TrimPrefix(who, "#"), 10, 64); err == nil {
		c, err := s.Contact(ctx, id)
		if err == nil || !errors.Is(err, ErrNotFound) {
			return c, err
		}
	}
	rows, err := s.db.QueryContext(ctx, "SELECT id, name FROM contacts ORDER BY name, id")
	if err != nil {
		return rotation.Contact{}, fmt.Errorf("find %q: %w", who, err)
	}
	type cand struct {
		id   int64
		name string
	}
	var exact, prefix, word []cand
	key := rotation.Fold(who)
	for rows.Next() {
		var c cand
		if err := rows.Scan(&c.id, &c.name); err != nil {
			rows.Close()
			return rotation.Contact{}, err
		}
		name := rotation.Fold(c.name)
		switch {
		case name == key:
			exact = append(exact, c)
		case strings.HasPrefix(name, key):
			prefix = append(prefix, c)
		case slices.ContainsFunc(strings.Fields(name), func(w string) bool { return strings.HasPrefix(w, key) }):
			word = append(word, c)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return rotation.Contact{}, err
	}
	for _, group := range [][]cand{exact, prefix, word} {
		switch len(group) {
		case 0:
			continue
		case 1:
			return s.Contact(ctx, group[0].id)
		}
		amb := &AmbiguousError{Query: who}
		for _, c := range group {
			amb.Matches = append(amb.Matches, fmt.Sprintf("%s (#%d)", c.name, c.id))
		}
		return rotation.Contact{}, amb
	}
	return rotation.Contact{}, remedy(notFoundf("no contact matches %q", who), RemedyListAll)
}

// ListFilter narrows List.
type ListFilter struct {
	Tier string             // "" for any
	Tag  string             // "" for any; case and accents do not matter
	All  bool               // include paused and archived contacts
	Sort rotation.NameOrder // by name (the default), last name or tier
	// Assignee, on a team book, keeps the contacts assigned to that
	// member; NoOne keeps those assigned to nobody. "" for any.
	Assignee string
}

// NoOne is ListFilter.Assignee for the contacts assigned to nobody in
// particular, and the role `rotate assign` and --assign take for it.
const NoOne = "none"

// List returns contacts sorted as people expect (rotation.SortContacts),
// without phones and tags.
func (s *Store) List(ctx context.Context, f ListFilter) ([]rotation.Contact, error) {
	q := "SELECT " + contactColumns + " FROM contacts c WHERE 1=1"
	var args []any
	if !f.All {
		q += " AND c.status = 'active'"
	}
	if f.Tier != "" {
		q += " AND c.tier = ?"
		args = append(args, f.Tier)
	}
	switch f.Assignee {
	case "":
	case NoOne:
		q += " AND c.assignee = ''"
	default:
		q += " AND c.assignee = ?"
		args = append(args, f.Assignee)
	}
	cs, err := queryContacts(ctx, s.db, q+" ORDER BY c.id", args...)
	if err != nil {
		return nil, err
	}
	if f.Tag != "" {
		// Tags are matched folded (Golf, golf and gölf are one tag),
		// which SQL's lower() does not do beyond ASCII on SQLite.
		tags, err := s.allTags(ctx)
		if err != nil {
			return nil, err
		}
		want := rotation.Fold(f.Tag)
		cs = slices.DeleteFunc(cs, func(c rotation.Contact) bool {
			return !slices.ContainsFunc(tags[c.ID], func(t string) bool { return rotation.Fold(t) == want })
		})
	}
	rotation.SortContacts(cs, cmp.Or(f.Sort, rotation.ByName))
	return cs, nil
}

func queryContacts(ctx context.Context, q querier, query string, args ...any) ([]rotation.Contact, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("list contacts: %w", err)
	}
	defer rows.Close()
	var out []rotation.Contact
	for rows.Next() {
		c, err := scanContact(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
