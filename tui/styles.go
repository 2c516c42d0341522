package tui

import (
	"image/color"

	"charm.land/lipgloss/v2"
)

// Styles are every style of the interface, built from one small palette
// for a light or a dark terminal and passed down explicitly.
type Styles struct {
	Header, HeaderDim, Tab         lipgloss.Style
	Rule                           lipgloss.Style
	Row, Selected, Name, Dim       lipgloss.Style
	TierA, TierB, TierC            lipgloss.Style
	Late, Warn, Good, Accent, Done lipgloss.Style
	Section, Label, Note           lipgloss.Style
	Panel                          lipgloss.Style
	Field, FieldFocused            lipgloss.Style
	Key, Status, StatusErr         lipgloss.Style
	Dialog                         lipgloss.Style
	Match                          lipgloss.Style
	IsDark                         bool
}

// palette is the handful of colours everything is drawn from.
type palette struct {
	fg, dim, faint, accent, selBg, warn, good, late color.Color
}

// NewStyles builds the styles for a dark or light background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	p := palette{
		fg:     ld(lipgloss.Color("#1f2328"), lipgloss.Color("#e6e6e6")),
		dim:    ld(lipgloss.Color("#6e7781"), lipgloss.Color("#8b949e")),
		faint:  ld(lipgloss.Color("#d0d7de"), lipgloss.Color("#3b424a")),
		accent: ld(lipgloss.Color("#5a4fcf"), lipgloss.Color("#9d8cff")),
		selBg:  ld(lipgloss.Color("#e7e3ff"), lipgloss.Color("#2e2a4f")),
		warn:   ld(lipgloss.Color("#b35900"), lipgloss.Color("#f0a04b")),
		good:   ld(lipgloss.Color("#1a7f37"), lipgloss.Color("#56d364")),
		late:   ld(lipgloss.Color("#cf222e"), lipgloss.Color("#ff7b72")),
	}
	base := lipgloss.NewStyle().Foreground(p.fg)
	return Styles{
		IsDark:       isDark,
		Header:       base.Bold(true),
		HeaderDim:    lipgloss.NewStyle().Foreground(p.dim),
		Tab:          lipgloss.NewStyle().Foreground(p.accent).Bold(true),
		Rule:         lipgloss.NewStyle().Foreground(p.faint),
		Row:          base,
		Selected:     base.Background(p.selBg).Bold(true),
		Name:         base.Bold(true),
		Dim:          lipgloss.NewStyle().Foreground(p.dim),
		TierA:        lipgloss.NewStyle().Foreground(p.accent).Bold(true),
		TierB:        base,
		TierC:        lipgloss.NewStyle().Foreground(p.dim),
		Late:         lipgloss.NewStyle().Foreground(p.late),
		Warn:         lipgloss.NewStyle().Foreground(p.warn),
		Good:         lipgloss.NewStyle().Foreground(p.good),
		Accent:       lipgloss.NewStyle().Foreground(p.accent),
		Done:         lipgloss.NewStyle().Foreground(p.dim).Strikethrough(false),
		Section:      lipgloss.NewStyle().Foreground(p.accent).Bold(true),
		Label:        lipgloss.NewStyle().Foreground(p.dim),
		Note:         base,
		Panel:        lipgloss.NewStyle().Border(lipgloss.NormalBorder(), false, false, false, true).BorderForeground(p.faint).PaddingLeft(1),
		Field:        lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.faint),
		FieldFocused: lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.accent),
		Key:          lipgloss.NewStyle().Foreground(p.accent).Bold(true),
		Status:       lipgloss.NewStyle().Foreground(p.good),
		StatusErr:    lipgloss.NewStyle().Foreground(p.late).Bold(true),
		Dialog:       lipgloss.NewStyle().Border(lipgloss.RoundedBorder()).BorderForeground(p.warn).Padding(0, 1),
		Match:        lipgloss.NewStyle().Foreground(p.warn).Bold(true),
	}
}

// tierStyle is the style of a tier letter.
func (s Styles) tierStyle(tier string) lipgloss.Style {
	switch tier {
	case "A":
		return s.TierA
	case "C":
		return s.TierC
	}
	return s.TierB
}
