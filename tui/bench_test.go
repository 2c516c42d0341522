package tui

import (
	"context"
	"fmt"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

// BenchmarkTypeInNotes measures one keystroke in the notes editor (Update
// and View) on a wide terminal: typing must keep up with a fast typist.
func BenchmarkTypeInNotes(b *testing.B) {
	s := newBook(b)
	seedBook(b, s)
	m := open(b, s, 140, 40)
	m = run(b, m, press("enter"), press("r"))
	m = run(b, m, typeText("Talked about the renewal, the kids and the boat.")...)
	keys := []any{typeText("a")[0], press("backspace")}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		next, _ := m.Update(keys[i%2])
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkListKeypress10k measures one j keypress (Update and View) on a
// Today list of 10,000 due contacts at 80x24: only the visible rows are
// drawn, so the list length must not matter.
func BenchmarkListKeypress10k(b *testing.B) {
	m := New(context.Background(), nil, Options{Today: today, Now: clock, Dark: true})
	m.agenda = syntheticAgenda(10000)
	m.loaded = true
	m.width, m.height = 80, 24
	m.layout()
	j, k := press("j"), press("k")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		key := j
		if i%2000 >= 1000 {
			key = k
		}
		next, _ := m.Update(key)
		m = next.(Model)
		_ = m.View()
	}
}

// BenchmarkFirstFrame100k measures what the first frame costs on a book of
// 100,000 contacts (about 1,000 due today): loading Today from SQLite,
// handling it, and drawing the screen.
func BenchmarkFirstFrame100k(b *testing.B) {
	s := bigBook(b, 100000)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		m := New(ctx, s, Options{Today: today, Now: clock, Dark: true})
		m.width, m.height = 80, 24
		m.layout()
		a, err := s.Today(ctx, today)
		if err != nil {
			b.Fatal(err)
		}
		next, _ := m.Update(agendaMsg{agenda: a})
		m = next.(Model)
		_ = m.View()
	}
}

func syntheticAgenda(n int) rotation.Agenda {
	a := rotation.Agenda{Day: today, DoneNames: map[int64]string{}, Contacts: n}
	for i := range n {
		c := rotation.Contact{ID: int64(i + 1), Name: fmt.Sprintf("Contact %05d", i), Tier: rotation.Tiers[i%3],
			Phones:   []rotation.Phone{{Number: "+1 555 0100"}},
			Schedule: rotation.Schedule{Rule: rotation.MustRule("every 90d"), Due: today.AddDays(-(i % 9)), Status: rotation.Active}}
		a.Due = append(a.Due, rotation.DueItem{Contact: c, Reason: "90d rotation · last talk 94 days ago", OverdueDays: i % 9})
	}
	rotation.SortDue(a.Due, today)
	return a
}

// bigBook builds a book of n contacts spread over 100 days of due dates.
func bigBook(b *testing.B, n int) *store.Store {
	b.Helper()
	s := newBook(b)
	batch := make([]store.NewContact, n)
	for i := range batch {
		batch[i].Contact = rotation.Contact{Name: fmt.Sprintf("Contact %06d", i), Tier: rotation.Tiers[i%3],
			Phones:   []rotation.Phone{{Number: fmt.Sprintf("+1 555 %04d", i%10000)}},
			Schedule: rotation.Schedule{Rule: rotation.MustRule("every 90d"), Due: today.AddDays(i%100 - 1), Status: rotation.Active}}
	}
	if _, err := s.AddContacts(context.Background(), batch, today); err != nil {
		b.Fatal(err)
	}
	return s
}

// BenchmarkFilterKeystroke100k measures one keystroke in the Contacts
// filter over 100,000 contacts: the fuzzy match of the whole query and
// the redraw.
func BenchmarkFilterKeystroke100k(b *testing.B) {
	agenda := syntheticAgenda(100000)
	all := make([]rotation.Contact, len(agenda.Due))
	for i, it := range agenda.Due {
		all[i] = it.Contact
		all[i].Company = []string{"Acme Corp", "Müller Maschinenbau", "Smith & Sons", ""}[i%4]
	}
	m := New(context.Background(), nil, Options{Today: today, Now: clock, Dark: true})
	m.width, m.height = 80, 24
	m.layout()
	next, _ := m.Update(contactsMsg{all: all})
	m = next.(Model)
	m.view = viewContacts
	m.contacts.editing = true
	m.contacts.filter.Focus()
	m.contacts.filter.SetValue("contact 0")
	keys := []any{typeText("4")[0], press("backspace")}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		// Forget earlier results: every keystroke scans the whole book,
		// the worst case (typing on narrows and is faster still).
		m.contacts.match.recent, m.contacts.match.lastQuery = nil, ""
		next, _ := m.Update(keys[i%2])
		m = next.(Model)
		_ = m.View()
	}
}
