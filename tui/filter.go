package tui

import (
	"cmp"
	"slices"
	"strings"

	"github.com/sahilm/fuzzy"

	"rotate/rotation"
)

// matcher filters contacts as the user types: each word of the query must
// match the contact's name, company or tags fuzzily, in any order, with
// accents ignored ("jur" finds Jürgen, "doe jane" finds Jane Doe).
type matcher struct {
	keys []string // folded "name · company · tags", one per contact
}

func newMatcher(cs []rotation.Contact) matcher {
	keys := make([]string, len(cs))
	for i, c := range cs {
		keys[i] = rotation.Fold(c.Name + " " + c.Company + " " + strings.Join(c.Tags, " "))
	}
	return matcher{keys: keys}
}

// subset is a fuzzy.Source over some of the keys.
type subset struct {
	keys []string
	idx  []int
}

func (s subset) String(i int) string { return s.keys[s.idx[i]] }
func (s subset) Len() int            { return len(s.idx) }

// match returns the indices of the matching contacts, best first; all of
// them, in order, for an empty query.
func (mt matcher) match(query string) []int {
	words := strings.Fields(rotation.Fold(query))
	all := make([]int, len(mt.keys))
	for i := range all {
		all[i] = i
	}
	if len(words) == 0 {
		return all
	}
	cand := all
	score := make([]int, len(mt.keys))
	for _, w := range words {
		found := fuzzy.FindFromNoSort(w, subset{mt.keys, cand})
		next := make([]int, 0, len(found))
		for _, f := range found {
			i := cand[f.Index]
			next = append(next, i)
			score[i] += f.Score
		}
		cand = next
		if len(cand) == 0 {
			break
		}
	}
	slices.SortStableFunc(cand, func(a, b int) int { return cmp.Compare(score[b], score[a]) })
	return cand
}
