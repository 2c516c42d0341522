package main

import (
	"context"
	"fmt"
	"slices"
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
	// The client's zone, "HH:MM" there now and whether that is within the
	// calling hours: absent when the zone is not known.
	TZ          any `json:"tz,omitempty"`
	LocalTime   any `json:"local_time,omitempty"`
	CallableNow any `json:"callable_now,omitempty"`
}

func (a *app) todayCommand() *cobra.Command {
	var asJSON bool
	var sortBy string
	cmd := &cobra.Command{
		Use:   "today",
		Short: "The due list for today: overdue first, then by priority",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if sortBy != "priority" && sortBy != "likely" {
				return usagef("--sort %q: use priority or likely", sortBy)
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				agenda, err := s.Today(ctx, today)
				if err != nil {
					return err
				}
				set, err := s.Settings(ctx)
				if err != nil {
					return err
				}
				clocks := a.dueClocks(agenda.Due, set.Hours, today)
				clocks = a.orderAt(&agenda, clocks)
				if sortBy == "likely" {
					// Computed only when asked: the default list stays as fast.
					likely, err := s.LikelyNow(ctx, agenda.Due, a.now())
					if err != nil {
						return err
					}
					clocks = rotation.SortLikelyWithClocks(agenda.Due, clocks, likely)
				}
				if asJSON {
					rows := make([]todayJSON, 0, len(agenda.Due))
					for i, it := range agenda.Due {
						lt, callable := clockJSON(clocks[i])
						var zone any
						if clocks[i].Known {
							zone = clocks[i].Zone
						}
						rows = append(rows, todayJSON{
							TZ: zone, LocalTime: lt, CallableNow: callable,
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
				a.printToday(agenda, today, me, clocks)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().StringVar(&sortBy, "sort", "priority", "priority, or likely: who is likeliest to pick up now (their best time to call) first")
	cmd.Flags().BoolVar(&a.everyone, "all", false, "on a team book, everyone's due calls you may see, not only yours and the unassigned ones")
	return cmd
}

// todayNameWidth is the most columns a name takes in rotate today.
const todayNameWidth = 24

// dueClocks are the clients' clocks of a due list, which it reorders so
// that within each priority level those who may be called now come first
// (rotation.CallableFirst).
func (a *app) dueClocks(due []rotation.DueItem, hours rotation.Hours, today rotation.Date) []rotation.LocalClock {
	clocks := make([]rotation.LocalClock, len(due))
	for i, it := range due {
		clocks[i] = a.clientClock(it.Contact, hours)
	}
	rotation.CallableFirst(due, clocks, today)
	return clocks
}

// printToday prints the due list with the clients' clocks; on a team book
// (me is who is signed in) a call that is someone else's says whose.
// orderAt moves the timed calls whose hour nears up the due list
// (Agenda.OrderAt), the clocks with their rows.
func (a *app) orderAt(agenda *rotation.Agenda, clocks []rotation.LocalClock) []rotation.LocalClock {
	return rotation.OrderAtWithClocks(agenda, rotation.ClockAt(a.now().Local()), clocks)
}

func (a *app) printToday(agenda rotation.Agenda, today rotation.Date, me string, clocks []rotation.LocalClock) {
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
	// The local time column only when some client's zone is known.
	withLocal := slices.ContainsFunc(clocks, func(lc rotation.LocalClock) bool { return lc.Known })
	rows := make([][]string, 0, len(agenda.Due))
	for i, it := range agenda.Due {
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
		local := clocks[i].Label()
		if lc := clocks[i]; lc.Known && !lc.Callable {
			flag = strings.TrimPrefix(flag+"; outside calling hours", "; ")
		}
		row := []string{"#" + strconv.FormatInt(it.ID, 10), ansi.Truncate(printableLine(it.Name), todayNameWidth, "…"), it.Tier,
			rotation.PhoneText(it.FirstPhone()), local, when, it.Reason, flag}
		if !withLocal {
			row = slices.Delete(row, 4, 5)
		}
		rows = append(rows, row)
	}
	o.printf("\n")
	reasonCol := 6
	if !withLocal {
		reasonCol = 5
	}
	// A row too long for 80 columns puts its reason on the next line.
	o.tableFit(rows, reasonCol, func(col int, cell string) string {
		if !withLocal && col >= 4 {
			col++ // the columns as they are with the local time
		}
		switch col {
		case 0:
			return o.dim.Render(cell)
		case 1:
			return o.bold.Render(cell)
		case 4:
			return o.dim.Render(cell)
		case 5:
			if cell != "today" && !strings.Contains(cell, ":") {
				return o.warn.Render(cell)
			}
		case 7:
			return o.warn.Render(cell)
		}
		return cell
	})
}
