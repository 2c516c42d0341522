package tui

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Letters typed where no text field has the focus (a note typed on the
// list, thinking the log form was open) must never change the book. Two
// guards see to it. Every one-key change (archive, pause, resume, clear
// time away, catch up) asks first, and only y (enter for the catch-up)
// makes it, any other key keeping the book as it is. And such a key
// pressed right after a letter that did nothing on this screen is taken
// for typing, not a command: it does nothing either, and the status line
// says why, so "copy" typed in Contacts is not p (pause) then y (yes).

// strayKey reports a key that types a character but does nothing on the
// current screen: no key of its help matches it.
func (m Model) strayKey(msg tea.KeyPressMsg) bool {
	if msg.Text == "" {
		return false
	}
	if t := msg.Text; len(t) == 1 && t[0] >= '1' && t[0] < '1'+byte(viewCount) {
		return false // the view keys
	}
	km, _ := m.keyHelp()
	for _, group := range km.FullHelp() {
		if key.Matches(msg, group...) {
			return false
		}
	}
	return true
}

// typing is the answer to a one-key command pressed while typing (right
// after a stray key): nothing happens, and the status line says so.
func (m Model) typing(b key.Binding) (tea.Model, tea.Cmd) {
	h := b.Help()
	return m.typingText(h.Key, "is "+h.Desc)
}

func (m Model) typingText(k, does string) (tea.Model, tea.Cmd) {
	return m.setHint(fmt.Sprintf("Nothing done: no field has the focus (%s %s; press it again).", k, does))
}

// strayNotice is the answer to a key that does nothing on this screen:
// the status line says so at once.
func (m Model) strayNotice(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := msg.Text
	if k == " " {
		k = "space"
	}
	return m.setHint(fmt.Sprintf("Nothing done: %s does nothing on %s (no field has the focus; ? lists the keys).", k, viewNames[m.view]))
}

// textFocused reports whether a text field of a list view has the keys:
// the Contacts filter or snooze date, the Upcoming time away, the Search
// query.
func (m Model) textFocused() bool {
	return m.view == viewSearch || m.contacts.editing || m.contacts.snooze != nil || m.upcoming.away != nil
}
