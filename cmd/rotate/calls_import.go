package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
	"rotate/tui"
)

// callsImportJSON is what `rotate calls import --json` prints
// (docs/CLI.md): the proposals, the calls of unknown numbers, the calls
// the book had already, and how many were logged.
type callsImportJSON struct {
	Proposed       []callProposalJSON  `json:"proposed"`
	Unknown        int                 `json:"unknown"`
	UnknownNumbers []unknownNumberJSON `json:"unknown_numbers"`
	AlreadyLogged  int                 `json:"already_logged"`
	Skipped        []skippedCallJSON   `json:"skipped"`
	Applied        int                 `json:"applied"`
	DryRun         bool                `json:"dry_run"`
}

type callProposalJSON struct {
	ContactID int64  `json:"contact_id"`
	Name      string `json:"name"`
	At        any    `json:"at"`
	Direction string `json:"direction"`
	Seconds   int    `json:"seconds"`
	Outcome   string `json:"outcome"`
	Returned  bool   `json:"returned"` // a missed call of theirs: a returned call
	Record    int    `json:"record"`
}

type unknownNumberJSON struct {
	Number string `json:"number"`
	Name   string `json:"name"`
	Calls  int    `json:"calls"`
}

type skippedCallJSON struct {
	Record int    `json:"record"`
	Name   string `json:"name"`
	At     any    `json:"at"`
	Reason string `json:"reason"`
}

// callLogFormats are the call-log formats by --format name.
var callLogFormats = map[string]func(io.Reader) ([]interchange.PhoneCall, error){
	"sbr-xml":      interchange.ReadSBRCalls,
	"fossify-json": interchange.ReadFossifyCalls,
}

func (a *app) callsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "calls",
		Short: "Calls from the phone: import its call log",
		Args:  usageArgs(cobra.NoArgs),
		RunE:  func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.callsImportCommand())
	return cmd
}

func (a *app) callsImportCommand() *cobra.Command {
	var format, region string
	var minSeconds int
	var dryRun, yes, asJSON bool
	cmd := &cobra.Command{
		Use:   "import FILE",
		Short: "Propose the calls of a phone's exported call log as touches, and log them",
		Long: `calls import reads the call log a phone's backup app exported — the calls
XML of "SMS Backup & Restore" (sbr-xml) or the call-history JSON of Fossify
Phone (fossify-json); the format follows the extension (.xml, .json) unless
--format names it — and matches each call to a contact by its number,
compared as rotate import compares numbers.

An answered call of at least --min-seconds (default 20) either way is a
conversation (reached); a shorter or unanswered call you made is a
no-answer; a call of theirs you missed, rejected or that went to voicemail
is a returned call: they are first on today's list. A short call of theirs
you answered and blocked numbers are skipped. Numbers of no contact are
counted and listed, never added. A call the book has already — imported
before, or logged by hand from 10 minutes before the phone's record to 3
hours after it — is not logged again, so importing the same file twice adds nothing. A call from a
day before the last call logged for that contact is skipped: it would move
their schedule back.

--dry-run shows the proposals; --yes logs them all, in one go (all or
nothing). On a terminal, without either, a review list opens: a logs a
call, s skips it, n adds a note, enter logs the accepted calls and esc
leaves without logging any. A malformed file is refused whole, named with
its record number (exit 2).`,
		Example: `  rotate calls import calls-20261203.xml --dry-run
  rotate calls import calls.xml
  rotate calls import "Call history.json" --min-seconds 30 --yes --json`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if dryRun && yes {
				return usagef("--dry-run and --yes: choose one (see the proposals, or log them)")
			}
			if minSeconds < 0 || minSeconds > interchange.MaxCallSeconds {
				return usagef("--min-seconds %d: give a number of seconds from 0 to %d", minSeconds, interchange.MaxCallSeconds)
			}
			review := !dryRun && !yes
			if review && (asJSON || !a.interactive()) {
				return usagef("calls import: add --yes to log the calls or --dry-run to see them; the review list needs a terminal")
			}
			if review && args[0] == "-" {
				return usagef("calls import -: the review list reads the keyboard, not the call log; give the file's name, or add --yes or --dry-run")
			}
			reg, err := a.region(region, cmd.Flags().Changed("region"))
			if err != nil {
				return err
			}
			calls, err := a.readCallLog(args[0], format)
			if err != nil {
				return err
			}
			o := callLogRun{file: args[0], calls: calls, region: reg, minSeconds: minSeconds, review: review, dryRun: dryRun, asJSON: asJSON}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				return a.importCallLog(ctx, s, today, o)
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&format, "format", "", "the file's format: sbr-xml or fossify-json (default: from the extension)")
	fl.IntVar(&minSeconds, "min-seconds", interchange.DefaultMinSeconds, "how long an answered call lasts to count as a conversation (reached)")
	fl.StringVar(&region, "region", "", "country of numbers written without a country code, e.g. DE (default: from the locale)")
	fl.BoolVar(&dryRun, "dry-run", false, "show the proposals and change nothing")
	fl.BoolVarP(&yes, "yes", "y", false, "log every proposal without the review list")
	fl.BoolVar(&asJSON, "json", false, "print JSON (with --dry-run or --yes)")
	return cmd
}

