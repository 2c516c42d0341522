package store_test

import (
	"strings"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
	"rotate/store/pgtest"
)

// TestHostileRowsAreReadInRange: a book written by a hostile or older
// program may hold any count and any date text. Read back, the counts
// are in range (rotation.Schedule.Sane), a date past 9999 is 9999-12-31
// (older builds wrote year 10000 for a cadence that ran off the calendar,
// then read it as "not planned"), and log, the due list, export and a
// re-import of that export all work (issue 12: such an attempts count
// panicked `log`).
func TestHostileRowsAreReadInRange(t *testing.T) {
	big, small := "9223372036854775807", "-9223372036854775808"
	if pgtest.Postgres() {
		big, small = "2147483647", "-2147483648" // an integer column
	}
	cases := []struct{ name, set string }{
		{"huge", "attempts = " + big + ", step = " + big + ", due = '10000-06-01', override_until = '12345-01-01'"},
		{"negative", "attempts = " + small + ", step = " + small + ", due = '0000-01-01'"},
	}
	if !pgtest.Postgres() {
		cases = append(cases, struct{ name, set string }{"text", "attempts = 'many', step = 1e300, due = '+10000-01-01'"})
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			b := newBook(t)
			ctx := t.Context()
			c := mustAdd(t, b.Store, rotation.Contact{Name: "Ann", Tier: "A",
				Schedule: rotation.Schedule{Rule: rotation.MustRule("taper 1d 3d"), Override: rotation.MustRule("every 2d"),
					OverrideUntil: day0.AddDays(10), Due: day0}})
			mustExec(t, rawDB(t, b.path), "UPDATE contacts SET "+tc.set+" WHERE id = "+itoa(c.ID))

			got := mustContact(t, b.Store, c.ID)
			if s := got.Schedule; s.Attempts < 0 || s.Attempts > rotation.MaxAttempts || s.Step < 0 || s.Step > rotation.MaxStep ||
				!s.Due.InRange() || !s.OverrideUntil.InRange() {
				t.Fatalf("read back out of range: %+v", s)
			}
			if tc.name == "huge" && (got.Due != rotation.MaxDate || got.Attempts != rotation.MaxAttempts) {
				t.Errorf("due %s attempts %d; want %s and %d", got.Due, got.Attempts, rotation.MaxDate, rotation.MaxAttempts)
			}
			if _, err := b.Today(ctx, day0); err != nil {
				t.Fatal(err)
			}
			for i, o := range []rotation.Outcome{rotation.Voicemail, rotation.Reached} {
				res := mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: o, Today: day0,
					At: day0.Time().Add(time.Duration(10+i) * time.Hour)})
				if !res.Next.Due.InRange() {
					t.Fatalf("after %s: due %d", o, res.Next.Due)
				}
			}
			export := exportJSON(t, b.Store)
			book, errs, err := interchange.ReadJSON(strings.NewReader(export))
			if err != nil || len(errs) > 0 {
				t.Fatalf("the export does not read: %v %v\n%s", err, errs, export)
			}
			if _, err := newBook(t).Import(ctx, book, day0, store.ImportOptions{}); err != nil {
				t.Fatalf("the export does not import: %v", err)
			}
		})
	}
}

// TestOutOfRangeValuesAreRefusedOnWrite: the store's own check refuses a
// contact whose counts or dates are out of range, whoever calls it.
func TestOutOfRangeValuesAreRefusedOnWrite(t *testing.T) {
	b := newBook(t)
	for _, c := range []rotation.Contact{
		{Name: "A", Tier: "B", Schedule: rotation.Schedule{Attempts: rotation.MaxAttempts + 1}},
		{Name: "B", Tier: "B", Schedule: rotation.Schedule{Step: -1}},
		{Name: "C", Tier: "B", Schedule: rotation.Schedule{Due: rotation.MaxDate + 1}},
		{Name: "D", Tier: "B", Birthday: -3},
	} {
		if _, err := b.AddContact(t.Context(), c, day0); err == nil || !strings.Contains(err.Error(), "out of range") {
			t.Errorf("%s: %v; want out of range", c.Name, err)
		}
	}
}
