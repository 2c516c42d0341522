package tui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"rotate/rotation"
)

// cursor is where the terminal cursor goes; the editors draw their own.
func (f *logForm) cursor() *tea.Cursor { return nil }

// view draws the form, with the briefing beside it on a wide terminal.
func (f *logForm) view(m Model) string {
	s := f.styles
	fw := formWidth(m.width)
	c := f.contact
	title := " " + s.Header.Render("Log "+f.titleWord()+" · "+rotation.PrintableLine(c.Name))
	if p := c.FirstPhone(); p != "" {
		title += s.Dim.Render(" · ☎ ") + s.Accent.Render(rotation.PhoneText(p))
	}
	// The keys that switch the channel and the direction, at the right
	// when there is room.
	if keys := f.touchKeys(); lipgloss.Width(title)+2+lipgloss.Width(keys)+1 <= m.width {
		title += repeat(" ", m.width-lipgloss.Width(title)-lipgloss.Width(keys)-1) + keys
	}
	var b []string
	b = append(b, truncate(title, m.width), s.Rule.Render(repeat("─", m.width)))

	var form []string
	form = append(form, f.outcomeLines(fw)...)
	form = append(form, f.lastCallView(fw, m.today)...)
	// The chosen outcome in words beside the notes' title, where the
	// eyes are while typing: seen without colour too (NO_COLOR).
	notesHint := s.Dim.Render(" ctrl+e opens $EDITOR")
	if f.outcome != "" {
		st := s.Dim
		if outcomeQuestion(f.outcome, "") != "" {
			st = s.Warn
		}
		notesHint = " " + st.Render(truncate(touchText(f.touch(), c.Name), max(1, fw-12)))
	}
	form = append(form, f.label("Notes", fieldNote, notesHint))
	form = append(form, f.box(f.note.View(), fieldNote, fw))
	if len(f.followUps) > 0 {
		hint := " ctrl+t to tick what you covered"
		if f.focus == fieldFollowUps {
			hint = " space ticks · ↑/↓ · letters start a new follow-up"
		}
		form = append(form, f.label("Bring up", fieldFollowUps, s.Dim.Render(hint)))
		form = append(form, f.followUpsView(fw)...)
	}
	form = append(form, f.label("New follow-ups", fieldNew, ""))
	form = append(form, f.box(f.newFU.View(), fieldNew, fw))
	form = append(form, f.nextView(fw, m.today, m.settings.Calendar()))
	left := strings.Join(form, "\n")
	bodyH := max(1, m.height-4)
	if m.width >= wideWidth {
		left = beside(left, fw, " "+s.Rule.Render("│")+" ", f.side(m, m.width-fw-3), bodyH)
	}
	b = append(b, fitHeight(left, bodyH), "", m.footer(logHelp{m.keys}))
	return strings.Join(b, "\n")
}

// side is the briefing beside the form, drawn once per width and kept: it
// does not change while typing.
func (f *logForm) side(m Model, width int) string {
	if f.sideText == "" || f.sideWidth != width {
		m.briefing = &f.brief
		f.sideText, f.sideWidth = m.briefingView(width), width
	}
	return f.sideText
}

// label is a field's title, marked when it has the focus.
func (f *logForm) label(text string, fl field, hint string) string {
	if f.focus == fl {
		return " " + f.styles.Section.Render("▸ "+text) + hint
	}
	return " " + f.styles.Label.Render("  "+text) + hint
}

// box frames an editor in a rounded border, highlighted when focused.
func (f *logForm) box(content string, fl field, width int) string {
	st := f.styles.Rule
	if f.focus == fl {
		st = f.styles.Accent
	}
	inner := width - 4
	var b strings.Builder
	b.WriteString(" " + st.Render("╭"+repeat("─", inner)+"╮") + "\n")
	side := st.Render("│")
	for _, line := range strings.Split(content, "\n") {
		w := ansi.StringWidth(line)
		if w > inner {
			line, w = ansi.Truncate(line, inner, ""), inner
		}
		b.WriteString(" " + side + line + repeat(" ", inner-w) + side + "\n")
	}
	b.WriteString(" " + st.Render("╰"+repeat("─", inner)+"╯"))
	return b.String()
}

// titleWord is what the title says is logged: "call", "e-mail", "their
// call", "their e-mail".
func (f *logForm) titleWord() string {
	t := f.touch()
	t.Direction = rotation.Out
	w := t.Describe()
	if f.dir == rotation.In {
		return "their " + w
	}
	return w
}

// touchKeys is the title's offer of the keys that change the touch's
// channel and direction.
func (f *logForm) touchKeys() string {
	s := f.styles
	k := DefaultKeyMap()
	dir := "inbound"
	if f.dir == rotation.In {
		dir = "outbound"
	}
	return s.Key.Render(k.Channel.Help().Key) + s.Dim.Render(" channel · ") + s.Key.Render(k.Inbound.Help().Key) + s.Dim.Render(" "+dir)
}

