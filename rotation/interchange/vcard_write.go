package interchange

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"rotate/rotation"
)

// WriteVCard writes contacts as vCard 4.0 (RFC 6350): CRLF line endings,
// lines folded at 75 octets, text sanitised and escaped. Besides the standard
// properties it writes rotate's tier, cadence and FORM profile as X-ROTATE-
// properties, so that ReadVCard reads back every field it knows.
func WriteVCard(w io.Writer, contacts []rotation.Contact) error {
	bw := bufio.NewWriter(w)
	for _, c := range contacts {
		writeCard(bw, c)
	}
	return bw.Flush()
}

func writeCard(w *bufio.Writer, c rotation.Contact) {
	c, _ = cleanContact(c) // a book written by an older version may hold escapes
	prop := func(name, value string) {
		writeFolded(w, name+":"+value)
	}
	prop("BEGIN", "VCARD")
	prop("VERSION", "4.0")
	prop("FN", escapeText(c.Name))
	prop("N", nComponents(c.Name))
	if c.Company != "" {
		prop("ORG", escapeText(c.Company))
	}
	if c.Occupation != "" {
		prop("TITLE", escapeText(c.Occupation))
	}
	item := 0
	for i, p := range c.Phones {
		params := ";VALUE=text"
		if i == 0 {
			params += ";PREF=1"
		}
		types, ok := labelTypes(p.Label)
		switch {
		case ok && types != "":
			prop("TEL"+params+";TYPE="+types, escapeText(p.Number))
		case ok:
			prop("TEL"+params, escapeText(p.Number))
		default:
			// A label that is not a list of types travels as Apple
			// does it: a group with an X-ABLabel.
			item++
			group := fmt.Sprintf("item%d.", item)
			prop(group+"TEL"+params, escapeText(p.Number))
			prop(group+"X-ABLabel", escapeText(p.Label))
		}
	}
	if c.Email != "" {
		prop("EMAIL", escapeText(c.Email))
	}
	if !c.Birthday.IsZero() {
		if c.Birthday.Year() == NoYear {
			prop("BDAY", fmt.Sprintf("--%02d%02d", int(c.Birthday.Month()), c.Birthday.Day()))
		} else {
			prop("BDAY", fmt.Sprintf("%04d%02d%02d", c.Birthday.Year(), int(c.Birthday.Month()), c.Birthday.Day()))
		}
	}
	if c.TZ != "" {
		prop("TZ", escapeText(c.TZ))
	}
	if c.Message != "" {
		prop("NOTE", escapeText(c.Message))
	}
	if len(c.Tags) > 0 {
		tags := make([]string, len(c.Tags))
		for i, t := range c.Tags {
			tags[i] = escapeText(t)
		}
		prop("CATEGORIES", strings.Join(tags, ","))
	}
	if c.Tier != "" {
		prop(propTier, escapeText(c.Tier))
	}
	if !c.Rule.IsZero() {
		prop(propEvery, escapeText(c.Rule.String()))
	}
	if c.Family != "" {
		prop(propFamily, escapeText(c.Family))
	}
	if c.Recreation != "" {
		prop(propRecreation, escapeText(c.Recreation))
	}
	prop("END", "VCARD")
}

// labelTypes turns a label into TEL types when ReadVCard turns those back
// into the same label: "mobile" is cell, "work fax" is work,fax.
func labelTypes(label string) (string, bool) {
	if label == "" {
		return "", true
	}
	words := strings.Fields(label)
	types := make([]string, len(words))
	for i, w := range words {
		if w == "mobile" {
			w = "cell"
		}
		types[i] = w
	}
	if strings.Join(words, " ") != label || phoneLabel(types) != label {
		return "", false
	}
	for _, t := range types {
		if !isToken(t) || strings.ToLower(t) != t {
			return "", false
		}
	}
	return strings.Join(types, ","), true
}

// nComponents splits a display name into N's family and given names: the
// last word is taken as the family name. Readers that show N sort by it;
// ReadVCard prefers FN.
func nComponents(name string) string {
	words := strings.Fields(name)
	if len(words) < 2 {
		return escapeText(name) + ";;;;"
	}
	last := words[len(words)-1]
	return escapeText(last) + ";" + escapeText(strings.Join(words[:len(words)-1], " ")) + ";;;"
}

var textEscaper = strings.NewReplacer(`\`, `\\`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`, ",", `\,`, ";", `\;`)

// escapeText escapes a TEXT value (RFC 6350 section 3.4).
func escapeText(s string) string { return textEscaper.Replace(s) }

// writeFolded writes one content line, folded after at most 75 octets
// without splitting a UTF-8 sequence (RFC 6350 section 3.2), and CRLF.
func writeFolded(w *bufio.Writer, line string) {
	limit := 75
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		w.WriteString(line[:cut])
		w.WriteString("\r\n ")
		line = line[cut:]
		limit = 74 // the leading blank counts
	}
	w.WriteString(line)
	w.WriteString("\r\n")
}
