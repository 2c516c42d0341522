package tui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// searchState is the Search view: a query and the notes and follow-ups
// that match it, newest first.
type searchState struct {
	input  textinput.Model
	hits   []rotation.SearchHit
	cursor int
	seq    int    // the latest query typed; older timers and answers are dropped
	query  string // the query typed
	// answered is the query the hits answer; while it differs from query
	// the hits are the previous query's, or none yet.
	answered string
	// cancel stops the search in flight, if any: a query typed on makes
	// its answer useless, and on a big book it holds the database.
	cancel context.CancelFunc
	slow   bool // the search in flight has taken long enough to say so
	err    error
}

type (
	searchMsg struct {
		seq  int
		hits []rotation.SearchHit
		err  error
	}
	searchTickMsg struct{ seq int } // typing paused: search now
	searchSlowMsg struct{ seq int } // the search has run for searchSlowAfter
)

// searchLimit caps the hits shown for one query.
const searchLimit = 200

// searchDelay is how long typing must pause before the query is searched:
// a burst of keys makes one search, not one per key.
const searchDelay = 150 * time.Millisecond

// searchSlowAfter is how long a search runs before the view says it is
// searching; a quick one never flashes the word.
const searchSlowAfter = 300 * time.Millisecond

func newSearch(isDark bool) searchState {
	in := newInput(isDark)
	in.Prompt = "Search notes › "
	in.Placeholder = "words from any note or follow-up"
	in.CharLimit = 200
	return searchState{input: in}
}

// onSearchKey types into the query, moves through the hits and opens one.
// '?' shows the keys: it is no word character, so a query never needs it.
func (m Model) onSearchKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.ClearQuery):
		if m.search.input.Value() == "" {
			mm, cmd := m.switchTo(viewToday)
			return mm, cmd
		}
		m.search.input.SetValue("")
		return m.searchChanged()
	case key.Matches(msg, k.Help):
		m.showHelp = true
		return m, nil
	case msg.String() == "down" || msg.String() == "ctrl+n":
		m.search.cursor = min(m.search.cursor+1, max(len(m.search.hits)-1, 0))
		return m, nil
	case msg.String() == "up" || msg.String() == "ctrl+p":
		m.search.cursor = max(m.search.cursor-1, 0)
		return m, nil
	case key.Matches(msg, k.OpenHit):
		if m.search.cursor < len(m.search.hits) {
			return m, m.openHit(m.search.hits[m.search.cursor])
		}
		return m, nil
	case key.Matches(msg, k.LogHit):
		if m.search.cursor < len(m.search.hits) {
			return m.logFor(m.search.hits[m.search.cursor].ContactID)
		}
		return m, nil
	}
	if mm, cmd, ok := m.viewKeyNoDigits(msg); ok {
		return mm, cmd
	}
	var cmd tea.Cmd
	before := m.search.input.Value()
	m.search.input, cmd = m.search.input.Update(msg)
	if m.search.input.Value() != before {
		mm, search := m.searchChanged()
		return mm, tea.Batch(cmd, search)
	}
	return m, cmd
}

// searchChanged follows an edit of the query: the search in flight is
// stopped and a new one waits for typing to pause. An empty query clears
// the hits at once.
func (m Model) searchChanged() (Model, tea.Cmd) {
	m.stopSearch()
	m.search.seq++
	m.search.query = m.search.input.Value()
	if strings.TrimSpace(m.search.query) == "" {
		m.search.hits, m.search.err, m.search.cursor, m.search.answered = nil, nil, 0, ""
		return m, nil
	}
	seq := m.search.seq
	return m, m.tick(searchDelay, func(time.Time) tea.Msg { return searchTickMsg{seq} })
}

// stopSearch cancels the search in flight, if any.
func (m *Model) stopSearch() {
	if m.search.cancel != nil {
		m.search.cancel()
	}
	m.search.cancel, m.search.slow = nil, false
}

// onSearchTick starts the search once typing has paused on a query.
func (m Model) onSearchTick(msg searchTickMsg) (tea.Model, tea.Cmd) {
	if msg.seq != m.search.seq {
		return m, nil
	}
	m.stopSearch()
	ctx, cancel := context.WithCancel(m.ctx)
	m.search.cancel = cancel
	st, q, seq := m.store, m.search.query, m.search.seq
	return m, tea.Batch(
		func() tea.Msg {
			hits, err := st.Search(ctx, q, searchLimit)
			return searchMsg{seq, hits, err}
		},
		m.tick(searchSlowAfter, func(time.Time) tea.Msg { return searchSlowMsg{seq} }))
}

