package tui

import (
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"rotate/rotation"
)

// The review list of `rotate calls import` on a terminal: the calls of a
// phone's call log proposed as touches, one a line, each logged or
// skipped with one key, a note added with another. Nothing is saved here:
// the command logs what the list accepted once it closes with enter.

// ReviewCall is one proposed touch in the review list.
type ReviewCall struct {
	Name      string
	At        time.Time // the call's start, in the zone to show it in
	Direction string    // "out" or "in"
	Seconds   int
	Outcome   rotation.Outcome
	Returned  bool // a missed call of theirs
}

// reviewKeys are the review list's keys.
type reviewKeys struct {
	Up, Down, Accept, Skip, Note, Apply, Leave key.Binding
}

func defaultReviewKeys() reviewKeys {
	return reviewKeys{
		Up:     key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "up")),
		Down:   key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "down")),
		Accept: key.NewBinding(key.WithKeys("a"), key.WithHelp("a", "log it")),
		Skip:   key.NewBinding(key.WithKeys("s", "x"), key.WithHelp("s", "skip")),
		Note:   key.NewBinding(key.WithKeys("n"), key.WithHelp("n", "note")),
		Apply:  key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "log the accepted")),
		Leave:  key.NewBinding(key.WithKeys("esc", "q", "ctrl+c"), key.WithHelp("esc", "leave, log nothing")),
	}
}

// CallReview is the review list's model.
type CallReview struct {
	items   []ReviewCall
	skipped []bool
	notes   []string
	summary string // what else the file held (unknown numbers, …)

	cursor, offset int
	width, height  int
	editing        bool
	input          textinput.Model

	keys   reviewKeys
	styles Styles
	apply  bool // closed with enter
	closed bool
}

// NewCallReview builds the review list: every proposal accepted until
// skipped. summary is one line of what the file held beside them.
func NewCallReview(items []ReviewCall, summary string, dark bool) CallReview {
	in := textinput.New()
	in.Prompt = ""
	in.CharLimit = 2000
	in.SetStyles(textinput.DefaultStyles(dark))
	return CallReview{items: items, skipped: make([]bool, len(items)), notes: make([]string, len(items)),
		summary: summary, width: 80, height: 24, input: in, keys: defaultReviewKeys(), styles: NewStyles(dark)}
}

// Init starts nothing.
func (r CallReview) Init() tea.Cmd { return nil }

// Result says how the list closed: apply is true when it closed with
// enter; accepted are the positions of the calls to log, notes their
// notes by position ("" for none).
func (r CallReview) Result() (apply bool, accepted []int, notes []string) {
	for i, s := range r.skipped {
		if !s {
			accepted = append(accepted, i)
		}
	}
	return r.apply, accepted, r.notes
}

// Update handles a key or a new size.
func (r CallReview) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		r.width, r.height = msg.Width, msg.Height
		r.input.SetWidth(max(10, r.width-20))
		r.scroll()
		return r, nil
	case tea.KeyPressMsg:
		if r.editing {
			return r.onNoteKey(msg)
		}
		return r.onKey(msg)
	case tea.PasteMsg:
		if r.editing {
			var cmd tea.Cmd
			r.input, cmd = r.input.Update(msg)
			return r, cmd
		}
	}
	return r, nil
}

func (r CallReview) onKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := r.keys
	switch {
	case key.Matches(msg, k.Leave):
		r.closed = true
		return r, tea.Quit
	case key.Matches(msg, k.Apply):
		r.apply, r.closed = true, true
		return r, tea.Quit
	case len(r.items) == 0:
		return r, nil
	case key.Matches(msg, k.Up):
		r.cursor = max(r.cursor-1, 0)
	case key.Matches(msg, k.Down):
		r.cursor = min(r.cursor+1, len(r.items)-1)
	case key.Matches(msg, k.Accept), key.Matches(msg, k.Skip):
		r.skipped[r.cursor] = key.Matches(msg, k.Skip)
		r.cursor = min(r.cursor+1, len(r.items)-1)
	case key.Matches(msg, k.Note):
		r.editing = true
		r.input.SetValue(r.notes[r.cursor])
		r.input.CursorEnd()
		r.scroll()
		return r, r.input.Focus()
	}
	r.scroll()
	return r, nil
}

// onNoteKey edits the note of the selected call: enter keeps it (and
// logs the call: a note is for a call to log), esc drops the change.
func (r CallReview) onNoteKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	switch msg.String() {
	case "enter":
		r.notes[r.cursor] = strings.TrimSpace(rotation.CleanText(r.input.Value()))
		if r.notes[r.cursor] != "" {
			r.skipped[r.cursor] = false
		}
		r.editing = false
		r.input.Blur()
		return r, nil
	case "esc", "ctrl+c":
		r.editing = false
		r.input.Blur()
		return r, nil
	}
	var cmd tea.Cmd
	r.input, cmd = r.input.Update(msg)
	return r, cmd
}

