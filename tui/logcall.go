package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"rotate/rotation"
)

// field is a part of the log form that can have the focus.
type field int

const (
	fieldOutcome field = iota
	fieldNote
	fieldFollowUps
	fieldNew
	fieldNext
)

// outcomeKeys pairs each outcome with its one-key binding, in the order
// they are shown.
func (k KeyMap) outcomeKeys() []struct {
	binding key.Binding
	outcome rotation.Outcome
	label   string
} {
	return []struct {
		binding key.Binding
		outcome rotation.Outcome
		label   string
	}{
		{k.Reached, rotation.Reached, "reached"},
		{k.Voicemail, rotation.Voicemail, "voicemail"},
		{k.NoAnswer, rotation.NoAnswer, "no answer"},
		{k.Callback, rotation.Callback, "callback"},
		{k.WrongNumber, rotation.WrongNumber, "wrong no."},
		{k.NotAFit, rotation.NotAFit, "not a fit"},
	}
}

// logForm is the state of a call being logged.
type logForm struct {
	contact   rotation.Contact
	followUps []rotation.FollowUp // open ones, most recent first
	lastCall  *rotation.Call      // the newest note (else call), for reference
	outcome   rotation.Outcome
	focus     field
	note      textarea.Model
	newFU     textarea.Model
	next      textinput.Model
	ticked    map[int64]bool
	fuCursor  int

	proposal    *rotation.Next
	proposalErr error

	// asked is set when ctrl+s was pressed once on an outcome that takes
	// the contact out of the rotation (wrong number, not a fit): the
	// next ctrl+s saves, any other key goes on editing.
	asked bool

	dirty    bool // something was typed since the form opened
	draftSeq int
	dueSet   bool // a draftMaxWait timer is running
	saving   bool

	// brief is the contact's briefing, drawn beside the form; it is
	// refreshed when the book changes, whatever the list selects.
	brief rotation.Briefing
	// seen is the newest call the person had in front of them
	// (LogEntry.Seen): a call logged since by someone else refuses the
	// save instead of being scheduled over.
	seen int64
	// conflict is set when a save was refused that way; the next
	// briefing of the contact shows the other call and moves seen on.
	conflict bool

	width, height int
	styles        Styles
	me            string // who is signed in to a team book; "" on a personal one

	sideText  string // the briefing beside the form, cached
	sideWidth int

	tick tickFunc
}

func newLogForm(b rotation.Briefing, st Styles, width, height int, tick tickFunc) *logForm {
	f := &logForm{
		tick:      tick,
		contact:   b.Contact,
		followUps: b.FollowUps,
		lastCall:  referenceCall(b.Calls),
		ticked:    map[int64]bool{},
		styles:    st,
		brief:     b,
		seen:      newestCall(b),
	}
	f.note = textarea.New()
	f.note.ShowLineNumbers = false
	f.note.Prompt = ""
	f.note.Placeholder = "What was said? Family, work, plans, what to ask next time…"
	f.note.CharLimit = 0
	f.newFU = textarea.New()
	f.newFU.ShowLineNumbers = false
	f.newFU.Prompt = ""
	f.newFU.Placeholder = "one per line, e.g. Ask how the Alaska cruise went"
	f.next = textinput.New()
	f.next.Prompt = ""
	f.next.Placeholder = "next friday, in 2 weeks, mar 3"
	f.next.CharLimit = 40
	f.setStyles(st)
	f.resize(width, height)
	return f
}

// referenceCall is the call shown above the notes. It is the newest note:
// after a run of voicemails the last real conversation is what this call
// builds on. Without any note, the newest call still says when and how it
// went.
func referenceCall(calls []rotation.Call) *rotation.Call {
	for i := range calls {
		if strings.TrimSpace(calls[i].Note) != "" {
			return &calls[i]
		}
	}
	for i := range calls {
		if calls[i].Kind == rotation.KindCall {
			return &calls[i]
		}
	}
	return nil
}

