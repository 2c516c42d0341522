package store_test

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"rotate/rotation/interchange"
	"rotate/store"
)

// bigCSV is a plain CSV of n contacts with a number, an address, a company
// and a tier each.
func bigCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("name,phone,email,company,tier\n")
	tiers := []string{"A", "B", "B", "C", "C", "C"}
	for i := range n {
		fmt.Fprintf(&b, "Contact %06d,+1 202 %03d %04d,c%06d@example.com,Company %d,%s\n",
			i, 200+i/10000, i%10000, i, i%997, tiers[i%len(tiers)])
	}
	return b.Bytes()
}

// BenchmarkImportCSV100k reads a CSV of 100,000 contacts and imports it
// into an empty book: parsing, duplicate matching, ramp-in and the one
// transaction. go test -bench ImportCSV100k -benchtime 1x ./store/
func BenchmarkImportCSV100k(b *testing.B) {
	const n = 100_000
	data := bigCSV(n)
	ctx := context.Background()
	today := xToday
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		path := filepath.Join(b.TempDir(), "rotate.db")
		s, err := store.Open(ctx, path, store.Options{Now: func() time.Time { return today.Time() }})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		book, errs, err := interchange.ReadCSV(bytes.NewReader(data))
		if err != nil || len(errs) > 0 {
			b.Fatal(err, errs)
		}
		res, err := s.Import(ctx, book, today, store.ImportOptions{Region: "US"})
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if res.New != n {
			b.Fatalf("%d new", res.New)
		}
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "contacts/s")
}

// BenchmarkImportDuplicates imports a CSV of n records where every
// contact comes twice (the second record merges into the first): the
// matching and the bookkeeping of merges stay linear, so ns/record does
// not grow with n. go test -bench ImportDuplicates -benchtime 1x ./store/
func BenchmarkImportDuplicates(b *testing.B) {
	for _, n := range []int{10_000, 40_000} {
		b.Run(fmt.Sprintf("records=%d", n), func(b *testing.B) {
			var csv bytes.Buffer
			csv.WriteString("name,phone,email\n")
			for i := range n / 2 {
				fmt.Fprintf(&csv, "Contact %06d,+1 202 %03d %04d,\n", i, 200+i/10000, i%10000)
				fmt.Fprintf(&csv, "Contact %06d,+1 202 %03d %04d,c%06d@example.com\n", i, 200+i/10000, i%10000, i)
			}
			data := csv.Bytes()
			ctx := context.Background()
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				s, err := store.Open(ctx, filepath.Join(b.TempDir(), "rotate.db"), store.Options{Now: func() time.Time { return xToday.Time() }})
				if err != nil {
					b.Fatal(err)
				}
				book, errs, err := interchange.ReadCSV(bytes.NewReader(data))
				if err != nil || len(errs) > 0 {
					b.Fatal(err, errs)
				}
				b.StartTimer()
				res, err := s.Import(ctx, book, xToday, store.ImportOptions{Region: "US"})
				b.StopTimer()
				if err != nil {
					b.Fatal(err)
				}
				if res.New != n/2 || res.Merged != n/2 {
					b.Fatalf("%d new, %d merged", res.New, res.Merged)
				}
				s.Close()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(n*b.N), "ns/record")
		})
	}
}
