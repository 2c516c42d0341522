package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// outcomeKeys pairs each outcome with its one-key binding, in the order
// they are shown.
func (k KeyMap) outcomeKeys() []struct {
	binding key.Binding
	outcome rotation.Outcome
	label   string
} {
	return []struct {
		binding key.Binding
		outcome rotation.Outcome
		label   string
	}{
		{k.Reached, rotation.Reached, "reached"},
		{k.Voicemail, rotation.Voicemail, "voicemail"},
		{k.NoAnswer, rotation.NoAnswer, "no answer"},
		{k.Callback, rotation.Callback, "callback"},
		{k.WrongNumber, rotation.WrongNumber, "wrong no."},
		{k.NotAFit, rotation.NotAFit, "not a fit"},
		{k.Sent, rotation.Sent, "sent"},
	}
}

// nextChannel is the channel after via in rotation.Channels, round.
func nextChannel(via rotation.CallKind) rotation.CallKind {
	for i, c := range rotation.Channels {
		if c == via {
			return rotation.Channels[(i+1)%len(rotation.Channels)]
		}
	}
	return rotation.KindCall
}

// switchTouch changes the touch's channel or direction: an outcome that
// cannot happen on it any more is dropped (to be picked again), and the
// date the other proposes is asked for again.
func (m Model) switchTouch(via rotation.CallKind, dir rotation.Direction) (tea.Model, tea.Cmd) {
	f := m.log
	f.via, f.dir = via, dir
	f.resize(f.width, f.height)
	if f.outcome == "" {
		return m, f.changed()
	}
	if f.touch().Check() != nil {
		f.outcome, f.proposal, f.proposalErr = "", nil, nil
		return m, f.changed()
	}
	f.proposal, f.proposalErr = nil, nil
	return m, tea.Batch(m.propose(f.contact.ID, f.touch()), f.changed())
}

// startLog opens the log form for a contact, offering a kept draft back
// first.
func (m Model) startLog(b rotation.Briefing) (tea.Model, tea.Cmd) {
	if d, ok := m.held[b.Contact.ID]; ok {
		// Newer than the book's: the book could not take it yet.
		b.Draft = &d
	}
	m.log = newLogForm(b, m.styles, m.width, m.height, m.tick)
	m.log.me = m.role
	if m.statusHint {
		// What a key typed on the list did is no news here.
		m.status, m.statusHint = "", false
	}
	if b.Draft != nil && !b.Draft.IsEmpty() {
		m.dialog = draftDialog(*b.Draft, m.now())
		return m, nil
	}
	return m, m.log.setFocus(fieldOutcome)
}

// logFor opens the log form for any contact, due or not, from any view:
// with the briefing at hand at once, else once it has loaded.
func (m Model) logFor(id int64) (tea.Model, tea.Cmd) {
	if m.briefing != nil && m.briefing.Contact.ID == id {
		return m.startLog(*m.briefing)
	}
	m.pendingLog = id
	return m, m.loadBriefing(id)
}

// onLogKey handles a key on the log form.
func (m Model) onLogKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	f, k := m.log, m.keys
	if f.asked && !key.Matches(msg, k.Save) {
		// Any key but ctrl+s answers no to the question before saving
		// a wrong number or not a fit: the form stays as it is.
		f.asked = false
		m.status = ""
	}
	switch {
	case f.saving:
		return m, nil
	case key.Matches(msg, k.Save):
		return m.saveLog()
	case key.Matches(msg, k.Back):
		if f.hasContent() {
			m.dialog = leaveDialog()
			return m, nil
		}
		m.log = nil
		delete(m.held, f.contact.ID)
		return m, deleteDraft(m.ctx, m.store, f.contact.ID)
	case key.Matches(msg, k.Editor):
		return m, openEditor(f.note.Value())
	case key.Matches(msg, k.NextField):
		return m, f.cycle(1)
	case key.Matches(msg, k.PrevField):
		return m, f.cycle(-1)
	case key.Matches(msg, k.Channel):
		return m.switchTouch(nextChannel(f.via), f.dir)
	case key.Matches(msg, k.Inbound):
		dir := rotation.In
		if f.dir == rotation.In {
			dir = rotation.Out
		}
		return m.switchTouch(f.via, dir)
	case key.Matches(msg, k.FollowUpList):
		if len(f.followUps) == 0 {
			return m.setStatus("No open follow-ups to tick.")
		}
		if f.focus == fieldFollowUps {
			return m, f.setFocus(fieldNote)
		}
		return m, f.setFocus(fieldFollowUps)
	}
	switch f.focus {
	case fieldOutcome:
		return m.onOutcomeKey(msg)
	case fieldFollowUps:
		return m.onFollowUpsKey(msg)
	}
	return m.updateLog(msg)
}

