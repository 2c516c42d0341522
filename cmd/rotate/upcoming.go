package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// upcomingJSON is one day of `rotate upcoming --json` (docs/CLI.md).
type upcomingJSON struct {
	Date    string `json:"date"`
	Count   int    `json:"count"`
	Workday bool   `json:"workday"`
	Holiday string `json:"holiday,omitempty"` // the public holiday's name, on one
}

// maxUpcomingDays bounds --days: a little over a year ahead.
const maxUpcomingDays = 400

// maxBar is the widest bar, in cells; longer bars are scaled down.
const maxBar = 40

func (a *app) upcomingCommand() *cobra.Command {
	var days int
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "upcoming",
		Short: "Calls per day for the coming days (overdue calls count on today)",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if days < 1 || days > maxUpcomingDays {
				return usagef("--days %d: use a number of days from 1 to %d", days, maxUpcomingDays)
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				loads, err := s.Upcoming(ctx, today, days)
				if err != nil {
					return err
				}
				set, err := s.Settings(ctx)
				if err != nil {
					return err
				}
				cal := set.Calendar()
				if asJSON {
					rows := make([]upcomingJSON, 0, len(loads))
					for _, l := range loads {
						hol, _ := cal.Holiday(l.Date)
						rows = append(rows, upcomingJSON{Date: l.Date.String(), Count: l.Count, Workday: cal.IsWorkday(l.Date), Holiday: hol})
					}
					return a.out.json(rows)
				}
				capacity, err := s.Capacity(ctx, today)
				if err != nil {
					return err
				}
				a.printUpcoming(loads, set, capacity, today)
				return nil
			})
		},
	}
	cmd.Flags().IntVar(&days, "days", 14, "how many days ahead, today included")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func (a *app) printUpcoming(loads []rotation.DayLoad, set rotation.Settings, capacity rotation.Capacity, today rotation.Date) {
	o := a.out
	cal := set.Calendar()
	total, top := 0, 0
	for _, l := range loads {
		total += l.Count
		top = max(top, l.Count)
	}
	head := fmt.Sprintf("%s in the next %s", rotation.Plural(total, "call"), rotation.Plural(len(loads), "day"))
	head += fmt.Sprintf(" · capacity %d a day", capacity.Daily)
	if capacity.Auto {
		head += fmt.Sprintf(" (auto: the book asks for ~%.1f)", capacity.Expected)
	}
	o.printf("%s\n", o.bold.Render(head))
	scale := 1.0
	if top > maxBar {
		scale = float64(maxBar) / float64(top)
	}
	var rows [][]string
	for i, l := range loads {
		if i > 0 && l.Date.Weekday() == time.Monday {
			rows = append(rows, []string{""})
		}
		label := l.Date.Time().Format("Mon 2 Jan")
		if l.Date.Year() != today.Year() {
			label = l.Date.Time().Format("Mon 2 Jan 2006")
		}
		var bar, count string
		if l.Count > 0 {
			n := max(1, int(float64(l.Count)*scale+0.5))
			bar = strings.Repeat("█", n)
			count = fmt.Sprint(l.Count)
			if cal.IsWorkday(l.Date) && l.Count > capacity.Daily {
				bar = o.warn.Render(bar)
				count = o.warn.Render(count + " over capacity")
			}
		}
		hol, isHoliday := cal.Holiday(l.Date)
		switch {
		case cal.IsAway(l.Date):
			label = o.dim.Render(label)
			bar = o.dim.Render("away") + pre(" ", bar)
		case isHoliday:
			label = o.dim.Render(label)
			bar = o.dim.Render(clip(printableLine(hol), 30)) + pre(" ", bar)
		case !cal.IsWorkday(l.Date):
			label = o.dim.Render(label)
			bar = o.dim.Render("day off") + pre(" ", bar)
		case l.Count == 0:
			bar = o.dim.Render("·")
		default:
			bar = o.accent.Render(bar)
		}
		line := bar + pre(" ", count)
		if l.Date == today {
			label = o.bold.Render(label)
			line += o.dim.Render("  ← today, overdue included")
		}
		rows = append(rows, []string{label, line})
	}
	o.printf("\n")
	o.table(rows)
}

// pre puts sep before s when s is not empty.
func pre(sep, s string) string {
	if s == "" {
		return ""
	}
	return sep + s
}
