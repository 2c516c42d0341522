package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// Fields of the contact form, in tab order.
const (
	ffName = iota
	ffPhones
	ffEmail
	ffCompany
	ffTier
	ffRule
	ffDue
	ffBirthday
	ffTags
	ffFamily
	ffOccupation
	ffRecreation
	ffMessage
	ffZone
	ffCount
)

var formLabels = [ffCount]string{"Name", "Phones", "Email", "Company", "Tier", "Cadence", "Next call", "Birthday",
	"Tags", "Family", "Occupation", "Recreation", "Message", "Time zone"}

var formHints = [ffCount]string{"e.g. Jane Doe", "e.g. +1 555 0100:mobile, +1 555 0101:work", "e.g. jane@example.com",
	"e.g. Acme Corp", "A, B or C", "empty: the tier's, or e.g. every 2w",
	"empty: spread over the first interval", "YYYY-MM-DD, or 12 Apr without the year", "e.g. golf, referral", "e.g. husband Tom, two kids",
	"e.g. CFO at Acme", "e.g. sailing", "what matters to them", "from the phone, or e.g. Europe/Berlin"}

// contactForm adds or edits a contact. Every field is checked as it is
// typed; nothing is saved until all are valid.
type contactForm struct {
	orig    *rotation.Contact // nil when adding
	inputs  [ffCount]textinput.Model
	focus   int
	errs    [ffCount]string
	notes   [ffCount]string // a word about a valid value (a date on a day off)
	cal     rotation.Calendar
	dirty   bool
	confirm bool // esc was pressed once with changes
	// allowDup is set once the form was told its phone or e-mail is in
	// the book already: ctrl+s again adds the contact anyway.
	allowDup bool
}

// duplicateError is an add refused because another contact has the
// phone number or e-mail.
type duplicateError struct{ of rotation.Contact }

func (e duplicateError) Error() string {
	return fmt.Sprintf("%s (#%d) already has this phone or e-mail; ctrl+s again adds a second contact", rotation.PrintableLine(e.of.Name), e.of.ID)
}

type editContactMsg struct {
	contact rotation.Contact
	err     error
}

// editContact loads a contact with its phones and tags, then opens the
// form on it.
func (m Model) editContact(id int64) tea.Cmd {
	st, ctx := m.store, m.ctx
	return func() tea.Msg {
		c, err := st.Contact(ctx, id)
		return editContactMsg{c, err}
	}
}

// openForm opens the form, empty to add or filled to edit.
func (m Model) openForm(c *rotation.Contact) (Model, tea.Cmd) {
	f := &contactForm{orig: c, cal: m.settings.Calendar()}
	for i := range f.inputs {
		in := newInput(m.styles.IsDark)
		in.Prompt = ""
		in.Placeholder = formHints[i]
		in.CharLimit = 500
		in.SetWidth(max(20, min(44, m.width-40)))
		f.inputs[i] = in
	}
	if c != nil {
		var phones []string
		for _, p := range c.Phones {
			// what an older book holds is offered cleaned: saving repairs it
			if num := rotation.CleanPhone(p.Number); num != "" && p.Label != "" {
				phones = append(phones, num+":"+rotation.CleanLine(p.Label))
			} else if num != "" {
				phones = append(phones, num)
			}
		}
		rule := c.Rule.String()
		if c.FollowsTier {
			rule = "" // the tier's, whatever it becomes
		}
		f.inputs[ffRule].Placeholder = fmt.Sprintf("empty: tier %s's, now %s", c.Tier, m.settings.TierRule(c.Tier))
		values := [ffCount]string{c.Name, strings.Join(phones, ", "), c.Email, c.Company, c.Tier, rule,
			c.Due.String(), rotation.BirthdayText(c.Birthday), strings.Join(c.Tags, ", "), c.Family, c.Occupation, c.Recreation, c.Message, c.TZ}
		for i, v := range values {
			f.inputs[i].SetValue(rotation.CleanLine(v))
			// A long field shows its start, not its end.
			f.inputs[i].CursorStart()
		}
	} else {
		f.inputs[ffTier].SetValue("B")
	}
	m.form = f
	f.validate(m.today)
	return m, f.inputs[0].Focus()
}