// outcomeLines shows the channel and direction, then the outcome keys
// that go with them, the chosen one highlighted, on one line, or two when
// the form is too narrow for every key on one.
func (f *logForm) outcomeLines(width int) []string {
	s := f.styles
	var parts []string
	for _, ok := range f.outcomeKeys(DefaultKeyMap()) {
		k := ok.binding.Help().Key
		if f.outcome == ok.outcome {
			parts = append(parts, s.Selected.Render(k+" "+ok.label))
			continue
		}
		parts = append(parts, s.Key.Render(k)+" "+ok.label)
	}
	prefix := "  "
	if f.focus == fieldOutcome {
		prefix = s.Accent.Render("▸ ")
	}
	var lines []string
	line := " " + prefix
	for i, p := range parts {
		switch {
		case i == 0:
			line += p
		case lipgloss.Width(line)+2+lipgloss.Width(p) > width:
			lines = append(lines, line)
			line = "   " + p
		default:
			line += "  " + p
		}
	}
	return append(lines, line)
}

// lastCallView shows the previous note, so this talk builds on it: a
// heading and up to two lines of the note.
func (f *logForm) lastCallView(width int, today rotation.Date) []string {
	s := f.styles
	if f.lastCall == nil {
		return []string{s.Dim.Render("   First conversation on record."), ""}
	}
	k := f.lastCall
	what := k.Label()
	head := s.Label.Render(fmt.Sprintf("   Last time · %s · %s%s: ", k.Day.Short(today), what, byWords(k.By, f.me)))
	note := rotation.PrintableLine(clip(k.Note, 4*width))
	if note == "" {
		return []string{head + s.Dim.Render("no note"), ""}
	}
	first := max(10, width-ansi.StringWidth(head)-1)
	lines := strings.SplitN(wrap(note, first), "\n", 2)
	out := []string{head + s.Note.Render(lines[0]), ""}
	if len(lines) == 2 {
		out[1] = "   " + s.Note.Render(truncate(strings.ReplaceAll(lines[1], "\n", " "), width-4))
	}
	return out
}

// followUpsView lists the open follow-ups with their ticks, at most three
// lines around the cursor.
func (f *logForm) followUpsView(width int) []string {
	s := f.styles
	start := 0
	if f.fuCursor >= 3 {
		start = f.fuCursor - 2
	}
	end := min(len(f.followUps), start+3)
	var out []string
	for i := start; i < end; i++ {
		fu := f.followUps[i]
		box := "[ ]"
		if f.ticked[fu.ID] {
			box = s.Good.Render("[✓]")
		}
		marker := "   "
		if f.focus == fieldFollowUps && i == f.fuCursor {
			marker = s.Accent.Render("  ▸")
		}
		out = append(out, truncate(marker+" "+box+" "+rotation.PrintableLine(fu.Text), width))
	}
	if more := len(f.followUps) - end; more > 0 {
		out[len(out)-1] += s.Dim.Render(fmt.Sprintf("  (+%d more)", more))
	}
	return out
}

// nextView shows the next-date field with the date it means, live.
func (f *logForm) nextView(width int, today rotation.Date, cal rotation.Calendar) string {
	s := f.styles
	label := f.label("Next call", fieldNext, "") + "  "
	input := f.next.View()
	var result string
	typed, clock, err := f.explicitDate(today, cal)
	explicit := typed.Date
	at := ""
	if !clock.IsZero() {
		at = " at " + clock.String()
	}
	switch {
	case err != nil:
		result = s.StatusErr.Render("✗ " + shortDateError(f.next.Value()))
	case typed.DayOff:
		result = s.Warn.Render(fmt.Sprintf("→ %s%s · %s · a day off, kept as typed", explicit.Short(today), at, inDays(today.DaysUntil(explicit))))
	case !typed.Counted.IsZero():
		result = s.Good.Render(fmt.Sprintf("→ %s%s · %s · %s is off, next workday", explicit.Short(today), at, inDays(today.DaysUntil(explicit)), typed.Counted.Short(today)))
	case !explicit.IsZero():
		result = s.Good.Render(fmt.Sprintf("→ %s%s · %s · date as chosen", explicit.Short(today), at, inDays(today.DaysUntil(explicit))))
	case f.outcome == "":
		result = s.Dim.Render("pick an outcome to see the next date")
	case f.touch().ReturnedCall():
		result = s.Accent.Render("→ a returned call, first on today's list; the planned call stays")
	case f.outcome == rotation.Callback:
		result = s.Warn.Render("→ type when they asked to be called back (a time too: thu 3pm)")
	case f.proposalErr != nil:
		result = s.StatusErr.Render(rotation.PrintableLine(f.proposalErr.Error()))
	case f.proposal == nil:
		result = s.Dim.Render("…")
	case f.proposal.Due.IsZero():
		result = s.Warn.Render("→ " + f.proposal.Reason)
	default:
		p := f.proposal
		result = s.Accent.Render(fmt.Sprintf("→ %s · %s · %s", p.Due.Short(today), inDays(today.DaysUntil(p.Due)), p.Reason))
	}
	line := label + input
	if lipgloss.Width(line)+2+lipgloss.Width(result) <= width {
		return line + "  " + result
	}
	return line + "\n     " + truncate(result, width-5)
}

// shortDateError is the inline error of an unreadable date.
func shortDateError(words string) string {
	return fmt.Sprintf("%q is not a date · try next friday, in 2 weeks, mar 3, 2027-03-01", strings.TrimSpace(words))
}
