package tui

import (
	"fmt"
	"math"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// upcomingDays is how far ahead the Upcoming view looks: six weeks.
const upcomingDays = 42

// upcomingState is the Upcoming view: calls per day ahead as bars, with
// the daily capacity marked, and who is due on the selected day.
type upcomingState struct {
	days    []rotation.DayLoad
	cursor  int
	offset  int
	who     []rotation.Contact // due on the selected day
	whoDay  rotation.Date
	away    *textinput.Model // set while typing a range of time away
	loaded  bool
	awayErr string
	cap     rotation.Capacity // the book's, from the store
}

type upcomingMsg struct {
	days []rotation.DayLoad
	cap  rotation.Capacity
	err  error
}

type whoMsg struct {
	day rotation.Date
	who []rotation.Contact
	err error
}

type settingSavedMsg struct {
	settings rotation.Settings
	note     string
	err      error
}

func (m Model) loadUpcoming() tea.Cmd {
	st, ctx, today := m.store, m.ctx, m.today
	return tea.Batch(m.loadSettings(), func() tea.Msg {
		d, err := st.Upcoming(ctx, today, upcomingDays)
		if err != nil {
			return upcomingMsg{err: err}
		}
		c, err := st.Capacity(ctx, today)
		return upcomingMsg{d, c, err}
	})
}

func (m Model) loadWho(day rotation.Date) tea.Cmd {
	st, ctx := m.store, m.ctx
	from := day
	if day <= m.today {
		from = 1 // overdue calls are made today: list them with today's
	}
	return func() tea.Msg {
		who, err := st.DueBetween(ctx, from, day.AddDays(1))
		return whoMsg{day, who, err}
	}
}

func (m Model) onUpcoming(msg upcomingMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m.setError(msg.err)
	}
	m.upcoming.days, m.upcoming.cap, m.upcoming.loaded = msg.days, msg.cap, true
	m.upcoming.cursor = min(m.upcoming.cursor, max(len(msg.days)-1, 0))
	return m, m.upcomingSelected()
}

func (m *Model) upcomingSelected() tea.Cmd {
	u := &m.upcoming
	if u.cursor >= len(u.days) {
		return nil
	}
	rows := m.upcomingRows()
	if u.cursor < u.offset {
		u.offset = u.cursor
	}
	if u.cursor >= u.offset+rows {
		u.offset = u.cursor - rows + 1
	}
	return m.loadWho(u.days[u.cursor].Date)
}

// upcomingRows is how many day rows fit.
func (m Model) upcomingRows() int {
	if m.wide() {
		return max(1, m.bodyHeight()-2)
	}
	return max(1, m.bodyHeight()-8)
}

// capacity is the daily capacity, as the store gives it (Store.Capacity,
// the one figure every view shows).
func (m Model) capacity() int {
	return max(1, m.upcoming.cap.Daily)
}

// onUpcomingKey moves over the days and sets or clears time away.
func (m Model) onUpcomingKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	u := &m.upcoming
	k := m.keys
	if u.away != nil {
		return m.onAwayKey(msg)
	}
	if mm, cmd, ok := m.viewKey(msg); ok {
		return mm, cmd
	}
	move := func(to int) (tea.Model, tea.Cmd) {
		u.cursor = min(max(to, 0), max(len(u.days)-1, 0))
		return m, m.upcomingSelected()
	}
	switch {
	case key.Matches(msg, k.Quit):
		return m.quit()
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return m, nil
	case key.Matches(msg, k.Down):
		return move(u.cursor + 1)
	case key.Matches(msg, k.Up):
		return move(u.cursor - 1)
	case key.Matches(msg, k.PageDown):
		return move(u.cursor + 7)
	case key.Matches(msg, k.PageUp):
		return move(u.cursor - 7)
	case key.Matches(msg, k.Away):
		in := newInput(m.styles.IsDark)
		in.Prompt = "Away from … to … › "
		in.Placeholder = "dec 24 to jan 2, or 2026-12-24..2027-01-02"
		in.CharLimit = 60
		in.SetWidth(40)
		u.away = &in
		return m, u.away.Focus()
	case m.afterStray && key.Matches(msg, k.ClearAway, k.Away):
		if key.Matches(msg, k.Away) {
			return m.typing(k.Away)
		}
		return m.typing(k.ClearAway)
	case key.Matches(msg, k.ClearAway):
		value, _ := m.settings.Get("away")
		if value == "" || value == "none" {
			return m.setStatus("No time away to clear.")
		}
		m.dialog = confirmDialog("Clear all time away?", "Set now: "+truncate(rotation.PrintableLine(value), 50), "clear it",
			"Nothing changed: the time away stays.", m.saveSetting("away", "none", "Time away cleared."))
		return m, nil
	}
	return m, nil
}

