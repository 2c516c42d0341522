package tui

import (
	"errors"
	"fmt"

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

// onConflict keeps a call the store refused because someone else logged
// the contact meanwhile: the form stays open with everything typed, the
// note is written as the contact's draft, the store's one line says who
// logged what, and the list and the briefing are reloaded so the other
// call shows. Saving again is checked against that call (rebrief).
func (m Model) onConflict(msg savedMsg) (tea.Model, tea.Cmd) {
	f := m.log
	if f == nil || f.contact.ID != msg.contactID {
		return m.setError(msg.err)
	}
	f.conflict = true
	d := f.draft()
	m.drafts[d.ContactID] = true
	m, _ = m.setNotice(msg.err.Error())
	return m, tea.Batch(saveDraft(m.ctx, m.store, d), m.loadAgenda(), m.loadBriefing(d.ContactID))
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
