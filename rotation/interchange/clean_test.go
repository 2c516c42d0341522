package interchange

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	"rotate/rotation"
)

// hostile is text that acts on a terminal: an OSC 52 clipboard write, a
// clear screen, an 8-bit CSI, a bidi override, a C1 control and DEL.
const hostile = "\x1b]52;c;ZXZpbA==\x07\x1b[2J\u009b31m\u202e\u0085\x7f"

// unsafeIn says which field of a record holds a character that can act
// on a terminal ("" for none); multi-line text may keep \n and \t.
func unsafeIn(r Record) string {
	bad := func(s string, multi bool) bool {
		if !utf8.ValidString(s) {
			return true
		}
		for _, c := range s {
			if rotation.Unsafe(c) && !(multi && (c == '\n' || c == '\t')) {
				return true
			}
		}
		return false
	}
	c := r.Contact
	one := map[string]string{"name": c.Name, "email": c.Email, "company": c.Company, "occupation": c.Occupation, "assignee": c.Assignee}
	for i, p := range c.Phones {
		if rotation.CheckPhone(p.Number) != nil {
			return "phone " + p.Number
		}
		one["label "+string(rune('0'+i%10))] = p.Label
	}
	for _, t := range c.Tags {
		one["tag"] = t
		if bad(t, false) {
			return "tag"
		}
	}
	for _, e := range r.Emails {
		if bad(e, false) {
			return "emails"
		}
	}
	for _, f := range r.FollowUps {
		if bad(f.Text, false) {
			return "follow-up"
		}
	}
	for k, v := range one {
		if bad(v, false) {
			return k
		}
	}
	multi := map[string]string{"family": c.Family, "recreation": c.Recreation, "message": c.Message}
	for _, k := range r.Calls {
		multi["call note"] += k.Note
	}
	if d := r.Draft; d != nil {
		multi["draft"] = d.Note + d.FollowUps + d.Next
	}
	for k, v := range multi {
		if bad(v, true) {
			return k
		}
	}
	return ""
}

func TestReadJSONCleansText(t *testing.T) {
	h := strings.NewReplacer("\x1b", `\u001b`, "\x07", `\u0007`, "\x7f", `\u007f`).Replace(hostile)
	in := `{"format":"rotate-book","version":1,"contacts":[` +
		`{"name":"Mal` + h + `lory","phones":[{"number":"+1 555` + h + ` 0100\n; rm -rf ~","label":"mob` + h + `ile"},{"number":"call` + h + ` me"}],` +
		`"email":"m@x` + h + `.example","company":"Ev` + h + `il","tags":["a` + h + `","` + h + `"],"family":"two\nlines` + h + `",` +
		`"calls":[{"ref":1,"at":"2026-11-20T10:00:00Z","note":"note` + h + `\r\nmore"}],` +
		`"followups":[{"text":"ask` + h + `","created":"2026-11-20T10:00:00Z"},{"text":"` + h + `","created":"2026-11-20T10:00:00Z"}],` +
		`"draft":{"note":"half` + h + `","followups":"fu` + h + `","next":"fri` + h + `","updated":"2026-11-21T09:30:00Z"}},` +
		`{"name":"` + h + `"}]}`
	book, errs, err := ReadJSON(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, "without a name") {
		t.Errorf("a name of escapes alone: errors %v, want one without a name", errs)
	}
	if len(book.Records) != 1 {
		t.Fatalf("%d records", len(book.Records))
	}
	r := book.Records[0]
	if f := unsafeIn(r); f != "" {
		t.Fatalf("the %s keeps a control character: %+v", f, r)
	}
	c := r.Contact
	for _, tc := range [][2]string{
		{c.Name, "Mallory"}, {c.Company, "Evil"}, {c.Email, "m@x.example"}, {c.Family, "two\nlines"},
		{r.Calls[0].Note, "note\nmore"}, {r.Draft.Note, "half"}, {r.Draft.Next, "fri"},
	} {
		if tc[0] != tc[1] {
			t.Errorf("got %q, want %q", tc[0], tc[1])
		}
	}
	if len(c.Phones) != 1 || c.Phones[0] != (rotation.Phone{Number: "+1 555 0100", Label: "mobile"}) {
		t.Errorf("phones %q, want only +1 555 0100 (mobile)", c.Phones)
	}
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], `"call me"`) {
		t.Errorf("warnings %q, want one for the number without digits", r.Warnings)
	}
	if len(c.Tags) != 1 || len(r.FollowUps) != 1 {
		t.Errorf("tags %q, follow-ups %+v: the ones of escapes alone should go", c.Tags, r.FollowUps)
	}
}

