package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"rotate/store"
)

// openBookWithWAL opens a new book at path, adds n contacts, and returns
// a copy of its WAL taken while it is still open (the WAL a crash would
// leave), and the store (closed when the test ends).
func openBookWithWAL(t *testing.T, path string, n int, prefix string) ([]byte, *store.Store) {
	t.Helper()
	s := openAt(t, path, newClock(day0))
	for i := range n {
		mustAdd(t, s, person(fmt.Sprintf("%s Person %d", prefix, i), "B", day0))
	}
	wal, err := os.ReadFile(path + "-wal")
	if err != nil || len(wal) == 0 {
		t.Fatalf("no WAL beside the open book: %v", err)
	}
	return wal, s
}

// TestOpenRefusesForeignWAL: a WAL beside the book that belongs to
// another book is refused before anything is written, the book and the
// WAL left byte for byte as they were, whether that other book was made
// inside its WAL or written to after a checkpoint.
func TestOpenRefusesForeignWAL(t *testing.T) {
	sqliteOnly(t)
	for _, tt := range []struct {
		name       string
		checkpoint bool // the other book checkpointed before its writes
		contacts   int
	}{
		{"other book written after a checkpoint", true, 3},
		{"other book written after a checkpoint, many", true, 300},
		{"other book made inside its WAL", false, 3},
	} {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			a := filepath.Join(dir, "a.db")
			sa := openAt(t, a, newClock(day0))
			for i := range 5 {
				mustAdd(t, sa, person(fmt.Sprintf("Alice %d", i), "A", day0))
			}
			sa.Close()

			b := filepath.Join(dir, "b.db")
			var wal []byte
			if tt.checkpoint {
				wal, _ = openBookWithWAL(t, b, tt.contacts, "Bob")
			} else {
				// A WAL that holds every page of the other book: a VACUUM
				// in WAL mode rewrites them all into it.
				sb := openAt(t, b, newClock(day0))
				for i := range tt.contacts {
					mustAdd(t, sb, person(fmt.Sprintf("Bob %d", i), "B", day0))
				}
				sb.Close()
				db := rawDB(t, b)
				mustExec(t, db, "PRAGMA wal_autocheckpoint=0", "VACUUM")
				var err error
				if wal, err = os.ReadFile(b + "-wal"); err != nil {
					t.Fatal(err)
				}
			}
			if err := os.WriteFile(a+"-wal", wal, 0o600); err != nil {
				t.Fatal(err)
			}
			bookBefore := readFile(t, a)

			_, err := store.Open(t.Context(), a, store.Options{})
			if !errors.Is(err, store.ErrForeignWAL) {
				t.Fatalf("Open beside a foreign WAL: err = %v, want ErrForeignWAL", err)
			}
			if msg := err.Error(); strings.Contains(msg, "\n") || !strings.Contains(msg, "not the WAL of") {
				t.Errorf("message %q: want one line saying the WAL is not the book's", msg)
			}
			if !bytes.Equal(readFile(t, a), bookBefore) {
				t.Error("the book changed")
			}
			if !bytes.Equal(readFile(t, a+"-wal"), wal) {
				t.Error("the WAL changed")
			}
			if _, err := os.Stat(a + "-shm"); err == nil {
				t.Error("a -shm file was made beside the book")
			}

			// Once the foreign WAL is moved away the book opens, whole.
			os.Rename(a+"-wal", filepath.Join(dir, "moved-wal"))
			s := openAt(t, a, newClock(day0))
			if cs, err := s.List(t.Context(), store.ListFilter{All: true}); err != nil || len(cs) != 5 {
				t.Fatalf("after moving the WAL away: %d contacts, %v; want Alice's 5", len(cs), err)
			}
		})
	}
}

// TestOpenReplaysOwnWAL: the WAL a crash leaves (the book's file and its
// WAL as they were while a writer had it open) is replayed as before.
func TestOpenReplaysOwnWAL(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	live := filepath.Join(dir, "live.db")
	sl := openAt(t, live, newClock(day0))
	for i := range 5 {
		mustAdd(t, sl, person(fmt.Sprintf("Before %d", i), "A", day0))
	}
	sl.Close()
	wal, s := openBookWithWAL(t, live, 40, "After")
	crashed := filepath.Join(dir, "crashed.db")
	if err := os.WriteFile(crashed, readFile(t, live), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(crashed+"-wal", wal, 0o600); err != nil {
		t.Fatal(err)
	}
	s.Close()
	c := openAt(t, crashed, newClock(day0))
	cs, err := c.List(t.Context(), store.ListFilter{All: true})
	if err != nil || len(cs) != 45 {
		t.Fatalf("crashed book: %d contacts, %v; want the 45 its WAL holds", len(cs), err)
	}
}

// TestOpenRefusesHotJournal: a rollback journal beside a book (which
// is always in WAL mode) belongs to another database.
func TestOpenRefusesHotJournal(t *testing.T) {
	sqliteOnly(t)
	path := filepath.Join(t.TempDir(), "book.db")
	openAt(t, path, newClock(day0)).Close()
	journal := append([]byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}, make([]byte, 504)...)
	os.WriteFile(path+"-journal", journal, 0o600)
	before := readFile(t, path)
	if _, err := store.Open(t.Context(), path, store.Options{}); !errors.Is(err, store.ErrForeignWAL) {
		t.Fatalf("err = %v, want ErrForeignWAL", err)
	}
	if !bytes.Equal(readFile(t, path), before) || !bytes.Equal(readFile(t, path+"-journal"), journal) {
		t.Error("the book or the journal changed")
	}
}

