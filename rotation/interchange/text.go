package interchange

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
	"golang.org/x/text/encoding/unicode"

	"rotate/rotation"
)

// readAll reads r up to MaxInput.
func readAll(r io.Reader) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxInput+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxInput {
		return nil, ErrTooLarge
	}
	return b, nil
}

// decodeText turns the bytes of a text file into UTF-8: a UTF-8 byte order
// mark is dropped, UTF-16 (with a byte order mark, or plainly recognisable
// by its zero bytes) is converted, and anything that is not valid UTF-8 is
// read as Windows-1252, which is what Outlook and older Windows programs
// write.
func decodeText(b []byte) string {
	s := unicodeText(b)
	if utf8.ValidString(s) {
		return s
	}
	return decodeWith(charmap.Windows1252, []byte(s))
}

// unicodeText is decodeText without the Windows-1252 guess: a vCard names
// its character set per property, so invalid bytes are left for that.
func unicodeText(b []byte) string {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		b = b[3:]
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM), b)
	case looksUTF16(b, 1):
		return decodeWith(unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), b)
	case looksUTF16(b, 0):
		return decodeWith(unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), b)
	}
	return string(b)
}

// checkUTF16 refuses a UTF-16 file (told as unicodeText tells it) that is
// not whole UTF-16: an odd number of bytes, or a surrogate without its
// pair. Decoding would turn the stray byte into U+FFFD and the rest of the
// text could be garbled without a word; a file cut short or spliced is
// better fixed than imported.
func checkUTF16(b []byte) error {
	var order binary.ByteOrder
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		order, b = binary.LittleEndian, b[2:]
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		order, b = binary.BigEndian, b[2:]
	case looksUTF16(b, 1):
		order = binary.LittleEndian
	case looksUTF16(b, 0):
		order = binary.BigEndian
	default:
		return nil
	}
	if len(b)%2 != 0 {
		return fmt.Errorf("%w: the file is UTF-16 but has an odd number of bytes (a stray byte at the end); it may be cut short", ErrFormat)
	}
	for i := 0; i < len(b); i += 2 {
		u := order.Uint16(b[i:])
		switch {
		case u >= 0xD800 && u < 0xDC00:
			if i+2 >= len(b) {
				return fmt.Errorf("%w: the file is UTF-16 but ends inside a character", ErrFormat)
			}
			if v := order.Uint16(b[i+2:]); v < 0xDC00 || v > 0xDFFF {
				return fmt.Errorf("%w: the file is UTF-16 but has a broken character at byte %d", ErrFormat, i)
			}
			i += 2
		case u >= 0xDC00 && u <= 0xDFFF:
			return fmt.Errorf("%w: the file is UTF-16 but has a broken character at byte %d", ErrFormat, i)
		}
	}
	return nil
}

// looksUTF16 reports whether text without a byte order mark is UTF-16:
// ASCII text in UTF-16 has a zero in every other byte (odd bytes for
// little-endian, even ones for big-endian).
func looksUTF16(b []byte, zeroAt int) bool {
	n := min(len(b), 64) &^ 1
	if n < 4 {
		return false
	}
	for i := zeroAt; i < n; i += 2 {
		if b[i] != 0 || b[i^1] == 0 {
			return false
		}
	}
	return true
}

func decodeWith(e encoding.Encoding, b []byte) string {
	out, err := e.NewDecoder().Bytes(b)
	if err != nil {
		// The decoders replace bad input rather than fail; this is only
		// for safety.
		return strings.ToValidUTF8(string(b), "\uFFFD")
	}
	return string(out)
}

// decodeCharset converts b from the named character set (a vCard 2.1
// CHARSET parameter) to UTF-8. An unknown or empty name guesses as
// decodeText does.
func decodeCharset(b []byte, name string) string {
	if name != "" {
		if e, err := htmlindex.Get(name); err == nil {
			if e == encoding.Nop || strings.EqualFold(name, "utf-8") || strings.EqualFold(name, "utf8") {
				if utf8.Valid(b) {
					return string(b)
				}
				return decodeWith(charmap.Windows1252, b)
			}
			return decodeWith(e, b)
		}
	}
	if utf8.Valid(b) {
		return string(b)
	}
	return decodeWith(charmap.Windows1252, b)
}

