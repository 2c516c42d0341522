package main

import (
	"context"
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
)

func (a *app) backupCommand() *cobra.Command {
	var force bool
	cmd := &cobra.Command{
		Use:   "backup PATH",
		Short: "Write a consistent copy of the book to PATH",
		Long: `backup copies the live book to PATH as one consistent snapshot, even while
another rotate is using it. The copy is written under a temporary name,
checked, made private (0600) and only then renamed to PATH. An existing
PATH is refused unless --force is given.

To restore, put the copy in place of the book (see rotate --help for where
it lives, or use --db PATH to open the copy directly) while no rotate is
running.`,
		Example: `  rotate backup ~/backups/rotate-2026-11-25.db
  rotate backup /media/usb/rotate.db --force`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, args []string) error {
			return a.withStore(cmd, func(ctx context.Context, s *store.Store, _ rotation.Date) error {
				path := args[0]
				err := s.Backup(ctx, path, force)
				if errors.Is(err, store.ErrAlreadyExist) {
					return usageError{err}
				}
				if err != nil {
					return err
				}
				size := ""
				if info, err := os.Stat(path); err == nil {
					size = " (" + byteSize(info.Size()) + ")"
				}
				a.out.printf("Backed up %s to %s%s.\n", printable(s.Path()), printable(path), size)
				return nil
			})
		},
	}
	cmd.Flags().BoolVar(&force, "force", false, "overwrite PATH if it exists")
	return cmd
}

// byteSize formats a file size for people: 812 KB, 3.4 MB.
func byteSize(n int64) string {
	switch {
	case n < 1000:
		return rotation.Plural(int(n), "byte")
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	default:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	}
}
