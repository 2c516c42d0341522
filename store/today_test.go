package store_test

import (
	"slices"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// dueBook is a book with a known due list on day0 (a Wednesday).
type dueBook struct {
	*book
	ids map[string]int64
}

func newDueBook(t *testing.T) dueBook {
	t.Helper()
	b := newBook(t)
	ids := map[string]int64{}
	add := func(name, tier, rule string, due rotation.Date, status rotation.Status) {
		c := rotation.Contact{Name: name, Tier: tier, Schedule: rotation.Schedule{Rule: rotation.MustRule(rule), Due: due}}
		c.Phones = []rotation.Phone{{Number: "+1 555 " + name[:2]}, {Number: "+1 555 other"}}
		c = mustAdd(t, b.Store, c)
		if status != "" {
			// Paused and archived contacts keep a due date here, to show
			// that the status alone keeps them off the list.
			c.Status = status
			if err := b.UpdateContact(t.Context(), mustContact(t, b.Store, c.ID), c); err != nil {
				t.Fatal(err)
			}
		}
		ids[name] = c.ID
	}
	add("Cara", "C", "every 6m", day0.AddDays(-10), "")
	add("Abe", "A", "every 30d", day0, "")
	add("Bea", "B", "every 90d", day0, "")
	add("Ada", "A", "every 30d", day0.AddDays(-2), "")
	add("Ben", "B", "every 90d", day0.AddDays(-1), "")
	add("Bo", "B", "every 30d", day0.AddDays(-3), "") // later for its interval than Ben
	add("Fay", "A", "every 30d", day0.AddDays(3), "")
	add("Finn", "B", "every 90d", day0.AddDays(3), "")
	add("Paula", "A", "every 30d", day0.AddDays(-5), rotation.Paused)
	add("Archie", "A", "every 30d", day0, rotation.Archived)
	return dueBook{b, ids}
}

func dueNames(a rotation.Agenda) []string {
	var out []string
	for _, it := range a.Due {
		out = append(out, it.Name)
	}
	return out
}

func TestTodayOrder(t *testing.T) {
	t.Parallel()
	b := newDueBook(t)
	a, err := b.Today(t.Context(), day0)
	if err != nil {
		t.Fatal(err)
	}
	// Overdue first, then due today; within each, tier A before B before
	// C, then the later for its interval first.
	if want := []string{"Ada", "Bo", "Ben", "Cara", "Abe", "Bea"}; !slices.Equal(dueNames(a), want) {
		t.Errorf("due list = %q, want %q", dueNames(a), want)
	}
	overdue := map[string]int{"Ada": 2, "Bo": 3, "Ben": 1, "Cara": 10, "Abe": 0, "Bea": 0}
	for _, it := range a.Due {
		if it.OverdueDays != overdue[it.Name] {
			t.Errorf("%s: %d days overdue, want %d", it.Name, it.OverdueDays, overdue[it.Name])
		}
		if len(it.Phones) != 1 || it.FirstPhone() != "+1 555 "+it.Name[:2] {
			t.Errorf("%s: phones %+v; want the first one only", it.Name, it.Phones)
		}
		if it.Reason == "" || it.Status != rotation.Active {
			t.Errorf("%s: reason %q status %q", it.Name, it.Reason, it.Status)
		}
	}
	if a.Day != day0 || len(a.Done) != 0 || a.Contacts != 10 {
		t.Errorf("agenda day %s, %d done, %d contacts; want %s, 0, 10", a.Day, len(a.Done), a.Contacts, day0)
	}
	if a.NextDue != day0.AddDays(3) || a.NextDueCount != 2 {
		t.Errorf("next calls: %d on %s; want 2 on %s", a.NextDueCount, a.NextDue, day0.AddDays(3))
	}
}

func TestTodayAfterCalls(t *testing.T) {
	t.Parallel()
	b := newDueBook(t)
	ctx := t.Context()
	first := mustLog(t, b.Store, store.LogEntry{ContactID: b.ids["Abe"], Outcome: rotation.Reached, Today: day0,
		At: day0.Time().Add(9 * time.Hour)})
	second := mustLog(t, b.Store, store.LogEntry{ContactID: b.ids["Cara"], Outcome: rotation.Voicemail, Today: day0,
		At: day0.Time().Add(10 * time.Hour)})
	// A call logged for another day is not today's.
	mustLog(t, b.Store, store.LogEntry{ContactID: b.ids["Fay"], Outcome: rotation.Reached, Today: day0.AddDays(-1)})
	// Nor is a note written today: it is not a call made.
	if _, err := b.AddNote(ctx, b.ids["Ada"], "Met her son at the fair", day0.Time().Add(11*time.Hour), day0); err != nil {
		t.Fatal(err)
	}

	a, err := b.Today(ctx, day0)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"Ada", "Bo", "Ben", "Bea"}; !slices.Equal(dueNames(a), want) {
		t.Errorf("due list after two calls = %q, want %q", dueNames(a), want)
	}
	if len(a.Done) != 2 || a.Done[0].ID != first.CallID || a.Done[1].ID != second.CallID {
		t.Fatalf("done = %+v; want calls #%d then #%d", a.Done, first.CallID, second.CallID)
	}
	if a.Done[1].Outcome != rotation.Voicemail || a.Done[1].NextDue != rotation.MustDate("2026-03-05") || a.Done[1].Day != day0 {
		t.Errorf("second done call = %+v", a.Done[1])
	}
	if a.DoneNames[b.ids["Abe"]] != "Abe" || a.DoneNames[b.ids["Cara"]] != "Cara" || len(a.DoneNames) != 2 {
		t.Errorf("done names = %v", a.DoneNames)
	}
	// Cara's retry is tomorrow, the earliest next call now.
	if a.NextDue != day0.AddDays(1) || a.NextDueCount != 1 {
		t.Errorf("next calls: %d on %s; want 1 tomorrow", a.NextDueCount, a.NextDue)
	}
}

