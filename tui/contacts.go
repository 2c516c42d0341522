package tui

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// sortKey is how the Contacts view is ordered.
type sortKey int

const (
	sortName sortKey = iota
	sortLastName
	sortTier
	sortDue
	sortLastTalk
	sortCount
)

var sortNames = [sortCount]string{"name", "last name", "tier", "next due", "last talk"}

// contactsState is the Contacts view: the whole book, sortable and
// filtered as you type.
type contactsState struct {
	// merging is the contact M was pressed on, to merge into the one M
	// is pressed on next; 0 for none.
	merging int64
	all     []rotation.Contact
	match   matcher
	shown   []int // indices into all, in display order
	sort    sortKey
	filter  textinput.Model
	editing bool // the filter has the keys
	cursor  int
	offset  int
	loaded  bool
	snooze  *textinput.Model // set while typing a snooze date
	snzErr  string
}

type contactsMsg struct {
	all []rotation.Contact
	err error
}

type contactSavedMsg struct {
	note string
	id   int64
	err  error
}

func newContactsState(isDark bool) contactsState {
	f := newInput(isDark)
	f.Prompt = "/ "
	f.Placeholder = "filter by name, company or tag"
	f.CharLimit = 100
	return contactsState{filter: f}
}

func (m Model) loadContacts() tea.Cmd {
	st, ctx := m.store, m.ctx
	return func() tea.Msg {
		all, err := st.AllContacts(ctx)
		return contactsMsg{all, err}
	}
}

// reloadShown loads again what the Contacts view and a contact's history
// on screen show, for R and when the book changed elsewhere (onChanged).
func (m Model) reloadShown() []tea.Cmd {
	var cmds []tea.Cmd
	if m.view == viewContacts {
		cmds = append(cmds, m.loadContacts())
	}
	if m.history != nil {
		cmds = append(cmds, m.reloadHistory())
	}
	return cmds
}

func (m Model) onContacts(msg contactsMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m.setError(msg.err)
	}
	cs := &m.contacts
	var keep int64
	if c, ok := m.selectedContact(); ok {
		keep = c.ID
	}
	cs.all, cs.match, cs.loaded = msg.all, newMatcher(msg.all), true
	cs.refilter(m.today)
	for i, idx := range cs.shown {
		if cs.all[idx].ID == keep {
			cs.cursor = i
		}
	}
	m.clampContacts()
	return m, nil
}

// refilter applies the filter and the sort.
func (cs *contactsState) refilter(today rotation.Date) {
	q := cs.filter.Value()
	cs.shown = cs.match.match(q)
	if strings.TrimSpace(q) != "" {
		return // best match first while filtering
	}
	all := cs.all
	switch cs.sort {
	case sortLastName:
		rotation.SortBy(cs.shown, rotation.ByLastName, func(i int) rotation.Contact { return all[i] })
	case sortTier:
		rotation.SortBy(cs.shown, rotation.ByTier, func(i int) rotation.Contact { return all[i] })
	case sortDue:
		slices.SortStableFunc(cs.shown, func(a, b int) int {
			da, db := all[a].Due, all[b].Due
			if da.IsZero() != db.IsZero() { // no next call (paused, archived) last
				if da.IsZero() {
					return 1
				}
				return -1
			}
			return cmp.Compare(da, db)
		})
	case sortLastTalk:
		slices.SortStableFunc(cs.shown, func(a, b int) int { return cmp.Compare(all[a].LastTalk, all[b].LastTalk) })
	}
}

func (m Model) selectedContact() (rotation.Contact, bool) {
	cs := m.contacts
	if cs.cursor < 0 || cs.cursor >= len(cs.shown) {
		return rotation.Contact{}, false
	}
	return cs.all[cs.shown[cs.cursor]], true
}

func (m *Model) clampContacts() {
	cs := &m.contacts
	cs.cursor = min(max(cs.cursor, 0), max(len(cs.shown)-1, 0))
	rows := m.contactRows()
	if cs.cursor < cs.offset {
		cs.offset = cs.cursor
	}
	if cs.cursor >= cs.offset+rows {
		cs.offset = cs.cursor - rows + 1
	}
}

func (m Model) contactRows() int { return max(1, m.bodyHeight()-2) }

// onContactsKey filters, sorts, moves, and acts on the selected contact.
// Each group of keys has its handler, tried in this order: the snooze
// prompt, the filter being typed, the view keys, the keys that work
// anywhere on the list, moving, the list's own keys, and the keys that act
// on the selected contact.
func (m Model) onContactsKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	cs := &m.contacts
	if cs.snooze != nil {
		return m.onSnoozeKey(msg)
	}
	if cs.editing {
		if mm, cmd, done := m.onContactsFilterKey(msg); done {
			return mm, cmd
		}
	}
	if mm, cmd, ok := m.viewKey(msg); ok && !cs.editing {
		return mm, cmd
	}
	c, ok := m.selectedContact()
	if mm, cmd, done := m.onContactsAnywhereKey(msg, c, ok); done {
		return mm, cmd
	}
	if to, done := m.contactsMoveTarget(msg); done {
		cs.cursor = to
		m.clampContacts()
		return m, nil
	}
	if mm, cmd, done := m.onContactsListKey(msg); done {
		return mm, cmd
	}
	if !ok {
		return m, nil
	}
	return m.onSelectedContactKey(msg, c)
}

