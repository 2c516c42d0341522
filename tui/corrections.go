package tui

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// Corrections in the interface: u takes back the newest call logged
// (after naming it and asking); in a contact's history tab picks a call,
// e corrects it and d deletes it (both ask), and a picked call shows its
// earlier versions; in Contacts M merges the contact under the cursor
// into the one picked next, and F forgets it once its name is typed back.

const (
	dialogUndo       dialogKind = iota + 100 // take back the newest call?
	dialogDeleteCall                         // delete the picked call?
	dialogEditCall                           // the call's corrected note and outcome
	dialogSaveEdit                           // save the correction?
	dialogMerge                              // merge one contact into another?
	dialogForget                             // type the name to erase
)

// correction is what a correction dialog is about.
type correction struct {
	call    rotation.Call
	name    string // the contact's name
	outcome rotation.Outcome
	note    textarea.Model
	from    rotation.Contact // a merge's
	into    rotation.Contact
	typed   textinput.Model // forget's typed name
}

// undoTargetMsg is the call u would take back, named before asking.
type undoTargetMsg struct {
	call rotation.Call
	name string
	err  error
}

// correctedMsg is the end of a correction: what to say, or what failed.
type correctedMsg struct {
	text string
	err  error
}

// versionsMsg is the history of changes of one call of the history on
// screen.
type versionsMsg struct {
	callID   int64
	versions []rotation.CallVersion
	err      error
}

// describeCall names a call: "the voicemail with Jane Doe on Wed 25 Nov".
func describeCall(k rotation.Call, name string, today rotation.Date) string {
	what := "the " + string(k.Outcome) + " call"
	switch {
	case k.Kind == rotation.KindNote:
		what = "the note"
	case k.Kind != rotation.KindCall && k.Kind != "":
		what = "the " + string(k.Kind) + " (" + string(k.Outcome) + ")"
	}
	return fmt.Sprintf("%s with %s on %s", what, rotation.PrintableLine(name), k.Day.Short(today))
}

// askUndo finds the newest call logged, to name it in the question.
func (m Model) askUndo() (tea.Model, tea.Cmd) {
	st, ctx := m.store, m.ctx
	return m, func() tea.Msg {
		k, err := st.NewestLogged(ctx)
		if err != nil {
			return undoTargetMsg{err: err}
		}
		c, err := st.Contact(ctx, k.ContactID)
		return undoTargetMsg{call: k, name: c.Name, err: err}
	}
}

func (m Model) onUndoTarget(msg undoTargetMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m.setError(msg.err)
	}
	m.dialog = &dialog{kind: dialogUndo, fix: &correction{call: msg.call, name: msg.name}}
	return m, nil
}

// corrected runs a correction and reports it.
func (m Model) corrected(run func() (string, error)) tea.Cmd {
	return func() tea.Msg {
		text, err := run()
		return correctedMsg{text, err}
	}
}

func (m Model) onCorrected(msg correctedMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m.setError(msg.err)
	}
	if m.history != nil {
		m.history.versions = map[int64][]rotation.CallVersion{}
	}
	mm, cmd := m.setStatus(msg.text)
	cmds := append([]tea.Cmd{cmd, mm.loadAgenda()}, mm.reloadShown()...)
	return mm, tea.Batch(cmds...)
}

// onCorrectionKey answers the correction dialogs, one handler a dialog.
func (m Model) onCorrectionKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch m.dialog.kind {
	case dialogUndo:
		return m.onUndoKey(msg)
	case dialogDeleteCall:
		return m.onDeleteCallKey(msg)
	case dialogEditCall:
		return m.onEditCallKey(msg)
	case dialogSaveEdit:
		return m.onSaveEditKey(msg)
	case dialogMerge:
		return m.onMergeKey(msg)
	case dialogForget:
		return m.onForgetKey(msg)
	}
	return m, nil
}

// saysYes and saysNo read a key as the answer to a yes-or-no question.
func saysYes(msg tea.KeyPressMsg) bool { return msg.String() == "y" }
func (m Model) saysNo(msg tea.KeyPressMsg) bool {
	return key.Matches(msg, m.keys.Back) || msg.String() == "n"
}

