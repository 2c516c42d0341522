package main

import (
	"fmt"

	"github.com/spf13/cobra"
)

// usageArgs turns cobra's argument-count errors into usage errors (exit 2)
// that show the command's usage line.
func usageArgs(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		err := check(cmd, args)
		if err == nil {
			return nil
		}
		hint := ""
		if len(args) > 1 && check(cmd, args[:len(args)-1]) == nil {
			hint = `; quote a name or a value of several words ("Jane Doe", --until "mar 3")`
		}
		return usageError{fmt.Errorf("%v (usage: %s)%s", err, cmd.UseLine(), hint)}
	}
}
