package main

import (
	"github.com/spf13/cobra"
)

// runTUI opens the interactive call list.
func (a *app) runTUI(cmd *cobra.Command, _ []string) error {
	a.out.printf("The interactive view is on its way; for now try `rotate today`.\n")
	return nil
}
