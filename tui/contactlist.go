package tui

import (
	"fmt"
	"slices"
	"strings"

	"rotate/rotation"
)

// contactsView draws the filter line, the header and the visible rows.
func (m Model) contactsView() string {
	s := m.styles
	cs := m.contacts
	if !cs.loaded {
		return s.Dim.Render(" Loading…")
	}
	var top string
	switch {
	case cs.snooze != nil:
		top = " " + cs.snooze.View()
		if cs.snzErr != "" {
			top = " " + s.StatusErr.Render(truncate(rotation.PrintableLine(cs.snzErr), m.width-2))
		}
	case cs.editing || cs.filter.Value() != "":
		top = " " + cs.filter.View() + s.Dim.Render(fmt.Sprintf("  %d of %d", len(cs.shown), len(cs.all)))
	default:
		filters := "/ filters"
		if m.role != "" {
			filters = "/ filters (@role: whose)" // a team book
		}
		top = s.Dim.Render(truncate(fmt.Sprintf(" %s · sorted by %s · %s · a adds", rotation.Plural(len(cs.all), "contact"), sortNames[cs.sort], filters), m.width))
	}
	cols := contactColumns(m.width, m.role != "")
	cells := make([]string, 0, len(cols))
	for _, col := range cols {
		cells = append(cells, pad(col.title, col.width))
	}
	header := strings.TrimRight("  "+strings.Join(cells, "  "), " ")
	lines := []string{top, s.Label.Render(truncate(header, m.width))}
	if len(cs.all) == 0 {
		lines = append(lines, "", s.Dim.Render("  No contacts yet: press a to add one, or run rotate demo to look around."))
	}
	end := min(len(cs.shown), cs.offset+m.contactRows())
	for i := cs.offset; i < end; i++ {
		c := cs.all[cs.shown[i]]
		cells = cells[:0]
		for _, col := range cols {
			cells = append(cells, pad(truncate(col.cell(c, m.today), col.width), col.width))
		}
		row := strings.TrimRight(strings.Join(cells, "  "), " ")
		if i == cs.cursor {
			lines = append(lines, s.Selected.Render(pad(truncate("▸ "+row, m.width), m.width)))
			continue
		}
		if c.Status != rotation.Active {
			lines = append(lines, s.Dim.Render(truncate("  "+row, m.width)))
			continue
		}
		lines = append(lines, truncate("  "+row, m.width))
	}
	return strings.Join(lines, "\n")
}

// compactDate fits a date in 11 cells: "Wed 16 Dec" this year,
// "11 Jan 2027" otherwise.
func compactDate(d, today rotation.Date) string {
	if d.Year() == today.Year() {
		return d.Time().Format("Mon 2 Jan")
	}
	return d.Time().Format("2 Jan 2006")
}

// contactColumn is one column of the Contacts table.
type contactColumn struct {
	title string
	width int
	cell  func(c rotation.Contact, today rotation.Date) string
}

// The fixed columns, in the order they are shown after name and company;
// drop is the order they give way in when the terminal is too narrow for
// name and company to stay readable: the cadence first (it is on the
// contact's own page), then the status (paused and archived rows are dimmed
// and have no next call), then the last talk. The tier and the next call
// always stay.
var (
	colTier = contactColumn{"T", 1, func(c rotation.Contact, _ rotation.Date) string { return c.Tier }}
	colRule = contactColumn{"Cadence", 10, func(c rotation.Contact, today rotation.Date) string {
		if !c.Override.IsZero() && today <= c.OverrideUntil {
			// An override in force, as `rotate list` shows it, made to
			// fit: "2d→15 Dec" is every 2d until 15 Dec.
			return strings.TrimPrefix(c.Override.String(), "every ") + "→" + c.OverrideUntil.Time().Format("2 Jan")
		}
		return c.Rule.String()
	}}
	colNext = contactColumn{"Next due", 11, func(c rotation.Contact, today rotation.Date) string {
		if c.Status != rotation.Active || c.Due.IsZero() {
			return "—"
		}
		return compactDate(c.Due, today)
	}}
	colLast = contactColumn{"Last talk", 12, func(c rotation.Contact, today rotation.Date) string {
		return rotation.Ago(c.LastTalk, today) // "never" when zero
	}}
	colWho = contactColumn{"Assigned", 10, func(c rotation.Contact, _ rotation.Date) string {
		if c.Assignee == "" {
			return "—"
		}
		return rotation.PrintableLine(c.Assignee)
	}}
	colStatus = contactColumn{"Status", 8, func(c rotation.Contact, _ rotation.Date) string {
		if c.Status == rotation.Active {
			return ""
		}
		return string(c.Status)
	}}
)

const (
	minNameW, maxNameW       = 11, 30
	minCompanyW, maxCompanyW = 9, 26
	maxRuleW                 = 18 // "every mon,wed,fri", "taper 1d 3d 7d 14d"
)

// contactColumns lays the Contacts table out in width cells (two of them
// for the cursor): the fixed columns take their own width, name and
// company share the rest, 55:45, up to a cap each, so a wide terminal
// shows long names instead of gaps, and what is left after the caps
// lets long cadences show whole. Fixed columns are dropped, least
// useful first, only while name and company would get fewer than
// minNameW+minCompanyW cells. A team book (team) has whom each contact is
// assigned to after the next call; it stays.
func contactColumns(width int, team bool) []contactColumn {
	fixed := []contactColumn{colTier, colRule, colNext, colLast, colStatus}
	if team {
		fixed = []contactColumn{colTier, colRule, colNext, colWho, colLast, colStatus}
	}
	dropOrder := []string{colRule.title, colStatus.title, colLast.title}
	slack := func() int {
		n := width - 2 - 2*(len(fixed)+1) // the cursor, and the gaps between columns
		for _, c := range fixed {
			n -= c.width
		}
		return n
	}
	for _, title := range dropOrder {
		if slack() >= minNameW+minCompanyW {
			break
		}
		fixed = slices.DeleteFunc(fixed, func(c contactColumn) bool { return c.title == title })
	}
	n := max(slack(), minNameW+minCompanyW)
	companyW := min(n*45/100, maxCompanyW)
	nameW := min(n-companyW, maxNameW)
	companyW = min(n-nameW, maxCompanyW)
	if extra := n - nameW - companyW; extra > 0 { // long cadences before empty space
		for i := range fixed {
			if fixed[i].title == colRule.title {
				fixed[i].width = min(fixed[i].width+extra, maxRuleW)
			}
		}
	}
	name := contactColumn{"Name", nameW, func(c rotation.Contact, _ rotation.Date) string { return rotation.PrintableLine(c.Name) }}
	company := contactColumn{"Company", companyW, func(c rotation.Contact, _ rotation.Date) string { return rotation.PrintableLine(c.Company) }}
	return append([]contactColumn{name, company}, fixed...)
}
