package interchange

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"rotate/rotation"
)

// sample opens a file of the package's testdata/import folder.
func sample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "import", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

type phones = []rotation.Phone

func ph(number, label string) rotation.Phone { return rotation.Phone{Number: number, Label: label} }

// want is the part of a record a table test checks.
type want struct {
	Name, Email, Company, Occupation, Message, Family, Recreation string
	Phones                                                        phones
	Emails                                                        []string
	Birthday                                                      string
	Tags                                                          []string
	Tier, Rule                                                    string
}

func summary(r Record) want {
	c := r.Contact
	w := want{Name: c.Name, Email: c.Email, Company: c.Company, Occupation: c.Occupation,
		Message: c.Message, Family: c.Family, Recreation: c.Recreation, Phones: c.Phones,
		Emails: r.Emails, Birthday: c.Birthday.String(), Tags: c.Tags, Tier: c.Tier}
	if !c.Rule.IsZero() {
		w.Rule = c.Rule.String()
	}
	return w
}

func checkRecords(t *testing.T, got []Record, want []want) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d records, want %d: %+v", len(got), len(want), got)
	}
	for i := range want {
		if g := summary(got[i]); !reflect.DeepEqual(g, want[i]) {
			t.Errorf("record %d:\n got %+v\nwant %+v", i+1, g, want[i])
		}
	}
}

