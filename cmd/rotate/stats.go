package main

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// statsJSON is `rotate stats --json` (docs/CLI.md). coverage and the values of
// coverage_by_tier are fractions 0..1 of active contacts reached within
// their cadence; calls_per_week runs oldest week first, the last entry
// being the seven days that end today.
type statsJSON struct {
	Contacts       int                `json:"contacts"`
	Active         int                `json:"active"`
	DueToday       int                `json:"due_today"`
	Overdue        int                `json:"overdue"`
	Coverage       float64            `json:"coverage"`
	CoverageByTier map[string]float64 `json:"coverage_by_tier"`
	StreakDays     int                `json:"streak_days"`
	CallsLast7Days int                `json:"calls_last_7_days"`
	CallsPerWeek   []int              `json:"calls_per_week"`
	Outcomes       map[string]int     `json:"outcomes"`
	// Conversations counts reached touches per channel over the same
	// weeks; inbound the touches they started.
	Conversations map[string]int `json:"conversations"`
	Inbound       int            `json:"inbound"`
	// The counts behind the coverage figures, as the dashboard shows them.
	Covered       coverageJSON            `json:"covered"`
	CoveredByTier map[string]coverageJSON `json:"covered_by_tier"`
	// The active contacts longest without a conversation, never-reached
	// ones first (last_talk empty for them).
	LongestWithout []longestJSON `json:"longest_without_talk"`
	// People is each member's figures, with --all on a team book.
	People []memberStatsJSON `json:"people,omitempty"`
}

// memberStatsJSON is one member of `rotate stats --all --json`: the calls they
// logged in the last seven days, the coverage of the contacts whose calls
// are theirs (an assistant's, an owner's and the unassigned ones) and
// their streak.
type memberStatsJSON struct {
	Role           string  `json:"role"`
	Kind           string  `json:"kind"`
	CallsLast7Days int     `json:"calls_last_7_days"`
	Coverage       float64 `json:"coverage"`
	StreakDays     int     `json:"streak_days"`
}

// coverageJSON is "covered of active".
type coverageJSON struct {
	Covered int `json:"covered"`
	Active  int `json:"active"`
}

// longestJSON is one contact of the longest-without-a-conversation list.
type longestJSON struct {
	ID       int64  `json:"id"`
	Name     string `json:"name"`
	Tier     string `json:"tier"`
	LastTalk string `json:"last_talk"`
	Days     *int   `json:"days_since_talk"`
}