// onContactsFilterKey types into the filter; done is false for the keys
// that still move in the list while it has the focus (up and down).
func (m Model) onContactsFilterKey(msg tea.KeyPressMsg) (_ tea.Model, _ tea.Cmd, done bool) {
	cs := &m.contacts
	switch {
	case key.Matches(msg, m.keys.Back):
		cs.editing = false
		cs.filter.SetValue("")
		cs.filter.Blur()
		cs.refilter(m.today)
		m.clampContacts()
		return m, nil, true
	case msg.String() == "enter":
		cs.editing = false
		cs.filter.Blur()
		return m, nil, true
	case msg.String() == "down" || msg.String() == "up":
		// left to the list movement
		return m, nil, false
	default:
		var cmd tea.Cmd
		before := cs.filter.Value()
		cs.filter, cmd = cs.filter.Update(msg)
		if cs.filter.Value() != before {
			cs.refilter(m.today)
			cs.cursor, cs.offset = 0, 0
		}
		return m, cmd, true
	}
}

// onContactsAnywhereKey handles the keys that come before moving: leaving
// a merge, a key typed just after a stray one, merge, forget, undo, quit
// and help. c is the selected contact when ok.
func (m Model) onContactsAnywhereKey(msg tea.KeyPressMsg, c rotation.Contact, ok bool) (_ tea.Model, _ tea.Cmd, done bool) {
	cs := &m.contacts
	k := m.keys
	switch {
	case key.Matches(msg, k.Back) && cs.merging != 0:
		cs.merging = 0
		m.status = ""
		return m, nil, true
	case m.afterStray && key.Matches(msg, k.Archive, k.Pause, k.Add, k.Edit, k.Snooze, k.Merge, k.Forget, k.Undo):
		for _, b := range []key.Binding{k.Archive, k.Pause, k.Add, k.Edit, k.Snooze, k.Merge, k.Forget, k.Undo} {
			if key.Matches(msg, b) {
				mm, cmd := m.typing(b)
				return mm, cmd, true
			}
		}
		return m, nil, true
	case key.Matches(msg, k.Merge) && ok:
		mm, cmd := m.askMerge(c)
		return mm, cmd, true
	case key.Matches(msg, k.Forget) && ok:
		mm, cmd := m.askForget(c)
		return mm, cmd, true
	case key.Matches(msg, k.Undo):
		mm, cmd := m.askUndo()
		return mm, cmd, true
	case key.Matches(msg, k.Quit):
		mm, cmd := m.quit()
		return mm, cmd, true
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return m, nil, true
	}
	return m, nil, false
}

// contactsMoveTarget is the row a movement key goes to, before clamping.
func (m Model) contactsMoveTarget(msg tea.KeyPressMsg) (to int, done bool) {
	cs, k := &m.contacts, m.keys
	switch {
	case key.Matches(msg, k.Down):
		return cs.cursor + 1, true
	case key.Matches(msg, k.Up):
		return cs.cursor - 1, true
	case key.Matches(msg, k.Top):
		return 0, true
	case key.Matches(msg, k.Bottom):
		return len(cs.shown) - 1, true
	case key.Matches(msg, k.PageDown):
		return cs.cursor + m.contactRows(), true
	case key.Matches(msg, k.PageUp):
		return cs.cursor - m.contactRows(), true
	}
	return 0, false
}

// onContactsListKey handles the keys that act on the whole list: filter,
// clear the filter, sort, add and refresh.
func (m Model) onContactsListKey(msg tea.KeyPressMsg) (_ tea.Model, _ tea.Cmd, done bool) {
	cs, k := &m.contacts, m.keys
	switch {
	case key.Matches(msg, k.Filter):
		cs.editing = true
		return m, cs.filter.Focus(), true
	case key.Matches(msg, k.Back):
		if cs.filter.Value() != "" {
			cs.filter.SetValue("")
			cs.refilter(m.today)
			m.clampContacts()
		}
		return m, nil, true
	case key.Matches(msg, k.Sort):
		cs.sort = (cs.sort + 1) % sortCount
		cs.refilter(m.today)
		m.clampContacts()
		mm, cmd := m.setStatus("Sorted by " + sortNames[cs.sort] + ".")
		return mm, cmd, true
	case key.Matches(msg, k.Add):
		mm, cmd := m.openForm(nil)
		return mm, cmd, true
	case key.Matches(msg, k.Refresh):
		return m, tea.Batch(m.reloadShown()...), true
	}
	return m, nil, false
}

