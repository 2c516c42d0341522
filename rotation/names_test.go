package rotation

import (
	"strings"
	"testing"
)

func TestSortContactsAsPeopleExpect(t *testing.T) {
	cs := []Contact{
		{ID: 1, Name: "Zoë Adams", Tier: "C"},
		{ID: 2, Name: "Élodie Martin", Tier: "B"},
		{ID: 3, Name: "emma Zimmer", Tier: "A"},
		{ID: 4, Name: "Bob Östberg", Tier: "B"},
		{ID: 5, Name: "Ólafur Arnalds", Tier: "A"},
		{ID: 6, Name: "bob ostberg", Tier: ""},
		{ID: 7, Name: "Carl Meyer, Jr.", Tier: "C"},
		{ID: 8, Name: "Øyvind Pedersen", Tier: "C"},
	}
	names := func() string {
		var out []string
		for _, c := range cs {
			out = append(out, c.Name)
		}
		return strings.Join(out, " | ")
	}
	tests := []struct {
		by   NameOrder
		want string
	}{
		{ByName, "Bob Östberg | bob ostberg | Carl Meyer, Jr. | Élodie Martin | emma Zimmer | Ólafur Arnalds | Øyvind Pedersen | Zoë Adams"},
		{ByLastName, "Zoë Adams | Ólafur Arnalds | Élodie Martin | Carl Meyer, Jr. | Bob Östberg | bob ostberg | Øyvind Pedersen | emma Zimmer"},
		{ByTier, "emma Zimmer | Ólafur Arnalds | Bob Östberg | Élodie Martin | Carl Meyer, Jr. | Øyvind Pedersen | Zoë Adams | bob ostberg"},
	}
	for _, tt := range tests {
		SortContacts(cs, tt.by)
		if got := names(); got != tt.want {
			t.Errorf("by %s:\n got %s\nwant %s", tt.by, got, tt.want)
		}
	}
	if _, err := ParseNameOrder("age"); err == nil {
		t.Error("an unknown order was accepted")
	}
}
