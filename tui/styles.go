package tui

import (
	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
)

// Styles holds every style of the reader, built once for a light or dark
// terminal background.
type Styles struct {
	// Timeline.
	Year, Month, Date, Title, Derived, Match lipgloss.Style
	// Selected is laid over a row under the cursor; Unfocused when the
	// timeline does not have the focus. Mark is the mark of the focused
	// pane (the selected row's, the reader's bottom line's).
	Selected, SelectedUnfocused, Mark lipgloss.Style
	// Strip is the density strip; StripCursor marks the cursor's bucket.
	Strip, StripCursor, StripLabel lipgloss.Style
	// ReaderTitle is the title in the reader's header; Detail its lines
	// of authors, ID, URL, tags and fields. CurrentMatch is the match n
	// or N moved to, among the others.
	ReaderTitle, Detail, CurrentMatch lipgloss.Style
	// Notice is a passing message in the status line ("last article").
	Notice lipgloss.Style
	// Unread, Star and Tag mark the timeline's rows; ReadTitle is the
	// title of an article read. Marks is the line of marks in the reader's
	// header, Note the note under it.
	Unread, Star, Tag, ReadTitle, Marks, Note lipgloss.Style
	// Area styles the note's text area.
	Area textarea.Styles
	// Layout and status.
	Divider, Status, StatusFilter, Error, Dim, Placeholder, TooSmall lipgloss.Style
	// Series colour the chart's bars, one a query (their fills tell
	// them apart without colour).
	Series [3]lipgloss.Style
	// Help and Input style the bubbles components.
	Help  help.Styles
	Input textinput.Styles
}

// NewStyles returns the styles for a dark or a light background.
func NewStyles(isDark bool) Styles {
	ld := lipgloss.LightDark(isDark)
	accent := ld(lipgloss.Color("#5A3FC0"), lipgloss.Color("#B4A5FF"))
	// Dim text keeps a contrast of 4.5 or more with the background (WCAG
	// AA), help line included.
	dim := ld(lipgloss.Color("#6E6E6E"), lipgloss.Color("#8C8C8C"))
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
		Mark:              lipgloss.NewStyle().Bold(true).Foreground(accent),
		Strip:             lipgloss.NewStyle().Foreground(dim),
		StripCursor:       lipgloss.NewStyle().Foreground(matchFg).Bold(true),
		StripLabel:        lipgloss.NewStyle().Foreground(dim),
		ReaderTitle:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Detail:            lipgloss.NewStyle().Foreground(dim).Italic(true),
		// Reversed: it reads without colour, and against the other
		// matches' background.
		CurrentMatch: lipgloss.NewStyle().Bold(true).Reverse(true),
		Notice:       lipgloss.NewStyle().Bold(true).Foreground(matchFg),
		Divider:      lipgloss.NewStyle().Foreground(dim),
		Status:       lipgloss.NewStyle().Foreground(dim),
		StatusFilter: lipgloss.NewStyle().Foreground(accent),
		Error:        lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#C0392B"), lipgloss.Color("#FF6B6B"))),
		Dim:          lipgloss.NewStyle().Foreground(dim),
		Placeholder:  lipgloss.NewStyle().Foreground(dim).Italic(true),
		TooSmall:     lipgloss.NewStyle().Bold(true).Foreground(accent),
		Help:         helpStyles(ld),
		Input:        textinput.DefaultStyles(isDark),
		Unread:       lipgloss.NewStyle().Bold(true).Foreground(accent),
		Star:         lipgloss.NewStyle().Bold(true).Foreground(matchFg),
		Tag:          lipgloss.NewStyle().Foreground(accent),
		// Faint, not coloured: it reads under NO_COLOR too, beside the
		// unread rows' dot.
		ReadTitle: lipgloss.NewStyle().Faint(true),
		Marks:     lipgloss.NewStyle().Foreground(accent),
		Note:      lipgloss.NewStyle().Italic(true),
		Area:      textarea.DefaultStyles(isDark),
	}
	s.Series = [3]lipgloss.Style{
		lipgloss.NewStyle().Foreground(accent),
		lipgloss.NewStyle().Foreground(matchFg),
		lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#00796B"), lipgloss.Color("#4DD0C4"))),
	}
	s.Input.Focused.Prompt = lipgloss.NewStyle().Foreground(accent).Bold(true)
	s.Input.Blurred.Prompt = lipgloss.NewStyle().Foreground(dim)
	s.Input.Cursor.Blink = false // a steady cursor: no timer while typing
	return s
}

// helpStyles are bubbles' help styles with more contrast: its keys and
// descriptions keep a contrast of 4.5 or more with the background.
func helpStyles(ld lipgloss.LightDarkFunc) help.Styles {
	s := help.DefaultStyles(true)
	key := lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#3A3A3A"), lipgloss.Color("#C6C6C6")))
	desc := lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#626262"), lipgloss.Color("#9E9E9E")))
	sep := lipgloss.NewStyle().Foreground(ld(lipgloss.Color("#9A9A9A"), lipgloss.Color("#5C5C5C")))
	s.ShortKey, s.ShortDesc, s.ShortSeparator = key, desc, sep
	s.FullKey, s.FullDesc, s.FullSeparator = key, desc, sep
	s.Ellipsis = sep
	return s
}
