package interchange

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"rotate/rotation"
)

// field is what a CSV column holds.
type field int

const (
	fIgnore field = iota
	fName
	fGiven
	fMiddle
	fFamilyName
	fSuffix
	fFileAs
	fCompany
	fJobTitle
	fEmail
	fPhone
	fPhoneLabel
	fBirthday
	fNotes
	fMessage
	fTags
	fTier
	fEvery
	fDue
	fFamily
	fRecreation
)

// column is the meaning of one CSV column: a field, and for phones the
// label its numbers get and which numbered phone it is (Google's "Phone 2
// - Value" pairs with "Phone 2 - Label").
type column struct {
	field field
	label string
	n     int
}

// aliases maps header names, folded by headerKey (lower case, letters and
// digits only), to columns. It covers Google Contacts' current export
// (First Name, Phone 1 - Label, Labels ...), its older one (Given Name,
// Phone 1 - Type, Group Membership ...), Outlook's desktop and web exports
// (Business Phone, Mobile Phone, E-mail Address, Categories ...) and a
// plain file with name, phone, email, company, tier and every. Numbered
// phones and e-mails are matched by numberedHeader.
var aliases = map[string]column{
	"name": {field: fName}, "fullname": {field: fName}, "displayname": {field: fName},
	"contact": {field: fName}, "contactname": {field: fName},
	"firstname": {field: fGiven}, "givenname": {field: fGiven}, "first": {field: fGiven},
	"middlename": {field: fMiddle}, "additionalname": {field: fMiddle},
	"lastname": {field: fFamilyName}, "familyname": {field: fFamilyName}, "surname": {field: fFamilyName}, "last": {field: fFamilyName},
	"suffix": {field: fSuffix}, "namesuffix": {field: fSuffix},
	"fileas":  {field: fFileAs},
	"company": {field: fCompany}, "companyname": {field: fCompany}, "organization": {field: fCompany},
	"organisation": {field: fCompany}, "organizationname": {field: fCompany}, "organization1name": {field: fCompany},
	"org":      {field: fCompany},
	"jobtitle": {field: fJobTitle}, "organizationtitle": {field: fJobTitle}, "organization1title": {field: fJobTitle},
	"occupation": {field: fJobTitle}, "position": {field: fJobTitle}, "profession": {field: fJobTitle},
	"birthday": {field: fBirthday}, "birthdate": {field: fBirthday}, "bday": {field: fBirthday},
	"dateofbirth": {field: fBirthday}, "dob": {field: fBirthday},
	"notes": {field: fNotes}, "note": {field: fNotes},
	"message": {field: fMessage},
	"labels":  {field: fTags}, "groupmembership": {field: fTags}, "categories": {field: fTags},
	"tags": {field: fTags}, "tag": {field: fTags}, "groups": {field: fTags},
	"tier":  {field: fTier},
	"every": {field: fEvery}, "cadence": {field: fEvery}, "rule": {field: fEvery}, "frequency": {field: fEvery},
	"due": {field: fDue}, "nextcall": {field: fDue},
	"family": {field: fFamily}, "spouse": {field: fFamily},
	"recreation": {field: fRecreation}, "hobby": {field: fRecreation}, "hobbies": {field: fRecreation},
	"interests": {field: fRecreation},

	// Outlook names its phone columns by kind.
	"businessphone": {fPhone, "work", 101}, "businessphone2": {fPhone, "work", 102},
	"homephone": {fPhone, "home", 103}, "homephone2": {fPhone, "home", 104},
	"mobilephone": {fPhone, "mobile", 105}, "mobile": {fPhone, "mobile", 105}, "cell": {fPhone, "mobile", 105},
	"cellphone": {fPhone, "mobile", 105}, "mobilenumber": {fPhone, "mobile", 105},
	"workphone": {fPhone, "work", 101}, "otherphone": {fPhone, "other", 106}, "primaryphone": {fPhone, "", 100},
	"carphone": {fPhone, "car", 107}, "companymainphone": {fPhone, "company", 108},
	"assistantsphone": {fPhone, "assistant", 109}, "pager": {fPhone, "pager", 110},
	"businessfax": {fPhone, "work fax", 111}, "homefax": {fPhone, "home fax", 112}, "otherfax": {fPhone, "fax", 113},
	"callback": {fPhone, "callback", 114}, "radiophone": {fPhone, "radio", 115}, "ttytddphone": {fPhone, "tty", 116},
	"isdn": {fPhone, "isdn", 117}, "telex": {fPhone, "telex", 118},
	"telephone": {fPhone, "", 1}, "tel": {fPhone, "", 1}, "phonenumber": {fPhone, "", 1},
}

// numberedHeader reads Google's and rotate's numbered columns: "Phone 2 -
// Value", "Phone 2 - Label" (or Type), "phone 2", "phone 2 label",
// "E-mail 3 - Value", "E-mail 2 Address".
var numberedHeader = regexp.MustCompile(`^(phone|email|mail)(\d*)(value|number|address|label|type)?$`)

