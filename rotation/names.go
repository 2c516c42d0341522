package rotation

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NameOrder is how a list of contacts is sorted by the person's name.
type NameOrder string

// The orders of a contact list.
const (
	ByName     NameOrder = "name" // the name as written: first name first
	ByLastName NameOrder = "last" // the last word of the name, then the rest
	ByTier     NameOrder = "tier" // tier A first, then by name
)

// ParseNameOrder reads "name", "last" or "tier".
func ParseNameOrder(s string) (NameOrder, error) {
	switch o := NameOrder(strings.ToLower(strings.TrimSpace(s))); o {
	case ByName, ByLastName, ByTier:
		return o, nil
	case "":
		return ByName, nil
	}
	return "", fmt.Errorf("unknown order %q: use name, last or tier", s)
}

// nameLetters spells the letters that do not fold to a base letter with
// their accent removed, for sorting: Øyvind sorts with the Os.
var nameLetters = strings.NewReplacer("ø", "o", "ł", "l", "æ", "ae", "œ", "oe", "ß", "ss", "đ", "d", "ı", "i", "þ", "th", "ð", "d")

// NameKey is the sort key of a name: comparing keys orders names the way
// an address book does, accents and case folded (Élodie before Zoë).
// Folding rather than a full collator keeps a sort of 100,000 names
// fast enough for every keystroke of the interface.
func NameKey(name string) string {
	if isASCII(name) {
		return Fold(name)
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(name) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	k := strings.Join(strings.Fields(b.String()), " ")
	if strings.ContainsAny(k, "øłæœßđıþð") {
		k = nameLetters.Replace(k)
	}
	return k
}

// LastName is the word a name is sorted by in ByLastName: its last word
// ("Doe" in "Jane Doe"), without a comma-separated suffix ("Jr.").
func LastName(name string) string {
	if before, _, ok := strings.Cut(name, ","); ok && strings.TrimSpace(before) != "" {
		name = before
	}
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	return f[len(f)-1]
}

// CompareNames orders two names as people expect (see NameKey).
func CompareNames(a, b string) int {
	if c := strings.Compare(NameKey(a), NameKey(b)); c != 0 {
		return c
	}
	return strings.Compare(a, b)
}

// SortContacts sorts contacts by name, last name or tier, accents and
// case folded, the id breaking ties so that the order is stable.
func SortContacts(cs []Contact, by NameOrder) {
	SortBy(cs, by, func(c Contact) Contact { return c })
}

// SortBy sorts any list whose items carry a contact, like SortContacts.
func SortBy[T any](items []T, by NameOrder, contact func(T) Contact) {
	type keyed struct {
		primary, name string
		tier          string
		id            int64
		item          T
	}
	ks := make([]keyed, len(items))
	for i, it := range items {
		c := contact(it)
		k := keyed{name: NameKey(c.Name), tier: c.Tier, id: c.ID, item: it}
		if by == ByLastName {
			k.primary = NameKey(LastName(c.Name))
		}
		ks[i] = k
	}
	slices.SortStableFunc(ks, func(a, b keyed) int {
		if by == ByTier && a.tier != b.tier {
			if a.tier == "" || b.tier == "" { // no tier last
				return strings.Compare(b.tier, a.tier)
			}
			return strings.Compare(a.tier, b.tier)
		}
		if c := strings.Compare(a.primary, b.primary); c != 0 {
			return c
		}
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if a.id != b.id {
			if a.id < b.id {
				return -1
			}
			return 1
		}
		return 0
	})
	for i := range ks {
		items[i] = ks[i].item
	}
}