func TestTodayEmptyListSaysWhatIsNext(t *testing.T) {
	t.Parallel()
	b := newDueBook(t)
	early := day0.AddDays(-20)
	a, err := b.Today(t.Context(), early)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Due) != 0 || a.NextDue != day0.AddDays(-10) || a.NextDueCount != 1 {
		t.Errorf("on %s: due %q, next %d on %s; want none, then Cara's call on %s",
			early, dueNames(a), a.NextDueCount, a.NextDue, day0.AddDays(-10))
	}
}

func TestUpcoming(t *testing.T) {
	t.Parallel()
	b := newDueBook(t)
	got, err := b.Upcoming(t.Context(), day0, 7)
	if err != nil {
		t.Fatal(err)
	}
	// Overdue calls count on today, where they will be made; paused and
	// archived contacts nowhere.
	want := []store.DayLoad{
		{Date: day0, Count: 6}, {Date: day0.AddDays(1)}, {Date: day0.AddDays(2)},
		{Date: day0.AddDays(3), Count: 2}, {Date: day0.AddDays(4)}, {Date: day0.AddDays(5)}, {Date: day0.AddDays(6)},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Upcoming = %v\nwant %v", got, want)
	}
	short, err := b.Upcoming(t.Context(), day0.AddDays(1), 2)
	if err != nil {
		t.Fatal(err)
	}
	if want := []store.DayLoad{{Date: day0.AddDays(1), Count: 6}, {Date: day0.AddDays(2)}}; !slices.Equal(short, want) {
		t.Errorf("Upcoming from tomorrow = %v, want %v", short, want)
	}
}

func TestDueBetween(t *testing.T) {
	t.Parallel()
	b := newDueBook(t)
	tests := []struct {
		from, to rotation.Date
		want     []string
	}{
		{day0.AddDays(-2), day0.AddDays(4), []string{"Ada", "Ben", "Abe", "Bea", "Fay", "Finn"}},
		{day0, day0.AddDays(3), []string{"Abe", "Bea"}}, // to is excluded
		{day0.AddDays(-30), day0.AddDays(-9), []string{"Cara"}},
		{day0.AddDays(4), day0.AddDays(30), nil},
	}
	for _, tt := range tests {
		got, err := b.DueBetween(t.Context(), tt.from, tt.to)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(names(got), tt.want) {
			t.Errorf("DueBetween(%s, %s) = %q, want %q", tt.from, tt.to, names(got), tt.want)
		}
	}
}