// rebrief takes a fresh briefing of the contact, whenever the book
// changed: the briefing beside the form, the call above the notes, the
// contact's name and phone in the title and the open follow-ups (ticks
// kept on those still open) all show it at once, so a call someone else
// logged meanwhile is in view on any terminal. Nothing typed changes, nor
// the outcome or the next date. What the next save is checked against
// (seen) moves on only after a refused save: a live refresh alone must
// not turn someone else's call into one the person decided over.
func (f *logForm) rebrief(b rotation.Briefing) tea.Cmd {
	f.brief, f.sideText = b, ""
	f.contact = b.Contact
	f.lastCall = referenceCall(b.Calls)
	var at int64 // the follow-up under the cursor stays under it
	if f.fuCursor < len(f.followUps) {
		at = f.followUps[f.fuCursor].ID
	}
	f.followUps = b.FollowUps
	open := map[int64]bool{}
	for i, fu := range b.FollowUps {
		open[fu.ID] = true
		if fu.ID == at {
			f.fuCursor = i
		}
	}
	for id := range f.ticked {
		if !open[id] {
			delete(f.ticked, id)
		}
	}
	f.fuCursor = min(f.fuCursor, max(len(f.followUps)-1, 0))
	f.resize(f.width, f.height)
	if f.conflict {
		f.conflict = false
		f.seen = newestCall(b)
	}
	if f.focus == fieldFollowUps && len(f.followUps) == 0 {
		return f.setFocus(fieldNote)
	}
	return nil
}

// setStyles applies light or dark styles to the editors.
func (f *logForm) setStyles(st Styles) {
	f.styles = st
	f.sideText = ""
	// A steady cursor: calmer, and no timer per keystroke.
	ta := textarea.DefaultStyles(st.IsDark)
	ta.Cursor.Blink = false
	f.note.SetStyles(ta)
	f.newFU.SetStyles(ta)
	ti := textinput.DefaultStyles(st.IsDark)
	ti.Cursor.Blink = false
	f.next.SetStyles(ti)
}

// formWidth is the width of the form; on wide terminals the briefing sits
// to its right.
func formWidth(width int) int {
	if width >= wideWidth {
		return width * 60 / 100
	}
	return width
}

// resize fits the editors to the screen: the notes get what is left.
func (f *logForm) resize(width, height int) {
	f.width, f.height = width, height
	w := max(formWidth(width)-4, 1)
	f.note.SetWidth(w)
	f.newFU.SetWidth(w)
	f.sideText = ""
	f.next.SetWidth(max(1, min(36, w/2)))
	// The new follow-ups grow with their lines, up to newFUCap, so the
	// earlier ones stay in view while the next is typed.
	fu := f.newFULines()
	f.newFU.SetHeight(fu)
	// Everything but the notes: title, rule, outcomes, last time (2),
	// notes label and border (3), new follow-ups (3 and its lines), next
	// call (2), blank and footer (2); the follow-up list when there is
	// one, and the outcomes' second line on a narrow form.
	fixed := 16 + fu + (len(f.outcomeLines(formWidth(width))) - 1)
	if n := len(f.followUps); n > 0 {
		fixed += 1 + min(n, 3)
	}
	f.note.SetHeight(max(3, min(16, height-fixed)))
}

// maxNewLines is the most lines the new follow-ups box grows to; past it
// the box scrolls.
const maxNewLines = 4

// newFULines is the height of the new follow-ups box: one line per
// follow-up typed, at least one and at most newFUCap.
func (f *logForm) newFULines() int {
	return min(max(1, f.newFU.LineCount()), f.newFUCap())
}

// newFUCap is the most lines the new follow-ups box grows to: maxNewLines,
// or fewer when the screen is short, so that the notes keep three lines
// and the next date stays in view.
func (f *logForm) newFUCap() int {
	if f.height <= 0 {
		return maxNewLines
	}
	base := 16 + (len(f.outcomeLines(formWidth(f.width))) - 1)
	if n := len(f.followUps); n > 0 {
		base += 1 + min(n, 3)
	}
	return min(maxNewLines, max(1, f.height-base-2))
}

