package tui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// update handles one message (Update, which recovers from a panic): the
// terminal's and the clock's, then the log form's, then what the store
// sent back; anything else goes to the open log form.
func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.testHook != nil {
		m.testHook("update")
	}
	msg = cleanInput(msg)
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.BackgroundColorMsg:
		return m.onBackground(msg)
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case tea.PasteMsg:
		if m.log != nil {
			return m.updateLog(msg)
		}
		return m, nil
	case clearStatusMsg:
		if msg.seq == m.statusSeq {
			m.status = ""
		}
		return m, nil
	case pollMsg:
		return m.onPoll()
	}
	if mm, cmd, ok := m.onLogMsg(msg); ok {
		return mm, cmd
	}
	if mm, cmd, ok := m.onLoaded(msg); ok {
		return mm, cmd
	}
	if m.log != nil {
		return m.updateLog(msg)
	}
	return m, nil
}

// onBackground restyles every part for the terminal's background.
func (m Model) onBackground(msg tea.BackgroundColorMsg) (tea.Model, tea.Cmd) {
	m.styles = NewStyles(msg.IsDark())
	m.help.Styles = help.DefaultStyles(msg.IsDark())
	if m.log != nil {
		m.log.setStyles(m.styles)
	}
	restyleInput(&m.search.input, msg.IsDark())
	restyleInput(&m.contacts.filter, msg.IsDark())
	if m.form != nil {
		for i := range m.form.inputs {
			restyleInput(&m.form.inputs[i], msg.IsDark())
		}
	}
	m.refreshBriefing()
	return m, nil
}

// onPoll moves on to the new day when midnight passed with the interface
// open, and asks whether the book changed.
func (m Model) onPoll() (tea.Model, tea.Cmd) {
	if m.dayNow != nil {
		if d := m.dayNow(); d != m.today && !d.IsZero() {
			// Midnight passed with the interface open: on to the new day.
			m.today = d
			return m, tea.Batch(m.loadAgenda(), m.checkChanged())
		}
	}
	return m, m.checkChanged()
}

// onLogMsg handles the messages of the log form: the proposed next call,
// the saved call, the draft's autosave and the external editor.
func (m Model) onLogMsg(msg tea.Msg) (_ tea.Model, _ tea.Cmd, ok bool) {
	var mm tea.Model
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case proposalMsg:
		if m.log != nil {
			m.log.onProposal(msg)
		}
		mm = m
	case savedMsg:
		mm, cmd = m.onSaved(msg)
	case draftTickMsg:
		mm, cmd = m.onDraftTick(msg)
	case draftSavedMsg:
		mm, cmd = m.onDraftSaved(msg)
	case editorMsg:
		if msg.err != nil {
			mm, cmd = m.setError(msg.err)
		} else {
			mm, cmd = m, runEditor(msg.path)
		}
	case editorDoneMsg:
		mm, cmd = m.onEditorDone(msg)
	default:
		return m, nil, false
	}
	return mm, cmd, true
}

// onDraftTick saves the draft when the typing paused or the longest wait
// is over.
func (m Model) onDraftTick(msg draftTickMsg) (tea.Model, tea.Cmd) {
	// Not while the call is being saved: the call removes the draft,
	// and a draft written after it would bring the note back.
	if m.log == nil || m.log.contact.ID != msg.contactID {
		return m, nil
	}
	if msg.due {
		m.log.dueSet = false // the next change starts the next one
	}
	if m.log.saving {
		return m, nil
	}
	if msg.due {
		return m, saveDraft(m.ctx, m.store, m.log.draft())
	}
	if m.log.draftSeq == msg.seq {
		return m, saveDraft(m.ctx, m.store, m.log.draft())
	}
	return m, nil
}

// onDraftSaved notes that the draft is in the book, or holds it when the
// book could not take it.
func (m Model) onDraftSaved(msg draftSavedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m.onDraftFailed(msg)
	}
	m.draftWritten(msg)
	if m.log != nil && m.log.contact.ID == msg.contactID {
		m.drafts[msg.contactID] = !m.log.draft().IsEmpty()
	}
	return m, nil
}