// rows is how many calls the screen shows at once.
func (r CallReview) rows() int {
	return max(1, r.height-6)
}

// scroll keeps the selected call on screen.
func (r *CallReview) scroll() {
	n := r.rows()
	if r.cursor < r.offset {
		r.offset = r.cursor
	}
	if r.cursor >= r.offset+n {
		r.offset = r.cursor - n + 1
	}
	r.offset = max(0, min(r.offset, len(r.items)-n))
}

// View draws the list.
func (r CallReview) View() tea.View {
	s := r.styles
	var b strings.Builder
	logged := 0
	for _, sk := range r.skipped {
		if !sk {
			logged++
		}
	}
	head := s.Header.Render("Calls from the phone") + s.HeaderDim.Render(fmt.Sprintf(" · %s proposed · %d to log", rotation.Plural(len(r.items), "call"), logged))
	b.WriteString(truncate(head, r.width) + "\n")
	if r.summary != "" {
		b.WriteString(truncate(s.Dim.Render(rotation.PrintableLine(r.summary)), r.width) + "\n")
	} else {
		b.WriteString("\n")
	}
	b.WriteString(s.Rule.Render(strings.Repeat("─", max(1, r.width))) + "\n")
	if len(r.items) == 0 {
		b.WriteString(s.Dim.Render("Nothing to log: every call of the file is logged already or is not a contact's.") + "\n")
	}
	end := min(len(r.items), r.offset+r.rows())
	for i := r.offset; i < end; i++ {
		b.WriteString(r.row(i) + "\n")
	}
	for i := end - r.offset; i < r.rows(); i++ {
		b.WriteString("\n")
	}
	if r.editing {
		name := rotation.PrintableLine(r.items[r.cursor].Name)
		b.WriteString(s.Label.Render("Note for "+clip(name, 24)+": ") + r.input.View() + "\n")
		b.WriteString(r.help([]key.Binding{
			key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "keep the note")),
			key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel")),
		}))
	} else {
		// The selected call's note in full: its row may cut it.
		if len(r.items) > 0 && r.notes[r.cursor] != "" {
			b.WriteString(truncate(s.Label.Render("Note: ")+rotation.PrintableLine(r.notes[r.cursor]), r.width))
		}
		b.WriteString("\n" + r.help([]key.Binding{r.keys.Accept, r.keys.Skip, r.keys.Note, r.keys.Apply, r.keys.Leave}))
	}
	v := tea.NewView(b.String())
	v.AltScreen = true
	return v
}

// row is one call: whether it is logged, when, who, which way, how long
// and what it is logged as, then its note.
func (r CallReview) row(i int) string {
	s := r.styles
	c := r.items[i]
	mark := s.Good.Render("log ")
	if r.skipped[i] {
		mark = s.Dim.Render("skip")
	}
	dir := "→ out"
	if c.Direction == "in" {
		dir = "← in"
	}
	what := string(c.Outcome)
	switch {
	case c.Returned:
		what = "missed: call back"
	case c.Outcome == rotation.NoAnswer:
		what = "no answer"
	}
	line := fmt.Sprintf("%s  %s  %s %s %5s  %s", mark, c.At.Format("Mon Jan _2 15:04"),
		padRight(clip(rotation.PrintableLine(c.Name), 18), 19), padRight(dir, 5), duration(c.Seconds), what)
	if n := r.notes[i]; n != "" {
		line += s.Dim.Render("  · " + rotation.PrintableLine(n))
	}
	line = truncate(line, max(10, r.width-2))
	if i == r.cursor {
		return s.Selected.Render("▸ " + line)
	}
	return "  " + line
}

// padRight pads s with spaces to n terminal cells.
func padRight(s string, n int) string {
	if w := ansi.StringWidth(s); w < n {
		return s + strings.Repeat(" ", n-w)
	}
	return s
}

// duration is a call's length as m:ss.
func duration(secs int) string {
	return fmt.Sprintf("%d:%02d", secs/60, secs%60)
}

// help is a line of keys and what they do.
func (r CallReview) help(keys []key.Binding) string {
	var parts []string
	for _, k := range keys {
		h := k.Help()
		parts = append(parts, r.styles.Key.Render(h.Key)+" "+r.styles.Dim.Render(h.Desc))
	}
	return truncate(strings.Join(parts, "  "), r.width)
}