// fields is the tab order. The list of open follow-ups is not in it: tab
// from the notes goes to the new follow-ups, so a follow-up typed after
// notes and tab is always written down and never lands in a checklist
// where space would tick an item. The list has its own key (ctrl+t).
func (f *logForm) fields() []field {
	return []field{fieldOutcome, fieldNote, fieldNew, fieldNext}
}

// setFocus moves the focus to a field.
func (f *logForm) setFocus(to field) tea.Cmd {
	f.focus = to
	f.note.Blur()
	f.newFU.Blur()
	f.next.Blur()
	switch to {
	case fieldNote:
		return f.note.Focus()
	case fieldNew:
		return f.newFU.Focus()
	case fieldNext:
		return f.next.Focus()
	}
	return nil
}

// cycle moves the focus forward or back in the tab order. From the
// follow-up list, tab goes on to the new follow-ups and shift+tab back to
// the notes, where it sits on screen.
func (f *logForm) cycle(step int) tea.Cmd {
	if f.focus == fieldFollowUps {
		if step > 0 {
			return f.setFocus(fieldNew)
		}
		return f.setFocus(fieldNote)
	}
	order := f.fields()
	for i, fl := range order {
		if fl == f.focus {
			return f.setFocus(order[(i+step+len(order))%len(order)])
		}
	}
	return f.setFocus(fieldNote)
}

// draft is the form's content as a draft to keep.
func (f *logForm) draft() rotation.Draft {
	return rotation.Draft{
		ContactID: f.contact.ID,
		Outcome:   f.outcome,
		Note:      f.note.Value(),
		FollowUps: f.newFU.Value(),
		Next:      f.next.Value(),
	}.Clean()
}

// restore fills the form from a kept draft.
func (f *logForm) restore(d rotation.Draft) {
	d = d.Clean() // kept in the book or a file: text from outside
	f.outcome = d.Outcome
	f.note.SetValue(d.Note)
	f.newFU.SetValue(d.FollowUps)
	f.next.SetValue(d.Next)
	f.dirty = !d.IsEmpty()
	f.resize(f.width, f.height)
}

// hasContent reports whether leaving would throw typed text away.
func (f *logForm) hasContent() bool {
	return strings.TrimSpace(f.note.Value()) != "" || strings.TrimSpace(f.newFU.Value()) != "" ||
		strings.TrimSpace(f.next.Value()) != "" || len(f.ticked) > 0
}

// changed marks the form edited and schedules a draft save once typing
// pauses, and, at the first change since the last save, one after
// draftMaxWait whether typing pauses or not. The write happens in a
// command, off the UI goroutine.
func (f *logForm) changed() tea.Cmd {
	f.dirty = true
	f.draftSeq++
	id, seq := f.contact.ID, f.draftSeq
	pause := f.tick(draftDelay, func(time.Time) tea.Msg { return draftTickMsg{contactID: id, seq: seq} })
	if f.dueSet {
		return pause
	}
	f.dueSet = true
	return tea.Batch(pause, f.tick(draftMaxWait, func(time.Time) tea.Msg { return draftTickMsg{contactID: id, due: true} }))
}

// onProposal records the proposed next date for the chosen outcome.
func (f *logForm) onProposal(msg proposalMsg) {
	if msg.id != f.contact.ID || msg.outcome != f.outcome {
		return
	}
	f.proposal, f.proposalErr = &msg.next, msg.err
}

// explicitDate parses the typed next date, placed on the calendar
// (relative words land on a workday; a date given is kept); zero when none
// was typed.
func (f *logForm) explicitDate(today rotation.Date, cal rotation.Calendar) (rotation.TypedDate, error) {
	words := rotation.CleanLine(f.next.Value())
	if words == "" {
		return rotation.TypedDate{}, nil
	}
	return rotation.ParseTypedDate(words, today, cal)
}

