package tui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// historyState is the full history of one contact: the briefing, every
// follow-up (open and done) and every call, newest first, scrollable.
type historyState struct {
	contact   rotation.Contact
	followUps []rotation.FollowUp
	calls     []rotation.Call
	focus     historyFocus
	vp        viewport.Model
	// sel is the call picked (tab) to correct, an index into calls; -1
	// for none. versions are the picked calls' histories of changes.
	sel      int
	versions map[int64][]rotation.CallVersion
}

// historyFocus is the call or follow-up a history is opened at (a search
// hit), marked and scrolled to; zero for none.
type historyFocus struct{ call, followUp int64 }

type historyMsg struct {
	id        int64
	contact   rotation.Contact
	followUps []rotation.FollowUp
	calls     []rotation.Call
	err       error
	focus     historyFocus
	// reload is set for a fresh load of the history on screen (the book
	// changed, or R): it updates that history in place and opens none.
	reload bool
}

// openHistory loads a contact's whole history.
func (m Model) openHistory(id int64) tea.Cmd {
	st, ctx := m.store, m.ctx
	return func() tea.Msg {
		return loadHistory(ctx, st, id)
	}
}

// reloadHistory loads the history on screen again, if one is.
func (m Model) reloadHistory() tea.Cmd {
	if m.history == nil {
		return nil
	}
	st, ctx, id := m.store, m.ctx, m.history.contact.ID
	return func() tea.Msg {
		msg := loadHistory(ctx, st, id)
		msg.reload = true
		return msg
	}
}

func loadHistory(ctx context.Context, st Store, id int64) historyMsg {
	c, err := st.Contact(ctx, id)
	if err != nil {
		return historyMsg{id: id, err: err}
	}
	fus, err := st.FollowUps(ctx, id, false)
	if err != nil {
		return historyMsg{id: id, err: err}
	}
	calls, err := st.Calls(ctx, id, 0)
	return historyMsg{id: id, contact: c, followUps: fus, calls: calls, err: err}
}

func (m Model) onHistory(msg historyMsg) (tea.Model, tea.Cmd) {
	if msg.reload {
		return m.onHistoryReload(msg)
	}
	if msg.err != nil {
		return m.setError(msg.err)
	}
	h := &historyState{contact: msg.contact, followUps: msg.followUps, calls: msg.calls, focus: msg.focus, vp: viewport.New(),
		sel: -1, versions: map[int64][]rotation.CallVersion{}}
	h.vp.KeyMap = viewport.DefaultKeyMap()
	m.history = h
	// Opened at a hit further down than the first screen: scroll it to
	// the top, a line of what comes before above it.
	if at := m.layoutHistory(); at > h.vp.Height()-3 {
		h.vp.SetYOffset(at - 1)
	}
	return m, nil
}

// onHistoryReload puts a fresh load into the history still on screen,
// scrolled where it was; one that was closed meanwhile, or left for
// another contact's, stays closed.
func (m Model) onHistoryReload(msg historyMsg) (tea.Model, tea.Cmd) {
	if m.history == nil || m.history.contact.ID != msg.id {
		return m, nil
	}
	if msg.err != nil {
		return m.loadFailed(msg.err)
	}
	h := *m.history
	h.contact, h.followUps, h.calls = msg.contact, msg.followUps, msg.calls
	// The picked call stays picked while it is there.
	if k, ok := m.pickedCall(); ok {
		h.sel = -1
		for i, c := range h.calls {
			if c.ID == k.ID {
				h.sel = i
			}
		}
		if h.sel < 0 {
			h.focus = historyFocus{}
		}
	}
	m.history = &h
	offset := h.vp.YOffset()
	m.layoutHistory()
	m.history.vp.SetYOffset(offset)
	return m, nil
}

// layoutHistory sizes and fills the history; it returns the line of the
// entry in focus, -1 for none.
func (m *Model) layoutHistory() int {
	if m.history == nil {
		return -1
	}
	h := m.history
	h.vp.SetWidth(m.width - 2)
	h.vp.SetHeight(m.bodyHeight())
	content, at := m.historyContent(m.width - 2)
	h.vp.SetContent(content)
	return at
}

// onHistoryKey scrolls the history, opens the edit form or goes back.
func (m Model) onHistoryKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back) && m.history.sel >= 0:
		h := *m.history
		h.sel, h.focus = -1, historyFocus{}
		m.history = &h
		m.layoutHistory()
		return m, nil
	case key.Matches(msg, k.Back), key.Matches(msg, k.Quit):
		m.history = nil
		return m, nil
	case key.Matches(msg, k.NextCall):
		return m.pickCall(1)
	case key.Matches(msg, k.PrevCall):
		return m.pickCall(-1)
	case key.Matches(msg, k.EditCall) && m.history.sel >= 0:
		k, _ := m.pickedCall()
		return m.openCallEdit(k)
	case key.Matches(msg, k.DeleteCall) && m.history.sel >= 0:
		k, _ := m.pickedCall()
		m.dialog = &dialog{kind: dialogDeleteCall, fix: &correction{call: k, name: m.history.contact.Name}}
		return m, nil
	case key.Matches(msg, k.Undo):
		return m.askUndo()
	case key.Matches(msg, k.LogTouch):
		return m.logFor(m.history.contact.ID)
	case key.Matches(msg, k.Edit):
		c := m.history.contact
		m.history = nil
		return m.openForm(&c)
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, k.Refresh):
		return m, tea.Batch(m.reloadShown()...)
	}
	var cmd tea.Cmd
	m.history.vp, cmd = m.history.vp.Update(msg)
	return m, cmd
}

