package tui

import (
	"strings"

	"rotate/rotation"
)

// matcher filters contacts as the user types: each word of the query must
// match the contact's name, company or tags, in any order, with accents
// ignored ("jur" finds Jürgen, "doe jane" finds Jane Doe); a word that
// begins with @ matches whom the contact is assigned to instead ("@bob",
// "@none" for nobody in particular), by its start. A word matches
// as a word start (best), anywhere inside, or as letters in order ("jdoe"
// finds Jane Doe). Typing on narrows the previous result instead of
// scanning the book again, so a keystroke stays fast at 100,000 contacts.
//
// Hand-written rather than a fuzzy library: at that size a scorer that
// allocates per match costs over 100 ms a keystroke, and only the visible
// rows need an order.
type matcher struct {
	keys []string // folded "name company tags", one per contact
	// who is each contact's folded assignee, "none" for nobody: a query
	// word "@bob" matches it by its start (the Contacts of a team book).
	who []string

	lastQuery  string // the folded query of the previous call
	lastResult []int
	recent     map[string][]int // recent folded queries and their results, for backspace
}

// recentQueries bounds the cache of recent results.
const recentQueries = 32

func newMatcher(cs []rotation.Contact) matcher {
	keys, who := make([]string, len(cs)), make([]string, len(cs))
	for i, c := range cs {
		keys[i] = " " + rotation.Fold(c.Name+" "+c.Company+" "+strings.Join(c.Tags, " "))
		who[i] = "none"
		if c.Assignee != "" {
			who[i] = rotation.Fold(c.Assignee)
		}
	}
	return matcher{keys: keys, who: who}
}

// Kinds of word match, best last.
const (
	noMatch = iota
	inOrder
	inside
	wordStart
)

// wordMatch says how a folded query word matches a folded key.
func wordMatch(word, key string) int {
	if i := strings.Index(key, word); i >= 0 {
		if strings.Contains(key, " "+word) {
			return wordStart
		}
		return inside
	}
	// Letters in order.
	j := 0
	for i := 0; i < len(key) && j < len(word); i++ {
		if key[i] == word[j] {
			j++
		}
	}
	if j == len(word) {
		return inOrder
	}
	return noMatch
}

// match returns the indices of the matching contacts, best first and in
// book order among equals; all of them, in order, for an empty query.
func (mt *matcher) match(query string) []int {
	folded := rotation.Fold(query)
	words := strings.Fields(folded)
	if len(words) == 0 {
		mt.lastQuery, mt.lastResult = "", nil
		all := make([]int, len(mt.keys))
		for i := range all {
			all[i] = i
		}
		return all
	}
	if out, ok := mt.recent[folded]; ok {
		mt.lastQuery, mt.lastResult = folded, inBookOrder(out, len(mt.keys))
		return out
	}
	var cand []int
	if mt.lastQuery != "" && strings.HasPrefix(folded, mt.lastQuery) && mt.lastResult != nil {
		cand = mt.lastResult // more letters only narrow the matches
	} else {
		cand = make([]int, len(mt.keys))
		for i := range cand {
			cand[i] = i
		}
	}
	// Bucket by total score so ordering is linear, not a sort.
	buckets := make([][]int, 3*len(words)+1)
	for _, i := range cand {
		total := 0
		for _, w := range words {
			s := wordMatch(w, mt.keys[i])
			if at, ok := strings.CutPrefix(w, "@"); ok {
				s = noMatch
				if strings.HasPrefix(mt.who[i], at) {
					s = wordStart
				}
			}
			if s == noMatch {
				total = -1
				break
			}
			total += s
		}
		if total >= 0 {
			buckets[total] = append(buckets[total], i)
		}
	}
	out := make([]int, 0, len(cand))
	for s := len(buckets) - 1; s >= 0; s-- {
		out = append(out, buckets[s]...)
	}
	if mt.recent == nil || len(mt.recent) >= recentQueries {
		mt.recent = map[string][]int{}
	}
	mt.recent[folded] = out
	// Narrowing must start from the book order, not the ranked order.
	mt.lastQuery = folded
	mt.lastResult = inBookOrder(out, len(mt.keys))
	return out
}

// inBookOrder sorts indices by value with a pass over a bitmap.
func inBookOrder(idx []int, n int) []int {
	seen := make([]bool, n)
	for _, i := range idx {
		seen[i] = true
	}
	out := make([]int, 0, len(idx))
	for i, ok := range seen {
		if ok {
			out = append(out, i)
		}
	}
	return out
}
