package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"rotate/store"
)

// TestBadDatabases: a file that is not a book, a damaged or newer book, a
// read-only file or folder, a missing folder — each gives one clear line
// on stderr and exit code 1 or 2, never a panic, and leaves the file
// byte for byte as it was.
func TestBadDatabases(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("runs the real binary")
	}
	bin := buildRotate(t)
	book := func(t *testing.T) string { // a real book with one contact
		path := filepath.Join(t.TempDir(), "book.db")
		s, err := store.Open(context.Background(), path, store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		s.Close()
		return path
	}
	tests := []struct {
		name  string
		setup func(t *testing.T) string // returns the --db path
		want  string                    // in the error line
	}{
		{"random bytes", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "noise.db")
			b := make([]byte, 8192)
			rand.Read(b)
			os.WriteFile(p, b, 0o600)
			return p
		}, "not a rotate database"},
		{"text file", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "notes.txt")
			os.WriteFile(p, []byte("call Jane on Friday\n"), 0o600)
			return p
		}, "not a rotate database"},
		{"another program's SQLite", func(t *testing.T) string {
			p := filepath.Join(t.TempDir(), "other.db")
			db, _ := sql.Open("sqlite", p)
			db.Exec("CREATE TABLE t (x)")
			db.Exec("PRAGMA journal_mode=DELETE")
			db.Close()
			return p
		}, "not a rotate database"},
		{"truncated book", func(t *testing.T) string {
			p := book(t)
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:len(b)/3], 0o600)
			return p
		}, "damaged"},
		{"newer schema", func(t *testing.T) string {
			p := book(t)
			db, _ := sql.Open("sqlite", p)
			db.Exec("PRAGMA user_version = 99")
			db.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
			db.Close()
			return p
		}, "newer rotate"},
		{"read-only file", func(t *testing.T) string {
			p := book(t)
			os.Chmod(p, 0o400)
			return p
		}, "read-only"},
		{"read-only folder", func(t *testing.T) string {
			p := book(t)
			os.Chmod(filepath.Dir(p), 0o500)
			t.Cleanup(func() { os.Chmod(filepath.Dir(p), 0o700) })
			return p
		}, "read-only"},
		{"missing folder", func(t *testing.T) string {
			return filepath.Join(t.TempDir(), "no", "such", "folder", "book.db")
		}, "does not exist"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.setup(t)
			before, _ := os.ReadFile(path)
			for _, args := range [][]string{{"today"}, {"add", "New Person"}, {"log", "x", "--outcome", "reached"}} {
				cmd := exec.Command(bin, append([]string{"--db", path}, args...)...)
				cmd.Env = append(os.Environ(), "ROTATE_TODAY=2026-11-25")
				var stderr bytes.Buffer
				cmd.Stderr = &stderr
				err := cmd.Run()
				code := cmd.ProcessState.ExitCode()
				if err == nil || (code != 1 && code != 2) {
					t.Fatalf("%v: exit %d (%v), want 1 or 2", args, code, err)
				}
				msg := stderr.String()
				if strings.Count(strings.TrimSpace(msg), "\n") != 0 || strings.Contains(msg, "panic") || strings.Contains(msg, "goroutine") {
					t.Fatalf("%v: not one clear line:\n%s", args, msg)
				}
				if !strings.Contains(msg, tt.want) {
					t.Fatalf("%v: %q does not say %q", args, msg, tt.want)
				}
				after, _ := os.ReadFile(path)
				if !bytes.Equal(before, after) {
					t.Fatalf("%v changed the file", args)
				}
			}
		})
	}
}
