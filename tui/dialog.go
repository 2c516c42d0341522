package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"rotate/rotation"
)

// dialogKind is the question being asked.
type dialogKind int

const (
	dialogDraft   dialogKind = iota // restore or discard a kept draft?
	dialogLeave                     // leave a call with typed notes?
	dialogCatchUp                   // spread a day longer than a day holds?
	dialogOffline                   // quit while the book cannot take the notes?
	dialogConfirm                   // a one-key change of the book: really?
)

// dialog is a small question over the screen.
type dialog struct {
	kind  dialogKind
	draft rotation.Draft
	when  string
	plan  rotation.CatchUpPlan
	// unkept is how many notes quitting could lose (dialogOffline).
	unkept int

	// A one-key change asked about first (dialogConfirm): the question,
	// what it does, the word of its yes, the change itself, and what the
	// status line says when it is not made.
	question, detail, yes, kept string
	apply                       tea.Cmd

	// stray is set when the last key typed a letter that answers nothing
	// (dialogDraft, dialogLeave).
	stray bool

	// fix is what a correction dialog is about (corrections.go).
	fix *correction
}

// confirmDialog asks before a one-key change of the book (archive,
// pause, resume, clear time away). Only y makes it; any other key keeps
// the book as it is, so letters typed where no text field has the focus
// never change anything.
func confirmDialog(question, detail, yes, kept string, apply tea.Cmd) *dialog {
	return &dialog{kind: dialogConfirm, question: question, detail: detail, yes: yes, kept: kept, apply: apply}
}

func draftDialog(d rotation.Draft, now time.Time) *dialog {
	when := d.Updated.Local().Format("Mon 2 Jan 15:04")
	if d.Updated.IsZero() {
		when = "earlier"
	} else if d.Updated.Local().YearDay() == now.Local().YearDay() && d.Updated.Year() == now.Year() {
		when = "today " + d.Updated.Local().Format("15:04")
	}
	return &dialog{kind: dialogDraft, draft: d, when: when}
}

func leaveDialog() *dialog { return &dialog{kind: dialogLeave} }

// onDialogKey answers the open question.
func (m Model) onDialogKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	d, k := m.dialog, m.keys
	if d.fix != nil {
		return m.onCorrectionKey(msg)
	}
	switch d.kind {
	case dialogCatchUp:
		return m.onCatchUpKey(msg)
	case dialogOffline:
		return m.onOfflineQuitKey(msg)
	case dialogConfirm:
		m.dialog = nil
		if key.Matches(msg, k.Yes) {
			return m, d.apply
		}
		return m.setStatus(d.kept)
	}
	// A note typed while the question about a draft or about leaving is
	// up must not throw a note away at its first d: d right after a
	// letter that answers nothing is taken for typing.
	answers := key.Matches(msg, k.Restore, k.Discard, k.Back) || d.kind == dialogLeave && (msg.String() == "k" || msg.String() == "n")
	afterStray := d.stray
	d.stray = msg.Text != "" && !answers
	if afterStray && key.Matches(msg, k.Discard) {
		return m.typing(k.Discard)
	}
	switch d.kind {
	case dialogDraft:
		switch {
		case key.Matches(msg, k.Restore):
			m.dialog = nil
			m.log.restore(d.draft)
			cmd := m.log.setFocus(fieldNote)
			if m.log.outcome != "" {
				cmd = tea.Batch(cmd, m.propose(m.log.contact.ID, m.log.touch()))
			}
			return m, cmd
		case key.Matches(msg, k.Discard):
			m.dialog = nil
			delete(m.drafts, m.log.contact.ID)
			delete(m.held, m.log.contact.ID)
			return m, tea.Batch(deleteDraft(m.ctx, m.store, m.log.contact.ID), m.log.setFocus(fieldOutcome))
		case key.Matches(msg, k.Back):
			m.dialog, m.log = nil, nil
			return m, nil
		}
	case dialogLeave:
		switch {
		case msg.String() == "k":
			// Keep as a draft: written now, offered back next time.
			m.dialog = nil
			d := m.log.draft()
			m.drafts[d.ContactID] = true
			m.log = nil
			m2, cmd := m.setStatus("Kept as a draft; enter on the contact brings it back.")
			return m2, tea.Batch(m2.holdDraft(d), cmd)
		case key.Matches(msg, k.Discard):
			m.dialog = nil
			id := m.log.contact.ID
			delete(m.drafts, id)
			delete(m.held, id)
			m.log = nil
			return m, deleteDraft(m.ctx, m.store, id)
		case key.Matches(msg, k.Back), msg.String() == "n":
			m.dialog = nil
			return m, nil
		}
	}
	return m, nil
}

// dialogView draws the question in the middle of the screen.
func (m Model) dialogView(under string) string {
	s := m.styles
	d := m.dialog
	var text string
	switch d.kind {
	case dialogDraft:
		preview := rotation.PrintableLine(d.draft.Note)
		if preview == "" {
			preview = rotation.PrintableLine(d.draft.FollowUps)
		}
		text = fmt.Sprintf("%s\n\nAn unsaved note from %s:\n%s\n\n%s restore   %s discard   %s cancel",
			s.Header.Render("Continue where you left off?"), d.when,
			s.Note.Render("“"+truncate(preview, min(56, m.width-10))+"”"),
			s.Key.Render("r"), s.Key.Render("d"), s.Key.Render("esc"))
	case dialogCatchUp:
		text = m.catchUpText(d.plan)
	case dialogOffline:
		text = m.offlineQuitText(d.unkept)
	case dialogConfirm:
		text = s.Header.Render(truncate(d.question, min(60, m.width-8)))
		if d.detail != "" {
			text += "\n\n" + d.detail
		}
		text += fmt.Sprintf("\n\n%s %s   %s", s.Key.Render("y"), d.yes, s.Dim.Render("any other key: no"))
	case dialogUndo, dialogDeleteCall, dialogEditCall, dialogSaveEdit, dialogMerge, dialogForget:
		text = m.correctionText()
	case dialogLeave:
		text = fmt.Sprintf("%s\n\nThis call is not saved.\n\n%s keep as draft   %s discard   %s keep typing",
			s.Header.Render("Leave this call?"), s.Key.Render("k"), s.Key.Render("d"), s.Key.Render("esc"))
	}
	box := s.Dialog.Render(text)
	return placeOver(under, box, m.width, m.height)
}

// placeOver centres box over the screen under it.
func placeOver(under, box string, width, height int) string {
	lines := strings.Split(under, "\n")
	for len(lines) < height {
		lines = append(lines, "")
	}
	bw, bh := lipgloss.Width(box), lipgloss.Height(box)
	top := max(0, (height-bh)/2)
	left := max(0, (width-bw)/2)
	for i, bl := range strings.Split(box, "\n") {
		if top+i >= len(lines) {
			break
		}
		lines[top+i] = repeat(" ", left) + bl
	}
	return strings.Join(lines[:max(height, 1)], "\n")
}