// saveLog saves the call, after asking once before a wrong number or not
// a fit.
func (m Model) saveLog() (tea.Model, tea.Cmd) {
	f := m.log
	e, err := f.entry(m.today, m.settings.Calendar(), m.now())
	if err != nil {
		return m.setError(err)
	}
	if q := outcomeQuestion(f.outcome, f.contact.Name); q != "" && !f.asked {
		// A note's first letter taken for w or x would pause or
		// archive the contact: ask first; the note stays typed.
		f.asked = true
		return m.setNotice(q)
	}
	f.asked = false
	f.saving = true
	m.status, m.statusErr = "Saving…", false
	return m, m.saveCall(e, f.contact.Name)
}

// onOutcomeKey is a key while the outcome has the focus: an outcome's
// key chooses it; any other letter starts the note.
func (m Model) onOutcomeKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	f, k := m.log, m.keys
	if key.Matches(msg, k.Help) {
		m.showHelp = true
		return m, nil
	}
	for _, ok := range f.outcomeKeys(k) {
		if key.Matches(msg, ok.binding) {
			return m, m.chooseOutcome(ok.outcome)
		}
	}
	if key.Matches(msg, k.Log) {
		return m, f.setFocus(fieldNote)
	}
	if msg.Text != "" {
		// Not an outcome: the person is writing the note. It goes
		// to the notes, where the cursor now shows it, instead of
		// being dropped; the outcome is still asked for at save.
		return m.typeInto(fieldNote, msg)
	}
	return m, nil
}

// onFollowUpsKey is a key while the open follow-ups have the focus: move,
// tick or untick, go on; letters start a new follow-up.
func (m Model) onFollowUpsKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	f := m.log
	switch msg.String() {
	case "down":
		f.fuCursor = min(f.fuCursor+1, len(f.followUps)-1)
	case "up":
		f.fuCursor = max(f.fuCursor-1, 0)
	case "end", "pgdown":
		f.fuCursor = len(f.followUps) - 1
	case "home", "pgup":
		f.fuCursor = 0
	case "space":
		if id := f.followUps[f.fuCursor].ID; f.ticked[id] {
			delete(f.ticked, id)
		} else {
			f.ticked[id] = true
		}
		return m, f.changed()
	case "enter":
		return m, f.cycle(1)
	default:
		if msg.Text != "" {
			// Letters here are a new follow-up being written: they
			// go to the new follow-ups, never dropped.
			return m.typeInto(fieldNew, msg)
		}
	}
	return m, nil
}

// typeInto moves the focus to a text field and types the key there.
func (m Model) typeInto(fl field, msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	focus := m.log.setFocus(fl)
	mm, cmd := m.updateLog(msg)
	return mm, tea.Batch(focus, cmd)
}

// outcomeQuestion is what ctrl+s asks before saving an outcome that
// takes the contact out of the rotation; empty for the others.
func outcomeQuestion(o rotation.Outcome, name string) string {
	switch o {
	case rotation.WrongNumber:
		return "Wrong number pauses " + rotation.PrintableLine(name) + " until the number is fixed: ctrl+s again saves, any other key goes on editing."
	case rotation.NotAFit:
		return "Not a fit archives " + rotation.PrintableLine(name) + ": ctrl+s again saves, any other key goes on editing."
	}
	return ""
}