// entry builds the call to save, or says what is missing.
func (f *logForm) entry(today rotation.Date, cal rotation.Calendar, at time.Time) (rotation.LogEntry, error) {
	if f.outcome == "" {
		return rotation.LogEntry{}, fmt.Errorf("pick how the call went first: r reached, v voicemail, n no answer, c callback, w wrong number, x not a fit")
	}
	typed, err := f.explicitDate(today, cal)
	if err != nil {
		return rotation.LogEntry{}, fmt.Errorf("next call: %w", err)
	}
	next := typed.Date
	if f.outcome == rotation.Callback && next.IsZero() {
		return rotation.LogEntry{}, fmt.Errorf("a callback needs a date: type when to call back in Next call")
	}
	e := rotation.LogEntry{
		ContactID: f.contact.ID,
		Outcome:   f.outcome,
		Kind:      rotation.KindCall,
		Note:      strings.TrimRight(rotation.CleanText(f.note.Value()), "\n\t "),
		At:        at,
		Today:     today,
		Next:      next,
		Seen:      f.seen,
	}
	for _, line := range strings.Split(f.newFU.Value(), "\n") {
		if line = rotation.CleanLine(line); line != "" {
			e.NewFollowUps = append(e.NewFollowUps, line)
		}
	}
	for _, fu := range f.followUps {
		if f.ticked[fu.ID] {
			e.Resolve = append(e.Resolve, fu.ID)
		}
	}
	return e, nil
}

// startLog opens the log form for a contact, offering a kept draft back
// first.
func (m Model) startLog(b rotation.Briefing) (tea.Model, tea.Cmd) {
	if d, ok := m.held[b.Contact.ID]; ok {
		// Newer than the book's: the book could not take it yet.
		b.Draft = &d
	}
	m.log = newLogForm(b, m.styles, m.width, m.height, m.tick)
	m.log.me = m.role
	if m.statusHint {
		// What a key typed on the list did is no news here.
		m.status, m.statusHint = "", false
	}
	if b.Draft != nil && !b.Draft.IsEmpty() {
		m.dialog = draftDialog(*b.Draft, m.now())
		return m, nil
	}
	return m, m.log.setFocus(fieldOutcome)
}

