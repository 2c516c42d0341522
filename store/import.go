package store

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"rotate/rotation"
	"rotate/rotation/interchange"
)

// ImportOptions tune Import.
type ImportOptions struct {
	// Tier and Rule are given to new contacts whose record has none; an
	// empty Tier is B, a zero Rule the tier's cadence.
	Tier string
	Rule rotation.Rule
	// Region is the country of numbers written without a country code
	// (ISO 3166, "DE"), for finding duplicates; "" matches those by digits.
	Region string
	// DryRun works out everything an import would do and changes nothing.
	DryRun bool
	// IncludeForgotten imports records of forgotten people (Forget) too;
	// by default they are skipped (ImportForgotten).
	IncludeForgotten bool
	// Assign gives the new contacts to a member of a team book (a
	// PostgreSQL role); "" leaves them as the book's default has it.
	Assign string
	// Progress, when set, is called as the import goes on: through
	// ImportMatching, then, when there is anything to write, through
	// ImportSaving. Within a stage done rises from 0 to total, a few
	// hundred at a time.
	Progress func(stage ImportStage, done, total int)
}

// ImportStage is a part of an import that reports its progress.
type ImportStage int

const (
	// ImportMatching compares each record of the file with the book and
	// with the file's earlier records; its total is the number of records.
	ImportMatching ImportStage = iota
	// ImportSaving writes the new contacts and what existing ones gained,
	// most of an import's time; its total is the number of contacts
	// written.
	ImportSaving
)

// progressEvery is how many records or contacts go by between two reports
// of progress.
const progressEvery = 256

// What Import does with a record (ImportAction.Kind).
const (
	ImportNew    = "new"    // a new contact
	ImportUpdate = "update" // an existing contact got fields it lacked
	ImportMerge  = "merge"  // a duplicate of an earlier record of the file, merged into it
	ImportSkip   = "skip"   // a duplicate with nothing new
	// ImportForgotten is a record of a person the book was told to
	// forget: skipped unless ImportOptions.IncludeForgotten.
	ImportForgotten = "forgotten"
)

// ImportAction is what Import did, or would do, with one record.
type ImportAction struct {
	Record, Line int
	Kind         string
	// ContactID is the contact created, updated or matched. For a dry run
	// it is 0 for new contacts.
	ContactID int64
	Name      string
	// Due is a new contact's first call.
	Due rotation.Date
	// Changes say what an update or merge added: "phone +49 30 1234567",
	// "email", "3 calls".
	Changes []string
	// Into is the record a merge went into.
	Into int
}

// ImportResult sums up an import.
type ImportResult struct {
	New, Updated, Merged, Skipped int
	// Forgotten counts the records skipped as people the book forgot.
	Forgotten int
	// Calls and FollowUps count the history written: the calls and
	// follow-ups of an export's records (a JSON restore, a push) that the
	// book did not have yet.
	Calls, FollowUps int
	Actions          []ImportAction
}

// errDryRun rolls a dry run's transaction back.
var errDryRun = errors.New("dry run")

