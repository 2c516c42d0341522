package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
)

// importJSON is what `rotate import --json` prints (docs/CLI.md): imported is
// new plus updated; skipped counts duplicates that added nothing and, with
// --skip-invalid, the malformed records listed in errors.
type importJSON struct {
	Imported int `json:"imported"`
	New      int `json:"new"`
	Updated  int `json:"updated"`
	Merged   int `json:"merged"`
	Skipped  int `json:"skipped"`
	// Forgotten counts the records of people the book forgot (rotate
	// forget), skipped unless --include-forgotten.
	Forgotten int               `json:"forgotten"`
	Errors    []importErrorJSON `json:"errors"`
	// Warnings are what reading the file left out of records it read (a
	// phone number with no digits).
	Warnings []importErrorJSON  `json:"warnings,omitempty"`
	DryRun   bool               `json:"dry_run"`
	Actions  []importActionJSON `json:"actions,omitempty"`
}

type importErrorJSON struct {
	Record  int    `json:"record"`
	Line    int    `json:"line"`
	Message string `json:"message"`
}

type importActionJSON struct {
	Record  int      `json:"record"`
	Line    int      `json:"line"`
	Action  string   `json:"action"`
	ID      int64    `json:"id,omitempty"`
	Name    string   `json:"name"`
	Due     any      `json:"due,omitempty"`
	Changes []string `json:"changes,omitempty"`
	Into    int      `json:"into,omitempty"`
}

// importFormats maps file extensions to formats.
var importFormats = map[string]string{".vcf": "vcf", ".vcard": "vcf", ".csv": "csv", ".tsv": "csv", ".txt": "csv", ".json": "json"}

// importFlags are the flags of `rotate import`.
type importFlags struct {
	format, tier, every, region, assign           string
	dryRun, skipInvalid, asJSON, includeForgotten bool
}

// importReaders are the readers of the formats import knows.
var importReaders = map[string]func(io.Reader) (interchange.Book, []*interchange.RecordError, error){
	"vcf": interchange.ReadVCard, "csv": interchange.ReadCSV, "json": interchange.ReadJSON,
}

func (a *app) importCommand() *cobra.Command {
	var f importFlags
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Import contacts from vCard, CSV (Google, Outlook, plain) or a rotate JSON export",
		Long: `import reads contacts from a vCard file (2.1, 3.0 or 4.0), a CSV file
exported by Google Contacts or Outlook or written by hand with headers such
as name, phone, email, company, tier and every, or a JSON export of rotate
(which restores calls, follow-ups and settings too). The format follows
the file's extension unless --format names it; FILE - reads standard
input.

A contact whose phone number or e-mail address is already in the book is
not added twice: the existing contact gets the fields it lacks. New
contacts are spread over their first interval, not all due at once.

The import is all or nothing: a malformed record stops it, named with its
record number and line, and the book is left as it was. --skip-invalid
imports the rest instead. --dry-run shows what would happen and changes
nothing.`,
		Example: `  rotate import contacts.vcf --tier B --dry-run
  rotate import google.csv --every "every 60d"
  rotate import outlook.csv --skip-invalid --json
  rotate import backup.json`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			name := args[0]
			opts, read, err := a.importOptions(cmd, &f, name)
			if err != nil {
				return err
			}
			book, bad, err := a.readImport(name, read)
			if err != nil {
				return err
			}
			out, warnings := newImportJSON(book, bad, f.dryRun)
			if len(bad) > 0 && !f.skipInvalid {
				return a.refuseImport(name, bad, out, f.asJSON)
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				res, err := a.runImport(ctx, s, name, book, today, opts)
				if err != nil {
					return err
				}
				out.New, out.Updated, out.Merged = res.New, res.Updated, res.Merged
				out.Imported = res.New + res.Updated
				out.Skipped = res.Skipped + len(bad)
				out.Forgotten = res.Forgotten
				if f.asJSON {
					if f.dryRun {
						out.Actions = importActionsJSON(res.Actions)
					}
					return a.out.json(out)
				}
				a.printImport(name, res, bad, f.dryRun, today)
				a.printImportWarnings(warnings)
				return nil
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.format, "format", "", "the file's format: vcf, csv or json (default: from the extension)")
	fl.StringVar(&f.tier, "tier", "", "tier of imported contacts that have none: A, B or C (default B)")
	fl.StringVar(&f.every, "every", "", "cadence `RULE` of imported contacts that have none (default: the tier's)")
	fl.StringVar(&f.region, "region", "", "country of numbers written without a country code, e.g. DE (default: from the locale)")
	fl.BoolVar(&f.dryRun, "dry-run", false, "show what would happen and change nothing")
	fl.BoolVar(&f.includeForgotten, "include-forgotten", false, "import the records of people the book was told to forget (rotate forget) too")
	fl.BoolVar(&f.skipInvalid, "skip-invalid", false, "import the valid records when some are malformed")
	fl.BoolVar(&f.asJSON, "json", false, "print JSON")
	registerAssign(cmd, &f.assign)
	return cmd
}

