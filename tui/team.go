package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rotate/rotation"
)

// A team book is shared by a practitioner and an assistant on a server.
// The interface learns what it needs of that through behaviour, not
// through the store's types: the store's errors say what they are with a
// method, and a team book's store says who is signed in.

// teamMember is a store that knows who is signed in: a team book. A
// personal book's store answers "", "" or does not have the method.
type teamMember interface {
	Who() (role, kind string)
}

// isConflict reports an error that refuses a call because someone else
// logged the contact since the form opened. Nothing was saved.
func isConflict(err error) bool {
	var c interface{ Conflict() bool }
	return errors.As(err, &c) && c.Conflict()
}

// isConnection reports an error that says the book's server cannot be
// reached: down, a cut network, a refused sign-in. Trying again later may
// work; nothing in the request was wrong.
func isConnection(err error) bool {
	var c interface{ Connection() bool }
	return errors.As(err, &c) && c.Connection()
}

// newestCall is the id of the newest call (not a note) in a briefing, or
// -1 when it shows none: what LogEntry.Seen wants. A briefing that is all
// notes up to its limit may hide older calls; it gives 0, which does not
// check, rather than a -1 that any old call would contradict.
func newestCall(b rotation.Briefing) int64 {
	var newest int64 = -1
	for _, c := range b.Calls {
		if c.Kind != rotation.KindNote && c.ID > newest {
			newest = c.ID
		}
	}
	if newest == -1 && len(b.Calls) >= briefingCalls {
		return 0
	}
	return newest
}

// maxRoleWidth is how much of a long role name the header shows.
const maxRoleWidth = 24

// whoViews are the ways the header can name who is signed in, longest
// first: "alice · assistant", then "alice". None on a personal book.
func (m Model) whoViews() []string {
	if m.role == "" {
		return nil
	}
	s := m.styles
	role := s.Accent.Render(truncate(rotation.PrintableLine(m.role), maxRoleWidth))
	if m.roleKind == "" {
		return []string{role}
	}
	return []string{role + s.HeaderDim.Render(" · "+rotation.PrintableLine(m.roleKind)), role}
}

// withWho puts who is signed in at the right end of a header line, in the
// longest form that fits beside one of the candidate lines (the fullest
// first); without room for any, the header stays as it was.
func (m Model) withWho(candidates ...string) string {
	for _, left := range candidates {
		for _, who := range m.whoViews() {
			gap := m.width - lipgloss.Width(left) - lipgloss.Width(who) - 1
			if gap >= 2 {
				return left + fmt.Sprintf("%*s", gap, "") + who
			}
		}
	}
	for _, left := range candidates {
		if lipgloss.Width(left) <= m.width {
			return left
		}
	}
	return truncate(candidates[len(candidates)-1], m.width)
}

// teamWatch is a team book's store that reads again who is signed in and
// what they are: an owner may demote, promote or remove them, or hand
// their contacts to someone else, while the interface is open.
type teamWatch interface {
	WhoNow(ctx context.Context) (role, kind string, err error)
}

// memberMsg is who is signed in, as the book says now.
type memberMsg struct {
	role, kind string
	err        error
}

// loadMember asks the book who is signed in now; nil on a personal book.
func (m Model) loadMember() tea.Cmd {
	tw, ok := m.store.(teamWatch)
	if !ok || m.role == "" {
		return nil
	}
	ctx := m.ctx
	return func() tea.Msg {
		role, kind, err := tw.WhoNow(ctx)
		return memberMsg{role, kind, err}
	}
}

// onMember follows a change of what the signed-in person is: the header says
// it at once, a line says what it means, and everything on screen is
// loaded again, so that nothing they may no longer see stays there (the
// list, the briefing, an open history, Contacts, the hits of a search).
func (m Model) onMember(msg memberMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil || (msg.role == m.role && msg.kind == m.roleKind) {
		return m, nil
	}
	m.role, m.roleKind = msg.role, msg.kind
	var text string
	switch msg.kind {
	case "owner":
		text = "You are an owner of the practice now: you see every contact."
	case "assistant":
		text = "You are an assistant of the practice now: you see the contacts assigned to you."
	default:
		text = "You are no longer in the practice."
	}
	m, _ = m.teamNotice(text, false)
	return m, tea.Batch(append(m.reloadAll(), m.loadAgenda())...)
}

