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
	// ResultUp and ResultDown move through the results while the filter
	// line has the focus, as in fzf.
	ResultUp, ResultDown key.Binding
	// Wider and Narrower move the divider between the panes; Zoom shows
	// one pane at a time, or both again.
	Wider, Narrower, Zoom key.Binding
	Problems, Help, Quit  key.Binding
	// Copies expands the selected article's group of copies, or folds it.
	Copies key.Binding
	// KWIC lists the filter's occurrences in context; Chart draws hits
	// over time, where ChartAdd compares another query; Facets counts
	// the articles shown by source, tag, year and language.
	KWIC, Chart, ChartAdd, Facets key.Binding
	ForceQuit                     key.Binding
	// ToggleRead, Star, Tag and Note change the selected article's marks.
	ToggleRead, Star, Tag, Note key.Binding
	// SaveSearch names the filter's query; Searches lists the saved ones,
	// where DeleteSearch forgets one.
	SaveSearch, Searches, DeleteSearch key.Binding
	// Copy asks what to copy to the clipboard: CopyURL, CopyID or
	// CopyArticle. OpenURL opens the address in a browser, Pager the
	// article in $PAGER, Pipe pipes it to a command; Export writes the
	// articles shown to a file.
	Copy, CopyURL, CopyID, CopyArticle key.Binding
	OpenURL, Pager, Pipe, Export       key.Binding
	// PromptAccept, PromptCancel and PromptComplete work in a prompt
	// (tags, a name, a file, a command); NoteSave and NoteCancel in the
	// note's text area.
	PromptAccept, PromptCancel, PromptComplete key.Binding
	NoteSave, NoteCancel                       key.Binding
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
		ResultUp:     key.NewBinding(key.WithKeys("up", "ctrl+p"), key.WithHelp("↑/ctrl+p", "previous result")),
		ResultDown:   key.NewBinding(key.WithKeys("down", "ctrl+n"), key.WithHelp("↓/ctrl+n", "next result")),
		Wider:        key.NewBinding(key.WithKeys(">"), key.WithHelp(">", "wider timeline")),
		Narrower:     key.NewBinding(key.WithKeys("<"), key.WithHelp("<", "narrower timeline")),
		Zoom:         key.NewBinding(key.WithKeys("z"), key.WithHelp("z", "one pane/both panes")),
		Problems:     key.NewBinding(key.WithKeys("!"), key.WithHelp("!", "load problems")),
		Copies:       key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "show/fold copies")),
		KWIC:         key.NewBinding(key.WithKeys("K"), key.WithHelp("K", "keyword in context")),
		Chart:        key.NewBinding(key.WithKeys("C"), key.WithHelp("C", "hits over time")),
		ChartAdd:     key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "compare a query")),
		Facets:       key.NewBinding(key.WithKeys("F"), key.WithHelp("F", "facets")),
		Help:         key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "help")),
		Quit:         key.NewBinding(key.WithKeys("q"), key.WithHelp("q", "quit")),
		ForceQuit:    key.NewBinding(key.WithKeys("ctrl+c"), key.WithHelp("ctrl+c", "quit")),

		ToggleRead:     key.NewBinding(key.WithKeys("m"), key.WithHelp("m", "read/unread")),
		Star:           key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "star")),
		Tag:            key.NewBinding(key.WithKeys("t"), key.WithHelp("t", "tags")),
		Note:           key.NewBinding(key.WithKeys("e"), key.WithHelp("e", "note")),
		SaveSearch:     key.NewBinding(key.WithKeys("S"), key.WithHelp("S", "save search")),
		Searches:       key.NewBinding(key.WithKeys("L"), key.WithHelp("L", "saved searches")),
		DeleteSearch:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "forget search")),
		Copy:           key.NewBinding(key.WithKeys("y"), key.WithHelp("y", "copy…")),
		CopyURL:        key.NewBinding(key.WithKeys("u"), key.WithHelp("u", "address")),
		CopyID:         key.NewBinding(key.WithKeys("i"), key.WithHelp("i", "ID")),
		CopyArticle:    key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "article")),
		OpenURL:        key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "open in browser")),
		Pager:          key.NewBinding(key.WithKeys("v"), key.WithHelp("v", "view in $PAGER")),
		Pipe:           key.NewBinding(key.WithKeys("|"), key.WithHelp("|", "pipe to command")),
		Export:         key.NewBinding(key.WithKeys("E"), key.WithHelp("E", "export shown")),
		PromptAccept:   key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "ok")),
		PromptCancel:   key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		PromptComplete: key.NewBinding(key.WithKeys("tab"), key.WithHelp("tab", "complete")),
		NoteSave:       key.NewBinding(key.WithKeys("ctrl+s"), key.WithHelp("ctrl+s", "keep note")),
		NoteCancel:     key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		Query: []key.Binding{
			queryHint("cyber", "word, start or inside"),
			queryHint("cybdef", "letters in order"),
			queryHint("securty", "typo (5+ letters)"),
			queryHint(`"a b"`, "phrase; =x whole word"),
			queryHint("-x  NOT x", "exclude"),
			queryHint("a|b  a OR b", "either; (a b) groups"),
			queryHint("title:x", "in titles"),
			queryHint("tag:x  site:x", "metadata: also author:"),
			queryHint("is:unread  is:starred", "your marks; is:read"),
			queryHint("has:note  note:x", "your notes; has:tag"),
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
// panes and articles, commands, then the filter's query language. Pairs
// of bindings that go together share a line.
func (k KeyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom, pair(k.NextYear, k.PrevYear, "}/{", "next/previous year"), k.Copies},
		{k.Open, k.Back, k.SwitchPane, k.NextArticle, k.PrevArticle, pair(k.NextMatch, k.PrevMatch, "n/N", "next/previous match"),
			pair(k.Wider, k.Narrower, ">/<", "wider/narrower timeline"), k.Zoom},
		{k.Filter, k.AcceptFilter, k.ClearFilter, pair(k.ResultDown, k.ResultUp, "↓/↑", "next/previous result"), k.Sort,
			k.Problems, k.Help, pair(k.Quit, k.ForceQuit, "q/ctrl+c", "quit")},
		{pair(k.ToggleRead, k.Star, "m/f", "read/unread, star"), pair(k.Tag, k.Note, "t/e", "tags, note"),
			pair(k.SaveSearch, k.Searches, "S/L", "save search, saved ones"), pair(k.Copy, k.OpenURL, "y/o", "copy…, open in browser"),
			pair(k.Pager, k.Pipe, "v/|", "$PAGER, pipe to a command"), k.Export,
			pair(k.KWIC, k.Chart, "K/C", "in context, over time"), k.Facets},
		slices.Clone(k.Query),
	}
}

