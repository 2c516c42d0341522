package store_test

import (
	"database/sql"
	"errors"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

func TestOpenCreatesPrivateFileInPrivateFolders(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	path := filepath.Join(root, "a", "b", "rotate.db")
	s, err := store.Open(t.Context(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}
	for _, dir := range []string{filepath.Join(root, "a"), filepath.Join(root, "a", "b")} {
		info, err := os.Stat(dir)
		if err != nil {
			t.Fatal(err)
		}
		if !info.IsDir() || info.Mode().Perm() != 0o700 {
			t.Errorf("%s: mode %v, want a folder with 0700", dir, info.Mode())
		}
	}
	// The book and SQLite's files beside it hold the same private data.
	for _, f := range []string{path, path + "-wal", path + "-shm"} {
		info, err := os.Stat(f)
		if errors.Is(err, fs.ErrNotExist) && f != path {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		if info.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v, want 0600", f, info.Mode().Perm())
		}
	}
}

func TestOpenAdoptsAnEmptyFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "touched.db")
	if err := os.WriteFile(path, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	s := openAt(t, path, newClock(day0))
	c := mustAdd(t, s, person("Jane Doe", "A", day0))
	s.Close()
	// Now a rotate book: it opens again with its contact.
	s = openAt(t, path, newClock(day0))
	if got := mustContact(t, s, c.ID); got.Name != "Jane Doe" {
		t.Errorf("after reopening: %q, want Jane Doe", got.Name)
	}
}

func TestOpenAgainKeepsEverything(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	c := mustAdd(t, b.Store, rotation.Contact{Name: "Jane Doe", Tier: "A",
		Phones: []rotation.Phone{{Number: "+1 555 0100", Label: "mobile"}}, Tags: []string{"vip"}})
	res := mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0,
		Note: "Talked about Norway.", NewFollowUps: []string{"Send the brochure"}})
	if err := b.SaveDraft(ctx, rotation.Draft{ContactID: c.ID, Note: "half a thought"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.SetSetting(ctx, "capacity", "12"); err != nil {
		t.Fatal(err)
	}
	before := mustContact(t, b.Store, c.ID)

	b.reopen(t)

	if got := mustContact(t, b.Store, c.ID); !equalContacts(got, before) {
		t.Errorf("contact after reopening:\n got %+v\nwant %+v", got, before)
	}
	calls, err := b.Calls(ctx, c.ID, 0)
	if err != nil || len(calls) != 1 || calls[0].ID != res.CallID || calls[0].Note != "Talked about Norway." {
		t.Errorf("calls after reopening = %+v, %v; want the one call #%d", calls, err, res.CallID)
	}
	fus, err := b.FollowUps(ctx, c.ID, true)
	if err != nil || len(fus) != 1 || fus[0].Text != "Send the brochure" {
		t.Errorf("follow-ups after reopening = %+v, %v", fus, err)
	}
	d, ok, err := b.Draft(ctx, c.ID)
	if err != nil || !ok || d.Note != "half a thought" {
		t.Errorf("draft after reopening = %+v, %v, %v", d, ok, err)
	}
	set, err := b.Settings(ctx)
	if err != nil || set.Capacity != 12 {
		t.Errorf("capacity after reopening = %d, %v; want 12", set.Capacity, err)
	}
}

// entries lists the names in a folder, to see that a refused open left no
// journal or lock file behind.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	des, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, de := range des {
		out = append(out, de.Name())
	}
	return out
}

// foreignSQLite writes a SQLite database of another program at path with
// the given statements, closed and checkpointed.
func foreignSQLite(t *testing.T, path string, stmts ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	mustExec(t, db, stmts...)
}