// callLogRun is one `calls import`: the call log read and what to do
// with it.
type callLogRun struct {
	file                   string
	calls                  []interchange.PhoneCall
	region                 string
	minSeconds             int
	review, dryRun, asJSON bool
}

// importCallLog matches the calls to the book, then opens the review
// list, shows the proposals (--dry-run) or logs them all (--yes).
func (a *app) importCallLog(ctx context.Context, s *store.Store, today rotation.Date, o callLogRun) error {
	loc := a.clock().Location()
	since := a.now()
	for _, c := range o.calls {
		if c.At.Before(since) {
			since = c.At
		}
	}
	book, logged, err := s.CallLogBook(ctx, since.Add(-interchange.DefaultMatchWindow))
	if err != nil {
		return err
	}
	m := interchange.MatchCalls(o.calls, book, logged, interchange.MatchOptions{
		Region: o.region, MinSeconds: o.minSeconds, Today: today, Loc: loc})
	switch {
	case o.review:
		return a.reviewCalls(ctx, s, m, loc)
	case o.dryRun:
		if o.asJSON {
			return a.out.json(callsToJSON(m, 0, true))
		}
		a.printCallMatch(o.file, m, loc, false)
		return nil
	}
	touches := make([]store.PhoneTouch, 0, len(m.Proposed))
	for _, p := range m.Proposed {
		touches = append(touches, phoneTouch(p, ""))
	}
	applied := 0
	if len(touches) > 0 {
		res, err := s.ImportCalls(ctx, touches)
		if err != nil {
			return err
		}
		applied = len(res)
	}
	if o.asJSON {
		return a.out.json(callsToJSON(m, applied, false))
	}
	a.printCallMatch(o.file, m, loc, true)
	return nil
}

// readCallLog reads and parses the call log ("-" is standard input). A
// file that cannot be read or is malformed is bad input (exit 2).
func (a *app) readCallLog(name, format string) ([]interchange.PhoneCall, error) {
	var r io.Reader = a.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, usagef("calls import: %v", unwrapPath(err))
		}
		defer f.Close()
		if info, err := f.Stat(); err == nil && info.IsDir() {
			return nil, usagef("calls import: %s is a folder; name the exported call log", name)
		}
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, interchange.MaxInput+1))
	if err != nil {
		return nil, fmt.Errorf("calls import: %w", err)
	}
	read, err := callLogFormat(name, format, b)
	if err != nil {
		return nil, err
	}
	calls, err := read(bytes.NewReader(b))
	if errors.Is(err, interchange.ErrFormat) || errors.Is(err, interchange.ErrTooLarge) {
		return nil, usagef("calls import %s: %v", name, err)
	}
	return calls, err
}