// reloadAll loads again the briefings and views on screen.
func (m Model) reloadAll() []tea.Cmd {
	var cmds []tea.Cmd
	if m.selectedID != 0 {
		cmds = append(cmds, m.loadBriefing(m.selectedID))
	}
	if m.log != nil && m.log.contact.ID != m.selectedID {
		cmds = append(cmds, m.loadBriefing(m.log.contact.ID))
	}
	return append(cmds, m.reloadShown()...)
}

// isGone reports an error that says a contact is not there for the
// person: removed, or on a team book no longer theirs to see.
func isGone(err error) bool {
	var g interface{ NotFound() bool }
	return isOutOfReach(err) || errors.As(err, &g) && g.NotFound()
}

// isOutOfReach reports a draft refused because its contact left the
// person's reach; the store gave the note to whoever holds it now.
func isOutOfReach(err error) bool {
	var r interface{ OutOfReach() bool }
	return errors.As(err, &r) && r.OutOfReach()
}

// lostContact takes off the screen a contact that is no longer the
// person's to see, on a team book: its briefing, its open history and
// its log form, whose note goes to whoever holds the contact now (the
// store hands it over, marked as theirs). On a personal book a contact
// that is gone is an error as before.
func (m Model) lostContact(id int64, err error) (Model, tea.Cmd, bool) {
	if m.role == "" || !isGone(err) {
		return m, nil, false
	}
	name := ""
	var cmds []tea.Cmd
	if m.briefing != nil && m.briefing.Contact.ID == id {
		name = m.briefing.Contact.Name
		m.briefing = nil
	}
	if m.selectedID == id {
		m.selectedID = 0
	}
	if m.history != nil && m.history.contact.ID == id {
		name = m.history.contact.Name
		m.history = nil
	}
	text := rotation.PrintableLine(name) + " is no longer yours to see."
	if f := m.log; f != nil && f.contact.ID == id {
		name = f.contact.Name
		d := f.draft()
		m.log = nil
		delete(m.held, id)
		delete(m.drafts, id)
		text = rotation.PrintableLine(name) + " is no longer yours to see."
		if !d.IsEmpty() {
			text = rotation.PrintableLine(name) + " is no longer yours: your note went to whoever holds the contact now, marked as yours."
			cmds = append(cmds, handOver(m.ctx, m.store, d))
		}
	}
	if name == "" {
		return m, nil, true // nothing of it was on screen (any more)
	}
	m, cmd := m.teamNotice(text, true)
	return m, tea.Batch(append(cmds, cmd)...), true
}

// teamNotice says what a change of the team did. A line about it still on
// screen is kept beside the new one (first: the new one goes before it),
// since both come from the same change, in either order.
func (m Model) teamNotice(text string, first bool) (Model, tea.Cmd) {
	if old := m.teamLine; old != "" && m.status == old && !strings.Contains(old, text) {
		if first {
			text = text + " " + old
		} else {
			text = old + " " + text
		}
	}
	m, cmd := m.setNotice(text)
	m.teamLine = m.status
	return m, cmd
}

// handOver saves a draft of a contact no longer the person's: the store
// gives it to the holder and says so with an OutOfReach error, which is
// what was meant; anything else is reported.
func handOver(ctx context.Context, st Store, d rotation.Draft) tea.Cmd {
	return func() tea.Msg {
		err := st.SaveDraft(ctx, d)
		if err == nil || isOutOfReach(err) {
			return nil
		}
		return draftSavedMsg{contactID: d.ContactID, err: err}
	}
}

// byWords is " · by bob" for a call someone else logged on a team book:
// the person reading sees whose work it was. Their own calls, and every
// call of a personal book, say nothing.
func byWords(by, me string) string {
	if me == "" || by == "" || by == me {
		return ""
	}
	return " · by " + rotation.PrintableLine(by)
}

// assignedWords says whose calls a contact is on a team book: "Assigned
// to bob", "Assigned to you", "Assigned to nobody in particular"; "" on a
// personal book.
func (m Model) assignedWords(c rotation.Contact) string {
	switch {
	case m.role == "":
		return ""
	case c.Assignee == "":
		return "Assigned to nobody in particular"
	case c.Assignee == m.role:
		return "Assigned to you"
	}
	return "Assigned to " + rotation.PrintableLine(c.Assignee)
}
