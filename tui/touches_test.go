package tui

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/golden"

	"rotate/rotation"
)

// TestLogFromAnywhere logs a touch for someone not due from Contacts, a
// contact's history and the Search view, with the same form as Today's;
// the touch then shows in Today's "Done today".
func TestLogFromAnywhere(t *testing.T) {
	tests := []struct {
		name string
		who  string
		keys []string
	}{
		{"contacts", "Erin Later", []string{"2", "/", "type:Erin", "enter", "l"}},
		{"history", "Erin Later", []string{"2", "/", "type:Erin", "enter", "enter", "l"}},
		{"search", "Dan Brown", []string{"5", "type:hello", "pause", "ctrl+l"}},
		{"today", "Jane Doe", []string{"l"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newBook(t)
			seedBook(t, s)
			m := keysThen(t, open(t, s, 100, 30), tt.keys...)
			if m.log == nil || m.log.contact.Name != tt.who {
				t.Fatalf("no log form for %s:\n%s", tt.who, screen(m))
			}
			m = keysThen(t, m, "r", "type:Met at the club.", "ctrl+s")
			if m.log != nil {
				t.Fatalf("form still open after save:\n%s", screen(m))
			}
			c, err := s.Find(context.Background(), tt.who)
			if err != nil {
				t.Fatal(err)
			}
			calls, _ := s.Calls(context.Background(), c.ID, 1)
			if len(calls) != 1 || calls[0].Outcome != rotation.Reached || calls[0].Note != "Met at the club." {
				t.Fatalf("stored = %+v", calls)
			}
			m = keysThen(t, m, "esc", "esc", "1")
			out := screen(m)
			done := out[strings.Index(out, "Done today"):]
			if !strings.Contains(done, tt.who) {
				t.Fatalf("Done today lacks %s:\n%s", tt.who, out)
			}
		})
	}
}

// TestLogFormChannelAndDirection: ctrl+o switches the channel, ctrl+y
// marks the touch as theirs; the outcome keys follow (s is sent on a
// message, and on a call it is the note being typed), and the touch is
// saved as shown.
func TestLogFormChannelAndDirection(t *testing.T) {
	ctx := context.Background()
	t.Run("an e-mail sent keeps the planned call", func(t *testing.T) {
		s := newBook(t)
		seedBook(t, s)
		m := logKeys(t, open(t, s, 80, 24), "ctrl+o")
		if m.log.via != rotation.KindEmail || !strings.Contains(screen(m), "Log e-mail · Jane Doe") {
			t.Fatalf("ctrl+o did not switch to e-mail:\n%s", screen(m))
		}
		m = keysThen(t, m, "s", "type:Sent the leaflet.", "ctrl+s")
		c, _ := s.Find(ctx, "Jane Doe")
		calls, _ := s.Calls(ctx, c.ID, 1)
		if m.log != nil || len(calls) != 1 || calls[0].Kind != rotation.KindEmail || calls[0].Outcome != rotation.Sent {
			t.Fatalf("stored %+v:\n%s", calls, screen(m))
		}
		if c.Due != rotation.MustDate("2026-11-18") {
			t.Errorf("due %s, want the planned call kept (2026-11-18)", c.Due)
		}
		// The briefing says what happened since the last call; the
		// history says the channel.
		if out := screen(keysThen(t, m, "g", "b")); !strings.Contains(out, "Since e-mailed today: Sent the leaflet.") || !strings.Contains(out, "e-mail · sent") {
			t.Errorf("the briefing does not show the e-mail:\n%s", out)
		}
		if out := screen(keysThen(t, m, "2", "/", "type:Jane", "enter", "enter")); !strings.Contains(out, "Wed 25 Nov · e-mail · sent") {
			t.Errorf("the history does not show the e-mail:\n%s", out)
		}
	})
	t.Run("on a call s is typing, not an outcome", func(t *testing.T) {
		s := newBook(t)
		seedBook(t, s)
		m := logKeys(t, open(t, s, 80, 24), "s")
		if m.log.outcome != "" || m.log.note.Value() != "s" {
			t.Fatalf("s on a call: outcome %q note %q", m.log.outcome, m.log.note.Value())
		}
	})
	t.Run("their missed call is a returned call", func(t *testing.T) {
		s := newBook(t)
		seedBook(t, s)
		// Erin is not due: from Contacts, their call that was missed.
		m := keysThen(t, open(t, s, 80, 24), "2", "/", "type:Erin", "enter", "l", "ctrl+y")
		if m.log.dir != rotation.In || !strings.Contains(screen(m), "Log their call · Erin Later") {
			t.Fatalf("ctrl+y did not mark it inbound:\n%s", screen(m))
		}
		m = keysThen(t, m, "n")
		if !strings.Contains(screen(m), "a returned call, first on today's list") {
			t.Fatalf("the form does not say what their missed call does:\n%s", screen(m))
		}
		m = keysThen(t, m, "ctrl+s", "esc", "1")
		if it, ok := m.selected(); !ok || it.Name != "Erin Later" || !strings.Contains(screen(m), "returned call") {
			t.Fatalf("Erin is not first on Today as a returned call:\n%s", screen(m))
		}
		c, _ := s.Find(ctx, "Erin Later")
		calls, _ := s.Calls(ctx, c.ID, 1)
		if len(calls) != 1 || calls[0].Direction != rotation.In || calls[0].Outcome != rotation.NoAnswer {
			t.Fatalf("stored %+v", calls)
		}
	})
	t.Run("a switch drops an outcome the channel cannot have", func(t *testing.T) {
		s := newBook(t)
		seedBook(t, s)
		m := logKeys(t, open(t, s, 80, 24), "v", "ctrl+o")
		if m.log.outcome != "" {
			t.Fatalf("voicemail kept on an e-mail")
		}
		m = keysThen(t, m, "ctrl+o", "ctrl+o", "ctrl+o", "ctrl+o")
		if m.log.via != rotation.KindCall {
			t.Fatalf("five switches end on %q, want call again", m.log.via)
		}
	})
	t.Run("a callback keeps its time", func(t *testing.T) {
		s := newBook(t)
		seedBook(t, s)
		m := logKeys(t, open(t, s, 80, 24), "c", "tab", "tab", "type:fri 3pm")
		if !strings.Contains(screen(m), "Fri 27 Nov at 15:00") {
			t.Fatalf("the next call does not show its time:\n%s", screen(m))
		}
		m = keysThen(t, m, "ctrl+s")
		c, _ := s.Find(ctx, "Jane Doe")
		if m.log != nil || c.Due != rotation.MustDate("2026-11-27") || c.DueTime != rotation.ClockOf(15, 0) {
			t.Fatalf("due %s %s:\n%s", c.Due, c.DueTime, screen(m))
		}
	})
}

