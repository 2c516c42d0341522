package main

import (
	"context"
	"errors"
	"strings"
	"time"

	"rotate/store"
)

// catchUp runs rotate catchup on the first morning back: the backlog
// keeps its most urgent calls today, the rest spread on workdays after
// it, none over the capacity set by hand; typed dates stay.
func (m *month) catchUp() {
	t := m.t
	var backlog []todayJSON
	m.cliJSON(&backlog, "today", "--json")
	before := m.snapshot()
	var plan struct {
		Limit int `json:"limit"`
		Moves []struct {
			ID   int64  `json:"id"`
			From string `json:"from"`
			To   string `json:"to"`
		} `json:"moves"`
	}
	m.cliJSON(&plan, "catchup", "--json")
	if plan.Limit > m.capacity {
		t.Errorf("catch-up limit %d above the capacity of %d set by hand", plan.Limit, m.capacity)
	}
	if len(plan.Moves) == 0 {
		t.Errorf("catch-up moved nothing of a backlog of %d", len(backlog))
	}
	m.refresh()
	moved := map[int64]bool{}
	for _, mv := range plan.Moves {
		m.seen["catch-up move"]++
		moved[mv.ID] = true
		c := m.contacts[mv.ID]
		if m.typed[mv.ID] != "" {
			t.Errorf("catch-up moved %s from the date typed %s to %s", c.Name, m.typed[mv.ID], mv.To)
		}
		if c.Due != mv.To || before[mv.ID] != mv.From {
			t.Errorf("catch-up said %s moves %s -> %s, the book has %s -> %v", c.Name, mv.From, mv.To, before[mv.ID], c.Due)
		}
		if d := mustDay(mv.To); !d.After(m.day) || !m.free(d) {
			t.Errorf("catch-up moved %s to %s, not a later workday", c.Name, mv.To)
		}
	}
	for id, was := range before {
		if m.typed[id] != "" && was < m.day.Format(time.DateOnly) {
			m.seen["overdue typed kept by catch-up"]++
		}
		if !moved[id] && m.contacts[id].Due != was {
			t.Errorf("catch-up moved %s from %s to %v without saying so", m.contacts[id].Name, was, m.contacts[id].Due)
		}
	}
	counts := m.counts()
	for _, mv := range plan.Moves {
		if counts[mv.To] > m.capacity {
			t.Errorf("catch-up put %s on %s, which now holds %d calls (capacity %d)", m.contacts[mv.ID].Name, mv.To, counts[mv.To], m.capacity)
		}
	}
	// The most urgent calls stay today: nothing moved is more urgent than
	// a call kept on an interval rule.
	for _, kept := range backlog {
		if moved[kept.ID] || m.typed[kept.ID] != "" || !strings.HasPrefix(kept.Rule, "every") || strings.Contains(kept.Rule, ",") {
			continue
		}
		for _, gone := range backlog {
			if moved[gone.ID] && m.priority(gone, kept) < 0 {
				t.Errorf("catch-up moved %s (tier %s, due %s) and kept %s (tier %s, due %s)", gone.Name, gone.Tier, gone.Due, kept.Name, kept.Tier, kept.Due)
			}
		}
	}
	m.checkBook("after catch-up")
}

// editRacingLog: a handle reads a due contact (an edit form opens), the
// call is logged from the command line, then the form saves a change of
// company from what it read. The log's date must stay.
func (m *month) editRacingLog() {
	t := m.t
	var list []todayJSON
	m.cliJSON(&list, "today", "--json")
	if len(list) == 0 {
		t.Fatal("nothing due for the racing edit")
	}
	ctx := context.Background()
	st, err := store.Open(ctx, m.db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	id := list[0].ID
	was, err := st.Contact(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		NextDue string `json:"next_due"`
	}
	m.cliJSON(&got, "log", idArg(id), "--outcome", "reached", "--note", "reached while a form was open", "--json")
	delete(m.typed, id)
	m.loggedAt[id] = true
	edited := was
	edited.Company = "Renamed while logging"
	err = raceEdit(ctx, st, was, edited)
	m.seen["race"]++
	t.Logf("the edit racing a log of %s: %v", was.Name, err)
	if err != nil && !errors.Is(err, store.ErrConflict) {
		t.Errorf("the edit racing a log failed with %v, want a conflict or a merge", err)
	}
	m.refresh()
	c := m.contacts[id]
	if c.Due != got.NextDue {
		t.Errorf("an edit from before the log (err %v) left %s due %v, the log set %s", err, c.Name, c.Due, got.NextDue)
	}
	if err == nil && c.Company != edited.Company {
		t.Errorf("the edit was accepted but the company is %q", c.Company)
	}

	// The same race where the form also moved the date: both wrote the
	// next call, so the form's save is refused and the log's date stays.
	if len(list) < 2 {
		t.Fatal("nothing left due for the second racing edit")
	}
	id = list[1].ID
	if was, err = st.Contact(ctx, id); err != nil {
		t.Fatal(err)
	}
	m.cliJSON(&got, "log", idArg(id), "--outcome", "reached", "--note", "reached while a form moved the date", "--json")
	delete(m.typed, id)
	m.loggedAt[id] = true
	edited = was
	edited.Due = edited.Due.AddDays(2)
	err = raceEdit(ctx, st, was, edited)
	m.seen["race on the date"]++
	if !errors.Is(err, store.ErrConflict) {
		t.Errorf("an edit of the date from before a log was not refused as a conflict: %v", err)
	}
	m.refresh()
	if c := m.contacts[id]; c.Due != got.NextDue {
		t.Errorf("after a refused edit %s is due %v, the log set %s", c.Name, c.Due, got.NextDue)
	}
}
