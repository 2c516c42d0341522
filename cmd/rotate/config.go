package main

import (
	"context"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
)

// settingHelp says what each setting of rotation.SettingKeys is for.
var settingHelp = map[string]string{
	"workdays": "days calls go on: mon-fri, or a list such as mon,tue,thu",
	"away":     "days off: FROM..TO[,FROM..TO] in YYYY-MM-DD, or none",
	"capacity": "calls a workday takes when spreading: auto or a number",
	"tier.A":   "default cadence of tier A",
	"tier.B":   "default cadence of tier B",
	"tier.C":   "default cadence of tier C",
	"minutes":  "minutes one call takes, for the time left on Today",
	"holidays": "public holidays as days off: US, GB, DE-BY, ..., or none",
	"hours":    "calling hours in each client's local time: HH:MM-HH:MM",
}

func (a *app) configCommand() *cobra.Command {
	var asJSON, practice bool
	cmd := &cobra.Command{
		Use:   "config [KEY [VALUE]]",
		Short: "Show or change the settings kept in the book",
		Long: `Without arguments, list every setting; with KEY, print its value; with
KEY VALUE, change it (the value is checked first). Keys: ` + strings.Join(rotation.SettingKeys, ", ") + `.

A tier's cadence (tier.A..tier.C) applies at once to every contact following
that tier (added without a cadence of their own), and says how many. Time
away and workdays move the calls already planned on the new days off (a
fixed-weekday call to its next slot) and list them; a callback stays.

Public holidays (holidays) are days off like time away: give one or more
country or region codes (US, GB, DE-BY, AU-NSW, ...), none to clear them,
or add FILE to add the days of an .ics calendar of holidays (for a country
with no list here). Without a value it lists what is set and every code
known. Calling hours (hours) are in each client's own time: Today marks
who is outside them now.

On a team book, away is each person's own time away: it moves only their
calls. An owner sets the whole practice's with --practice (workdays and
the other settings are the practice's, and only owners change them).`,
		Example: `  rotate config workdays mon-fri
  rotate config away 2026-12-24..2027-01-01
  rotate config holidays US,DE-BY
  rotate config holidays add india-2027.ics
  rotate config hours 09:00-18:00
  rotate config tier.A every 30d
  rotate config capacity auto
  rotate config away 2026-12-24..2027-01-01 --practice   # a team book: everyone's`,
		Args: usageArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.runConfig(cmd, args, asJSON, practice)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	cmd.Flags().BoolVar(&practice, "practice", false, "with away on a team book: the whole practice's time away (owners), not only yours")
	// holidays and hours are keys too, with commands of their own for
	// their help (config KEY VALUE runs them the same).
	for _, sub := range []struct{ use, short, example string }{
		{"holidays [CODE[,CODE...] | add FILE | none]", "Public holidays as days off: country or region codes, an .ics, or none; without one, what is set and known",
			"  rotate config holidays US\n  rotate config holidays GB,DE-BY\n  rotate config holidays add india-2027.ics\n  rotate config holidays none"},
		{"hours HH:MM-HH:MM", "Calling hours, in each client's local time (Today marks who is outside them now)",
			"  rotate config hours 09:00-18:00"},
	} {
		var subJSON bool
		name := strings.Fields(sub.use)[0]
		sc := &cobra.Command{
			Use: sub.use, Short: sub.short, Example: sub.example,
			Args: usageArgs(cobra.ArbitraryArgs),
			RunE: func(cmd *cobra.Command, args []string) error {
				return a.runConfig(cmd, append([]string{name}, args...), subJSON, false)
			},
		}
		sc.Flags().BoolVar(&subJSON, "json", false, "print JSON")
		cmd.AddCommand(sc)
	}
	return cmd
}

// runConfig is `config [KEY [VALUE]]`.
func (a *app) runConfig(cmd *cobra.Command, args []string, asJSON, practice bool) error {
	var key string
	if len(args) > 0 {
		if key = rotation.CanonicalKey(args[0]); key == "" {
			return usagef("unknown setting %q; settings are %s", args[0], strings.Join(rotation.SettingKeys, ", "))
		}
	}
	if practice && key != "away" {
		return usagef("--practice goes with away: the other settings are the practice's already")
	}
	if key == "holidays" && len(args) > 1 && strings.EqualFold(args[1], "add") {
		if len(args) != 3 {
			return usagef("usage: rotate config holidays add FILE (an .ics calendar of holidays)")
		}
		return a.addHolidays(cmd, args[2], asJSON)
	}
	return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
		if key == "holidays" && len(args) == 1 && !asJSON {
			set, err := s.Settings(ctx)
			if err != nil {
				return err
			}
			a.printHolidays(set)
			return nil
		}
		switch len(args) {
		case 0:
			set, err := s.Settings(ctx)
			if err != nil {
				return err
			}
			return a.printSettings(set, asJSON)
		case 1:
			set, err := s.Settings(ctx)
			if err != nil {
				return err
			}
			v, err := set.Get(key)
			if err != nil {
				return usageError{err}
			}
			v = ownAway(s, set, key, practice, v)
			if asJSON {
				return a.out.json(map[string]string{key: v})
			}
			a.out.printf("%s\n", v)
			return nil
		}
		value := strings.Join(args[1:], " ")
		change := s.ChangeSetting
		if practice {
			change = s.ChangePracticeSetting
		}
		set, ch, err := change(ctx, key, value, today)
		if err != nil {
			return err
		}
		v, _ := set.Get(key)
		v = ownAway(s, set, key, practice, v)
		if asJSON {
			return a.out.json(map[string]string{key: v})
		}
		a.out.printf("%s is now %s\n", key, a.out.bold.Render(v))
		a.printSettingChange(key, ch, today)
		return nil
	})
}

