package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// view is one of the screens reachable from the tab bar.
type view int

const (
	viewToday view = iota
	viewContacts
	viewUpcoming
	viewStats
	viewSearch
	viewCount
)

var viewNames = [viewCount]string{"Today", "Contacts", "Upcoming", "Stats", "Search"}

// tabBar is the line under the header: every view with its key, the
// current one highlighted.
func (m Model) tabBar() string {
	s := m.styles
	var b strings.Builder
	b.WriteString(s.Rule.Render("─"))
	for v := range viewCount {
		label := fmt.Sprintf(" %d %s ", v+1, viewNames[v])
		if v == m.view {
			b.WriteString(s.Tab.Render("[" + strings.TrimSpace(label) + "]"))
		} else {
			b.WriteString(s.Dim.Render(label))
		}
		b.WriteString(s.Rule.Render("─"))
	}
	line := b.String()
	if rest := m.width - ansi.StringWidth(line); rest > 0 {
		line += s.Rule.Render(repeat("─", rest))
	}
	return truncate(line, m.width)
}

// switchTo opens a view and loads what it shows.
func (m Model) switchTo(v view) (Model, tea.Cmd) {
	if v < 0 || v >= viewCount {
		return m, nil
	}
	m.view = v
	m.status = ""
	switch v {
	case viewToday:
		return m, m.loadAgenda()
	case viewContacts:
		return m, m.loadContacts()
	case viewUpcoming:
		return m, m.loadUpcoming()
	case viewStats:
		return m, m.loadStats()
	case viewSearch:
		return m, m.search.input.Focus()
	}
	return m, nil
}

// viewKey handles the keys that work in every view: the view switches.
// It reports whether the key was used.
func (m Model) viewKey(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	k := m.keys
	switch {
	case key.Matches(msg, k.NextView):
		mm, cmd := m.switchTo((m.view + 1) % viewCount)
		return mm, cmd, true
	case key.Matches(msg, k.PrevView):
		mm, cmd := m.switchTo((m.view + viewCount - 1) % viewCount)
		return mm, cmd, true
	}
	if t := msg.Text; len(t) == 1 && t[0] >= '1' && t[0] < '1'+byte(viewCount) {
		mm, cmd := m.switchTo(view(t[0] - '1'))
		return mm, cmd, true
	}
	return m, nil, false
}

// keyHelp is the key help of the current screen.
func (m Model) keyHelp() (help.KeyMap, string) {
	switch {
	case m.log != nil:
		return logHelp{m.keys}, "logging a call"
	case m.form != nil:
		return formHelp{m.keys}, "the contact form"
	case m.history != nil:
		return historyHelp{m.keys}, "a contact's briefing and history"
	}
	switch m.view {
	case viewContacts:
		return contactsHelp{m.keys}, "Contacts"
	case viewUpcoming:
		return upcomingHelp{m.keys}, "Upcoming"
	case viewStats:
		return statsHelp{m.keys}, "Stats"
	case viewSearch:
		return searchHelp{m.keys}, "Search"
	}
	return todayHelp{m.keys}, "Today"
}