// onLogKey handles a key on the log form.
func (m Model) onLogKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	f, k := m.log, m.keys
	if f.asked && !key.Matches(msg, k.Save) {
		// Any key but ctrl+s answers no to the question before saving
		// a wrong number or not a fit: the form stays as it is.
		f.asked = false
		m.status = ""
	}
	switch {
	case f.saving:
		return m, nil
	case key.Matches(msg, k.Save):
		e, err := f.entry(m.today, m.settings.Calendar(), m.now())
		if err != nil {
			return m.setError(err)
		}
		if q := outcomeQuestion(f.outcome, f.contact.Name); q != "" && !f.asked {
			// A note's first letter taken for w or x would pause or
			// archive the contact: ask first; the note stays typed.
			f.asked = true
			return m.setNotice(q)
		}
		f.asked = false
		f.saving = true
		m.status, m.statusErr = "Saving…", false
		return m, m.saveCall(e, f.contact.Name)
	case key.Matches(msg, k.Back):
		if f.hasContent() {
			m.dialog = leaveDialog()
			return m, nil
		}
		m.log = nil
		delete(m.held, f.contact.ID)
		return m, deleteDraft(m.ctx, m.store, f.contact.ID)
	case key.Matches(msg, k.Editor):
		return m, openEditor(f.note.Value())
	case key.Matches(msg, k.NextField):
		return m, f.cycle(1)
	case key.Matches(msg, k.PrevField):
		return m, f.cycle(-1)
	case key.Matches(msg, k.FollowUpList):
		if len(f.followUps) == 0 {
			return m.setStatus("No open follow-ups to tick.")
		}
		if f.focus == fieldFollowUps {
			return m, f.setFocus(fieldNote)
		}
		return m, f.setFocus(fieldFollowUps)
	}
	switch f.focus {
	case fieldOutcome:
		if key.Matches(msg, k.Help) {
			m.showHelp = true
			return m, nil
		}
		for _, ok := range k.outcomeKeys() {
			if key.Matches(msg, ok.binding) {
				return m, m.chooseOutcome(ok.outcome)
			}
		}
		if key.Matches(msg, k.Log) {
			return m, f.setFocus(fieldNote)
		}
		if msg.Text != "" {
			// Not an outcome: the person is writing the note. It goes
			// to the notes, where the cursor now shows it, instead of
			// being dropped; the outcome is still asked for at save.
			return m.typeInto(fieldNote, msg)
		}
		return m, nil
	case fieldFollowUps:
		switch msg.String() {
		case "down":
			f.fuCursor = min(f.fuCursor+1, len(f.followUps)-1)
		case "up":
			f.fuCursor = max(f.fuCursor-1, 0)
		case "end", "pgdown":
			f.fuCursor = len(f.followUps) - 1
		case "home", "pgup":
			f.fuCursor = 0
		case "space":
			if id := f.followUps[f.fuCursor].ID; f.ticked[id] {
				delete(f.ticked, id)
			} else {
				f.ticked[id] = true
			}
			return m, f.changed()
		case "enter":
			return m, f.cycle(1)
		default:
			if msg.Text != "" {
				// Letters here are a new follow-up being written: they
				// go to the new follow-ups, never dropped.
				return m.typeInto(fieldNew, msg)
			}
		}
		return m, nil
	}
	return m.updateLog(msg)
}

// typeInto moves the focus to a text field and types the key there.
func (m Model) typeInto(fl field, msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	focus := m.log.setFocus(fl)
	mm, cmd := m.updateLog(msg)
	return mm, tea.Batch(focus, cmd)
}

// outcomeQuestion is what ctrl+s asks before saving an outcome that
// takes the contact out of the rotation; empty for the others.
func outcomeQuestion(o rotation.Outcome, name string) string {
	switch o {
	case rotation.WrongNumber:
		return "Wrong number pauses " + OneLine(name) + " until the number is fixed: ctrl+s again saves, any other key goes on editing."
	case rotation.NotAFit:
		return "Not a fit archives " + OneLine(name) + ": ctrl+s again saves, any other key goes on editing."
	}
	return ""
}

// outcomeText says in words what the chosen outcome does, so that it is
// seen without colour (NO_COLOR) too.
func outcomeText(o rotation.Outcome, name string) string {
	switch o {
	case rotation.Reached:
		return "outcome: reached — the next call follows the cadence"
	case rotation.Voicemail, rotation.NoAnswer:
		return "outcome: " + string(o) + " — a retry is proposed"
	case rotation.Callback:
		return "outcome: callback — type when in Next call"
	case rotation.WrongNumber:
		return "outcome: wrong number — pauses " + OneLine(name) + " until the number is fixed"
	case rotation.NotAFit:
		return "outcome: not a fit — archives " + OneLine(name)
	}
	return "outcome: " + string(o)
}

// chooseOutcome sets the outcome, asks for the proposed next date and
// moves on to the notes.
func (m Model) chooseOutcome(o rotation.Outcome) tea.Cmd {
	f := m.log
	f.outcome, f.proposal, f.proposalErr = o, nil, nil
	return tea.Batch(m.propose(f.contact.ID, o), f.setFocus(fieldNote), f.changed())
}

