package store_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
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

// TestBackupLeavesOnlyTheBackup: beside a backup there is the backup and
// nothing else — no temporary copy, no -wal or -shm of it — on either
// backend; the copy is private and not in WAL mode.
func TestBackupLeavesOnlyTheBackup(t *testing.T) {
	s, _ := openInterchangeBook(t)
	fillBook(t, s)
	dir := t.TempDir()
	dst := filepath.Join(dir, "copy.db")
	if err := s.Backup(t.Context(), dst, false); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if len(names) != 1 || names[0] != "copy.db" {
		t.Errorf("the backup's folder holds %v, want only copy.db", names)
	}
	if info, err := os.Stat(dst); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("the copy: %v, %v; want mode 0600", info, err)
	}
}

// TestBackupRefusesLink: the backup is not written through a symbolic
// link, dangling or not, --force or not.
func TestBackupRefusesLink(t *testing.T) {
	s, _ := openInterchangeBook(t)
	dir := t.TempDir()
	target := filepath.Join(dir, "target")
	dst := filepath.Join(dir, "copy.db")
	os.Symlink(target, dst)
	for _, force := range []bool{false, true} {
		if err := s.Backup(t.Context(), dst, force); !errors.Is(err, store.ErrLink) {
			t.Errorf("force=%v: err = %v, want ErrLink", force, err)
		}
	}
	if _, err := os.Lstat(target); err == nil {
		t.Error("the link's target was created")
	}
}

// TestBackupRefusesDamagedBook: a book that fails its check is not
// backed up as if it were good: one line, ErrDamaged, no copy written.
func TestBackupRefusesDamagedBook(t *testing.T) {
	sqliteOnly(t)
	path := filepath.Join(t.TempDir(), "book.db")
	s := openAt(t, path, newClock(day0))
	for i := range 50 {
		mustAdd(t, s, person(fmt.Sprintf("Person %02d", i), "B", day0))
	}
	s.Close()
	damageIndex(t, path)
	s = openAt(t, path, newClock(day0))
	dst := filepath.Join(t.TempDir(), "copy.db")
	err := s.Backup(t.Context(), dst, false)
	if r, _ := store.RemedyOf(err); !errors.Is(err, store.ErrDamaged) || strings.Contains(err.Error(), "\n") || r != store.RemedyCheckBackup {
		t.Fatalf("Backup of a damaged book = %v, want one line with ErrDamaged and the remedy of a check (cmd/rotate: rotate check)", err)
	}
	if _, err := os.Stat(dst); err == nil {
		t.Error("a copy was written")
	}
}
