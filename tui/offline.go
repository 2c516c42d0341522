package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// Connection trouble. A team book lives on a server that can go away
// (down, a cut network); the interface then says so once, calmly, keeps
// everything typed on screen and in memory, keeps polling, and reloads
// when the book answers again. A personal book never reports connection
// errors, so none of this shows there.

// onChanged refreshes what is on screen when the book changed elsewhere
// (another terminal, a script, the other person on a team book); a note
// being typed is left alone. A failed check says so once and polling
// goes on; the first check that works again reloads everything and
// writes the drafts held in memory meanwhile.
func (m Model) onChanged(msg changedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		if m.offline {
			return m, m.poll()
		}
		m.offline = true
		m, _ = m.setNotice(connLine(msg.err) + " · checking again")
		return m, m.poll()
	}
	back := m.offline
	m, cmd := m.backOnline()
	cmds := []tea.Cmd{m.poll(), cmd}
	if msg.changed || back {
		// What the person is may have changed too (an owner demoted
		// them, say): asked each time, answered quickly.
		cmds = append(cmds, m.loadAgenda(), m.loadMember())
		if m.selectedID != 0 {
			cmds = append(cmds, m.loadBriefing(m.selectedID))
		}
		if m.log != nil && m.log.contact.ID != m.selectedID {
			cmds = append(cmds, m.loadBriefing(m.log.contact.ID))
		}
		cmds = append(cmds, m.reloadShown()...)
	}
	return m, tea.Batch(cmds...)
}

// backOnline notes that the book answers again after trouble: it says
// so and writes the drafts held in memory meanwhile.
func (m Model) backOnline() (Model, tea.Cmd) {
	if !m.offline {
		return m, nil
	}
	m.offline = false
	var cmds []tea.Cmd
	for _, d := range m.held {
		cmds = append(cmds, m.writeHeld(d))
	}
	text := "The book answers again."
	if m.log != nil && !m.log.saving {
		text += " " + m.keys.Save.Help().Key + " saves the call."
	}
	m, cmd := m.setStatus(text)
	return m, tea.Batch(append(cmds, cmd)...)
}

// connLine is a connection error's one line without the store's advice
// to try again, for the places that retry or say how.
func connLine(err error) string {
	return strings.TrimSuffix(rotation.PrintableLine(err.Error()), "; try again")
}

// loadFailed shows why the list or a briefing did not load; when the
// book cannot be reached, with the key that tries again (the poll also
// reloads once the book answers).
func (m Model) loadFailed(err error) (tea.Model, tea.Cmd) {
	if !isConnection(err) {
		return m.setError(err)
	}
	m.offline = true
	if m.log == nil && m.form == nil && m.history == nil && m.view == viewToday {
		return m.setError(fmt.Errorf("%s · %s retries", connLine(err), m.keys.Refresh.Help().Key))
	}
	return m.setError(err)
}

// onDraftFailed handles a draft the book did not take. When the book
// cannot be reached, the draft is held in memory and written once it
// answers again; the note stays in the form, so one line saying so is
// enough, and later failures add nothing.
func (m Model) onDraftFailed(msg draftSavedMsg) (tea.Model, tea.Cmd) {
	if mm, cmd, ok := m.lostContact(msg.contactID, msg.err); ok {
		return mm, cmd
	}
	if !isConnection(msg.err) {
		return m.setError(msg.err)
	}
	if m.offline {
		return m, nil
	}
	m.offline = true
	return m.setError(fmt.Errorf("draft not kept, the note stays here until the book answers: %s", connLine(msg.err)))
}

// holdDraft writes a draft of a form that is closing and, until the book
// has it, keeps it in memory: offered back when the contact's form opens
// again, retried when the book answers after trouble.
func (m Model) holdDraft(d rotation.Draft) tea.Cmd {
	m.held[d.ContactID] = d
	return m.writeHeld(d)
}

// writeHeld writes a held draft; its message lets it go (draftWritten).
func (m Model) writeHeld(d rotation.Draft) tea.Cmd {
	st, ctx := m.store, m.ctx
	return func() tea.Msg {
		return draftSavedMsg{contactID: d.ContactID, err: st.SaveDraft(ctx, d), draft: &d}
	}
}

// draftWritten lets go of a held draft once the book has it, or has the
// newer text of the contact's open form. A slower write of older text
// finishing later lets go of nothing.
func (m Model) draftWritten(msg draftSavedMsg) {
	held, ok := m.held[msg.contactID]
	switch {
	case !ok:
	case msg.draft != nil && *msg.draft == held:
		delete(m.held, msg.contactID)
	case msg.draft == nil && m.log != nil && m.log.contact.ID == msg.contactID:
		delete(m.held, msg.contactID)
	}
}

// unkept is how many notes quitting now could lose: the one in the form
// and the drafts held in memory, while the book cannot be reached.
func (m Model) unkept() int {
	if !m.offline {
		return 0
	}
	n := len(m.held)
	if m.log != nil && m.log.dirty && !m.log.draft().IsEmpty() {
		if _, ok := m.held[m.log.contact.ID]; !ok {
			n++
		}
	}
	return n
}

// offlineQuitDialog asks before quitting would lose notes the book could
// not take.
func offlineQuitDialog(n int) *dialog { return &dialog{kind: dialogOffline, unkept: n} }

// onOfflineQuitKey answers it: y quits (the drafts go to PendingDrafts),
// n or esc stays.
func (m Model) onOfflineQuitKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case key.Matches(msg, m.keys.Yes):
		return m.quitNow()
	case key.Matches(msg, m.keys.No):
		m.dialog = nil
	}
	return m, nil
}

// offlineQuitText is the question.
func (m Model) offlineQuitText(n int) string {
	s := m.styles
	what := "the note you typed stays"
	if n > 1 {
		what = fmt.Sprintf("the %d notes you typed stay", n)
	}
	// rotate keeps them in a private file and gives them to the book the
	// next time it opens it (cmd/rotate: PendingDrafts).
	return fmt.Sprintf("%s\n\nThe book cannot be reached: %s\non this computer until rotate reaches it again.\n\n%s quit   %s stay",
		s.Header.Render("Quit while the book is out of reach?"), what, s.Key.Render("y"), s.Key.Render("esc"))
}
