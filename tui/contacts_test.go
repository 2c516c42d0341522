package tui

import (
	"context"
	"slices"
	"strings"
	"testing"

	"rotate/rotation"
)

// TestContactsColumns: the Contacts table shows name, company, tier,
// cadence, next due, last talk and status at 80 columns, keeps every line
// within the terminal with wide names and companies, keeps the columns
// aligned after wide characters, and at narrow widths gives up the cadence
// first and the company never.
func TestContactsColumns(t *testing.T) {
	s := newBook(t)
	seedBook(t, s)
	ctx := context.Background()
	wide, err := s.AddContact(ctx, rotation.Contact{Name: "王小明 (Xiaoming Wang) 🚀 with a very long name", Tier: "A",
		Company:  "東京商事 🏢 Holdings International",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Due: today}}, today)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(ctx, wide.ID, rotation.Paused, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.AddContact(ctx, rotation.Contact{Name: "Ida Often", Tier: "B",
		Schedule: rotation.Schedule{Rule: rotation.MustRule("every mon,wed,fri"), Due: today}}, today); err != nil {
		t.Fatal(err)
	}
	all := []string{"Name", "Company", "T", "Cadence", "Next due", "Last talk", "Status"}
	for _, tt := range []struct {
		width   int
		missing []string // header titles given up at this width
	}{
		{140, nil},
		{100, nil},
		{80, nil},
		{76, nil},
		{75, []string{"Cadence"}},
		{64, []string{"Cadence"}},
		{63, []string{"Cadence", "Status"}},
		{54, []string{"Cadence", "Status"}},
		{53, []string{"Cadence", "Status", "Last talk"}},
		{40, []string{"Cadence", "Status", "Last talk"}},
	} {
		m := keysThen(t, open(t, s, tt.width, 24), "2")
		lines := strings.Split(screen(m), "\n")
		for i, l := range lines {
			if w := displayWidth(l); w > tt.width {
				t.Errorf("width %d: line %d is %d cells: %q", tt.width, i, w, l)
			}
		}
		header := lines[3]
		for _, title := range all {
			gone := strings.Contains(strings.Join(tt.missing, ","), title)
			if has := strings.Contains(header, " "+title); has == gone && tt.width >= 50 {
				t.Errorf("width %d: header %q, want %s shown: %v", tt.width, header, title, !gone)
			}
		}
		if tt.width < 80 {
			continue
		}
		// Every row starts its tier letter in the header's T column, wide
		// characters before it or not.
		tCol := displayWidth(header[:strings.Index(header, "  T  ")+2])
		for _, name := range []string{"Bob Smith", "王小明", "Jane Doe"} {
			row := lineWith(t, lines, name)
			if cell := []rune(stripPrefixCells(row, tCol)); len(cell) == 0 || !strings.ContainsRune("ABC", cell[0]) {
				t.Errorf("width %d: %s's row has no tier at cell %d: %q", tt.width, name, tCol, row)
			}
		}
		for _, want := range []string{"Smith & S", "weekly fri", "東京商事", "paused", "97 days ago"} {
			lineWith(t, lines, want)
		}
		// A long cadence shows whole where there is room after name and
		// company, and is cut with an ellipsis where there is not.
		if row := lineWith(t, lines, "Ida Often"); strings.Contains(row, "every mon,wed,fri") != (tt.width >= 140) {
			t.Errorf("width %d: the cadence of %q", tt.width, row)
		}
		if row := lineWith(t, lines, "王小明"); !strings.Contains(row, "…") {
			t.Errorf("width %d: the long name is not cut with an ellipsis: %q", tt.width, row)
		}
	}
	// Name and company share a wider terminal's slack.
	narrow, roomy := contactColumns(80, false), contactColumns(140, false)
	if roomy[0].width <= narrow[0].width || roomy[1].width <= narrow[1].width {
		t.Errorf("name %d→%d, company %d→%d cells from 80 to 140 columns",
			narrow[0].width, roomy[0].width, narrow[1].width, roomy[1].width)
	}
}

func lineWith(t *testing.T, lines []string, s string) string {
	t.Helper()
	for _, l := range lines {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Errorf("no line shows %q:\n%s", s, strings.Join(lines, "\n"))
	return ""
}

// stripPrefixCells drops the first n terminal cells of s.
func stripPrefixCells(s string, n int) string {
	for i := range s {
		if displayWidth(s[:i]) >= n {
			return s[i:]
		}
	}
	return ""
}

// TestFilterByAssignee: a filter word that begins with @ matches whom the
// contact is assigned to, by its start (@none: nobody in particular), and
// never the name; typing it letter by letter narrows as it should.
func TestFilterByAssignee(t *testing.T) {
	cs := []rotation.Contact{
		{Name: "Bob Smith", Assignee: "alice"},
		{Name: "Jane Doe", Assignee: "bob"},
		{Name: "Nora None"},
		{Name: "Ann Bobbins", Assignee: "bobby"},
	}
	names := func(idx []int) []string {
		var out []string
		for _, i := range idx {
			out = append(out, cs[i].Name)
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		typed []string // typed in turn, the last one checked
		want  []string
	}{
		{[]string{"@bob"}, []string{"Ann Bobbins", "Jane Doe"}},
		{[]string{"@", "@b", "@bo", "@bob", "@bobb"}, []string{"Ann Bobbins"}},
		{[]string{"@n", "@no", "@non", "@none"}, []string{"Nora None"}},
		{[]string{"@alice"}, []string{"Bob Smith"}},
		{[]string{"@alice bob"}, []string{"Bob Smith"}},
		{[]string{"@bob jane"}, []string{"Jane Doe"}},
		{[]string{"@smith"}, nil},
	} {
		mt := newMatcher(cs)
		var got []int
		for _, q := range tc.typed {
			got = mt.match(q)
		}
		if g := names(got); !slices.Equal(g, tc.want) {
			t.Errorf("typed %q: %q; want %q", tc.typed, g, tc.want)
		}
	}
}
