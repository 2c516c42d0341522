package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

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
	return m.loaded && m.bookCap.CatchUp > 0 && len(m.agenda.Due) > m.bookCap.CatchUp
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

// onCatchUpKey answers the catch-up question: enter (or y) spreads, esc
// (or n) keeps the day as it is.
func (m Model) onCatchUpKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch {
	case msg.String() == "enter", key.Matches(msg, m.keys.Yes):
		plan := m.dialog.plan
		m.dialog = nil
		return m, m.applyCatchUp(plan)
	case key.Matches(msg, m.keys.No), key.Matches(msg, m.keys.Back):
		m.dialog = nil
		return m, nil
	}
	return m, nil
}

// catchUpText is the plan as the dialog shows it: how many stay, and the
// calls moved to each day, as many days as the screen has room for.
func (m Model) catchUpText(p rotation.CatchUpPlan) string {
	s := m.styles
	due := len(p.Today) + len(p.Moves)
	lines := []string{
		s.Header.Render("Catch up?"),
		"",
		fmt.Sprintf("%s due today; a day holds %d.", rotation.Plural(due, "call"), p.Limit),
		fmt.Sprintf("Keep the %d most urgent today and move %d:", len(p.Today), len(p.Moves)),
		"",
	}
	per := p.PerDay(m.today)
	room := max(1, m.height-14)
	shown := 0
	for _, d := range per {
		if d.Date == m.today {
			continue
		}
		if shown == room && len(per) > shown+1 {
			lines = append(lines, s.Dim.Render(fmt.Sprintf("  … and %s more", rotation.Plural(len(per)-1-shown, "day"))))
			break
		}
		lines = append(lines, fmt.Sprintf("  %-11s %s", d.Date.Short(m.today), rotation.Plural(d.Count, "call")))
		shown++
	}
	lines = append(lines, "", fmt.Sprintf("%s spread them   %s keep today as it is", s.Key.Render("enter"), s.Key.Render("esc")))
	return strings.Join(lines, "\n")
}
