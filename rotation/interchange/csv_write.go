package interchange

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"

	"rotate/rotation"
)

// WriteCSV writes contacts as a plain CSV file with a header line: name,
// then phone, phone label, phone 2, phone 2 label ... (as many as the
// contact with the most phones has), email, company, tier, every, due,
// birthday, tags, family, occupation, recreation and message. ReadCSV
// reads it back. Tags are separated by commas. Text goes through the
// sanitiser: no control character or escape sequence of an older book
// reaches the file (or a terminal it is shown on).
func WriteCSV(w io.Writer, contacts []rotation.Contact) error {
	phones := 1
	for _, c := range contacts {
		phones = max(phones, len(c.Phones)) // cleaning only drops numbers
	}
	header := []string{"name"}
	for i := 1; i <= phones; i++ {
		n := ""
		if i > 1 {
			n = " " + strconv.Itoa(i)
		}
		header = append(header, "phone"+n, "phone"+n+" label")
	}
	header = append(header, "email", "company", "tier", "every", "due", "birthday", "tags",
		"family", "occupation", "recreation", "message")
	cw := csv.NewWriter(w)
	cw.UseCRLF = true // what spreadsheets expect
	if err := cw.Write(header); err != nil {
		return err
	}
	row := make([]string, 0, len(header))
	for _, c := range contacts {
		c, _ = cleanContact(c) // a book written by an older version may hold escapes
		row = append(row[:0], c.Name)
		for i := range phones {
			if i < len(c.Phones) {
				row = append(row, c.Phones[i].Number, c.Phones[i].Label)
			} else {
				row = append(row, "", "")
			}
		}
		rule := ""
		if !c.Rule.IsZero() {
			rule = c.Rule.String()
		}
		row = append(row, c.Email, c.Company, c.Tier, rule, c.Due.String(), birthdayText(c.Birthday),
			strings.Join(c.Tags, ", "), c.Family, c.Occupation, c.Recreation, c.Message)
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