// onUndoKey answers "take back the call?". Its yes is U, which no word
// typed in lowercase produces: a note typed on a list ("busy", "about")
// cannot take a call back. Any other key keeps it.
func (m Model) onUndoKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	fix := m.dialog.fix
	st, ctx := m.store, m.ctx
	m.dialog = nil
	if msg.String() != "U" {
		return m.setStatus("Nothing changed: the call stays.")
	}
	what, id := describeCall(fix.call, fix.name, m.today), fix.call.ID
	return m, m.corrected(func() (string, error) {
		res, err := st.UndoCall(ctx, id)
		if err != nil {
			return "", err
		}
		if res.Drafted {
			return "Took back " + what + "; its note is kept as a draft.", nil
		}
		return "Took back " + what + "; its old version is kept.", nil
	})
}

// onDeleteCallKey answers "delete the call?": D, as for undo; a lowercase
// letter typed after d is no.
func (m Model) onDeleteCallKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	fix := m.dialog.fix
	st, ctx := m.store, m.ctx
	m.dialog = nil
	if msg.String() != "D" {
		return m.setStatus("Nothing changed: the call stays.")
	}
	what, id := describeCall(fix.call, fix.name, m.today), fix.call.ID
	if m.history != nil {
		m.history.sel = -1
	}
	return m, m.corrected(func() (string, error) {
		if _, err := st.DeleteCall(ctx, id); err != nil {
			return "", err
		}
		return "Deleted " + what + "; its old version is kept.", nil
	})
}

// onEditCallKey edits a call's note and outcome (tab goes round the
// outcomes); saving asks first, unless nothing changed.
func (m Model) onEditCallKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	d, k := m.dialog, m.keys
	fix := d.fix
	switch {
	case key.Matches(msg, k.Back):
		m.dialog = nil
	case key.Matches(msg, k.Save):
		if fix.call.Kind == rotation.KindNote || fix.outcome == fix.call.Outcome {
			if strings.TrimSpace(fix.note.Value()) == strings.TrimSpace(fix.call.Note) {
				m.dialog = nil
				return m.setNotice("Nothing changed.")
			}
		}
		d.kind = dialogSaveEdit
	case key.Matches(msg, k.NextField) && fix.call.Kind != rotation.KindNote:
		// tab goes round the outcomes
		for i, o := range rotation.Outcomes {
			if o == fix.outcome {
				fix.outcome = rotation.Outcomes[(i+1)%len(rotation.Outcomes)]
				break
			}
		}
	default:
		var cmd tea.Cmd
		fix.note, cmd = fix.note.Update(msg)
		return m, cmd
	}
	return m, nil
}

// onSaveEditKey answers "save the correction?"; no goes back to editing.
func (m Model) onSaveEditKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	d := m.dialog
	fix := d.fix
	st, ctx := m.store, m.ctx
	switch {
	case saysYes(msg):
		m.dialog = nil
		id, note, o := fix.call.ID, strings.TrimRight(fix.note.Value(), "\n"), fix.outcome
		e := rotation.CallEdit{Note: &note}
		if fix.call.Kind != rotation.KindNote && o != fix.call.Outcome {
			e.Outcome = &o
		}
		return m, m.corrected(func() (string, error) {
			if _, err := st.EditCall(ctx, id, e); err != nil {
				return "", err
			}
			return fmt.Sprintf("Corrected call #%d; its old version is kept.", id), nil
		})
	case m.saysNo(msg):
		d.kind = dialogEditCall
	}
	return m, nil
}

// onMergeKey answers "merge these two contacts?".
func (m Model) onMergeKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	fix := m.dialog.fix
	st, ctx := m.store, m.ctx
	switch {
	case saysYes(msg):
		m.dialog = nil
		m.contacts.merging = 0
		from, into := fix.from, fix.into
		return m, m.corrected(func() (string, error) {
			if err := st.MergeContacts(ctx, from.ID, into.ID); err != nil {
				return "", err
			}
			return fmt.Sprintf("Merged %s into %s.", rotation.PrintableLine(from.Name), rotation.PrintableLine(into.Name)), nil
		})
	case m.saysNo(msg):
		m.dialog = nil
		m.contacts.merging = 0
	}
	return m, nil
}