// Import adds a file's records to the book in one transaction: all of them
// or, on any error, none. A record whose phone number (compared as E.164
// where it parses) or e-mail address matches an existing contact fills
// the fields that contact lacks instead of adding a second one; a record
// matching an earlier record of the same file is merged into it. New
// contacts without a due date are ramped in across their first interval
// like added ones. Records of a JSON export (Restore) keep their schedule,
// history and timestamps, and the export's settings fill those the book
// has not set.
func (s *Store) Import(ctx context.Context, book interchange.Book, today rotation.Date, opts ImportOptions) (ImportResult, error) {
	var res ImportResult
	err := s.withTx(ctx, func(tx *txn) error {
		var err error
		if res, err = s.importTx(ctx, tx, book, today, opts); err != nil {
			return err
		}
		if opts.DryRun {
			return errDryRun
		}
		return nil
	})
	if err != nil {
		// The leveler's forecast may hold placements that were rolled back.
		s.plan.mu.Lock()
		s.plan.invalidate()
		s.plan.mu.Unlock()
	}
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return res, err
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

// existing is a contact of the book that records matched.
type existing struct {
	was     rotation.Contact // as read: what the update checks against
	c       rotation.Contact
	changed bool
	history []interchange.Record // JSON records whose history goes to it
}

func (s *Store) importTx(ctx context.Context, tx *txn, book interchange.Book, today rotation.Date, opts ImportOptions) (ImportResult, error) {
	var res ImportResult
	progress := func(stage ImportStage, done, total int) {
		if opts.Progress != nil {
			opts.Progress(stage, done, total)
		}
	}
	progress(ImportMatching, 0, len(book.Records))

	// The book's contacts by phone and e-mail.
	old := newImportIndex(opts.Region)
	var oldIDs []int64
	var oldNames []string
	if err := indexBook(ctx, tx, old, &oldIDs, &oldNames); err != nil {
		return res, err
	}
	matched := map[int64]*existing{}
	var forgotten map[string]bool
	if !opts.IncludeForgotten {
		var err error
		if forgotten, err = forgottenSet(ctx, tx); err != nil {
			return res, err
		}
	}

	// The file's new contacts, by phone and e-mail too.
	fresh := newImportIndex(opts.Region)
	var batch []NewContact
	var batchRecs []int // action index of each new contact
	var restores []interchange.Record

	for i, rec := range book.Records {
		if i%progressEvery == 0 && i > 0 {
			progress(ImportMatching, i, len(book.Records))
			if err := ctx.Err(); err != nil {
				return res, err
			}
		}
		act := ImportAction{Record: rec.Num, Line: rec.Line, Name: rec.Contact.Name}
		keys := old.keys(rec.Contact, rec.Emails)
		if isForgotten(forgotten, keys, rec.Contact) {
			act.Kind = ImportForgotten
			res.Forgotten++
			res.Actions = append(res.Actions, act)
			continue
		}
		if rec.Restore && !rec.Contact.Created.IsZero() {
			// A contact of an export is itself again when imported twice,
			// even without a number or address.
			keys = append(keys, identityKey(rec.Contact.Name, stamp(rec.Contact.Created)))
		}
		if pos := old.find(keys, rec.Contact.Name, func(p int) string { return oldNames[p] }); pos >= 0 {
			id := oldIDs[pos]
			ex := matched[id]
			if ex == nil {
				c, err := getContact(ctx, tx, id)
				if err != nil {
					return res, err
				}
				ex = &existing{was: c, c: c}
				matched[id] = ex
			}
			act.ContactID, act.Name = id, ex.c.Name
			act.Changes = fillMissing(&ex.c, rec.Contact, opts.Region)
			ex.changed = ex.changed || len(act.Changes) > 0
			if rec.Restore {
				ex.history = append(ex.history, rec)
			}
			act.Kind = ImportUpdate
			if len(act.Changes) == 0 && !rec.Restore {
				act.Kind = ImportSkip
			}
			res.Actions = append(res.Actions, act)
			continue
		}
		// Records of an export are distinct contacts: two people may share
		// a number.
		if !rec.Restore {
			if pos := fresh.find(keys, rec.Contact.Name, func(p int) string { return batch[p].Contact.Name }); pos >= 0 {
				first := res.Actions[batchRecs[pos]]
				act.Kind, act.Into, act.Name = ImportMerge, first.Record, batch[pos].Contact.Name
				act.Changes = fillMissing(&batch[pos].Contact, rec.Contact, opts.Region)
				if len(act.Changes) == 0 {
					act.Kind = ImportSkip
				}
				fresh.add(fresh.keys(batch[pos].Contact, rec.Emails), pos)
				res.Actions = append(res.Actions, act)
				continue
			}
		}
		c := rec.Contact
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
		if err := validateContact(c); err != nil {
			return res, invalid(fmt.Errorf("record %d (line %d): %w", rec.Num, rec.Line, err))
		}
		act.Kind = ImportNew
		fresh.add(keys, len(batch))
		batch = append(batch, NewContact{Contact: c})
		batchRecs = append(batchRecs, len(res.Actions))
		restores = append(restores, rec)
		res.Actions = append(res.Actions, act)
	}
	progress(ImportMatching, len(book.Records), len(book.Records))

	// The writes, most of the time an import takes: the new contacts, then
	// the existing ones that gained something.
	ids := make([]int64, 0, len(matched))
	for id, ex := range matched {
		if ex.changed || len(ex.history) > 0 {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	toSave, saved := len(batch)+len(ids), 0
	step := func() {
		if saved++; saved%progressEvery == 0 && saved < toSave {
			progress(ImportSaving, saved, toSave)
		}
	}
	if toSave > 0 {
		progress(ImportSaving, 0, toSave)
	}
	now := s.now()
	added, err := s.addContactsTx(ctx, tx, batch, today, func(i int, c rotation.Contact) error {
		if rec := restores[i]; rec.Restore {
			if err := restoreContact(ctx, tx, c.ID, rec, now, &res); err != nil {
				return fmt.Errorf("record %d (line %d): %w", rec.Num, rec.Line, err)
			}
		}
		step()
		return nil
	})
	if err != nil {
		return res, err
	}
	if len(added) != len(batch) {
		return res, fmt.Errorf("import: %s added of %d", rotation.Plural(len(added), "contact"), len(batch))
	}
	for i, c := range added {
		a := &res.Actions[batchRecs[i]]
		a.Due = c.Due
		if !opts.DryRun {
			a.ContactID = c.ID
		}
	}
	for i := range res.Actions {
		if a := &res.Actions[i]; a.Kind == ImportMerge || (a.Kind == ImportSkip && a.Into > 0) {
			for j, k := range batchRecs {
				if res.Actions[k].Record == a.Into && !opts.DryRun {
					a.ContactID = added[j].ID
				}
			}
		}
	}

	// Existing contacts: the fields they lacked, and history from an export.
	for _, id := range ids {
		ex := matched[id]
		if ex.changed {
			if err := s.updateContactTx(ctx, tx, ex.was, ex.c); err != nil {
				return res, err
			}
		}
		for _, rec := range ex.history {
			n, err := mergeHistory(ctx, tx, id, rec, &res)
			if err != nil {
				return res, fmt.Errorf("record %d (line %d): %w", rec.Num, rec.Line, err)
			}
			for i := range res.Actions {
				if a := &res.Actions[i]; a.Record == rec.Num && a.ContactID == id {
					a.Changes = append(a.Changes, n...)
					if len(a.Changes) == 0 {
						a.Kind = ImportSkip
					}
				}
			}
		}
		step()
	}
	if toSave > 0 {
		progress(ImportSaving, toSave, toSave)
	}
	if err := importSettings(ctx, tx, book); err != nil {
		return res, err
	}
	for _, a := range res.Actions {
		switch a.Kind {
		case ImportNew:
			res.New++
		case ImportUpdate:
			res.Updated++
		case ImportMerge:
			res.Merged++
		case ImportSkip:
			res.Skipped++
		}
	}
	return res, nil
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
