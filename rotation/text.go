package rotation

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text that reaches rotate from outside — command-line arguments, files
// being imported, keys typed or pasted in the interface, drafts read back —
// and text shown to a terminal or put on the clipboard goes through the
// functions of this file. A contact field never needs a control character,
// so they are removed on the way in (CleanLine, CleanText, CleanPhone) and
// shown, not obeyed, on the way out (Printable, PrintableLine) for books
// that already hold them (written by an older version, or by psql on a
// team book).

// Unsafe reports whether r can act on a terminal or change how the text
// around it reads: C0 controls (tab and newline included: callers decide
// where those are allowed), DEL, C1 controls, and the invisible format
// characters that reorder or hide text — bidi marks, embeddings, overrides
// and isolates, the deprecated format controls, line and paragraph
// separators, the byte-order mark and the interlinear annotation marks.
// Zero-width joiners stay allowed: emoji and many scripts need them.
func Unsafe(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, // Arabic letter mark, LRM, RLM
		r >= 0x2028 && r <= 0x202e, // line/paragraph separators, embeddings, overrides
		r >= 0x2066 && r <= 0x206f, // isolates, deprecated format controls
		r == 0xfeff,                // byte-order mark
		r >= 0xfff9 && r <= 0xfffb: // interlinear annotation
		return true
	}
	return false
}

// CleanText makes multi-line text from outside fit to keep (a note, a
// follow-up list): escape sequences (CSI, OSC, DCS and the like, in their
// 7-bit and 8-bit forms) are removed whole, other Unsafe characters are
// dropped, CR LF and lone CRs become LF, and invalid UTF-8 becomes U+FFFD.
// Newlines and tabs are kept; plain text is returned unchanged.
func CleanText(s string) string {
	if isCleanText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\r':
			b.WriteByte('\n')
			if strings.HasPrefix(s[i+size:], "\n") {
				size++
			}
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == 0x1b || r >= 0x80 && r < 0xa0:
			size = escapeLen(s[i:])
		case Unsafe(r):
			// dropped
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// isCleanText reports whether CleanText would return s unchanged, without
// allocating.
func isCleanText(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 || Unsafe(r) {
			return false
		}
		i += size
	}
	return true
}

// escapeLen is the length of the escape sequence s starts with (ESC or a
// C1 control): the whole sequence, so that no "[2J" is left behind. An
// unterminated string sequence runs to the end of s.
func escapeLen(s string) int {
	r, size := utf8.DecodeRuneInString(s)
	kind := r
	if r == 0x1b {
		if len(s) == 1 {
			return 1
		}
		next := s[1]
		switch {
		case next == '[', next == ']', next == 'P', next == 'X', next == '^', next == '_':
			kind = rune(next) + 0x40 // the C1 form: CSI, OSC, DCS, SOS, PM, APC
			size = 2
		case next >= 0x20 && next < 0x7f:
			// ESC with intermediates and one final byte (ESC ( B, ESC 7 …)
			n := 1
			for n < len(s) && s[n] >= 0x20 && s[n] <= 0x2f {
				n++
			}
			if n < len(s) && s[n] >= 0x30 && s[n] < 0x7f {
				n++
			}
			return n
		default:
			return 1
		}
	}
	switch kind {
	case 0x9b: // CSI: parameters, intermediates, one final byte
		n := size
		for n < len(s) && s[n] >= 0x20 && s[n] <= 0x3f {
			n++
		}
		if n < len(s) && s[n] >= 0x40 && s[n] < 0x7f {
			n++
		}
		return n
	case 0x9d, 0x90, 0x98, 0x9e, 0x9f: // OSC, DCS, SOS, PM, APC: up to BEL or ST
		for n := size; n < len(s); {
			switch {
			case s[n] == 0x07:
				return n + 1
			case s[n] == 0x1b && n+1 < len(s) && s[n+1] == '\\':
				return n + 2
			case strings.HasPrefix(s[n:], "\u009c"):
				return n + 2
			case s[n] == 0x1b, s[n] == '\n', s[n] == '\r':
				// a new sequence or a new line: an unterminated
				// sequence does not swallow the rest of a note
				return n
			}
			n++
		}
		return len(s)
	}
	return size
}