// callLogFormat is --format, else the extension's format, else what the
// file starts with: < for XML, [ for a JSON list.
func callLogFormat(name, format string, b []byte) (func(io.Reader) ([]interchange.PhoneCall, error), error) {
	if format != "" {
		read, ok := callLogFormats[strings.ToLower(strings.TrimSpace(format))]
		if !ok {
			return nil, usagef("--format %q: use sbr-xml (SMS Backup & Restore) or fossify-json (Fossify Phone)", format)
		}
		return read, nil
	}
	switch strings.ToLower(filepath.Ext(name)) {
	case ".xml":
		return interchange.ReadSBRCalls, nil
	case ".json":
		return interchange.ReadFossifyCalls, nil
	}
	switch t := bytes.TrimLeft(bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n"); {
	case bytes.HasPrefix(t, []byte("<")):
		return interchange.ReadSBRCalls, nil
	case bytes.HasPrefix(t, []byte("[")):
		return interchange.ReadFossifyCalls, nil
	}
	return nil, usagef("calls import %s: say which format it is with --format sbr-xml or --format fossify-json", name)
}

// phoneTouch is the touch a proposal logs.
func phoneTouch(p interchange.CallProposal, note string) store.PhoneTouch {
	return store.PhoneTouch{Key: p.Key, Entry: store.LogEntry{ContactID: p.ContactID, Kind: rotation.KindCall,
		Direction: p.Direction, Outcome: p.Outcome, Note: note, At: p.Call.At, Today: p.Day}}
}

func callsToJSON(m interchange.CallMatch, applied int, dryRun bool) callsImportJSON {
	out := callsImportJSON{Proposed: []callProposalJSON{}, Unknown: m.UnknownCalls, UnknownNumbers: []unknownNumberJSON{},
		AlreadyLogged: len(m.Already), Skipped: []skippedCallJSON{}, Applied: applied, DryRun: dryRun}
	for _, p := range m.Proposed {
		out.Proposed = append(out.Proposed, callProposalJSON{ContactID: p.ContactID, Name: p.Name, At: stampJSON(p.Call.At),
			Direction: string(p.Direction), Seconds: p.Call.Seconds, Outcome: string(p.Outcome), Returned: p.Returned, Record: p.Call.Num})
	}
	for _, u := range m.Unknown {
		out.UnknownNumbers = append(out.UnknownNumbers, unknownNumberJSON(u))
	}
	for _, s := range m.Skipped {
		out.Skipped = append(out.Skipped, skippedCallJSON{Record: s.Call.Num, Name: s.Name, At: stampJSON(s.Call.At), Reason: s.Reason})
	}
	return out
}

// callLine is one proposed call as the human output shows it.
func callLine(p interchange.CallProposal, loc *time.Location) []string {
	dir := "→ called"
	if p.Direction == rotation.In {
		dir = "← called in"
	}
	what := string(p.Outcome)
	if p.Returned {
		what = "missed: returned call"
	}
	return []string{p.Call.At.In(loc).Format("Mon Jan _2 15:04"), printableLine(p.Name), dir,
		fmt.Sprintf("%d:%02d", p.Call.Seconds/60, p.Call.Seconds%60), what}
}

