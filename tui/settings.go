package tui

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"unicode"

	"charm.land/bubbles/v2/key"
	"charm.land/lipgloss/v2"
)

// Settings that a configuration file gives the reader.

// Colors are colours that replace the theme's, as "#RRGGBB" or an ANSI
// number; "" keeps the theme's.
type Colors struct {
	// Accent colours the headings, the title, the marks of focus.
	Accent string
	// Dim colours the secondary text: dates, details, the status line.
	Dim string
	// Match colours the matches of a filter, and stars.
	Match string
}

// WithColors replaces colours of the theme.
func WithColors(c Colors) Option { return func(m *Model) { m.colors = c } }

// WithReaderWidth sets the widest the article text runs (100 columns by
// default).
func WithReaderWidth(w int) Option {
	return func(m *Model) { m.reader.measure = max(w, minReader) }
}

// WithRelevanceOrder shows a filter's results in relevance order first
// (s switches), rather than in date order.
func WithRelevanceOrder(on bool) Option {
	return func(m *Model) { m.timeline.preferScore, m.timeline.byScore = on, on }
}

// WithMonthNames names the months in the timeline's headings, January
// first.
func WithMonthNames(names [12]string) Option { return func(m *Model) { m.timeline.monthNames = names } }

// WithKeyMap replaces the reader's key bindings (see KeyMap.Rebind).
func WithKeyMap(k KeyMap) Option { return func(m *Model) { m.keys = k } }

// apply lays the colours given over the styles built for the background.
func (c Colors) apply(s *Styles) {
	if c.Accent != "" {
		col := lipgloss.Color(c.Accent)
		for _, st := range []*lipgloss.Style{&s.Year, &s.Month, &s.Mark, &s.ReaderTitle, &s.StatusFilter, &s.TooSmall, &s.Unread, &s.Tag, &s.Marks} {
			*st = st.Foreground(col)
		}
		s.Input.Focused.Prompt = s.Input.Focused.Prompt.Foreground(col)
	}
	if c.Dim != "" {
		col := lipgloss.Color(c.Dim)
		for _, st := range []*lipgloss.Style{&s.Date, &s.Strip, &s.StripLabel, &s.Detail, &s.Divider, &s.Status, &s.Dim, &s.Placeholder} {
			*st = st.Foreground(col)
		}
	}
	if c.Match != "" {
		col := lipgloss.Color(c.Match)
		for _, st := range []*lipgloss.Style{&s.Match, &s.StripCursor, &s.Notice, &s.Star} {
			*st = st.Foreground(col)
		}
	}
}

// ValidColor reports whether s is a colour WithColors takes: "#RGB",
// "#RRGGBB", or an ANSI colour number from 0 to 255.
func ValidColor(s string) bool {
	if h, ok := strings.CutPrefix(s, "#"); ok {
		return (len(h) == 3 || len(h) == 6) && strings.IndexFunc(h, func(r rune) bool { return !unicode.Is(unicode.ASCII_Hex_Digit, r) }) < 0
	}
	var n int
	_, err := fmt.Sscanf(s, "%d", &n)
	return err == nil && fmt.Sprint(n) == s && n >= 0 && n <= 255
}

// BindingNames returns the names of the bindings a configuration can
// change, in the KeyMap's order: its fields' names in snake case
// ("toggle_read", "page_down").
func BindingNames() []string {
	var names []string
	t := reflect.TypeOf(KeyMap{})
	for i := range t.NumField() {
		if t.Field(i).Type == reflect.TypeOf(key.Binding{}) {
			names = append(names, snake(t.Field(i).Name))
		}
	}
	return names
}

// Binding returns the binding named name (see BindingNames).
func (k *KeyMap) Binding(name string) (*key.Binding, bool) {
	v := reflect.ValueOf(k).Elem()
	t := v.Type()
	for i := range t.NumField() {
		if t.Field(i).Type == reflect.TypeOf(key.Binding{}) && snake(t.Field(i).Name) == name {
			return v.Field(i).Addr().Interface().(*key.Binding), true
		}
	}
	return nil, false
}

// Rebind gives the binding named name the keys given (Bubble Tea's names:
// "x", "ctrl+x", "alt+x", "enter", "space", "pgdown"...), its help showing
// them. An unknown name, no key, or a key with white space is an error.
func (k *KeyMap) Rebind(name string, keys []string) error {
	b, ok := k.Binding(name)
	if !ok {
		return fmt.Errorf("no key binding %q", name)
	}
	if len(keys) == 0 {
		return fmt.Errorf("%s: no key given", name)
	}
	for _, s := range keys {
		if s == "" || strings.IndexFunc(s, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }) >= 0 {
			return fmt.Errorf("%s: %q is not a key (as in \"x\", \"ctrl+x\", \"enter\")", name, s)
		}
	}
	b.SetKeys(slices.Clone(keys)...)
	b.SetHelp(strings.Join(keys, "/"), b.Help().Desc)
	return nil
}

// snake writes a field name in snake case: "ToggleRead" is "toggle_read",
// "CopyURL" "copy_url".
func snake(name string) string {
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		if unicode.IsUpper(r) && i > 0 && (unicode.IsLower(rs[i-1]) || (i+1 < len(rs) && unicode.IsLower(rs[i+1]))) {
			b.WriteByte('_')
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

// WithNotice opens the reader with a message in the status line, until
// the first key: what is wrong with the configuration.
func WithNotice(msg string) Option { return func(m *Model) { m.flash = msg } }
