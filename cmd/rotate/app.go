package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/adrg/xdg"
	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// version is set by the build (-ldflags "-X main.version=...").
var version = "dev"

// app is what every command needs: where the book is, what day it is,
// and where to write.
type app struct {
	dbFlag string
	// everyone is `today --all`: on a team book, every contact the
	// person may see, not only theirs and the unassigned ones.
	everyone bool
	env      map[string]string
	stdin    io.Reader
	stdout   io.Writer
	stderr   io.Writer
	out      *output
	clock    func() time.Time
	zoneOf   func(number string) string // see numberZones
}

// run executes one rotate command line and returns the exit code. A panic
// is no bad input: it reads as one line and exit code 1, not a stack trace.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer, environ []string) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintln(stderr, "rotate: an internal error stopped the command ("+clip(printableLine(fmt.Sprint(r)), 120)+"); please report it")
			code = 1
		}
	}()
	a := &app{env: envMap(environ), stdin: stdin, stdout: stdout, stderr: stderr, clock: time.Now}
	a.out = newOutput(stdout, environ)
	if v := a.env["ROTATE_NOW"]; v != "" {
		// A fixed clock, for tests and demos: the time of calls logged
		// and "now" for calling hours; its date is today unless
		// ROTATE_TODAY says otherwise.
		t, err := time.Parse(time.RFC3339, strings.TrimSpace(v))
		if err != nil {
			fmt.Fprintln(stderr, "rotate: ROTATE_NOW "+strconv.Quote(clip(printableLine(v), 60))+": want an RFC 3339 time such as 2026-12-03T15:04:05Z")
			return 2
		}
		a.clock = func() time.Time { return t }
	}
	root := a.rootCommand()
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	err := root.ExecuteContext(context.Background())
	if err == nil {
		return 0
	}
	// Locked, full or damaged: one line that says what to do.
	err = store.Explain(err)
	// What to type about it: the lower layers say only what is wrong.
	err = withAdvice(err)
	// Errors quote what was typed and stored (names, files): shown safely.
	fmt.Fprintln(stderr, "rotate: "+printableLine(err.Error()))
	return exitCode(err)
}

func envMap(environ []string) map[string]string {
	m := make(map[string]string, len(environ))
	for _, kv := range environ {
		if k, v, ok := strings.Cut(kv, "="); ok {
			m[k] = v
		}
	}
	return m
}

// usageError marks a mistake in what was typed: exit code 2.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

// usagef builds a usage error (exit code 2).
func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// exitCode maps an error to docs/CLI.md's codes: 2 for bad usage or bad input,
// 1 for everything else.
func exitCode(err error) int {
	var ue usageError
	switch {
	case errors.As(err, &ue),
		errors.Is(err, store.ErrNotFound),
		errors.Is(err, store.ErrAmbiguous),
		errors.Is(err, store.ErrInvalid),
		errors.Is(err, rotation.ErrBadDate),
		errors.Is(err, rotation.ErrBadRule),
		errors.Is(err, rotation.ErrNeedDate):
		return 2
	}
	return 1
}

// today is the day the command works for: ROTATE_TODAY or the local date.
func (a *app) today() (rotation.Date, error) {
	if v := a.env["ROTATE_TODAY"]; v != "" {
		d, err := rotation.ParseISO(v)
		if err != nil {
			return 0, usagef("ROTATE_TODAY: %v", err)
		}
		return d, nil
	}
	return rotation.DateOf(a.clock()), nil
}

// now is the moment a call is logged: the current time of day on today,
// so that ROTATE_TODAY back-fills calls on the day it names.
func (a *app) now() time.Time {
	t := a.clock()
	d, err := a.today()
	if err != nil || d == rotation.DateOf(t) {
		return t
	}
	y, m, day := d.Time().Date()
	return time.Date(y, m, day, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}

// dbPath is --db, else ROTATE_DB, else the XDG data folder.
func (a *app) dbPath() (string, error) {
	if a.dbFlag != "" {
		return a.dbFlag, nil
	}
	if v := a.env["ROTATE_DB"]; v != "" {
		return v, nil
	}
	if v := a.env["XDG_DATA_HOME"]; v != "" && filepath.IsAbs(v) {
		return filepath.Join(v, "rotate", "rotate.db"), nil
	}
	xdg.Reload()
	if xdg.DataHome == "" {
		return "", fmt.Errorf("no data folder: set --db or ROTATE_DB")
	}
	return filepath.Join(xdg.DataHome, "rotate", "rotate.db"), nil
}

// open opens the book for one command.
func (a *app) open(ctx context.Context) (*store.Store, error) {
	path, err := a.dbPath()
	if err != nil {
		return nil, err
	}
	return a.openPath(ctx, path)
}

// checkFolder refuses a book path given by the user whose folder does not
// exist: most likely a typo, and creating folders there would hide it. The
// default path's folder is created as needed.
func (a *app) checkFolder(path string) error {
	if a.dbFlag == "" && a.env["ROTATE_DB"] == "" || store.IsTeamURL(path) {
		return nil
	}
	dir := filepath.Dir(path)
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		return usagef("the folder %s does not exist; create it first or fix the path of --db / ROTATE_DB", dir)
	}
	return nil
}

