package tui

import (
	"cmp"
	"context"
	"slices"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// Options configure the interface.
type Options struct {
	Today rotation.Date // the day the list is for (ROTATE_TODAY or the local date)
	// DayNow, when set, is asked now and then for the current day, so an
	// interface left open overnight moves on to the new day's list.
	DayNow func() rotation.Date
	Now    func() time.Time // the clock for call timestamps; time.Now when nil
	Dark   bool             // assume a dark background until the terminal says
	// Explain, when set, rewrites an error before the status line shows
	// it (the book locked, the disk full, the book damaged: one line that
	// says what to do).
	Explain func(error) error
}

// wideWidth is the width from which the briefing sits beside the list.
const wideWidth = 100

// Model is the root of the interface: one model, with the call list, the
// briefing and the log form as plain parts it draws and updates.
type Model struct {
	ctx     context.Context
	store   Store
	today   rotation.Date
	dayNow  func() rotation.Date
	now     func() time.Time
	explain func(error) error
	keys    KeyMap
	styles  Styles
	help    help.Model

	width, height int

	settings rotation.Settings
	agenda   rotation.Agenda
	loaded   bool
	drafts   map[int64]bool

	cursor, offset int
	selectedID     int64 // the contact under the cursor, kept across reloads

	briefing   *rotation.Briefing
	brief      viewport.Model
	showBrief  bool // the briefing instead of the list, on narrow terminals
	showHelp   bool
	pendingLog int64 // a contact to open the log form for once its briefing arrives

	log    *logForm
	dialog *dialog
	// capacity is the book's daily capacity, for the catch-up offer.
	bookCap rotation.Capacity

	view     view
	contacts contactsState
	upcoming upcomingState
	stats    *rotation.Stats
	people   []rotation.PersonStats // each member's, on an owner's team book
	search   searchState
	form     *contactForm
	history  *historyState

	// role and roleKind are who is signed in to a team book ("alice",
	// "assistant"); empty on a personal book.
	role, roleKind string
	// offline is set while the book's server cannot be reached (a store
	// call failed with a connection error) and cleared once a call
	// succeeds again.
	offline bool
	// held are drafts of closed forms that the book has not taken yet,
	// by contact (holdDraft).
	held map[int64]rotation.Draft

	// health is the warning of the daily quick check (health.go), shown
	// in the status line whenever it has no other news.
	health string

	status     string
	statusErr  bool
	statusWarn bool // a calm notice, not a failure
	statusHint bool // about a key typed in vain: gone once a form opens
	statusSeq  int

	// stray is set when the last key on a list typed a character that
	// did nothing there, and afterStray when the one before did: a
	// one-key change right after it is taken for typing (guard.go).
	stray, afterStray bool

	// tick starts a timer (tea.Tick); tests replace it to run without
	// waiting.
	tick tickFunc

	// crash notes a panic Update or View recovered from (Crashed).
	crash *crashState
	// testHook, nil but in tests, is called as Update ("update") and
	// View ("view") begin, for tests to make them panic.
	testHook func(where string)
}

// tickFunc is the signature of tea.Tick.
type tickFunc func(time.Duration, func(time.Time) tea.Msg) tea.Cmd

// New builds the interface over a store.
func New(ctx context.Context, st Store, opts Options) Model {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	m := Model{
		ctx:      ctx,
		store:    st,
		today:    opts.Today,
		dayNow:   opts.DayNow,
		now:      opts.Now,
		explain:  opts.Explain,
		keys:     DefaultKeyMap(),
		styles:   NewStyles(opts.Dark),
		help:     help.New(),
		settings: rotation.DefaultSettings(),
		drafts:   map[int64]bool{},
		held:     map[int64]rotation.Draft{},
		brief:    viewport.New(),
		width:    80,
		height:   24,
		tick:     tea.Tick,
		crash:    &crashState{},
		contacts: newContactsState(opts.Dark),
		search:   newSearch(opts.Dark),
	}
	m.help.Styles = help.DefaultStyles(opts.Dark)
	m.brief.KeyMap = viewport.KeyMap{}
	if tm, ok := st.(teamMember); ok {
		m.role, m.roleKind = tm.Who()
	}
	return m
}

// Init loads the settings and today's list and asks the terminal for its
// background colour.
func (m Model) Init() tea.Cmd {
	return tea.Batch(m.loadSettings(), m.loadAgenda(), tea.RequestBackgroundColor, m.checkChanged(), m.scheduleQuickCheck())
}

// onKey routes a key press: ctrl+c first, then any open question, then
// the log form or the list.
func (m Model) onKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if key.Matches(msg, m.keys.ForceQuit) {
		return m.quit()
	}
	if m.showHelp {
		m.showHelp = false
		return m, nil
	}
	if m.dialog != nil {
		return m.onDialogKey(msg)
	}
	if m.log != nil {
		return m.onLogKey(msg)
	}
	if m.form != nil {
		return m.onFormKey(msg)
	}
	if m.history != nil {
		return m.onHistoryKey(msg)
	}
	// Whether the key before this one was typed in vain (strayKey).
	field := m.textFocused()
	m.afterStray, m.stray = m.stray, !field && m.strayKey(msg)
	if m.afterStray && !field {
		if t := msg.Text; len(t) == 1 && t[0] >= '1' && t[0] < '1'+byte(viewCount) {
			// A digit in a note typed on a list: not a view switch.
			return m.typingText(t, "opens "+viewNames[t[0]-'1'])
		}
	}
	mm, cmd := m.onViewKey(msg)
	if m.stray {
		// A key that did nothing says so at once, in this view's
		// status line, unless its handler said something.
		if got, ok := mm.(Model); ok && got.statusSeq == m.statusSeq && got.dialog == nil && got.form == nil && got.log == nil {
			return got.strayNotice(msg)
		}
	}
	return mm, cmd
}

