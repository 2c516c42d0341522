package interchange

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"rotate/rotation"
)

// bigCallLog is an SMS Backup & Restore file of n calls spread over a
// year, three in four to the book's numbers (written as a phone writes
// them) and the rest to unknown ones, and a book of contacts contacts
// with two numbers each, written as people type them.
func bigCallLog(n, contacts int) ([]byte, []rotation.Contact) {
	book := make([]rotation.Contact, contacts)
	for i := range book {
		book[i] = rotation.Contact{ID: int64(i + 1), Name: fmt.Sprintf("Contact %d", i+1), Phones: []rotation.Phone{
			{Number: fmt.Sprintf("030 %07d", 1000000+i)}, {Number: fmt.Sprintf("+49 170 %07d", 2000000+i)},
		}}
	}
	var b bytes.Buffer
	b.WriteString("<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n")
	fmt.Fprintf(&b, "<calls count=\"%d\">\n", n)
	start := time.Date(2026, 1, 1, 8, 0, 0, 0, time.UTC).UnixMilli()
	for i := range n {
		number := fmt.Sprintf("+4930%07d", 1000000+i%contacts)
		switch i % 4 {
		case 1:
			number = fmt.Sprintf("0170 %07d", 2000000+(i*7)%contacts)
		case 3:
			number = fmt.Sprintf("+44 7700 %06d", i)
		}
		fmt.Fprintf(&b, `  <call number="%s" duration="%d" date="%d" type="%d" presentation="1" readable_date="x" contact_name="(Unknown)" />`+"\n",
			number, (i*37)%400, start+int64(i)*3_000_000, 1+i%6)
	}
	b.WriteString("</calls>\n")
	return b.Bytes(), book
}

// BenchmarkCallLog10k reads a call log of 10,000 calls and matches it
// against a book of 2,000 contacts (docs/PERFORMANCE.md).
func BenchmarkCallLog10k(b *testing.B) {
	data, book := bigCallLog(10_000, 2_000)
	opts := MatchOptions{Region: "DE", MinSeconds: DefaultMinSeconds, Today: rotation.MustDate("2027-01-01")}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		calls, err := ReadSBRCalls(bytes.NewReader(data))
		if err != nil {
			b.Fatal(err)
		}
		m := MatchCalls(calls, book, nil, opts)
		if len(m.Proposed) == 0 {
			b.Fatal("nothing proposed")
		}
	}
}
