package interchange

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/emersion/go-vcard"

	"rotate/rotation"
)

// Properties of rotate's own that a vCard export carries, so that the
// importer reads back what a standard property has no place for.
const (
	propTier       = "X-ROTATE-TIER"
	propEvery      = "X-ROTATE-EVERY"
	propFamily     = "X-ROTATE-FAMILY"
	propRecreation = "X-ROTATE-RECREATION"
	propABLabel    = "X-ABLABEL" // Apple's label of a grouped property
)

// ReadVCard reads a vCard file of any number of cards, version 2.1, 3.0
// or 4.0. Cards that cannot be read are returned as RecordErrors beside
// the others; an error is returned only when the file is not a vCard file
// at all.
func ReadVCard(r io.Reader) (Book, []*RecordError, error) {
	b, err := readAll(r)
	if err != nil {
		return Book{}, nil, err
	}
	if err := checkUTF16(b); err != nil {
		return Book{}, nil, err
	}
	text := unicodeText(b)
	cards, errs := prepass(text)
	if len(cards) == 0 && !hasBegin(errs) {
		return Book{}, nil, fmt.Errorf("%w: no BEGIN:VCARD; this is not a vCard file", ErrFormat)
	}
	var book Book
	for i := range cards {
		rec, err := decodeCard(&cards[i])
		if err == nil {
			err = rec.clean()
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		book.Records = append(book.Records, rec)
	}
	slices.SortStableFunc(errs, func(a, b *RecordError) int { return a.Line - b.Line })
	return book, errs, nil
}

// hasBegin reports whether some card was started, even if none was read.
func hasBegin(errs []*RecordError) bool {
	for _, e := range errs {
		if !strings.HasPrefix(e.Msg, "text outside") {
			return true
		}
	}
	return false
}

// decodeCard reads one canonical card into a record: the name, phones,
// e-mail addresses and company, then the profile, then rotate's own
// properties (tier, cadence, family, recreation).
func decodeCard(rc *rawCard) (Record, *RecordError) {
	rec := Record{Num: rc.num, Line: rc.line}
	card, err := vcard.NewDecoder(strings.NewReader(rc.text)).Decode()
	if err != nil {
		return rec, recordErrorf(rc.num, rc.line, "%v", err)
	}
	c := &rec.Contact
	c.Phones = cardPhones(card)
	rec.Emails = cardEmails(card)
	if len(rec.Emails) > 0 {
		c.Email = rec.Emails[0]
	}
	c.Company = cardCompany(card)
	c.Name = cardName(card, *c)
	if c.Name == "" {
		return rec, recordErrorf(rc.num, rc.line, "the card has no name (FN or N)")
	}
	if err := cardProfile(rc, card, c); err != nil {
		return rec, err
	}
	if err := cardRotation(rc, card, c); err != nil {
		return rec, err
	}
	return rec, nil
}

// cardText is a one-line property's value, its escaped semicolons back.
func cardText(f *vcard.Field) string {
	return rotation.CleanLine(strings.ReplaceAll(f.Value, litSemi, ";"))
}

// cardName is FN, else N, else the organisation or the address (of c).
func cardName(card vcard.Card, c rotation.Contact) string {
	var name string
	if f := card.Get(vcard.FieldFormattedName); f != nil {
		name = cardText(f)
	}
	if name == "" {
		if f := card.Get(vcard.FieldName); f != nil {
			name = nameFromN(f.Value)
		}
	}
	if name == "" {
		name = c.Company
	}
	if name == "" && c.Email != "" {
		name = c.Email
	}
	return name
}

// cardPhones is the card's numbers, preferred first, each labelled by
// its group's label (Apple: item1.TEL + item1.X-ABLabel) or its types.
func cardPhones(card vcard.Card) []rotation.Phone {
	labels := map[string]string{}
	for _, f := range card[propABLabel] {
		if f.Group != "" {
			labels[strings.ToLower(f.Group)] = abLabel(cardText(f))
		}
	}
	var phones phoneSet
	for _, f := range byPref(card[vcard.FieldTelephone]) {
		num := strings.TrimPrefix(cardText(f), "tel:")
		if before, ext, ok := strings.Cut(num, ";ext="); ok {
			num = before + " ext. " + ext
		}
		if num == "" {
			continue
		}
		label, ok := labels[strings.ToLower(f.Group)]
		if !ok || f.Group == "" {
			label = phoneLabel(f.Params.Types())
		}
		phones.add(rotation.Phone{Number: num, Label: label})
	}
	return phones.list
}

// cardEmails is the card's e-mail addresses, preferred first.
func cardEmails(card vcard.Card) []string {
	var emails stringSet
	for _, f := range byPref(card[vcard.FieldEmail]) {
		emails.add(strings.TrimPrefix(cardText(f), "mailto:"))
	}
	return emails.list
}

// cardCompany is ORG's parts joined with commas.
func cardCompany(card vcard.Card) string {
	f := card.Get(vcard.FieldOrganization)
	if f == nil {
		return ""
	}
	var parts []string
	for _, p := range strings.Split(f.Value, ";") {
		if p = rotation.CleanLine(strings.ReplaceAll(p, litSemi, ";")); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// cardProfile reads the title, birthday, notes and categories into c.
func cardProfile(rc *rawCard, card vcard.Card, c *rotation.Contact) *RecordError {
	if f := card.Get(vcard.FieldTitle); f != nil {
		c.Occupation = cardText(f)
	}
	if f := card.Get(vcard.FieldBirthday); f != nil && !strings.EqualFold(f.Params.Get(vcard.ParamValue), "text") {
		d, err := parseBirthday(cardText(f))
		if err != nil {
			return recordErrorf(rc.num, rc.lineOf(vcard.FieldBirthday, 0), "%v", err)
		}
		c.Birthday = d
	}
	var notes []string
	for _, f := range card[vcard.FieldNote] {
		if n := strings.TrimSpace(rotation.CleanText(strings.ReplaceAll(f.Value, litSemi, ";"))); n != "" {
			notes = append(notes, n)
		}
	}
	c.Message = strings.Join(notes, "\n\n")
	var tags stringSet
	for _, f := range card[vcard.FieldCategories] {
		for _, t := range strings.Split(cardText(f), ",") {
			tags.add(rotation.CleanLine(t))
		}
	}
	c.Tags = tags.list
	if f := card.Get(vcard.FieldTimezone); f != nil {
		// A zone name (vCard 4's text, "Europe/Berlin"); an offset
		// ("-05:00", vCard 3's default) names no zone and is left out.
		if z, err := rotation.ParseZone(cardText(f)); err == nil {
			c.TZ = z
		}
	}
	return nil
}

// cardRotation reads rotate's own properties into c: tier, cadence rule,
// family and recreation.
func cardRotation(rc *rawCard, card vcard.Card, c *rotation.Contact) *RecordError {
	if f := card.Get(propTier); f != nil {
		t, err := rotation.ParseTier(cardText(f))
		if err != nil {
			return recordErrorf(rc.num, rc.lineOf(propTier, 0), "%v", err)
		}
		c.Tier = t
	}
	if f := card.Get(propEvery); f != nil {
		r, err := rotation.ParseRule(cardText(f))
		if err != nil {
			return recordErrorf(rc.num, rc.lineOf(propEvery, 0), "%v", err)
		}
		c.Rule = r
	}
	if f := card.Get(propFamily); f != nil {
		c.Family = rotation.CleanText(strings.ReplaceAll(f.Value, litSemi, ";"))
	}
	if f := card.Get(propRecreation); f != nil {
		c.Recreation = rotation.CleanText(strings.ReplaceAll(f.Value, litSemi, ";"))
	}
	return nil
}

// nameFromN builds a display name from N's components: family; given;
// additional; prefix; suffix.
func nameFromN(v string) string {
	comp := strings.Split(v, ";")
	get := func(i int) string {
		if i < len(comp) {
			return rotation.CleanLine(strings.ReplaceAll(strings.ReplaceAll(comp[i], litSemi, ";"), ",", " "))
		}
		return ""
	}
	var parts []string
	for _, i := range []int{3, 1, 2, 0, 4} {
		if p := get(i); p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " ")
}

// byPref orders fields by preference: PREF=1 (4.0) or TYPE=pref (2.1, 3.0)
// first, then the order of the file.
func byPref(fields []*vcard.Field) []*vcard.Field {
	rank := func(f *vcard.Field) int {
		if p, err := strconv.Atoi(f.Params.Get(vcard.ParamPreferred)); err == nil && p > 0 {
			return p
		}
		if f.Params.HasType("pref") {
			return 1
		}
		return 101
	}
	out := slices.Clone(fields)
	slices.SortStableFunc(out, func(a, b *vcard.Field) int { return rank(a) - rank(b) })
	return out
}

// phoneTypes maps vCard TEL types to rotate's labels; types missing here
// are kept as they are, and those mapped to "" are dropped.
var phoneTypes = map[string]string{
	"cell": "mobile", "mobile": "mobile", "iphone": "mobile",
	"voice": "", "pref": "", "internet": "", "msg": "", "x400": "",
	"main": "main", "other": "other",
}

// phoneLabel turns TEL types into a label: "work", "mobile", "home fax".
func phoneLabel(types []string) string {
	var words stringSet
	for _, t := range types {
		t = strings.ToLower(strings.TrimSpace(t))
		if l, ok := phoneTypes[t]; ok {
			t = l
		} else if strings.HasPrefix(t, "x-") {
			t = t[2:]
		}
		words.add(t)
	}
	return strings.Join(words.list, " ")
}

// abLabel reads an Apple label: "_$!<Mobile>!$_" is a built-in one.
func abLabel(s string) string {
	if strings.HasPrefix(s, "_$!<") && strings.HasSuffix(s, ">!$_") {
		s = s[4 : len(s)-4]
		if l, ok := phoneTypes[strings.ToLower(s)]; ok && l != "" {
			return l
		}
		return strings.ToLower(s)
	}
	return s
}

// maxLabel is the longest phone label kept, in bytes. Labels are words
// such as "mobile" or "work fax"; one label may be given to every number
// of a column or a group, so a long one would be copied thousands of
// times.
const maxLabel = 32

// phoneSet gathers a record's numbers, each once: a number it has, or one
// with the same digits, only gives its label to the first if that has
// none. It finds them by maps, not by a scan of the list, as a row or a
// card may hold thousands of numbers.
type phoneSet struct {
	list     []rotation.Phone
	byNumber map[string]int // number -> the phone with it
	byDigits map[string]int // digits -> the first phone with them
}

func (s *phoneSet) add(p rotation.Phone) {
	p.Number = rotation.CleanLine(p.Number)
	if p.Number == "" {
		return
	}
	if len(p.Label) > maxLabel {
		p.Label = strings.TrimSpace(strings.ToValidUTF8(p.Label[:maxLabel], ""))
	}
	key := digits(p.Number)
	i, ok := s.byNumber[p.Number]
	if j, found := s.byDigits[key]; found && key != "" && (!ok || j < i) {
		i, ok = j, true
	}
	if ok {
		if s.list[i].Label == "" {
			s.list[i].Label = p.Label
		}
		return
	}
	if s.byNumber == nil {
		s.byNumber, s.byDigits = map[string]int{}, map[string]int{}
	}
	s.byNumber[p.Number] = len(s.list)
	if key != "" {
		s.byDigits[key] = len(s.list)
	}
	s.list = append(s.list, p)
}

// stringSet gathers strings in order, each once, for tags and e-mail
// addresses; like phoneSet it does not scan its list.
type stringSet struct {
	list []string
	seen map[string]bool
}

// add appends v unless it is empty or there already.
func (s *stringSet) add(v string) {
	if v == "" || s.seen[v] {
		return
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[v] = true
	s.list = append(s.list, v)
}
