package store

import (
	"context"
	"fmt"
	"rotate/rotation"
	"rotate/rotation/interchange"
	"slices"
)

// existing is a contact of the book that records matched.
type existing struct {
	was     rotation.Contact // as read: what the update checks against
	c       rotation.Contact
	changed bool
	history []interchange.Record // JSON records whose history goes to it
}

// importPlan is what an import will do with each record, worked out
// before anything is written: which contacts of the book the records
// matched and what they gain, and the new contacts.
type importPlan struct {
	opts ImportOptions
	res  ImportResult

	old       *importIndex // the book's contacts by phone and e-mail
	oldIDs    []int64      // by position in old
	oldNames  []string     // by position in old
	forgotten map[string]bool
	matched   map[int64]*existing

	fresh     *importIndex // the file's new contacts, by phone and e-mail too
	batch     []NewContact
	batchRecs []int                // action index of each new contact
	restores  []interchange.Record // the record of each new contact
}

// planImport matches each record of book with the book's contacts and
// the file's earlier records (ImportMatching).
func planImport(ctx context.Context, tx *txn, book interchange.Book, opts ImportOptions) (*importPlan, error) {
	p := &importPlan{
		opts:    opts,
		old:     newImportIndex(opts.Region),
		matched: map[int64]*existing{},
		fresh:   newImportIndex(opts.Region),
	}
	total := len(book.Records)
	opts.progress(ImportMatching, 0, total)
	if err := p.load(ctx, tx); err != nil {
		return p, err
	}
	for i, rec := range book.Records {
		if i%progressEvery == 0 && i > 0 {
			opts.progress(ImportMatching, i, total)
			if err := ctx.Err(); err != nil {
				return p, err
			}
		}
		if err := p.plan(ctx, tx, rec); err != nil {
			return p, err
		}
	}
	opts.progress(ImportMatching, total, total)
	return p, nil
}

// load indexes the book's contacts and reads whom it forgot.
func (p *importPlan) load(ctx context.Context, tx *txn) error {
	if err := indexBook(ctx, tx, p.old, &p.oldIDs, &p.oldNames); err != nil {
		return err
	}
	if !p.opts.IncludeForgotten {
		var err error
		if p.forgotten, err = forgottenSet(ctx, tx); err != nil {
			return err
		}
	}
	return nil
}

// plan decides what to do with one record: skip a forgotten person, fill
// a matched contact of the book, merge into an earlier record of the
// file, or add a new contact.
func (p *importPlan) plan(ctx context.Context, tx *txn, rec interchange.Record) error {
	act := ImportAction{Record: rec.Num, Line: rec.Line, Name: rec.Contact.Name}
	keys := p.old.keys(rec.Contact, rec.Emails)
	if isForgotten(p.forgotten, keys, rec.Contact) {
		act.Kind = ImportForgotten
		p.res.Forgotten++
		p.res.Actions = append(p.res.Actions, act)
		return nil
	}
	if rec.Restore && !rec.Contact.Created.IsZero() {
		// A contact of an export is itself again when imported twice,
		// even without a number or address.
		keys = append(keys, identityKey(rec.Contact.Name, stamp(rec.Contact.Created)))
	}
	if pos := p.old.find(keys, rec.Contact.Name, func(i int) string { return p.oldNames[i] }); pos >= 0 {
		return p.fill(ctx, tx, act, rec, p.oldIDs[pos])
	}
	// Records of an export are distinct contacts: two people may share
	// a number.
	if !rec.Restore {
		if pos := p.fresh.find(keys, rec.Contact.Name, func(i int) string { return p.batch[i].Contact.Name }); pos >= 0 {
			p.merge(act, rec, pos)
			return nil
		}
	}
	return p.add(act, rec, keys)
}

// fill plans what the book's contact id gains from rec.
func (p *importPlan) fill(ctx context.Context, tx *txn, act ImportAction, rec interchange.Record, id int64) error {
	ex := p.matched[id]
	if ex == nil {
		c, err := getContact(ctx, tx, id)
		if err != nil {
			return err
		}
		ex = &existing{was: c, c: c}
		p.matched[id] = ex
	}
	act.ContactID, act.Name = id, ex.c.Name
	src, err := withoutRemovedPhones(ctx, tx, id, rec.Contact, p.opts.Region)
	if err != nil {
		return err
	}
	act.Changes = fillMissing(&ex.c, src, p.opts.Region)
	ex.changed = ex.changed || len(act.Changes) > 0
	if rec.Restore {
		ex.history = append(ex.history, rec)
	}
	act.Kind = ImportUpdate
	if len(act.Changes) == 0 && !rec.Restore {
		act.Kind = ImportSkip
	}
	p.res.Actions = append(p.res.Actions, act)
	return nil
}

