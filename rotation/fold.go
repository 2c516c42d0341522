package rotation

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold returns s in the form names are matched in: lower case, accents
// removed (Jürgen matches jurgen), spaces collapsed.
func Fold(s string) string {
	if !isCleanText(s) {
		// a name stored with escapes by an older version is found by
		// its letters, and matches its clean copy in an import
		s = CleanText(s)
	}
	if isASCII(s) {
		// The common case, without the Unicode machinery.
		return strings.Join(strings.Fields(strings.ToLower(s)), " ")
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return strings.Join(strings.Fields(strings.ToLower(out)), " ")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