// onAwayKey is a key typed into the time-away prompt: enter saves the
// range typed, saying how many planned calls move out of it.
func (m Model) onAwayKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	u := &m.upcoming
	switch {
	case key.Matches(msg, m.keys.Back):
		u.away, u.awayErr = nil, ""
		return m, nil
	case msg.String() == "enter":
		r, err := parseAway(u.away.Value(), m.today)
		if err != nil {
			u.awayErr = err.Error()
			return m, nil
		}
		u.away, u.awayErr = nil, ""
		value, _ := m.settings.Get("away")
		if value == "none" {
			value = ""
		} else {
			value += ","
		}
		return m, m.saveSetting("away", value+r.String(), m.awayStatus(r))
	}
	var cmd tea.Cmd
	*u.away, cmd = u.away.Update(msg)
	u.awayErr = ""
	return m, cmd
}

// awayStatus says that time away r is set. Calls already planned on those
// days move out of them, as if they had been computed with the time away
// (a weekday slot to its next slot; a callback the client asked for
// stays): it says so.
func (m Model) awayStatus(r rotation.Range) string {
	planned := 0
	for _, d := range m.upcoming.days {
		if d.Date >= r.From && d.Date <= r.To {
			planned += d.Count
		}
	}
	status := "Away " + r.From.Short(m.today) + " to " + r.To.Short(m.today)
	if planned > 0 {
		status += fmt.Sprintf(" · %s planned then moved out of it", rotation.Plural(planned, "call"))
	} else {
		status += ": no calls are planned then."
	}
	return status
}

// parseAway reads a range of time away typed in words: "dec 24 to jan 2",
// "2026-12-24..2027-01-02", "next monday - next friday", or one day.
func parseAway(s string, today rotation.Date) (rotation.Range, error) {
	s = strings.TrimSpace(s)
	var from, to string
	for _, sep := range []string{"..", " to ", " - ", " until "} {
		if a, b, ok := strings.Cut(s, sep); ok {
			from, to = a, b
			break
		}
	}
	if from == "" {
		from, to = s, s
	}
	a, err := rotation.ParseDate(from, today)
	if err != nil {
		return rotation.Range{}, err
	}
	b, err := rotation.ParseDate(to, a)
	if err != nil {
		return rotation.Range{}, err
	}
	if b < a {
		return rotation.Range{}, fmt.Errorf("the time away ends (%s) before it starts (%s)", b, a)
	}
	return rotation.Range{From: a, To: b}, nil
}

func (m Model) saveSetting(k, value, note string) tea.Cmd {
	st, ctx := m.store, m.ctx
	return func() tea.Msg {
		set, err := st.SetSetting(ctx, k, value)
		return settingSavedMsg{set, note, err}
	}
}

func (m Model) onSettingSaved(msg settingSavedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m.setError(msg.err)
	}
	m.settings = msg.settings
	mm, cmd := m.setStatus(msg.note)
	return mm, tea.Batch(cmd, mm.loadUpcoming(), mm.loadCapacity())
}

