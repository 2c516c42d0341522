package tui

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// Messages that carry the results of store calls back into Update.
type (
	settingsMsg struct {
		settings rotation.Settings
		err      error
	}
	agendaMsg struct {
		agenda rotation.Agenda
		drafts []int64
		err    error
	}
	briefingMsg struct {
		id       int64
		briefing rotation.Briefing
		err      error
	}
	proposalMsg struct {
		id    int64
		touch rotation.Touch
		next  rotation.Next
		err   error
	}
	savedMsg struct {
		contactID int64
		name      string
		result    rotation.LogResult
		err       error
	}
	draftSavedMsg struct {
		contactID int64
		err       error
		// draft is set for a draft held in memory until the book has it
		// (writeHeld).
		draft *rotation.Draft
	}
	draftTickMsg struct {
		contactID int64
		seq       int
		// due is the longest-wait timer: it saves whatever typing is
		// going on, whatever seq says.
		due bool
	}
	editorDoneMsg struct {
		note string
		err  error
	}
	clearStatusMsg struct{ seq int }
	pollMsg        struct{}
	changedMsg     struct {
		changed bool
		err     error
	}
)

// pollEvery is how often the book is checked for changes made elsewhere.
const pollEvery = 1500 * time.Millisecond

// briefingCalls is how many past calls a briefing loads.
const briefingCalls = 20

// draftDelay is how long typing must pause before the draft is written.
const draftDelay = 400 * time.Millisecond

// draftMaxWait is the longest typing goes unsaved when it never pauses: a
// person typing steadily for minutes loses at most this much to a crash.
const draftMaxWait = 1500 * time.Millisecond

func (m Model) loadSettings() tea.Cmd {
	st, ctx := m.store, m.ctx
	return func() tea.Msg {
		s, err := st.Settings(ctx)
		return settingsMsg{s, err}
	}
}

func (m Model) loadAgenda() tea.Cmd {
	st, ctx, today := m.store, m.ctx, m.today
	return func() tea.Msg {
		a, err := st.Today(ctx, today)
		if err != nil {
			return agendaMsg{err: err}
		}
		drafts, err := st.Drafts(ctx)
		return agendaMsg{agenda: a, drafts: drafts, err: err}
	}
}

func (m Model) loadBriefing(id int64) tea.Cmd {
	st, ctx := m.store, m.ctx
	return func() tea.Msg {
		b, err := st.Briefing(ctx, id, briefingCalls)
		return briefingMsg{id, b, err}
	}
}

func (m Model) propose(id int64, t rotation.Touch) tea.Cmd {
	st, ctx, today := m.store, m.ctx, m.today
	return func() tea.Msg {
		n, err := st.ProposeTouch(ctx, id, t, today, 0)
		return proposalMsg{id, t, n, err}
	}
}

func (m Model) saveCall(e rotation.LogEntry, name string) tea.Cmd {
	st, ctx := m.store, m.ctx
	return func() tea.Msg {
		r, err := st.LogCall(ctx, e)
		return savedMsg{e.ContactID, name, r, err}
	}
}

func saveDraft(ctx context.Context, st Store, d rotation.Draft) tea.Cmd {
	return func() tea.Msg {
		return draftSavedMsg{contactID: d.ContactID, err: st.SaveDraft(ctx, d)}
	}
}

func deleteDraft(ctx context.Context, st Store, id int64) tea.Cmd {
	return func() tea.Msg {
		return draftSavedMsg{contactID: id, err: st.DeleteDraft(ctx, id)}
	}
}

// poll waits, then asks the store whether anything changed.
func (m Model) poll() tea.Cmd {
	return m.tick(pollEvery, func(time.Time) tea.Msg { return pollMsg{} })
}

func (m Model) checkChanged() tea.Cmd {
	st, ctx := m.store, m.ctx
	return func() tea.Msg {
		changed, err := st.Changed(ctx)
		return changedMsg{changed, err}
	}
}
