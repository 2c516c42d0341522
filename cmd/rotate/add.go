package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// contactFlags are the flags add and edit share.
type contactFlags struct {
	phones   []string
	region   string
	email    string
	company  string
	tier     string
	every    string
	due      string
	birthday string
	tags     []string
	note     string
	family   string
	occup    string
	recr     string
	message  string
	tz       string
}

func (f *contactFlags) register(cmd *cobra.Command) {
	fl := cmd.Flags()
	fl.StringArrayVar(&f.phones, "phone", nil, "a phone number, optionally labelled as `NUMBER[:label]`; repeat for more")
	fl.StringVar(&f.region, "region", "", "country of numbers written without a country code, e.g. CH (default: from the locale), to find duplicates")
	fl.StringVar(&f.email, "email", "", "email address")
	fl.StringVar(&f.company, "company", "", "company")
	fl.StringVar(&f.tier, "tier", "", "tier A, B or C")
	fl.StringVar(&f.every, "every", "", "cadence `RULE`: "+rotation.ValidRuleForms+`; "" or tier for the tier's (the default)`)
	fl.StringVar(&f.due, "due", "", "next call `DATE` (words work: next friday, in 2 weeks, mar 3)")
	fl.StringVar(&f.birthday, "birthday", "", "birthday `YYYY-MM-DD`, or 12 Apr without the year")
	fl.StringArrayVar(&f.tags, "tag", nil, "a tag; repeat for more")
	fl.StringVar(&f.note, "note", "", "a first note about them (shown in the history)")
	fl.StringVar(&f.family, "family", "", "profile: family")
	fl.StringVar(&f.occup, "occupation", "", "profile: occupation")
	fl.StringVar(&f.recr, "recreation", "", "profile: recreation")
	fl.StringVar(&f.message, "message", "", "profile: what matters to them")
	fl.StringVar(&f.tz, "tz", "", "the client's time zone `ZONE`, e.g. Europe/Berlin (none: from the phone number)")
}

// registerAssign adds --assign, for the commands that create contacts;
// --assign none (as rotate assign takes it) gives them to nobody in
// particular.
func registerAssign(cmd *cobra.Command, role *string) {
	cmd.Flags().Var((*assignFlag)(role), "assign", "on a team book, give the new contacts to the team member `ROLE` (none: to nobody in particular)")
}

// assignFlag is a member's role as --assign and rotate assign take it:
// none (or -) is nobody in particular, "".
type assignFlag string

func (f *assignFlag) String() string { return string(*f) }
func (f *assignFlag) Type() string   { return "string" }
func (f *assignFlag) Set(v string) error {
	*f = assignFlag(assigneeArg(v))
	return nil
}

// assigneeArg is the role a ROLE argument names: "" for none or -.
func assigneeArg(v string) string {
	if v = strings.TrimSpace(v); strings.EqualFold(v, store.NoOne) || v == "-" {
		return ""
	}
	return v
}

// apply copies the flags that were given onto c, all but --due (see
// dueDate). An empty --phone or --tag clears the list.
func (f *contactFlags) apply(cmd *cobra.Command, c *rotation.Contact) error {
	changed := cmd.Flags().Changed
	if changed("phone") {
		c.Phones = nil
		for _, p := range f.phones {
			ph, err := phoneArg(p)
			if err != nil {
				return err
			}
			if ph.Number != "" {
				c.Phones = append(c.Phones, ph)
			}
		}
	}
	var err error
	if changed("email") {
		if c.Email, err = lineArg("--email", f.email); err != nil {
			return err
		}
	}
	if changed("company") {
		if c.Company, err = lineArg("--company", f.company); err != nil {
			return err
		}
	}
	if changed("tz") {
		z, err := rotation.ParseZone(f.tz)
		if err != nil {
			return usagef("--tz: %v", err)
		}
		c.TZ = z
	}
	if err := f.applyCadence(changed, c); err != nil {
		return err
	}
	if changed("birthday") {
		if f.birthday == "" {
			c.Birthday = 0
		} else {
			d, err := rotation.ParseBirthday(f.birthday)
			if err != nil {
				return usagef("--birthday: %v", err)
			}
			c.Birthday = d
		}
	}
	if changed("tag") {
		c.Tags = nil
		for _, t := range f.tags {
			if t, err = lineArg("--tag", t); err != nil {
				return err
			}
			if t != "" {
				c.Tags = append(c.Tags, t)
			}
		}
	}
	if changed("occupation") {
		if c.Occupation, err = lineArg("--occupation", f.occup); err != nil {
			return err
		}
	}
	for flag, field := range map[string]*string{"family": &c.Family, "recreation": &c.Recreation, "message": &c.Message} {
		if changed(flag) {
			*field = textArg(map[string]string{"family": f.family, "recreation": f.recr, "message": f.message}[flag])
		}
	}
	return nil
}