// importOptions checks the flags before the file is read: the defaults
// for tier, cadence and region, and the format (from the file's name
// unless --format), whose reader it returns.
func (a *app) importOptions(cmd *cobra.Command, f *importFlags, name string) (store.ImportOptions, func(io.Reader) (interchange.Book, []*interchange.RecordError, error), error) {
	opts := store.ImportOptions{DryRun: f.dryRun, Assign: f.assign, IncludeForgotten: f.includeForgotten}
	if cmd.Flags().Changed("tier") {
		t, err := rotation.ParseTier(f.tier)
		if err != nil {
			return opts, nil, usagef("--tier: %v", err)
		}
		opts.Tier = t
	}
	if cmd.Flags().Changed("every") {
		r, err := rotation.ParseRule(f.every)
		if err != nil {
			return opts, nil, fmt.Errorf("--every: %w", err)
		}
		opts.Rule = r
	}
	var err error
	if opts.Region, err = a.region(f.region, cmd.Flags().Changed("region")); err != nil {
		return opts, nil, err
	}
	format := f.format
	if format == "" {
		format = importFormats[strings.ToLower(filepath.Ext(name))]
		if format == "" {
			return opts, nil, usagef("import: cannot tell the format of %s from its name; use --format vcf, csv or json", name)
		}
	}
	read := importReaders[strings.ToLower(format)]
	if read == nil {
		return opts, nil, usagef("--format %q: use vcf, csv or json", format)
	}
	return opts, read, nil
}

// newImportJSON starts the report with the file's malformed records and
// the numbers left out of the good ones (also returned, for the human
// report).
func newImportJSON(book interchange.Book, bad []*interchange.RecordError, dryRun bool) (importJSON, []importErrorJSON) {
	out := importJSON{Errors: []importErrorJSON{}, DryRun: dryRun}
	for _, e := range bad {
		out.Errors = append(out.Errors, importErrorJSON{e.Record, e.Line, e.Msg})
	}
	var warnings []importErrorJSON
	for _, r := range book.Records {
		for _, w := range r.Warnings {
			warnings = append(warnings, importErrorJSON{r.Num, r.Line, w})
		}
	}
	out.Warnings = warnings
	return out, warnings
}

// runImport imports the book with a progress bar (on a terminal) that
// counts the records checked against the book, then the contacts
// written, which take most of the time.
func (a *app) runImport(ctx context.Context, s *store.Store, name string, book interchange.Book, today rotation.Date, opts store.ImportOptions) (store.ImportResult, error) {
	saving := "Saving"
	if opts.DryRun {
		saving = "Planning" // written, then rolled back
	}
	bar := a.newProgress("Checking")
	opts.Progress = func(stage store.ImportStage, done, total int) {
		if stage == store.ImportSaving {
			bar.label = saving
		}
		bar.update(done, total)
	}
	res, err := s.Import(ctx, book, today, opts)
	bar.finish()
	if err != nil {
		return res, fmt.Errorf("import %s: %w", name, err)
	}
	return res, nil
}

// importActionsJSON is what a dry run would do with each record.
func importActionsJSON(actions []store.ImportAction) []importActionJSON {
	out := []importActionJSON{}
	for _, act := range actions {
		out = append(out, importActionJSON{Record: act.Record, Line: act.Line,
			Action: string(act.Kind), ID: act.ContactID, Name: act.Name, Due: dateJSON(act.Due),
			Changes: act.Changes, Into: act.Into})
	}
	return out
}

// printImportWarnings lists the phone numbers left out of good records.
func (a *app) printImportWarnings(warnings []importErrorJSON) {
	if len(warnings) == 0 {
		return
	}
	a.out.printf("Left out %s:\n", rotation.Plural(len(warnings), "phone number"))
	for _, w := range warnings {
		a.out.printf("  record %d (line %d): %s\n", w.Record, w.Line, printableLine(w.Message))
	}
}

// region is --region, or the country of the user's locale.
func (a *app) region(flag string, given bool) (string, error) {
	if given {
		r := interchange.RegionFromLocale("xx_" + strings.ToUpper(strings.TrimSpace(flag)))
		if r == "" && strings.TrimSpace(flag) != "" {
			return "", usagef("--region %q: use a two-letter country code such as US, GB or DE", flag)
		}
		return r, nil
	}
	for _, k := range []string{"LC_ALL", "LC_TELEPHONE", "LANG"} {
		if v := a.env[k]; v != "" {
			return interchange.RegionFromLocale(v), nil
		}
	}
	return "", nil
}

