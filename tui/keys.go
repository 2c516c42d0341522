package tui

import "charm.land/bubbles/v2/key"

// KeyMap holds every key of the interface, grouped by where it works. It
// feeds the help view, so what `?` shows is what the keys do.
type KeyMap struct {
	// The call list.
	Up, Down, Top, Bottom, PageUp, PageDown key.Binding
	Log, Briefing, CopyPhone, Refresh       key.Binding
	// LogTouch logs a touch for the selected person from any list (the
	// call list, Contacts, a history); LogHit from the Search view, where
	// letters go to the query.
	LogTouch, LogHit      key.Binding
	CatchUp               key.Binding
	ScrollUp, ScrollDown  key.Binding
	Help, Quit, ForceQuit key.Binding

	// Logging a call.
	Reached, Voicemail, NoAnswer, Callback, WrongNumber, NotAFit key.Binding
	// Sent is a one-way message (on e-mail, text, letter); Channel
	// switches the touch's channel and Inbound marks it as theirs.
	Sent, Channel, Inbound                         key.Binding
	NextField, PrevField, Save, Editor, Back, Tick key.Binding
	FollowUpList                                   key.Binding

	// Questions (discard a note? restore a draft?).
	Yes, No, Restore, Discard key.Binding

	// Views and the keys of the other views.
	NextView, PrevView                              key.Binding
	Filter, Sort, Add, Edit, Archive, Pause, Snooze key.Binding
	Open, Away, ClearAway                           key.Binding

	// The Search view, where letters and digits go to the query.
	Move, OpenHit, ClearQuery, TabView key.Binding

	// Corrections: undo the newest call; in a history, pick a call to
	// edit or delete; in Contacts, merge and forget.
	Undo, NextCall, PrevCall, EditCall, DeleteCall, Merge, Forget key.Binding
}

// DefaultKeyMap returns the keys rotate ships with.
func DefaultKeyMap() KeyMap {
	b := func(keys []string, help, desc string) key.Binding {
		return key.NewBinding(key.WithKeys(keys...), key.WithHelp(help, desc))
	}
	return KeyMap{
		Up:         b([]string{"k", "up"}, "↑/k", "up"),
		Down:       b([]string{"j", "down"}, "↓/j", "down"),
		Top:        b([]string{"g", "home"}, "g", "first"),
		Bottom:     b([]string{"G", "end"}, "G", "last"),
		PageUp:     b([]string{"pgup", "ctrl+b"}, "pgup", "page up"),
		PageDown:   b([]string{"pgdown", "ctrl+f"}, "pgdn", "page down"),
		Log:        b([]string{"enter"}, "enter", "log a call"),
		LogTouch:   b([]string{"l"}, "l", "log a touch"),
		LogHit:     b([]string{"ctrl+l"}, "ctrl+l", "log a touch"),
		Briefing:   b([]string{"b"}, "b", "briefing"),
		CopyPhone:  b([]string{"y"}, "y", "copy phone"),
		Refresh:    b([]string{"R", "ctrl+r"}, "R", "refresh"),
		CatchUp:    b([]string{"C"}, "C", "catch up"),
		ScrollUp:   b([]string{"K", "shift+up"}, "K", "scroll briefing up"),
		ScrollDown: b([]string{"J", "shift+down"}, "J", "scroll briefing down"),
		Help:       b([]string{"?"}, "?", "all keys"),
		Quit:       b([]string{"q"}, "q", "quit"),
		ForceQuit:  b([]string{"ctrl+c"}, "ctrl+c", "quit (keeps a draft)"),

		Reached:      b([]string{"r"}, "r", "reached"),
		Voicemail:    b([]string{"v"}, "v", "voicemail"),
		NoAnswer:     b([]string{"n"}, "n", "no answer"),
		Callback:     b([]string{"c"}, "c", "callback"),
		WrongNumber:  b([]string{"w"}, "w", "wrong number"),
		NotAFit:      b([]string{"x"}, "x", "not a fit"),
		Sent:         b([]string{"s"}, "s", "sent (message)"),
		Channel:      b([]string{"ctrl+o"}, "ctrl+o", "switch channel"),
		Inbound:      b([]string{"ctrl+y"}, "ctrl+y", "they called (in)"),
		NextField:    b([]string{"tab"}, "tab", "next field"),
		PrevField:    b([]string{"shift+tab"}, "shift+tab", "previous field"),
		Save:         b([]string{"ctrl+s"}, "ctrl+s", "save"),
		Editor:       b([]string{"ctrl+e"}, "ctrl+e", "$EDITOR"),
		Back:         b([]string{"esc"}, "esc", "back"),
		Tick:         b([]string{"space"}, "space", "tick covered"),
		FollowUpList: b([]string{"ctrl+t"}, "ctrl+t", "open follow-ups"),

		Yes:     b([]string{"y"}, "y", "yes"),
		No:      b([]string{"n", "esc"}, "n", "no"),
		Restore: b([]string{"r", "enter"}, "r", "restore"),
		Discard: b([]string{"d"}, "d", "discard"),

		NextView:  b([]string{"tab"}, "tab/1-5", "next view"),
		PrevView:  b([]string{"shift+tab"}, "shift+tab", "previous view"),
		Filter:    b([]string{"/"}, "/", "filter"),
		Sort:      b([]string{"s"}, "s", "sort"),
		Add:       b([]string{"a"}, "a", "add"),
		Edit:      b([]string{"e"}, "e", "edit"),
		Archive:   b([]string{"x"}, "x", "archive/unarchive"),
		Pause:     b([]string{"p"}, "p", "pause/resume"),
		Snooze:    b([]string{"z"}, "z", "snooze"),
		Open:      b([]string{"enter"}, "enter", "open"),
		Away:      b([]string{"a"}, "a", "set time away"),
		ClearAway: b([]string{"A"}, "A", "clear time away"),

		Move:       b([]string{"up", "down", "ctrl+p", "ctrl+n"}, "↑/↓", "move"),
		OpenHit:    b([]string{"enter"}, "enter", "briefing"),
		ClearQuery: b([]string{"esc"}, "esc", "clear, then back"),
		TabView:    b([]string{"tab"}, "tab", "next view"),

		Undo:       b([]string{"u"}, "u", "undo the last call"),
		NextCall:   b([]string{"tab"}, "tab", "pick a call"),
		PrevCall:   b([]string{"shift+tab"}, "shift+tab", "previous call"),
		EditCall:   b([]string{"e"}, "e", "edit (the picked call)"),
		DeleteCall: b([]string{"d"}, "d", "delete the picked call"),
		Merge:      b([]string{"M"}, "M", "merge into…"),
		Forget:     b([]string{"F"}, "F", "forget (erase)"),
	}
}