// updateLog passes a message to the focused editor and notes changes.
func (m Model) updateLog(msg tea.Msg) (tea.Model, tea.Cmd) {
	f := m.log
	var cmd tea.Cmd
	switch f.focus {
	case fieldNote:
		before := f.note.Value()
		f.note, cmd = f.note.Update(msg)
		if f.note.Value() != before {
			return m, tea.Batch(cmd, f.changed())
		}
	case fieldNew:
		before, lines := f.newFU.Value(), f.newFULines()
		if lines < f.newFUCap() && f.newFU.LineCount() >= lines {
			// Room for a line about to be added, so the box grows
			// instead of scrolling the earlier ones away.
			f.newFU.SetHeight(lines + 1)
		}
		f.newFU, cmd = f.newFU.Update(msg)
		if f.newFULines() != lines {
			f.resize(f.width, f.height)
		} else {
			f.newFU.SetHeight(lines)
		}
		if f.newFU.Value() != before {
			return m, tea.Batch(cmd, f.changed())
		}
	case fieldNext:
		before := f.next.Value()
		f.next, cmd = f.next.Update(msg)
		if f.next.Value() != before {
			return m, tea.Batch(cmd, f.changed())
		}
	}
	return m, cmd
}

// onSaved closes the form after a save and moves to the next contact; a
// failed save keeps everything typed.
func (m Model) onSaved(msg savedMsg) (tea.Model, tea.Cmd) {
	if m.log != nil && m.log.contact.ID == msg.contactID {
		m.log.saving = false
	}
	switch {
	case msg.err == nil:
	case isConflict(msg.err):
		return m.onConflict(msg)
	case isConnection(msg.err):
		m.offline = true
		return m.setError(fmt.Errorf("not saved (your note is kept; %s tries again): %s", m.keys.Save.Help().Key, connLine(msg.err)))
	default:
		return m.setError(fmt.Errorf("not saved (your note is kept): %w", msg.err))
	}
	m.offline = false
	m.log = nil
	delete(m.drafts, msg.contactID)
	delete(m.held, msg.contactID) // the call took its place
	// The saved contact leaves the list: select the one after it.
	m.selectedID = 0
	for i, it := range m.agenda.Due {
		if it.ID == msg.contactID {
			switch {
			case i+1 < len(m.agenda.Due):
				m.selectedID = m.agenda.Due[i+1].ID
			case i > 0:
				m.selectedID = m.agenda.Due[i-1].ID
			}
		}
	}
	m.briefing = nil
	text := "Saved " + OneLine(msg.name)
	if d := msg.result.Next.Due; !d.IsZero() {
		text += fmt.Sprintf(" · next call %s (%s)", d.Short(m.today), msg.result.Next.Reason)
	} else {
		text += " · " + msg.result.Next.Reason
	}
	m2, cmd := m.setStatus(text)
	return m2, tea.Batch(cmd, m2.loadAgenda())
}

// cursor is where the terminal cursor goes; the editors draw their own.
func (f *logForm) cursor() *tea.Cursor { return nil }

