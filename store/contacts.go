package store

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"rotate/rotation"
)

// contactColumns is the column list scanContact reads, in order.
const contactColumns = `c.id, c.name, c.email, c.company, c.tier, c.rule, c.override_rule,
	c.override_until, coalesce(c.due, ''), c.attempts, c.step, c.status, c.family, c.occupation,
	c.recreation, c.message, c.birthday, c.last_call_day, c.last_outcome, c.last_talk_day,
	c.created_at, c.updated_at, c.assignee, c.rule_own, c.returned_day, c.due_time`

type scanner interface{ Scan(dest ...any) error }

func scanContact(row scanner) (rotation.Contact, error) {
	var c rotation.Contact
	var own int
	var rule, override, until, due, status, birthday, lastCall, lastOutcome, lastTalk, created, updated, returned, dueTime string
	err := row.Scan(&c.ID, &c.Name, &c.Email, &c.Company, &c.Tier, &rule, &override, &until, &due,
		anyInt{&c.Attempts}, anyInt{&c.Step}, &status, &c.Family, &c.Occupation, &c.Recreation, &c.Message,
		&birthday, &lastCall, &lastOutcome, &lastTalk, &created, &updated, &c.Assignee, anyInt{&own}, &returned, &dueTime)
	if err != nil {
		return c, err
	}
	// A rule this build cannot read keeps the contact usable on 90 days
	// rather than hiding it.
	if c.Rule, err = rotation.ParseRule(rule); err != nil {
		c.Rule = rotation.MustRule("every 90d")
	}
	if override != "" {
		c.Override, _ = rotation.ParseRule(override)
		c.OverrideUntil = dateOrZero(until)
	}
	c.Due = dateOrZero(due)
	c.Status = rotation.Status(status)
	c.Birthday = dateOrZero(birthday)
	c.LastCall = dateOrZero(lastCall)
	c.LastOutcome = rotation.Outcome(lastOutcome)
	c.LastTalk = dateOrZero(lastTalk)
	c.Created, c.Updated = parseStamp(created), parseStamp(updated)
	c.FollowsTier = own == 0
	c.Returned = dateOrZero(returned)
	c.DueTime, _ = rotation.ParseClock(dueTime) // a time this build cannot read is none
	c.Schedule = c.Schedule.Sane()
	return c, nil
}

// dateOrZero reads a date column; what is not a date reads as no date. A
// date past 9999 (which older builds wrote for a cadence running off the
// end of the calendar) reads as rotation.MaxDate, and one in year 0 as
// rotation.MinDate, so a planned call stays planned.
func dateOrZero(s string) rotation.Date {
	d, err := rotation.ParseISO(s)
	if err == nil {
		return d
	}
	if y, rest, ok := strings.Cut(strings.TrimPrefix(s, "+"), "-"); ok && len(rest) == 5 && rest[2] == '-' && allDigits(y) && allDigits(rest[:2]) && allDigits(rest[3:]) {
		switch {
		case len(y) > 4 && strings.TrimLeft(y, "0") != "":
			return rotation.MaxDate
		case strings.TrimLeft(y, "0") == "":
			return rotation.MinDate
		}
	}
	return 0
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// anyInt scans an integer column that may hold anything a hostile or
// older writer put there (SQLite keeps text or a real in an integer
// column): NULL and text that is not a number read as 0, a number past
// the range of int as the nearest int. rotation.Schedule.Sane then brings
// a count into its own range.
type anyInt struct{ p *int }

func (a anyInt) Scan(v any) error {
	switch x := v.(type) {
	case int64:
		*a.p = int(x)
	case int32:
		*a.p = int(x)
	case float64:
		switch {
		case x != x:
			*a.p = 0
		case x >= math.MaxInt64:
			*a.p = math.MaxInt
		case x <= math.MinInt64:
			*a.p = math.MinInt
		default:
			*a.p = int(x)
		}
	case []byte:
		return a.Scan(string(x))
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			n = 0
		}
		*a.p = int(n)
	default:
		*a.p = 0
	}
	return nil
}

// nullDate stores the zero Date as NULL.
func nullDate(d rotation.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

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
		return invalid(errors.New("an override rule needs an end date (--until)"))
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
	var set, where []string
	var setArgs, whereArgs []any
	sched := false
	for _, f := range contactCols {
		if f.guardOnly || f.val(&was) == f.val(&now) {
			continue
		}
		v := f.val(&now)
		if f.col == "due" {
			v = nullDate(now.Due)
		}
		set = append(set, f.col+" = ?")
		setArgs = append(setArgs, v)
		where = append(where, guardExpr(f)+" = ?")
		whereArgs = append(whereArgs, f.val(&was))
		sched = sched || f.sched
	}
	phones := rotation.PhonesChanged(was.Phones, now.Phones)
	tags := !slices.Equal(was.Tags, now.Tags)
	if phones {
		set = append(set, "phone = ?")
		setArgs = append(setArgs, now.FirstPhone())
	}
	if sched {
		for _, f := range contactCols {
			if f.sched {
				where = append(where, guardExpr(f)+" = ?")
				whereArgs = append(whereArgs, f.val(&was))
			}
		}
	}
	if len(set) == 0 && !tags {
		// Nothing to write; the contact must still be there.
		_, err := getContact(ctx, tx, was.ID)
		return err
	}
	set = append(set, "updated_at = ?")
	setArgs = append(setArgs, stamp(s.now()))
	q := "UPDATE contacts SET " + strings.Join(set, ", ") + " WHERE id = ?"
	args := append(append(setArgs, was.ID), whereArgs...)
	if len(where) > 0 {
		q += " AND " + strings.Join(where, " AND ")
	}
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
	return rotation.Contact{}, notFoundf("no contact matches %q (rotate list --all shows everyone)", who)
}

// ListFilter narrows List.
type ListFilter struct {
	Tier string             // "" for any
	Tag  string             // "" for any; case and accents do not matter
	All  bool               // include paused and archived contacts
	Sort rotation.NameOrder // by name (the default), last name or tier
}

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