// todayHelp is the key help of the call list.
type todayHelp struct{ k KeyMap }

func (h todayHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.k.Log, h.k.Briefing, h.k.NextView, h.k.Help, h.k.Quit}
}

func (h todayHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{h.k.Up, h.k.Down, h.k.Top, h.k.Bottom, h.k.PageUp, h.k.PageDown},
		{h.k.Log, h.k.LogTouch, h.k.Briefing, h.k.ScrollUp, h.k.ScrollDown, h.k.CopyPhone, h.k.Refresh, h.k.CatchUp, h.k.Undo},
		{h.k.NextView, h.k.PrevView, h.k.Help, h.k.Quit, h.k.ForceQuit},
	}
}

// contactsHelp is the key help of the Contacts view.
type contactsHelp struct{ k KeyMap }

func (h contactsHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.k.Filter, h.k.Sort, h.k.Open, h.k.Add, h.k.Edit, h.k.Help}
}

func (h contactsHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{h.k.Up, h.k.Down, h.k.Top, h.k.Bottom, h.k.PageUp, h.k.PageDown},
		{h.k.Filter, h.k.Sort, h.k.Open, h.k.LogTouch, h.k.Add, h.k.Edit, h.k.Refresh},
		{h.k.Archive, h.k.Pause, h.k.Snooze, h.k.Merge, h.k.Forget, h.k.Undo},
		{h.k.NextView, h.k.Help, h.k.Quit},
	}
}

// upcomingHelp is the key help of the Upcoming view.
type upcomingHelp struct{ k KeyMap }

func (h upcomingHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.k.Down, h.k.Away, h.k.ClearAway, h.k.NextView, h.k.Help, h.k.Quit}
}

func (h upcomingHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{{h.k.Up, h.k.Down, h.k.PageUp, h.k.PageDown}, {h.k.Away, h.k.ClearAway}, {h.k.NextView, h.k.PrevView, h.k.Help, h.k.Quit}}
}

// statsHelp is the key help of the Stats view.
type statsHelp struct{ k KeyMap }

func (h statsHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.k.Refresh, h.k.NextView, h.k.Help, h.k.Quit}
}

func (h statsHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{{h.k.Refresh, h.k.NextView, h.k.PrevView, h.k.Help, h.k.Quit}}
}

// searchHelp is the key help of the Search view.
type searchHelp struct{ k KeyMap }

func (h searchHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.k.Move, h.k.OpenHit, h.k.ClearQuery, h.k.TabView, h.k.Help}
}

func (h searchHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{{h.k.Move, h.k.OpenHit, h.k.LogHit}, {h.k.ClearQuery, h.k.TabView, h.k.PrevView, h.k.Help, h.k.ForceQuit}}
}

// historyHelp is the key help of a contact's history.
type historyHelp struct{ k KeyMap }

func (h historyHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.k.Down, h.k.Up, h.k.LogTouch, h.k.NextCall, h.k.Edit, h.k.Back}
}

func (h historyHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{{h.k.Down, h.k.Up, h.k.PageDown, h.k.PageUp}, {h.k.LogTouch, h.k.NextCall, h.k.PrevCall, h.k.EditCall, h.k.DeleteCall},
		{h.k.Refresh, h.k.Back, h.k.Help, h.k.ForceQuit}}
}

// formHelp is the key help of the contact form.
type formHelp struct{ k KeyMap }

func (h formHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.k.NextField, h.k.Save, h.k.Back}
}

func (h formHelp) FullHelp() [][]key.Binding {
	return [][]key.Binding{{h.k.NextField, h.k.PrevField}, {h.k.Save, h.k.Back, h.k.ForceQuit}}
}

// logHelp is the key help of the log screen.
type logHelp struct{ k KeyMap }

func (h logHelp) ShortHelp() []key.Binding {
	return []key.Binding{h.k.Save, h.k.NextField, h.k.Editor, h.k.Back}
}

func (h logHelp) FullHelp() [][]key.Binding {
	// The same key tries again after a save was refused (someone else
	// logged the contact) or did not reach the book.
	save := h.k.Save
	save.SetHelp(save.Help().Key, "save; again to retry")
	return [][]key.Binding{
		{h.k.Reached, h.k.Voicemail, h.k.NoAnswer, h.k.Callback, h.k.WrongNumber, h.k.NotAFit, h.k.Sent},
		{h.k.NextField, h.k.PrevField, h.k.FollowUpList, h.k.Tick, h.k.Editor, h.k.Channel, h.k.Inbound},
		{save, h.k.Back, h.k.ForceQuit, h.k.Help},
	}
}
