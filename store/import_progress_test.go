package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
)

// TestImportProgress: an import reports its progress through matching,
// then through saving, the writes that take most of its time. Within a
// stage the count rises from 0 to its total and never goes back, and the
// saving reports are spread over the writes, not made before or after
// them: new contacts are written (each one reads the clock) between the
// first and the last report, and between any two of those reports.
func TestImportProgress(t *testing.T) {
	ctx := context.Background()
	calls := 0 // clock readings: one per contact written, among others
	now := xToday.Time().Add(9 * time.Hour)
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "rotate.db"),
		store.Options{Now: func() time.Time { calls++; return now }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var old []store.NewContact
	for i := range 250 {
		old = append(old, store.NewContact{Contact: rotation.Contact{Name: fmt.Sprintf("Old %d", i), Tier: "B",
			Phones: []rotation.Phone{{Number: fmt.Sprintf("+1 202 555 %04d", i)}}}})
	}
	if _, err := s.AddContacts(ctx, old, xToday); err != nil {
		t.Fatal(err)
	}

	book := progressBook()

	var got []progressReport
	res, err := s.Import(ctx, book, xToday, store.ImportOptions{Region: "US", Progress: func(stage store.ImportStage, done, total int) {
		got = append(got, progressReport{stage, done, total, calls})
	}})
	if err != nil {
		t.Fatal(err)
	}
	if res.New != 750 || res.Updated != 200 || res.Skipped != 50 {
		t.Fatalf("new %d, updated %d, skipped %d; want 750, 200, 50", res.New, res.Updated, res.Skipped)
	}

	var matching, saving []progressReport
	for i, r := range got {
		if i > 0 && r.stage < got[i-1].stage {
			t.Fatalf("stage %d reported after stage %d: %v", r.stage, got[i-1].stage, got)
		}
		if r.stage == store.ImportMatching {
			matching = append(matching, r)
		} else {
			saving = append(saving, r)
		}
	}
	for _, tt := range []struct {
		name    string
		reports []progressReport
		total   int
	}{
		{"matching", matching, len(book.Records)},
		{"saving", saving, res.New + res.Updated},
	} {
		t.Run(tt.name, func(t *testing.T) { checkProgressReports(t, tt.reports, tt.total) })
	}
	if len(saving) < 2 {
		return
	}
	if written := saving[len(saving)-1].calls - saving[0].calls; written < res.New {
		t.Errorf("%d contacts written between the first and the last saving report, want at least %d", written, res.New)
	}
	for i := 1; i < len(saving); i++ {
		// The new contacts come first; updates of known ones use the
		// import's one timestamp.
		if saving[i-1].done < res.New && saving[i].calls == saving[i-1].calls {
			t.Errorf("nothing written between saving reports %d and %d: %v", i-1, i, saving)
		}
	}
}

// progressReport is one call of ImportOptions.Progress, and the clock
// readings until then.
type progressReport struct {
	stage              store.ImportStage
	done, total, calls int
}

// progressBook is a file of 1000 records for the book of 250 known
// people: 750 new people; 200 known ones with a new address (updates)
// and 50 with nothing new (skipped).
func progressBook() interchange.Book {
	var book interchange.Book
	rec := func(name, phone, email string) {
		n := len(book.Records) + 1
		book.Records = append(book.Records, interchange.Record{Num: n, Line: n + 1, Emails: []string{email},
			Contact: rotation.Contact{Name: name, Email: email, Phones: []rotation.Phone{{Number: phone}}}})
	}
	for i := range 1000 {
		switch {
		case i%4 == 1 && i/4 < 200:
			rec(fmt.Sprintf("Old %d", i/4), fmt.Sprintf("+1 202 555 %04d", i/4), fmt.Sprintf("old%d@example.com", i/4))
		case i%4 == 3 && i/4 >= 200:
			rec(fmt.Sprintf("Old %d", i/4), fmt.Sprintf("+1 202 555 %04d", i/4), "")
		default:
			rec(fmt.Sprintf("New %d", i), fmt.Sprintf("+1 303 555 %04d", i), "")
		}
	}
	return book
}

// checkProgressReports checks one stage's reports: at least three, from
// 0 to total, never going back.
func checkProgressReports(t *testing.T, reports []progressReport, total int) {
	if len(reports) < 3 {
		t.Fatalf("only %d reports: %v", len(reports), reports)
	}
	if first, last := reports[0], reports[len(reports)-1]; first.done != 0 || last.done != total {
		t.Errorf("from %d to %d, want 0 to %d", first.done, last.done, total)
	}
	for i, r := range reports {
		if r.total != total {
			t.Errorf("report %d: total %d, want %d", i, r.total, total)
		}
		if i > 0 && r.done < reports[i-1].done {
			t.Errorf("report %d went back: %d after %d", i, r.done, reports[i-1].done)
		}
	}
}
