package tui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
	"rotate/store/pgtest"
)

// TestHostileAndWideText: names and notes with escape sequences, control
// characters, invalid UTF-8, CJK and emoji are shown safely and fit.
func TestHostileAndWideText(t *testing.T) {
	s := newBook(t)
	ctx := context.Background()
	evil := "Mallory \x1b]52;c;ZXZpbA==\x07\x1b[2J\x1b[31mRed\x00\xff"
	wide := "王小明 (Xiaoming Wang) 🚀 with a very long name that goes on and on"
	for _, name := range []string{evil, wide} {
		c, err := s.AddContact(ctx, rotation.Contact{Name: name, Tier: "A", Company: "東京商事 🏢",
			Phones:   []rotation.Phone{{Number: "+81 3 \x1b[1m1234"}},
			Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: today}}, today)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.LogCall(ctx, rotation.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, At: clock(),
			Today: today.AddDays(-3), Note: "note with \x1b[?1049l escape and 日本語のメモ " + strings.Repeat("長い", 80),
			Next: today}); err != nil {
			t.Fatal(err)
		}
	}
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		m := open(t, s, size[0], size[1])
		for _, keys := range [][]string{nil, {"j"}, {"enter", "r"}} {
			mm := m
			for _, k := range keys {
				mm = run(t, mm, press(k))
			}
			raw := mm.View().Content
			for _, bad := range []string{"\x1b]52", "\x1b[2J", "\x1b[?1049l", "\x07", "\x00"} {
				if strings.Contains(raw, bad) {
					t.Fatalf("%dx%d %v: the view carries %q from the data", size[0], size[1], keys, bad)
				}
			}
			lines := strings.Split(screen(mm), "\n")
			if len(lines) > size[1] {
				t.Errorf("%dx%d %v: %d lines", size[0], size[1], keys, len(lines))
			}
			for i, l := range lines {
				if w := displayWidth(l); w > size[0] {
					t.Errorf("%dx%d %v: line %d is %d cells: %q", size[0], size[1], keys, i, w, l)
				}
			}
		}
	}
	m := open(t, s, 140, 40)
	want := "Mallory ^[]52;c;ZXZpbA==^G^[[2J^[[31mRed^@\uFFFD"
	if pgtest.Postgres() {
		// PostgreSQL text holds no NUL: the book has U+FFFD there.
		want = "Mallory ^[]52;c;ZXZpbA==^G^[[2J^[[31mRed\uFFFD\uFFFD"
	}
	if out := screen(m); !strings.Contains(out, want) {
		t.Fatalf("escape sequences not shown in caret form:\n%s", out)
	}
	// A 1 MB note stays responsive: opening the contact and typing work.
	big := strings.Repeat("lorem ipsum ", 90000)
	if _, err := s.LogCall(ctx, rotation.LogEntry{ContactID: 1, Outcome: rotation.Voicemail, At: clock(),
		Today: today.AddDays(-1), Note: big, Next: today}); err != nil {
		t.Fatal(err)
	}
	m = open(t, s, 140, 40)
	m = run(t, m, press("enter"), press("r"), tea.KeyPressMsg{Code: 'x', Text: "x"})
	if m.log == nil || m.log.note.Value() != "x" {
		t.Fatal("typing after a 1 MB note failed")
	}
}

// TestTenThousandFollowUps: a contact with 10,000 open follow-ups opens,
// shows a bounded briefing and can be logged, ticking the last one.
func TestTenThousandFollowUps(t *testing.T) {
	s := newBook(t)
	ctx := context.Background()
	c, err := s.AddContact(ctx, rotation.Contact{Name: "Busy Bee", Tier: "A",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: today}}, today)
	if err != nil {
		t.Fatal(err)
	}
	var fus []string
	for i := range 10000 {
		fus = append(fus, fmt.Sprintf("follow-up number %d", i))
	}
	if _, err := s.LogCall(ctx, rotation.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, At: clock(),
		Today: today.AddDays(-1), NewFollowUps: fus, Next: today}); err != nil {
		t.Fatal(err)
	}
	m := open(t, s, 140, 40)
	out := screen(m)
	if !strings.Contains(out, "more (enter on the contact") || len(strings.Split(out, "\n")) > 40 {
		t.Fatalf("briefing not bounded:\n%s", out)
	}
	m = run(t, m, press("enter"), press("r"), press("ctrl+t"), tea.KeyPressMsg{Code: tea.KeyEnd}, press("space"), press("ctrl+s"))
	if m.log != nil {
		t.Fatalf("not saved:\n%s", screen(m))
	}
	open, _ := s.FollowUps(ctx, c.ID, true)
	if len(open) != 9999 {
		t.Fatalf("%d open follow-ups after ticking one, want 9999", len(open))
	}
	// The oldest (listed last) was the one ticked.
	for _, f := range open {
		if f.Text == "follow-up number 0" {
			t.Fatal("end then space did not tick the last follow-up")
		}
	}
}

