package interchange

import (
	"bytes"
	"errors"
	"maps"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"rotate/rotation"
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
			if f := unsafeIn(r); f != "" {
				t.Fatalf("the %s of %+v holds a control character", f, r)
			}
		}
		checkExports(t, book)
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
			if f := unsafeIn(r); f != "" {
				t.Fatalf("the %s of %+v holds a control character", f, r)
			}
		}
		checkExports(t, book)
		if size, limit := csvOutputLimit(data, book, errs); size > limit {
			t.Fatalf("%d bytes of fields and messages from %d bytes of input; at most %d", size, len(data), limit)
		}
	})
}

// contactTextSize is the bytes of text a record's contact holds: the
// profile, e-mails, phones with their labels, and tags.
func contactTextSize(r Record) int {
	c := r.Contact
	size := len(c.Name) + len(c.Email) + len(c.Company) + len(c.Occupation) + len(c.Family) +
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
	return size
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
		size += contactTextSize(r)
		phones += len(r.Contact.Phones)
	}
	for _, e := range errs {
		size += len(e.Msg)
	}
	return size, 9*len(data) + maxLabel*phones + 64*len(errs) + 1024
}

// FuzzJSON feeds the JSON export reader anything. It must not panic; a
// file it refuses is ErrFormat; what it returns stays within a small
// multiple of the input (jsonOutputLimit); and a book it reads writes
// back as an export that reads to the same book and writes again to the
// same bytes, as an export read into an empty book and exported again is
// the same file.
func FuzzJSON(f *testing.F) {
	f.Add(sample(f, "export.json"))
	f.Add([]byte(`{"format": "rotate-book", "version": 1, "contacts": [`))
	f.Add([]byte("{\"format\": \"rotate-book\",\n \"contacts\": {}}"))
	f.Add([]byte(`{"format":"rotate-book","version":1,"settings":{"capacity":"12"},"cleared_days":["2026-11-20","2026-11-19"],` +
		`"contacts":[{"name":"A","rule":"taper 1d 3d","override":"every 2w","override_until":"2026-12-31","due":"2026-12-01",` +
		`"calls":[{"ref":7,"at":"2026-11-20T10:00:00+01:00","outcome":"no answer","note":"x\u001b[2J"},{"ref":3,"kind":"email"}],` +
		`"followups":[{"text":"t","created_call":3,"resolved_call":7,"resolved":"2026-11-21T00:00:00Z"},{"text":" "}],` +
		`"draft":{"note":"d","updated":"2026-11-21T09:30:00-05:00"}},{"name":3},{"name":"B","status":"gone"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		book, errs, err := ReadJSON(bytes.NewReader(data))
		if err != nil {
			if !errors.Is(err, ErrFormat) {
				t.Fatalf("a refused file's error is not ErrFormat: %v", err)
			}
			return
		}
		if size, limit := jsonOutputLimit(t, data, book, errs); size > limit {
			t.Fatalf("%d bytes of text read from %d bytes of input; at most %d", size, len(data), limit)
		}
		for _, r := range book.Records {
			if f := unsafeIn(r); f != "" {
				t.Fatalf("the %s of %+v holds a control character", f, r)
			}
		}
		checkExports(t, book)
		var first bytes.Buffer
		if err := WriteJSON(&first, book); err != nil {
			t.Fatalf("a book read from a file does not write back: %v", err)
		}
		again, errs, err := ReadJSON(bytes.NewReader(first.Bytes()))
		if err != nil || len(errs) > 0 {
			t.Fatalf("the export written does not read back: %v %v\n%s", err, errs, first.Bytes())
		}
		if want, got := canonicalBook(book), canonicalBook(again); !reflect.DeepEqual(got, want) {
			t.Fatalf("read back\n%+v\nwant\n%+v", got, want)
		}
		var second bytes.Buffer
		if err := WriteJSON(&second, again); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first.Bytes(), second.Bytes()) {
			t.Fatalf("written again differently:\n%s\n---\n%s", second.Bytes(), first.Bytes())
		}
	})
}

// checkExports writes the book's contacts in every format and fails if
// an export carries a character that can act on a terminal.
func checkExports(t *testing.T, book Book) {
	t.Helper()
	var contacts []rotation.Contact
	for _, r := range book.Records {
		contacts = append(contacts, r.Contact)
	}
	var out [3]bytes.Buffer
	if WriteCSV(&out[0], contacts) != nil || WriteVCard(&out[1], contacts) != nil || WriteJSON(&out[2], book) != nil {
		return
	}
	for i, b := range out {
		for _, r := range b.String() {
			if rotation.Unsafe(r) && r != '\n' && r != '\r' {
				t.Fatalf("export %d carries %U", i, r)
			}
		}
	}
}

// canonicalBook is a book as WriteJSON keeps it: records numbered by the
// reader are not numbered, calls are numbered by their position (the
// export's refs) and follow-ups point at those numbers, the cleared days
// are in order, and no settings is an empty set.
func canonicalBook(b Book) Book {
	out := Book{Settings: b.Settings, ClearedDays: slices.Clone(b.ClearedDays)}
	if out.Settings == nil {
		out.Settings = map[string]string{}
	}
	slices.Sort(out.ClearedDays)
	for _, r := range b.Records {
		r.Num, r.Line = 0, 0
		pos := map[int64]int64{}
		r.Calls = slices.Clone(r.Calls)
		for i := range r.Calls {
			pos[r.Calls[i].ID] = int64(i + 1)
			r.Calls[i].ID = int64(i + 1)
		}
		r.FollowUps = slices.Clone(r.FollowUps)
		for i := range r.FollowUps {
			r.FollowUps[i].CreatedCall = pos[r.FollowUps[i].CreatedCall]
			r.FollowUps[i].ResolvedCall = pos[r.FollowUps[i].ResolvedCall]
		}
		out.Records = append(out.Records, r)
	}
	return out
}

// jsonOutputLimit measures the text ReadJSON returned and says how much
// it may be: six times the input, as a byte of invalid UTF-8 becomes
// three of U+FFFD and the e-mail address is kept twice (Email and
// Emails[0]); 64 bytes for each item (record, call, follow-up, phone,
// tag, day, setting, draft, error), each of which takes at least a byte
// of the input, for its fixed text (a call's default kind, an error's
// wording); and a little. It fails the test if there are more items than
// bytes of input.
func jsonOutputLimit(t *testing.T, data []byte, book Book, errs []*RecordError) (size, limit int) {
	items := len(errs) + len(book.ClearedDays) + len(book.Settings)
	for k, v := range book.Settings {
		size += len(k) + len(v)
	}
	for _, r := range book.Records {
		c := r.Contact
		size += contactTextSize(r)
		for _, k := range r.Calls {
			size += len(k.Kind) + len(k.Note) + len(k.Outcome)
		}
		for _, fu := range r.FollowUps {
			size += len(fu.Text)
		}
		if d := r.Draft; d != nil {
			size += len(d.Outcome) + len(d.Note) + len(d.FollowUps) + len(d.Next)
			items++
		}
		items += 1 + len(r.Emails) + len(c.Phones) + len(c.Tags) + len(r.Calls) + len(r.FollowUps)
	}
	for _, e := range errs {
		size += len(e.Msg)
	}
	if items > len(data) {
		t.Fatalf("%d records, calls, follow-ups and other items from %d bytes", items, len(data))
	}
	return size, 6*len(data) + 64*items + 1024
}

// FuzzPhoneKey feeds PhoneKey any number in any region and checks what
// it really promises:
//   - it does not panic, and fewer than five digits give no key;
//   - a key is "+" and digits or digits alone: for a number that starts
//     with "+", "+" and all its digits or a valid E.164 number (7 to 15
//     digits after a calling code); for another, a valid E.164 number or
//     all its digits;
//   - a "+" key is its own key in every region, and the case of the
//     region does not matter;
//   - for a number that starts with a digit or "+", spacing and
//     punctuation after that first character do not change its key, and
//     its key is its own key;
//   - keys of keys settle at once: the key of the key of a key is the
//     key of the key.
//
// The properties hold for the number as PhoneKey reads it (phoneText:
// without a "(0)" and without brackets or spaces before its first digit
// or "+").
func FuzzPhoneKey(f *testing.F) {
	codes := slices.Sorted(maps.Keys(regions))
	for _, name := range []string{"contacts-2.1.vcf", "contacts-3.0.vcf", "contacts-4.0.vcf", "bad.vcf"} {
		book, _, _ := ReadVCard(bytes.NewReader(sample(f, name)))
		addPhoneSeeds(f, codes, book)
	}
	for _, name := range []string{"google.csv", "google-utf16.csv", "outlook.csv", "outlook-web.csv", "plain.csv"} {
		book, _, _ := ReadCSV(bytes.NewReader(sample(f, name)))
		addPhoneSeeds(f, codes, book)
	}
	for _, s := range []struct{ number, region string }{
		{"030 1234567", "DE"}, {"(030) 123-4567", "DE"}, {"0049 30 1234567", "DE"}, {"(0049) 30 1234567", "DE"},
		{"+49 (0)30 1234567", "DE"}, {"415.555.0134", "US"}, {"011 44 20 7946 0018", "US"}, {"+99 999 999", ""},
		{"(00)1234567890123", "DE"}, {"ext. 42", ""}, {" \u00a0+1 415 555 0134", "CA"}, {"0800 ১২৩ 4567", "GB"},
	} {
		f.Add(s.number, uint16(slices.Index(codes, s.region)))
	}
	f.Fuzz(func(t *testing.T, number string, r uint16) {
		region := ""
		if int(r) < len(codes) {
			region = codes[r]
		}
		key := PhoneKey(number, region)
		trimmed := phoneText(number)
		all := digits(trimmed)
		if len(all) < 5 {
			if key != "" {
				t.Fatalf("PhoneKey(%q, %q) = %q; fewer than five digits have no key", number, region, key)
			}
			return
		}
		plain, plus := strings.CutPrefix(key, "+")
		if plain == "" || digits(plain) != plain {
			t.Fatalf("PhoneKey(%q, %q) = %q, not + and digits or digits", number, region, key)
		}
		switch {
		case plus && !strings.HasPrefix(trimmed, "+") && (len(plain) < 7 || len(plain) > 15 || !hasCallingCode(plain)):
			t.Fatalf("PhoneKey(%q, %q) = %q, not a valid E.164 number", number, region, key)
		case plus && strings.HasPrefix(trimmed, "+") && plain != all:
			t.Fatalf("PhoneKey(%q, %q) = %q, not + and the number's digits %q", number, region, key, all)
		case !plus && plain != all:
			t.Fatalf("PhoneKey(%q, %q) = %q, not the number's digits %q", number, region, key, all)
		}
		if plus {
			for _, other := range []string{region, "", "US", "DE", "GB"} {
				if again := PhoneKey(key, other); again != key {
					t.Fatalf("PhoneKey(%q, %q) = %q, the key of %q in %q", key, other, again, number, region)
				}
			}
		}
		if lower := PhoneKey(number, strings.ToLower(region)); lower != key {
			t.Fatalf("PhoneKey(%q, %q) = %q but %q in %q", number, strings.ToLower(region), lower, key, region)
		}
		if trimmed != "" && (trimmed[0] == '+' || trimmed[0] >= '0' && trimmed[0] <= '9') {
			bare := trimmed[:1] + digits(trimmed[1:])
			if got := PhoneKey(bare, region); got != key {
				t.Fatalf("PhoneKey(%q, %q) = %q but PhoneKey(%q) = %q", bare, region, got, number, key)
			}
			if again := PhoneKey(key, region); again != key {
				t.Fatalf("PhoneKey(%q, %q) = %q, not its own key (the key of %q)", key, region, again, number)
			}
		}
		twice := PhoneKey(key, region)
		if thrice := PhoneKey(twice, region); thrice != twice {
			t.Fatalf("keys of %q in %q do not settle: %q, %q, %q", number, region, key, twice, thrice)
		}
	})
}

// addPhoneSeeds adds every phone number of a book to a phone key fuzz
// corpus, in the United States and in no region.
func addPhoneSeeds(f *testing.F, codes []string, book Book) {
	for _, r := range book.Records {
		for _, p := range r.Contact.Phones {
			f.Add(p.Number, uint16(slices.Index(codes, "US")))
			f.Add(p.Number, uint16(255))
		}
	}
}
