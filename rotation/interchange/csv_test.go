package interchange

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"

	"rotate/rotation"
)

func TestReadCSVSamples(t *testing.T) {
	tests := []struct {
		file string
		want []want
	}{
		{"google.csv", []want{{
			Name: "Maria Rossi", Email: "maria@rossi.example", Emails: []string{"maria@rossi.example"},
			Company: "Rossi Immobiliare", Occupation: "Owner", Birthday: "1979-02-14",
			Message: "Two kids, Luca and Giulia.\nLoves the opera.", Tags: []string{"Clients", "VIP"},
			Phones: phones{ph("+39 347 123 4567", "mobile"), ph("+39 347 765 4321", "mobile"), ph("+39 06 555 0101", "work")},
		}, {
			Name: "Tom Baker", Email: "tom.baker@example.com", Emails: []string{"tom.baker@example.com", "tb@example.org"},
			Birthday: "1604-07-04", Phones: phones{ph("(617) 555-0199", "home")},
		}, {
			Name: "Northwind Traders", Company: "Northwind Traders", Phones: phones{ph("+1 206 555 0150", "main")},
		}}},
		{"google-utf16.csv", []want{{
			Name: "Åsa Lindqvist", Email: "asa@lindqvist.example", Emails: []string{"asa@lindqvist.example"},
			Company: "Lindqvist & Söner AB", Occupation: "CEO", Birthday: "1982-11-30", Recreation: "Cross-country skiing",
			Tags: []string{"Prospects"}, Phones: phones{ph("+46 70 123 45 67", "mobile")},
		}, {
			Name: "Ngozi Okafor", Message: "Referred by Åsa.",
			Phones: phones{ph("+234 803 555 0123", "work"), ph("+234 1 555 0199", "home")},
		}}},
		{"outlook.csv", []want{{
			Name: "François Lefèvre", Email: "f.lefevre@lefevre-conseil.example", Emails: []string{"f.lefevre@lefevre-conseil.example"},
			Company: "Lefèvre Conseil", Occupation: "Associé", Birthday: "1970-06-15", Family: "Amélie",
			Message: "Déjeuner trimestriel – préfère le jeudi.\nAsk about the Lyon office.", Tags: []string{"Clients", "Paris"},
			// The primary phone comes first; it repeats the business phone.
			Phones: phones{ph("+33 1 55 55 01 23", "work"), ph("+33 6 12 34 56 78", "mobile")},
		}, {
			Name: "Jürgen Weiß", Email: "jw@weiss-mb.example", Emails: []string{"jw@weiss-mb.example"},
			Company: "Weiß Maschinenbau", Recreation: "Fußball",
			Phones: phones{ph("+49 711 555 0100", "work"), ph("0711 555 0177", "home")},
		}}},
		{"outlook-web.csv", []want{{
			Name: "Priya Raman", Email: "priya.raman@example.in", Emails: []string{"priya.raman@example.in"},
			Company: "Raman & Iyer LLP", Occupation: "Partner", Birthday: "1986-01-26", Message: "Diwali card every year.",
			Phones: phones{ph("+91 80 5550 1234", "work"), ph("+91 98765 43210", "mobile")},
		}}},
		{"plain.csv", []want{
			{Name: "Ada Lovelace", Phones: phones{ph("+44 20 7946 0018", "")}, Email: "ada@analytical.example", Emails: []string{"ada@analytical.example"},
				Company: "Analytical Engines Ltd", Tier: "A", Rule: "every 30d"},
			{Name: "Grace Hopper", Phones: phones{ph("+1 202 555 0111", "")}, Email: "grace@navy.example", Emails: []string{"grace@navy.example"},
				Company: "US Navy", Tier: "A"},
			{Name: "Alan Turing", Phones: phones{ph("+44 161 496 0000", "")}, Company: "Bletchley Park", Tier: "B", Rule: "every 2m"},
			{Name: "Edsger Dijkstra", Phones: phones{ph("+31 20 555 0123", "")}, Email: "edsger@example.nl", Emails: []string{"edsger@example.nl"}, Tier: "C"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			book, errs, err := ReadCSV(bytes.NewReader(sample(t, tt.file)))
			if err != nil || len(errs) > 0 {
				t.Fatalf("ReadCSV: %v %v", err, errs)
			}
			checkRecords(t, book.Records, tt.want)
		})
	}
}

func TestReadCSVErrors(t *testing.T) {
	book, errs, err := ReadCSV(bytes.NewReader(sample(t, "bad.csv")))
	if err != nil {
		t.Fatal(err)
	}
	checkRecords(t, book.Records, []want{{Name: "Good Person", Phones: phones{ph("+1 202 555 0100", "")},
		Email: "good@example.com", Emails: []string{"good@example.com"}, Tier: "A"}})
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	wantMsgs := []string{
		`record 2 (line 3): unknown tier "Z"; use A, B or C`,
		`record 3 (line 5): extraneous or missing " in quoted-field`,
	}
	if !reflect.DeepEqual(msgs, wantMsgs) {
		t.Errorf("errors\n%q\nwant\n%q", msgs, wantMsgs)
	}
}

func TestReadCSVDetails(t *testing.T) {
	tests := []struct {
		name, in string
		want     []want
		errs     []string
	}{
		{"semicolons (Outlook in Europe)", "Vorname;Nachname;First Name;Last Name;Mobile Phone\n;;Eva;Berg;0171 555 0101\n",
			[]want{{Name: "Eva Berg", Phones: phones{ph("0171 555 0101", "mobile")}}}, nil},
		{"tabs and quoted newlines", "name\tnotes\n\"Al\"\t\"line 1\nline 2\"\n",
			[]want{{Name: "Al", Message: "line 1\nline 2"}}, nil},
		{"headers in any case, BOM", "\uFEFFNAME,E-Mail,Phone Number\nBea,bea@x.example,555 0100 11\n",
			[]want{{Name: "Bea", Email: "bea@x.example", Emails: []string{"bea@x.example"}, Phones: phones{ph("555 0100 11", "")}}}, nil},
		{"numbered phones and labels", "name,phone,phone label,phone 2,phone 2 label\nCy,1 555 0100 01,work,1 555 0100 02,Assistant\n",
			[]want{{Name: "Cy", Phones: phones{ph("1 555 0100 01", "work"), ph("1 555 0100 02", "Assistant")}}}, nil},
		{"same number twice", "name,mobile,phone\nDi,555-0100-12,555 0100 12\n",
			[]want{{Name: "Di", Phones: phones{ph("555 0100 12", "mobile")}}}, nil},
		{"birthdays", "name,birthday\nA,12.04.1985\nB,4/12/85\nC,0/0/00\nD,19850412\n",
			[]want{{Name: "A", Birthday: "1985-04-12"}, {Name: "B", Birthday: "1985-04-12"}, {Name: "C"}, {Name: "D", Birthday: "1985-04-12"}}, nil},
		{"due and every", "name,every,due\nE,taper 1d 3d 7d,2026-12-01\n",
			[]want{{Name: "E", Rule: "taper 1d 3d 7d"}}, nil},
		{"bad rule", "name,every\nF,every blue moon\n", nil,
			[]string{`record 1 (line 2): bad cadence rule "every blue moon"`}},
		{"bad due", "name,due\nG,tomorrow\n", nil, []string{`record 1 (line 2): due: "tomorrow" is not a date of the form YYYY-MM-DD`}},
		{"too many fields", "name,phone\nH,1,extra\n", nil, []string{"record 1 (line 2): 3 fields, but the header names 2"}},
		{"empty rows are skipped", "name\n\n,\nI\n", []want{{Name: "I"}}, nil},
		{"no name", "name,phone\n,555 0100 13\n", nil, []string{"record 1 (line 2): no name, company or e-mail to call the contact by"}},
		{"e-mail as the name", "email\nj@x.example\n", []want{{Name: "j@x.example", Email: "j@x.example", Emails: []string{"j@x.example"}}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			book, errs, err := ReadCSV(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var msgs []string
			for _, e := range errs {
				msgs = append(msgs, e.Error())
			}
			if len(msgs) != len(tt.errs) {
				t.Fatalf("errors %q, want %q", msgs, tt.errs)
			}
			for i := range msgs {
				if !strings.HasPrefix(msgs[i], tt.errs[i]) {
					t.Errorf("error %q, want %q…", msgs[i], tt.errs[i])
				}
			}
			checkRecords(t, book.Records, tt.want)
		})
	}
}

func TestReadCSVNotContacts(t *testing.T) {
	for _, in := range []string{"", "date,amount\n2026-01-01,12\n", "\"unterminated\n"} {
		_, _, err := ReadCSV(strings.NewReader(in))
		if !errors.Is(err, ErrFormat) {
			t.Errorf("ReadCSV(%q) = %v, want ErrFormat", in, err)
		}
	}
}

func TestCSVRoundTrip(t *testing.T) {
	contacts := []rotation.Contact{{
		Name: "Ada Lovelace", Phones: phones{ph("+44 20 7946 0018", "work"), ph("+44 7700 900123", "mobile")},
		Email: "ada@example.com", Company: "Analytical, Ltd", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: rotation.MustDate("2026-12-01")},
		Birthday: rotation.NewDate(NoYear, 12, 10), Tags: []string{"vip", "math"},
		Profile: rotation.Profile{Family: "Lord Byron's daughter", Occupation: "Mathematician", Recreation: "Horses", Message: "Notes on the engine.\n\"G\" table."},
	}, {Name: "Bo", Tier: "C"}}
	var buf bytes.Buffer
	if err := WriteCSV(&buf, contacts); err != nil {
		t.Fatal(err)
	}
	book, errs, err := ReadCSV(&buf)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	for i, c := range contacts {
		got := book.Records[i].Contact
		if !reflect.DeepEqual(got, c) {
			t.Errorf("contact %d:\n got %+v\nwant %+v", i, got, c)
		}
	}
}
