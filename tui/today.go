package tui

import (
	"fmt"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rotate/rotation"
)

// onAgenda takes a freshly loaded call list, keeping the cursor on the
// same contact, or on the one that took its place once it was logged.
func (m Model) onAgenda(msg agendaMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m.loadFailed(msg.err)
	}
	m.agenda, m.loaded = msg.agenda, true
	// Timed callbacks whose hour nears move up (docs/DESIGN.md).
	m.agenda.OrderAt(rotation.ClockAt(m.now()))
	m.drafts = map[int64]bool{}
	for _, id := range msg.drafts {
		m.drafts[id] = true
	}
	for i, it := range m.agenda.Due {
		if it.ID == m.selectedID {
			m.cursor = i
			break
		}
	}
	m.clampCursor()
	m, back := m.backOnline()
	return m, tea.Batch(m.selectionChanged(), m.loadCapacity(), back)
}

// selected is the contact under the cursor, if any.
func (m Model) selected() (rotation.DueItem, bool) {
	if m.cursor < 0 || m.cursor >= len(m.agenda.Due) {
		return rotation.DueItem{}, false
	}
	return m.agenda.Due[m.cursor], true
}

// selectionChanged loads the briefing of a newly selected contact.
func (m *Model) selectionChanged() tea.Cmd {
	it, ok := m.selected()
	if !ok {
		m.selectedID, m.briefing = 0, nil
		m.refreshBriefing()
		return nil
	}
	m.selectedID = it.ID
	if m.briefing != nil && m.briefing.Contact.ID == it.ID {
		return nil
	}
	return m.loadBriefing(it.ID)
}

// onBriefing shows a loaded briefing if it is still the selected one, and
// opens the log form if the user asked for it while it was loading. The
// briefing of a call being logged goes to the form as well.
func (m Model) onBriefing(msg briefingMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m.loadFailed(msg.err)
	}
	var cmd tea.Cmd
	if f := m.log; f != nil && f.contact.ID == msg.id {
		refused := f.conflict
		cmd = f.rebrief(msg.briefing)
		if f.outcome != "" {
			// The other call may have moved the date this one proposes.
			// After a refused save the old date goes at once; on a live
			// refresh it stays until the new one comes.
			if refused {
				f.proposal = nil
			}
			cmd = tea.Batch(cmd, m.propose(f.contact.ID, f.touch()))
		}
	}
	if msg.id != m.selectedID && msg.id != m.pendingLog {
		return m, cmd
	}
	b := msg.briefing
	if msg.id == m.selectedID {
		m.briefing = &b
		m.brief.GotoTop()
		m.refreshBriefing()
	}
	if m.pendingLog == msg.id {
		m.pendingLog = 0
		return m.startLog(b)
	}
	return m, cmd
}

// clampCursor keeps the cursor on the list and the list scrolled to it.
func (m *Model) clampCursor() {
	n := len(m.agenda.Due)
	m.cursor = min(max(m.cursor, 0), max(n-1, 0))
	rows := m.listRows()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
	m.offset = min(max(m.offset, 0), max(n-rows, 0))
}

// listRows is how many due rows fit on the screen.
func (m Model) listRows() int { return max(1, m.bodyHeight()-1) }

// onListKey handles a key on the call list.
func (m Model) onListKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	move := func(to int) (tea.Model, tea.Cmd) {
		m.cursor = to
		m.clampCursor()
		return m, m.selectionChanged()
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Undo) && m.afterStray:
		return m.typing(k.Undo)
	case key.Matches(msg, k.Undo):
		return m.askUndo()
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, k.Down):
		return move(m.cursor + 1)
	case key.Matches(msg, k.Up):
		return move(m.cursor - 1)
	case key.Matches(msg, k.Top):
		return move(0)
	case key.Matches(msg, k.Bottom):
		return move(len(m.agenda.Due) - 1)
	case key.Matches(msg, k.PageDown):
		return move(m.cursor + m.listRows())
	case key.Matches(msg, k.PageUp):
		return move(m.cursor - m.listRows())
	case key.Matches(msg, k.Briefing):
		if !m.wide() {
			m.showBrief = !m.showBrief
		}
		return m, nil
	case key.Matches(msg, k.ScrollDown):
		m.brief.ScrollDown(3)
		return m, nil
	case key.Matches(msg, k.ScrollUp):
		m.brief.ScrollUp(3)
		return m, nil
	case key.Matches(msg, k.Refresh):
		m.briefing = nil
		return m, tea.Batch(m.loadSettings(), m.loadAgenda())
	case key.Matches(msg, k.CatchUp) && m.afterStray:
		return m.typing(k.CatchUp)
	case key.Matches(msg, k.CatchUp):
		return m, m.planCatchUp()
	case key.Matches(msg, k.CopyPhone):
		// Exactly the digits and punctuation of the number: what a
		// paste into a shell or a dialer can do nothing else with.
		it, ok := m.selected()
		num := rotation.CleanPhone(it.FirstPhone())
		if !ok || num == "" {
			return m.setStatus("No phone number to copy.")
		}
		m2, cmd := m.setStatus("Copied " + num + " to the clipboard (if the terminal allows).")
		return m2, tea.Batch(tea.SetClipboard(num), cmd)
	case key.Matches(msg, k.Log, k.LogTouch):
		it, ok := m.selected()
		if !ok {
			return m, nil
		}
		return m.logFor(it.ID)
	}
	return m, nil
}

