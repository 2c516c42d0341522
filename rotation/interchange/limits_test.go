package interchange

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
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

// TestManyValuesReadInLinearSpace: a record with thousands of numbers,
// tags or addresses is read with memory proportional to them: sixteen
// times as many values allocate at most twice that many times the bytes,
// not 256 (copying the values so far for each new one would). The
// bytes a reader allocates for one input do not depend on the machine,
// so this check is exact where a stopwatch is not; the time per value
// is BenchmarkReadManyValues' (docs/PERFORMANCE.md).
func TestManyValuesReadInLinearSpace(t *testing.T) {
	const n = 2000
	for _, tt := range manyValueFiles {
		t.Run(tt.name, func(t *testing.T) {
			small, big := allocatedReading(t, tt, n), allocatedReading(t, tt, 16*n)
			if big > 32*small {
				t.Errorf("%d values took %d bytes, %d took %d: not linear", n, small, 16*n, big)
			}
		})
	}
}

// allocatedReading is the bytes one read of n values allocates, beyond
// the input itself.
func allocatedReading(t *testing.T, tt manyValues, n int) uint64 {
	t.Helper()
	data := tt.make(n)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	book, errs, err := tt.read(data)
	runtime.ReadMemStats(&after)
	if err != nil || len(errs) > 0 || len(book.Records) != 1 {
		t.Fatalf("%d records, %v, %v", len(book.Records), errs, err)
	}
	return after.TotalAlloc - before.TotalAlloc
}

// BenchmarkReadManyValues reads one record of 2,000 and of 32,000
// values of each kind; ns/value should stay about the same between the
// two sizes (a scan of the values so far for each new one made the
// larger take seconds).
func BenchmarkReadManyValues(b *testing.B) {
	for _, tt := range manyValueFiles {
		for _, n := range []int{2000, 32000} {
			data := tt.make(n)
			b.Run(fmt.Sprintf("%s/%d", strings.ReplaceAll(tt.name, " ", "_"), n), func(b *testing.B) {
				for b.Loop() {
					if _, _, err := tt.read(data); err != nil {
						b.Fatal(err)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n), "ns/value")
			})
		}
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
