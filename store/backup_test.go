package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"rotate/store"
)

// TestBackupTargetCreatedMeanwhile: a file that appears at the backup's
// path while the copy is being made is someone's; without --force it is
// refused and left as it is, with or without hard links on the file
// system, and --force replaces it. No temporary file is left either way.
func TestBackupTargetCreatedMeanwhile(t *testing.T) {
	noLinks := func(oldname, newname string) error {
		return &os.LinkError{Op: "link", Old: oldname, New: newname, Err: syscall.EPERM}
	}
	for _, tt := range []struct {
		name     string
		force    bool
		link     func(oldname, newname string) error
		meantime bool // a file appears at the path during the copy
		want     error
	}{
		{name: "refused", meantime: true, want: store.ErrAlreadyExist},
		{name: "refused without hard links", link: noLinks, meantime: true, want: store.ErrAlreadyExist},
		{name: "forced", force: true, meantime: true},
		{name: "forced without hard links", force: true, link: noLinks, meantime: true},
		{name: "new file without hard links", link: noLinks},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			s, _ := openInterchangeBook(t)
			fillBook(t, s)
			dir := t.TempDir()
			dst := filepath.Join(dir, "copy.db")
			const theirs = "someone else's file\n"
			store.SetBackupHooks(t, func(path string) {
				if tt.meantime {
					if err := os.WriteFile(path, []byte(theirs), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}, tt.link)

			err := s.Backup(ctx, dst, tt.force)
			if !errors.Is(err, tt.want) || (tt.want == nil && err != nil) {
				t.Fatalf("Backup = %v, want %v", err, tt.want)
			}
			if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(left) > 0 {
				t.Errorf("temporary files left: %v", left)
			}
			if tt.want != nil {
				if b, err := os.ReadFile(dst); err != nil || string(b) != theirs {
					t.Errorf("the file that appeared holds %q, %v; want it untouched", b, err)
				}
				return
			}
			info, err := os.Stat(dst)
			if err != nil || info.Mode().Perm() != 0o600 {
				t.Fatalf("the copy: %v, %v; want mode 0600", info, err)
			}
			copyBook, err := store.Open(ctx, dst, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer copyBook.Close()
			if a, b := exportJSON(t, s), exportJSON(t, copyBook); a != b {
				t.Errorf("the copy differs:\n%s\n---\n%s", b, a)
			}
		})
	}
}