// ownAway is the value of key to show: on a team book, away is the
// signed-in person's own time away, or with --practice the practice's.
func ownAway(s *store.Store, set rotation.Settings, key string, practice bool, v string) string {
	switch {
	case key != "away" || !s.IsTeam():
		return v
	case practice:
		return rotation.FormatAway(set.Away)
	}
	return rotation.FormatAway(set.OwnAway)
}

func (a *app) printSettings(set rotation.Settings, asJSON bool) error {
	if asJSON {
		m := map[string]string{}
		for _, k := range rotation.SettingKeys {
			v, err := set.Get(k)
			if err != nil {
				return err
			}
			m[k] = v
		}
		return a.out.json(m)
	}
	o := a.out
	var rows [][]string
	for _, k := range rotation.SettingKeys {
		v, err := set.Get(k)
		if err != nil {
			return err
		}
		rows = append(rows, []string{k, o.bold.Render(v), o.dim.Render(settingHelp[k])})
	}
	o.tableFit(rows, 2) // a long value puts its description on the next line
	return nil
}

// printSettingChange says what a new setting did to the contacts: how many
// follow a tier's new cadence, which calls moved out of new days off.
func (a *app) printSettingChange(key string, ch store.SettingChange, today rotation.Date) {
	o := a.out
	if strings.HasPrefix(key, "tier.") {
		tier := strings.TrimPrefix(key, "tier.")
		switch ch.Followers {
		case 0:
			o.printf("%s\n", o.dim.Render("No contact follows tier "+tier+"; contacts with a cadence of their own keep it."))
		case 1:
			o.printf("1 contact follows tier %s: its cadence is the new one, its next call counted again.\n", tier)
		default:
			o.printf("%d contacts follow tier %s: their cadence is the new one, their next calls counted again.\n", ch.Followers, tier)
		}
	}
	if len(ch.Moved) == 0 {
		if key == "away" || key == "workdays" || key == "holidays" {
			o.printf("%s\n", o.dim.Render("No planned call falls on the new days off."))
		}
		return
	}
	calls := "calls"
	if len(ch.Moved) == 1 {
		calls = "call"
	}
	o.printf("Moved %d planned %s off the new days off:\n", len(ch.Moved), calls)
	var rows [][]string
	for _, m := range ch.Moved {
		rows = append(rows, []string{"  " + printableLine(m.Name), m.From.Short(today), "→ " + m.To.Short(today)})
	}
	o.table(rows)
}

// printHolidays says which public holidays are days off, and which codes
// are known.
func (a *app) printHolidays(set rotation.Settings) {
	o := a.out
	v, _ := set.Get("holidays")
	line := "holidays: " + o.bold.Render(v)
	if n := len(set.Holidays.Added()); n > 0 {
		line += " and " + rotation.Plural(n, "day") + " added from .ics files"
	}
	o.printf("%s\n", line)
	o.printf("%s\n", o.dim.Render("Known: "+strings.Join(rotation.HolidayCodes(), " ")))
	o.printf("%s\n", o.dim.Render("Set with rotate config holidays US,DE-BY; clear with none; add an .ics with rotate config holidays add FILE."))
}

// addHolidays is `config holidays add FILE`: the days of an .ics calendar
// of holidays become days off; a file that is not one changes nothing.
func (a *app) addHolidays(cmd *cobra.Command, name string, asJSON bool) error {
	var r io.Reader = a.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return usagef("holidays add: %v", unwrapPath(err))
		}
		defer f.Close()
		r = f
	}
	hs, err := interchange.ReadHolidayICS(r)
	if err != nil {
		return usagef("holidays add %s: %v", name, err)
	}
	return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
		set, ch, err := s.AddHolidays(ctx, hs, today)
		if err != nil {
			return err
		}
		if asJSON {
			v, _ := set.Get("holidays")
			return a.out.json(map[string]any{"holidays": v, "added": len(hs)})
		}
		first, last := hs[0].Date, hs[0].Date
		for _, h := range hs {
			first, last = min(first, h.Date), max(last, h.Date)
		}
		a.out.printf("Added %s off from %s (%s to %s).\n", rotation.Plural(len(hs), "day"), printable(name), first, last)
		a.printSettingChange("holidays", ch, today)
		return nil
	})
}
