package tui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rotate/rotation"
)

// A call refused because someone else logged the contact since the form
// opened (the store's conflict error) is never saved again without
// asking: the form shows the other person's call and three choices, one
// key each, and nothing else is done until one is made.

// clash is the other call a refused save ran into, and who logged it.
type clash struct {
	call rotation.Call
	by   string // "" when the book does not say (a personal book)
}

// otherCall is what a conflict error tells of the call that refused the
// save, when it tells.
func otherCall(err error) (clash, bool) {
	var o interface {
		OtherCall() (rotation.Call, string)
	}
	if !errors.As(err, &o) {
		return clash{}, false
	}
	c, by := o.OtherCall()
	return clash{call: c, by: by}, true
}

// The three choices after a conflict.
var (
	clashAdd    = key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "add my note to that call"))
	clashSecond = key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "log mine as a second call"))
	clashDraft  = key.NewBinding(key.WithKeys("d", "esc"), key.WithHelp("d", "keep it as a draft"))
)

// onConflict keeps a call the store refused because someone else logged
// the contact meanwhile: the form stays open with everything typed, the
// note is written as the contact's draft at once (whatever is chosen, it
// is safe), the other call is shown with the three choices, and the list
// and the briefing are reloaded so the other call shows there too.
func (m Model) onConflict(msg savedMsg) (tea.Model, tea.Cmd) {
	f := m.log
	if f == nil || f.contact.ID != msg.contactID {
		return m.setError(msg.err)
	}
	f.conflict = true
	c, _ := otherCall(msg.err)
	f.clash = &c
	f.sideText = ""
	d := f.draft()
	m.drafts[d.ContactID] = true
	m, _ = m.setNotice(f.clashQuestion())
	return m, tea.Batch(saveDraft(m.ctx, m.store, d), m.loadAgenda(), m.loadBriefing(d.ContactID))
}

// clashQuestion is the one line that asks for a choice.
func (f *logForm) clashQuestion() string {
	k := f.clash.call
	what := string(k.Outcome)
	if k.Kind != rotation.KindCall && k.Kind != "" {
		what = string(k.Kind) + ", " + what
	}
	return fmt.Sprintf("%s logged %s meanwhile (%s %s): a, s or d above.",
		clashWho(f.clash.by), rotation.PrintableLine(f.contact.Name), what, k.At.Local().Format("15:04"))
}

func clashWho(by string) string {
	if by == "" {
		return "Someone else"
	}
	return rotation.PrintableLine(by)
}

// onClashKey takes the choice after a conflict; other keys only ask again.
func (m Model) onClashKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	f := m.log
	switch {
	case key.Matches(msg, clashAdd):
		return m.addToOtherCall()
	case key.Matches(msg, clashSecond):
		// Decided over the other call, knowingly: this save is checked
		// against it (a third call meanwhile would ask again).
		f.clash = nil
		f.seen = max(f.seen, f.conflictSeen())
		f.sideText = ""
		m.status = ""
		return m.saveLog()
	case key.Matches(msg, clashDraft):
		return m.keepAsDraft()
	}
	return m.setNotice(f.clashQuestion())
}

// conflictSeen is the id of the call the person has now seen and chosen
// to log over.
func (f *logForm) conflictSeen() int64 {
	if f.clash == nil {
		return f.seen
	}
	return f.clash.call.ID
}

// keepAsDraft closes the form; the draft was written at the conflict and
// again with what is typed now. The line says where it opens again.
func (m Model) keepAsDraft() (tea.Model, tea.Cmd) {
	f := m.log
	d := f.draft()
	m.log = nil
	m.drafts[d.ContactID] = !d.IsEmpty()
	name := rotation.PrintableLine(f.contact.Name)
	m, cmd := m.setNotice(fmt.Sprintf("Kept as %s's draft: it opens again when you log %s (in Contacts: / %s, then l).",
		name, name, strings.ToLower(firstWord(name))))
	return m, tea.Batch(saveDraft(m.ctx, m.store, d), cmd)
}

// firstWord is the first word of a name: what a filter needs.
func firstWord(s string) string {
	if w := strings.Fields(s); len(w) > 0 {
		return w[0]
	}
	return s
}