func TestCleanKeepsPlainText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jane Doe", "Jane Doe"},
		{"Jürgen Müller 王小明 🚀", "Jürgen Müller 王小明 🚀"},
		{"two\nlines\ttab", "two\nlines\ttab"},
		{"esc\x1b[31mred", "esc^[[31mred"},
		{"bell\x07", "bell^G"},
		{"del\x7f", "del^?"},
		{"c1\u009b31m", "c1\uFFFD31m"},
		{"bad\xffutf8", "bad\uFFFDutf8"},
		{"bidi\u202eevil", "bidievil"},
	}
	for _, tt := range tests {
		if got := rotation.Printable(tt.in); got != tt.want {
			t.Errorf("rotation.Printable(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	if got := rotation.PrintableLine("a\nb\tc"); got != "a b c" {
		t.Errorf("rotation.PrintableLine = %q", got)
	}
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"plain", "\x1b]52;c;AAAA\x07", "\xff\xfe", "王\u202e", "a\r\nb"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := rotation.Printable(s)
		for _, r := range out {
			if r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0 {
				t.Fatalf("rotation.Printable(%q) kept control %U", s, r)
			}
		}
		if rotation.Printable(out) != out {
			t.Fatalf("Clean is not idempotent on %q", s)
		}
	})
}

// clipboardOf runs the command a key returned and gives the text it puts
// on the clipboard, if it does.
func clipboardOf(t *testing.T, cmd tea.Cmd) (string, bool) {
	t.Helper()
	if cmd == nil {
		return "", false
	}
	var find func(tea.Msg) (string, bool)
	find = func(msg tea.Msg) (string, bool) {
		switch msg := msg.(type) {
		case tea.BatchMsg:
			for _, c := range msg {
				if c == nil {
					continue
				}
				if s, ok := find(c()); ok {
					return s, true
				}
			}
			return "", false
		}
		if typeName(msg) == "tea.setClipboardMsg" {
			return fmt.Sprint(msg), true
		}
		return "", false
	}
	return find(cmd())
}

// TestCopyPhoneCopiesOnlyTheNumber: a number in the book with a line
// break, shell words and an escape (an older rotate, psql) is copied as
// its digits and punctuation alone, and shown so.
func TestCopyPhoneCopiesOnlyTheNumber(t *testing.T) {
	s := newBook(t)
	ctx := context.Background()
	if _, err := s.AddContact(ctx, rotation.Contact{Name: "Dora", Tier: "A",
		Phones:   []rotation.Phone{{Number: "+1 555\n0100; rm -rf ~\x1b]52;c;ZXZpbA==\x07\u202e"}},
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: today}}, today); err != nil {
		t.Fatal(err)
	}
	m := open(t, s, 100, 30)
	next, cmd := m.Update(press("y"))
	got, ok := clipboardOf(t, cmd)
	if !ok {
		t.Fatal("y wrote nothing to the clipboard")
	}
	if got != "+1 555 0100" {
		t.Errorf("clipboard %q, want exactly +1 555 0100", got)
	}
	if out := screen(next.(Model)); !strings.Contains(out, "Copied +1 555 0100 to the clipboard") {
		t.Errorf("the status does not show the number copied:\n%s", out)
	}
}

// TestPastedAndTypedEscapesAreDropped: a paste into the note (colored
// text from a mail, a terminal's reply, a clipboard write) brings its
// letters only, and so does a typed bidi override; the call saved and the
// draft kept hold no control character.
func TestPastedAndTypedEscapesAreDropped(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 100, 30)
	m = run(t, m, press("enter"), press("r"))
	if m.log == nil {
		t.Fatal("the log form did not open")
	}
	m = run(t, m, tea.PasteMsg{Content: "hi \x1b[31mred\x1b[0m\r\nnext\u202e \x1b]52;c;ZXZpbA==\x07end\u009b2J"})
	m = run(t, m, tea.KeyPressMsg{Code: 0x202e, Text: "\u202e"}, tea.KeyPressMsg{Code: '!', Text: "!"})
	if got, want := m.log.note.Value(), "hi red\nnext end!"; got != want {
		t.Errorf("note %q, want %q", got, want)
	}
	d := m.log.draft()
	e, err := m.log.entry(today, rotation.DefaultCalendar(), clock())
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []string{d.Note, e.Note} {
		for _, r := range v {
			if r != '\n' && rotation.Unsafe(r) {
				t.Fatalf("%q holds %U", v, r)
			}
		}
	}
	// A draft restored from a file or an older book is cleaned too.
	m.log.restore(rotation.Draft{ContactID: m.log.contact.ID, Note: "kept \x1b[2Jnote", FollowUps: "ask\u202e", Next: "fri\x1b[1m"})
	if m.log.note.Value() != "kept note" || m.log.newFU.Value() != "ask" || m.log.next.Value() != "fri" {
		t.Errorf("restored %q %q %q", m.log.note.Value(), m.log.newFU.Value(), m.log.next.Value())
	}
}