// touchBook is the seeded book with a returned call (Erin called and was
// missed) and two timed callbacks today, one near at the clock's 10:30.
func touchBook(t *testing.T) Model {
	t.Helper()
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	log := func(name string, e rotation.LogEntry) {
		c, err := s.Find(ctx, name)
		if err != nil {
			t.Fatal(err)
		}
		e.ContactID, e.Today, e.At = c.ID, today, today.Time().Add(9*time.Hour)
		if _, err := s.LogCall(ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	log("Erin Later", rotation.LogEntry{Direction: rotation.In, Outcome: rotation.NoAnswer})
	log("Carol King", rotation.LogEntry{Outcome: rotation.Callback, Next: today, NextTime: rotation.ClockOf(11, 0)})
	log("Bob Smith", rotation.LogEntry{Outcome: rotation.Callback, Next: today, NextTime: rotation.ClockOf(16, 30)})
	return open(t, s, 80, 24)
}

func TestTodayReturnedAndTimed(t *testing.T) {
	m := touchBook(t)
	var names []string
	for _, it := range m.agenda.Due {
		names = append(names, it.Name)
	}
	// 10:30: Carol's 11:00 is near and goes up, after the returned call;
	// Bob's 16:30 keeps its place.
	want := "Erin Later,Carol King,Jane Doe,Bob Smith,Jürgen Müller"
	if got := strings.Join(names, ","); got != want {
		t.Errorf("order %s, want %s", got, want)
	}
	out := screen(m)
	for _, s := range []string{"returned", "returned call · they called today", "at 11:00", "callback at 11:00", "at 16:30"} {
		if !strings.Contains(out, s) {
			t.Errorf("Today lacks %q:\n%s", s, out)
		}
	}
}

func TestGoldenTouches(t *testing.T) {
	for _, sc := range []struct {
		name string
		keys []string
	}{
		{"today_returned_timed", nil},
		{"log_email_inbound", []string{"down", "down", "enter", "ctrl+o", "ctrl+y", "r", "type:Wrote back about the renewal.", "tab", "tab", "type:thu 3pm"}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			m := keysThen(t, touchBook(t), sc.keys...)
			golden.RequireEqual(t, screen(m))
		})
	}
}