// validate checks every field and builds the contact they describe.
func (f *contactForm) validate(today rotation.Date) (rotation.Contact, bool) {
	var c rotation.Contact
	if f.orig != nil {
		c = *f.orig
	}
	f.errs, f.notes = [ffCount]string{}, [ffCount]string{}
	// what was typed is sanitised (rotation.CleanLine): one line each
	v := func(i int) string { return rotation.CleanLine(f.inputs[i].Value()) }
	if c.Name = v(ffName); c.Name == "" {
		f.errs[ffName] = "a name is needed"
	}
	c.Phones = nil
	for _, p := range strings.Split(v(ffPhones), ",") {
		if p = strings.TrimSpace(p); p == "" {
			continue
		}
		num, label, _ := strings.Cut(p, ":")
		num = strings.TrimSpace(num)
		if err := rotation.CheckPhone(num); err != nil {
			f.errs[ffPhones] = err.Error()
		}
		c.Phones = append(c.Phones, rotation.Phone{Number: rotation.CleanPhone(num), Label: rotation.CleanLine(label)})
	}
	if c.Email = v(ffEmail); c.Email != "" && !strings.Contains(c.Email, "@") {
		f.errs[ffEmail] = "not an email address"
	}
	c.Company = v(ffCompany)
	if z, err := rotation.ParseZone(v(ffZone)); err != nil {
		f.errs[ffZone] = "not a zone: e.g. Europe/Berlin, America/New_York"
	} else {
		c.TZ = z
	}
	if t, err := rotation.ParseTier(v(ffTier)); err != nil {
		f.errs[ffTier] = "use A, B or C"
	} else {
		c.Tier = t
	}
	if v(ffRule) == "" {
		// The tier's cadence: the store fills it in and keeps it in step
		// with the tier.
		c.Rule, c.FollowsTier = rotation.Rule{}, true
	} else if r, err := rotation.ParseRule(v(ffRule)); err != nil {
		f.errs[ffRule] = "try " + rotation.ValidRuleForms
	} else {
		c.Rule, c.FollowsTier = r, false
	}
	c.Due = f.validateDue(v(ffDue), today, c.Status)
	c.Birthday = 0
	if b := v(ffBirthday); b != "" {
		if d, err := rotation.ParseBirthday(b); err != nil {
			f.errs[ffBirthday] = "use YYYY-MM-DD, or 12 Apr"
		} else {
			c.Birthday = d
		}
	}
	c.Tags = nil
	for _, t := range strings.Split(v(ffTags), ",") {
		if t = strings.TrimSpace(t); t != "" {
			c.Tags = append(c.Tags, t)
		}
	}
	c.Family, c.Occupation, c.Recreation, c.Message = v(ffFamily), v(ffOccupation), v(ffRecreation), v(ffMessage)
	for _, e := range f.errs {
		if e != "" {
			return c, false
		}
	}
	return c, true
}

// validateDue reads the next date typed (d), noting a day off or the
// date a relative word gives; a contact in the rotation needs one.
func (f *contactForm) validateDue(d string, today rotation.Date, status rotation.Status) rotation.Date {
	if d == "" {
		if f.orig != nil && status == rotation.Active {
			f.errs[ffDue] = "a contact in the rotation needs a next date"
		}
		return 0
	}
	due, err := rotation.ParseTypedDate(d, today, f.cal)
	if err != nil {
		f.errs[ffDue] = "try next friday, in 2 weeks, mar 3"
		return 0
	}
	switch {
	case due.DayOff:
		f.notes[ffDue] = "day off, kept as typed"
	case !due.Counted.IsZero() || !rotation.LooksISO(d):
		f.notes[ffDue] = "→ " + due.Date.Short(today)
	}
	return due.Date
}