// addToOtherCall adds the note typed to the other person's call: as an
// edit of that call when the person may change it (an owner, or the one
// who logged it), else as a note of the same day beside it. Follow-ups
// go with a call of one's own: with some typed or ticked, the choice is
// refused with what to do instead.
func (m Model) addToOtherCall() (tea.Model, tea.Cmd) {
	f := m.log
	e, _ := f.entry(m.today, m.settings.Calendar(), m.now())
	note := strings.TrimRight(rotation.CleanText(f.note.Value()), "\n\t ")
	switch {
	case len(e.NewFollowUps) > 0 || len(e.Resolve) > 0:
		return m.setNotice("Follow-ups go with a call of your own: s logs yours as a second call, d keeps it as a draft.")
	case note == "":
		return m.setNotice("No note typed to add: s logs yours as a second call, d keeps it as a draft.")
	}
	other := *f.clash
	f.saving = true
	m.status, m.statusErr = "Saving…", false
	st, ctx, id, name := m.store, m.ctx, f.contact.ID, f.contact.Name
	today, at := m.today, m.now()
	editable := m.role == "" || m.roleKind == "owner" || other.by == m.role
	return m, func() tea.Msg {
		var err error
		if editable {
			text := strings.TrimRight(other.call.Note, "\n\t ")
			if text != "" {
				text += "\n\n"
			}
			text += note
			_, err = st.EditCall(ctx, other.call.ID, rotation.CallEdit{Note: &text, Today: today})
		} else {
			_, err = st.LogCall(ctx, rotation.LogEntry{ContactID: id, Kind: rotation.KindNote, Note: note, At: at, Today: today})
		}
		return addedMsg{contactID: id, name: name, by: other.by, err: err}
	}
}

// addedMsg is the note added to the other call (or beside it).
type addedMsg struct {
	contactID int64
	name, by  string
	err       error
}

// onAdded closes the form once the note is with the other call; a
// failure keeps everything typed and the choices open.
func (m Model) onAdded(msg addedMsg) (tea.Model, tea.Cmd) {
	f := m.log
	if f != nil && f.contact.ID == msg.contactID {
		f.saving = false
	}
	if msg.err != nil {
		return m.setError(fmt.Errorf("not added (your note is kept): %w", msg.err))
	}
	if f != nil && f.contact.ID == msg.contactID {
		m.log = nil
	}
	delete(m.drafts, msg.contactID)
	delete(m.held, msg.contactID)
	whose := clashWho(msg.by) + "'s"
	if msg.by == "" {
		whose = "the other"
	}
	m, cmd := m.setStatus(fmt.Sprintf("Added your note to %s call with %s.", whose, rotation.PrintableLine(msg.name)))
	return m, tea.Batch(cmd, deleteDraft(m.ctx, m.store, msg.contactID), m.loadAgenda(), m.loadBriefing(msg.contactID))
}

// clashView is the other call and the three choices, in the two lines
// the "Last time" line takes otherwise (it would show the same call).
func (f *logForm) clashView(width int, today rotation.Date) []string {
	s := f.styles
	k := f.clash.call
	what := string(k.Outcome)
	if k.Kind != rotation.KindCall && k.Kind != "" {
		what = string(k.Kind) + ", " + what
	}
	when := k.At.Local().Format("15:04")
	if d := rotation.DateOf(k.At.Local()); d != today && !k.At.IsZero() {
		when = d.Short(today) + " " + when
	}
	head := fmt.Sprintf(" %s logged this meanwhile · %s · %s", clashWho(f.clash.by), when, what)
	line := s.Warn.Render(truncate(head, width))
	if note := rotation.PrintableLine(k.Note); note != "" {
		if room := width - ansi.StringWidth(head) - 2; room >= 8 {
			line += ": " + s.Note.Render(truncate("“"+note+"”", room))
		}
	}
	choices := ""
	for _, long := range []bool{true, false} {
		var parts []string
		for _, b := range []key.Binding{clashAdd, clashSecond, clashDraft} {
			desc := b.Help().Desc
			if !long {
				desc = clashShort[b.Help().Key]
			}
			parts = append(parts, s.Accent.Render(b.Help().Key)+" "+desc)
		}
		choices = "   " + strings.Join(parts, s.Dim.Render(" · "))
		if ansi.StringWidth(choices) <= width {
			break
		}
	}
	return []string{line, truncate(choices, width)}
}

// clashShort are the choices in fewer words, for a narrow form.
var clashShort = map[string]string{"a": "add to that call", "s": "second call", "d": "keep as draft"}
