package tui

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

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

// update handles one message (Update, which recovers from a panic).
func (m Model) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if m.testHook != nil {
		m.testHook("update")
	}
	msg = cleanInput(msg)
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.layout()
		return m, nil
	case tea.BackgroundColorMsg:
		m.styles = NewStyles(msg.IsDark())
		m.help.Styles = help.DefaultStyles(msg.IsDark())
		if m.log != nil {
			m.log.setStyles(m.styles)
		}
		restyleInput(&m.search.input, msg.IsDark())
		restyleInput(&m.contacts.filter, msg.IsDark())
		if m.form != nil {
			for i := range m.form.inputs {
				restyleInput(&m.form.inputs[i], msg.IsDark())
			}
		}
		m.refreshBriefing()
		return m, nil
	case settingsMsg:
		if msg.err != nil {
			return m.setError(msg.err)
		}
		m.settings = msg.settings
		return m, nil
	case capacityMsg:
		if msg.err == nil {
			m.bookCap = msg.cap
		}
		return m, nil
	case catchUpPlanMsg:
		return m.onCatchUpPlan(msg)
	case catchUpDoneMsg:
		return m.onCatchUpDone(msg)
	case agendaMsg:
		return m.onAgenda(msg)
	case briefingMsg:
		return m.onBriefing(msg)
	case proposalMsg:
		if m.log != nil {
			m.log.onProposal(msg)
		}
		return m, nil
	case savedMsg:
		return m.onSaved(msg)
	case draftTickMsg:
		// Not while the call is being saved: the call removes the draft,
		// and a draft written after it would bring the note back.
		if m.log == nil || m.log.contact.ID != msg.contactID {
			return m, nil
		}
		if msg.due {
			m.log.dueSet = false // the next change starts the next one
		}
		if m.log.saving {
			return m, nil
		}
		if msg.due {
			return m, saveDraft(m.ctx, m.store, m.log.draft())
		}
		if m.log.draftSeq == msg.seq {
			return m, saveDraft(m.ctx, m.store, m.log.draft())
		}
		return m, nil
	case draftSavedMsg:
		if msg.err != nil {
			return m.onDraftFailed(msg)
		}
		m.draftWritten(msg)
		if m.log != nil && m.log.contact.ID == msg.contactID {
			m.drafts[msg.contactID] = !m.log.draft().IsEmpty()
		}
		return m, nil
	case editorMsg:
		if msg.err != nil {
			return m.setError(msg.err)
		}
		return m, runEditor(msg.path)
	case editorDoneMsg:
		if m.log == nil {
			return m, nil
		}
		if msg.err != nil {
			return m.setError(msg.err)
		}
		m.log.note.SetValue(rotation.CleanText(msg.note))
		return m, m.log.changed()
	case pollMsg:
		if m.dayNow != nil {
			if d := m.dayNow(); d != m.today && !d.IsZero() {
				// Midnight passed with the interface open: on to the new day.
				m.today = d
				return m, tea.Batch(m.loadAgenda(), m.checkChanged())
			}
		}
		return m, m.checkChanged()
	case changedMsg:
		return m.onChanged(msg)
	case quickCheckStartMsg:
		return m, m.runQuickCheck()
	case quickCheckMsg:
		return m.onQuickCheck(msg)
	case contactsMsg:
		return m.onContacts(msg)
	case contactSavedMsg:
		return m.onContactSaved(msg)
	case editContactMsg:
		if msg.err != nil {
			return m.setError(msg.err)
		}
		return m.openForm(&msg.contact)
	case historyMsg:
		return m.onHistory(msg)
	case undoTargetMsg:
		return m.onUndoTarget(msg)
	case correctedMsg:
		return m.onCorrected(msg)
	case versionsMsg:
		return m.onVersions(msg)
	case upcomingMsg:
		return m.onUpcoming(msg)
	case whoMsg:
		if msg.err != nil {
			return m.setError(msg.err)
		}
		m.upcoming.who, m.upcoming.whoDay = msg.who, msg.day
		return m, nil
	case settingSavedMsg:
		return m.onSettingSaved(msg)
	case statsMsg:
		if msg.err != nil {
			return m.setError(msg.err)
		}
		m.stats, m.people = &msg.stats, msg.people
		return m, nil
	case searchMsg:
		return m.onSearchResult(msg)
	case searchTickMsg:
		return m.onSearchTick(msg)
	case searchSlowMsg:
		return m.onSearchSlow(msg)
	case clearStatusMsg:
		if msg.seq == m.statusSeq {
			m.status = ""
		}
		return m, nil
	case tea.KeyPressMsg:
		return m.onKey(msg)
	case tea.PasteMsg:
		if m.log != nil {
			return m.updateLog(msg)
		}
		return m, nil
	}
	if m.log != nil {
		return m.updateLog(msg)
	}
	return m, nil
}