// outcomeText says in words what the chosen outcome does, so that it is
// seen without colour (NO_COLOR) too.
func outcomeText(o rotation.Outcome, name string) string {
	switch o {
	case rotation.Reached:
		return "outcome: reached — the next call follows the cadence"
	case rotation.Voicemail, rotation.NoAnswer:
		return "outcome: " + string(o) + " — a retry is proposed"
	case rotation.Callback:
		return "outcome: callback — type when in Next call"
	case rotation.WrongNumber:
		return "outcome: wrong number — pauses " + rotation.PrintableLine(name) + " until the number is fixed"
	case rotation.NotAFit:
		return "outcome: not a fit — archives " + rotation.PrintableLine(name)
	case rotation.Sent:
		return "outcome: sent — the planned call stays"
	}
	return "outcome: " + string(o)
}

// touchText is outcomeText for the whole touch: their missed call says
// what it does.
func touchText(t rotation.Touch, name string) string {
	if t.ReturnedCall() {
		return "outcome: their call, missed — a returned call, first on today's list"
	}
	return outcomeText(t.Outcome, name)
}

// chooseOutcome sets the outcome, asks for the proposed next date and
// moves on to the notes.
func (m Model) chooseOutcome(o rotation.Outcome) tea.Cmd {
	f := m.log
	f.outcome, f.proposal, f.proposalErr = o, nil, nil
	return tea.Batch(m.propose(f.contact.ID, f.touch()), f.setFocus(fieldNote), f.changed())
}

// updateLog passes a message to the focused editor and notes changes.
func (m Model) updateLog(msg tea.Msg) (tea.Model, tea.Cmd) {
	f := m.log
	var cmd tea.Cmd
	switch f.focus {
	case fieldNote:
		before := f.note.Value()
		f.note, cmd = f.note.Update(msg)
		if f.note.Value() != before {
			return m, tea.Batch(cmd, f.changed())
		}
	case fieldNew:
		before, lines := f.newFU.Value(), f.newFULines()
		if lines < f.newFUCap() && f.newFU.LineCount() >= lines {
			// Room for a line about to be added, so the box grows
			// instead of scrolling the earlier ones away.
			f.newFU.SetHeight(lines + 1)
		}
		f.newFU, cmd = f.newFU.Update(msg)
		if f.newFULines() != lines {
			f.resize(f.width, f.height)
		} else {
			f.newFU.SetHeight(lines)
		}
		if f.newFU.Value() != before {
			return m, tea.Batch(cmd, f.changed())
		}
	case fieldNext:
		before := f.next.Value()
		f.next, cmd = f.next.Update(msg)
		if f.next.Value() != before {
			return m, tea.Batch(cmd, f.changed())
		}
	}
	return m, cmd
}

// onSaved closes the form after a save and moves to the next contact; a
// failed save keeps everything typed.
func (m Model) onSaved(msg savedMsg) (tea.Model, tea.Cmd) {
	if m.log != nil && m.log.contact.ID == msg.contactID {
		m.log.saving = false
	}
	switch {
	case msg.err == nil:
	case isConflict(msg.err):
		return m.onConflict(msg)
	case isConnection(msg.err):
		m.offline = true
		return m.setError(fmt.Errorf("not saved (your note is kept; %s tries again): %s", m.keys.Save.Help().Key, connLine(msg.err)))
	default:
		return m.setError(fmt.Errorf("not saved (your note is kept): %w", msg.err))
	}
	m.offline = false
	m.log = nil
	delete(m.drafts, msg.contactID)
	delete(m.held, msg.contactID) // the call took its place
	// The saved contact leaves the list: select the one after it.
	m.selectedID = 0
	for i, it := range m.agenda.Due {
		if it.ID == msg.contactID {
			switch {
			case i+1 < len(m.agenda.Due):
				m.selectedID = m.agenda.Due[i+1].ID
			case i > 0:
				m.selectedID = m.agenda.Due[i-1].ID
			}
		}
	}
	m.briefing = nil
	text := "Saved " + rotation.PrintableLine(msg.name)
	if d := msg.result.Next.Due; !d.IsZero() {
		text += fmt.Sprintf(" · next call %s (%s)", d.Short(m.today), msg.result.Next.Reason)
	} else {
		text += " · " + msg.result.Next.Reason
	}
	m2, cmd := m.setStatus(text)
	// Logged from Contacts, a history or Search: what is on screen shows
	// it too.
	return m2, tea.Batch(append([]tea.Cmd{cmd, m2.loadAgenda()}, m2.reloadShown()...)...)
}
