package store_test

import (
	"slices"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

// Lists show the truth: names sort as people expect (accents and case
// folded: Élodie before Zoë), by last name or tier on request; a tag
// matches whatever its case or accents; the Contacts view gets the tags
// it filters on.
func TestListsSortAndMatchAsPeopleExpect(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	add := func(name, tier string, tags ...string) {
		c := person(name, tier, day0)
		c.Tags = tags
		mustAdd(t, b.Store, c)
	}
	add("Zoë Adams", "C", "Golf")
	add("Élodie Martin", "B", "Café")
	add("anna Young", "A")
	add("Ömer Bakır", "A", "golf")
	add("Bob Zeller", "B", "cafe")
	tests := []struct {
		name   string
		filter store.ListFilter
		want   []string
	}{
		{"by name", store.ListFilter{}, []string{"anna Young", "Bob Zeller", "Élodie Martin", "Ömer Bakır", "Zoë Adams"}},
		{"by last name", store.ListFilter{Sort: rotation.ByLastName}, []string{"Zoë Adams", "Ömer Bakır", "Élodie Martin", "anna Young", "Bob Zeller"}},
		{"by tier", store.ListFilter{Sort: rotation.ByTier}, []string{"anna Young", "Ömer Bakır", "Bob Zeller", "Élodie Martin", "Zoë Adams"}},
		{"tag in another case", store.ListFilter{Tag: "GOLF"}, []string{"Ömer Bakır", "Zoë Adams"}},
		{"tag without its accent", store.ListFilter{Tag: "cafe"}, []string{"Bob Zeller", "Élodie Martin"}},
		{"tag with an accent", store.ListFilter{Tag: "Café"}, []string{"Bob Zeller", "Élodie Martin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := b.List(ctx, tt.filter)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(names(got), tt.want) {
				t.Errorf("List(%+v) = %q, want %q", tt.filter, names(got), tt.want)
			}
		})
	}
	all, err := b.AllContacts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"anna Young", "Bob Zeller", "Élodie Martin", "Ömer Bakır", "Zoë Adams"}; !slices.Equal(names(all), want) {
		t.Errorf("AllContacts = %q, want %q", names(all), want)
	}
	if i := slices.IndexFunc(all, func(c rotation.Contact) bool { return c.Name == "Zoë Adams" }); i < 0 || !slices.Equal(all[i].Tags, []string{"Golf"}) {
		t.Errorf("AllContacts carries no tags: %+v", all)
	}
}

// Who is due on a day of the Upcoming view reads by name as people
// expect too.
func TestDueBetweenSortsNamesFolded(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	for _, n := range []string{"Zoë Adams", "Élodie Martin", "anna Young"} {
		mustAdd(t, b.Store, person(n, "B", day0))
	}
	got, err := b.DueBetween(t.Context(), day0, day0.AddDays(1))
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"anna Young", "Élodie Martin", "Zoë Adams"}; !slices.Equal(names(got), want) {
		t.Errorf("DueBetween = %q, want %q", names(got), want)
	}
}

// Today's done list shows each contact's next call as it is now: a
// snooze after the call moves it; someone due again counts once.
func TestTodayDoneFollowsSnoozes(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	c := mustAdd(t, b.Store, person("Jane Doe", "A", day0))
	mustAdd(t, b.Store, person("Bob Stone", "B", day0))
	if _, err := b.LogCall(ctx, rotation.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, At: b.clock.Now(), Today: day0}); err != nil {
		t.Fatal(err)
	}
	monday := rotation.MustDate("2026-03-09")
	if err := b.SetDue(ctx, c.ID, monday); err != nil {
		t.Fatal(err)
	}
	a, err := b.Today(ctx, day0)
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Done) != 1 || a.Done[0].NextDue != monday {
		t.Fatalf("done = %+v, want Jane's next call on %s", a.Done, monday)
	}
	if done, total := a.Progress(); done != 1 || total != 2 {
		t.Fatalf("progress %d of %d, want 1 of 2", done, total)
	}
	if err := b.SetDue(ctx, c.ID, day0); err != nil {
		t.Fatal(err)
	}
	if a, _ = b.Today(ctx, day0); len(a.Done) != 1 || a.Done[0].NextDue != day0 {
		t.Fatalf("done = %+v", a.Done)
	}
	if done, total := a.Progress(); done != 0 || total != 2 {
		t.Fatalf("back on today's list: progress %d of %d, want 0 of 2", done, total)
	}
}

// The exports list names as people expect too.
func TestExportsSortNamesFolded(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	for _, n := range []string{"Zoë Adams", "Élodie Martin", "anna Young"} {
		mustAdd(t, b.Store, person(n, "B", day0))
	}
	want := []string{"anna Young", "Élodie Martin", "Zoë Adams"}
	all, err := b.ExportContacts(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names(all), want) {
		t.Errorf("ExportContacts = %q, want %q", names(all), want)
	}
	events, err := b.UpcomingCalls(t.Context(), day0, 7)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range events {
		got = append(got, e.Contact.Name)
	}
	if !slices.Equal(got, want) {
		t.Errorf("UpcomingCalls = %q, want %q", got, want)
	}
}
