package main

import (
	"github.com/spf13/cobra"
)

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:   "rotate",
		Short: "Keep in touch with your best clients: today's calls, briefings and notes",
		Long: `rotate is a call rotation for people who keep in touch with their clients
by phone. Run it without a command to open today's call list.`,
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          usageArgs(cobra.NoArgs),
		RunE:          a.runTUI,
	}
	root.CompletionOptions.HiddenDefaultCmd = true
	root.Flags().BoolVar(&a.everyone, "all", false, "on a team book, open on everyone's due calls you may see, each with whose it is")
	root.PersistentFlags().StringVar(&a.dbFlag, "db", "", "the database file, or a team book's postgres://USER@HOST/DATABASE (default $ROTATE_DB or $XDG_DATA_HOME/rotate/rotate.db)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	root.AddCommand(
		a.addCommand(),
		a.editCommand(),
		a.todayCommand(),
		a.upcomingCommand(),
		a.catchupCommand(),
		a.showCommand(),
		a.logCommand(),
		a.undoCommand(), a.callCommand(), a.callsCommand(), a.forgetCommand(), a.mergeCommand(),
		a.snoozeCommand(),
		a.archiveCommand(),
		a.unarchiveCommand(),
		a.listCommand(),
		a.searchCommand(),
		a.statsCommand(),
		a.configCommand(),
		a.importCommand(), a.exportCommand(), a.backupCommand(),
		a.teamCommand(), a.assignCommand(),
		a.checkCommand(),
		a.versionCommand(),
		a.demoCommand(),
	)
	return root
}

func (a *app) versionCommand() *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			a.out.printf("rotate %s\n", version)
			return nil
		},
	}
}
