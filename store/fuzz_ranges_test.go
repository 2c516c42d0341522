package store_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
)

// FuzzImportLogExport feeds the JSON import extreme numbers and dates — the
// attempts count, the taper step, a call's ref, the dates of a contact and
// of a call at year 0, 1, 9999, 10000 or negative, and the day it all
// happens on — then logs calls on every contact it imported, exports the
// book and imports the export into a fresh book. Nothing may panic; an
// import is all or nothing; and the re-import must succeed whenever the
// first import did: a book never holds what its own export cannot carry
// (issue 12 saw MaxInt attempts panic `log`, a taper step wrap negative
// and make the export unimportable, dates past 9999 written and read back
// as "not planned").
func FuzzImportLogExport(f *testing.F) {
	// attempts, step and ref are JSON numbers as written in the file.
	f.Add("0", "0", "1", "every 90d", "2026-03-04", "", "1970-05-06", "2026-03-01", "2026-03-01T10:00:00Z", "2026-03-04")
	f.Add("9223372036854775807", "0", "1", "every 90d", "2026-03-04", "", "", "", "2026-03-01T10:00:00Z", "2026-03-04")
	f.Add("9999", "31", "9223372036854775807", "taper 1d 3d", "9999-12-31", "9999-12-31", "", "9999-12-31", "9999-12-31T23:59:59Z", "9999-12-31")
	f.Add("-1", "-9223372036854775808", "-1", "taper 1d 3d", "", "", "", "", "0001-01-01T00:00:00Z", "0001-01-01")
	f.Add("3", "30", "2", "every 1y", "9999-06-01", "9999-07-01", "0001-01-01", "9999-06-01", "9999-06-01T12:00:00Z", "9999-06-01")
	f.Add("1e3", "1.5", "1e400", "daily", "10000-01-01", "0000-01-01", "-0001-01-01", "10000-01-01", "10000-01-01T00:00:00Z", "9999-12-30")
	f.Fuzz(func(t *testing.T, attempts, step, ref, rule, due, until, birthday, callDay, callAt, today string) {
		day, err := rotation.ParseISO(today)
		if err != nil {
			day = day0
		}
		doc := fuzzBookJSON(attempts, step, ref, rule, due, until, birthday, callDay, callAt)
		book, errs, err := interchange.ReadJSON(strings.NewReader(doc))
		if err != nil || len(errs) > 0 {
			return // refused whole, as `rotate import` does without --skip-invalid
		}
		first := newBook(t)
		ctx := t.Context()
		if _, err := first.Import(ctx, book, day, store.ImportOptions{}); err != nil {
			if !errors.Is(err, store.ErrInvalid) {
				t.Fatalf("import: %v\n%s", err, doc)
			}
			if n := countContacts(t, first.Store); n != 0 {
				t.Fatalf("a refused import left %d contacts", n)
			}
			return
		}
		cs, err := first.AllContacts(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cs {
			for i, o := range []rotation.Outcome{rotation.Voicemail, rotation.Reached} {
				// Two calls at one time would read as one (import keeps
				// one of a call with the same time, kind and note).
				at := day.Time().Add(time.Duration(10+i) * time.Hour)
				res := mustLog(t, first.Store, store.LogEntry{ContactID: c.ID, Outcome: o, Today: day, At: at})
				if d := res.Next.Due; !d.IsZero() && !d.InRange() {
					t.Fatalf("%s after %s on %s: due %d, out of range", c.Name, o, day, d)
				}
			}
			if _, err := first.Briefing(ctx, c.ID, 10); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := first.Today(ctx, day); err != nil {
			t.Fatal(err)
		}
		export := exportJSON(t, first.Store)
		again, errs, err := interchange.ReadJSON(strings.NewReader(export))
		if err != nil || len(errs) > 0 {
			t.Fatalf("the book's own export does not read: %v %v\n%s", err, errs, export)
		}
		second := newBook(t)
		if _, err := second.Import(ctx, again, day, store.ImportOptions{}); err != nil {
			t.Fatalf("the book's own export does not import: %v\n%s", err, export)
		}
		if got := exportJSON(t, second.Store); got != export {
			t.Fatalf("the re-imported book differs:\n%s\n---\n%s", got, export)
		}
	})
}

// fuzzBookJSON is an export of two contacts with the fuzzed fields: the
// numbers as written (or 0 when not a JSON number), the rest as strings.
func fuzzBookJSON(attempts, step, ref, rule, due, until, birthday, callDay, callAt string) string {
	num := func(s string) string {
		if s = strings.TrimSpace(s); json.Valid([]byte(s)) && strings.IndexAny(s[:min(1, len(s))], "-0123456789") == 0 {
			return s
		}
		return "0"
	}
	str := func(s string) string { b, _ := json.Marshal(s); return string(b) }
	override := ""
	if until != "" {
		override = `"override": "every 2d", "override_until": ` + str(until) + `,`
	}
	return fmt.Sprintf(`{"format": "rotate-book", "version": 1, "contacts": [
		{"name": "Ann", "phones": [{"number": "+49 30 1234567"}], "rule": %s, %s "due": %s,
		 "attempts": %s, "step": %s, "status": "active", "birthday": %s, "last_call": %s, "last_talk": %s,
		 "calls": [{"ref": %s, "at": %s, "day": %s, "outcome": "voicemail", "note": "n", "next_due": %s}],
		 "followups": [{"text": "f", "created": %s, "created_call": %s}]},
		{"name": "Bob", "rule": "taper 1d 3d 7d", "due": %s, "attempts": %s, "step": %s}]}`,
		str(rule), override, str(due), num(attempts), num(step), str(birthday), str(callDay), str(callDay),
		num(ref), str(callAt), str(callDay), str(due), str(callAt), num(ref),
		str(callDay), num(attempts), num(step))
}