// pair is two bindings shown as one line of the help, under the keys
// label: "}/{ next/previous year". It is for the help only: the keys are
// matched against a and b.
func pair(a, b key.Binding, keys, desc string) key.Binding {
	p := key.NewBinding(key.WithKeys(append(slices.Clone(a.Keys()), b.Keys()...)...), key.WithHelp(keys, desc))
	p.SetEnabled(a.Enabled() || b.Enabled())
	return p
}

// keyState is what decides which keys work: the focus, whether a filter is
// active, whether the terminal has room for two panes (roomy) and shows
// them (split), whether there are load problems to list.
type keyState struct {
	focus                            focus
	filtered, roomy, split, problems bool
	// kept is set when there is a store for marks and saved searches;
	// copies when the corpus has groups of copies.
	kept, copies bool
}

// enabledFor returns the bindings with those that do nothing in the given
// state disabled, as bubbles' list does by mode: while the filter has
// focus, letters are typed, not acted on. When filtered (a filter is
// active) and the reader has the focus, n and N move between matches and
// ] and [ (or p) step articles.
func (k KeyMap) enabledFor(st keyState) KeyMap {
	f := st.focus
	nav := f != focusFilter
	for _, b := range []*key.Binding{&k.Up, &k.Down, &k.PageUp, &k.PageDown, &k.Top, &k.Bottom, &k.SwitchPane, &k.Filter, &k.Help, &k.Quit,
		&k.ToggleRead, &k.Star, &k.Tag, &k.Note, &k.Searches, &k.Copy, &k.OpenURL, &k.Pager, &k.Pipe, &k.Export} {
		b.SetEnabled(nav)
	}
	for _, b := range []*key.Binding{&k.ToggleRead, &k.Star, &k.Tag, &k.Note, &k.Searches} {
		b.SetEnabled(nav && st.kept)
	}
	k.SaveSearch.SetEnabled(nav && st.kept && st.filtered)
	k.Sort.SetEnabled(nav && st.filtered)
	k.Problems.SetEnabled(nav && st.problems)
	// Resizing panes needs two of them; zooming, room for two.
	k.Wider.SetEnabled(nav && st.split)
	k.Narrower.SetEnabled(nav && st.split)
	k.Zoom.SetEnabled(nav && st.roomy)
	k.ResultUp.SetEnabled(f == focusFilter)
	k.ResultDown.SetEnabled(f == focusFilter)
	k.Copies.SetEnabled(f == focusTimeline && st.copies)
	k.KWIC.SetEnabled(nav && st.filtered)
	k.Chart.SetEnabled(nav)
	k.Facets.SetEnabled(nav)
	k.NextYear.SetEnabled(f == focusTimeline)
	k.PrevYear.SetEnabled(f == focusTimeline)
	k.Open.SetEnabled(f == focusTimeline)
	k.Back.SetEnabled(f == focusReader)
	k.NextArticle.SetEnabled(f == focusReader)
	k.PrevArticle.SetEnabled(f == focusReader)
	matches := f == focusReader && st.filtered
	k.NextMatch.SetEnabled(matches)
	k.PrevMatch.SetEnabled(matches)
	if matches {
		k.NextArticle.SetKeys("]")
		k.NextArticle.SetHelp("]", "next article")
		k.PrevArticle.SetHelp("[/p", "previous article")
	}
	k.AcceptFilter.SetEnabled(f == focusFilter)
	k.ClearFilter.SetEnabled(f == focusFilter || (f == focusTimeline && st.filtered))
	k.ForceQuit.SetEnabled(f == focusFilter)
	k.Query = slices.Clone(k.Query)
	for i := range k.Query {
		k.Query[i].SetEnabled(f == focusFilter)
	}
	if !st.split {
		// One pane at a time: esc goes back from the reader.
		k.SwitchPane.SetHelp("tab", "other pane")
	}
	return k
}

// keysNow returns the key map with the bindings that work in the current
// state enabled.
func (m *Model) keysNow() KeyMap {
	return m.keys.enabledFor(keyState{
		focus: m.focus, filtered: m.filtered(),
		roomy: m.width >= sideBySideWidth, split: m.wide(), problems: len(m.problems.list) > 0,
		kept: m.keeper != nil, copies: m.timeline.copies.groups != nil && m.timeline.copies.groups.Len() > 0,
	})
}