// upcomingView draws the bars, one per day, and who is due on the
// selected one.
func (m Model) upcomingView() string {
	s := m.styles
	u := m.upcoming
	if !u.loaded {
		return s.Dim.Render(" Loading…")
	}
	cal := m.settings.Calendar()
	capacity := m.capacity()
	top := capacity
	for _, d := range u.days {
		top = max(top, d.Count)
	}
	chartW := m.width
	if m.wide() {
		chartW = m.listWidth()
	}
	barW := max(10, chartW-22)
	capLabel := fmt.Sprintf("auto, the book asks ~%.1f", u.cap.Expected)
	if !u.cap.Auto {
		capLabel = "set"
	}
	lines := []string{s.Dim.Render(fmt.Sprintf(" Calls per day · capacity %d (%s, marked ┃)", capacity, capLabel))}
	end := min(len(u.days), u.offset+m.upcomingRows())
	for i := u.offset; i < end; i++ {
		d := u.days[i]
		label := d.Date.Time().Format("Mon 2 Jan")
		marker := "  "
		if i == u.cursor {
			marker = s.Accent.Render("▸ ")
		}
		var row string
		hol, isHoliday := cal.Holiday(d.Date)
		switch {
		case cal.IsAway(d.Date):
			row = s.Warn.Render("away") + countSuffix(d.Count, s)
		case isHoliday:
			row = s.Dim.Render(truncate(rotation.PrintableLine(hol), max(8, barW))) + countSuffix(d.Count, s)
		case !cal.IsWorkday(d.Date):
			row = s.Dim.Render("day off") + countSuffix(d.Count, s)
		default:
			row = loadBar(d.Count, capacity, top, barW, s) + fmt.Sprintf(" %3d", d.Count)
		}
		lines = append(lines, marker+pad(label, 11)+" "+row)
	}
	chart := strings.Join(lines, "\n")
	who := m.whoView(chartW)
	if u.away != nil {
		form := " " + u.away.View()
		if u.awayErr != "" {
			form += "\n " + s.StatusErr.Render(rotation.PrintableLine(u.awayErr))
		}
		who = form + "\n\n" + who
	}
	if m.wide() {
		return beside(chart, m.listWidth(), " "+s.Rule.Render("│")+" ", who, m.bodyHeight())
	}
	return fitHeight(chart, m.upcomingRows()+1) + "\n" + who
}

func countSuffix(n int, s Styles) string {
	if n == 0 {
		return ""
	}
	return s.Late.Render(fmt.Sprintf("  %d planned", n))
}

// loadBar draws a day's count against the capacity: filled cells up to the
// count, the capacity cell marked, overload in the warning colour.
func loadBar(count, capacity, top, width int, s Styles) string {
	scale := func(n int) int { return int(math.Round(float64(n) * float64(width) / float64(max(top, 1)))) }
	filled, capAt := scale(count), min(scale(capacity), width-1)
	var b strings.Builder
	for i := 0; i < width; i++ {
		switch {
		case i == capAt:
			b.WriteString(s.Warn.Render("┃"))
		case i < filled && i > capAt:
			b.WriteString(s.Late.Render("█"))
		case i < filled:
			b.WriteString(s.Accent.Render("█"))
		default:
			b.WriteString(" ")
		}
	}
	return b.String()
}

// whoView lists who is due on the selected day.
func (m Model) whoView(width int) string {
	s := m.styles
	u := m.upcoming
	if u.cursor >= len(u.days) {
		return ""
	}
	day := u.days[u.cursor].Date
	lines := []string{s.Section.Render(" " + day.Time().Format("Monday 2 January"))}
	if u.whoDay != day {
		return strings.Join(append(lines, s.Dim.Render(" …")), "\n")
	}
	if len(u.who) == 0 {
		lines = append(lines, s.Dim.Render(" nobody is due"))
	}
	for _, c := range u.who {
		lines = append(lines, truncate(fmt.Sprintf("  %s  %s  %s", pad(truncate(rotation.PrintableLine(c.Name), 24), 24), c.Tier, s.Dim.Render(c.Rule.String())), width))
	}
	return strings.Join(lines, "\n")
}
