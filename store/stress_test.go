package store

import (
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
)

var (
	stressOut      = flag.String("stress.out", "", "write a stress book to this file (TestMakeStressBook)")
	stressContacts = flag.Int("stress.contacts", 100000, "contacts in the stress book")
	stressCalls    = flag.Int("stress.calls", 4000000, "calls in the stress book")
	stressToday    = flag.String("stress.today", "2026-11-25", "the day the stress book is built for")
)

// TestMakeStressBook builds a reproducible stress book for the benchmarks
// in docs/PERFORMANCE.md. It runs only when asked:
//
//	go test ./store -run TestMakeStressBook -stress.out=/tmp/big.db \
//	    -stress.contacts=100000 -stress.calls=4000000
func TestMakeStressBook(t *testing.T) {
	if *stressOut == "" {
		t.Skip("a generator, not a check: pass -stress.out=FILE to build a stress book")
	}
	today := rotation.MustDate(*stressToday)
	start := time.Now()
	if err := MakeStressBook(context.Background(), *stressOut, *stressContacts, *stressCalls, today); err != nil {
		t.Fatal(err)
	}
	t.Logf("built %s: %d contacts, %d calls in %s", *stressOut, *stressContacts, *stressCalls, time.Since(start).Round(time.Second))
}

var stressWords = strings.Fields(`talked about the kids school trip renewal portfolio retirement
	house boat vacation surgery recovery wedding budget taxes estate plan college savings
	new hire conference chicago alaska cruise norway ballet recital soccer coach garden
	mother moving in business steady rates worried reassured happy direction quarter review
	insurance quote introduce lawyer referral golf sailing fishing marathon cycling`)

// MakeStressBook writes a book of n contacts and calls calls with notes of
// realistic length, seeded so every run builds the same book. Commits skip
// fsync: it is a benchmark fixture.
func MakeStressBook(ctx context.Context, path string, n, calls int, today rotation.Date) error {
	s, err := Open(ctx, path, Options{NoSync: true, Now: func() time.Time { return today.Time().Add(9 * time.Hour) }})
	if err != nil {
		return err
	}
	defer s.Close()
	rng := rand.New(rand.NewPCG(7, 11))
	perContact := max(1, calls/max(n, 1))
	// Bulk loading: lift the search-index triggers on calls and rebuild
	// the index once at the end, which is several times faster.
	triggers, err := dropCallTriggers(ctx, s)
	if err != nil {
		return err
	}
	const batch = 2000
	for first := 0; first < n; first += batch {
		err := s.withTx(ctx, func(tx *txn) error {
			return stressBatch(ctx, tx, rng, first, min(first+batch, n), perContact, today)
		})
		if err != nil {
			return err
		}
	}
	for _, sql := range triggers {
		if _, err := s.db.ExecContext(ctx, sql); err != nil {
			return err
		}
	}
	if _, err := s.db.ExecContext(ctx, "INSERT INTO calls_fts (calls_fts) VALUES ('rebuild')"); err != nil {
		return err
	}
	_, err = s.db.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	return err
}

// dropCallTriggers drops the triggers on calls and gives their SQL, to
// make them again.
func dropCallTriggers(ctx context.Context, s *Store) ([]string, error) {
	var triggers []string
	rows, err := s.db.QueryContext(ctx, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'calls'")
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var name, sql string
		if err := rows.Scan(&name, &sql); err != nil {
			rows.Close()
			return nil, err
		}
		triggers = append(triggers, sql)
		if _, err := s.db.ExecContext(ctx, "DROP TRIGGER "+name); err != nil {
			rows.Close()
			return nil, err
		}
	}
	rows.Close()
	return triggers, nil
}

// stressBatch writes the contacts from first up to end, each with
// perContact calls, in one transaction.
func stressBatch(ctx context.Context, tx *txn, rng *rand.Rand, first, end, perContact int, today rotation.Date) error {
	rules := []string{"every 30d", "every 90d", "every 90d", "every 3m", "every 6m", "weekly fri", "every 2w"}
	insC, err := tx.PrepareContext(ctx, `INSERT INTO contacts (name, email, company, tier, rule, due, status,
		family, occupation, last_call_day, last_outcome, last_talk_day, phone, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer insC.Close()
	insP, err := tx.PrepareContext(ctx, "INSERT INTO phones (contact_id, position, number, label) VALUES (?, 0, ?, 'mobile')")
	if err != nil {
		return err
	}
	defer insP.Close()
	insK, err := tx.PrepareContext(ctx, "INSERT INTO calls (contact_id, at, day, kind, outcome, note, next_due) VALUES (?, ?, ?, 'call', ?, ?, ?)")
	if err != nil {
		return err
	}
	defer insK.Close()
	for i := first; i < end; i++ {
		rule := rules[rng.IntN(len(rules))]
		// Most contacts are due in the coming months; a few percent
		// are due today or a little overdue, as in a kept book.
		due := today.AddDays(rng.IntN(100) - 3)
		last := min(due.AddDays(-90), today.AddDays(-1))
		stamp := today.Time().Format(time.RFC3339)
		phone := fmt.Sprintf("+1 555 %04d", i%10000)
		res, err := insC.ExecContext(ctx, fmt.Sprintf("Contact %06d %s", i, stressWords[i%len(stressWords)]),
			fmt.Sprintf("c%06d@example.com", i), fmt.Sprintf("Company %d", i%5000), rotation.Tiers[rng.IntN(3)],
			rule, due.String(), "spouse and two kids", "owner", last.String(), "reached", last.String(), phone, stamp, stamp)
		if err != nil {
			return err
		}
		id, _ := res.LastInsertId()
		if _, err := insP.ExecContext(ctx, id, phone); err != nil {
			return err
		}
		for k := 0; k < perContact; k++ {
			day := last.AddDays(-7 * k)
			words := make([]string, 12+rng.IntN(30))
			for w := range words {
				words[w] = stressWords[rng.IntN(len(stressWords))]
			}
			outcome := []string{"reached", "reached", "reached", "voicemail", "no-answer"}[rng.IntN(5)]
			if _, err := insK.ExecContext(ctx, id, day.Time().Add(10*time.Hour).Format(time.RFC3339), day.String(),
				outcome, strings.Join(words, " ")+".", day.AddDays(90).String()); err != nil {
				return err
			}
		}
	}
	return nil
}
