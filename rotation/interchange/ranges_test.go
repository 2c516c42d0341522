package interchange

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16LE encodes s as UTF-16 little-endian with a byte order mark.
func utf16LE(s string) []byte {
	b := []byte{0xFF, 0xFE}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

// A CSV with old Mac line endings (a lone CR) is read as its rows, not as
// one long header line (issue 12: it imported nothing and said so calmly).
func TestCSVWithOldMacLineEndings(t *testing.T) {
	book, errs, err := ReadCSV(strings.NewReader("name,phone\r\"Ann\rSmith\",+1 555 0100\rBob,+1 555 0101\r"))
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	var names []string
	for _, r := range book.Records {
		names = append(names, r.Contact.Name)
	}
	if got := strings.Join(names, "|"); got != "Ann Smith|Bob" {
		t.Fatalf("names %q", got)
	}
}

// A UTF-16 file with a stray byte or a broken surrogate pair is refused
// as a whole with one line, for CSV and vCard alike.
func TestUTF16WithAStrayByteIsRefused(t *testing.T) {
	csv := utf16LE("name,phone\r\nAnn,+1 555 0100\r\n")
	vcf := utf16LE("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nEND:VCARD\r\n")
	lone := func(b []byte) []byte { // a high surrogate where "A" was
		out := bytes.Clone(b)
		i := bytes.Index(out, []byte{'A', 0})
		out[i], out[i+1] = 0x00, 0xD8
		return out
	}
	noBOM := func(b []byte) []byte { return b[2:] }
	for _, tc := range []struct {
		name string
		read func([]byte) error
		data []byte
	}{
		{"csv odd length", readCSVErr, append(bytes.Clone(csv), 'x')},
		{"csv odd length without a BOM", readCSVErr, append(noBOM(csv), 'x')},
		{"csv lone surrogate", readCSVErr, lone(csv)},
		{"vcf odd length", readVCardErr, append(bytes.Clone(vcf), 0)},
		{"vcf lone surrogate", readVCardErr, lone(vcf)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.read(tc.data)
			if !errors.Is(err, ErrFormat) || strings.Contains(err.Error(), "\n") || !strings.Contains(err.Error(), "UTF-16") {
				t.Fatalf("err = %v; want one line of ErrFormat about UTF-16", err)
			}
		})
	}
	// Whole UTF-16 still reads.
	if err := readCSVErr(csv); err != nil {
		t.Fatal(err)
	}
	if err := readVCardErr(utf16LE("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann 😀\r\nEND:VCARD\r\n")); err != nil {
		t.Fatal(err)
	}
}

func readCSVErr(b []byte) error {
	_, _, err := ReadCSV(bytes.NewReader(b))
	return err
}

func readVCardErr(b []byte) error {
	_, errs, err := ReadVCard(bytes.NewReader(b))
	if err == nil && len(errs) > 0 {
		return errs[0]
	}
	return err
}

// A single-line vCard property longer than maxLine gets the limit a
// folded one gets: the card is refused with its line named.
func TestLongSingleLineVCardProperty(t *testing.T) {
	long := strings.Repeat("x", maxLine+10)
	folded := strings.Repeat("x", 70)
	for _, tc := range []struct{ name, note string }{
		{"one line", long},
		{"folded", strings.Repeat(folded+"\r\n ", maxLine/70+2) + "x"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			data := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ann\r\nNOTE:" + tc.note + "\r\nEND:VCARD\r\nBEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob\r\nEND:VCARD\r\n"
			book, errs, err := ReadVCard(strings.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if len(errs) != 1 || errs[0].Line != 4 || !strings.Contains(errs[0].Msg, "a property longer than") {
				t.Fatalf("errors %v; want one for line 4", errs)
			}
			if len(book.Records) != 1 || book.Records[0].Contact.Name != "Bob" {
				t.Fatalf("records %+v", book.Records)
			}
		})
	}
}

// An export's counts out of range are refused with the record named: a
// count the rules cannot use would panic `log` or wrap negative.
func TestJSONCountsOutOfRange(t *testing.T) {
	for _, tc := range []struct{ field, value, want string }{
		{"attempts", "9223372036854775807", "attempts 9223372036854775807 is out of range (0 to 9999)"},
		{"attempts", "-1", "attempts -1 is out of range"},
		{"step", "2147483648", "step 2147483648 is out of range (0 to 31)"},
		{"step", "-9223372036854775808", "step -9223372036854775808 is out of range"},
	} {
		doc := `{"format": "rotate-book", "version": 1, "contacts": [{"name": "Ann", "rule": "taper 1d 3d", "` + tc.field + `": ` + tc.value + `}]}`
		_, errs, err := ReadJSON(strings.NewReader(doc))
		if err != nil || len(errs) != 1 || !strings.Contains(errs[0].Msg, tc.want) {
			t.Errorf("%s %s: %v %v; want %q", tc.field, tc.value, err, errs, tc.want)
		}
	}
	for _, day := range []string{"0000-01-01", "10000-01-01", "-0001-01-01"} {
		doc := `{"format": "rotate-book", "version": 1, "contacts": [{"name": "Ann", "due": "` + day + `"}]}`
		if _, errs, err := ReadJSON(strings.NewReader(doc)); err != nil || len(errs) != 1 {
			t.Errorf("due %s: %v %v; want the record refused", day, err, errs)
		}
	}
}
