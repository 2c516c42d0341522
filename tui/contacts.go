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
func (m Model) onContactsKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	cs := &m.contacts
	k := m.keys
	if cs.snooze != nil {
		return m.onSnoozeKey(msg)
	}
	if cs.editing {
		switch {
		case key.Matches(msg, k.Back):
			cs.editing = false
			cs.filter.SetValue("")
			cs.filter.Blur()
			cs.refilter(m.today)
			m.clampContacts()
			return m, nil
		case msg.String() == "enter":
			cs.editing = false
			cs.filter.Blur()
			return m, nil
		case msg.String() == "down" || msg.String() == "up":
			// fall through to the list movement below
		default:
			var cmd tea.Cmd
			before := cs.filter.Value()
			cs.filter, cmd = cs.filter.Update(msg)
			if cs.filter.Value() != before {
				cs.refilter(m.today)
				cs.cursor, cs.offset = 0, 0
			}
			return m, cmd
		}
	}
	if mm, cmd, ok := m.viewKey(msg); ok && !cs.editing {
		return mm, cmd
	}
	move := func(to int) (tea.Model, tea.Cmd) {
		cs.cursor = to
		m.clampContacts()
		return m, nil
	}
	c, ok := m.selectedContact()
	switch {
	case key.Matches(msg, k.Back) && cs.merging != 0:
		cs.merging = 0
		m.status = ""
		return m, nil
	case m.afterStray && key.Matches(msg, k.Archive, k.Pause, k.Add, k.Edit, k.Snooze, k.Merge, k.Forget, k.Undo):
		for _, b := range []key.Binding{k.Archive, k.Pause, k.Add, k.Edit, k.Snooze, k.Merge, k.Forget, k.Undo} {
			if key.Matches(msg, b) {
				return m.typing(b)
			}
		}
		return m, nil
	case key.Matches(msg, k.Merge) && ok:
		return m.askMerge(c)
	case key.Matches(msg, k.Forget) && ok:
		return m.askForget(c)
	case key.Matches(msg, k.Undo):
		return m.askUndo()
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, k.Down):
		return move(cs.cursor + 1)
	case key.Matches(msg, k.Up):
		return move(cs.cursor - 1)
	case key.Matches(msg, k.Top):
		return move(0)
	case key.Matches(msg, k.Bottom):
		return move(len(cs.shown) - 1)
	case key.Matches(msg, k.PageDown):
		return move(cs.cursor + m.contactRows())
	case key.Matches(msg, k.PageUp):
		return move(cs.cursor - m.contactRows())
	case key.Matches(msg, k.Filter):
		cs.editing = true
		return m, cs.filter.Focus()
	case key.Matches(msg, k.Back):
		if cs.filter.Value() != "" {
			cs.filter.SetValue("")
			cs.refilter(m.today)
			m.clampContacts()
		}
		return m, nil
	case key.Matches(msg, k.Sort):
		cs.sort = (cs.sort + 1) % sortCount
		cs.refilter(m.today)
		m.clampContacts()
		return m.setStatus("Sorted by " + sortNames[cs.sort] + ".")
	case key.Matches(msg, k.Add):
		return m.openForm(nil)
	case key.Matches(msg, k.Refresh):
		return m, tea.Batch(m.reloadShown()...)
	case !ok:
		return m, nil
	case key.Matches(msg, k.Open):
		return m, m.openHistory(c.ID)
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
		in.Prompt = "Snooze " + OneLine(c.Name) + " to › "
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
			return contactSavedMsg{fmt.Sprintf("%s snoozed to %s.%s", OneLine(c.Name), d.Short(m.today), note), c.ID, st.SetDue(ctx, c.ID, d)}
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
	name := OneLine(c.Name)
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
		return contactSavedMsg{OneLine(c.Name) + " " + done + ".", c.ID, st.SetStatus(ctx, c.ID, status, due)}
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

// contactsView draws the filter line, the header and the visible rows.
func (m Model) contactsView() string {
	s := m.styles
	cs := m.contacts
	if !cs.loaded {
		return s.Dim.Render(" Loading…")
	}
	var top string
	switch {
	case cs.snooze != nil:
		top = " " + cs.snooze.View()
		if cs.snzErr != "" {
			top = " " + s.StatusErr.Render(truncate(OneLine(cs.snzErr), m.width-2))
		}
	case cs.editing || cs.filter.Value() != "":
		top = " " + cs.filter.View() + s.Dim.Render(fmt.Sprintf("  %d of %d", len(cs.shown), len(cs.all)))
	default:
		top = s.Dim.Render(truncate(fmt.Sprintf(" %s · sorted by %s · / filters · a adds", rotation.Plural(len(cs.all), "contact"), sortNames[cs.sort]), m.width))
	}
	cols := contactColumns(m.width, m.role != "")
	cells := make([]string, 0, len(cols))
	for _, col := range cols {
		cells = append(cells, pad(col.title, col.width))
	}
	header := strings.TrimRight("  "+strings.Join(cells, "  "), " ")
	lines := []string{top, s.Label.Render(truncate(header, m.width))}
	if len(cs.all) == 0 {
		lines = append(lines, "", s.Dim.Render("  No contacts yet: press a to add one, or run rotate demo to look around."))
	}
	end := min(len(cs.shown), cs.offset+m.contactRows())
	for i := cs.offset; i < end; i++ {
		c := cs.all[cs.shown[i]]
		cells = cells[:0]
		for _, col := range cols {
			cells = append(cells, pad(truncate(col.cell(c, m.today), col.width), col.width))
		}
		row := strings.TrimRight(strings.Join(cells, "  "), " ")
		if i == cs.cursor {
			lines = append(lines, s.Selected.Render(pad(truncate("▸ "+row, m.width), m.width)))
			continue
		}
		if c.Status != rotation.Active {
			lines = append(lines, s.Dim.Render(truncate("  "+row, m.width)))
			continue
		}
		lines = append(lines, truncate("  "+row, m.width))
	}
	return strings.Join(lines, "\n")
}

