package tui

import (
	"context"
	"image/color"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

func TestTodayListOrderAndRows(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 80, 24)
	var names []string
	for _, it := range m.agenda.Due {
		names = append(names, it.Name)
	}
	// Overdue first (Jane A, Bob B), then due today by tier (Carol A,
	// Jürgen C); Dan was called today and Erin is not due.
	want := []string{"Jane Doe", "Bob Smith", "Carol King", "Jürgen Müller"}
	if strings.Join(names, ",") != strings.Join(want, ",") {
		t.Fatalf("due order = %v, want %v", names, want)
	}
	out := screen(m)
	for _, s := range []string{
		"Wed 25 Nov · 1 of 5 done · ~40 min left",
		"Jane Doe",
		"7d late",
		"90d rotation · last talk 97 days ago",
		"Friday status",
		"retry 3 · voicemail Thu",
		"⚠ unreachable",
		"Done today",
		"✓ Dan Brown  reached",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("screen lacks %q:\n%s", s, out)
		}
	}
}

func TestTodayNavigation(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	tests := []struct {
		name string
		keys []string
		want string // the selected contact
	}{
		{"starts on the first", nil, "Jane Doe"},
		{"j moves down", []string{"j"}, "Bob Smith"},
		{"arrow down too", []string{"down", "down"}, "Carol King"},
		{"k moves up", []string{"j", "j", "k"}, "Bob Smith"},
		{"stops at the top", []string{"k", "up"}, "Jane Doe"},
		{"stops at the bottom", []string{"j", "j", "j", "j", "j", "j"}, "Jürgen Müller"},
		{"G goes to the last", []string{"G"}, "Jürgen Müller"},
		{"g back to the first", []string{"G", "g"}, "Jane Doe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := open(t, s, 80, 24)
			for _, k := range tt.keys {
				m = run(t, m, press(k))
			}
			it, ok := m.selected()
			if !ok || it.Name != tt.want {
				t.Fatalf("selected %q, want %q", it.Name, tt.want)
			}
			if m.briefing == nil || m.briefing.Contact.Name != tt.want {
				t.Fatalf("briefing not loaded for %q", tt.want)
			}
			if !strings.Contains(screen(m), "▸ "+tt.want[:4]) {
				t.Fatalf("cursor not drawn on %q:\n%s", tt.want, screen(m))
			}
		})
	}
}

func TestBriefingShowsWhatToBringUp(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 140, 40)
	out := screen(m)
	for _, want := range []string{
		"Jane Doe · Acme Corp",
		"☎ +1 555 0100 mobile",
		"Tier A · every 90d · last talk 97 days ago",
		"Birthday Tue 1 Dec (in 6 days)",
		"Bring up",
		"• How was the Alaska cruise?",
		"• How did Jennifer's ballet recital go?",
		"Family     Husband Tom, daughter Jennifer (12)",
		"Message    Wants to retire at 60",
		"Last conversations",
		"Thu 20 Aug · reached",
		"Talked about Jennifer's ballet recital",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("wide screen lacks %q:\n%s", want, out)
		}
	}
	// Unreachable contacts say so and suggest another channel.
	m = run(t, m, press("G"))
	if out := screen(m); !strings.Contains(out, "Unreachable: 3 missed calls in a row. Try email") {
		t.Errorf("no unreachable advice:\n%s", out)
	}
}

func TestNarrowBriefingToggles(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 80, 24)
	if strings.Contains(screen(m), "Bring up") {
		t.Fatal("narrow screen shows the briefing before it is asked for")
	}
	m = run(t, m, press("b"))
	if out := screen(m); !strings.Contains(out, "Bring up") || strings.Contains(out, "Friday status") {
		t.Fatalf("b did not swap the list for the briefing:\n%s", out)
	}
	m = run(t, m, press("b"))
	if !strings.Contains(screen(m), "Friday status") {
		t.Fatal("b did not bring the list back")
	}
}

