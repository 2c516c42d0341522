package tui

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"rotate/rotation"
)

// TestSmokeLogACall runs the whole program against a real temporary book:
// open Today, log a reached call with a note and a follow-up, quit, and
// check the book afterwards.
func TestSmokeLogACall(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	m := New(context.Background(), asPersonal(s), Options{Today: today, Now: clock, Dark: true})
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(80, 24))
	tm.Send(tea.BackgroundColorMsg{})

	waitFor(t, tm, "Jane Doe")
	tm.Send(press("enter"))
	waitFor(t, tm, "Log call")
	tm.Send(press("r"))
	tm.Type("Smoke test note")
	tm.Send(press("tab")) // from the notes straight to the new follow-ups
	tm.Type("Call about the smoke test")
	tm.Send(press("ctrl+s"))
	// The screen is drawn as cell updates, so a status text may arrive in
	// pieces: wait on the book instead.
	ctx := context.Background()
	jane, err := s.Find(ctx, "Jane Doe")
	if err != nil {
		t.Fatal(err)
	}
	var calls []rotation.Call
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if calls, _ = s.Calls(ctx, jane.ID, 1); len(calls) > 0 && calls[0].Note == "Smoke test note" {
			break
		}
	}
	// Keys are ignored while a save is in flight; give the saved message
	// time to close the form before quitting from the list.
	time.Sleep(500 * time.Millisecond)
	tm.Send(press("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if final.log != nil {
		t.Fatal("the log form is still open at the end")
	}
	jane, _ = s.Find(ctx, "Jane Doe")
	if len(calls) != 1 || calls[0].Note != "Smoke test note" || calls[0].Outcome != rotation.Reached {
		t.Fatalf("stored call = %+v", calls)
	}
	if jane.Due.String() != "2027-02-22" {
		t.Fatalf("next due = %s, want 2027-02-22", jane.Due)
	}
	fus, _ := s.FollowUps(ctx, jane.ID, true)
	if len(fus) == 0 || fus[0].Text != "Call about the smoke test" {
		t.Fatalf("follow-ups = %+v", fus)
	}
}

func waitFor(t *testing.T, tm *teatest.TestModel, text string) {
	t.Helper()
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return bytes.Contains(b, []byte(text)) || strings.Contains(stripAll(b), text)
	}, teatest.WithDuration(5*time.Second), teatest.WithCheckInterval(20*time.Millisecond))
}
