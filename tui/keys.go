package tui

import (
	"slices"

	"charm.land/bubbles/v2/key"
)

// KeyMap is every key binding of the reader. Each pane matches the keys
// it owns against it and builds its part of the help line from it; the `?`
// screen shows all of it: what is shown is what works.
type KeyMap struct {
	Up, Down, PageUp, PageDown, Top, Bottom key.Binding
	NextYear, PrevYear                      key.Binding
	Open, Back, SwitchPane                  key.Binding
	NextArticle, PrevArticle                key.Binding
	NextMatch, PrevMatch                    key.Binding
	Filter, AcceptFilter, ClearFilter, Sort key.Binding
	Help, Quit, ForceQuit                   key.Binding
	// Query is the query language, for the help: what to type in the
	// filter line, not keys to press (they are never matched).
	Query []key.Binding
}

// DefaultKeyMap returns the reader's bindings.
func DefaultKeyMap() KeyMap {
	return KeyMap{
		Up:           key.NewBinding(key.WithKeys("k", "up"), key.WithHelp("↑/k", "up")),
		Down:         key.NewBinding(key.WithKeys("j", "down"), key.WithHelp("↓/j", "down")),
		PageUp:       key.NewBinding(key.WithKeys("pgup", "b"), key.WithHelp("pgup/b", "page up")),
		PageDown:     key.NewBinding(key.WithKeys("pgdown", "space"), key.WithHelp("pgdn/space", "page down")),
		Top:          key.NewBinding(key.WithKeys("g", "home"), key.WithHelp("g/home", "top")),
		Bottom:       key.NewBinding(key.WithKeys("G", "end"), key.WithHelp("G/end", "bottom")),
		NextYear:     key.NewBinding(key.WithKeys("}"), key.WithHelp("}", "next year")),
		PrevYear:     key.NewBinding(key.WithKeys("{"), key.WithHelp("{", "previous year")),
		Open:         key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "read")),
		Back:         key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "back")),
		SwitchPane:   key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "switch pane")),
		NextArticle:  key.NewBinding(key.WithKeys("n", "]"), key.WithHelp("n/]", "next article")),
		PrevArticle:  key.NewBinding(key.WithKeys("p", "["), key.WithHelp("p/[", "previous article")),
		NextMatch:    key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "next match")),
		PrevMatch:    key.NewBinding(key.WithKeys("N"), key.WithHelp("N", "previous match")),
		Filter:       key.NewBinding(key.WithKeys("/"), key.WithHelp("/", "filter")),
		AcceptFilter: key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep filter")),
		ClearFilter:  key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filter")),
		Sort:         key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "relevance/date order")),
		Help:         key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:         key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),
		Query: []key.Binding{
			queryHint("cyber", "word, start or inside"),
			queryHint("cybdef", "letters in order"),
			queryHint("securty", "typo (5+ letters)"),
			queryHint(`"a b"`, "phrase; =x whole word"),
			queryHint("-x  NOT x", "exclude"),
			queryHint("a|b  a OR b", "either; (a b) groups"),
			queryHint("title:x", "in titles"),
			queryHint("tag:x  site:x", "metadata: also author:"),
			queryHint("year:2017", "year"),
			queryHint("date:2015..2018", "dates; also date:>=2018-07"),
		},
	}
}

// queryHint is a line of the query language's help. Its "key" is what to
// type; it is never matched against a key press.
func queryHint(typed, desc string) key.Binding {
	return key.NewBinding(key.WithKeys(typed), key.WithHelp(typed, desc))
}

// FullHelp returns every binding, in columns, for the `?` screen: moving,
// panes and articles, commands, then the filter's query language with the
// keys that act on results.
func (k KeyMap) FullHelp() [][]key.Binding {
	matches := key.NewBinding(key.WithKeys("n", "N"), key.WithHelp("n/N", "next/previous match"))
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.NextYear, k.PrevYear, k.Open, k.Back, k.SwitchPane, k.NextArticle, k.PrevArticle},
		{k.Filter, k.AcceptFilter, k.ClearFilter, k.Help, k.Quit, k.ForceQuit},
		append(slices.Clone(k.Query), k.Sort, matches),
	}
}

// enabledFor returns the bindings with those that do nothing in the given
// state disabled, as bubbles' list does by mode: while the filter has
// focus, letters are typed, not acted on. When filtered (a filter is
// active) and the reader has the focus, n and N move between matches and
// ] and [ (or p) step articles.
func (k KeyMap) enabledFor(f focus, filtered, wide bool) KeyMap {
	nav := f != focusFilter
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.SwitchPane, &k.Filter, &k.Sort, &k.Help, &k.Quit} {
		b.SetEnabled(nav)
	}
	k.NextYear.SetEnabled(f == focusTimeline)
	k.PrevYear.SetEnabled(f == focusTimeline)
	k.Open.SetEnabled(f == focusTimeline)
	k.Back.SetEnabled(f == focusReader)
	k.NextArticle.SetEnabled(f == focusReader)
	k.PrevArticle.SetEnabled(f == focusReader)
	matches := f == focusReader && filtered
	k.NextMatch.SetEnabled(matches)
	k.PrevMatch.SetEnabled(matches)
	if matches {
		k.NextArticle.SetKeys("]")
		k.NextArticle.SetHelp("]", "next article")
		k.PrevArticle.SetHelp("[/p", "previous article")
	}
	k.AcceptFilter.SetEnabled(f == focusFilter)
	k.ClearFilter.SetEnabled(f == focusFilter || (f == focusTimeline && filtered))
	k.ForceQuit.SetEnabled(f == focusFilter)
	k.Query = slices.Clone(k.Query)
	for i := range k.Query {
		k.Query[i].SetEnabled(f == focusFilter)
	}
	if !wide {
		// One pane at a time: esc goes back from the reader.
		k.SwitchPane.SetHelp("tab", "other pane")
	}
	return k
}
