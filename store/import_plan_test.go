package store

import (
	"testing"

	"rotate/rotation"
)

// TestImportNoteAddedFindsMergedContacts gives the new contacts of a big
// import, and the records merged into them, their ids. An import once
// found each merge's contact by scanning all the new contacts again
// (about n²/4 comparisons); that it no longer does is shown by
// BenchmarkImportDuplicates' time per record staying level as the import
// grows (docs/PERFORMANCE.md), not by a stopwatch here.
func TestImportNoteAddedFindsMergedContacts(t *testing.T) {
	const n = 100_000 // records: n/2 new contacts, each with one duplicate after them
	p := &importPlan{}
	var added []rotation.Contact
	for i := range n / 2 {
		p.batchRecs = append(p.batchRecs, len(p.res.Actions))
		p.res.Actions = append(p.res.Actions, ImportAction{Record: i + 1, Kind: ImportNew})
		added = append(added, rotation.Contact{ID: int64(1000 + i)})
	}
	for i := range n / 2 {
		kind := ImportMerge
		if i%2 == 1 {
			kind = ImportSkip
		}
		p.res.Actions = append(p.res.Actions, ImportAction{Record: n/2 + i + 1, Kind: kind, Into: i + 1})
	}
	p.noteAdded(added)
	for i, a := range p.res.Actions {
		want := int64(1000 + i%(n/2))
		if a.ContactID != want {
			t.Fatalf("action %d (record %d, %s into %d): contact %d, want %d", i, a.Record, a.Kind, a.Into, a.ContactID, want)
		}
	}
}