// printCallMatch shows what an import proposes (or logged, when applied).
func (a *app) printCallMatch(file string, m interchange.CallMatch, loc *time.Location, applied bool) {
	o := a.out
	name := printableLine(filepath.Base(file))
	switch {
	case applied:
		o.printf("Logged %s from %s.\n", rotation.Plural(len(m.Proposed), "call"), name)
	case len(m.Proposed) == 0:
		o.printf("Nothing to log from %s.\n", name)
	default:
		o.printf("Would log %s from %s:\n", rotation.Plural(len(m.Proposed), "call"), name)
	}
	var rows [][]string
	for _, p := range m.Proposed {
		rows = append(rows, append([]string{" "}, callLine(p, loc)...))
	}
	if len(rows) > 0 {
		o.table(rows)
	}
	if n := len(m.Already); n > 0 {
		o.printf("%s\n", o.dim.Render(fmt.Sprintf("Already in the book: %s.", rotation.Plural(n, "call"))))
	}
	if m.UnknownCalls > 0 {
		o.printf("Not a contact's number (%s, not added):\n", rotation.Plural(m.UnknownCalls, "call"))
		var rows [][]string
		for _, u := range m.Unknown {
			number := printableLine(u.Number)
			if number == "" {
				number = "(hidden number)"
			}
			rows = append(rows, []string{" ", number, printableLine(u.Name), rotation.Plural(u.Calls, "call")})
		}
		o.table(rows)
	}
	if len(m.Skipped) > 0 {
		o.printf("Skipped:\n")
		var rows [][]string
		for _, s := range m.Skipped {
			who := printableLine(s.Name)
			if who == "" {
				who = printableLine(s.Call.Number)
			}
			rows = append(rows, []string{" ", s.Call.At.In(loc).Format("Mon Jan _2 15:04"), who, printableLine(s.Reason)})
		}
		o.table(rows)
	}
	if !applied && len(m.Proposed) > 0 {
		o.printf("%s\n", o.dim.Render("Nothing changed (--dry-run); --yes logs them, a terminal reviews them."))
	}
}

// reviewCalls opens the review list and logs what it accepted.
func (a *app) reviewCalls(ctx context.Context, s *store.Store, m interchange.CallMatch, loc *time.Location) error {
	if len(m.Proposed) == 0 {
		a.printCallMatch("the call log", m, loc, false)
		return nil
	}
	items := make([]tui.ReviewCall, 0, len(m.Proposed))
	for _, p := range m.Proposed {
		items = append(items, tui.ReviewCall{Name: p.Name, At: p.Call.At.In(loc), Direction: string(p.Direction),
			Seconds: p.Call.Seconds, Outcome: p.Outcome, Returned: p.Returned})
	}
	var summary []string
	if n := len(m.Already); n > 0 {
		summary = append(summary, rotation.Plural(n, "call")+" already in the book")
	}
	if m.UnknownCalls > 0 {
		summary = append(summary, fmt.Sprintf("%s of numbers that are no contact's", rotation.Plural(m.UnknownCalls, "call")))
	}
	if n := len(m.Skipped); n > 0 {
		summary = append(summary, rotation.Plural(n, "call")+" skipped")
	}
	p := tea.NewProgram(tui.NewCallReview(items, strings.Join(summary, " · "), true), tea.WithContext(ctx),
		tea.WithInput(a.stdin), tea.WithOutput(a.stdout))
	final, err := p.Run()
	if errors.Is(err, tea.ErrInterrupted) || errors.Is(err, tea.ErrProgramKilled) {
		a.out.printf("Nothing logged.\n")
		return nil
	}
	if err != nil {
		return err
	}
	r, ok := final.(tui.CallReview)
	if !ok {
		return errors.New("the review list ended without its answer")
	}
	apply, accepted, notes := r.Result()
	if !apply || len(accepted) == 0 {
		a.out.printf("Nothing logged.\n")
		return nil
	}
	touches := make([]store.PhoneTouch, 0, len(accepted))
	for _, i := range accepted {
		touches = append(touches, phoneTouch(m.Proposed[i], notes[i]))
	}
	if _, err := s.ImportCalls(ctx, touches); err != nil {
		return err
	}
	a.out.printf("Logged %s; %s skipped.\n", rotation.Plural(len(touches), "call"), rotation.Plural(len(m.Proposed)-len(touches), "call"))
	return nil
}