// readImport reads and parses the file to import ("-" is stdin). A file
// that cannot be read or is not of its format is bad input (exit 2).
func (a *app) readImport(name string, read func(io.Reader) (interchange.Book, []*interchange.RecordError, error)) (interchange.Book, []*interchange.RecordError, error) {
	var r io.Reader = a.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return interchange.Book{}, nil, usagef("import: %v", unwrapPath(err))
		}
		defer f.Close()
		if info, err := f.Stat(); err == nil && info.IsDir() {
			return interchange.Book{}, nil, usagef("import: %s is a folder; name a file to import", name)
		}
		r = f
	}
	book, bad, err := read(r)
	if errors.Is(err, interchange.ErrFormat) || errors.Is(err, interchange.ErrTooLarge) {
		return book, bad, usagef("import %s: %w", name, err)
	}
	if err != nil {
		return book, bad, fmt.Errorf("import %s: %w", name, err)
	}
	return book, bad, nil
}

// unwrapPath keeps "open x: no such file" readable.
func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

// refuseImport reports malformed records and fails with exit code 2,
// before the book is opened.
func (a *app) refuseImport(name string, bad []*interchange.RecordError, out importJSON, asJSON bool) error {
	if asJSON {
		out.Skipped = len(bad)
		if err := a.out.json(out); err != nil {
			return err
		}
	} else if len(bad) > 1 {
		a.out.printf("%s has %s:\n", name, rotation.Plural(len(bad), "malformed record"))
		for _, e := range bad {
			a.out.printf("  %s\n", printable(e.Error()))
		}
	}
	more := ""
	if len(bad) > 1 {
		more = fmt.Sprintf(" (and %d more)", len(bad)-1)
	}
	return usagef("import %s: %s%s; nothing was imported; fix the file or use --skip-invalid to import the rest", name, bad[0], more)
}

// printImport tells people what an import did or would do.
func (a *app) printImport(name string, res store.ImportResult, bad []*interchange.RecordError, dryRun bool, today rotation.Date) {
	o := a.out
	summary := fmt.Sprintf("%d new, %d updated", res.New, res.Updated)
	if res.Merged > 0 {
		summary += fmt.Sprintf(", %d merged", res.Merged)
	}
	summary += fmt.Sprintf(", %d skipped", res.Skipped+len(bad))
	if res.Forgotten > 0 {
		summary += fmt.Sprintf(", %d forgotten not imported (--include-forgotten imports them)", res.Forgotten)
	}
	if dryRun {
		o.printf("Dry run of %s: nothing was changed.\n", printable(name))
		var rows [][]string
		for _, act := range res.Actions {
			who, what := act.Name, ""
			if act.ContactID != 0 && act.Kind != store.ImportMerge {
				who = fmt.Sprintf("%s (#%d)", act.Name, act.ContactID)
			}
			switch act.Kind {
			case store.ImportNew:
				what = "first call " + act.Due.Short(today)
				if act.Due.IsZero() {
					what = "not in the rotation"
				}
			case store.ImportMerge:
				what = fmt.Sprintf("into record %d: + %s", act.Into, strings.Join(act.Changes, ", "))
			case store.ImportSkip:
				what = "nothing new"
			case store.ImportForgotten:
				what = "forgotten by this book: not imported"
			default:
				what = "+ " + strings.Join(act.Changes, ", ")
			}
			rows = append(rows, []string{"  " + string(act.Kind), printable(who), printable(what)})
		}
		for _, e := range bad {
			rows = append(rows, []string{"  invalid", fmt.Sprintf("record %d (line %d)", e.Record, e.Line), printable(e.Msg)})
		}
		o.table(rows, func(col int, cell string) string {
			if col == 0 && strings.TrimSpace(cell) == "invalid" {
				return o.warn.Render(cell)
			}
			return cell
		})
		o.printf("Would be: %s.\n", summary)
		return
	}
	o.printf("Imported %s: %s.\n", printable(name), summary)
	var first, last rotation.Date
	for _, act := range res.Actions {
		if act.Kind == store.ImportNew && !act.Due.IsZero() {
			if first.IsZero() || act.Due < first {
				first = act.Due
			}
			last = max(last, act.Due)
		}
	}
	switch {
	case first.IsZero():
	case first == last:
		o.printf("The new contacts' first calls are on %s.\n", first.Short(today))
	default:
		o.printf("The new contacts' first calls are spread from %s to %s.\n", first.Short(today), last.Short(today))
	}
	if len(bad) > 0 {
		o.printf("Skipped %s:\n", rotation.Plural(len(bad), "malformed record"))
		for _, e := range bad {
			o.printf("  %s\n", printable(e.Error()))
		}
	}
}