// onSelectedContactKey handles the keys that act on the selected contact
// c: open its history, edit, archive, pause, snooze.
func (m Model) onSelectedContactKey(msg tea.KeyPressMsg, c rotation.Contact) (tea.Model, tea.Cmd) {
	cs, k := &m.contacts, m.keys
	switch {
	case key.Matches(msg, k.Open):
		return m, m.openHistory(c.ID)
	case key.Matches(msg, k.LogTouch):
		return m.logFor(c.ID)
	case key.Matches(msg, k.Edit):
		return m, m.editContact(c.ID)
	case key.Matches(msg, k.Archive):
		if c.Status == rotation.Archived {
			return m.askStatus(c, rotation.Active, "Bring %s back into the rotation?", "bring back", "back in the rotation")
		}
		return m.askStatus(c, rotation.Archived, "Archive %s?", "archive", "archived")
	case key.Matches(msg, k.Pause):
		if c.Status == rotation.Paused {
			return m.askStatus(c, rotation.Active, "Resume %s?", "resume", "resumed")
		}
		return m.askStatus(c, rotation.Paused, "Pause %s?", "pause", "paused")
	case key.Matches(msg, k.Snooze):
		in := newInput(m.styles.IsDark)
		in.Prompt = "Snooze " + rotation.PrintableLine(c.Name) + " to › "
		in.Placeholder = "next monday, in 2 weeks, mar 3"
		in.CharLimit = 40
		in.SetWidth(30)
		cs.snooze, cs.snzErr = &in, ""
		return m, cs.snooze.Focus()
	}
	return m, nil
}

func (m Model) onSnoozeKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	cs := &m.contacts
	switch {
	case key.Matches(msg, m.keys.Back):
		cs.snooze = nil
		return m, nil
	case msg.String() == "enter":
		c, ok := m.selectedContact()
		cal := m.settings.Calendar()
		typed, err := rotation.ParseTypedDate(cs.snooze.Value(), m.today, cal)
		if err != nil {
			cs.snzErr = err.Error()
			return m, nil
		}
		d, note := typed.Date, typed.Note(m.today, cal)
		if note != "" {
			note = " " + note
		}
		cs.snooze = nil
		if !ok {
			return m, nil
		}
		st, ctx := m.store, m.ctx
		return m, func() tea.Msg {
			return contactSavedMsg{fmt.Sprintf("%s snoozed to %s.%s", rotation.PrintableLine(c.Name), d.Short(m.today), note), c.ID, st.SetDue(ctx, c.ID, d)}
		}
	}
	var cmd tea.Cmd
	*cs.snooze, cmd = cs.snooze.Update(msg)
	cs.snzErr = ""
	return m, cmd
}

// askStatus asks before archiving, pausing or resuming a contact: one
// key must never change the schedule unseen.
func (m Model) askStatus(c rotation.Contact, status rotation.Status, question, yes, done string) (tea.Model, tea.Cmd) {
	name := rotation.PrintableLine(c.Name)
	var detail string
	switch status {
	case rotation.Archived:
		detail = "They leave the rotation; x on them again brings them back."
	case rotation.Paused:
		detail = "No calls are planned for them until you resume them."
	case rotation.Active:
		detail = "Their next call will be " + m.settings.Calendar().OnOrAfter(m.today).Short(m.today) + "."
	}
	m.dialog = confirmDialog(fmt.Sprintf(question, name), detail, yes,
		fmt.Sprintf("Nothing changed: %s is as before.", name), m.setContactStatus(c, status, done))
	return m, nil
}

// setContactStatus archives, pauses or resumes; a contact back in the
// rotation is due on today's first workday.
func (m Model) setContactStatus(c rotation.Contact, status rotation.Status, done string) tea.Cmd {
	st, ctx := m.store, m.ctx
	var due rotation.Date
	if status == rotation.Active {
		due = m.settings.Calendar().OnOrAfter(m.today)
	}
	return func() tea.Msg {
		return contactSavedMsg{rotation.PrintableLine(c.Name) + " " + done + ".", c.ID, st.SetStatus(ctx, c.ID, status, due)}
	}
}

func (m Model) onContactSaved(msg contactSavedMsg) (tea.Model, tea.Cmd) {
	var dup duplicateError
	if errors.As(msg.err, &dup) && m.form != nil {
		m.form.allowDup = true
	}
	if msg.err != nil {
		return m.setError(msg.err)
	}
	m.form = nil
	mm, cmd := m.setStatus(msg.note)
	return mm, tea.Batch(cmd, mm.loadContacts(), mm.loadAgenda())
}
