package tui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

type statsMsg struct {
	stats rotation.Stats
	// people is each member's figures, on an owner's team book: stats is
	// then the practice's.
	people []rotation.PersonStats
	err    error
}

// practiceStats is a team book's store that gives the practice's figures
// with each member's (store.PracticeStats).
type practiceStats interface {
	PracticeStats(ctx context.Context, today rotation.Date) (rotation.Stats, []rotation.PersonStats, error)
}

// loadStats reads the dashboard: the person's own, or for an owner of a
// team book the practice's with everyone's figures.
func (m Model) loadStats() tea.Cmd {
	st, ctx, today := m.store, m.ctx, m.today
	ps, practice := st.(practiceStats)
	practice = practice && m.roleKind == ownerKind
	return func() tea.Msg {
		if practice {
			s, people, err := ps.PracticeStats(ctx, today)
			return statsMsg{stats: s, people: people, err: err}
		}
		s, err := st.Stats(ctx, today)
		return statsMsg{stats: s, err: err}
	}
}

// ownerKind is what an owner of a team book is (Who's kind).
const ownerKind = "owner"

// statsView is the consistency dashboard: coverage, calls per week, the
// outcome mix, the streak, and who has waited longest.
func (m Model) statsView() string {
	s := m.styles
	if m.stats == nil {
		return s.Dim.Render(" Loading…")
	}
	st := m.stats
	var lines []string
	add := func(l ...string) { lines = append(lines, l...) }
	pct := func(c rotation.Coverage) string {
		if c.Active == 0 {
			return "—"
		}
		return fmt.Sprintf("%3.0f%%", 100*c.Share())
	}
	never := ""
	if st.NeverReached > 0 {
		never = fmt.Sprintf(", %d never reached", st.NeverReached)
	}
	title := " Coverage"
	if m.people != nil {
		title = " The practice's coverage"
	}
	add(s.Section.Render(title)+s.Dim.Render("  active contacts whose call is not late"),
		fmt.Sprintf("   all      %s  %s", s.Header.Render(pct(st.Coverage)), s.Dim.Render(fmt.Sprintf("%d of %d not late%s", st.Coverage.Covered, st.Coverage.Active, never))))
	tiers := make([]string, 0, len(st.ByTier))
	for t := range st.ByTier {
		tiers = append(tiers, t)
	}
	sort.Strings(tiers)
	for _, t := range tiers {
		c := st.ByTier[t]
		add(fmt.Sprintf("   tier %s   %s  %s %s", t, pct(c), bar(c.Share(), 20, s), s.Dim.Render(fmt.Sprintf("%d of %d", c.Covered, c.Active))))
	}
	add("", fmt.Sprintf(" %s %s   %s %s   %s %s",
		s.Section.Render("Streak"), s.Header.Render(rotation.Plural(st.StreakDays, "workday")),
		s.Section.Render("Due today"), s.Header.Render(fmt.Sprint(st.DueToday)),
		s.Section.Render("Overdue"), s.Header.Render(fmt.Sprint(st.Overdue))))
	add(m.peopleLines()...)

	add("", s.Section.Render(" Calls per week")+s.Dim.Render(fmt.Sprintf("  last %s, this week on the right", rotation.Plural(len(st.Weekly), "week"))))
	add("   " + sparkline(st.Weekly, s) + "  " + s.Dim.Render(fmt.Sprintf("%d in the last 7 days", st.CallsLast7Days)))
	total := 0
	for _, n := range st.Outcomes {
		total += n
	}
	if total > 0 {
		var mix []string
		for _, o := range []rotation.Outcome{rotation.Reached, rotation.Voicemail, rotation.NoAnswer, rotation.Callback} {
			if n := st.Outcomes[o]; n > 0 {
				mix = append(mix, fmt.Sprintf("%s %d%%", o, 100*n/total))
			}
		}
		add("   " + s.Dim.Render("outcomes: ") + strings.Join(mix, s.Dim.Render(" · ")))
		add("   " + s.Dim.Render("talks: ") + st.TalksWords())
	}
	// The longest-waiting list gives way to the lines above on a short
	// terminal (the people of a practice).
	longest := st.Longest[:max(0, min(len(st.Longest), m.bodyHeight()-len(lines)-2))]
	if len(longest) > 0 {
		add("", s.Section.Render(" Longest without a conversation"))
		for _, c := range longest {
			add(truncate(fmt.Sprintf("   %s  %s  %s", pad(truncate(rotation.PrintableLine(c.Name), 24), 24), c.Tier,
				s.Dim.Render(lastTalkWords(c.LastTalk, m.today))), m.width))
		}
	}
	return strings.Join(lines, "\n")
}

// peopleLines are each member's figures on an owner's team book: calls
// in the last seven days, the coverage of their list, their streak.
func (m Model) peopleLines() []string {
	if m.people == nil {
		return nil
	}
	s := m.styles
	lines := []string{"", s.Section.Render(" People") + s.Dim.Render("  calls in 7 days · coverage of their list · streak")}
	for _, p := range m.people {
		cov := "   —"
		if p.Coverage.Active > 0 {
			cov = fmt.Sprintf("%3.0f%%", 100*p.Coverage.Share())
		}
		who := pad(truncate(rotation.PrintableLine(p.Role), 16), 16) + s.Dim.Render(pad(" "+p.Kind, 11))
		if p.Role == m.role {
			who = pad(truncate(rotation.PrintableLine(p.Role)+" (you)", 16), 16) + s.Dim.Render(pad(" "+p.Kind, 11))
		}
		lines = append(lines, truncate(fmt.Sprintf("   %s %4d  %s  %s", who, p.CallsLast7Days, s.Header.Render(cov),
			rotation.Plural(p.StreakDays, "workday")), m.width))
	}
	return lines
}

// lastTalkWords says when the last conversation was.
func lastTalkWords(d, today rotation.Date) string {
	if d.IsZero() {
		return "never reached"
	}
	return "last talk " + rotation.Ago(d, today)
}

// bar draws a share 0..1 as a horizontal bar of width cells.
func bar(share float64, width int, s Styles) string {
	n := int(share*float64(width) + 0.5)
	n = min(max(n, 0), width)
	return s.Accent.Render(repeat("█", n)) + s.Rule.Render(repeat("░", width-n))
}

// sparkline draws counts as a row of block characters.
func sparkline(counts []int, s Styles) string {
	blocks := []rune("▁▂▃▄▅▆▇█")
	top := 0
	for _, n := range counts {
		top = max(top, n)
	}
	var b strings.Builder
	for _, n := range counts {
		i := 0
		if top > 0 {
			i = n * (len(blocks) - 1) / top
		}
		if n == 0 {
			b.WriteRune(' ')
			continue
		}
		b.WriteRune(blocks[i])
	}
	return s.Accent.Render(b.String()) + s.Dim.Render(fmt.Sprintf("  peak %d", top))
}
