package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rotate/rotation"
)

// After a vacation the due list can hold more than a day takes. The Today
// header then says so, and C plans a catch-up (the store's PlanCatchUp,
// the same plan `rotate catchup` prints), shows it, and applies it on
// enter.

type (
	capacityMsg struct {
		cap rotation.Capacity
		err error
	}
	catchUpPlanMsg struct {
		plan rotation.CatchUpPlan
		err  error
	}
	catchUpDoneMsg struct {
		moved, days int
		err         error
	}
)

func (m Model) loadCapacity() tea.Cmd {
	st, ctx, today := m.store, m.ctx, m.today
	return func() tea.Msg {
		c, err := st.Capacity(ctx, today)
		return capacityMsg{c, err}
	}
}

// overfull reports whether today's open calls are more than a catch-up day
// holds, so the header offers one.
func (m Model) overfull() bool {
	return m.loaded && m.bookCap.Daily > 0 && len(m.agenda.Due) > m.bookCap.Daily
}

func (m Model) planCatchUp() tea.Cmd {
	st, ctx, today := m.store, m.ctx, m.today
	return func() tea.Msg {
		p, err := st.PlanCatchUp(ctx, today)
		return catchUpPlanMsg{p, err}
	}
}

func (m Model) onCatchUpPlan(msg catchUpPlanMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m.setError(msg.err)
	}
	if !msg.plan.Moving() {
		return m.setStatus(fmt.Sprintf("Today's %s fit in a day (%d); nothing to spread.",
			rotation.Plural(len(msg.plan.Today), "call"), msg.plan.Limit))
	}
	m.dialog = &dialog{kind: dialogCatchUp, plan: msg.plan}
	return m, nil
}

func (m Model) applyCatchUp(plan rotation.CatchUpPlan) tea.Cmd {
	st, ctx := m.store, m.ctx
	return func() tea.Msg {
		n, err := st.ApplyCatchUp(ctx, plan)
		return catchUpDoneMsg{n, plan.Days - 1, err}
	}
}

func (m Model) onCatchUpDone(msg catchUpDoneMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m.setError(msg.err)
	}
	m2, cmd := m.setStatus(fmt.Sprintf("Moved %s to the next %s.", rotation.Plural(msg.moved, "call"), rotation.Plural(msg.days, "workday")))
	return m2, tea.Batch(cmd, m.loadAgenda(), m.loadCapacity())
}

// onCatchUpKey answers the catch-up question: enter spreads; any other
// key keeps the day as it is, so letters typed at the wrong place ("Cy…")
// never move the calls.
func (m Model) onCatchUpKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	plan := m.dialog.plan
	m.dialog = nil
	if msg.String() == "enter" {
		return m, m.applyCatchUp(plan)
	}
	if key.Matches(msg, m.keys.No) || key.Matches(msg, m.keys.Back) {
		return m, nil
	}
	return m.setStatus("Catch-up not applied: today stays as it is.")
}

// catchUpText is the plan as the dialog shows it: how many stay, who
// stays on a date typed or asked for, and who moves to each day, as many
// days as the screen has room for.
func (m Model) catchUpText(p rotation.CatchUpPlan) string {
	s := m.styles
	due := len(p.Today) + len(p.Moves)
	names := map[int64]string{}
	for _, it := range m.agenda.Due {
		names[it.ID] = rotation.PrintableLine(it.Name)
	}
	width := max(20, min(72, m.width-8))
	who := func(ids []int64, room int) string {
		var out []string
		for i, id := range ids {
			rest := len(ids) - i
			name := names[id]
			if name == "" {
				name = fmt.Sprintf("#%d", id)
			}
			more := ""
			if rest > 1 {
				more = fmt.Sprintf(" +%d", rest-1)
			}
			if len(out) > 0 && lipgloss.Width(strings.Join(append(out, name), ", ")+more) > room {
				return strings.Join(out, ", ") + fmt.Sprintf(" +%d", rest)
			}
			out = append(out, name)
		}
		return truncate(strings.Join(out, ", "), room)
	}
	lines := []string{
		s.Header.Render("Catch up?"),
		"",
		fmt.Sprintf("%s due today; a day holds %d.", rotation.Plural(due, "call"), p.Limit),
		fmt.Sprintf("Keep the %d most urgent today and move %d:", len(p.Today), len(p.Moves)),
		"",
	}
	byDay := map[rotation.Date][]int64{}
	for _, mv := range p.Moves {
		byDay[mv.To] = append(byDay[mv.To], mv.ID)
	}
	per := p.PerDay(m.today)
	room := max(1, m.height-14)
	if len(p.Kept) > 0 {
		room = max(1, room-3)
	}
	shown := 0
	for _, d := range per {
		if d.Date == m.today {
			continue
		}
		if shown == room && len(per) > shown+1 {
			lines = append(lines, s.Dim.Render(fmt.Sprintf("  … and %s more", rotation.Plural(len(per)-1-shown, "day"))))
			break
		}
		lines = append(lines, fmt.Sprintf("  %-11s %s", d.Date.Short(m.today), who(byDay[d.Date], width-14)))
		shown++
	}
	if len(p.Kept) > 0 {
		lines = append(lines, "", s.Dim.Render("Stay on the date typed or asked for:"), "  "+who(p.Kept, width-2))
	}
	lines = append(lines, "", fmt.Sprintf("%s spread them   %s keep today as it is", s.Key.Render("enter"), s.Key.Render("esc")))
	return strings.Join(lines, "\n")
}