func TestReadVCardSamples(t *testing.T) {
	tests := []struct {
		file string
		want []want
	}{
		{"contacts-2.1.vcf", []want{{
			Name: "Jürgen Müller", Email: "juergen.mueller@example.de", Emails: []string{"juergen.mueller@example.de"},
			Company: "Müller & Söhne GmbH, Vertrieb", Occupation: "Geschäftsführer",
			Phones:   phones{ph("+49 171 2345678", "mobile"), ph("+49 30 1234567", "work"), ph("030 7654321", "home")},
			Birthday: "1968-03-04", Message: "Spricht gern über Segeln am Wannsee.\nTöchter: Anna und Lena; beide studieren.",
		}, {
			Name: "Gräte Schröder", Email: "graete@schroeder-bau.example", Emails: []string{"graete@schroeder-bau.example"},
			Company: "Schr;der Bau", Occupation: "Bauleiter Süd",
			Phones:  phones{ph("+49 89 5550199", "work fax"), ph("+49 89 5550100", "work")},
			Message: "Long note written over a folded line, the blank kept as vCard 2.1 does.",
		}}},
		{"contacts-3.0.vcf", []want{{
			Name: "Jane Doe", Email: "jane.doe@acme.example", Emails: []string{"jane.doe@acme.example", "jane@home.example"},
			Company: "Acme Corp., R&D", Occupation: "Chief Financial Officer",
			Phones: phones{ph("+1 (415) 555-0134", "mobile"), ph("+1 415 555 0100", "work"),
				ph("+1 415 555 0177", "Assistant Mary"), ph("+1 415 555 0188", "main")},
			Birthday: "1975-09-21", Message: "Met at the CFO forum, Chicago.\nAsk about the daughter's ballet recital.",
			Tags: []string{"Clients", "Golf"},
		}, {
			Name: "Liam O'Brien", Email: "liam@harbour.example", Emails: []string{"liam@harbour.example"},
			Company: "Harbour Logistics", Phones: phones{ph("(212) 555-0143", "work")},
		}}},
		{"contacts-4.0.vcf", []want{{
			Name: "Sofía Martínez", Email: "sofia@martinez-asesores.example", Emails: []string{"sofia@martinez-asesores.example"},
			Company: "Martínez Asesores",
			Phones:  phones{ph("+34-612-345-678", "mobile"), ph("+34-91-555-0123 ext. 42", "work")},
			// No year: kept in NoYear.
			Birthday: "1604-04-12", Message: "Prefers calls after 4 pm (Madrid).",
		}, {
			Name: "Chen Wei", Phones: phones{ph("+86 138 0013 8000", "mobile")},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			book, errs, err := ReadVCard(bytes.NewReader(sample(t, tt.file)))
			if err != nil || len(errs) > 0 {
				t.Fatalf("ReadVCard: %v %v", err, errs)
			}
			checkRecords(t, book.Records, tt.want)
			for i, r := range book.Records {
				if r.Num != i+1 || r.Line < 1 {
					t.Errorf("record %d: num %d line %d", i+1, r.Num, r.Line)
				}
			}
		})
	}
}

func TestReadVCardDetails(t *testing.T) {
	tests := []struct {
		name, in string
		want     []want
		errs     []string
	}{
		{"folded 3.0 line drops the blank", "BEGIN:VCARD\nVERSION:3.0\nFN:Ann\n  Lee\nEND:VCARD\n",
			[]want{{Name: "Ann Lee"}}, nil},
		{"tab folding", "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Bo\r\n\tb\r\nEND:VCARD\r\n", []want{{Name: "Bob"}}, nil},
		{"bare types and pref", "BEGIN:VCARD\nVERSION:2.1\nN:Roe;Rick\nTEL;HOME:1 555 000 0001\nTEL;CELL;PREF:1 555 000 0002\nEND:VCARD\n",
			[]want{{Name: "Rick Roe", Phones: phones{ph("1 555 000 0002", "mobile"), ph("1 555 000 0001", "home")}}}, nil},
		{"quoted-printable soft breaks", "BEGIN:VCARD\nVERSION:2.1\nFN;ENCODING=QUOTED-PRINTABLE;CHARSET=UTF-8:Zo=C3=\n=AB Smit=\nh\nEND:VCARD\n",
			[]want{{Name: "Zoë Smith"}}, nil},
		{"bare QUOTED-PRINTABLE, latin-1", "BEGIN:VCARD\nVERSION:2.1\nFN;QUOTED-PRINTABLE;CHARSET=ISO-8859-1:Andr=E9\nEND:VCARD\n",
			[]want{{Name: "André"}}, nil},
		{"windows-1252 bytes without a charset", "BEGIN:VCARD\nVERSION:2.1\nFN:Fran\xe7ois\nEND:VCARD\n",
			[]want{{Name: "François"}}, nil},
		{"escapes of 3.0", `BEGIN:VCARD
VERSION:3.0
FN:A\, B\; C\\D
NOTE:one\ntwo\Nthree
ORG:X\;Y;Dept
END:VCARD
`, []want{{Name: `A, B; C\D`, Message: "one\ntwo\nthree", Company: "X;Y, Dept"}}, nil},
		{"name from N with prefix", "BEGIN:VCARD\nVERSION:3.0\nN:Doe;John;Paul;Dr.;Jr.\nEND:VCARD\n",
			[]want{{Name: "Dr. John Paul Doe Jr."}}, nil},
		{"organisation as the name", "BEGIN:VCARD\nVERSION:3.0\nORG:Acme\nTEL:555 0100 77\nEND:VCARD\n",
			[]want{{Name: "Acme", Company: "Acme", Phones: phones{ph("555 0100 77", "")}}}, nil},
		{"rotate's own properties", "BEGIN:VCARD\nVERSION:4.0\nFN:Kim\nX-ROTATE-TIER:a\nX-ROTATE-EVERY:every 2w\nX-ROTATE-FAMILY:wife Sue\nEND:VCARD\n",
			[]want{{Name: "Kim", Tier: "A", Rule: "every 2w", Family: "wife Sue"}}, nil},
		{"photo dropped", "BEGIN:VCARD\nVERSION:3.0\nFN:Pic\nPHOTO;ENCODING=b;TYPE=JPEG:AAAA\n BBBB\nEND:VCARD\n",
			[]want{{Name: "Pic"}}, nil},
		{"control characters dropped", "BEGIN:VCARD\nVERSION:3.0\nFN:Eve\x1b[31m\nEND:VCARD\n",
			[]want{{Name: "Eve"}}, nil},
		{"no name", "BEGIN:VCARD\nVERSION:3.0\nTEL:555 0100 88\nEND:VCARD\nBEGIN:VCARD\nVERSION:3.0\nFN:Ok\nEND:VCARD\n",
			[]want{{Name: "Ok"}}, []string{"record 1 (line 1): the card has no name (FN or N)"}},
		{"not a property", "BEGIN:VCARD\nVERSION:3.0\nFN:X\ngarbage\nEND:VCARD\n",
			nil, []string{`record 1 (line 4): "garbage" is not a vCard property (NAME:value)`}},
		{"missing END", "BEGIN:VCARD\nVERSION:3.0\nFN:X\nBEGIN:VCARD\nVERSION:3.0\nFN:Y\nEND:VCARD\n",
			[]want{{Name: "Y"}}, []string{"record 1 (line 1): no END:VCARD before the next BEGIN:VCARD (line 4)"}},
		{"missing END at the end", "BEGIN:VCARD\nVERSION:3.0\nFN:X\n",
			nil, []string{"record 1 (line 1): the card has no END:VCARD"}},
		{"bad birthday", "BEGIN:VCARD\nVERSION:3.0\nFN:X\nBDAY:someday\nEND:VCARD\n",
			nil, []string{`record 1 (line 4): birthday "someday" is not a date (use YYYY-MM-DD)`}},
		{"text between cards", "BEGIN:VCARD\nVERSION:3.0\nFN:A\nEND:VCARD\nhello\nBEGIN:VCARD\nVERSION:3.0\nFN:B\nEND:VCARD\n",
			[]want{{Name: "A"}, {Name: "B"}}, []string{"record 2 (line 5): text outside BEGIN:VCARD … END:VCARD"}},
		{"utf-16", "\xff\xfeB\x00E\x00G\x00I\x00N\x00:\x00V\x00C\x00A\x00R\x00D\x00\n\x00F\x00N\x00:\x00U\x00\n\x00E\x00N\x00D\x00:\x00V\x00C\x00A\x00R\x00D\x00\n\x00",
			[]want{{Name: "U"}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			book, errs, err := ReadVCard(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, e := range errs {
				msgs = append(msgs, e.Error())
			}
			if !reflect.DeepEqual(msgs, tt.errs) {
				t.Errorf("errors %q, want %q", msgs, tt.errs)
			}
			checkRecords(t, book.Records, tt.want)
		})
	}
}

func TestReadVCardNotVCard(t *testing.T) {
	for _, in := range []string{"", "name,phone\nAnn,555\n", "\x00\x01\x02"} {
		if _, _, err := ReadVCard(strings.NewReader(in)); err == nil {
			t.Errorf("ReadVCard(%q) = nil error", in)
		}
	}
}

// TestVCardRoundTrip writes contacts as vCard 4.0 and reads them back:
// every field the importer knows comes back unchanged.
// TestReadVCardTZ: a zone name in TZ is the contact's zone; an offset
// (vCard 3's default form) or a name that is no zone is left out, and the
// card still reads.
func TestReadVCardTZ(t *testing.T) {
	for tz, want := range map[string]string{
		"Europe/Berlin": "Europe/Berlin", "america/new_york": "America/New_York",
		"-05:00": "", "VALUE=utc-offset:-0500": "", "Mars/Olympus": "",
	} {
		line := "TZ:" + tz
		if strings.HasPrefix(tz, "VALUE=") {
			line = "TZ;" + tz
		}
		card := "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Zoe Zone\r\n" + line + "\r\nEND:VCARD\r\n"
		book, errs, err := ReadVCard(strings.NewReader(card))
		if err != nil || len(errs) > 0 || len(book.Records) != 1 {
			t.Fatalf("%s: %v %v", tz, err, errs)
		}
		if got := book.Records[0].Contact.TZ; got != want {
			t.Errorf("TZ %s: %q, want %q", tz, got, want)
		}
	}
}

func TestVCardRoundTrip(t *testing.T) {
	contacts := []rotation.Contact{{
		Name: "Jürgen Müller-Lüdenscheidt", Email: "j@example.de", Company: "Müller, Söhne; Partner",
		Phones: phones{ph("+49 171 2345678", "mobile"), ph("+49 30 1234567", "work fax"), ph("+49 30 7", "Assistant's line"), ph("555 0199 00", "")},
		Tier:   "A", Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d")}, Birthday: rotation.MustDate("1968-03-04"),
		Tags:    []string{"Clients", "Golf club"},
		Profile: rotation.Profile{Family: "Wife Heike;\ntwo daughters", Occupation: "Geschäftsführer", Recreation: "Sailing, golf", Message: `A long note that goes on and on past the seventy-five octets of a line, with "quotes", back\slashes and a second line.` + "\nSecond line."},
	}, {
		Name: "Chen Wei", Birthday: rotation.NewDate(NoYear, 4, 12), Tier: "C", Schedule: rotation.Schedule{Rule: rotation.MustRule("weekly fri")},
		TZ: "Asia/Shanghai",
	}}
	var buf bytes.Buffer
	if err := WriteVCard(&buf, contacts); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(strings.TrimSuffix(buf.String(), "\r\n"), "\r\n") {
		if len(line) > 75 || strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d is %d octets or holds a line break: %q", i+1, len(line), line)
		}
	}
	book, errs, err := ReadVCard(&buf)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	if len(book.Records) != len(contacts) {
		t.Fatalf("read %d records", len(book.Records))
	}
	for i, c := range contacts {
		got := book.Records[i].Contact
		if !reflect.DeepEqual(got, c) {
			t.Errorf("contact %d:\n got %+v\nwant %+v", i, got, c)
		}
	}
}
