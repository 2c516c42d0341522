package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
)

// exportFormats maps --out extensions to formats.
var exportFormats = map[string]string{".txt": "text", ".json": "json", ".csv": "csv", ".vcf": "vcf", ".vcard": "vcf", ".ics": "ics", ".ical": "ics"}

func (a *app) exportCommand() *cobra.Command {
	var format, out, who string
	var days int
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the book as JSON, CSV or vCard, or the upcoming calls as a calendar",
		Long: `export writes the book to standard output or to --out FILE:

  json  everything: contacts, calls, follow-ups, drafts and settings;
        rotate import reads it back into a book (restoring a book this way
        is an import into an empty one)
  csv   the contacts, one row each, for a spreadsheet
  vcf   the contacts as vCard 4.0, for address books and phones
  ics   the calls of the next --days days as an iCalendar file for Google
        Calendar, Outlook or Apple Calendar: one all-day event per call with
        the numbers and the open follow-ups; importing a later export moves
        the events instead of adding them twice

The format follows --out's extension unless --format names it; json by
default. A file is written under a temporary name and renamed when
complete, and only its owner can read it (it holds notes).`,
		Example: `  rotate export --out book.json
  rotate export --format csv > contacts.csv
  rotate export --format ics --days 30 --out calls.ics`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			format := exportFormat(format, out)
			if who != "" {
				return a.exportPerson(cmd, who, format, out, cmd.Flags().Changed("days"))
			}
			if err := a.checkExport(cmd, format, out, days); err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				return a.writeExport(ctx, s, format, out, today, days)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "", "json, csv, vcf or ics (default: from --out's extension, else json)")
	fl.IntVar(&days, "days", 14, "with --format ics: the days of calls to export, from today")
	fl.StringVar(&out, "out", "", "write to `FILE` instead of standard output")
	fl.StringVar(&who, "contact", "", "everything held about the one person `WHO`, as json or text (an access or portability request)")
	return cmd
}

// exportFormat is the format asked for: --format, else --out's
// extension, else json.
func exportFormat(format, out string) string {
	if format == "" && out != "" {
		format = exportFormats[strings.ToLower(filepath.Ext(out))]
	}
	if format == "" {
		format = "json"
	}
	return strings.ToLower(format)
}

// checkExport refuses, before the book is opened, a format export does
// not write, --days where it means nothing or out of range, and an --out
// file that cannot be written or is the book itself.
func (a *app) checkExport(cmd *cobra.Command, format, out string, days int) error {
	switch format {
	case "text", "txt":
		return usagef("--format text goes with --contact WHO (everything held about one person)")
	case "json", "csv", "vcf":
		if cmd.Flags().Changed("days") {
			return usagef("--days goes with --format ics")
		}
	case "ics":
		if days < 1 || days > 3660 {
			return usagef("--days %d: use a number of days from 1 to 3660", days)
		}
	default:
		return usagef("--format %q: use json, csv, vcf or ics", format)
	}
	if out != "" {
		if err := checkOutFolder(out); err != nil {
			return err
		}
		book, _ := a.dbPath()
		if err := store.CheckOutFile(out, book); err != nil {
			return err
		}
	}
	return nil
}

// writeExport writes the export to standard output, or to the file out
// (whole or not at all) and says what it holds.
func (a *app) writeExport(ctx context.Context, s *store.Store, format, out string, today rotation.Date, days int) error {
	write, what, err := a.exporter(ctx, s, format, today, days)
	if err != nil {
		return err
	}
	if out == "" {
		bw := bufio.NewWriter(a.stdout)
		if err := write(bw); err != nil {
			return err
		}
		return bw.Flush()
	}
	if err := writeFileAtomic(out, write); err != nil {
		return err
	}
	a.out.printf("Exported %s to %s.\n", what, printable(out))
	return nil
}

// exporter reads what format needs from the book and returns the function
// that writes it, and a few words on what it holds.
func (a *app) exporter(ctx context.Context, s *store.Store, format string, today rotation.Date, days int) (func(io.Writer) error, string, error) {
	switch format {
	case "json":
		book, err := s.Export(ctx)
		if err != nil {
			return nil, "", err
		}
		calls := 0
		for _, r := range book.Records {
			calls += len(r.Calls)
		}
		what := fmt.Sprintf("%s and %s", rotation.Plural(len(book.Records), "contact"), rotation.Plural(calls, "call"))
		return func(w io.Writer) error { return interchange.WriteJSON(w, book) }, what, nil
	case "ics":
		events, err := s.UpcomingCalls(ctx, today, days)
		if err != nil {
			return nil, "", err
		}
		region, _ := a.region("", false)
		numbers := interchange.NumberZones(region)
		for i := range events {
			// A timed call on its day is a timed event, at its time here,
			// written in the client's zone.
			if c := events[i].Contact; !c.DueTime.IsZero() && events[i].N == 0 && events[i].Day == c.Due {
				y, m, d := c.Due.Time().Date()
				events[i].At = time.Date(y, m, d, c.DueTime.Hour(), c.DueTime.Minute(), 0, 0, a.clock().Location())
				events[i].Zone = rotation.ContactZone(c, numbers)
			}
		}
		// Each event's SEQUENCE: one more than last time when it moved.
		if err := s.Sequence(ctx, events); err != nil {
			return nil, "", err
		}
		stamp := a.now().UTC()
		what := fmt.Sprintf("%s of the next %s", rotation.Plural(len(events), "call"), rotation.Plural(days, "day"))
		return func(w io.Writer) error { return interchange.WriteICS(w, events, stamp) }, what, nil
	}
	contacts, err := s.ExportContacts(ctx)
	if err != nil {
		return nil, "", err
	}
	what := rotation.Plural(len(contacts), "contact")
	if format == "csv" {
		return func(w io.Writer) error { return interchange.WriteCSV(w, contacts) }, what, nil
	}
	return func(w io.Writer) error { return interchange.WriteVCard(w, contacts) }, what, nil
}

// checkOutFolder refuses an --out whose folder is missing, or a folder.
func checkOutFolder(path string) error {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return usagef("--out %s is a folder; give a file name", path)
	}
	dir := filepath.Dir(path)
	if info, err := os.Stat(dir); err != nil || !info.IsDir() {
		return usagef("--out: the folder %s does not exist; create it first", dir)
	}
	return nil
}

// writeFileAtomic writes a private file (0600) under a temporary name in
// the same folder and renames it into place once it is complete and
// synced: a failure never leaves half a file behind, and an existing file
// is replaced whole.
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	if err := store.RefuseLink(path); err != nil {
		return err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	bw := bufio.NewWriter(f)
	if err := write(bw); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, errors.Unwrap(err))
	}
	return nil
}