// cleanInput sanitises what is typed or pasted before any field sees it
// (rotation.CleanText): a paste of colored text or of a terminal's reply
// brings its letters, not its escape sequences, and a bidi override typed
// or pasted does not reach the book.
func cleanInput(msg tea.Msg) tea.Msg {
	switch msg := msg.(type) {
	case tea.PasteMsg:
		msg.Content = rotation.CleanText(msg.Content)
		return msg
	case tea.KeyPressMsg:
		if msg.Text != "" {
			msg.Text = rotation.CleanText(msg.Text)
		}
		return msg
	}
	return msg
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

// setStatus shows a message in the status line for a few seconds.
func (m Model) setStatus(s string) (Model, tea.Cmd) {
	m.status, m.statusErr, m.statusWarn, m.statusHint = s, false, false, false
	m.statusSeq++
	seq := m.statusSeq
	return m, m.tick(4*time.Second, func(time.Time) tea.Msg { return clearStatusMsg{seq} })
}

// setError shows an error in the status line until the next message.
func (m Model) setError(err error) (Model, tea.Cmd) {
	if m.explain != nil {
		err = m.explain(err)
	}
	m.status, m.statusErr, m.statusWarn, m.statusHint = OneLine(err.Error()), true, false, false
	m.statusSeq++
	return m, nil
}

// setHint shows a calm notice in the status line for a few seconds:
// what a key typed where no field has the focus did (nothing), so that
// it does not linger into the next screen.
func (m Model) setHint(s string) (Model, tea.Cmd) {
	m.status, m.statusErr, m.statusWarn, m.statusHint = OneLine(s), false, true, true
	m.statusSeq++
	seq := m.statusSeq
	return m, m.tick(4*time.Second, func(time.Time) tea.Msg { return clearStatusMsg{seq} })
}

// setNotice shows a calm notice in the status line until the next message.
func (m Model) setNotice(s string) (Model, tea.Cmd) {
	m.status, m.statusErr, m.statusWarn, m.statusHint = OneLine(s), false, true, false
	m.statusSeq++
	return m, nil
}

// wide reports whether the briefing fits beside the list.
func (m Model) wide() bool { return m.width >= wideWidth }

// bodyHeight is the number of lines between the header and the footer.
func (m Model) bodyHeight() int { return max(1, m.height-4) }

// listWidth is the width of the call list.
func (m Model) listWidth() int {
	if m.wide() {
		return max(48, m.width/2)
	}
	return m.width
}

// briefWidth is the width of the briefing's text.
func (m Model) briefWidth() int {
	if m.wide() {
		return m.width - m.listWidth() - 3
	}
	return m.width - 2
}

// layout sizes the parts after a resize.
func (m *Model) layout() {
	m.brief.SetWidth(m.briefWidth())
	m.brief.SetHeight(m.bodyHeight())
	m.help.SetWidth(m.width)
	m.refreshBriefing()
	m.clampCursor()
	if m.log != nil {
		m.log.resize(m.width, m.height)
	}
	m.layoutHistory()
	m.search.input.SetWidth(max(10, m.width-20))
	m.contacts.filter.SetWidth(max(10, m.width-30))
}

// render draws the screen (View, which recovers from a panic): the
// header and tab bar, the current view or the log form, the status line.
func (m Model) render() tea.View {
	if m.testHook != nil {
		m.testHook("view")
	}
	var body string
	switch {
	case m.showHelp:
		body = m.helpView()
	case m.log != nil:
		body = m.log.view(m)
	default:
		body = m.frame()
	}
	if m.dialog != nil {
		body = m.dialogView(body)
	}
	v := tea.NewView(fitWidth(body, m.width))
	v.AltScreen = true
	v.WindowTitle = "rotate · " + m.today.Time().Format("Mon 2 Jan")
	return v
}

// frame is every screen but the log form: header, tab bar, body, footer.
func (m Model) frame() string {
	var body string
	switch {
	case m.form != nil:
		body = m.formView()
	case m.history != nil:
		body = m.historyView()
	case m.view == viewContacts:
		body = m.contactsView()
	case m.view == viewUpcoming:
		body = m.upcomingView()
	case m.view == viewStats:
		body = m.statsView()
	case m.view == viewSearch:
		body = m.searchView()
	default:
		body = m.todayBody()
	}
	km, _ := m.keyHelp()
	return strings.Join([]string{m.headerView(), m.tabBar(), fitHeight(body, m.bodyHeight()), "", m.footer(km)}, "\n")
}

// helpView lists every key of the current screen.
func (m Model) helpView() string {
	h := m.help
	h.ShowAll = true
	km, title := m.keyHelp()
	return lipgloss.JoinVertical(lipgloss.Left,
		m.styles.Header.Render("Keys · "+title), "", h.View(km), "", m.styles.Dim.Render("any key closes this"))
}

// footer is the status line, or the short key help when there is no news.
func (m Model) footer(km help.KeyMap) string {
	if m.status != "" {
		st := m.styles.Status
		switch {
		case m.statusErr:
			st = m.styles.StatusErr
		case m.statusWarn:
			st = m.styles.Warn
		}
		return st.Render(truncate(m.status, m.width))
	}
	if m.health != "" {
		return m.styles.StatusErr.Render(truncate(m.health, m.width))
	}
	// bubbles/help adds every remaining key, past the edge, when even its
	// " …" does not fit; cut the line here so it never wraps.
	return truncate(m.help.View(km), m.width)
}