// merge plans rec into the file's new contact at pos.
func (p *importPlan) merge(act ImportAction, rec interchange.Record, pos int) {
	first := p.res.Actions[p.batchRecs[pos]]
	act.Kind, act.Into, act.Name = ImportMerge, first.Record, p.batch[pos].Contact.Name
	act.Changes = fillMissing(&p.batch[pos].Contact, rec.Contact, p.opts.Region)
	if len(act.Changes) == 0 {
		act.Kind = ImportSkip
	}
	p.fresh.add(p.fresh.keys(p.batch[pos].Contact, rec.Emails), pos)
	p.res.Actions = append(p.res.Actions, act)
}

// add plans rec as a new contact.
func (p *importPlan) add(act ImportAction, rec interchange.Record, keys []string) error {
	c := newImportContact(rec.Contact, p.opts)
	if err := validateContact(c); err != nil {
		return invalid(fmt.Errorf("record %d (line %d): %w", rec.Num, rec.Line, err))
	}
	act.Kind = ImportNew
	p.fresh.add(keys, len(p.batch))
	p.batch = append(p.batch, NewContact{Contact: c})
	p.batchRecs = append(p.batchRecs, len(p.res.Actions))
	p.restores = append(p.restores, rec)
	p.res.Actions = append(p.res.Actions, act)
	return nil
}

// newImportContact is a record's contact as it is added: the options'
// assignee, and their tier and rule where the record has none.
func newImportContact(c rotation.Contact, opts ImportOptions) rotation.Contact {
	c.ID = 0
	if opts.Assign != "" {
		c.Assignee = opts.Assign
	}
	if c.Tier == "" {
		c.Tier = opts.Tier
	}
	if c.Tier == "" {
		c.Tier = "B"
	}
	if c.Rule.IsZero() {
		c.Rule = opts.Rule
	}
	return c
}

// changedIDs are the matched contacts that gained something, in order.
func (p *importPlan) changedIDs() []int64 {
	ids := make([]int64, 0, len(p.matched))
	for id, ex := range p.matched {
		if ex.changed || len(ex.history) > 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// importIndex finds contacts by phone key and e-mail key.
type importIndex struct {
	region string
	byKey  map[string][]int // key -> positions in the list it indexes
}

func newImportIndex(region string) *importIndex {
	return &importIndex{region: region, byKey: map[string][]int{}}
}

// keys are the lookup keys of a contact: "t:" phone keys and "e:" e-mail
// keys.
func (ix *importIndex) keys(c rotation.Contact, emails []string) []string {
	var out []string
	for _, p := range c.Phones {
		if k := interchange.PhoneKey(p.Number, ix.region); k != "" {
			out = append(out, "t:"+k)
		}
	}
	if c.Email != "" && !slices.Contains(emails, c.Email) {
		emails = append([]string{c.Email}, emails...)
	}
	for _, e := range emails {
		if k := interchange.EmailKey(e); k != "" {
			out = append(out, "e:"+k)
		}
	}
	return out
}

func (ix *importIndex) add(keys []string, pos int) {
	for _, k := range keys {
		if l := ix.byKey[k]; len(l) == 0 || l[len(l)-1] != pos {
			ix.byKey[k] = append(l, pos)
		}
	}
}

// find returns the position matched by keys, or -1. When the keys lead to
// several, the one whose name is the record's wins, else the first found.
func (ix *importIndex) find(keys []string, name string, nameOf func(int) string) int {
	first := -1
	folded := rotation.Fold(name)
	for _, k := range keys {
		for _, pos := range ix.byKey[k] {
			if first < 0 {
				first = pos
			}
			if rotation.Fold(nameOf(pos)) == folded {
				return pos
			}
		}
	}
	return first
}

// indexBook indexes every contact of the book by phone and e-mail.
func indexBook(ctx context.Context, tx *txn, ix *importIndex, ids *[]int64, names *[]string) error {
	rows, err := tx.QueryContext(ctx, "SELECT id, name, email, created_at FROM contacts ORDER BY id")
	if err != nil {
		return fmt.Errorf("read contacts: %w", err)
	}
	pos := map[int64]int{}
	for rows.Next() {
		var id int64
		var name, email, created string
		if err := rows.Scan(&id, &name, &email, &created); err != nil {
			rows.Close()
			return err
		}
		pos[id] = len(*ids)
		*ids = append(*ids, id)
		*names = append(*names, name)
		if k := interchange.EmailKey(email); k != "" {
			ix.add([]string{"e:" + k}, pos[id])
		}
		ix.add([]string{identityKey(name, created)}, pos[id])
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, "SELECT contact_id, number FROM phones ORDER BY contact_id, position")
	if err != nil {
		return fmt.Errorf("read phones: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var number string
		if err := rows.Scan(&id, &number); err != nil {
			return err
		}
		if k := interchange.PhoneKey(number, ix.region); k != "" {
			ix.add([]string{"t:" + k}, pos[id])
		}
	}
	return rows.Err()
}

// identityKey is a contact's name and creation time: who it is in an
// export of this book.
func identityKey(name, created string) string {
	return "c:" + rotation.Fold(name) + "|" + created
}
