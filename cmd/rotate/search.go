package main

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// searchJSON is one hit of `rotate search --json` (docs/CLI.md). The matched
// words in snippet are between [ and ]. A hit in a follow-up has call_id
// 0 and its id in followup_id.
type searchJSON struct {
	ContactID  int64  `json:"contact_id"`
	Name       string `json:"name"`
	CallID     int64  `json:"call_id"`
	FollowUpID int64  `json:"followup_id"`
	At         any    `json:"at"`
	Snippet    string `json:"snippet"`
	By         string `json:"by,omitempty"`        // who logged the call, on a team book
	Via        string `json:"via,omitempty"`       // a note's touch: its channel
	Direction  string `json:"direction,omitempty"` // out or in

}

func (a *app) searchCommand() *cobra.Command {
	var limit int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "search QUERY",
		Short: "Search every note and follow-up, newest first",
		Long: `Search every call note and follow-up, newest first. Each word matches
the start of a word, accents ignored ("jurg" finds Jürgen); all words
must appear.`,
		Args: usageArgs(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			query := strings.TrimSpace(strings.Join(args, " "))
			if query == "" {
				return usagef("search for what? give some words: rotate search cruise")
			}
			if limit < 1 {
				return usagef("--limit %d: use a number of hits from 1 up", limit)
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				hits, err := s.Search(ctx, query, limit)
				if err != nil {
					return err
				}
				if asJSON {
					rows := make([]searchJSON, 0, len(hits))
					for _, h := range hits {
						snip := strings.NewReplacer(rotation.HitStart, "[", rotation.HitEnd, "]").Replace(h.Snippet)
						rows = append(rows, searchJSON{h.ContactID, h.Name, h.CallID, h.FollowUpID, stampJSON(h.At), snip, h.By, string(h.Via), string(h.Direction)})
					}
					return a.out.json(rows)
				}
				me, _ := s.Who()
				a.printHits(hits, query, limit, today, me)
				return nil
			})
		},
	}
	cmd.Flags().IntVar(&limit, "limit", 100, "at most `N` hits")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) printHits(hits []rotation.SearchHit, query string, limit int, today rotation.Date, me string) {
	o := a.out
	if len(hits) == 0 {
		o.printf("No notes or follow-ups match %q.\n", printableLine(query))
		return
	}
	var rows [][]string
	for _, h := range hits {
		text := highlight(o, h.Snippet)
		switch {
		case h.FollowUpID != 0:
			text = o.dim.Render("follow-up: ") + text
		case h.Via != "" && (h.Via != rotation.KindCall || h.Direction == rotation.In):
			k := rotation.Call{Kind: h.Via, Direction: h.Direction, Outcome: h.Outcome}
			text = o.dim.Render(printableLine(k.Label())+": ") + text
		}
		if by := byWords(h.By, me); by != "" {
			text += o.dim.Render(by)
		}
		rows = append(rows, []string{
			o.dim.Render(rotation.DateOf(h.At.Local()).Short(today)),
			o.bold.Render(printableLine(h.Name)) + o.dim.Render(" #"+itoa64(h.ContactID)),
			text,
		})
	}
	o.table(rows)
	more := ""
	if len(hits) == limit {
		more = " (the newest; --limit shows more)"
	}
	n := "1 match"
	if len(hits) != 1 {
		n = itoa(len(hits)) + " matches"
	}
	o.printf("%s\n", o.dim.Render(n+more))
}

// highlight renders a search snippet on one line with the matched words
// in bold. The text between the markers is cleaned piece by piece, so the
// markers themselves never reach the terminal.
func highlight(o *output, snippet string) string {
	var b strings.Builder
	rest := strings.Join(strings.Fields(snippet), " ")
	for {
		before, after, found := strings.Cut(rest, rotation.HitStart)
		b.WriteString(printable(before))
		if !found {
			return b.String()
		}
		match, tail, _ := strings.Cut(after, rotation.HitEnd)
		b.WriteString(o.bold.Render(printable(match)))
		rest = tail
	}
}