// historyContent is everything known about the contact: the briefing,
// then every follow-up and every call. It returns the line of the entry
// in focus too, -1 for none.
func (m Model) historyContent(width int) (string, int) {
	s := m.styles
	h := m.history
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	focusAt := -1
	focus := func() { focusAt = strings.Count(strings.Join(lines, "\n"), "\n") + 1 }
	add(m.historyHead(width)...)
	add("", s.Section.Render(fmt.Sprintf("Follow-ups (%d)", len(h.followUps))))
	for _, f := range h.followUps {
		mark := "• "
		text := rotation.PrintableLine(f.Text)
		if !f.IsOpen() {
			mark = s.Good.Render("✓ ")
			text = s.Dim.Render(text + " (done " + rotation.DateOf(f.Resolved.Local()).Short(m.today) + ")")
		}
		if f.ID == h.focus.followUp {
			focus()
			mark = s.Accent.Render("▸ ")
		}
		add(hangIndent(mark, text, width))
	}
	add("", s.Section.Render(fmt.Sprintf("Calls and notes (%d)", len(h.calls))))
	for _, k := range h.calls {
		what := k.Label()
		head := fmt.Sprintf("%s · %s", k.Day.Short(m.today), what)
		if !k.NextDue.IsZero() {
			head += " · next " + k.NextDue.Short(m.today)
		}
		if k.Revised {
			head += " · corrected"
		}
		head += byWords(k.By, m.role)
		if k.ID == h.focus.call {
			focus()
			add(s.Accent.Render("▸ ") + s.Name.Render(head))
		} else {
			add(s.Label.Render(head))
		}
		if note := strings.TrimSpace(rotation.Printable(k.Note)); note != "" {
			add(indent(wrap(note, width-2), "  "))
		}
		if k.ID == h.focus.call && h.sel >= 0 {
			add(m.versionLines(k, width)...)
		}
	}
	return strings.Join(lines, "\n"), focusAt
}

// historyHead is the top of the history: the contact's name, phones,
// e-mail, tier, cadence and standing, warnings, tags and profile.
func (m Model) historyHead(width int) []string {
	s := m.styles
	c := m.history.contact
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	add(s.Section.Render("Briefing and full history"))
	title := s.Name.Render(rotation.PrintableLine(c.Name))
	if c.Company != "" {
		title += s.Dim.Render(" · " + rotation.PrintableLine(c.Company))
	}
	add(title)
	for _, p := range c.Phones {
		add("☎ " + s.Accent.Render(rotation.PhoneText(p.Number)) + s.Dim.Render(" "+rotation.PrintableLine(p.Label)))
	}
	if c.Email != "" {
		add("✉ " + rotation.PrintableLine(c.Email))
	}
	status := string(c.Status)
	if c.Status == rotation.Active {
		status = "next call " + c.Due.Short(m.today)
	}
	add(s.Dim.Render(fmt.Sprintf("Tier %s · %s · %s · %s", c.Tier, c.RuleLabel(m.today), lastTalkWords(c.LastTalk, m.today), status)))
	if who := m.assignedWords(c); who != "" {
		add(s.Dim.Render(who))
	}
	if c.Unreachable() {
		add(s.Warn.Render(wrap(fmt.Sprintf("⚠ Unreachable: %s in a row. Try email or a handwritten note.", rotation.Plural(c.Attempts, "missed call")), width)))
	}
	if bd, ok := upcomingBirthday(c.Birthday, m.today); ok {
		add(s.Warn.Render(fmt.Sprintf("🎂 Birthday %s (%s)", bd.Short(m.today), inDays(m.today.DaysUntil(bd)))))
	}
	if len(c.Tags) > 0 {
		add(s.Dim.Render("Tags: " + rotation.PrintableLine(strings.Join(c.Tags, ", "))))
	}
	for _, p := range [][2]string{{"Family", c.Family}, {"Occupation", c.Occupation}, {"Recreation", c.Recreation}, {"Message", c.Message}} {
		if strings.TrimSpace(p[1]) != "" {
			add(hangIndent(s.Label.Render(pad(p[0], 11)), rotation.PrintableLine(p[1]), width))
		}
	}
	return lines
}

// historyView draws the scrollable history.
func (m Model) historyView() string {
	return prefixLines(fitHeight(m.history.vp.View(), m.bodyHeight()), " ")
}