// headerKey folds a header for the alias table.
func headerKey(h string) string {
	h = strings.TrimPrefix(h, "\uFEFF")
	var b strings.Builder
	for _, r := range strings.ToLower(h) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// columnOf is the meaning of a header.
func columnOf(h string) column {
	k := headerKey(h)
	if c, ok := aliases[k]; ok {
		return c
	}
	m := numberedHeader.FindStringSubmatch(k)
	if m == nil {
		return column{}
	}
	n := 1
	if m[2] != "" {
		n, _ = strconv.Atoi(m[2])
	}
	switch {
	case m[1] == "phone" && (m[3] == "label" || m[3] == "type"):
		return column{field: fPhoneLabel, n: n}
	case m[1] == "phone":
		return column{field: fPhone, n: n}
	case m[3] == "label" || m[3] == "type":
		return column{} // e-mail labels are not kept
	default:
		return column{field: fEmail, n: n}
	}
}

// multiSep joins several values in one Google Contacts cell.
const multiSep = " ::: "

// ReadCSV reads contacts from a CSV file whose first line names the
// columns; see aliases for the names understood. The text may be UTF-8
// with or without a byte order mark, UTF-16 with one, or Windows-1252;
// the separator may be a comma, a semicolon (Outlook in many European
// locales) or a tab. Rows that cannot be read are returned as
// RecordErrors beside the others; an error is returned when the file as a
// whole is not a contacts CSV.
func ReadCSV(r io.Reader) (Book, []*RecordError, error) {
	b, err := readAll(r)
	if err != nil {
		return Book{}, nil, err
	}
	if err := checkUTF16(b); err != nil {
		return Book{}, nil, err
	}
	text := decodeText(b)
	if strings.Contains(text, "\r") && !strings.Contains(text, "\n") {
		// Old Mac line endings (a lone CR), which encoding/csv would
		// read as one long header line.
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	cr := csv.NewReader(strings.NewReader(text))
	cr.Comma = sniffComma(text)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return Book{}, nil, fmt.Errorf("%w: the file is empty", ErrFormat)
	}
	if err != nil {
		return Book{}, nil, fmt.Errorf("%w: the header line: %v", ErrFormat, csvErrText(err))
	}
	cols := make([]column, len(header))
	named := false
	for i, h := range header {
		cols[i] = columnOf(h)
		switch cols[i].field {
		case fName, fGiven, fFamilyName, fFileAs, fCompany, fEmail:
			named = true
		}
	}
	if !named {
		return Book{}, nil, fmt.Errorf("%w: no column of names in the first line %q; it should name the columns, e.g. name,phone,email", ErrFormat, clip(strings.Join(header, string(cr.Comma))))
	}
	var book Book
	var errs []*RecordError
	num := 0
	for {
		row, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		num++
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			errs = append(errs, &RecordError{Record: num, Line: line, Msg: csvErrText(err)})
			continue
		}
		line, _ := cr.FieldPos(0)
		if isEmptyRow(row) {
			num--
			continue
		}
		rec, rerr := csvRecord(row, cols, num, line)
		if rerr == nil {
			rerr = rec.clean()
		}
		if rerr != nil {
			errs = append(errs, rerr)
			continue
		}
		book.Records = append(book.Records, rec)
	}
	return book, errs, nil
}

// csvErrText is a csv error without the position, which RecordError says.
func csvErrText(err error) string {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// sniffComma picks the separator of the header line: the most frequent of
// comma, semicolon and tab outside quotes.
func sniffComma(text string) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range text {
		if r == '"' {
			quoted = !quoted
			continue
		}
		if quoted {
			continue
		}
		if r == '\n' {
			break
		}
		if r == ',' || r == ';' || r == '\t' {
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

func isEmptyRow(row []string) bool {
	for _, f := range row {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// splitMulti splits a Google multi-value cell.
func splitMulti(s string) []string {
	if !strings.Contains(s, ":::") {
		return []string{s}
	}
	parts := strings.Split(s, ":::")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts
}

// csvRecord reads one row.
func csvRecord(row []string, cols []column, num, line int) (Record, *RecordError) {
	rec := Record{Num: num, Line: line}
	c := &rec.Contact
	fail := func(format string, args ...any) (Record, *RecordError) {
		return rec, recordErrorf(num, line, format, args...)
	}
	cells := csvCells{c: c, labels: map[int]string{}, emails: map[int][]string{}}
	for i, v := range row {
		if i >= len(cols) {
			if strings.TrimSpace(v) != "" {
				return fail("%d fields, but the header names %d", len(row), len(cols))
			}
			continue
		}
		v = strings.TrimSpace(v)
		if v == "" {
			continue
		}
		if err := cells.read(cols[i], v); err != nil {
			return fail("%v", err)
		}
	}
	c.Tags = cells.tags.list
	c.Message = joinText(cells.message, cells.notes)
	c.Phones = cells.phoneList()
	rec.Emails = cells.emailList()
	if len(rec.Emails) > 0 {
		c.Email = rec.Emails[0]
	}
	c.Name = cells.name()
	if c.Name == "" {
		return fail("no name, company or e-mail to call the contact by")
	}
	return rec, nil
}

// csvLabel reads a Google label: "* Mobile" (the star marks the primary
// one) is "mobile", "Work Fax" is "work fax"; custom labels stay as typed
// (up to maxLabel bytes, which phoneSet keeps).
func csvLabel(l string) string {
	l = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(l), "*"))
	if first, _, ok := strings.Cut(l, ":::"); ok {
		l = strings.TrimSpace(first)
	}
	switch lower := strings.ToLower(l); lower {
	case "mobile", "work", "home", "main", "other", "work fax", "home fax", "pager", "google voice", "cell":
		if lower == "cell" {
			return "mobile"
		}
		return lower
	}
	return rotation.CleanLine(l)
}

func joinText(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n\n" + b
}
