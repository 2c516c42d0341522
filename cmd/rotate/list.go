package main

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// listJSON is one row of `rotate list --json` (docs/CLI.md).
type listJSON struct {
	ID            int64  `json:"id"`
	Name          string `json:"name"`
	Company       string `json:"company"`
	Tier          string `json:"tier"`
	Rule          string `json:"rule"`
	Override      string `json:"override"`
	OverrideUntil any    `json:"override_until"`
	Due           any    `json:"due"`
	Status        string `json:"status"`
	Attempts      int    `json:"attempts"`
	LastContacted any    `json:"last_contacted"`
	Assignee      string `json:"assignee,omitempty"` // on a team book (see show)
}

func (a *app) listCommand() *cobra.Command {
	var tier, tag, sortBy, assignee string
	var all, asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "Contacts in the rotation, by name (--all adds paused and archived ones; --sort last or tier)",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := store.ListFilter{Tag: strings.TrimSpace(tag), All: all}
			order, err := rotation.ParseNameOrder(sortBy)
			if err != nil {
				return usagef("--sort: %v", err)
			}
			f.Sort = order
			if cmd.Flags().Changed("assignee") {
				if _, err := a.teamURL("list --assignee"); err != nil {
					return err
				}
				if f.Assignee = strings.TrimSpace(assignee); f.Assignee == "" || f.Assignee == "-" || strings.EqualFold(f.Assignee, store.NoOne) {
					f.Assignee = store.NoOne
				}
			}
			if cmd.Flags().Changed("tier") {
				t, err := rotation.ParseTier(tier)
				if err != nil {
					return usagef("--tier: %v", err)
				}
				f.Tier = t
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				cs, err := s.List(ctx, f)
				if err != nil {
					return err
				}
				if asJSON {
					rows := make([]listJSON, 0, len(cs))
					for _, c := range cs {
						rows = append(rows, listJSON{
							ID: c.ID, Name: c.Name, Company: c.Company, Tier: c.Tier, Rule: c.Rule.String(),
							Override: c.Override.String(), OverrideUntil: dateJSON(c.OverrideUntil),
							Due: dateJSON(c.Due), Status: string(c.Status), Attempts: c.Attempts,
							LastContacted: dateJSON(c.LastTalk), Assignee: c.Assignee,
						})
					}
					return a.out.json(rows)
				}
				// The column is there once the practice assigns anyone.
				assigned := slices.ContainsFunc(cs, func(c rotation.Contact) bool { return c.Assignee != "" })
				a.printList(cs, f, today, s.IsTeam() && assigned)
				return nil
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&tier, "tier", "", "only tier `T` (A, B or C)")
	fl.StringVar(&tag, "tag", "", "only contacts tagged `T` (case and accents do not matter)")
	fl.StringVar(&sortBy, "sort", "name", "order by `name`, last (last name) or tier")
	fl.BoolVar(&all, "all", false, "include paused and archived contacts")
	fl.StringVar(&assignee, "assignee", "", "on a team book, only the contacts assigned to `ROLE` (none: to nobody in particular)")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// printList prints the contacts; on a team book that assigns contacts
// (team) with whom each is assigned to.
func (a *app) printList(cs []rotation.Contact, f store.ListFilter, today rotation.Date, team bool) {
	o := a.out
	if len(cs) == 0 {
		what := "contacts"
		if !f.All {
			what = "active contacts"
		}
		if f.Tier != "" {
			what += " in tier " + f.Tier
		}
		if f.Tag != "" {
			what += " tagged " + printableLine(f.Tag)
		}
		switch f.Assignee {
		case "":
		case store.NoOne:
			what += " assigned to nobody in particular"
		default:
			what += " assigned to " + printableLine(f.Assignee)
		}
		o.printf("No %s.", what)
		if f.Tier == "" && f.Tag == "" && f.Assignee == "" {
			o.printf(" Add someone: rotate add \"Jane Doe\" --phone \"+1 555 0100\" --tier A")
		}
		o.printf("\n")
		return
	}
	dim := o.dim.Render
	header := []string{dim("id"), dim("name"), dim("tier"), dim("cadence"), dim("next call"), dim("last talk")}
	if team {
		header = append(header, dim("assigned"))
	}
	if f.All {
		header = append(header, dim("status"))
	}
	rows := [][]string{header}
	for _, c := range cs {
		next := c.Due.Short(today)
		switch {
		case c.Status != rotation.Active:
			next = dim("—")
		case c.Due == today:
			next = o.accent.Render("today")
		case c.Due < today:
			next = o.warn.Render(next)
		}
		status := string(c.Status)
		switch c.Status {
		case rotation.Paused:
			status = o.warn.Render(status)
		case rotation.Archived:
			status = dim(status)
		}
		row := []string{dim("#" + strconv.FormatInt(c.ID, 10)), o.bold.Render(printableLine(c.Name)), c.Tier,
			c.RuleLabel(today), next, rotation.Ago(c.LastTalk, today)}
		if team {
			who := dim("—")
			if c.Assignee != "" {
				who = printableLine(c.Assignee)
			}
			row = append(row, who)
		}
		if f.All {
			row = append(row, status)
		}
		rows = append(rows, row)
	}
	o.table(rows)
	o.printf("%s\n", dim(rotation.Plural(len(cs), "contact")))
}