// CleanLine makes a one-line field from outside fit to keep (a name, a
// company, a tag, an e-mail address): CleanText, then every run of
// white space (newlines and tabs too) becomes one space, and the ends are
// trimmed.
func CleanLine(s string) string {
	s = CleanText(s)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\n' || c == '\t' || c == ' ' && (i == 0 || i == len(s)-1 || s[i+1] == ' ') || c >= utf8.RuneSelf {
			return strings.Join(strings.Fields(s), " ")
		}
	}
	return s
}

// HasLineBreak reports whether s holds a line break of any kind (LF, CR,
// VT, FF, NEL, U+2028, U+2029): a one-line field given on the command line
// with one is refused rather than joined.
func HasLineBreak(s string) bool {
	return strings.ContainsAny(s, "\n\r\v\f\u0085\u2028\u2029")
}

// A phone number is digits and the punctuation people write them with,
// optionally followed by an extension ("x 12", "ext. 12", ";ext=12").
const phonePunct = "+ -./()"

// extMarkers are the ways an extension is introduced, longest first.
var extMarkers = []string{";ext=", "ext.", "ext", "x"}

// CheckPhone says what is wrong with a phone number typed by a person:
// nil for digits, the punctuation "+ -./()" and an extension ("x 12",
// "ext. 12", ";ext=12"); otherwise an error naming the first character
// that does not belong, for a one-line message.
func CheckPhone(s string) error {
	main, _, bad, ok := phoneParts(s)
	if digitCount(main) == 0 {
		return fmt.Errorf("%s has no digits", strconv.Quote(s))
	}
	if !ok {
		return fmt.Errorf("%s does not belong in a phone number: digits, spaces and + - . / ( ) only, and x before an extension",
			runeName(bad))
	}
	return nil
}

// CleanPhone keeps what a phone number may hold: digits (digits of other
// scripts become ASCII ones), the punctuation "+ -./()", and an extension,
// written " ext. 12". Escape sequences go whole, everything else that does
// not belong is dropped, and so is punctuation left dangling at the ends. A result without a
// digit is "": no number at all.
func CleanPhone(s string) string {
	main, ext, _, _ := phoneParts(CleanText(s))
	main = strings.Trim(strings.Join(strings.Fields(main), " "), " -./")
	if ext != "" {
		main += " ext. " + ext
	}
	if digitCount(main) == 0 {
		return ""
	}
	return main
}

// phoneParts splits a number into its main part and extension, keeping
// only what belongs in each; ok is false, and bad the first rune that does
// not belong, when something was dropped (white space other than spaces
// and an empty extension after a marker are not counted).
func phoneParts(s string) (main, ext string, bad rune, ok bool) {
	ok = true
	miss := func(r rune) {
		if ok {
			ok, bad = false, r
		}
	}
	var m, e strings.Builder
	inExt := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			miss(r)
			i++
			continue
		}
		if d, isDigit := asciiDigit(r); isDigit {
			if inExt {
				e.WriteByte(d)
			} else {
				m.WriteByte(d)
			}
			i += size
			continue
		}
		if !inExt {
			if strings.ContainsRune(phonePunct, r) {
				m.WriteRune(r)
				i += size
				continue
			}
			if n := extMarker(s[i:]); n > 0 && digitCount(m.String()) > 0 {
				inExt = true
				i += n
				continue
			}
		} else if r == ' ' || r == '.' || r == '-' {
			i += size
			continue
		}
		if unicode.IsSpace(r) {
			// a line break or a tab separates like a space, but a
			// person typing a number does not give one
			if !inExt {
				m.WriteByte(' ')
			}
			if Unsafe(r) {
				miss(r)
			}
		} else {
			miss(r)
		}
		i += size
	}
	return m.String(), e.String(), bad, ok
}

// extMarker is the length of the extension marker s starts with, or 0.
func extMarker(s string) int {
	for _, mk := range extMarkers {
		if len(s) >= len(mk) && strings.EqualFold(s[:len(mk)], mk) {
			return len(mk)
		}
	}
	return 0
}

