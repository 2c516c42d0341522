package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

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

// logForm is the state of a call being logged.
type logForm struct {
	contact   rotation.Contact
	followUps []rotation.FollowUp // open ones, most recent first
	lastCall  *rotation.Call      // the newest note (else call), for reference
	outcome   rotation.Outcome
	// via is the touch's channel (rotation.Channels) and dir its
	// direction; a call the user makes unless switched.
	via      rotation.CallKind
	dir      rotation.Direction
	focus    field
	note     textarea.Model
	newFU    textarea.Model
	next     textinput.Model
	ticked   map[int64]bool
	fuCursor int

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
		via:       rotation.KindCall,
		dir:       rotation.Out,
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
	f.next.Placeholder = "next friday, in 2 weeks, thu 3pm"
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

// touch is the touch being logged, as the rules read it.
func (f *logForm) touch() rotation.Touch {
	return rotation.Touch{Via: f.via, Direction: f.dir, Outcome: f.outcome}.Normal()
}

// outcomeKeys are the outcome keys that make sense on the touch's
// channel and direction (sent on a message, voicemail on a call, ...);
// other letters on the outcome row are the note being typed.
func (f *logForm) outcomeKeys(k KeyMap) []struct {
	binding key.Binding
	outcome rotation.Outcome
	label   string
} {
	all := k.outcomeKeys()
	out := all[:0:0]
	for _, ok := range all {
		t := f.touch()
		t.Outcome = ok.outcome
		if t.Check() == nil {
			out = append(out, ok)
		}
	}
	return out
}

// onProposal records the proposed next date for the chosen outcome.
func (f *logForm) onProposal(msg proposalMsg) {
	if msg.id != f.contact.ID || msg.touch != f.touch() {
		return
	}
	f.proposal, f.proposalErr = &msg.next, msg.err
}

// explicitDate parses the typed next date, placed on the calendar
// (relative words land on a workday; a date given is kept), and the time
// typed after it ("thu 3pm"); zero when none was typed.
func (f *logForm) explicitDate(today rotation.Date, cal rotation.Calendar) (rotation.TypedDate, rotation.Clock, error) {
	words := rotation.CleanLine(f.next.Value())
	if words == "" {
		return rotation.TypedDate{}, 0, nil
	}
	return rotation.ParseTypedDateTime(words, today, cal)
}

// entry builds the call to save, or says what is missing.
func (f *logForm) entry(today rotation.Date, cal rotation.Calendar, at time.Time) (rotation.LogEntry, error) {
	if f.outcome == "" {
		var keys []string
		for _, ok := range f.outcomeKeys(DefaultKeyMap()) {
			keys = append(keys, ok.binding.Help().Key+" "+ok.label)
		}
		what := "call"
		if f.via != rotation.KindCall || f.dir == rotation.In {
			what = f.titleWord()
		}
		return rotation.LogEntry{}, fmt.Errorf("pick how the %s went first: %s", what, strings.Join(keys, ", "))
	}
	typed, clock, err := f.explicitDate(today, cal)
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
		Kind:      f.via,
		Direction: f.dir,
		NextTime:  clock,
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
