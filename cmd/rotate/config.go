package main

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
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
}

func (a *app) configCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "config [KEY [VALUE]]",
		Short: "Show or change the settings kept in the book",
		Long: `Without arguments, list every setting; with KEY, print its value; with
KEY VALUE, change it (the value is checked first). Keys: ` + strings.Join(rotation.SettingKeys, ", ") + `.

A tier's cadence (tier.A..tier.C) applies at once to every contact following
that tier (added without a cadence of their own), and says how many. Time
away and workdays move the calls already planned on the new days off (a
fixed-weekday call to its next slot) and list them; a callback stays.`,
		Example: `  rotate config workdays mon-fri
  rotate config away 2026-12-24..2027-01-01
  rotate config tier.A every 30d
  rotate config capacity auto`,
		Args: usageArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			var key string
			if len(args) > 0 {
				if key = rotation.CanonicalKey(args[0]); key == "" {
					return usagef("unknown setting %q; settings are %s", args[0], strings.Join(rotation.SettingKeys, ", "))
				}
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
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
					if asJSON {
						return a.out.json(map[string]string{key: v})
					}
					a.out.printf("%s\n", v)
					return nil
				}
				value := strings.Join(args[1:], " ")
				set, ch, err := s.ChangeSetting(ctx, key, value, today)
				if err != nil {
					return err
				}
				v, _ := set.Get(key)
				if asJSON {
					return a.out.json(map[string]string{key: v})
				}
				a.out.printf("%s is now %s\n", key, a.out.bold.Render(v))
				a.printSettingChange(key, ch, today)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
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
		if key == "away" || key == "workdays" {
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