// onFormKey moves between fields, types, saves or cancels.
func (m Model) onFormKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	f, k := m.form, m.keys
	switch {
	case key.Matches(msg, k.Back):
		if f.dirty && !f.confirm {
			f.confirm = true
			return m.setStatus("Unsaved changes: esc again to drop them, ctrl+s to save.")
		}
		m.form = nil
		m.status = ""
		return m, nil
	case key.Matches(msg, k.Save):
		c, ok := f.validate(m.today)
		if !ok {
			return m.setError(errors.New("fix the fields marked ✗ first"))
		}
		return m, m.saveContact(c, f.orig == nil)
	case key.Matches(msg, k.NextField), msg.String() == "enter", msg.String() == "down":
		return m, f.move(1)
	case key.Matches(msg, k.PrevField), msg.String() == "up":
		return m, f.move(-1)
	}
	f.confirm = false
	var cmd tea.Cmd
	before := f.inputs[f.focus].Value()
	f.inputs[f.focus], cmd = f.inputs[f.focus].Update(msg)
	if f.inputs[f.focus].Value() != before {
		f.dirty = true
		f.validate(m.today)
	}
	return m, cmd
}

func (f *contactForm) move(step int) tea.Cmd {
	// The field left shows its start again, however long it is.
	f.inputs[f.focus].CursorStart()
	f.inputs[f.focus].Blur()
	f.focus = (f.focus + step + ffCount) % ffCount
	return f.inputs[f.focus].Focus()
}

// saveContact adds or updates the contact in a command. An edit goes
// through the store's AfterEdit (a fixed wrong number resumes the rotation,
// a sooner rule brings the next call forward, leveled); a next date the
// user changed wins.
func (m Model) saveContact(c rotation.Contact, adding bool) tea.Cmd {
	st, ctx, today := m.store, m.ctx, m.today
	orig, allowDup := m.form.orig, m.form.allowDup
	return func() tea.Msg {
		if !adding && orig != nil {
			typed := c.Due
			edited, err := st.AfterEdit(ctx, *orig, c, today)
			if err != nil {
				return contactSavedMsg{err: err}
			}
			c = edited
			if typed != orig.Due {
				c.Due = typed
			}
		}
		if adding && !allowDup {
			dups, err := st.Duplicates(ctx, c, "")
			if err != nil {
				return contactSavedMsg{err: err}
			}
			if len(dups) > 0 {
				return contactSavedMsg{err: duplicateError{dups[0]}}
			}
		}
		if adding {
			c.Status = rotation.Active
			added, err := st.AddContact(ctx, c, today)
			return contactSavedMsg{fmt.Sprintf("Added %s, first call %s.", rotation.PrintableLine(added.Name), added.Due.Short(today)), added.ID, err}
		}
		err := st.UpdateContact(context.WithoutCancel(ctx), *orig, c)
		return contactSavedMsg{"Saved " + rotation.PrintableLine(c.Name) + ".", c.ID, err}
	}
}

// formView draws the fields with their inline errors.
func (m Model) formView() string {
	s := m.styles
	f := m.form
	title := "New contact"
	if f.orig != nil {
		title = "Edit " + rotation.PrintableLine(f.orig.Name)
	}
	lines := []string{" " + s.Header.Render(title) + s.Dim.Render("  tab moves · ctrl+s saves · esc cancels"), ""}
	for i := range f.inputs {
		label := pad(formLabels[i], 11)
		marker := "  "
		if i == f.focus {
			marker = s.Accent.Render("▸ ")
			label = s.Section.Render(label)
		} else {
			label = s.Label.Render(label)
		}
		line := marker + label + " " + f.inputs[i].View()
		if e := f.errs[i]; e != "" && (f.dirty || f.orig != nil) {
			line += "  " + s.StatusErr.Render("✗ "+e)
		} else if n := f.notes[i]; n != "" {
			line += "  " + s.Warn.Render(n)
		}
		lines = append(lines, truncate(line, m.width))
	}
	return strings.Join(lines, "\n")
}
