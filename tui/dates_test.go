package tui

import (
	"context"
	"strings"
	"testing"
)

// TestTypedDatesLandOnWorkdays: in the log form's date preview and the
// contact form, relative words land on a workday and a date typed on a day
// off is kept with a visible note (issue 13).
func TestTypedDatesLandOnWorkdays(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	m := logKeys(t, open(t, s, 80, 24))
	m = run(t, m, press("r"))
	for i := 0; i < 8 && m.log != nil && m.log.focus != fieldNext; i++ {
		m = run(t, m, press("tab"))
	}
	if m.log == nil || m.log.focus != fieldNext {
		t.Fatalf("not on the next-date field:\n%s", screen(m))
	}
	for _, tt := range []struct{ typed, want string }{
		{"sat", "→ Sat 28 Nov · in 3 days · a day off, kept as typed"},
		{"+3d", "→ Mon 30 Nov · in 5 days · Sat 28 Nov is off, next workday"},
	} {
		m.log.next.SetValue("")
		m = run(t, m, typeText(tt.typed)...)
		if out := screen(m); !strings.Contains(out, tt.want) {
			t.Errorf("typed %q: screen lacks %q:\n%s", tt.typed, tt.want, out)
		}
	}
	id := m.log.contact.ID
	m = run(t, m, press("ctrl+s"))
	if c, _ := s.Contact(ctx, id); c.Due.String() != "2026-11-30" {
		t.Errorf("+3d saved %s; want Mon 2026-11-30", c.Due)
	}

	m = keysThen(t, m, "esc", "2", "/", "type:erin", "enter", "e")
	if m.form == nil {
		t.Fatalf("no form:\n%s", screen(m))
	}
	m.form.inputs[ffDue].SetValue("")
	m = keysThen(t, m, "tab", "tab", "tab", "tab", "tab", "tab", "type:sat")
	if out := screen(m); !strings.Contains(out, "day off, kept as typed") {
		t.Errorf("the contact form does not say the date is a day off:\n%s", out)
	}
}