// todayBody draws the call list, with the briefing beside it on a wide
// terminal or instead of it when toggled on a narrow one.
func (m Model) todayBody() string {
	h := m.bodyHeight()
	switch {
	case m.loaded && len(m.agenda.Due) == 0:
		// Nobody to brief on: the empty day's message takes the width.
		return fitHeight(m.listView(m.width), h)
	case m.wide():
		return beside(m.listView(m.listWidth()), m.listWidth(), " "+m.styles.Rule.Render("│")+" ", m.brief.View(), h)
	case m.showBrief:
		return prefixLines(fitHeight(m.brief.View(), h), " ")
	}
	return fitHeight(m.listView(m.width), h)
}

// headerView is "Wed 25 Nov · 3 of 9 done · ~60 min left", with the
// catch-up offer after it when more is due than a day holds, and on a
// team book who is signed in at the right ("alice · assistant"). On a
// narrow terminal the time left goes first, then the offer shrinks to its
// key, so the offer is never cut off mid-word; the kind of member, then
// the name, go before the progress would.
func (m Model) headerView() string {
	s := m.styles
	date := s.Header.Render(m.today.Time().Format("Mon 2 Jan"))
	if !m.loaded {
		return m.withWho(" " + date)
	}
	done, total := m.agenda.Progress()
	progress := s.HeaderDim.Render(fmt.Sprintf("%d of %d done", done, total))
	var left string
	if n := len(m.agenda.Due) * m.settings.MinutesPerCall; n > 0 {
		left = s.HeaderDim.Render(fmt.Sprintf("~%s left", minutes(n)))
	}
	join := func(parts ...string) string {
		parts = slices.DeleteFunc(parts, func(p string) bool { return p == "" })
		return " " + strings.Join(parts, s.HeaderDim.Render(" · "))
	}
	if !m.overfull() {
		if m.role != "" {
			// On a team book the time left gives way to who is signed in.
			return m.withWho(join(date, progress, left), join(date, progress))
		}
		return m.withWho(join(date, progress, left))
	}
	offer := s.Warn.Render(fmt.Sprintf("a day holds %d: C catches up", m.bookCap.Daily))
	short := s.Warn.Render("C catches up")
	return m.withWho(join(date, progress, left, offer), join(date, progress, offer), join(date, progress, short))
}

// minutes formats a duration in minutes: "45 min", "1 h 20 min".
func minutes(n int) string {
	if n < 60 {
		return fmt.Sprintf("%d min", n)
	}
	if n%60 == 0 {
		return fmt.Sprintf("%d h", n/60)
	}
	return fmt.Sprintf("%d h %d min", n/60, n%60)
}

// listView draws the visible rows of the due list and, below, what was
// done today.
func (m Model) listView(width int) string {
	s := m.styles
	if !m.loaded {
		return s.Dim.Render(" Loading today's calls…")
	}
	if len(m.agenda.Due) == 0 {
		return m.emptyView(width)
	}
	rows := m.listRows()
	var b strings.Builder
	end := min(m.offset+rows, len(m.agenda.Due))
	for i := m.offset; i < end; i++ {
		b.WriteString(m.rowView(m.agenda.Due[i], i == m.cursor, width))
		b.WriteByte('\n')
	}
	if left := rows - (end - m.offset); left >= 3 && len(m.agenda.Done) > 0 {
		b.WriteString(m.doneView(width, left))
	} else if end < len(m.agenda.Due) {
		b.WriteString(s.Dim.Render(fmt.Sprintf("  … %d more below", len(m.agenda.Due)-end)))
	}
	return strings.TrimRight(b.String(), "\n")
}