// TestOpenRefusesLinks: the book, and each file SQLite keeps beside it,
// is never reached through a symbolic link, dangling or not: one line,
// and nothing is created at the link's target.
func TestOpenRefusesLinks(t *testing.T) {
	sqliteOnly(t)
	for _, which := range []string{"", "-wal", "-shm", "-journal"} {
		for _, dangling := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s dangling=%v", "book"+which, dangling), func(t *testing.T) {
				dir := t.TempDir()
				path := filepath.Join(dir, "book.db")
				if which != "" {
					openAt(t, path, newClock(day0)).Close()
				}
				target := filepath.Join(dir, "elsewhere")
				if !dangling {
					os.WriteFile(target, nil, 0o644)
				}
				if err := os.Symlink(target, path+which); err != nil {
					t.Fatal(err)
				}
				_, err := store.Open(t.Context(), path, store.Options{})
				if !errors.Is(err, store.ErrLink) || strings.Contains(err.Error(), "\n") {
					t.Fatalf("err = %v, want one line with ErrLink", err)
				}
				info, err := os.Stat(target)
				switch {
				case dangling && err == nil:
					t.Errorf("%s was created through the link", target)
				case !dangling && (err != nil || info.Size() != 0):
					t.Errorf("the link's target was written: %v", err)
				}
			})
		}
	}
}

// TestOpenCreatesPrivateWhateverUmask: the book and its folders are 0600
// and 0700 even under a umask that would take the owner's bits.
func TestOpenCreatesPrivateWhateverUmask(t *testing.T) {
	sqliteOnly(t)
	old := syscall.Umask(0o277)
	defer syscall.Umask(old)
	path := filepath.Join(t.TempDir(), "new", "book.db")
	s, err := store.Open(t.Context(), path, store.Options{})
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	for p, want := range map[string]fs.FileMode{path: 0o600, filepath.Dir(path): 0o700} {
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s: mode %v, want %v", p, info.Mode().Perm(), want)
		}
	}
}

// damageIndex makes the book at path fail PRAGMA integrity_check and
// quick_check while it still opens: the index contacts_status_due is
// declared on other columns than the ones its entries hold. Another
// program's doing, or a disk's.
func damageIndex(t *testing.T, path string) {
	t.Helper()
	db := rawDB(t, path)
	mustExec(t, db,
		"PRAGMA writable_schema = ON",
		"UPDATE sqlite_schema SET sql = 'CREATE INDEX contacts_status_due ON contacts (name, due)' WHERE name = 'contacts_status_due'",
		"PRAGMA writable_schema = OFF",
	)
	db.Close()
}

// TestOpenRefusesOldWALOverRestoredBackup: the README's restore mistake —
// a backup copied over the book while the book's WAL (left by a crash)
// stays beside it — is refused, the files left as they were.
func TestOpenRefusesOldWALOverRestoredBackup(t *testing.T) {
	sqliteOnly(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "book.db")
	s := openAt(t, path, newClock(day0))
	for i := range 20 {
		mustAdd(t, s, person(fmt.Sprintf("Early %d", i), "A", day0))
	}
	backup := filepath.Join(dir, "backup.db")
	if err := s.Backup(t.Context(), backup, false); err != nil {
		t.Fatal(err)
	}
	s.Close()
	wal, s2 := openBookWithWAL(t, path, 3, "Late")
	_ = s2
	restored := filepath.Join(dir, "restored.db")
	if err := os.WriteFile(restored, readFile(t, backup), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(restored+"-wal", wal, 0o600); err != nil {
		t.Fatal(err)
	}
	before := readFile(t, restored)
	if _, err := store.Open(t.Context(), restored, store.Options{}); !errors.Is(err, store.ErrForeignWAL) {
		t.Fatalf("Open = %v, want ErrForeignWAL", err)
	}
	if !bytes.Equal(readFile(t, restored), before) || !bytes.Equal(readFile(t, restored+"-wal"), wal) {
		t.Error("the restored book or the WAL changed")
	}
}
