package interchange

import (
	"strings"
)

// The vCard pre-pass. go-vcard reads vCard 3.0 and 4.0 well but misreads
// 2.1 (quoted-printable is not decoded, its soft line breaks are lost,
// bare parameters such as TEL;CELL;PREF: land in the wrong place) and
// skips lines it cannot parse without a word. The pre-pass reads the file
// first, card by card and line by line, and hands go-vcard each card in
// one canonical form:
//
//   - lines unfolded (RFC 6350 folding, vCard 2.1 folding that keeps the
//     blank, and quoted-printable soft line breaks);
//   - values decoded from quoted-printable and from their CHARSET (or,
//     without one, from Windows-1252 when they are not UTF-8), the
//     ENCODING and CHARSET parameters dropped;
//   - bare parameters written as TYPE=...;
//   - binary properties (PHOTO, LOGO, SOUND, KEY, anything in base64)
//     dropped, so a book of photos costs no memory;
//   - values escaped the way go-vcard unescapes them, with a literal
//     semicolon kept as litSemi so that structured values (N, ORG) still
//     split on the real separators only;
//   - a line that is not a property reported with its line number
//     instead of skipped.

// litSemi stands for a literal (escaped) semicolon inside a value that
// passes through go-vcard: go-vcard splits structured values on every
// semicolon, escaped or not.
const litSemi = "\x00"

// maxLine bounds one unfolded property: no text field of a contact is
// longer, and a runaway line must not grow without end.
const maxLine = 1 << 20

// rawCard is one card after the pre-pass.
type rawCard struct {
	num, line int    // record number and first line
	version   string // "2.1", "3.0", "4.0" ("" when the card has none)
	text      string // the canonical card for go-vcard
	// lines are the file's line numbers of each kept property, by name,
	// in the order go-vcard keeps them.
	lines map[string][]int
}

// lineOf is the line of the i-th property called name.
func (c *rawCard) lineOf(name string, i int) int {
	if ls := c.lines[name]; i < len(ls) {
		return ls[i]
	}
	return c.line
}

// physLine is one line of the file.
type physLine struct {
	n    int
	text string
}

// splitLines cuts text into lines on LF, CRLF or a lone CR.
func splitLines(text string) []physLine {
	var out []physLine
	n := 1
	for len(text) > 0 {
		i := strings.IndexAny(text, "\r\n")
		if i < 0 {
			out = append(out, physLine{n, text})
			break
		}
		out = append(out, physLine{n, text[:i]})
		if text[i] == '\r' && i+1 < len(text) && text[i+1] == '\n' {
			i++
		}
		text = text[i+1:]
		n++
	}
	return out
}

// prepass splits a vCard file into canonical cards. errs are the cards
// (or stray lines) that cannot be read; the other cards are still
// returned.
func prepass(text string) (cards []rawCard, errs []*RecordError) {
	lines := splitLines(text)
	num := 0
	stray := false
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		t := strings.TrimSpace(l.text)
		if t == "" {
			stray = false
			continue
		}
		if !isBeginCard(t) {
			if !stray {
				errs = append(errs, &RecordError{Record: num + 1, Line: l.n, Msg: "text outside BEGIN:VCARD … END:VCARD"})
			}
			stray = true
			continue
		}
		stray = false
		num++
		card, next, err := readCard(lines, i, num)
		i = next
		if err != nil {
			errs = append(errs, err)
			continue
		}
		cards = append(cards, card)
	}
	return cards, errs
}

func isBeginCard(t string) bool {
	k, v, ok := strings.Cut(t, ":")
	return ok && strings.EqualFold(strings.TrimSpace(k), "BEGIN") && strings.EqualFold(strings.TrimSpace(v), "VCARD")
}

func isEndCard(t string) bool {
	k, v, ok := strings.Cut(t, ":")
	return ok && strings.EqualFold(strings.TrimSpace(k), "END") && strings.EqualFold(strings.TrimSpace(v), "VCARD")
}

// logical is one unfolded property line.
type logical struct {
	n    int
	text []byte
	qp   bool // its value is quoted-printable: a final "=" continues it
	skip bool // a binary property whose data is dropped
}

// skipCard returns the index of the last line of the card that lines[i]
// is in: its END:VCARD, the line before the next BEGIN:VCARD, or the last.
func skipCard(lines []physLine, i int) int {
	for ; i < len(lines); i++ {
		t := strings.TrimSpace(lines[i].text)
		if isEndCard(t) {
			return i
		}
		if i+1 < len(lines) && isBeginCard(strings.TrimSpace(lines[i+1].text)) {
			return i
		}
	}
	return len(lines) - 1
}