// view draws the form, with the briefing beside it on a wide terminal.
func (f *logForm) view(m Model) string {
	s := f.styles
	fw := formWidth(m.width)
	c := f.contact
	title := " " + s.Header.Render("Log call · "+OneLine(c.Name))
	if p := c.FirstPhone(); p != "" {
		title += s.Dim.Render(" · ☎ ") + s.Accent.Render(rotation.PhoneText(p))
	}
	var b []string
	b = append(b, truncate(title, m.width), s.Rule.Render(repeat("─", m.width)))

	var form []string
	form = append(form, f.outcomeLines(fw)...)
	form = append(form, f.lastCallView(fw, m.today)...)
	// The chosen outcome in words beside the notes' title, where the
	// eyes are while typing: seen without colour too (NO_COLOR).
	notesHint := s.Dim.Render(" ctrl+e opens $EDITOR")
	if f.outcome != "" {
		st := s.Dim
		if outcomeQuestion(f.outcome, "") != "" {
			st = s.Warn
		}
		notesHint = " " + st.Render(truncate(outcomeText(f.outcome, c.Name), max(1, fw-12)))
	}
	form = append(form, f.label("Notes", fieldNote, notesHint))
	form = append(form, f.box(f.note.View(), fieldNote, fw))
	if len(f.followUps) > 0 {
		hint := " ctrl+t to tick what you covered"
		if f.focus == fieldFollowUps {
			hint = " space ticks · ↑/↓ · letters start a new follow-up"
		}
		form = append(form, f.label("Bring up", fieldFollowUps, s.Dim.Render(hint)))
		form = append(form, f.followUpsView(fw)...)
	}
	form = append(form, f.label("New follow-ups", fieldNew, ""))
	form = append(form, f.box(f.newFU.View(), fieldNew, fw))
	form = append(form, f.nextView(fw, m.today, m.settings.Calendar()))
	left := strings.Join(form, "\n")
	bodyH := max(1, m.height-4)
	if m.width >= wideWidth {
		left = beside(left, fw, " "+s.Rule.Render("│")+" ", f.side(m, m.width-fw-3), bodyH)
	}
	b = append(b, fitHeight(left, bodyH), "", m.footer(logHelp{m.keys}))
	return strings.Join(b, "\n")
}

// side is the briefing beside the form, drawn once per width and kept: it
// does not change while typing.
func (f *logForm) side(m Model, width int) string {
	if f.sideText == "" || f.sideWidth != width {
		m.briefing = &f.brief
		f.sideText, f.sideWidth = m.briefingView(width), width
	}
	return f.sideText
}

// label is a field's title, marked when it has the focus.
func (f *logForm) label(text string, fl field, hint string) string {
	if f.focus == fl {
		return " " + f.styles.Section.Render("▸ "+text) + hint
	}
	return " " + f.styles.Label.Render("  "+text) + hint
}

// box frames an editor in a rounded border, highlighted when focused.
func (f *logForm) box(content string, fl field, width int) string {
	st := f.styles.Rule
	if f.focus == fl {
		st = f.styles.Accent
	}
	inner := width - 4
	var b strings.Builder
	b.WriteString(" " + st.Render("╭"+repeat("─", inner)+"╮") + "\n")
	side := st.Render("│")
	for _, line := range strings.Split(content, "\n") {
		w := ansi.StringWidth(line)
		if w > inner {
			line, w = ansi.Truncate(line, inner, ""), inner
		}
		b.WriteString(" " + side + line + repeat(" ", inner-w) + side + "\n")
	}
	b.WriteString(" " + st.Render("╰"+repeat("─", inner)+"╯"))
	return b.String()
}

// outcomeLines shows the outcome keys, the chosen one highlighted, on
// one line, or two when the form is too narrow for every key on one.
func (f *logForm) outcomeLines(width int) []string {
	s := f.styles
	var parts []string
	for _, ok := range DefaultKeyMap().outcomeKeys() {
		k := ok.binding.Help().Key
		if f.outcome == ok.outcome {
			parts = append(parts, s.Selected.Render(k+" "+ok.label))
			continue
		}
		parts = append(parts, s.Key.Render(k)+" "+ok.label)
	}
	prefix := "  "
	if f.focus == fieldOutcome {
		prefix = s.Accent.Render("▸ ")
	}
	var lines []string
	line := " " + prefix
	for i, p := range parts {
		switch {
		case i == 0:
			line += p
		case lipgloss.Width(line)+2+lipgloss.Width(p) > width:
			lines = append(lines, line)
			line = "   " + p
		default:
			line += "  " + p
		}
	}
	return append(lines, line)
}

