package interchange

import (
	"fmt"
	"slices"
	"strings"

	"rotate/rotation"
)

// csvCells gathers the cells of one row: the contact's fields as they are
// read, and the parts that become fields once the whole row is read
// (name parts, phones with their labels, e-mail addresses, tags).
type csvCells struct {
	c                                                     *rotation.Contact
	given, middle, family, suffix, fileAs, notes, message string
	phones                                                []csvPhoneCell
	tags                                                  stringSet
	labels                                                map[int]string   // a numbered phone's label
	emails                                                map[int][]string // by the number of their column
}

// csvPhoneCell is a phone column's numbers: n is the column's number
// ("Phone 2 - Value"), label its label unless a label column gives one.
type csvPhoneCell struct {
	n      int
	values []string
	label  string
}

// read takes the cell of column col, v (not empty).
func (cs *csvCells) read(col column, v string) error {
	c := cs.c
	switch col.field {
	case fName:
		c.Name = rotation.CleanLine(v)
	case fGiven:
		cs.given = rotation.CleanLine(v)
	case fMiddle:
		cs.middle = rotation.CleanLine(v)
	case fFamilyName:
		cs.family = rotation.CleanLine(v)
	case fSuffix:
		cs.suffix = rotation.CleanLine(v)
	case fFileAs:
		cs.fileAs = rotation.CleanLine(v)
	case fCompany:
		c.Company = rotation.CleanLine(v)
	case fJobTitle:
		c.Occupation = rotation.CleanLine(v)
	case fEmail:
		cs.emails[col.n] = append(cs.emails[col.n], splitMulti(v)...)
	case fPhone:
		cs.phones = append(cs.phones, csvPhoneCell{n: col.n, values: splitMulti(v), label: col.label})
	case fPhoneLabel:
		cs.labels[col.n] = v
	case fNotes:
		cs.notes = rotation.CleanText(v)
	case fMessage:
		cs.message = rotation.CleanText(v)
	case fTags:
		cs.readTags(v)
	case fFamily:
		c.Family = joinText(c.Family, rotation.CleanText(v))
	case fRecreation:
		c.Recreation = joinText(c.Recreation, rotation.CleanText(v))
	default:
		return cs.readSchedule(col, v)
	}
	return nil
}

// readTags takes a cell of groups; "* myContacts" and "* starred" are
// Google's own and are left out.
func (cs *csvCells) readTags(v string) {
	for _, part := range splitMulti(v) {
		for _, t := range strings.FieldsFunc(part, func(r rune) bool { return r == ',' || r == ';' }) {
			if t = strings.TrimSpace(t); !strings.HasPrefix(t, "*") {
				cs.tags.add(rotation.CleanLine(t))
			}
		}
	}
}

// readSchedule takes the cells that must parse: birthday, tier, cadence
// rule and due date.
func (cs *csvCells) readSchedule(col column, v string) error {
	c := cs.c
	switch col.field {
	case fBirthday:
		d, err := parseBirthday(v)
		if err != nil {
			return err
		}
		c.Birthday = d
	case fTier:
		t, err := rotation.ParseTier(v)
		if err != nil {
			return err
		}
		c.Tier = t
	case fEvery:
		r, err := rotation.ParseRule(v)
		if err != nil {
			return err
		}
		c.Rule = r
	case fDue:
		d, err := rotation.ParseISO(v)
		if err != nil {
			return fmt.Errorf("due: %v", err)
		}
		c.Due = d
	}
	return nil
}

// phoneList is the row's phones in the order of their columns, each with
// its label, without repeats.
func (cs *csvCells) phoneList() []rotation.Phone {
	slices.SortStableFunc(cs.phones, func(a, b csvPhoneCell) int { return a.n - b.n })
	var set phoneSet
	for _, p := range cs.phones {
		label := p.label
		if l, ok := cs.labels[p.n]; ok && p.n < 100 {
			label = csvLabel(l)
		}
		for _, num := range p.values {
			set.add(rotation.Phone{Number: num, Label: label})
		}
	}
	return set.list
}

// emailList is the row's e-mail addresses in the order of their columns,
// without repeats.
func (cs *csvCells) emailList() []string {
	ns := make([]int, 0, len(cs.emails))
	for n := range cs.emails {
		ns = append(ns, n)
	}
	slices.Sort(ns)
	var addrs stringSet
	for _, n := range ns {
		for _, e := range cs.emails[n] {
			addrs.add(rotation.CleanLine(e))
		}
	}
	return addrs.list
}

// name is what to call the contact: the name column, else the name's
// parts, else file-as, the company or the e-mail address.
func (cs *csvCells) name() string {
	c := cs.c
	name := c.Name
	if name == "" {
		name = strings.Join(strings.Fields(strings.Join([]string{cs.given, cs.middle, cs.family, cs.suffix}, " ")), " ")
	}
	for _, alt := range []string{cs.fileAs, c.Company, c.Email} {
		if name == "" {
			name = alt
		}
	}
	return name
}