// rowView draws one due contact: name, tier, how late, why it is due, and
// the unreachable and draft flags, and whose call it is when it is
// someone else's.
func (m Model) rowView(it rotation.DueItem, selected bool, width int) string {
	s := m.styles
	nameW := min(24, max(12, width/3))
	marker := "  "
	if selected {
		marker = s.Accent.Render("▸ ")
	}
	when := "today"
	whenStyle := s.Dim
	switch {
	case !it.Returned.IsZero():
		when, whenStyle = "returned", s.Accent
	case it.OverdueDays > 0:
		when, whenStyle = fmt.Sprintf("%dd late", it.OverdueDays), s.Late
	case !it.DueTime.IsZero():
		when, whenStyle = "at "+it.DueTime.String(), s.Accent
	}
	flagsOf := func(draft, unreachable string) string {
		f := ""
		if m.drafts[it.ID] {
			f += " " + s.Warn.Render(draft)
		}
		if it.Unreachable() {
			f += " " + s.Warn.Render(unreachable)
		}
		if it.Assignee != "" && it.Assignee != m.role {
			// Someone else's call, on a team book opened with --all.
			f += " " + s.Dim.Render("@"+truncate(rotation.PrintableLine(it.Assignee), maxRoleWidth))
		}
		return f
	}
	flags := flagsOf("✎ draft", "⚠ unreachable")
	name := pad(truncate(rotation.PrintableLine(it.Name), nameW), nameW)
	fixed := 2 + nameW + 2 + 1 + 2 + 8 + 2 + lipgloss.Width(flags)
	if width-fixed-1 < 16 {
		// Too narrow for the reason beside the words: the flags shrink to
		// their signs (the briefing spells them out).
		flags = flagsOf("✎", "⚠")
		fixed = 2 + nameW + 2 + 1 + 2 + 8 + 2 + lipgloss.Width(flags)
	}
	reason := truncate(it.Reason, max(0, width-fixed-1))
	if selected {
		// One style over plain text, so the highlight runs unbroken.
		plain := "▸ " + name + "  " + it.Tier + "  " + pad(when, 8) + "  " + reason + stripStyles(flags)
		return s.Selected.Render(pad(truncate(plain, width), width))
	}
	line := marker + s.Row.Render(name) + "  " + s.tierStyle(it.Tier).Render(it.Tier) + "  " +
		whenStyle.Render(pad(when, 8)) + "  " + s.Dim.Render(reason) + flags
	return truncate(line, width)
}

// doneView lists the calls logged today.
func (m Model) doneView(width, rows int) string {
	s := m.styles
	var b strings.Builder
	b.WriteString("\n" + s.Section.Render(" Done today") + "\n")
	rows -= 2
	start := max(0, len(m.agenda.Done)-rows)
	for _, c := range m.agenda.Done[start:] {
		outcome := c.Label()
		line := fmt.Sprintf(" %s %s  %s", s.Good.Render("✓"), rotation.PrintableLine(m.agenda.DoneNames[c.ContactID]), s.Dim.Render(outcome+byWords(c.By, m.role)))
		if !c.NextDue.IsZero() {
			line += s.Dim.Render(" → " + c.NextDue.Short(m.today))
		}
		b.WriteString(truncate(line, width) + "\n")
	}
	return b.String()
}

// emptyView is what an empty list says: how to start, or when the next
// calls come.
func (m Model) emptyView(width int) string {
	s := m.styles
	var lines []string
	switch {
	case m.agenda.Contacts == 0:
		lines = []string{
			s.Header.Render("Your book is empty."),
			"",
			"Add your first client here: " + s.Accent.Render("2") + " for Contacts, then " + s.Accent.Render("a") + ".",
			"",
			"Or bring them all from your phone or mail program, from the shell:",
			s.Accent.Render(`  rotate import contacts.vcf`) + s.Dim.Render("   (vCard, Google or Outlook CSV)"),
			"",
			"Or try the sample book: " + s.Accent.Render("rotate demo"),
		}
	case len(m.agenda.Done) > 0:
		lines = []string{s.Good.Render("All done for today. Well kept."), ""}
	default:
		lines = []string{s.Header.Render("Nothing due today."), ""}
	}
	if m.agenda.Contacts > 0 && !m.agenda.NextDue.IsZero() {
		lines = append(lines, fmt.Sprintf("Next: %s on %s (%s).", rotation.Plural(m.agenda.NextDueCount, "call"),
			m.agenda.NextDue.Short(m.today), inDays(m.today.DaysUntil(m.agenda.NextDue))))
	}
	out := lipgloss.NewStyle().Padding(1, 2).Width(width).Render(strings.Join(lines, "\n"))
	if len(m.agenda.Done) > 0 {
		out += "\n" + m.doneView(width, m.bodyHeight()-lipgloss.Height(out)-1)
	}
	return out
}

// inDays says "tomorrow", "in 5 days" or "today".
func inDays(n int) string {
	switch {
	case n == 0:
		return "today"
	case n == 1:
		return "tomorrow"
	case n < 0:
		return rotation.Plural(-n, "day") + " ago"
	}
	return "in " + rotation.Plural(n, "day")
}