// onForgetKey reads the name typed to confirm forgetting a contact; enter
// forgets them when it matches.
func (m Model) onForgetKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	fix := m.dialog.fix
	st, ctx := m.store, m.ctx
	switch {
	case key.Matches(msg, m.keys.Back):
		m.dialog = nil
	case msg.String() == "enter":
		m.dialog = nil
		if strings.TrimSpace(fix.typed.Value()) != strings.TrimSpace(fix.from.Name) {
			return m.setNotice("The name did not match; nothing changed.")
		}
		c := fix.from
		return m, m.corrected(func() (string, error) {
			if err := st.ForgetContact(ctx, c.ID); err != nil {
				return "", err
			}
			return fmt.Sprintf("Forgot %s. Backups made before now still hold them.", rotation.PrintableLine(c.Name)), nil
		})
	default:
		var cmd tea.Cmd
		fix.typed, cmd = fix.typed.Update(msg)
		return m, cmd
	}
	return m, nil
}

// correctionText is the text of a correction dialog.
func (m Model) correctionText() string {
	s := m.styles
	d := m.dialog
	fix := d.fix
	w := min(60, m.width-8)
	switch d.kind {
	case dialogUndo:
		return fmt.Sprintf("%s\n\n%s\n\nIts schedule, follow-ups and streak go back to\nbefore it; the call is kept in its history.\n\n%s undo   %s",
			s.Header.Render("Undo the last call?"), wrap("Take back "+describeCall(fix.call, fix.name, m.today)+"?", w),
			s.Key.Render("U (shift+u)"), s.Dim.Render("any other key: keep it"))
	case dialogDeleteCall:
		return fmt.Sprintf("%s\n\n%s\n\nIt leaves the history, search and stats; its\nlast version is kept in the history of changes.\n\n%s delete   %s",
			s.Header.Render("Delete this call?"), wrap(describeCall(fix.call, fix.name, m.today)+".", w),
			s.Key.Render("D (shift+d)"), s.Dim.Render("any other key: keep it"))
	case dialogEditCall, dialogSaveEdit:
		outcome := ""
		if fix.call.Kind != rotation.KindNote {
			outcome = fmt.Sprintf("Outcome: %s  %s\n", s.Accent.Render(string(fix.outcome)), s.Dim.Render("(tab changes it)"))
		}
		foot := fmt.Sprintf("%s save   %s cancel", s.Key.Render("ctrl+s"), s.Key.Render("esc"))
		if d.kind == dialogSaveEdit {
			foot = fmt.Sprintf("Save the correction? The old version is kept.   %s save   %s back", s.Key.Render("y"), s.Key.Render("n"))
		}
		return fmt.Sprintf("%s\n%s\n\n%s%s\n\n%s", s.Header.Render(fmt.Sprintf("Correct call #%d", fix.call.ID)),
			s.Dim.Render(describeCall(fix.call, fix.name, m.today)), outcome, fix.note.View(), foot)
	case dialogMerge:
		return fmt.Sprintf("%s\n\n%s\n\nIts calls, follow-ups, numbers, tags and profile\nmove over; %s's schedule is kept.\n\n%s merge   %s cancel",
			s.Header.Render("Merge these contacts?"),
			wrap(fmt.Sprintf("Merge %s (#%d) into %s (#%d)? %s is removed.", rotation.PrintableLine(fix.from.Name), fix.from.ID, rotation.PrintableLine(fix.into.Name), fix.into.ID, rotation.PrintableLine(fix.from.Name)), w),
			rotation.PrintableLine(fix.into.Name), s.Key.Render("y"), s.Key.Render("n"))
	case dialogForget:
		return fmt.Sprintf("%s\n\n%s\n%s\n\nType the name to confirm:\n%s\n\n%s erase   %s cancel",
			s.Header.Render("Forget "+rotation.PrintableLine(fix.from.Name)+"?"),
			wrap("Every call, note, follow-up, draft and change about them is erased for good.", w),
			s.Warn.Render("Backups made earlier still hold them."), fix.typed.View(),
			s.Key.Render("enter"), s.Key.Render("esc"))
	}
	return ""
}

// openCallEdit opens the correction of the picked call.
func (m Model) openCallEdit(k rotation.Call) (tea.Model, tea.Cmd) {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = ""
	st := textarea.DefaultStyles(m.styles.IsDark)
	st.Cursor.Blink = false
	ta.SetStyles(st)
	ta.SetWidth(min(56, m.width-10))
	ta.SetHeight(4)
	ta.SetValue(k.Note)
	cmd := ta.Focus()
	m.dialog = &dialog{kind: dialogEditCall, fix: &correction{call: k, name: m.history.contact.Name, outcome: k.Outcome, note: ta}}
	return m, cmd
}