// clean runs every text field of a record read from a file through the
// sanitisers, whatever reader made it: a field a reader took as it was
// (rotate's own JSON export keeps its text) carries no escape into the
// book. Phone numbers keep digits and punctuation only; one left with no
// digit is dropped and said in Warnings. A record whose name cleans to
// nothing is an error.
func (rec *Record) clean() *RecordError {
	c, dropped := cleanContact(rec.Contact)
	if c.Name == "" {
		return recordErrorf(rec.Num, rec.Line, "a contact without a name")
	}
	rec.Contact = c
	for _, p := range dropped {
		msg := fmt.Sprintf("dropped the phone number %q: it has no digits", p)
		if p == "" {
			msg = "dropped a phone number of control characters only"
		}
		rec.Warnings = append(rec.Warnings, msg)
	}
	emails := make([]string, 0, len(rec.Emails))
	for _, e := range rec.Emails {
		if e = rotation.CleanLine(e); e != "" {
			emails = append(emails, e)
		}
	}
	if rec.Emails != nil {
		rec.Emails = emails
	}
	for i := range rec.Calls {
		rec.Calls[i].Note = rotation.CleanText(rec.Calls[i].Note)
	}
	fus := rec.FollowUps[:0]
	for _, f := range rec.FollowUps {
		if f.Text = rotation.CleanLine(f.Text); f.Text != "" {
			fus = append(fus, f)
		}
	}
	rec.FollowUps = fus
	if d := rec.Draft; d != nil {
		*d = d.Clean()
	}
	return nil
}

// cleanContact is c with every text field sanitised (a copy: the slices
// are new). dropped are the numbers, cleaned as one line, that had no
// digit left and were left out.
func cleanContact(c rotation.Contact) (_ rotation.Contact, dropped []string) {
	c.Name = rotation.CleanLine(c.Name)
	phones := make([]rotation.Phone, 0, len(c.Phones))
	for _, p := range c.Phones {
		num := rotation.CleanPhone(p.Number)
		if num == "" {
			if strings.TrimSpace(p.Number) != "" {
				dropped = append(dropped, rotation.CleanLine(p.Number))
			}
			continue
		}
		phones = append(phones, rotation.Phone{Number: num, Label: rotation.CleanLine(p.Label)})
	}
	if c.Phones != nil {
		c.Phones = phones
	}
	c.Email, c.Company = rotation.CleanLine(c.Email), rotation.CleanLine(c.Company)
	tags := make([]string, 0, len(c.Tags))
	for _, t := range c.Tags {
		if t = rotation.CleanLine(t); t != "" {
			tags = append(tags, t)
		}
	}
	if c.Tags != nil {
		c.Tags = tags
	}
	c.Assignee = rotation.CleanLine(c.Assignee)
	c.Family, c.Occupation = rotation.CleanText(c.Family), rotation.CleanLine(c.Occupation)
	c.Recreation, c.Message = rotation.CleanText(c.Recreation), rotation.CleanText(c.Message)
	return c, dropped
}

// EscapeJSON writes the characters of Unsafe that encoding/json leaves
// raw (DEL, C1 controls, bidi overrides and the like) as \u escapes: the
// same string to a JSON reader, nothing a terminal acts on to a person
// who cats the file. JSON's structure is ASCII, so they can only be in
// strings.
func EscapeJSON(b []byte) []byte {
	clean := true
	for i := 0; i < len(b); i++ {
		if b[i] >= 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r >= 0x7f && rotation.Unsafe(r) && !(r == utf8.RuneError && size == 1) {
			out = fmt.Appendf(out, "\\u%04x", r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