func TestOpenRefusesFilesThatAreNotBooks(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(1, 2))
	random := make([]byte, 8192)
	for i := range random {
		random[i] = byte(rng.UintN(256))
	}
	tests := []struct {
		name string
		make func(t *testing.T, path string)
	}{
		{"random bytes", func(t *testing.T, path string) {
			os.WriteFile(path, random, 0o600)
		}},
		{"random bytes behind a SQLite header", func(t *testing.T, path string) {
			os.WriteFile(path, append([]byte("SQLite format 3\x00"), random...), 0o600)
		}},
		{"a CSV file", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("name,phone\nJane Doe,+1 555 0100\nBob Stone,+1 555 0111\n"), 0o600)
		}},
		{"a few bytes of text", func(t *testing.T, path string) {
			os.WriteFile(path, []byte("hi\n"), 0o600)
		}},
		{"another program's database", func(t *testing.T, path string) {
			foreignSQLite(t, path, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)",
				"INSERT INTO notes (body) VALUES ('keep me')")
		}},
		{"another program's database with its own application id", func(t *testing.T, path string) {
			foreignSQLite(t, path, "PRAGMA application_id = 1234", "CREATE TABLE t (x)")
		}},
		{"another program's empty database", func(t *testing.T, path string) {
			foreignSQLite(t, path, "PRAGMA user_version = 3")
		}},
		{"another program's WAL database, open in that program", func(t *testing.T, path string) {
			db, err := sql.Open("sqlite", "file:"+path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			db.SetMaxOpenConns(1)
			mustExec(t, db, "PRAGMA journal_mode = WAL", "CREATE TABLE notes (body TEXT)",
				"INSERT INTO notes VALUES ('still in the WAL')")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, "book.db")
			tt.make(t, path)
			before, files := readFile(t, path), entries(t, dir)

			s, err := store.Open(t.Context(), path, store.Options{})
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded; want ErrNotRotateDB")
			}
			if !errors.Is(err, store.ErrNotRotateDB) {
				t.Fatalf("Open: %v; want ErrNotRotateDB", err)
			}
			// The store names the file and the remedy (another book);
			// cmd/rotate says how to pick one (--db).
			if r, _ := store.RemedyOf(err); !strings.Contains(err.Error(), path) || r != store.RemedyOtherBook {
				t.Errorf("error %q (remedy %d) should name the file and that another book is needed", err, r)
			}
			if after := readFile(t, path); !slices.Equal(before, after) {
				t.Errorf("the refused file changed (%d bytes before, %d after)", len(before), len(after))
			}
			if after := entries(t, dir); !slices.Equal(files, after) {
				t.Errorf("files in the folder: %v before, %v after", files, after)
			}
		})
	}
}

func TestOpenRefusesNewerSchema(t *testing.T) {
	t.Parallel()
	sqliteOnly(t)
	t.Run("in the file", func(t *testing.T) {
		t.Parallel()
		b := newBook(t)
		b.Close()
		raw, err := sql.Open("sqlite", "file:"+b.path)
		if err != nil {
			t.Fatal(err)
		}
		mustExec(t, raw, "PRAGMA user_version = 99")
		raw.Close() // the last connection checkpoints: the header is in the file
		dir := filepath.Dir(b.path)
		before, files := readFile(t, b.path), entries(t, dir)

		s, err := store.Open(t.Context(), b.path, store.Options{})
		if err == nil {
			s.Close()
			t.Fatal("Open succeeded; want ErrNewerSchema")
		}
		if !errors.Is(err, store.ErrNewerSchema) || !strings.Contains(err.Error(), "99") {
			t.Fatalf("Open: %v; want ErrNewerSchema naming schema 99", err)
		}
		if after := readFile(t, b.path); !slices.Equal(before, after) {
			t.Error("the refused book changed")
		}
		if after := entries(t, dir); !slices.Equal(files, after) {
			t.Errorf("files in the folder: %v before, %v after", files, after)
		}
	})
	t.Run("still in the WAL", func(t *testing.T) {
		// Another process has upgraded the book and keeps it open: the new
		// version is not in the file's header yet, only SQLite sees it.
		t.Parallel()
		b := newBook(t)
		b.Close()
		raw := rawDB(t, b.path)
		raw.SetMaxOpenConns(1)
		mustExec(t, raw, "PRAGMA user_version = 99")
		before := readFile(t, b.path)

		s, err := store.Open(t.Context(), b.path, store.Options{})
		if err == nil {
			s.Close()
			t.Fatal("Open succeeded; want ErrNewerSchema")
		}
		if !errors.Is(err, store.ErrNewerSchema) {
			t.Fatalf("Open: %v; want ErrNewerSchema", err)
		}
		if after := readFile(t, b.path); !slices.Equal(before, after) {
			t.Error("the refused book changed")
		}
		if v := count(t, raw, "PRAGMA user_version"); v != 99 {
			t.Errorf("user_version = %d after the refusal, want 99", v)
		}
	})
}

