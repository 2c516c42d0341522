package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// todayJSON is one row of `rotate today --json` (docs/CLI.md).
type todayJSON struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Phone       string `json:"phone"`
	Tier        string `json:"tier"`
	Rule        string `json:"rule"` // the base rule, as in show and list
	Override    string `json:"override"`
	Until       any    `json:"override_until"`
	Due         string `json:"due"`
	OverdueDays int    `json:"overdue_days"`
	Attempts    int    `json:"attempts"`
	Unreachable bool   `json:"unreachable"`
	Reason      string `json:"reason"`
	Assignee    string `json:"assignee,omitempty"` // on a team book: whose call it is (absent: nobody's in particular)
	DueTime     string `json:"due_time,omitempty"` // HH:MM of a timed callback
	Returned    bool   `json:"returned_call,omitempty"`
}

func (a *app) todayCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "today",
		Short: "The due list for today: overdue first, then by priority",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				agenda, err := s.Today(ctx, today)
				if err != nil {
					return err
				}
				agenda.OrderAt(rotation.ClockAt(a.now().Local()))
				if asJSON {
					rows := make([]todayJSON, 0, len(agenda.Due))
					for _, it := range agenda.Due {
						rows = append(rows, todayJSON{
							ID: it.ID, Name: it.Name, Phone: it.FirstPhone(), Tier: it.Tier,
							Rule: it.Rule.String(), Override: it.Override.String(), Until: dateJSON(it.OverrideUntil),
							Due: it.Due.String(), OverdueDays: it.OverdueDays,
							Attempts: it.Attempts, Unreachable: it.Unreachable(), Reason: it.Reason, Assignee: it.Assignee,
							DueTime: it.DueTime.String(), Returned: !it.Returned.IsZero(),
						})
					}
					return a.out.json(rows)
				}
				me, _ := s.Who()
				a.printToday(agenda, today, me)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&a.everyone, "all", false, "on a team book, everyone's due calls you may see, not only yours and the unassigned ones")
	return cmd
}

// todayNameWidth is the most columns a name takes in rotate today.
const todayNameWidth = 24

// printToday prints the due list; on a team book (me is who is signed
// in) a call that is someone else's says whose.
func (a *app) printToday(agenda rotation.Agenda, today rotation.Date, me string) {
	o := a.out
	done, total := agenda.Progress()
	o.printf("%s  %s\n", o.bold.Render(today.Time().Format("Mon 2 Jan")),
		o.dim.Render(fmt.Sprintf("%d of %d done", done, total)))
	if len(agenda.Due) == 0 {
		switch {
		case agenda.Contacts == 0:
			o.printf("\nThe book is empty. Add someone: rotate add \"Jane Doe\" --phone \"+1 555 0100\" --tier A\n")
			o.printf("Or import your contacts: rotate import contacts.vcf (vCard, Google or Outlook CSV)\n")
		case agenda.NextDue.IsZero():
			o.printf("\nNothing due. No calls are planned yet.\n")
		default:
			o.printf("\nNothing due today. Next: %d on %s.\n", agenda.NextDueCount, agenda.NextDue.Short(today))
		}
		return
	}
	rows := make([][]string, 0, len(agenda.Due))
	for _, it := range agenda.Due {
		when := "today"
		switch {
		case !it.Returned.IsZero():
			when = "call back"
		case it.OverdueDays > 0:
			when = strconv.Itoa(it.OverdueDays) + "d late"
		case !it.DueTime.IsZero():
			when = it.DueTime.String()
		}
		flag := ""
		if it.Unreachable() {
			flag = "unreachable: try email or a note"
		}
		if it.Assignee != "" && it.Assignee != me {
			flag = strings.TrimSpace("@" + printableLine(it.Assignee) + " " + flag)
		}
		rows = append(rows, []string{"#" + strconv.FormatInt(it.ID, 10), ansi.Truncate(printableLine(it.Name), todayNameWidth, "…"), it.Tier,
			rotation.PhoneText(it.FirstPhone()), when, it.Reason, flag})
	}
	o.printf("\n")
	// A row too long for 80 columns puts its reason on the next line.
	o.tableFit(rows, 5, func(col int, cell string) string {
		switch col {
		case 0:
			return o.dim.Render(cell)
		case 1:
			return o.bold.Render(cell)
		case 4:
			if cell != "today" && !strings.Contains(cell, ":") {
				return o.warn.Render(cell)
			}
		case 6:
			return o.warn.Render(cell)
		}
		return cell
	})
}
