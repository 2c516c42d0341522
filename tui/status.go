package tui

import (
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// setStatus shows a message in the status line for a few seconds.
func (m Model) setStatus(s string) (Model, tea.Cmd) {
	m.status, m.statusErr, m.statusWarn, m.statusHint = s, false, false, false
	m.statusSeq++
	seq := m.statusSeq
	return m, m.tick(4*time.Second, func(time.Time) tea.Msg { return clearStatusMsg{seq} })
}

// setError shows an error in the status line until the next message.
func (m Model) setError(err error) (Model, tea.Cmd) {
	if m.explain != nil {
		err = m.explain(err)
	}
	m.status, m.statusErr, m.statusWarn, m.statusHint = rotation.PrintableLine(err.Error()), true, false, false
	m.statusSeq++
	return m, nil
}

// setHint shows a calm notice in the status line for a few seconds:
// what a key typed where no field has the focus did (nothing), so that
// it does not linger into the next screen.
func (m Model) setHint(s string) (Model, tea.Cmd) {
	m.status, m.statusErr, m.statusWarn, m.statusHint = rotation.PrintableLine(s), false, true, true
	m.statusSeq++
	seq := m.statusSeq
	return m, m.tick(4*time.Second, func(time.Time) tea.Msg { return clearStatusMsg{seq} })
}

// setNotice shows a calm notice in the status line until the next message.
func (m Model) setNotice(s string) (Model, tea.Cmd) {
	m.status, m.statusErr, m.statusWarn, m.statusHint = rotation.PrintableLine(s), false, true, false
	m.statusSeq++
	return m, nil
}

// footer is the status line, or the short key help when there is no news.
func (m Model) footer(km help.KeyMap) string {
	if m.status != "" {
		st := m.styles.Status
		switch {
		case m.statusErr:
			st = m.styles.StatusErr
		case m.statusWarn:
			st = m.styles.Warn
		}
		return st.Render(truncate(m.status, m.width))
	}
	if m.health != "" {
		return m.styles.StatusErr.Render(truncate(m.health, m.width))
	}
	// bubbles/help adds every remaining key, past the edge, when even its
	// " …" does not fit; cut the line here so it never wraps.
	return truncate(m.help.View(km), m.width)
}