// onEditorDone puts the note written in the external editor into the form.
func (m Model) onEditorDone(msg editorDoneMsg) (tea.Model, tea.Cmd) {
	if m.log == nil {
		return m, nil
	}
	if msg.err != nil {
		return m.setError(msg.err)
	}
	m.log.note.SetValue(rotation.CleanText(msg.note))
	return m, m.log.changed()
}

// onLoaded handles what the store sent back: settings, the agenda,
// briefings, contacts, history, corrections, the upcoming days, stats,
// search results, and the checks of the book.
func (m Model) onLoaded(msg tea.Msg) (_ tea.Model, _ tea.Cmd, ok bool) {
	var mm tea.Model
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case settingsMsg:
		if msg.err != nil {
			mm, cmd = m.setError(msg.err)
			break
		}
		m.settings = msg.settings
		mm = m
	case capacityMsg:
		if msg.err == nil {
			m.bookCap = msg.cap
		}
		mm = m
	case catchUpPlanMsg:
		mm, cmd = m.onCatchUpPlan(msg)
	case catchUpDoneMsg:
		mm, cmd = m.onCatchUpDone(msg)
	case agendaMsg:
		mm, cmd = m.onAgenda(msg)
	case briefingMsg:
		mm, cmd = m.onBriefing(msg)
	case changedMsg:
		mm, cmd = m.onChanged(msg)
	case quickCheckStartMsg:
		mm, cmd = m, m.runQuickCheck()
	case quickCheckMsg:
		mm, cmd = m.onQuickCheck(msg)
	default:
		return m.onLoadedView(msg)
	}
	return mm, cmd, true
}

// onLoadedView handles what the store sent back for the views other than
// today's: contacts, history, corrections, upcoming days, stats, search.
func (m Model) onLoadedView(msg tea.Msg) (_ tea.Model, _ tea.Cmd, ok bool) {
	var mm tea.Model
	var cmd tea.Cmd
	switch msg := msg.(type) {
	case contactsMsg:
		mm, cmd = m.onContacts(msg)
	case contactSavedMsg:
		mm, cmd = m.onContactSaved(msg)
	case editContactMsg:
		if msg.err != nil {
			mm, cmd = m.setError(msg.err)
		} else {
			mm, cmd = m.openForm(&msg.contact)
		}
	case historyMsg:
		mm, cmd = m.onHistory(msg)
	case undoTargetMsg:
		mm, cmd = m.onUndoTarget(msg)
	case correctedMsg:
		mm, cmd = m.onCorrected(msg)
	case versionsMsg:
		mm, cmd = m.onVersions(msg)
	case upcomingMsg:
		mm, cmd = m.onUpcoming(msg)
	case whoMsg:
		if msg.err != nil {
			mm, cmd = m.setError(msg.err)
			break
		}
		m.upcoming.who, m.upcoming.whoDay = msg.who, msg.day
		mm = m
	case settingSavedMsg:
		mm, cmd = m.onSettingSaved(msg)
	case statsMsg:
		if msg.err != nil {
			mm, cmd = m.setError(msg.err)
			break
		}
		m.stats, m.people = &msg.stats, msg.people
		mm = m
	case searchMsg:
		mm, cmd = m.onSearchResult(msg)
	case searchTickMsg:
		mm, cmd = m.onSearchTick(msg)
	case searchSlowMsg:
		mm, cmd = m.onSearchSlow(msg)
	default:
		return m, nil, false
	}
	return mm, cmd, true
}

// cleanInput sanitises what is typed or pasted before any field sees it
// (rotation.CleanText): a paste of colored text or of a terminal's reply
// brings its letters, not its escape sequences, and a bidi override typed
// or pasted does not reach the book.
func cleanInput(msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		msg.Content = rotation.CleanText(msg.Content)
		return msg
	case tea.KeyPressMsg:
		if msg.Text != "" {
			msg.Text = rotation.CleanText(msg.Text)
		}
		return msg
	}
	return msg
}
