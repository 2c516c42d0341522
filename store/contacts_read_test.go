package store_test

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

func TestFind(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ids := map[string]int64{}
	for _, n := range []string{"José Álvarez", "Jane Doe", "Janet Smith", "John Doe", "Bob Stone", "Ann Lee", "Ann Leeds", "Zoë Old"} {
		ids[n] = mustAdd(t, b.Store, person(n, "B", day0)).ID
	}
	if err := b.SetStatus(t.Context(), ids["Zoë Old"], rotation.Archived, 0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		query     string
		want      string   // the one contact found
		ambiguous []string // or the names an ambiguous query lists
		notFound  bool
	}{
		{query: itoa(ids["Bob Stone"]), want: "Bob Stone"},
		{query: "#" + itoa(ids["Jane Doe"]), want: "Jane Doe"},
		{query: "  jane DOE ", want: "Jane Doe"},
		{query: "jos", want: "José Álvarez"},
		{query: "jose", want: "José Álvarez"},
		{query: "JOSÉ", want: "José Álvarez"},
		{query: "alvarez", want: "José Álvarez"},
		{query: "stone", want: "Bob Stone"},
		{query: "Ann Lee", want: "Ann Lee"}, // exact beats the prefix of Ann Leeds
		{query: "ann leed", want: "Ann Leeds"},
		{query: "zoe", want: "Zoë Old"}, // archived contacts can be found
		{query: "janet", want: "Janet Smith"},
		{query: "jan", ambiguous: []string{"Jane Doe", "Janet Smith"}},
		{query: "doe", ambiguous: []string{"Jane Doe", "John Doe"}},
		{query: "ann", ambiguous: []string{"Ann Lee", "Ann Leeds"}},
		{query: "j", ambiguous: []string{"Jane Doe", "Janet Smith", "John Doe", "José Álvarez"}},
		{query: "nobody", notFound: true},
		{query: "", notFound: true},
		{query: "4242", notFound: true},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got, err := b.Find(t.Context(), tt.query)
			switch {
			case tt.notFound:
				if !errors.Is(err, store.ErrNotFound) {
					t.Errorf("Find(%q) = %q, %v; want ErrNotFound", tt.query, got.Name, err)
				}
			case tt.ambiguous != nil:
				var amb *store.AmbiguousError
				if !errors.Is(err, store.ErrAmbiguous) || !errors.As(err, &amb) {
					t.Fatalf("Find(%q) = %q, %v; want an *AmbiguousError", tt.query, got.Name, err)
				}
				var want []string
				for _, n := range tt.ambiguous {
					want = append(want, n+" (#"+itoa(ids[n])+")")
				}
				if !slices.Equal(amb.Matches, want) {
					t.Errorf("matches = %q, want %q", amb.Matches, want)
				}
				for _, n := range tt.ambiguous {
					if !strings.Contains(err.Error(), n) {
						t.Errorf("error %q does not list %s", err, n)
					}
				}
			default:
				if err != nil || got.Name != tt.want || got.ID != ids[tt.want] {
					t.Errorf("Find(%q) = %q #%d, %v; want %s #%d", tt.query, got.Name, got.ID, err, tt.want, ids[tt.want])
				}
			}
		})
	}
}

func itoa(id int64) string { return strconv.FormatInt(id, 10) }

func TestListFilters(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	add := func(name, tier string, tags ...string) int64 {
		c := person(name, tier, day0)
		c.Tags = tags
		return mustAdd(t, b.Store, c).ID
	}
	add("bob stone", "B", "golf")
	add("Alice Archer", "A", "golf", "vip")
	paused := add("Carl Paused", "A", "vip")
	archived := add("Dora Archived", "B", "golf")
	add("Eve Early", "C")
	if err := b.SetStatus(ctx, paused, rotation.Paused, 0); err != nil {
		t.Fatal(err)
	}
	if err := b.SetStatus(ctx, archived, rotation.Archived, 0); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		filter store.ListFilter
		want   []string
	}{
		{"active", store.ListFilter{}, []string{"Alice Archer", "bob stone", "Eve Early"}},
		{"all", store.ListFilter{All: true}, []string{"Alice Archer", "bob stone", "Carl Paused", "Dora Archived", "Eve Early"}},
		{"tier A", store.ListFilter{Tier: "A"}, []string{"Alice Archer"}},
		{"tier A, all", store.ListFilter{Tier: "A", All: true}, []string{"Alice Archer", "Carl Paused"}},
		{"tag golf", store.ListFilter{Tag: "golf"}, []string{"Alice Archer", "bob stone"}},
		{"tag golf, tier B, all", store.ListFilter{Tag: "golf", Tier: "B", All: true}, []string{"bob stone", "Dora Archived"}},
		{"unknown tag", store.ListFilter{Tag: "nope", All: true}, []string{}},
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
	if want := []string{"Alice Archer", "bob stone", "Carl Paused", "Dora Archived", "Eve Early"}; !slices.Equal(names(all), want) {
		t.Errorf("AllContacts = %q, want %q", names(all), want)
	}
}
