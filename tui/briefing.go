package tui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"rotate/rotation"
)

// refreshBriefing redraws the briefing of the selected contact into its
// scrollable pane.
func (m *Model) refreshBriefing() {
	offset := m.brief.YOffset()
	m.brief.SetContent(m.briefingView(m.briefWidth()))
	m.brief.SetYOffset(offset)
}

// briefingView is what to read before the call: who, how to reach them,
// what to bring up, what matters to them, and what was said last time.
func (m Model) briefingView(width int) string {
	s := m.styles
	if m.briefing == nil {
		if len(m.agenda.Due) == 0 {
			return ""
		}
		return s.Dim.Render("Loading…")
	}
	b := m.briefing
	var lines []string
	lines = append(lines, m.briefingHead(*b, width)...)
	lines = append(lines, m.briefingFollowUps(b.FollowUps, width)...)
	lines = append(lines, m.briefingProfile(b.Contact, width)...)
	lines = append(lines, m.briefingCalls(b.Calls, width)...)
	return strings.Join(lines, "\n")
}

// briefingHead is the briefing's top: name and company, phones, e-mail,
// tier, cadence and last talk, and the warnings (unreachable, birthday,
// a waiting note).
func (m Model) briefingHead(b rotation.Briefing, width int) []string {
	s := m.styles
	c := b.Contact
	var lines []string
	add := func(ls ...string) { lines = append(lines, ls...) }
	title := s.Name.Render(rotation.PrintableLine(c.Name))
	if c.Company != "" {
		title += s.Dim.Render(" · " + rotation.PrintableLine(c.Company))
	}
	add(truncate(title, width))
	for _, p := range c.Phones {
		line := "☎ " + s.Accent.Render(rotation.PhoneText(p.Number))
		if p.Label != "" {
			line += s.Dim.Render(" " + rotation.PrintableLine(p.Label))
		}
		add(truncate(line, width))
	}
	if len(c.Phones) == 0 {
		add(s.Warn.Render("no phone number"))
	}
	if c.Email != "" {
		add(truncate("✉ "+rotation.PrintableLine(c.Email), width))
	}
	talk := "never talked yet"
	if !c.LastTalk.IsZero() {
		talk = "last talk " + rotation.Ago(c.LastTalk, m.today)
	}
	add(truncate(s.Dim.Render(fmt.Sprintf("Tier %s · %s · %s", c.Tier, c.RuleLabel(m.today), talk)), width))
	if who := m.assignedWords(c); who != "" {
		add(truncate(s.Dim.Render(who), width))
	}
	if c.Unreachable() {
		add(s.Warn.Render(wrap(fmt.Sprintf("⚠ Unreachable: %s in a row. Try email or a handwritten note.", rotation.Plural(c.Attempts, "missed call")), width)))
	}
	if bd, ok := upcomingBirthday(c.Birthday, m.today); ok {
		add(s.Warn.Render(fmt.Sprintf("🎂 Birthday %s (%s)", bd.Short(m.today), inDays(m.today.DaysUntil(bd)))))
	}
	if last := rotation.LastTouch(b.Calls, m.today); last != "" {
		// A message sent or their call since the last call of ours.
		add(hangIndent(s.Label.Render("Since "), s.Accent.Render(rotation.PrintableLine(last)), width))
	}
	if b.Draft != nil && m.log == nil {
		add(s.Warn.Render("✎ An unsaved note is waiting: enter to continue it."))
	}
	return lines
}

// briefingFollowUps is the "Bring up" section, up to maxBriefFollowUps.
func (m Model) briefingFollowUps(followUps []rotation.FollowUp, width int) []string {
	s := m.styles
	lines := []string{"", s.Section.Render("Bring up")}
	if len(followUps) == 0 {
		lines = append(lines, s.Dim.Render("  nothing open"))
	}
	for i, f := range followUps {
		if i == maxBriefFollowUps {
			lines = append(lines, s.Dim.Render(fmt.Sprintf("  … %d more (enter on the contact in Contacts shows all)", len(followUps)-i)))
			break
		}
		lines = append(lines, hangIndent("• ", rotation.PrintableLine(clip(f.Text, maxBriefNote)), width))
	}
	return lines
}

// briefingProfile is the "Profile" section, left out when it is empty.
func (m Model) briefingProfile(c rotation.Contact, width int) []string {
	s := m.styles
	var lines []string
	profile := [][2]string{{"Family", c.Family}, {"Occupation", c.Occupation}, {"Recreation", c.Recreation}, {"Message", c.Message}}
	for _, p := range profile {
		if strings.TrimSpace(p[1]) == "" {
			continue
		}
		if len(lines) == 0 {
			lines = append(lines, "", s.Section.Render("Profile"))
		}
		lines = append(lines, hangIndent(s.Label.Render(pad(p[0], 11)), rotation.PrintableLine(p[1]), width))
	}
	return lines
}

// briefingCalls is the "Last conversations" section.
func (m Model) briefingCalls(calls []rotation.Call, width int) []string {
	s := m.styles
	lines := []string{"", s.Section.Render("Last conversations")}
	if len(calls) == 0 {
		lines = append(lines, s.Dim.Render("  none yet"))
	}
	for _, k := range calls {
		what := k.Label()
		lines = append(lines, truncate(s.Label.Render(fmt.Sprintf("%s · %s", k.Day.Short(m.today), what))+s.Dim.Render(byWords(k.By, m.role)), width))
		if note := strings.TrimSpace(rotation.Printable(clip(k.Note, maxBriefNote))); note != "" {
			lines = append(lines, indent(wrap(note, width-2), "  "))
		}
	}
	return lines
}

// maxBriefNote is how much of one note the briefing shows; the history
// view and the editor have the rest. It keeps a 1 MB note from costing a
// full wrap on every redraw.
const maxBriefNote = 2000

// maxBriefFollowUps is how many open follow-ups the briefing lists.
const maxBriefFollowUps = 12

// clip cuts s to at most n bytes on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + " …"
}

// upcomingBirthday returns the next birthday within 14 days of today.
func upcomingBirthday(bd, today rotation.Date) (rotation.Date, bool) {
	if bd.IsZero() {
		return 0, false
	}
	for y := today.Year(); y <= today.Year()+1; y++ {
		d := rotation.NewDate(y, bd.Month(), bd.Day())
		if d.Month() != bd.Month() { // Feb 29 outside a leap year
			d = rotation.NewDate(y, bd.Month(), bd.Day()-1)
		}
		if n := today.DaysUntil(d); n >= 0 && n <= 14 {
			return d, true
		}
	}
	return 0, false
}

// hangIndent wraps text after a prefix, indenting continuation lines to
// line up under the text.
func hangIndent(prefix, text string, width int) string {
	pw := len([]rune(stripStyles(prefix)))
	wrapped := wrap(text, max(10, width-pw))
	return prefix + strings.ReplaceAll(wrapped, "\n", "\n"+repeat(" ", pw))
}

// indent puts prefix before every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