func TestReadCSVAndVCardCleanText(t *testing.T) {
	csvIn := "name,phone,company,notes\n\"Eve\u202egnp.exe\",\"+1 (555) 0100 x12\u0085\",\"Acme\u009b2J\",\"a\u2066b\"\n" +
		"Nonum,\"ask for Bob\",,\n"
	vcfIn := "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Eve\u202egnp.exe\u009b2J\r\nTEL:+1 555 0100\u2067\r\nTEL:none\r\nEND:VCARD\r\n"
	for _, tc := range []struct {
		name string
		read func() (Book, []*RecordError, error)
	}{
		{"csv", func() (Book, []*RecordError, error) { return ReadCSV(strings.NewReader(csvIn)) }},
		{"vcf", func() (Book, []*RecordError, error) { return ReadVCard(strings.NewReader(vcfIn)) }},
	} {
		book, errs, err := tc.read()
		if err != nil || len(errs) > 0 || len(book.Records) == 0 {
			t.Fatalf("%s: %v %v", tc.name, err, errs)
		}
		r := book.Records[0]
		if f := unsafeIn(r); f != "" {
			t.Errorf("%s: the %s keeps a control character: %+v", tc.name, f, r.Contact)
		}
		if r.Contact.Name != "Evegnp.exe" {
			t.Errorf("%s: name %q", tc.name, r.Contact.Name)
		}
		var warned int
		for _, rec := range book.Records {
			warned += len(rec.Warnings)
		}
		if warned != 1 {
			t.Errorf("%s: %d warnings, want one for the number without digits", tc.name, warned)
		}
	}
}

// TestWritersNeutraliseOldText: a book written by an older version (or by
// psql) may hold escapes; no export carries them raw.
func TestWritersNeutraliseOldText(t *testing.T) {
	c := rotation.Contact{Name: "Mal" + hostile + "lory", Company: "Acme" + hostile, Tier: "A",
		Phones: []rotation.Phone{{Number: "+1 555\n0100" + hostile, Label: "m" + hostile}, {Number: hostile}},
		Tags:   []string{"t" + hostile}, Profile: rotation.Profile{Message: "line\n" + hostile}}
	var csvOut, vcfOut, jsonOut bytes.Buffer
	if err := WriteCSV(&csvOut, []rotation.Contact{c}); err != nil {
		t.Fatal(err)
	}
	if err := WriteVCard(&vcfOut, []rotation.Contact{c}); err != nil {
		t.Fatal(err)
	}
	if err := WriteJSON(&jsonOut, Book{Records: []Record{{Contact: c}}}); err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string]string{"csv": csvOut.String(), "vcf": vcfOut.String(), "json": jsonOut.String()} {
		for _, r := range out {
			if rotation.Unsafe(r) && r != '\n' && r != '\r' {
				t.Errorf("%s export carries %U:\n%q", name, r, out)
				break
			}
		}
	}
	if !strings.Contains(csvOut.String(), "Mallory,+1 555 0100,m,,,,Acme") {
		t.Errorf("csv: %q", csvOut.String())
	}
	// JSON stays faithful, escaped: it reads back, and the reader cleans.
	if !strings.Contains(jsonOut.String(), `\u009b31m\u202e\u0085\u007f`) {
		t.Errorf("json does not keep the text escaped: %s", jsonOut.String())
	}
	book, errs, err := ReadJSON(&jsonOut)
	if err != nil || len(errs) > 0 || book.Records[0].Contact.Name != "Mallory" {
		t.Fatalf("%v %v %+v", err, errs, book)
	}
}
