package tui

import (
	"fmt"

	tea "charm.land/bubbletea/v2"
)

// crashState is where a Model notes a panic it recovered from; the copies
// of a Model share it, so that View, which cannot change the model, can
// still say that the program must end.
type crashState struct{ why string }

// note keeps the first panic's value as one line.
func (c *crashState) note(r any) {
	if c != nil && c.why == "" {
		c.why = OneLine(fmt.Sprint(r))
		if c.why == "" {
			c.why = "panic"
		}
	}
}

// Crashed is the panic the interface recovered from, as one line, or ""
// when there was none. After a panic in Update the model is the one from
// before the message that caused it, so PendingDrafts still has the note
// being typed; the caller saves it, restores the terminal (Bubble Tea does
// as the program ends) and says what happened in one line.
func (m Model) Crashed() string {
	if m.crash == nil {
		return ""
	}
	return m.crash.why
}

// Update handles one message. A panic while handling it ends the program
// (tea.Quit) with the model as it was before the message, rather than
// letting Bubble Tea's own recovery drop the model and the note with it.
// Once View has panicked, the next message ends the program too.
func (m Model) Update(msg tea.Msg) (next tea.Model, cmd tea.Cmd) {
	if m.Crashed() != "" {
		return m, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			m.crash.note(r)
			next, cmd = m, tea.Quit
		}
	}()
	return m.update(msg)
}

// View draws the screen (render). A panic while drawing leaves an empty
// screen and is noted, so that the next message, at the latest the next
// poll of the book, ends the program with the note kept.
func (m Model) View() (v tea.View) {
	defer func() {
		if r := recover(); r != nil {
			m.crash.note(r)
			v = tea.NewView("")
			v.AltScreen = true
		}
	}()
	return m.render()
}
