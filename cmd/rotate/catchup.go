package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/charmbracelet/x/term"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// catchUpJSON is what `rotate catchup --json` prints.
type catchUpJSON struct {
	Due     int            `json:"due"`
	Limit   int            `json:"limit"`
	Applied bool           `json:"applied"`
	Days    int            `json:"days"`
	Last    string         `json:"last"`
	PerDay  []upcomingJSON `json:"per_day"`
	Moves   []catchUpMove  `json:"moves"`
	// Kept are the calls that stay on a date typed or asked for.
	Kept []catchUpKept `json:"kept"`
}

type catchUpKept struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

type catchUpMove struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	From string `json:"from"`
	To   string `json:"to"`
}

func (a *app) catchupCommand() *cobra.Command {
	var dryRun, asJSON, yes bool
	cmd := &cobra.Command{
		Use:   "catchup",
		Short: "Spread a backlog that is more than today holds over the next workdays",
		Long: `After a vacation or a sick week the due list can hold more calls than a
day takes. catchup keeps the most urgent ones today and moves the rest to
the next workdays with room, highest priority first, so that no day holds
more than the daily capacity (the figure rotate upcoming shows).

On a terminal it shows the plan and asks before moving anything; --yes
moves without asking. From a script (no terminal) it applies the plan and
prints it. --dry-run prints the plan and changes nothing.`,
		Example: `  rotate catchup --dry-run
  rotate catchup
  rotate catchup --yes`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				plan, err := s.PlanCatchUp(ctx, today)
				if err != nil {
					return err
				}
				agenda, err := s.Today(ctx, today)
				if err != nil {
					return err
				}
				names := map[int64]string{}
				for _, it := range agenda.Due {
					names[it.ID] = it.Name
				}
				apply := plan.Moving() && !dryRun
				if apply && !yes && !asJSON && a.interactive() {
					a.printCatchUp(plan, names, today, false, true)
					if apply = a.confirm(fmt.Sprintf("Move these %s?", rotation.Plural(len(plan.Moves), "call"))); !apply {
						a.out.printf("%s\n", a.out.dim.Render("Nothing changed."))
						return nil
					}
					moved, err := s.ApplyCatchUp(ctx, plan)
					if err != nil {
						return err
					}
					a.out.printf("Moved %s.\n", rotation.Plural(moved, "call"))
					return nil
				}
				applied := false
				if apply {
					moved, err := s.ApplyCatchUp(ctx, plan)
					if err != nil {
						return err
					}
					applied = moved > 0
				}
				if asJSON {
					return a.out.json(catchUpToJSON(plan, names, today, applied))
				}
				a.printCatchUp(plan, names, today, applied, false)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&dryRun, "dry-run", false, "print the plan, change nothing")
	cmd.Flags().BoolVarP(&yes, "yes", "y", false, "apply the plan without asking")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON (applies the plan unless --dry-run)")
	return cmd
}

// interactive reports whether a person is at the command: standard input
// and output are both terminals.
func (a *app) interactive() bool {
	in, inOK := a.stdin.(*os.File)
	out, outOK := a.stdout.(*os.File)
	return inOK && outOK && term.IsTerminal(in.Fd()) && term.IsTerminal(out.Fd())
}

// confirm asks a yes/no question on the terminal; anything but y or yes
// (an empty line, end of input) is no.
func (a *app) confirm(question string) bool {
	a.out.printf("\n%s [y/N] ", question)
	line, _ := bufio.NewReader(a.stdin).ReadString('\n')
	answer := strings.ToLower(strings.TrimSpace(line))
	return answer == "y" || answer == "yes"
}

func catchUpToJSON(plan rotation.CatchUpPlan, names map[int64]string, today rotation.Date, applied bool) catchUpJSON {
	out := catchUpJSON{Due: len(plan.Today) + len(plan.Moves), Limit: plan.Limit, Applied: applied,
		Days: plan.Days, Last: plan.Last.String(), PerDay: []upcomingJSON{}, Moves: []catchUpMove{}, Kept: []catchUpKept{}}
	for _, id := range plan.Kept {
		out.Kept = append(out.Kept, catchUpKept{id, names[id]})
	}
	for _, d := range plan.PerDay(today) {
		out.PerDay = append(out.PerDay, upcomingJSON{Date: d.Date.String(), Count: d.Count, Workday: true})
	}
	for _, m := range plan.Moves {
		out.Moves = append(out.Moves, catchUpMove{m.ID, names[m.ID], m.From.String(), m.To.String()})
	}
	return out
}

// printCatchUp shows a plan: what it did when applied, else what it would
// do, with how to apply it unless asking is the next thing.
func (a *app) printCatchUp(plan rotation.CatchUpPlan, names map[int64]string, today rotation.Date, applied, asking bool) {
	o := a.out
	due := len(plan.Today) + len(plan.Moves)
	kept := func() {
		if len(plan.Kept) == 0 {
			return
		}
		var who []string
		for _, id := range plan.Kept {
			who = append(who, printableLine(names[id]))
		}
		o.printf("%s\n", o.dim.Render("Kept on the date typed or asked for: "+strings.Join(who, ", ")+"."))
	}
	if !plan.Moving() {
		if due > plan.Limit {
			o.printf("%s due today, more than a day holds (%d), but none can move.\n", rotation.Plural(due, "call"), plan.Limit)
			kept()
			return
		}
		o.printf("%s due today; a day holds %d, so there is nothing to spread.\n", rotation.Plural(due, "call"), plan.Limit)
		return
	}
	verb := "Would move"
	if applied {
		verb = "Moved"
	}
	o.printf("%s\n\n", o.bold.Render(fmt.Sprintf("%s due today, more than a day holds (%d). %s %d to the next %s:",
		rotation.Plural(due, "call"), plan.Limit, verb, len(plan.Moves), rotation.Plural(plan.Days-1, "workday"))))
	var rows [][]string
	for _, d := range plan.PerDay(today) {
		label := d.Date.Short(today)
		what := rotation.Plural(d.Count, "call")
		if d.Date == today {
			what += " stay today, the most urgent"
		} else {
			what += " moved here"
		}
		rows = append(rows, []string{label, what})
	}
	o.table(rows)
	o.printf("\n")
	rows = rows[:0]
	for _, m := range plan.Moves {
		rows = append(rows, []string{printableLine(names[m.ID]), o.dim.Render(m.From.Short(today) + " →"), m.To.Short(today)})
	}
	o.table(rows)
	if len(plan.Kept) > 0 {
		o.printf("\n")
		kept()
	}
	if !applied && !asking {
		o.printf("\n%s\n", o.dim.Render("Nothing changed. Run rotate catchup to apply the plan."))
	}
}