// pickedCall is the call picked in the history on screen.
func (m Model) pickedCall() (rotation.Call, bool) {
	h := m.history
	if h == nil || h.sel < 0 || h.sel >= len(h.calls) {
		return rotation.Call{}, false
	}
	return h.calls[h.sel], true
}

// pickCall moves the pick in the history by delta and loads the picked
// call's history of changes when it has one.
func (m Model) pickCall(delta int) (tea.Model, tea.Cmd) {
	h := *m.history
	if len(h.calls) == 0 {
		return m, nil
	}
	switch {
	case h.sel < 0 && delta < 0:
		h.sel = len(h.calls) - 1
	case h.sel < 0:
		h.sel = 0
	default:
		h.sel = (h.sel + delta + len(h.calls)) % len(h.calls)
	}
	h.focus = historyFocus{call: h.calls[h.sel].ID}
	m.history = &h
	if at := m.layoutHistory(); at >= 0 && (at < h.vp.YOffset() || at > h.vp.YOffset()+h.vp.Height()-3) {
		m.history.vp.SetYOffset(max(0, at-1))
	}
	k := h.calls[h.sel]
	if !k.Revised || h.versions[k.ID] != nil {
		return m, nil
	}
	st, ctx := m.store, m.ctx
	return m, func() tea.Msg {
		v, err := st.CallHistory(ctx, k.ID)
		return versionsMsg{callID: k.ID, versions: v, err: err}
	}
}

func (m Model) onVersions(msg versionsMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil {
		return m.setError(msg.err)
	}
	if m.history == nil {
		return m, nil
	}
	h := *m.history
	if h.versions == nil {
		h.versions = map[int64][]rotation.CallVersion{}
	}
	h.versions[msg.callID] = msg.versions
	m.history = &h
	offset := h.vp.YOffset()
	m.layoutHistory()
	m.history.vp.SetYOffset(offset)
	return m, nil
}

// versionLines are the earlier versions of a corrected call, under it in
// the history.
func (m Model) versionLines(k rotation.Call, width int) []string {
	s := m.styles
	vs := m.history.versions[k.ID]
	if len(vs) < 2 {
		return nil
	}
	lines := []string{s.Dim.Render("  Earlier versions:")}
	for _, v := range vs[:len(vs)-1] {
		who := ""
		if v.By != "" && m.role != "" { // who, on a team book
			who = " by " + rotation.PrintableLine(v.By)
		}
		head := fmt.Sprintf("  %s %s%s · %s", rotation.DateOf(v.At.Local()).Short(m.today), v.Action, who, v.Outcome)
		lines = append(lines, s.Dim.Render(head))
		if note := strings.TrimSpace(rotation.Printable(v.Note)); note != "" {
			lines = append(lines, s.Dim.Render(indent(wrap(note, width-6), "    ")))
		}
	}
	last := vs[len(vs)-1]
	by := ""
	if last.By != "" && m.role != "" {
		by = " by " + rotation.PrintableLine(last.By)
	}
	lines = append(lines, s.Dim.Render(fmt.Sprintf("  %s %s%s: as shown above", rotation.DateOf(last.At.Local()).Short(m.today), last.Action, by)))
	return lines
}

// askMerge starts or finishes a merge from Contacts: M on one contact,
// then M on the one to keep.
func (m Model) askMerge(c rotation.Contact) (tea.Model, tea.Cmd) {
	cs := &m.contacts
	if cs.merging == 0 || cs.merging == c.ID {
		cs.merging = c.ID
		return m.setNotice(fmt.Sprintf("Merge %s into…: move to the contact to keep and press M (esc cancels).", rotation.PrintableLine(c.Name)))
	}
	var from rotation.Contact
	for _, x := range cs.all {
		if x.ID == cs.merging {
			from = x
		}
	}
	if from.ID == 0 {
		cs.merging = 0
		return m, nil
	}
	m.status = ""
	m.dialog = &dialog{kind: dialogMerge, fix: &correction{from: from, into: c}}
	return m, nil
}

// askForget opens the typed-name confirmation of forget.
func (m Model) askForget(c rotation.Contact) (tea.Model, tea.Cmd) {
	in := newInput(m.styles.IsDark)
	in.Prompt = "› "
	in.CharLimit = 200
	in.SetWidth(min(40, m.width-14))
	cmd := in.Focus()
	m.dialog = &dialog{kind: dialogForget, fix: &correction{from: c, typed: in}}
	return m, cmd
}
