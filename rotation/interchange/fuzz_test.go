package interchange

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzVCard feeds the pre-pass and the decoder anything: they must not
// panic, every card the pre-pass makes must be lines go-vcard reads
// whole, and the output may not grow beyond a small multiple of the input
// (no runaway memory).
func FuzzVCard(f *testing.F) {
	for _, name := range []string{"contacts-2.1.vcf", "contacts-3.0.vcf", "contacts-4.0.vcf", "bad.vcf"} {
		f.Add(sample(f, name))
	}
	f.Add([]byte("BEGIN:VCARD\nVERSION:2.1\nNOTE;QUOTED-PRINTABLE:=\n=\n=\nEND:VCARD\n"))
	f.Add([]byte("BEGIN:VCARD\nFN;TYPE=\"a;b:c\":x\\;y\\\\;z\nEND:VCARD"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cards, _ := prepass(unicodeText(data))
		total := 0
		for _, c := range cards {
			total += len(c.text)
			for _, line := range strings.Split(strings.TrimSuffix(c.text, "\r\n"), "\r\n") {
				if !looksLikeProperty(line) || strings.ContainsAny(line, "\r\n") {
					t.Fatalf("pre-pass line %q", line)
				}
			}
		}
		if total > 8*len(data)+64*len(cards)+64 {
			t.Fatalf("%d bytes of cards from %d bytes", total, len(data))
		}
		book, _, _ := ReadVCard(bytes.NewReader(data))
		for _, r := range book.Records {
			if r.Contact.Name == "" || !utf8.ValidString(r.Contact.Name) || strings.ContainsAny(r.Contact.Name, "\x00\r\n\x1b") {
				t.Fatalf("bad name %q", r.Contact.Name)
			}
		}
	})
}

// FuzzCSV feeds the CSV reader anything: no panic, every record it returns
// has a clean name, and what it returns stays within a small multiple of
// the input (csvOutputLimit), so no file can make it run away with memory.
func FuzzCSV(f *testing.F) {
	for _, name := range []string{"google.csv", "google-utf16.csv", "outlook.csv", "outlook-web.csv", "plain.csv", "bad.csv"} {
		f.Add(sample(f, name))
	}
	f.Add([]byte("name;phone\n\"a\"\"b\";\"1 ::: 2 ::: \"\n"))
	f.Add([]byte("Name,Phone 1 - Label,Phone 1 - Value,E-mail 1 - Value,Labels\nx,Mobile,1:::2:::3,\x80@x:::\x80@x,a,b,c\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		book, errs, err := ReadCSV(bytes.NewReader(data))
		if err != nil {
			return
		}
		if len(book.Records)+len(errs) > len(data) {
			t.Fatalf("%d records from %d bytes", len(book.Records)+len(errs), len(data))
		}
		for _, r := range book.Records {
			if r.Contact.Name == "" || !utf8.ValidString(r.Contact.Name) || strings.ContainsAny(r.Contact.Name, "\x00\r\n\x1b") {
				t.Fatalf("bad name %q", r.Contact.Name)
			}
		}
		if size, limit := csvOutputLimit(data, book, errs); size > limit {
			t.Fatalf("%d bytes of fields and messages from %d bytes of input; at most %d", size, len(data), limit)
		}
	})
}

// csvOutputLimit measures what ReadCSV returned, every field of every
// record and every error message, and says how much it may be: nine times
// the input, as a cell may be kept three times (an e-mail address is
// Email, Emails[0] and, without a name, Name) and Windows-1252 turns a
// byte into up to three of UTF-8; plus the label each phone number may
// carry (a column's label goes to each of its numbers), the fixed text of
// each error message, and a little.
func csvOutputLimit(data []byte, book Book, errs []*RecordError) (size, limit int) {
	phones := 0
	for _, r := range book.Records {
		c := r.Contact
		size += len(c.Name) + len(c.Email) + len(c.Company) + len(c.Occupation) + len(c.Family) +
			len(c.Recreation) + len(c.Message)
		for _, e := range r.Emails {
			size += len(e)
		}
		for _, p := range c.Phones {
			size += len(p.Number) + len(p.Label)
		}
		for _, tag := range c.Tags {
			size += len(tag)
		}
		phones += len(c.Phones)
	}
	for _, e := range errs {
		size += len(e.Msg)
	}
	return size, 9*len(data) + maxLabel*phones + 64*len(errs) + 1024
}
