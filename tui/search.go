package tui

import (
	"fmt"
	"strings"

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
	seq    int // the latest query sent; older answers are dropped
	query  string
	err    error
}

type searchMsg struct {
	seq  int
	hits []rotation.SearchHit
	err  error
}

// searchLimit caps the hits shown for one query.
const searchLimit = 200

func newSearch(isDark bool) searchState {
	in := newInput(isDark)
	in.Prompt = "Search notes › "
	in.Placeholder = "words from any note or follow-up"
	in.CharLimit = 200
	return searchState{input: in}
}

// onSearchKey types into the query, moves through the hits and opens one.
func (m Model) onSearchKey(msg tea.KeyPressMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Back):
		if m.search.input.Value() == "" {
			mm, cmd := m.switchTo(viewToday)
			return mm, cmd
		}
		m.search.input.SetValue("")
		m.search.hits, m.search.query = nil, ""
		return m, nil
	case msg.String() == "down" || msg.String() == "ctrl+n":
		m.search.cursor = min(m.search.cursor+1, max(len(m.search.hits)-1, 0))
		return m, nil
	case msg.String() == "up" || msg.String() == "ctrl+p":
		m.search.cursor = max(m.search.cursor-1, 0)
		return m, nil
	case key.Matches(msg, k.Open):
		if m.search.cursor < len(m.search.hits) {
			return m, m.openHistory(m.search.hits[m.search.cursor].ContactID)
		}
		return m, nil
	}
	if mm, cmd, ok := m.viewKeyNoDigits(msg); ok {
		return mm, cmd
	}
	var cmd tea.Cmd
	before := m.search.input.Value()
	m.search.input, cmd = m.search.input.Update(msg)
	if q := m.search.input.Value(); q != before {
		m.search.seq++
		st, ctx, seq := m.store, m.ctx, m.search.seq
		m.search.query = q
		return m, tea.Batch(cmd, func() tea.Msg {
			hits, err := st.Search(ctx, q, searchLimit)
			return searchMsg{seq, hits, err}
		})
	}
	return m, cmd
}

// viewKeyNoDigits is viewKey for views that take typed text: only tab and
// shift+tab switch views there.
func (m Model) viewKeyNoDigits(msg tea.KeyPressMsg) (Model, tea.Cmd, bool) {
	if key.Matches(msg, m.keys.NextView, m.keys.PrevView) {
		return m.viewKey(msg)
	}
	return m, nil, false
}

func (m Model) onSearchResult(msg searchMsg) (tea.Model, tea.Cmd) {
	if msg.seq != m.search.seq {
		return m, nil
	}
	m.search.hits, m.search.err = msg.hits, msg.err
	m.search.cursor = min(m.search.cursor, max(len(msg.hits)-1, 0))
	return m, nil
}

// searchView shows the query and the hits, the match highlighted.
func (m Model) searchView() string {
	s := m.styles
	lines := []string{" " + m.search.input.View(), ""}
	switch {
	case m.search.err != nil:
		lines = append(lines, s.StatusErr.Render(" "+OneLine(m.search.err.Error())))
	case strings.TrimSpace(m.search.query) == "":
		lines = append(lines, s.Dim.Render(" Type to search every note and follow-up ever written; words match by their start."))
	case len(m.search.hits) == 0:
		lines = append(lines, s.Dim.Render(" Nothing matches."))
	default:
		lines = append(lines, s.Dim.Render(fmt.Sprintf(" %d matches, newest first", len(m.search.hits))))
	}
	rows := max(1, (m.bodyHeight()-len(lines))/2)
	start := max(0, m.search.cursor-rows+1)
	for i := start; i < len(m.search.hits) && i < start+rows; i++ {
		h := m.search.hits[i]
		kind := "note"
		if h.FollowUpID != 0 {
			kind = "follow-up"
		}
		head := fmt.Sprintf("%s · %s · %s", OneLine(h.Name), rotation.DateOf(h.At.Local()).Short(m.today), kind)
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
// around the store's markers.
func highlight(snippet string, s Styles) string {
	var b strings.Builder
	for i, part := range strings.Split(snippet, rotation.HitStart) {
		if i == 0 {
			b.WriteString(OneLine(part))
			continue
		}
		hit, rest, _ := strings.Cut(part, rotation.HitEnd)
		b.WriteString(s.Match.Render(OneLine(hit)))
		b.WriteString(OneLine(rest))
	}
	return b.String()
}
