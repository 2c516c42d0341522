package interchange

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"
)

// manyValues is a file whose one record holds n numbers, tags or
// addresses: a row of a CSV file with them in one cell, or a card with
// them on n lines.
type manyValues struct {
	name string
	make func(n int) []byte
	read func([]byte) (Book, []*RecordError, error)
}

func readCSVBytes(b []byte) (Book, []*RecordError, error)   { return ReadCSV(bytes.NewReader(b)) }
func readVCardBytes(b []byte) (Book, []*RecordError, error) { return ReadVCard(bytes.NewReader(b)) }

// csvCell is a CSV file with one record whose column header holds the
// values 0..n-1 joined by sep.
func csvCell(header, sep string) func(n int) []byte {
	return func(n int) []byte {
		var b bytes.Buffer
		fmt.Fprintf(&b, "name,%s\nx,\"", header)
		for i := range n {
			if i > 0 {
				b.WriteString(sep)
			}
			fmt.Fprintf(&b, "%d", i)
		}
		b.WriteString("\"\n")
		return b.Bytes()
	}
}

// vcardLines is a card with n lines of a property, valued 0..n-1.
func vcardLines(prop string) func(n int) []byte {
	return func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("BEGIN:VCARD\nVERSION:3.0\nFN:x\n")
		for i := range n {
			fmt.Fprintf(&b, "%s:%d\n", prop, i)
		}
		b.WriteString("END:VCARD\n")
		return b.Bytes()
	}
}

var manyValueFiles = []manyValues{
	{"csv phones", csvCell("phone", ":::"), readCSVBytes},
	{"csv phone columns", func(n int) []byte {
		return []byte(strings.Repeat("phone,", n) + "name\n" + strings.Join(numbers(n), ",") + ",x\n")
	}, readCSVBytes},
	{"csv tags", csvCell("tags", ","), readCSVBytes},
	{"csv e-mails", csvCell("email", ":::"), readCSVBytes},
	{"vcard phones", vcardLines("TEL"), readVCardBytes},
	{"vcard categories", vcardLines("CATEGORIES"), readVCardBytes},
	{"vcard e-mails", vcardLines("EMAIL"), readVCardBytes},
}

func numbers(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprint(i)
	}
	return out
}

// TestManyValuesReadInLinearTime: a record with thousands of numbers, tags
// or addresses is read in time proportional to them. Eight times as many
// take about sixteen times as long, not 256 (a scan of the values so
// far for each new one took seconds for a file of 100 KB). The bound
// leaves a wide margin between the two, so a busy machine does not fail
// a linear reader.
func TestManyValuesReadInLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("times the readers")
	}
	const n = 2000
	for _, tt := range manyValueFiles {
		t.Run(tt.name, func(t *testing.T) {
			// The CPU time of this thread, not the wall clock: a machine
			// busy with other work makes a reader wait, not work more.
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			fastest := func(n int) time.Duration {
				data := tt.make(n)
				best := time.Duration(1 << 62)
				for range 5 {
					start := threadCPU()
					book, errs, err := tt.read(data)
					best = min(best, threadCPU()-start)
					if err != nil || len(errs) > 0 || len(book.Records) != 1 {
						t.Fatalf("%d records, %v, %v", len(book.Records), errs, err)
					}
				}
				return best
			}
			small, big := fastest(n), fastest(16*n)
			if big > 80*small+50*time.Millisecond {
				t.Errorf("%d values in %v, %d in %v: not linear", n, small, 16*n, big)
			}
		})
	}
}

// TestLongLabelsAreCut: one label serves every number of its column (CSV)
// or group (vCard), so a long one is cut to maxLabel bytes rather than
// copied whole for each of thousands of numbers.
func TestLongLabelsAreCut(t *testing.T) {
	long := strings.Repeat("Ø", 5000)
	var csv bytes.Buffer
	fmt.Fprintf(&csv, "name,phone 1 - label,phone 1 - value\nx,%s,%s\n", long, strings.Join(numbers(3000), " ::: "))
	var vcf bytes.Buffer
	fmt.Fprintf(&vcf, "BEGIN:VCARD\nVERSION:3.0\nFN:x\nitem1.X-ABLabel:%s\n", long)
	for i := range 3000 {
		fmt.Fprintf(&vcf, "item1.TEL:%d\n", i)
	}
	vcf.WriteString("END:VCARD\n")
	for _, tt := range []struct {
		name string
		data []byte
		read func([]byte) (Book, []*RecordError, error)
	}{
		{"csv", csv.Bytes(), readCSVBytes},
		{"vcard", vcf.Bytes(), readVCardBytes},
	} {
		t.Run(tt.name, func(t *testing.T) {
			book, errs, err := tt.read(tt.data)
			if err != nil || len(errs) > 0 || len(book.Records) != 1 {
				t.Fatalf("%d records, %v, %v", len(book.Records), errs, err)
			}
			phones := book.Records[0].Contact.Phones
			if len(phones) != 3000 {
				t.Fatalf("%d phones, want 3000", len(phones))
			}
			if l := phones[2999].Label; len(l) > maxLabel || !strings.HasPrefix(l, "ØØØ") || strings.ContainsRune(l, '\uFFFD') {
				t.Errorf("label %q (%d bytes), want at most %d bytes of Ø", l, len(l), maxLabel)
			}
			if tt.name == "csv" {
				if size, limit := csvOutputLimit(tt.data, book, errs); size > limit {
					t.Errorf("%d bytes from %d, at most %d", size, len(tt.data), limit)
				}
			}
		})
	}
}

// threadCPU is the CPU time the calling OS thread has used so far.
func threadCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(1 /* RUSAGE_THREAD */, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
