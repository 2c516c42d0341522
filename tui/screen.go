package tui

import (
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// wide reports whether the briefing fits beside the list.
func (m Model) wide() bool { return m.width >= wideWidth }

// bodyHeight is the number of lines between the header and the footer.
func (m Model) bodyHeight() int { return max(1, m.height-4) }

// listWidth is the width of the call list.
func (m Model) listWidth() int {
	if m.wide() {
		return max(48, m.width/2)
	}
	return m.width
}

// briefWidth is the width of the briefing's text.
func (m Model) briefWidth() int {
	if m.wide() {
		return m.width - m.listWidth() - 3
	}
	return m.width - 2
}

// layout sizes the parts after a resize.
func (m *Model) layout() {
	m.brief.SetWidth(m.briefWidth())
	m.brief.SetHeight(m.bodyHeight())
	m.help.SetWidth(m.width)
	m.refreshBriefing()
	m.clampCursor()
	if m.log != nil {
		m.log.resize(m.width, m.height)
	}
	m.layoutHistory()
	m.search.input.SetWidth(max(10, m.width-20))
	m.contacts.filter.SetWidth(max(10, m.width-30))
}

// render draws the screen (View, which recovers from a panic): the
// header and tab bar, the current view or the log form, the status line.
func (m Model) render() tea.View {
	if m.testHook != nil {
		m.testHook("view")
	}
	var body string
	switch {
	case m.showHelp:
		body = m.helpView()
	case m.log != nil:
		body = m.log.view(m)
	default:
		body = m.frame()
	}
	if m.dialog != nil {
		body = m.dialogView(body)
	}
	v := tea.NewView(fitWidth(body, m.width))
	v.AltScreen = true
	v.WindowTitle = "rotate · " + m.today.Time().Format("Mon 2 Jan")
	return v
}

// frame is every screen but the log form: header, tab bar, body, footer.
func (m Model) frame() string {
	var body string
	switch {
	case m.form != nil:
		body = m.formView()
	case m.history != nil:
		body = m.historyView()
	case m.view == viewContacts:
		body = m.contactsView()
	case m.view == viewUpcoming:
		body = m.upcomingView()
	case m.view == viewStats:
		body = m.statsView()
	case m.view == viewSearch:
		body = m.searchView()
	default:
		body = m.todayBody()
	}
	km, _ := m.keyHelp()
	return strings.Join([]string{m.headerView(), m.tabBar(), fitHeight(body, m.bodyHeight()), "", m.footer(km)}, "\n")
}

// helpView lists every key of the current screen.
func (m Model) helpView() string {
	h := m.help
	h.ShowAll = true
	km, title := m.keyHelp()
	return lipgloss.JoinVertical(lipgloss.Left,
		m.styles.Header.Render("Keys · "+title), "", h.View(km), "", m.styles.Dim.Render("any key closes this"))
}
