package store

import (
	"context"
	"errors"
	"fmt"

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

// ImportKind is what Import does with a record (ImportAction.Kind).
type ImportKind string

// What Import does with a record (ImportAction.Kind).
const (
	ImportNew    ImportKind = "new"    // a new contact
	ImportUpdate ImportKind = "update" // an existing contact got fields it lacked
	ImportMerge  ImportKind = "merge"  // a duplicate of an earlier record of the file, merged into it
	ImportSkip   ImportKind = "skip"   // a duplicate with nothing new
	// ImportForgotten is a record of a person the book was told to
	// forget: skipped unless ImportOptions.IncludeForgotten.
	ImportForgotten ImportKind = "forgotten"
)

// ImportAction is what Import did, or would do, with one record.
type ImportAction struct {
	Record, Line int
	Kind         ImportKind
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

// importTx plans the import, record by record, then applies the plan:
// the new contacts, then the existing ones that gained something, then
// the export's settings.
func (s *Store) importTx(ctx context.Context, tx *txn, book interchange.Book, today rotation.Date, opts ImportOptions) (ImportResult, error) {
	p, err := planImport(ctx, tx, book, opts)
	if err != nil {
		return p.res, err
	}
	if err := s.applyImport(ctx, tx, p, today); err != nil {
		return p.res, err
	}
	if err := importSettings(ctx, tx, book); err != nil {
		return p.res, err
	}
	p.res.count()
	return p.res, nil
}

// progress reports an import's progress to o.Progress, when set.
func (o ImportOptions) progress(stage ImportStage, done, total int) {
	if o.Progress != nil {
		o.Progress(stage, done, total)
	}
}

// count sums the actions up by kind.
func (r *ImportResult) count() {
	for _, a := range r.Actions {
		switch a.Kind {
		case ImportNew:
			r.New++
		case ImportUpdate:
			r.Updated++
		case ImportMerge:
			r.Merged++
		case ImportSkip:
			r.Skipped++
		}
	}
}

// applyImport writes what p planned, most of the time an import takes:
// the new contacts, then the existing ones that gained something.
func (s *Store) applyImport(ctx context.Context, tx *txn, p *importPlan, today rotation.Date) error {
	ids := p.changedIDs()
	saving := importSaving{opts: p.opts, total: len(p.batch) + len(ids)}
	saving.start()
	added, err := s.addPlanned(ctx, tx, p, today, saving.step)
	if err != nil {
		return err
	}
	p.noteAdded(added)
	if err := s.updateMatched(ctx, tx, p, ids, saving.step); err != nil {
		return err
	}
	saving.finish()
	return nil
}

// importSaving reports the progress of ImportSaving: one step per
// contact written.
type importSaving struct {
	opts         ImportOptions
	total, saved int
}

func (sv *importSaving) start() {
	if sv.total > 0 {
		sv.opts.progress(ImportSaving, 0, sv.total)
	}
}

func (sv *importSaving) step() {
	if sv.saved++; sv.saved%progressEvery == 0 && sv.saved < sv.total {
		sv.opts.progress(ImportSaving, sv.saved, sv.total)
	}
}

func (sv *importSaving) finish() {
	if sv.total > 0 {
		sv.opts.progress(ImportSaving, sv.total, sv.total)
	}
}

// addPlanned adds the plan's new contacts, with the history of those
// that come from an export.
func (s *Store) addPlanned(ctx context.Context, tx *txn, p *importPlan, today rotation.Date, step func()) ([]rotation.Contact, error) {
	now := s.now()
	added, err := s.addContactsTx(ctx, tx, p.batch, today, func(i int, c rotation.Contact) error {
		if rec := p.restores[i]; rec.Restore {
			if err := restoreContact(ctx, tx, c.ID, rec, now, &p.res); err != nil {
				return fmt.Errorf("record %d (line %d): %w", rec.Num, rec.Line, err)
			}
		}
		step()
		return nil
	})
	if err != nil {
		return nil, err
	}
	if len(added) != len(p.batch) {
		return nil, fmt.Errorf("import: %s added of %d", rotation.Plural(len(added), "contact"), len(p.batch))
	}
	return added, nil
}

// noteAdded gives the actions of the new contacts, and of the records
// merged into them, the contacts added (their ids but for a dry run).
func (p *importPlan) noteAdded(added []rotation.Contact) {
	byRecord := make(map[int]int, len(added)) // record -> position in added
	for i, c := range added {
		a := &p.res.Actions[p.batchRecs[i]]
		a.Due = c.Due
		if !p.opts.DryRun {
			a.ContactID = c.ID
		}
		byRecord[a.Record] = i
	}
	if p.opts.DryRun {
		return
	}
	for i := range p.res.Actions {
		if a := &p.res.Actions[i]; a.Kind == ImportMerge || (a.Kind == ImportSkip && a.Into > 0) {
			if j, ok := byRecord[a.Into]; ok {
				a.ContactID = added[j].ID
			}
		}
	}
}

// actionKey is a record and the contact its action is on.
type actionKey struct {
	record  int
	contact int64
}

// updateMatched writes to the book's contacts that records matched the
// fields they lacked, and the history of an export's records.
func (s *Store) updateMatched(ctx context.Context, tx *txn, p *importPlan, ids []int64, step func()) error {
	actions := map[actionKey][]int{} // positions in p.res.Actions
	for i, a := range p.res.Actions {
		k := actionKey{a.Record, a.ContactID}
		actions[k] = append(actions[k], i)
	}
	for _, id := range ids {
		ex := p.matched[id]
		if ex.changed {
			if err := s.updateContactTx(ctx, tx, ex.was, ex.c); err != nil {
				return err
			}
		}
		for _, rec := range ex.history {
			n, err := mergeHistory(ctx, tx, id, rec, &p.res)
			if err != nil {
				return fmt.Errorf("record %d (line %d): %w", rec.Num, rec.Line, err)
			}
			for _, i := range actions[actionKey{rec.Num, id}] {
				a := &p.res.Actions[i]
				a.Changes = append(a.Changes, n...)
				if len(a.Changes) == 0 {
					a.Kind = ImportSkip
				}
			}
		}
		step()
	}
	return nil
}
