package tui

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// searchSpy is a store that records the searches asked of it. A query
// it is told to hold waits until its context is cancelled.
type searchSpy struct {
	Store
	hold string

	mu      sync.Mutex
	queries []string
	ctxs    []context.Context
}

func (s *searchSpy) Search(ctx context.Context, query string, limit int) ([]rotation.SearchHit, error) {
	s.mu.Lock()
	s.queries = append(s.queries, query)
	s.ctxs = append(s.ctxs, ctx)
	s.mu.Unlock()
	if query == s.hold {
		<-ctx.Done()
		return nil, ctx.Err()
	}
	return s.Store.Search(ctx, query, limit)
}

func (s *searchSpy) asked() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.queries...)
}

// timers records the messages of the timers a model starts instead of
// waiting for them.
type timers struct{ msgs []tea.Msg }

func (tm *timers) tick(_ time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
	tm.msgs = append(tm.msgs, fn(time.Time{}))
	return nil
}

// fire delivers every timer started so far, as if the time had passed.
func (tm *timers) fire(t *testing.T, m Model) Model {
	t.Helper()
	msgs := tm.msgs
	tm.msgs = nil
	return run(t, m, msgs...)
}

// searchModel opens the Search view over the seeded book, its searches
// seen by a spy and its timers recorded.
func searchModel(t *testing.T, w, h int) (Model, *searchSpy, *timers) {
	t.Helper()
	s := newBook(t)
	seedBook(t, s)
	spy := &searchSpy{Store: s}
	tm := &timers{}
	m := keysThen(t, open(t, s, w, h), "5")
	m.store, m.tick = spy, tm.tick
	return m, spy, tm
}

func TestSearchWaitsForTypingToPause(t *testing.T) {
	m, spy, tm := searchModel(t, 80, 24)
	m = keysThen(t, m, "type:ballet")
	if got := spy.asked(); len(got) != 0 {
		t.Fatalf("searched while typing: %q", got)
	}
	if out := screen(m); strings.Contains(out, "Nothing matches") {
		t.Fatalf("says nothing matches before the search ran:\n%s", out)
	}
	// Every key started a timer; only the last one's search runs.
	m = tm.fire(t, m)
	if got := spy.asked(); len(got) != 1 || got[0] != "ballet" {
		t.Fatalf("searches after a burst of keys = %q; want one, for ballet", got)
	}
	if out := screen(m); !strings.Contains(out, "2 matches, newest first") {
		t.Fatalf("no hits after the pause:\n%s", out)
	}
	// Clearing the query shows the hint at once, no search needed.
	tm.msgs = nil
	m = keysThen(t, m, "esc")
	if m.view != viewSearch || m.search.input.Value() != "" || len(m.search.hits) != 0 || len(tm.msgs) != 0 {
		t.Fatalf("esc: view %v, query %q, %d hits, %d timers", m.view, m.search.input.Value(), len(m.search.hits), len(tm.msgs))
	}
	if out := screen(m); !strings.Contains(out, "Type to search") {
		t.Fatalf("cleared query lacks the hint:\n%s", out)
	}
	if m = keysThen(t, m, "esc"); m.view != viewToday {
		t.Fatalf("esc on an empty query: view %v, want Today", m.view)
	}
}

func TestSearchDropsStaleAnswers(t *testing.T) {
	m, spy, tm := searchModel(t, 80, 24)
	spy.hold = "bal"
	m = keysThen(t, m, "type:bal")
	// Typing paused: the search starts and hangs, as on a big book.
	tick := tm.msgs[len(tm.msgs)-1]
	tm.msgs = nil
	next, cmd := m.Update(tick)
	m = next.(Model)
	done := make(chan tea.Msg, 1)
	go func() { done <- cmd() }()
	if len(tm.msgs) != 1 {
		t.Fatalf("timers after the search started = %v; want the slow one", tm.msgs)
	}
	if out := screen(m); strings.Contains(out, "Searching") {
		t.Fatalf("says searching before it is slow:\n%s", out)
	}
	m = tm.fire(t, m)
	if out := screen(m); !strings.Contains(out, "Searching…") {
		t.Fatalf("a slow search does not say so:\n%s", out)
	}

	// A key typed on cancels it; its answer is dropped, no error shown.
	m = keysThen(t, m, "type:l")
	var stale tea.Msg
	select {
	case stale = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the search in flight was not cancelled")
	}
	if err := stale.(searchMsg).err; !errors.Is(err, context.Canceled) {
		t.Fatalf("stale search ended with %v; want it cancelled", err)
	}
	m = run(t, m, stale)
	if m.search.err != nil || m.status != "" || strings.Contains(screen(m), "cancel") {
		t.Fatalf("a cancelled search shows: err %v, status %q\n%s", m.search.err, m.status, screen(m))
	}
	// An older answer that was not cancelled in time is dropped too.
	m = run(t, m, searchMsg{seq: m.search.seq - 1, hits: []rotation.SearchHit{{ContactID: 1, Name: "Stale Hit", Snippet: "old"}}})
	if strings.Contains(screen(m), "Stale Hit") {
		t.Fatalf("an answer to an older query is shown:\n%s", screen(m))
	}
	if out := screen(m); strings.Contains(out, "Searching") {
		t.Fatalf("still says searching with nothing in flight:\n%s", out)
	}

	m = tm.fire(t, m)
	if got := spy.asked(); len(got) != 2 || got[1] != "ball" {
		t.Fatalf("searches = %q; want bal, then ball", got)
	}
	if out := screen(m); !strings.Contains(out, "2 matches") || strings.Contains(out, "Searching") {
		t.Fatalf("the latest query's hits are not shown:\n%s", out)
	}
}