func TestOpenRefusesReadOnly(t *testing.T) {
	sqliteOnly(t)
	// The check reads the mode bits, so it holds even for root.
	t.Parallel()
	tests := []struct {
		name    string
		lock    func(path string) error
		unlock  func(path string) error
		wantMsg string
	}{
		{"file", func(p string) error { return os.Chmod(p, 0o400) }, func(p string) error { return os.Chmod(p, 0o600) }, "chmod u+w"},
		{"folder", func(p string) error { return os.Chmod(filepath.Dir(p), 0o500) }, func(p string) error { return os.Chmod(filepath.Dir(p), 0o700) }, "folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newBook(t)
			mustAdd(t, b.Store, person("Jane Doe", "A", day0))
			b.Close()
			if err := tt.lock(b.path); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { tt.unlock(b.path) })
			before, files := readFile(t, b.path), entries(t, filepath.Dir(b.path))

			s, err := store.Open(t.Context(), b.path, store.Options{})
			if err == nil {
				s.Close()
				t.Fatal("Open succeeded; want ErrReadOnly")
			}
			if !errors.Is(err, store.ErrReadOnly) || !strings.Contains(err.Error(), tt.wantMsg) {
				t.Fatalf("Open: %v; want ErrReadOnly saying %q", err, tt.wantMsg)
			}
			if after := readFile(t, b.path); !slices.Equal(before, after) {
				t.Error("the read-only book changed")
			}
			if after := entries(t, filepath.Dir(b.path)); !slices.Equal(files, after) {
				t.Errorf("files in the folder: %v before, %v after", files, after)
			}
		})
	}
}

func TestOpenRefusesAFolder(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s, err := store.Open(t.Context(), dir, store.Options{})
	if err == nil {
		s.Close()
		t.Fatal("Open of a folder succeeded")
	}
	if !strings.Contains(err.Error(), "is a folder") {
		t.Errorf("Open of a folder: %v; want it to say so", err)
	}
}

func TestOpenPragmas(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		opts     store.Options
		wantSync int
	}{
		{"durable", store.Options{}, 2}, // FULL
		{"no sync", store.Options{NoSync: true}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			s, err := store.Open(ctx, filepath.Join(t.TempDir(), "rotate.db"), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			// Hold several connections at once: each must carry the pragmas.
			db := store.SQLDB(s)
			for i := range 3 {
				conn, err := db.Conn(ctx)
				if err != nil {
					t.Fatal(err)
				}
				defer conn.Close()
				var journal string
				var fk, sync, busy, appID, version int
				for q, dst := range map[string]any{
					"PRAGMA journal_mode": &journal, "PRAGMA foreign_keys": &fk, "PRAGMA synchronous": &sync,
					"PRAGMA busy_timeout": &busy, "PRAGMA application_id": &appID, "PRAGMA user_version": &version,
				} {
					if err := conn.QueryRowContext(ctx, q).Scan(dst); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				if journal != "wal" || fk != 1 || sync != tt.wantSync || busy < 1000 {
					t.Errorf("connection %d: journal_mode=%s foreign_keys=%d synchronous=%d busy_timeout=%d; want wal, 1, %d, >= 1000",
						i, journal, fk, sync, busy, tt.wantSync)
				}
				if appID != 0x524F5441 || version < 1 {
					t.Errorf("connection %d: application_id=%#x user_version=%d; want 0x524f5441 and a schema version", i, appID, version)
				}
			}
			// Foreign keys are enforced, not just switched on.
			if _, err := s.AddFollowUp(ctx, 4242, "for nobody"); err == nil {
				t.Error("a follow-up for a missing contact was saved")
			}
		})
	}
}