func (a *app) statsCommand() *cobra.Command {
	var asJSON, all bool
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Coverage by tier, streak and calls per week",
		Long: `Coverage is the share of active contacts whose call is not late: not
overdue, and reached within their cadence (plus its tolerance window) when
they were ever reached. The streak counts the workdays in a row on which
the due list was cleared; a workday with nothing due counts as cleared.

On a team book the figures are yours (your list, your calls, your streak);
--all gives the practice's, with each person's calls, coverage and streak
(an assistant sees their own). The practice's streak counts the workdays
on which no call of the practice was left late.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if all {
				if _, err := a.teamURL("stats --all"); err != nil {
					return err
				}
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				var st rotation.Stats
				var people []rotation.PersonStats
				var err error
				if all {
					st, people, err = s.PracticeStats(ctx, today)
				} else {
					st, err = s.Stats(ctx, today)
				}
				if err != nil {
					return err
				}
				if asJSON {
					return a.out.json(newStatsJSON(st, people, all, today))
				}
				if all {
					a.out.printf("%s\n\n", a.out.bold.Render("The practice"))
				}
				a.printStats(st, today)
				if all {
					a.printPeople(people)
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&all, "all", false, "on a team book, the practice's figures and each person's")
	return cmd
}

// newStatsJSON is rotate stats --json; people (with --all) each member's.
func newStatsJSON(st rotation.Stats, people []rotation.PersonStats, all bool, today rotation.Date) statsJSON {
	j := statsJSON{
		Contacts: st.Contacts, Active: st.Active, DueToday: st.DueToday, Overdue: st.Overdue,
		Coverage: st.Coverage.Share(), CoverageByTier: map[string]float64{},
		StreakDays: st.StreakDays, CallsLast7Days: st.CallsLast7Days,
		CallsPerWeek: append([]int{}, st.Weekly...), Outcomes: map[string]int{},
		Conversations: map[string]int{}, Inbound: st.Inbound,
	}
	for via, n := range st.Conversations {
		j.Conversations[string(via)] = n
	}
	j.Covered = coverageJSON{Covered: st.Coverage.Covered, Active: st.Coverage.Active}
	j.CoveredByTier = map[string]coverageJSON{}
	for tier, c := range st.ByTier {
		j.CoverageByTier[tier] = c.Share()
		j.CoveredByTier[tier] = coverageJSON{Covered: c.Covered, Active: c.Active}
	}
	j.LongestWithout = []longestJSON{}
	for _, c := range st.Longest {
		l := longestJSON{ID: c.ID, Name: c.Name, Tier: c.Tier}
		if !c.LastTalk.IsZero() {
			days := c.LastTalk.DaysUntil(today)
			l.LastTalk, l.Days = c.LastTalk.String(), &days
		}
		j.LongestWithout = append(j.LongestWithout, l)
	}
	for oc, n := range st.Outcomes {
		if oc != "" {
			j.Outcomes[string(oc)] = n
		}
	}
	if all {
		j.People = []memberStatsJSON{}
	}
	for _, p := range people {
		j.People = append(j.People, memberStatsJSON{p.Role, p.Kind, p.CallsLast7Days, p.Coverage.Share(), p.StreakDays})
	}
	return j
}

// printPeople is each member's line of rotate stats --all.
func (a *app) printPeople(people []rotation.PersonStats) {
	o := a.out
	dim := o.dim.Render
	if len(people) == 0 {
		return
	}
	o.printf("\n%s\n", o.bold.Render("People"))
	rows := [][]string{{dim("  who"), dim("calls, 7 days"), dim("coverage"), dim("streak")}}
	for _, p := range people {
		cov := dim("—")
		if p.Coverage.Active > 0 {
			cov = percent(p.Coverage.Share()) + dim(fmt.Sprintf(" %d of %d", p.Coverage.Covered, p.Coverage.Active))
		}
		rows = append(rows, []string{"  " + printableLine(p.Role) + dim(" · "+p.Kind), itoa(p.CallsLast7Days), cov,
			rotation.Plural(p.StreakDays, "workday")})
	}
	o.table(rows)
}

func (a *app) printStats(st rotation.Stats, today rotation.Date) {
	o := a.out
	dim := o.dim.Render
	if st.Contacts == 0 {
		o.printf("The book is empty. Add someone: rotate add \"Jane Doe\" --phone \"+1 555 0100\" --tier A\n")
		return
	}
	rows := [][]string{{o.bold.Render("Coverage"), percent(st.Coverage.Share()), meter(o, st.Coverage.Share()),
		dim(coverageWords(st))}}
	for _, tier := range rotation.Tiers {
		c, ok := st.ByTier[tier]
		if !ok {
			continue
		}
		rows = append(rows, []string{"  tier " + tier, percent(c.Share()), meter(o, c.Share()), dim(fmt.Sprintf("%d of %d", c.Covered, c.Active))})
	}
	o.table(rows)
	o.printf("\n")
	streak := rotation.Plural(st.StreakDays, "workday") + " in a row with the list cleared"
	if st.StreakDays == 0 {
		streak = "none yet: clear today's list to start one"
	}
	due := fmt.Sprintf("%d due today", st.DueToday)
	if st.Overdue > 0 {
		due += ", " + o.warn.Render(fmt.Sprintf("%d overdue", st.Overdue))
	}
	o.table([][]string{
		{o.bold.Render("Streak"), streak},
		{o.bold.Render("Today"), due},
		{o.bold.Render("Last 7 days"), rotation.Plural(st.CallsLast7Days, "call")},
		{o.bold.Render("Per week"), sparkline(st.Weekly) + dim(fmt.Sprintf("  last %s, %s this week", rotation.Plural(len(st.Weekly), "week"), rotation.Plural(lastOf(st.Weekly), "call")))},
		{o.bold.Render("Talks"), st.TalksWords()},
		{o.bold.Render("Contacts"), fmt.Sprintf("%d active of %d", st.Active, st.Contacts)},
	})
	if len(st.Longest) > 0 {
		o.printf("\n%s\n", o.bold.Render("Longest without a talk"))
		var longest [][]string
		for _, c := range st.Longest {
			longest = append(longest, []string{"  " + ansi.Truncate(printableLine(c.Name), 40, "…"), dim(rotation.Ago(c.LastTalk, today))})
		}
		o.table(longest)
	}
}

// coverageWords says what the coverage counts: the active contacts whose
// call is not late, and how many of them were never reached yet (not late
// either, but not "reached within their cadence").
func coverageWords(st rotation.Stats) string {
	w := fmt.Sprintf("%d of %d not late", st.Coverage.Covered, st.Coverage.Active)
	if st.NeverReached > 0 {
		w += fmt.Sprintf(", %d never reached", st.NeverReached)
	}
	return w
}

// percent formats a fraction as a whole percentage.
func percent(f float64) string { return fmt.Sprintf("%3.0f%%", math.Floor(f*100+0.5)) }

// meter is a 20-cell bar for a fraction.
func meter(o *output, f float64) string {
	const width = 20
	n := int(math.Floor(f*width + 0.5))
	return o.good.Render(strings.Repeat("█", n)) + o.dim.Render(strings.Repeat("░", width-n))
}

// sparkline draws counts as a row of eighth blocks, scaled to the largest.
func sparkline(counts []int) string {
	blocks := []rune("·▁▂▃▄▅▆▇█")
	top := 0
	for _, n := range counts {
		top = max(top, n)
	}
	var b strings.Builder
	for _, n := range counts {
		i := 0
		if top > 0 && n > 0 {
			i = max(1, int(math.Round(float64(n)/float64(top)*8)))
		}
		b.WriteRune(blocks[i])
	}
	return b.String()
}

func lastOf(xs []int) int {
	if len(xs) == 0 {
		return 0
	}
	return xs[len(xs)-1]
}
