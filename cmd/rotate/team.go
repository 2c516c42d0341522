package main

import (
	"context"
	"strings"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

// The team commands: a practitioner and an assistant sharing one book on
// PostgreSQL (README: "Team mode").

func (a *app) teamCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "team",
		Short: "Share one book on PostgreSQL with an assistant: init, add, list, push",
		Long: `A team book lives on a PostgreSQL server; each person connects as their own
PostgreSQL role (--db postgres://ROLE@HOST/DATABASE, or ROTATE_DB; PGHOST,
PGUSER, PGPASSWORD and the other libpq variables fill what the URL leaves
out). Owners see and change everything; an assistant sees and logs only the
contacts assigned to them. The database enforces it.`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return cmd.Help() },
	}
	cmd.AddCommand(a.teamInitCommand(), a.teamAddCommand(), a.teamRemoveCommand(), a.teamListCommand(), a.teamPushCommand())
	return cmd
}

// teamURL is the book's location, which must be a team book.
func (a *app) teamURL(what string) (string, error) {
	path, err := a.dbPath()
	if err != nil {
		return "", err
	}
	if !store.IsTeamURL(path) {
		return "", usagef("%s needs a team book: give --db postgres://ROLE@HOST/DATABASE (or set ROTATE_DB)", what)
	}
	return path, nil
}

func (a *app) teamInitCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "init",
		Short: "Set up (or upgrade) the team book in an existing PostgreSQL database; you become its owner",
		Example: `  createdb -O alice rotate        # by whoever runs the server
  rotate team init --db postgres://alice@db.example/rotate`,
		Args: usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			url, err := a.teamURL("team init")
			if err != nil {
				return err
			}
			s, err := store.OpenTeam(cmd.Context(), url, store.Options{Now: a.now})
			if err != nil {
				return err
			}
			defer s.Close()
			role, kind := s.Who()
			a.out.printf("The team book at %s is ready; you (%s) are %s.\n", printable(s.Path()), printable(role), article(kind))
			if kind == store.Owner {
				a.out.printf("Add people (roles made with createuser) with: rotate team add ROLE --assistant\n")
			}
			return nil
		},
	}
}

func article(kind store.MemberKind) string {
	if kind == store.Owner || kind == store.Assistant {
		return "an " + string(kind)
	}
	return string(kind)
}

func (a *app) teamAddCommand() *cobra.Command {
	var owner, assistant bool
	cmd := &cobra.Command{
		Use:   "add ROLE --owner|--assistant",
		Short: "Make an existing PostgreSQL role an owner or an assistant of the practice",
		Long: `add records a PostgreSQL role as a member of the practice and grants it
what it needs; for a member already there it changes what they are, with
their rights. The role itself is made by whoever runs the server:
createuser --pwprompt ROLE. Only an owner can add people.`,
		Example: `  rotate team add bob --assistant`,
		Args:    usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if owner == assistant {
				return usagef("say what %s is: --owner or --assistant", args[0])
			}
			kind := store.Assistant
			if owner {
				kind = store.Owner
			}
			if _, err := a.teamURL("team add"); err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, _ rotation.Date) error {
				if err := s.AddMember(ctx, args[0], kind); err != nil {
					return err
				}
				a.out.printf("%s is %s of the practice.\n", printable(args[0]), article(kind))
				if kind == store.Assistant {
					a.out.printf("Give them contacts with: rotate assign WHO %s\n", printable(args[0]))
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&owner, "owner", false, "sees and changes everything")
	cmd.Flags().BoolVar(&assistant, "assistant", false, "sees and logs only the contacts assigned to them")
	return cmd
}

func (a *app) teamRemoveCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "remove ROLE",
		Short: "Take a member out of the practice with all their rights; their contacts become nobody's",
		Args:  usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := a.teamURL("team remove"); err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, _ rotation.Date) error {
				if err := s.RemoveMember(ctx, args[0]); err != nil {
					return err
				}
				a.out.printf("%s is no longer in the practice; their contacts are nobody's in particular now.\n", printable(args[0]))
				return nil
			})
		},
	}
}

// memberJSON is one row of `rotate team list --json`.
type memberJSON struct {
	Role string `json:"role"`
	Kind string `json:"kind"`
	You  bool   `json:"you"`
}