// onSearchSlow says "searching" when the search in flight is slow.
func (m Model) onSearchSlow(msg searchSlowMsg) (tea.Model, tea.Cmd) {
	if msg.seq == m.search.seq && m.search.cancel != nil {
		m.search.slow = true
	}
	return m, nil
}

// openHit opens the briefing and full history of a hit's contact,
// scrolled to the call or follow-up that matched.
func (m Model) openHit(h rotation.SearchHit) tea.Cmd {
	st, ctx := m.store, m.ctx
	return func() tea.Msg {
		msg := loadHistory(ctx, st, h.ContactID)
		msg.focus = historyFocus{call: h.CallID, followUp: h.FollowUpID}
		return msg
	}
}

// viewKeyNoDigits is viewKey for views that take typed text: only tab and
// shift+tab switch views there.
func (m Model) viewKeyNoDigits(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	if key.Matches(msg, m.keys.NextView, m.keys.PrevView) {
		return m.viewKey(msg)
	}
	return m, nil, false
}

// onSearchResult shows the hits of the latest query. An answer to an
// older query, cancelled or not, is dropped: it never shows, not even as
// an error.
func (m Model) onSearchResult(msg searchMsg) (tea.Model, tea.Cmd) {
	if msg.seq != m.search.seq {
		return m, nil
	}
	m.stopSearch()
	if errors.Is(msg.err, context.Canceled) {
		return m, nil // the program is ending
	}
	m.search.hits, m.search.err, m.search.cursor = msg.hits, msg.err, 0
	m.search.answered = m.search.query
	return m, nil
}

// searchView shows the query and the hits, the match highlighted.
func (m Model) searchView() string {
	s := m.styles
	lines := []string{" " + m.search.input.View(), ""}
	switch {
	case m.search.err != nil:
		lines = append(lines, s.StatusErr.Render(" "+rotation.PrintableLine(m.search.err.Error())))
	case strings.TrimSpace(m.search.query) == "":
		for _, l := range strings.Split(wrap("Type to search every note and follow-up ever written; words match by their start.", max(m.width-2, 1)), "\n") {
			lines = append(lines, s.Dim.Render(" "+l))
		}
	case m.search.slow:
		lines = append(lines, s.Dim.Render(" Searching…"))
	case len(m.search.hits) == 0 && m.search.answered != m.search.query:
		lines = append(lines, "") // the first answer is on its way
	case len(m.search.hits) == 0:
		lines = append(lines, s.Dim.Render(" Nothing matches."))
	case len(m.search.hits) == searchLimit:
		lines = append(lines, s.Dim.Render(fmt.Sprintf(" The %d newest matches", searchLimit)))
	default:
		lines = append(lines, s.Dim.Render(fmt.Sprintf(" %s, newest first", rotation.Plural(len(m.search.hits), "match"))))
	}
	rows := max(1, (m.bodyHeight()-len(lines))/2)
	start := max(0, m.search.cursor-rows+1)
	for i := start; i < len(m.search.hits) && i < start+rows; i++ {
		h := m.search.hits[i]
		kind := "note"
		if h.FollowUpID != 0 {
			kind = "follow-up"
		}
		head := fmt.Sprintf("%s · %s · %s%s", rotation.PrintableLine(h.Name), rotation.DateOf(h.At.Local()).Short(m.today), kind, byWords(h.By, m.role))
		marker := "  "
		if i == m.search.cursor {
			marker = s.Accent.Render("▸ ")
			head = s.Name.Render(head)
		} else {
			head = s.Label.Render(head)
		}
		lines = append(lines, truncate(marker+head, m.width), truncate("    "+highlight(h.Snippet, s), m.width))
	}
	return strings.Join(lines, "\n")
}

// highlight styles the matched words of a snippet, cleaning the text
// around the store's markers. The snippet goes on one line first, as
// `rotate search` prints it: a line break next to a match is a space, not
// dropped ("off to the Alps", never "off to theAlps").
func highlight(snippet string, s Styles) string {
	var b strings.Builder
	snippet = strings.Join(strings.Fields(snippet), " ")
	for i, part := range strings.Split(snippet, rotation.HitStart) {
		if i == 0 {
			b.WriteString(rotation.PrintableLine(part))
			continue
		}
		hit, rest, _ := strings.Cut(part, rotation.HitEnd)
		b.WriteString(s.Match.Render(rotation.PrintableLine(hit)))
		b.WriteString(rotation.PrintableLine(rest))
	}
	return b.String()
}