func TestSearchHelp(t *testing.T) {
	m, _, tm := searchModel(t, 80, 24)
	m = keysThen(t, m, "type:ballet", "?")
	if !m.showHelp || m.search.input.Value() != "ballet" {
		t.Fatalf("? in Search: help %v, query %q", m.showHelp, m.search.input.Value())
	}
	out := screen(m)
	for _, want := range []string{"Keys · Search", "enter", "briefing", "esc", "clear, then back", "tab", "next view", "ctrl+c"} {
		if !strings.Contains(out, want) {
			t.Errorf("Search help lacks %q:\n%s", want, out)
		}
	}
	m = keysThen(t, m, "x")
	if m.showHelp || m.search.input.Value() != "ballet" {
		t.Fatalf("a key after the help: help %v, query %q", m.showHelp, m.search.input.Value())
	}
	m = tm.fire(t, m)
	footer := screen(m)[strings.LastIndex(screen(m), "\n")+1:]
	for _, want := range []string{"enter briefing", "esc clear", "tab next view", "? all keys"} {
		if !strings.Contains(footer, want) {
			t.Errorf("footer lacks %q: %q", want, footer)
		}
	}
	// Digits go to the query; tab still moves on.
	if m = keysThen(t, m, "type:2"); m.view != viewSearch || m.search.input.Value() != "ballet2" {
		t.Fatalf("a digit: view %v, query %q", m.view, m.search.input.Value())
	}
	if m = keysThen(t, m, "tab"); m.view != viewToday {
		t.Fatalf("tab from Search: view %v, want Today", m.view)
	}
}

func TestSearchOpensTheBriefingAtTheHit(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	// Bob has a long history; the word is in an old call, far below the
	// first screen of his briefing.
	bob, err := s.Find(ctx, "Bob Smith")
	if err != nil {
		t.Fatal(err)
	}
	for i := range 20 {
		d := rotation.MustDate("2026-06-01").AddDays(i * 7)
		note := "Weekly check-in, nothing new."
		if i == 0 {
			note = "He mentioned the marathon in Boston."
		}
		if _, err := s.LogCall(ctx, rotation.LogEntry{ContactID: bob.ID, Outcome: rotation.Reached, Note: note,
			At: d.Time().Add(10 * time.Hour), Today: d}); err != nil {
			t.Fatal(err)
		}
	}
	m := keysThen(t, open(t, s, 80, 24), "5", "type:marathon", "pause", "enter")
	if m.history == nil || m.history.contact.ID != bob.ID || m.history.focus.call == 0 {
		t.Fatalf("enter on the hit: history %+v", m.history)
	}
	out := screen(m)
	for _, want := range []string{"▸ Mon 1 Jun · reached", "He mentioned the marathon in Boston."} {
		if !strings.Contains(out, want) {
			t.Errorf("the briefing is not at the hit: lacks %q\n%s", want, out)
		}
	}
	// esc goes back to the hits.
	if m = keysThen(t, m, "esc"); m.history != nil || m.view != viewSearch || len(m.search.hits) != 1 {
		t.Fatalf("esc from the briefing: history %v, view %v, %d hits", m.history != nil, m.view, len(m.search.hits))
	}

	// A follow-up hit is marked in the follow-ups.
	m = keysThen(t, m, "esc", "type:recital", "pause", "down", "enter")
	if m.history == nil || m.history.contact.Name != "Jane Doe" || m.history.focus.followUp == 0 {
		t.Fatalf("enter on the follow-up hit: history %+v", m.history)
	}
	out = screen(m)
	for _, want := range []string{"Briefing and full history", "Jane Doe · Acme Corp", "Family", "▸ How did Jennifer's ballet recital go?", "• How was the Alaska cruise?"} {
		if !strings.Contains(out, want) {
			t.Errorf("follow-up hit: briefing lacks %q\n%s", want, out)
		}
	}
}

func TestSearchHighlightsTheMatch(t *testing.T) {
	st := NewStyles(true)
	styled := st.Match.Render("ballet")
	if styled == "ballet" {
		t.Fatal("the match style adds nothing; this test would prove nothing")
	}
	got := highlight("about her "+rotation.HitStart+"ballet"+rotation.HitEnd+" recital", st)
	if got != "about her "+styled+" recital" {
		t.Errorf("highlight = %q; want the match styled, the rest plain", got)
	}
	m, _, tm := searchModel(t, 80, 24)
	m = tm.fire(t, keysThen(t, m, "type:ballet"))
	view := m.View().Content
	if !strings.Contains(view, styled) {
		t.Errorf("the view does not style the matched word:\n%q", view)
	}
	if strings.ContainsAny(view, rotation.HitStart+rotation.HitEnd) {
		t.Errorf("the view shows the store's markers:\n%q", view)
	}
}