func (a *app) teamListCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "list",
		Short: "The members of the practice",
		Args:  usageArgs(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := a.teamURL("team list"); err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, _ rotation.Date) error {
				members, err := s.Members(ctx)
				if err != nil {
					return err
				}
				me, _ := s.Who()
				if asJSON {
					rows := make([]memberJSON, 0, len(members))
					for _, m := range members {
						rows = append(rows, memberJSON{m.Role, string(m.Kind), m.Role == me})
					}
					return a.out.json(rows)
				}
				for _, m := range members {
					you := ""
					if m.Role == me {
						you = "  (you)"
					}
					a.out.printf("%-20s %s%s\n", printable(m.Role), m.Kind, you)
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// pushJSON is what `rotate team push --json` prints.
type pushJSON struct {
	New       int `json:"new"`
	Updated   int `json:"updated"`
	Skipped   int `json:"skipped"`
	Calls     int `json:"calls"`
	FollowUps int `json:"follow_ups"`
}

func (a *app) teamPushCommand() *cobra.Command {
	var asJSON bool
	var assign string
	cmd := &cobra.Command{
		Use:   "push FILE.db",
		Short: "Copy a personal book into the team book: all contacts, calls and follow-ups, all or nothing",
		Long: `push copies the personal book FILE.db (a rotate SQLite file) into the team
book in one transaction: every contact with its calls, follow-ups and draft.
A contact the team book has already (same phone or e-mail, or pushed before)
gains what it lacks instead of being added twice. To bring a team book home,
use rotate export or rotate backup.`,
		Example: `  rotate team push ~/.local/share/rotate/rotate.db --assign bob`,
		Args:    usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := a.teamURL("team push"); err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, today rotation.Date) error {
				res, err := s.Push(ctx, args[0], today, store.ImportOptions{Assign: assign})
				if err != nil {
					return err
				}
				if asJSON {
					return a.out.json(pushJSON{res.New, res.Updated + res.Merged, res.Skipped, res.Calls, res.FollowUps})
				}
				var parts []string
				parts = append(parts, rotation.Plural(res.New, "new contact"))
				if n := res.Updated + res.Merged; n > 0 {
					parts = append(parts, rotation.Plural(n, "contact")+" already there, completed")
				}
				if res.Skipped > 0 {
					parts = append(parts, rotation.Plural(res.Skipped, "contact")+" already there unchanged")
				}
				a.out.printf("Pushed %s into %s: %s; %s, %s.\n", printable(args[0]), printable(s.Path()), strings.Join(parts, ", "),
					rotation.Plural(res.Calls, "call"), rotation.Plural(res.FollowUps, "follow-up"))
				return nil
			})
		},
	}
	registerAssign(cmd, &assign)
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// assignJSON is what `rotate assign --json` prints; id and name are the
// contact's when one WHO is given, as before several could be.
type assignJSON struct {
	ID       int64          `json:"id,omitempty"`
	Name     string         `json:"name,omitempty"`
	Assignee string         `json:"assignee"` // "" for nobody in particular
	Contacts []assignedJSON `json:"contacts"`
	Changed  int            `json:"changed"`
	Calls    int            `json:"calls"` // history the assistant now sees
	Notes    int            `json:"notes"`
}

type assignedJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func (a *app) assignCommand() *cobra.Command {
	var asJSON bool
	var tier, tag string
	cmd := &cobra.Command{
		Use:   "assign {WHO... | --tier T | --tag T} ROLE",
		Short: "On a team book, give contacts to a member of the practice (ROLE none: to nobody in particular)",
		Long: `assign gives one or more contacts (WHO...), or every contact of a tier or
with a tag, whatever their status, to a member of the practice; ROLE none
gives them back to nobody in particular. All of them or none: an unknown
contact changes nothing. Handing contacts to an assistant says how much of
their history the assistant will now see.`,
		Example: `  rotate assign "Jane Doe" bob
  rotate assign jane carl dana bob
  rotate assign --tier C bob
  rotate assign --tag golf none`,
		Args: usageArgs(cobra.ArbitraryArgs),
		RunE: func(cmd *cobra.Command, args []string) error {
			byGroup := cmd.Flags().Changed("tier") || cmd.Flags().Changed("tag")
			switch {
			case len(args) == 0:
				return usagef("say to whom: rotate assign WHO... ROLE, or --tier T ROLE, --tag T ROLE (ROLE none: to nobody in particular)")
			case byGroup && len(args) != 1:
				return usagef("with --tier or --tag, give only the ROLE: rotate assign --tier C bob")
			case !byGroup && len(args) < 2:
				return usagef("say who and to whom: rotate assign WHO... ROLE (or --tier T ROLE, --tag T ROLE)")
			}
			f := store.ListFilter{All: true, Tag: strings.TrimSpace(tag)}
			if cmd.Flags().Changed("tier") {
				t, err := rotation.ParseTier(tier)
				if err != nil {
					return usagef("--tier: %v", err)
				}
				f.Tier = t
			}
			if cmd.Flags().Changed("tag") && f.Tag == "" {
				return usagef("--tag: give a tag")
			}
			if _, err := a.teamURL("assign"); err != nil {
				return err
			}
			role := assigneeArg(args[len(args)-1])
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, _ rotation.Date) error {
				cs, err := assignees(ctx, s, byGroup, f, args[:len(args)-1])
				if err != nil {
					return err
				}
				ids := make([]int64, len(cs))
				for i, c := range cs {
					ids[i] = c.ID
				}
				res, err := s.AssignMany(ctx, ids, role)
				if err != nil {
					return err
				}
				if asJSON {
					j := assignJSON{Assignee: role, Contacts: make([]assignedJSON, 0, len(cs)), Changed: res.Changed, Calls: res.Calls, Notes: res.Notes}
					for _, c := range cs {
						j.Contacts = append(j.Contacts, assignedJSON{c.ID, c.Name})
					}
					if !byGroup && len(cs) == 1 {
						j.ID, j.Name = cs[0].ID, cs[0].Name
					}
					return a.out.json(j)
				}
				a.printAssigned(cs, role, res)
				return nil
			})
		},
	}
	cmd.Flags().StringVar(&tier, "tier", "", "every contact of tier `T` (A, B or C)")
	cmd.Flags().StringVar(&tag, "tag", "", "every contact tagged `T` (case and accents do not matter)")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

// assignees are the contacts rotate assign picks: those of the group f
// (--tier, --tag), or each WHO once.
func assignees(ctx context.Context, s *store.Store, byGroup bool, f store.ListFilter, who []string) ([]rotation.Contact, error) {
	if byGroup {
		cs, err := s.List(ctx, f)
		if err == nil && len(cs) == 0 {
			err = usagef("no contacts%s to assign", groupWords(f))
		}
		return cs, err
	}
	var cs []rotation.Contact
	seen := map[int64]bool{}
	for _, w := range who {
		c, err := s.Find(ctx, w)
		if err != nil {
			return nil, err
		}
		if !seen[c.ID] {
			seen[c.ID] = true
			cs = append(cs, c)
		}
	}
	return cs, nil
}

// groupWords is " in tier C tagged golf" for the contacts assign picks.
func groupWords(f store.ListFilter) string {
	var w string
	if f.Tier != "" {
		w += " in tier " + f.Tier
	}
	if f.Tag != "" {
		w += " tagged " + printableLine(f.Tag)
	}
	return w
}

// printAssigned says whose the contacts are now and, for an assistant,
// how much history they will now see.
func (a *app) printAssigned(cs []rotation.Contact, role string, res store.AssignResult) {
	who := printable(role) + "'s"
	if role == "" {
		who = "nobody's in particular"
	}
	if len(cs) == 1 {
		a.out.printf("%s is %s now.\n", printableLine(cs[0].Name), who)
	} else {
		a.out.printf("%s are %s now", rotation.Plural(len(cs), "contact"), who)
		if same := len(cs) - res.Changed; same > 0 {
			a.out.printf(" (%d already were)", same)
		}
		a.out.printf(".\n")
	}
	if res.Changed == 0 || !res.Assistant {
		return
	}
	history := rotation.Plural(res.Calls, "call")
	if res.Notes > 0 {
		history += " and " + rotation.Plural(res.Notes, "note")
	}
	a.out.printf("%s will now see %s of history.\n", printable(role), history)
}