// asciiDigit reads a decimal digit of any script as its ASCII form.
func asciiDigit(r rune) (byte, bool) {
	if r >= '0' && r <= '9' {
		return byte(r), true
	}
	if r < 0x80 || !unicode.IsDigit(r) {
		return 0, false
	}
	// Unicode's decimal digits come in runs of ten, 0 to 9; a run of
	// several (mathematical digits) is a multiple of ten long.
	start := r
	for start > 0 && unicode.IsDigit(start-1) && r-start < 100 {
		start--
	}
	return byte('0' + (r-start)%10), true
}

func digitCount(s string) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			n++
		}
	}
	return n
}

// runeName names a rune for an error message without printing it raw.
func runeName(r rune) string {
	switch {
	case r == utf8.RuneError:
		return "an invalid byte"
	case r == '\n':
		return "a line break"
	case Unsafe(r):
		return fmt.Sprintf("the control character U+%04X", r)
	}
	return fmt.Sprintf("%q", r)
}

// Printable makes text read from a book safe to show in a terminal: the
// C0 controls and DEL are shown in caret notation (^[ for ESC, ^? for DEL)
// instead of being obeyed, C1 controls and invalid UTF-8 become U+FFFD,
// and the other Unsafe characters (bidi overrides and the like) are
// dropped. Newlines and tabs are kept; plain text is returned unchanged.
func Printable(s string) string {
	if isCleanText(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			b.WriteRune(utf8.RuneError)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r < 0x20:
			b.WriteByte('^')
			b.WriteByte(byte(r) + '@')
		case r == 0x7f:
			b.WriteString("^?")
		case r >= 0x80 && r < 0xa0:
			b.WriteRune(utf8.RuneError)
		case Unsafe(r):
			// a direction override could make a name read as another
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// PrintableLine is Printable on one line, for list rows, headers and
// error messages: every run of white space (line breaks included) becomes
// one space. The ends are not trimmed, so that pieces of a line (a search
// snippet around its match) can be cleaned apart.
func PrintableLine(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' && (c != ' ' || i+1 < len(s) && s[i+1] <= ' ') || c >= utf8.RuneSelf {
			s = collapseSpace(s)
			break
		}
	}
	return Printable(s)
}

// collapseSpace turns every run of white space into one space.
func collapseSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

// Plural puts a count before a word, the word in the plural unless the
// count is one: "1 contact", "3 contacts", "2 matches", "4 tries",
// "-1 day". Every count in human output goes through it.
func Plural(n int, word string) string {
	if n == 1 || n == -1 {
		return strconv.Itoa(n) + " " + word
	}
	return strconv.Itoa(n) + " " + PluralWord(word)
}

// PluralWord is the plural of an English noun of rotate's messages.
func PluralWord(word string) string {
	switch {
	case word == "":
		return word
	case strings.HasSuffix(word, "s"), strings.HasSuffix(word, "x"), strings.HasSuffix(word, "ch"), strings.HasSuffix(word, "sh"):
		return word + "es"
	case strings.HasSuffix(word, "y") && len(word) > 1 && !strings.ContainsRune("aeiou", rune(word[len(word)-2])):
		return word[:len(word)-1] + "ies"
	}
	return word + "s"
}

// Clean is the draft with its text sanitised (CleanText for the note and
// the follow-ups, one per line, CleanLine for the next-date words): a
// draft read back from a file or a book is text from outside too.
func (d Draft) Clean() Draft {
	d.Note, d.FollowUps, d.Next = CleanText(d.Note), CleanText(d.FollowUps), CleanLine(d.Next)
	return d
}

// PhoneText is a stored number as it is shown: CleanPhone, the same
// digits and punctuation `y` copies and a dialer gets, so that a number an
// older book holds with a line break or an escape reads as what it dials.
// A number with no digit at all is shown as PrintableLine, for a person to
// fix.
func PhoneText(number string) string {
	if n := CleanPhone(number); n != "" {
		return n
	}
	return PrintableLine(number)
}