// openPath opens the book at path with the command's clock.
func (a *app) openPath(ctx context.Context, path string) (*store.Store, error) {
	if looksLikeConnString(path) {
		// Else a file would be made whose name holds the password.
		return nil, usagef("--db looks like a PostgreSQL connection string; give a team book as a URL: postgres://ROLE@HOST/DATABASE (the password in PGPASSWORD or ~/.pgpass)")
	}
	if err := a.checkFolder(path); err != nil {
		return nil, err
	}
	return store.Open(ctx, path, store.Options{Now: a.now, Everyone: a.everyone, ZoneOf: a.bestTimeZone()})
}

// withStore opens the book, runs fn and closes it again.
func (a *app) withStore(cmd *cobra.Command, fn func(ctx context.Context, s *store.Store, today rotation.Date) error) error {
	today, err := a.today()
	if err != nil {
		return err
	}
	ctx := cmd.Context()
	s, err := a.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	return fn(ctx, s, today)
}

// parseDate reads a date flag in words, as a usage error when bad.
// typedDate reads a date typed for a next call (--next, --due, snooze) and
// places it on the book's calendar: relative words land on a workday, a
// date or weekday is kept as given (rotation.ParseTypedDate).
func typedDate(ctx context.Context, s *store.Store, flag, words string, today rotation.Date) (rotation.TypedDate, rotation.Calendar, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return rotation.TypedDate{}, rotation.Calendar{}, err
	}
	cal := set.Calendar()
	t, err := rotation.ParseTypedDate(words, today, cal)
	if err != nil {
		return t, cal, fmt.Errorf("%s: %w", flag, err)
	}
	return t, cal, nil
}

// typedDateTime is typedDate for a date with an optional time of day at
// its end ("thu 3pm", rotation.ParseTypedDateTime).
func typedDateTime(ctx context.Context, s *store.Store, flag, words string, today rotation.Date) (rotation.TypedDate, rotation.Clock, rotation.Calendar, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return rotation.TypedDate{}, 0, rotation.Calendar{}, err
	}
	cal := set.Calendar()
	t, at, err := rotation.ParseTypedDateTime(words, today, cal)
	if err != nil {
		return t, 0, cal, usageError{fmt.Errorf("%s: %w", flag, err)}
	}
	return t, at, cal, nil
}

// dateNote prints what placing a typed date did, when it did something:
// a date kept on a day off, relative words moved to a workday.
func (a *app) dateNote(t rotation.TypedDate, today rotation.Date, cal rotation.Calendar) {
	if n := t.Note(today, cal); n != "" {
		a.out.printf("%s\n", a.out.dim.Render(n))
	}
}

func parseDate(flag, words string, today rotation.Date) (rotation.Date, error) {
	d, err := rotation.ParseDate(words, today)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", flag, err)
	}
	return d, nil
}

// readFileArg reads a file named on the command line ("-" is stdin).
func (a *app) readFileArg(name string) (string, error) {
	if name == "-" {
		b, err := io.ReadAll(a.stdin)
		return string(b), err
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return "", usagef("read %s: %v", name, err)
	}
	return string(b), nil
}

// looksLikeConnString reports whether a book path is a libpq keyword
// string ("host=db user=alice password=…") rather than a file.
func looksLikeConnString(path string) bool {
	if store.IsTeamURL(path) {
		return false
	}
	for _, f := range strings.Fields(path) {
		k, _, ok := strings.Cut(f, "=")
		switch {
		case !ok:
		case k == "host" || k == "hostaddr" || k == "dbname" || k == "user" || k == "password" || k == "port" || k == "sslmode":
			return true
		}
	}
	return false
}
