package main

import (
	"context"
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
	var tier, tag, sortBy string
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
				a.printList(cs, f, today)
				return nil
			})
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&tier, "tier", "", "only tier `T` (A, B or C)")
	fl.StringVar(&tag, "tag", "", "only contacts tagged `T` (case and accents do not matter)")
	fl.StringVar(&sortBy, "sort", "name", "order by `name`, last (last name) or tier")
	fl.BoolVar(&all, "all", false, "include paused and archived contacts")
	fl.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) printList(cs []rotation.Contact, f store.ListFilter, today rotation.Date) {
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
		o.printf("No %s.", what)
		if f.Tier == "" && f.Tag == "" {
			o.printf(" Add someone: rotate add \"Jane Doe\" --phone \"+1 555 0100\" --tier A")
		}
		o.printf("\n")
		return
	}
	dim := o.dim.Render
	header := []string{dim("id"), dim("name"), dim("tier"), dim("cadence"), dim("next call"), dim("last talk")}
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
		if f.All {
			row = append(row, status)
		}
		rows = append(rows, row)
	}
	o.table(rows)
	o.printf("%s\n", dim(rotation.Plural(len(cs), "contact")))
}