// readCard reads the card whose BEGIN line is lines[start]. It returns the
// index of the card's last line (END:VCARD, or where reading stopped).
func readCard(lines []physLine, start, num int) (rawCard, int, *RecordError) {
	card := rawCard{num: num, line: lines[start].n, lines: map[string][]int{}}
	var props []*logical
	var cur *logical
	i := start + 1
lines:
	for ; i < len(lines); i++ {
		l := lines[i]
		raw := l.text
		switch {
		case cur != nil && cur.qp && len(cur.text) > 0 && cur.text[len(cur.text)-1] == '=':
			// A quoted-printable soft line break: the value goes on,
			// whatever the next line starts with.
			cur.text = append(cur.text[:len(cur.text)-1], raw...)
		case raw != "" && (raw[0] == ' ' || raw[0] == '\t') && cur != nil:
			if cur.skip {
				continue
			}
			if card.version == "2.1" {
				cur.text = append(cur.text, raw...) // 2.1 folding keeps the blank
			} else {
				cur.text = append(cur.text, raw[1:]...)
			}
		default:
			t := strings.TrimSpace(raw)
			if t == "" || (cur != nil && cur.skip && !looksLikeProperty(t)) {
				continue // vCard 2.1 base64 data runs on unindented
			}
			if isEndCard(t) {
				break lines
			}
			if isBeginCard(t) {
				return card, i - 1, recordErrorf(num, card.line, "no END:VCARD before the next BEGIN:VCARD (line %d)", l.n)
			}
			if !looksLikeProperty(t) {
				return card, skipCard(lines, i), recordErrorf(num, l.n, "%q is not a vCard property (NAME:value)", clip(t))
			}
			cur = &logical{n: l.n, text: []byte(raw), qp: isQP(raw), skip: isBinary(raw)}
			if !cur.skip && len(cur.text) > maxLine {
				// The same limit as a folded property's: one long line is
				// no better than many short ones.
				return card, skipCard(lines, i), recordErrorf(num, cur.n, "a property longer than %d bytes", maxLine)
			}
			props = append(props, cur)
			if card.version == "" {
				if k, v, _ := strings.Cut(t, ":"); strings.EqualFold(k, "VERSION") {
					card.version = strings.TrimSpace(v)
				}
			}
			continue
		}
		if len(cur.text) > maxLine {
			return card, skipCard(lines, i), recordErrorf(num, cur.n, "a property longer than %d bytes", maxLine)
		}
	}
	if i == len(lines) {
		return card, i - 1, recordErrorf(num, card.line, "the card has no END:VCARD")
	}
	var b strings.Builder
	b.WriteString("BEGIN:VCARD\r\n")
	for _, p := range props {
		if p.skip {
			continue
		}
		name, line, err := canonicalLine(string(p.text), card.version)
		if err != "" {
			return card, i, recordErrorf(num, p.n, "%s", err)
		}
		if line == "" {
			continue
		}
		card.lines[name] = append(card.lines[name], p.n)
		b.WriteString(line)
		b.WriteString("\r\n")
	}
	b.WriteString("END:VCARD\r\n")
	card.text = b.String()
	return card, i, nil
}

func clip(s string) string {
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return strings.ToValidUTF8(s, "?")
}

// looksLikeProperty reports whether a line starts like a property:
// [group.]NAME followed by ";" or ":".
func looksLikeProperty(t string) bool {
	i := strings.IndexAny(t, ";:")
	if i <= 0 {
		return false
	}
	head := t[:i]
	if g, n, ok := strings.Cut(head, "."); ok {
		return isToken(g) && isToken(n)
	}
	return isToken(head)
}

func isToken(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// head is the name and parameters of a property line, upper case.
func head(line string) string {
	i := strings.IndexByte(line, ':')
	if i < 0 {
		i = len(line)
	}
	return strings.ToUpper(line[:i])
}

func isQP(line string) bool {
	return strings.Contains(head(line), "QUOTED-PRINTABLE")
}

var binaryProps = map[string]bool{"PHOTO": true, "LOGO": true, "SOUND": true, "KEY": true}

func isBinary(line string) bool {
	h := head(line)
	name, _, _ := strings.Cut(h, ";")
	if _, n, ok := strings.Cut(name, "."); ok {
		name = n
	}
	if binaryProps[name] {
		return true
	}
	for _, p := range splitParams(h)[1:] {
		p = strings.TrimSpace(p)
		if p == "BASE64" || p == "ENCODING=B" || p == "ENCODING=BASE64" {
			return true
		}
	}
	return false
}