// applyCadence sets the tier and the cadence given (--every tier, or
// empty: the tier's, now and when the tier or its setting changes).
func (f *contactFlags) applyCadence(changed func(string) bool, c *rotation.Contact) error {
	if changed("tier") {
		t, err := rotation.ParseTier(f.tier)
		if err != nil {
			return usagef("--tier: %v", err)
		}
		c.Tier = t
	}
	if !changed("every") {
		return nil
	}
	if e := strings.TrimSpace(f.every); e == "" || strings.EqualFold(e, "tier") {
		c.Rule, c.FollowsTier = rotation.Rule{}, true
		return nil
	}
	r, err := rotation.ParseRule(f.every)
	if err != nil {
		return fmt.Errorf("--every: %w", err)
	}
	c.Rule, c.FollowsTier = r, false
	return nil
}

// dueDate is the date --due names, if it was given, placed on the book's
// calendar (typedDate); note prints what placing it did.
func (f *contactFlags) dueDate(ctx context.Context, cmd *cobra.Command, s *store.Store, today rotation.Date) (d rotation.Date, ok bool, note func(a *app), err error) {
	note = func(*app) {}
	if !cmd.Flags().Changed("due") {
		return 0, false, note, nil
	}
	t, cal, err := typedDate(ctx, s, "--due", f.due, today)
	if err != nil {
		return 0, false, note, err
	}
	return t.Date, true, func(a *app) { a.dateNote(t, today, cal) }, nil
}

type addJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Due  string `json:"due"`
	Rule string `json:"rule"`
}

func (a *app) addCommand() *cobra.Command {
	var f contactFlags
	var asJSON, allowDuplicate bool
	var assign string
	cmd := &cobra.Command{
		Use:   "add NAME",
		Short: "Add a contact; without --due the first call is spread over its first interval",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				name, err := lineArg("the name", args[0])
				if err != nil {
					return err
				}
				c := rotation.Contact{Name: name, Tier: "B", Assignee: assign}
				if err := f.apply(cmd, &c); err != nil {
					return err
				}
				due, ok, dueNote, err := f.dueDate(ctx, cmd, s, today)
				if err != nil {
					return err
				} else if ok {
					c.Due = due
				}
				if c.Rule.IsZero() {
					set, err := s.Settings(ctx)
					if err != nil {
						return err
					}
					c.Rule, c.FollowsTier = set.TierRule(c.Tier), true
				}
				if !allowDuplicate {
					if err := a.refuseDuplicate(ctx, s, c, f.region, cmd.Flags().Changed("region")); err != nil {
						return err
					}
				}
				added, err := s.AddContacts(ctx, []store.NewContact{{Contact: c, Note: strings.TrimSpace(textArg(f.note))}}, today)
				if err != nil {
					return err
				}
				c = added[0]
				if cmd.Flags().Changed("due") {
					if err := s.KeepDue(ctx, c.ID, c.Due); err != nil {
						return err
					}
				}
				if asJSON {
					return a.out.json(addJSON{ID: c.ID, Name: c.Name, Due: c.Due.String(), Rule: c.Rule.String()})
				}
				a.out.printf("Added %s (#%d), %s, first call %s.\n", a.out.bold.Render(printable(c.Name)), c.ID, c.Rule, c.Due.Short(today))
				dueNote(a)
				return nil
			})
		},
	}
	f.register(cmd)
	registerAssign(cmd, &assign)
	cmd.Flags().BoolVar(&allowDuplicate, "allow-duplicate", false, "add the contact even if its phone or e-mail is already in the book")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
