package tui

import (
	"fmt"
	"reflect"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// crashState is where a Model notes a panic it recovered from; the copies
// of a Model share it, so that View, which cannot change the model, can
// still say that the program must end.
type crashState struct{ why string }

// note keeps the first panic's value as one line.
func (c *crashState) note(r any) {
	if c != nil && c.why == "" {
		c.why = rotation.PrintableLine(fmt.Sprint(r))
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
	if c, ok := msg.(crashMsg); ok {
		m.crash.note(c.why)
		return m, tea.Quit
	}
	defer func() {
		if r := recover(); r != nil {
			m.crash.note(r)
			next, cmd = m, tea.Quit
		}
	}()
	next, cmd = m.update(msg)
	return next, safeCmd(cmd)
}

// crashMsg is a panic in a command (safeCmd), for Update to end the
// program with.
type crashMsg struct{ why any }

// cmdType is the type of a tea.Cmd, to find tea.Sequence's message.
var cmdType = reflect.TypeFor[tea.Cmd]()

// safeCmd wraps cmd so that a panic while it runs (a store call, in one of
// Bubble Tea's goroutines) becomes a crashMsg for Update instead of Bubble
// Tea's stack trace on the terminal and a program killed without its
// model. The commands of a batch or a sequence are wrapped in turn.
func safeCmd(cmd tea.Cmd) tea.Cmd {
	if cmd == nil {
		return nil
	}
	return func() (msg tea.Msg) {
		defer func() {
			if r := recover(); r != nil {
				msg = crashMsg{r}
			}
		}()
		msg = cmd()
		if b, ok := msg.(tea.BatchMsg); ok {
			out := make(tea.BatchMsg, len(b))
			for i, c := range b {
				out[i] = safeCmd(c)
			}
			return out
		}
		// tea.Sequence's message is an unexported []tea.Cmd.
		if v := reflect.ValueOf(msg); v.IsValid() && v.Kind() == reflect.Slice && v.Type().Elem() == cmdType {
			out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
			for i := range v.Len() {
				if c, _ := v.Index(i).Interface().(tea.Cmd); c != nil {
					out.Index(i).Set(reflect.ValueOf(safeCmd(c)))
				}
			}
			return out.Interface()
		}
		return msg
	}
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
