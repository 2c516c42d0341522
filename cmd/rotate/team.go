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

func (a *app) assignCommand() *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "assign WHO ROLE",
		Short: "On a team book, give a contact to a member of the practice (ROLE none: to nobody in particular)",
		Example: `  rotate assign "Jane Doe" bob
  rotate assign 12 none`,
		Args: usageArgs(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, err := a.teamURL("assign"); err != nil {
				return err
			}
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, _ rotation.Date) error {
				c, err := s.Find(ctx, args[0])
				if err != nil {
					return err
				}
				role := args[1]
				if role == "none" || role == "-" {
					role = ""
				}
				if err := s.Assign(ctx, c.ID, role); err != nil {
					return err
				}
				if asJSON {
					return a.out.json(map[string]any{"id": c.ID, "name": c.Name, "assignee": role})
				}
				if role == "" {
					a.out.printf("%s is nobody's in particular now.\n", printable(c.Name))
				} else {
					a.out.printf("%s is %s's now.\n", printable(c.Name), printable(role))
				}
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