func TestEmptyStates(t *testing.T) {
	t.Run("empty book says how to start", func(t *testing.T) {
		m := open(t, newBook(t), 80, 24)
		out := screen(m)
		for _, want := range []string{"Your book is empty.", "2 for Contacts, then a", "rotate import contacts.vcf", "rotate demo"} {
			if !strings.Contains(out, want) {
				t.Errorf("lacks %q:\n%s", want, out)
			}
		}
		// What it says works: 2 then a opens the form for a new contact.
		m = run(t, m, press("2"), press("a"))
		if m.form == nil {
			t.Errorf("2 then a did not open the contact form:\n%s", screen(m))
		}
	})
	t.Run("nothing due says when the next calls are", func(t *testing.T) {
		s := newBook(t)
		_, err := s.AddContact(context.Background(), rotation.Contact{Name: "Later", Tier: "B",
			Schedule: rotation.Schedule{Rule: rotation.MustRule("every 90d"), Due: rotation.MustDate("2026-11-30")}}, today)
		if err != nil {
			t.Fatal(err)
		}
		out := screen(open(t, s, 80, 24))
		for _, want := range []string{"Nothing due today.", "Next: 1 call on Mon 30 Nov (in 5 days)."} {
			if !strings.Contains(out, want) {
				t.Errorf("lacks %q:\n%s", want, out)
			}
		}
	})
}

func TestHelpListsEveryKey(t *testing.T) {
	m := open(t, newBook(t), 80, 24)
	m = run(t, m, press("?"))
	out := screen(m)
	for _, want := range []string{"enter", "log a call", "copy phone", "quit", "briefing"} {
		if !strings.Contains(out, want) {
			t.Errorf("help lacks %q:\n%s", want, out)
		}
	}
	m = run(t, m, press("j"))
	if strings.Contains(screen(m), "any key closes this") {
		t.Fatal("a key did not close the help")
	}
}

func TestCopyPhoneKeepsNumberVisible(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 80, 24)
	next, cmd := m.Update(press("y"))
	m = next.(Model)
	if cmd == nil {
		t.Fatal("y returned no command (expected the clipboard write)")
	}
	if out := screen(m); !strings.Contains(out, "Copied +1 555 0100") {
		t.Fatalf("no confirmation:\n%s", out)
	}
}

func TestQuitKeys(t *testing.T) {
	m := open(t, newBook(t), 80, 24)
	for _, k := range []string{"q", "ctrl+c"} {
		_, cmd := m.Update(press(k))
		if cmd == nil {
			t.Fatalf("%s returned no command", k)
		}
		if _, ok := cmd().(tea.QuitMsg); !ok {
			t.Fatalf("%s did not quit", k)
		}
	}
}

func TestResizeRelaysOut(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := open(t, s, 80, 24)
	for _, size := range [][2]int{{140, 40}, {60, 15}, {200, 60}, {80, 24}} {
		m = run(t, m, tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		lines := strings.Split(screen(m), "\n")
		if len(lines) > size[1] {
			t.Errorf("%dx%d: %d lines", size[0], size[1], len(lines))
		}
		for i, l := range lines {
			if w := displayWidth(l); w > size[0] {
				t.Errorf("%dx%d: line %d is %d wide: %q", size[0], size[1], i, w, l)
			}
		}
	}
}

func TestLightTerminal(t *testing.T) {
	m := open(t, newBook(t), 80, 24)
	if !m.styles.IsDark {
		t.Fatal("starts dark")
	}
	m = run(t, m, tea.BackgroundColorMsg{Color: color.White})
	if m.styles.IsDark {
		t.Fatal("a white background did not switch to light styles")
	}
	m = run(t, m, tea.BackgroundColorMsg{Color: color.Black})
	if !m.styles.IsDark {
		t.Fatal("a black background did not switch back to dark styles")
	}
}
