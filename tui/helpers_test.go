package tui

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rotate/rotation"
	"rotate/store"
	"rotate/store/pgtest"
)

// today is the fixed day of every TUI test: Wednesday 25 November 2026.
var today = rotation.MustDate("2026-11-25")

// clock is a fixed clock at 10:30 on today.
func clock() time.Time { return time.Date(2026, 11, 25, 10, 30, 0, 0, time.UTC) }

// newBook opens a fresh book on the backend under test: a file in a
// temporary folder, or a team book on PostgreSQL (the second pass).
func newBook(tb testing.TB) *store.Store {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "book.db")
	if pgtest.Postgres() {
		path = pgtest.NewDatabase(tb)
	}
	s, err := store.Open(context.Background(), path, store.Options{Now: clock})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	return s
}

// seedBook fills a book with a small, realistic morning: two overdue
// clients, two due today, one unreachable, one done already.
func seedBook(tb testing.TB, s *store.Store) {
	tb.Helper()
	ctx := context.Background()
	add := func(c rotation.Contact, due string) rotation.Contact {
		c.Due = rotation.MustDate(due)
		c.Status = rotation.Active
		out, err := s.AddContact(ctx, c, rotation.MustDate("2026-08-20"))
		if err != nil {
			tb.Fatal(err)
		}
		return out
	}
	logCall := func(id int64, o rotation.Outcome, day, note string, follow ...string) {
		d := rotation.MustDate(day)
		_, err := s.LogCall(ctx, rotation.LogEntry{ContactID: id, Outcome: o, Note: note,
			At: d.Time().Add(10 * time.Hour), Today: d, NewFollowUps: follow})
		if err != nil {
			tb.Fatal(err)
		}
	}
	jane := add(rotation.Contact{Name: "Jane Doe", Company: "Acme Corp", Tier: "A",
		Phones:   []rotation.Phone{{Number: "+1 555 0100", Label: "mobile"}},
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 90d")},
		Profile: rotation.Profile{Family: "Husband Tom, daughter Jennifer (12)", Occupation: "CFO at Acme",
			Recreation: "Sailing", Message: "Wants to retire at 60"},
		Birthday: rotation.MustDate("1970-12-01")}, "2026-08-20")
	logCall(jane.ID, rotation.Reached, "2026-08-20", "Talked about Jennifer's ballet recital and their Alaska cruise plans.",
		"How did Jennifer's ballet recital go?", "How was the Alaska cruise?")
	if err := s.SetDue(ctx, jane.ID, rotation.MustDate("2026-11-18")); err != nil {
		tb.Fatal(err)
	}
	bob := add(rotation.Contact{Name: "Bob Smith", Company: "Smith & Sons", Tier: "B",
		Phones:   []rotation.Phone{{Number: "+1 555 0199"}},
		Schedule: rotation.Schedule{Rule: rotation.MustRule("weekly fri")}}, "2026-11-20")
	_ = bob
	jurgen := add(rotation.Contact{Name: "Jürgen Müller", Tier: "C",
		Phones:   []rotation.Phone{{Number: "+49 30 1234567"}},
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 6m")}}, "2026-11-16")
	logCall(jurgen.ID, rotation.Voicemail, "2026-11-16", "")
	logCall(jurgen.ID, rotation.NoAnswer, "2026-11-17", "")
	logCall(jurgen.ID, rotation.Voicemail, "2026-11-19", "Left a message about the renewal.")
	if err := s.SetDue(ctx, jurgen.ID, today); err != nil {
		tb.Fatal(err)
	}
	add(rotation.Contact{Name: "Carol King", Tier: "A", Phones: []rotation.Phone{{Number: "555-1234"}},
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d")}}, "2026-11-25")
	dan := add(rotation.Contact{Name: "Dan Brown", Tier: "B",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 90d")}}, "2026-11-25")
	logCall(dan.ID, rotation.Reached, "2026-11-25", "Quick hello, all well.")
	add(rotation.Contact{Name: "Erin Later", Tier: "B",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 90d")}}, "2026-11-30")
}

// run feeds messages to a model, running the commands they return the way
// the Bubble Tea runtime would (store calls included), except timers,
// quitting and terminal queries, which are left out.
func run(tb testing.TB, m Model, msgs ...tea.Msg) Model {
	tb.Helper()
	for _, msg := range msgs {
		m = step(tb, m, msg, 0)
	}
	return m
}

func step(tb testing.TB, m Model, msg tea.Msg, depth int) Model {
	tb.Helper()
	if depth > 20 {
		tb.Fatalf("commands did not settle")
	}
	next, cmd := m.Update(msg)
	m = next.(Model)
	for _, out := range drain(cmd) {
		m = step(tb, m, out, depth+1)
	}
	return m
}

// drain runs a command and returns the messages it produces, flattening
// batches and sequences and dropping timers and terminal requests.
func drain(cmd tea.Cmd) []tea.Msg {
	if cmd == nil {
		return nil
	}
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	var msg tea.Msg
	select {
	case msg = <-done:
	case <-time.After(drainWait):
		return nil // a timer (debounce, status, blink): not part of a table step
	}
	switch msg := msg.(type) {
	case tea.BatchMsg:
		var out []tea.Msg
		for _, c := range msg {
			out = append(out, drain(c)...)
		}
		return out
	case tea.QuitMsg, nil:
		return nil
	}
	if isInternal(msg) {
		return nil
	}
	return []tea.Msg{msg}
}

// isInternal reports messages that only the runtime acts on.
func isInternal(msg tea.Msg) bool {
	switch msg.(type) {
	case tea.BackgroundColorMsg, tea.WindowSizeMsg:
		return false
	}
	name := typeName(msg)
	return name == "tea.sequenceMsg" || name == "tea.setClipboardMsg" || name == "tea.backgroundColorRequestMsg" ||
		name == "tea.execMsg" || name == "cursor.BlinkMsg" || name == "cursor.initialBlinkMsg"
}

// personalView hides who is signed in to a team book (the PostgreSQL
// pass), so that the tests and goldens of every view show the same screen
// on both backends; team_test.go shows the header of a team book.
type personalView struct{ Store }

// asPersonal is s as the generic tests see it.
func asPersonal(s *store.Store) Store { return personalView{s} }

// open builds a model over a seeded book, sized and loaded.
func open(tb testing.TB, s *store.Store, w, h int) Model {
	tb.Helper()
	m := New(context.Background(), asPersonal(s), Options{Today: today, Now: clock, Dark: true})
	m.tick = func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }
	m = run(tb, m, tea.WindowSizeMsg{Width: w, Height: h})
	for _, msg := range drain(m.Init()) {
		m = step(tb, m, msg, 0)
	}
	return m
}

// screen is the plain text of the view.
func screen(m Model) string { return ansi.Strip(m.View().Content) }

// press builds a key press from its name ("j", "enter", "ctrl+s", "space").
func press(k string) tea.KeyPressMsg {
	switch k {
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	case "tab":
		return tea.KeyPressMsg{Code: tea.KeyTab}
	case "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case "space":
		return tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "down":
		return tea.KeyPressMsg{Code: tea.KeyDown}
	case "backspace":
		return tea.KeyPressMsg{Code: tea.KeyBackspace}
	}
	if len(k) > 5 && k[:5] == "ctrl+" {
		return tea.KeyPressMsg{Code: rune(k[5]), Mod: tea.ModCtrl}
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// typeText presses a key for every character of s.
func typeText(s string) []tea.Msg {
	var out []tea.Msg
	for _, r := range s {
		if r == ' ' {
			out = append(out, press("space"))
			continue
		}
		out = append(out, tea.KeyPressMsg{Code: r, Text: string(r)})
	}
	return out
}

func ansiWidth(s string) int { return ansi.StringWidth(s) }

// sequenceCmds opens a tea.Sequence message into its commands.
func sequenceCmds(tb testing.TB, msg tea.Msg) []tea.Cmd {
	tb.Helper()
	v := reflect.ValueOf(msg)
	if v.Kind() != reflect.Slice {
		tb.Fatalf("%T is not a sequence", msg)
	}
	var out []tea.Cmd
	for i := 0; i < v.Len(); i++ {
		if c, ok := v.Index(i).Interface().(tea.Cmd); ok && c != nil {
			out = append(out, c)
		}
	}
	return out
}

// stripAll removes escape sequences from raw terminal output.
func stripAll(b []byte) string { return ansi.Strip(string(b)) }

// drainWait is how long drain waits for a command before taking it for a
// timer. Every timer in the model goes through Model.tick, which tests stub
// out, and cursors do not blink, so a full run of the package meets none
// (counted on 3 December 2026); the wait is long so that a store call
// under -race on a loaded machine (5 s once was not) is never taken for a
// timer.
const drainWait = 60 * time.Second