// lastCallView shows the previous note, so this talk builds on it: a
// heading and up to two lines of the note.
func (f *logForm) lastCallView(width int, today rotation.Date) []string {
	s := f.styles
	if f.lastCall == nil {
		return []string{s.Dim.Render("   First conversation on record."), ""}
	}
	k := f.lastCall
	what := string(k.Outcome)
	if k.Kind != rotation.KindCall {
		what = k.Kind
	}
	head := s.Label.Render(fmt.Sprintf("   Last time · %s · %s%s: ", k.Day.Short(today), what, byWords(k.By, f.me)))
	note := OneLine(clip(k.Note, 4*width))
	if note == "" {
		return []string{head + s.Dim.Render("no note"), ""}
	}
	first := max(10, width-ansi.StringWidth(head)-1)
	lines := strings.SplitN(wrap(note, first), "\n", 2)
	out := []string{head + s.Note.Render(lines[0]), ""}
	if len(lines) == 2 {
		out[1] = "   " + s.Note.Render(truncate(strings.ReplaceAll(lines[1], "\n", " "), width-4))
	}
	return out
}

// followUpsView lists the open follow-ups with their ticks, at most three
// lines around the cursor.
func (f *logForm) followUpsView(width int) []string {
	s := f.styles
	start := 0
	if f.fuCursor >= 3 {
		start = f.fuCursor - 2
	}
	end := min(len(f.followUps), start+3)
	var out []string
	for i := start; i < end; i++ {
		fu := f.followUps[i]
		box := "[ ]"
		if f.ticked[fu.ID] {
			box = s.Good.Render("[✓]")
		}
		marker := "   "
		if f.focus == fieldFollowUps && i == f.fuCursor {
			marker = s.Accent.Render("  ▸")
		}
		out = append(out, truncate(marker+" "+box+" "+OneLine(fu.Text), width))
	}
	if more := len(f.followUps) - end; more > 0 {
		out[len(out)-1] += s.Dim.Render(fmt.Sprintf("  (+%d more)", more))
	}
	return out
}

// nextView shows the next-date field with the date it means, live.
func (f *logForm) nextView(width int, today rotation.Date, cal rotation.Calendar) string {
	s := f.styles
	label := f.label("Next call", fieldNext, "") + "  "
	input := f.next.View()
	var result string
	typed, err := f.explicitDate(today, cal)
	explicit := typed.Date
	switch {
	case err != nil:
		result = s.StatusErr.Render("✗ " + shortDateError(f.next.Value()))
	case typed.DayOff:
		result = s.Warn.Render(fmt.Sprintf("→ %s · %s · a day off, kept as typed", explicit.Short(today), inDays(today.DaysUntil(explicit))))
	case !typed.Counted.IsZero():
		result = s.Good.Render(fmt.Sprintf("→ %s · %s · %s is off, next workday", explicit.Short(today), inDays(today.DaysUntil(explicit)), typed.Counted.Short(today)))
	case !explicit.IsZero():
		result = s.Good.Render(fmt.Sprintf("→ %s · %s · date as chosen", explicit.Short(today), inDays(today.DaysUntil(explicit))))
	case f.outcome == "":
		result = s.Dim.Render("pick an outcome to see the next date")
	case f.outcome == rotation.Callback:
		result = s.Warn.Render("→ type when they asked to be called back")
	case f.proposalErr != nil:
		result = s.StatusErr.Render(OneLine(f.proposalErr.Error()))
	case f.proposal == nil:
		result = s.Dim.Render("…")
	case f.proposal.Due.IsZero():
		result = s.Warn.Render("→ " + f.proposal.Reason)
	default:
		p := f.proposal
		result = s.Accent.Render(fmt.Sprintf("→ %s · %s · %s", p.Due.Short(today), inDays(today.DaysUntil(p.Due)), p.Reason))
	}
	line := label + input
	if lipgloss.Width(line)+2+lipgloss.Width(result) <= width {
		return line + "  " + result
	}
	return line + "\n     " + truncate(result, width-5)
}

// shortDateError is the inline error of an unreadable date.
func shortDateError(words string) string {
	return fmt.Sprintf("%q is not a date · try next friday, in 2 weeks, mar 3, 2027-03-01", strings.TrimSpace(words))
}