// compactDate fits a date in 11 cells: "Wed 16 Dec" this year,
// "11 Jan 2027" otherwise.
func compactDate(d, today rotation.Date) string {
	if d.Year() == today.Year() {
		return d.Time().Format("Mon 2 Jan")
	}
	return d.Time().Format("2 Jan 2006")
}

// contactColumn is one column of the Contacts table.
type contactColumn struct {
	title string
	width int
	cell  func(c rotation.Contact, today rotation.Date) string
}

// The fixed columns, in the order they are shown after name and company;
// drop is the order they give way in when the terminal is too narrow for
// name and company to stay readable: the cadence first (it is on the
// contact's own page), then the status (paused and archived rows are dimmed
// and have no next call), then the last talk. The tier and the next call
// always stay.
var (
	colTier = contactColumn{"T", 1, func(c rotation.Contact, _ rotation.Date) string { return c.Tier }}
	colRule = contactColumn{"Cadence", 10, func(c rotation.Contact, today rotation.Date) string {
		if !c.Override.IsZero() && today <= c.OverrideUntil {
			// An override in force, as `rotate list` shows it, made to
			// fit: "2d→15 Dec" is every 2d until 15 Dec.
			return strings.TrimPrefix(c.Override.String(), "every ") + "→" + c.OverrideUntil.Time().Format("2 Jan")
		}
		return c.Rule.String()
	}}
	colNext = contactColumn{"Next due", 11, func(c rotation.Contact, today rotation.Date) string {
		if c.Status != rotation.Active || c.Due.IsZero() {
			return "—"
		}
		return compactDate(c.Due, today)
	}}
	colLast = contactColumn{"Last talk", 12, func(c rotation.Contact, today rotation.Date) string {
		return rotation.Ago(c.LastTalk, today) // "never" when zero
	}}
	colWho = contactColumn{"Assigned", 10, func(c rotation.Contact, _ rotation.Date) string {
		if c.Assignee == "" {
			return "—"
		}
		return OneLine(c.Assignee)
	}}
	colStatus = contactColumn{"Status", 8, func(c rotation.Contact, _ rotation.Date) string {
		if c.Status == rotation.Active {
			return ""
		}
		return string(c.Status)
	}}
)

const (
	minNameW, maxNameW       = 11, 30
	minCompanyW, maxCompanyW = 9, 26
	maxRuleW                 = 18 // "every mon,wed,fri", "taper 1d 3d 7d 14d"
)

// contactColumns lays the Contacts table out in width cells (two of them
// for the cursor): the fixed columns take their own width, name and
// company share the rest, 55:45, up to a cap each, so a wide terminal
// shows long names instead of gaps, and what is left after the caps
// lets long cadences show whole. Fixed columns are dropped, least
// useful first, only while name and company would get fewer than
// minNameW+minCompanyW cells. A team book (team) has whom each contact is
// assigned to after the next call; it stays.
func contactColumns(width int, team bool) []contactColumn {
	fixed := []contactColumn{colTier, colRule, colNext, colLast, colStatus}
	if team {
		fixed = []contactColumn{colTier, colRule, colNext, colWho, colLast, colStatus}
	}
	dropOrder := []string{colRule.title, colStatus.title, colLast.title}
	slack := func() int {
		n := width - 2 - 2*(len(fixed)+1) // the cursor, and the gaps between columns
		for _, c := range fixed {
			n -= c.width
		}
		return n
	}
	for _, title := range dropOrder {
		if slack() >= minNameW+minCompanyW {
			break
		}
		fixed = slices.DeleteFunc(fixed, func(c contactColumn) bool { return c.title == title })
	}
	n := max(slack(), minNameW+minCompanyW)
	companyW := min(n*45/100, maxCompanyW)
	nameW := min(n-companyW, maxNameW)
	companyW = min(n-nameW, maxCompanyW)
	if extra := n - nameW - companyW; extra > 0 { // long cadences before empty space
		for i := range fixed {
			if fixed[i].title == colRule.title {
				fixed[i].width = min(fixed[i].width+extra, maxRuleW)
			}
		}
	}
	name := contactColumn{"Name", nameW, func(c rotation.Contact, _ rotation.Date) string { return OneLine(c.Name) }}
	company := contactColumn{"Company", companyW, func(c rotation.Contact, _ rotation.Date) string { return OneLine(c.Company) }}
	return append([]contactColumn{name, company}, fixed...)
}