// onViewKey routes a key to the view on screen.
func (m Model) onViewKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch m.view {
	case viewContacts:
		return m.onContactsKey(msg)
	case viewUpcoming:
		return m.onUpcomingKey(msg)
	case viewStats:
		return m.onStatsKey(msg)
	case viewSearch:
		return m.onSearchKey(msg)
	}
	if mm, cmd, ok := m.viewKey(msg); ok {
		return mm, cmd
	}
	return m.onListKey(msg)
}

// onStatsKey refreshes the dashboard or leaves it.
func (m Model) onStatsKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	if mm, cmd, ok := m.viewKey(msg); ok {
		return mm, cmd
	}
	switch {
	case key.Matches(msg, m.keys.Quit):
		return m.quit()
	case key.Matches(msg, m.keys.Help):
		m.showHelp = true
	case key.Matches(msg, m.keys.Refresh):
		return m, m.loadStats()
	}
	return m, nil
}

// quit leaves the program, writing the draft of a call being logged first
// so that nothing typed is lost. While the book cannot be reached, it
// asks first; asked again (ctrl+c twice), it quits.
func (m Model) quit() (tea.Model, tea.Cmd) {
	if n := m.unkept(); n > 0 && (m.dialog == nil || m.dialog.kind != dialogOffline) {
		m.dialog = offlineQuitDialog(n)
		return m, nil
	}
	return m.quitNow()
}

// quitNow leaves without asking, still trying to write the form's draft.
func (m Model) quitNow() (tea.Model, tea.Cmd) {
	if m.log != nil && m.log.dirty {
		d := m.log.draft()
		st, ctx := m.store, m.ctx
		return m, tea.Sequence(func() tea.Msg { return draftSavedMsg{contactID: d.ContactID, err: st.SaveDraft(ctx, d)} }, tea.Quit)
	}
	return m, tea.Quit
}

// PendingDraft returns the note being typed, if any, so that the caller
// can store it after the program has ended for a reason Update never saw
// (a signal, a closed terminal).
func (m Model) PendingDraft() (rotation.Draft, bool) {
	if m.log == nil || !m.log.dirty {
		return rotation.Draft{}, false
	}
	d := m.log.draft()
	return d, !d.IsEmpty()
}

// PendingDrafts is every draft the book does not have yet when the
// program ends: the open form's (PendingDraft) and those held in memory
// while the book could not be reached, one per contact, the form's
// winning. The caller saves them, or keeps them elsewhere.
func (m Model) PendingDrafts() []rotation.Draft {
	var out []rotation.Draft
	form, ok := m.PendingDraft()
	if ok {
		out = append(out, form)
	}
	for id, d := range m.held {
		if ok && id == form.ContactID || d.IsEmpty() {
			continue
		}
		out = append(out, d)
	}
	slices.SortFunc(out, func(a, b rotation.Draft) int { return cmp.Compare(a.ContactID, b.ContactID) })
	return out
}
