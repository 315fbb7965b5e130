package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles holds every style of the reader, built once for a light or dark
// terminal background.
type Styles struct {
	// Timeline.
	Year, Month, Date, Title, Derived, Match lipgloss.Style
	// Selected is laid over a row under the cursor; Unfocused when the
	// timeline does not have the focus.
	Selected, SelectedUnfocused lipgloss.Style
	// Strip is the density strip; StripCursor marks the cursor's bucket.
	Strip, StripCursor, StripLabel lipgloss.Style
	// ReaderTitle is the title in the reader's header.
	ReaderTitle lipgloss.Style
	// Layout and status.
	Divider, Status, StatusFilter, Error, Dim, Placeholder, TooSmall lipgloss.Style
	// Help and Input style the bubbles components.
	Help  help.Styles
	Input textinput.Styles
}

// NewStyles returns the styles for a dark or a light background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B4A5FF"))
	dim := ld(lipgloss.Color("#8A8A8A"), lipgloss.Color("#6C6C6C"))
	selBg := ld(lipgloss.Color("#DCD6FA"), lipgloss.Color("#3B3361"))
	selBgDim := ld(lipgloss.Color("#E8E8E8"), lipgloss.Color("#303030"))
	matchFg := ld(lipgloss.Color("#B3261E"), lipgloss.Color("#FFC857"))

	s := Styles{
		Year:              lipgloss.NewStyle().Bold(true).Foreground(accent),
		Month:             lipgloss.NewStyle().Foreground(accent),
		Date:              lipgloss.NewStyle().Foreground(dim),
		Title:             lipgloss.NewStyle(),
		Derived:           lipgloss.NewStyle().Italic(true).Faint(true),
		Match:             lipgloss.NewStyle().Bold(true).Underline(true).Foreground(matchFg),
		Selected:          lipgloss.NewStyle().Background(selBg),
		SelectedUnfocused: lipgloss.NewStyle().Background(selBgDim),
		Strip:             lipgloss.NewStyle().Foreground(dim),
		StripCursor:       lipgloss.NewStyle().Foreground(matchFg).Bold(true),
		StripLabel:        lipgloss.NewStyle().Foreground(dim),
		ReaderTitle:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Divider:           lipgloss.NewStyle().Foreground(dim),
		Status:            lipgloss.NewStyle().Foreground(dim),
		StatusFilter:      lipgloss.NewStyle().Foreground(accent),
		Error:             lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#C0392B"), lipgloss.Color("#FF6B6B"))),
		Dim:               lipgloss.NewStyle().Foreground(dim),
		Placeholder:       lipgloss.NewStyle().Foreground(dim).Italic(true),
		TooSmall:          lipgloss.NewStyle().Bold(true).Foreground(accent),
		Help:              help.DefaultStyles(isDark),
		Input:             textinput.DefaultStyles(isDark),
	}
	s.Input.Focused.Prompt = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Input.Blurred.Prompt = lipgloss.NewStyle().Foreground(dim)
	s.Input.Cursor.Blink = false // a steady cursor: no timer while typing
	return s
}
