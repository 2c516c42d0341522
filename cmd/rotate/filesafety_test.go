package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// runBin runs the rotate binary on the book at db and returns its exit
// code, stdout and stderr.
func runBin(t *testing.T, bin, db string, args ...string) (int, string, string) {
	t.Helper()
	cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
	cmd.Env = append(os.Environ(), "ROTATE_TODAY=2026-11-25", "NO_COLOR=1")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil && cmd.ProcessState == nil {
		t.Fatal(err)
	}
	return cmd.ProcessState.ExitCode(), stdout.String(), stderr.String()
}

// oneClearLine fails unless msg is one line without a panic, holding want.
func oneClearLine(t *testing.T, msg, want string) {
	t.Helper()
	if strings.Count(strings.TrimSpace(msg), "\n") != 0 || strings.Contains(msg, "panic") || strings.TrimSpace(msg) == "" {
		t.Fatalf("not one clear line:\n%s", msg)
	}
	if !strings.Contains(msg, want) {
		t.Fatalf("%q does not say %q", msg, want)
	}
}

// newFileBook makes a book with n contacts at path.
func newFileBook(t *testing.T, path string, n int) {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for i := range n {
		if _, err := s.AddContact(context.Background(), rotation.Contact{Name: fmt.Sprintf("Person %03d", i), Tier: "B"}, rotation.MustDate("2026-11-25")); err != nil {
			t.Fatal(err)
		}
	}
}

// damageIndex makes the book fail integrity_check while it opens.
func damageIndex(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, q := range []string{
		"PRAGMA writable_schema = ON",
		"UPDATE sqlite_schema SET sql = 'CREATE INDEX contacts_status_due ON contacts (name, due)' WHERE name = 'contacts_status_due'",
		"PRAGMA writable_schema = OFF",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
}

// TestCheckCommand: rotate check says healthy (exit 0) or lists each
// problem (exit 1, one line on stderr); backup refuses a damaged book;
// an error of a damaged book reads as one line that points to rotate
// check and the backups.
func TestCheckCommand(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("runs the real binary")
	}
	bin := buildRotate(t)
	dir := t.TempDir()
	book := filepath.Join(dir, "book.db")
	newFileBook(t, book, 60)

	code, out, errOut := runBin(t, bin, book, "check")
	if code != 0 || !strings.Contains(out, "is healthy") {
		t.Fatalf("healthy book: exit %d, %q %q", code, out, errOut)
	}
	code, out, _ = runBin(t, bin, book, "check", "--json")
	if code != 0 || !strings.Contains(out, `"problems": []`) {
		t.Fatalf("check --json: exit %d, %s", code, out)
	}

	damageIndex(t, book)
	code, out, errOut = runBin(t, bin, book, "check")
	if code != 1 || strings.TrimSpace(out) == "" {
		t.Fatalf("damaged book: exit %d, stdout %q; want 1 and its problems", code, out)
	}
	oneClearLine(t, errOut, "damaged")

	code, _, errOut = runBin(t, bin, book, "backup", filepath.Join(dir, "copy.db"))
	if code != 1 {
		t.Fatalf("backup of a damaged book: exit %d, want 1", code)
	}
	oneClearLine(t, errOut, "rotate check")
	if _, err := os.Stat(filepath.Join(dir, "copy.db")); err == nil {
		t.Error("backup wrote a copy of the damaged book")
	}

	// Bytes of the book overwritten: every command says it in one line
	// that points to rotate check and the backups.
	broken := filepath.Join(dir, "broken.db")
	newFileBook(t, broken, 200)
	b, _ := os.ReadFile(broken)
	for i := 4096 * 2; i < len(b)-4096; i += 4096 {
		copy(b[i:i+4096], bytes.Repeat([]byte{0xA5}, 4096))
	}
	os.WriteFile(broken, b, 0o600)
	for _, args := range [][]string{{"list"}, {"today"}, {"add", "Someone New"}, {"check"}} {
		code, _, errOut := runBin(t, bin, broken, args...)
		if code != 1 {
			t.Fatalf("%v on a broken book: exit %d, want 1 (%s)", args, code, errOut)
		}
		if args[0] == "check" {
			oneClearLine(t, errOut, "backup")
		} else {
			oneClearLine(t, errOut, "rotate check")
		}
	}
}

// TestLockedBook: a write lock held by another program past the busy
// timeout reads as one line, exit 1, and the book is as it was.
func TestLockedBook(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("waits for the busy timeout")
	}
	bin := buildRotate(t)
	book := filepath.Join(t.TempDir(), "book.db")
	newFileBook(t, book, 3)
	db, err := sql.Open("sqlite", book)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer conn.ExecContext(context.Background(), "ROLLBACK")
	start := time.Now()
	code, _, errOut := runBin(t, bin, book, "add", "Locked Out")
	if code != 1 {
		t.Fatalf("exit %d, want 1 (%s)", code, errOut)
	}
	oneClearLine(t, errOut, "another program holds the book")
	t.Logf("refused after %v", time.Since(start).Round(time.Second))
}

// TestDiskFull: a full disk reads as one line, "the disk is full", and
// loses nothing: the book keeps every contact added before, and an
// export leaves no half file. Runs on a small tmpfs (needs root).
func TestDiskFull(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("runs the real binary")
	}
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	bin := buildRotate(t)
	small := filepath.Join(t.TempDir(), "small")
	os.Mkdir(small, 0o700)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", small).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", small).Run()

	note := strings.Repeat("A long note about the family and the business. ", 40)
	diskFullExport(t, bin, small)
	diskFullBook(t, bin, small, note)
	diskFullLog(t, bin, note)
}

// diskFullExport: an export that does not fit.
func diskFullExport(t *testing.T, bin, small string) {
	big := filepath.Join(t.TempDir(), "big.db")
	newFileBook(t, big, 1500)
	out := filepath.Join(small, "book.json")
	code, _, errOut := runBin(t, bin, big, "export", "--out", out)
	if code != 1 {
		t.Fatalf("export onto a full disk: exit %d, want 1 (%s)", code, errOut)
	}
	oneClearLine(t, errOut, "the disk is full")
	if left, _ := os.ReadDir(small); len(left) != 0 {
		t.Errorf("the export left %v", left)
	}
}

// diskFullBook: a book that fills the disk.
func diskFullBook(t *testing.T, bin, small, note string) {
	book := filepath.Join(small, "book.db")
	added := 0
	var code int
	var errOut string
	for i := 0; ; i++ {
		code, _, errOut = runBin(t, bin, book, "add", fmt.Sprintf("Person %d", i), "--note", note)
		if code != 0 {
			break
		}
		added++
		if i > 2000 {
			t.Fatal("the disk never filled")
		}
	}
	if code != 1 {
		t.Fatalf("add on a full disk: exit %d, want 1 (%s)", code, errOut)
	}
	oneClearLine(t, errOut, "the disk is full")
	// Nothing lost: every contact added before is there, and the book
	// passes its check.
	code, listed, errOut := runBin(t, bin, book, "list", "--json")
	if code != 0 || strings.Count(listed, `"name"`) != added {
		t.Fatalf("after the full disk: exit %d, %d contacts listed, want %d (%s)", code, strings.Count(listed, `"name"`), added, errOut)
	}
	if code, _, errOut := runBin(t, bin, book, "check"); code != 0 {
		t.Fatalf("check after the full disk: exit %d (%s)", code, errOut)
	}
}

// diskFullLog: logging a call when not a byte is left (SQLite may then
// report an I/O error growing its shared memory rather than SQLITE_FULL):
// the same line, and the book as it was.
func diskFullLog(t *testing.T, bin, note string) {
	roomy := filepath.Join(t.TempDir(), "roomy")
	os.Mkdir(roomy, 0o700)
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", roomy).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	defer exec.Command("umount", roomy).Run()
	book := filepath.Join(roomy, "book.db")
	if code, _, errOut := runBin(t, bin, book, "add", "Ann Example", "--due", "today"); code != 0 {
		t.Fatalf("add: exit %d (%s)", code, errOut)
	}
	small := roomy
	filler, _ := os.Create(filepath.Join(small, "filler"))
	for {
		if _, err := filler.Write(make([]byte, 512)); err != nil {
			break
		}
	}
	filler.Close()
	code, _, errOut := runBin(t, bin, book, "log", "1", "--outcome", "reached", "--note", note)
	if code != 1 {
		t.Fatalf("log on a full disk: exit %d, want 1 (%s)", code, errOut)
	}
	oneClearLine(t, errOut, "the disk is full")
	os.Remove(filepath.Join(small, "filler"))
	if code, _, errOut := runBin(t, bin, book, "check"); code != 0 {
		t.Fatalf("check after logging on a full disk: exit %d (%s)", code, errOut)
	}
}

// TestKeptDraftNotThroughLinks: a draft kept on this computer is never
// written through a link (its file or its folder), and is private
// whatever the umask.
func TestKeptDraftNotThroughLinks(t *testing.T) {
	sqliteOnly(t)
	d := rotation.Draft{ContactID: 7, Note: "a note"}
	root := t.TempDir()

	dir := filepath.Join(root, "drafts")
	old := syscall.Umask(0o277)
	path, err := keepLocalDraft(dir, "book.db", d)
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		if info, err := os.Stat(p); err != nil || info.Mode().Perm() != want {
			t.Errorf("%s: %v %v, want mode %v", p, info, err, want)
		}
	}

	// The draft's own file a link: refused, the target untouched.
	os.Remove(path)
	target := filepath.Join(root, "target")
	os.Symlink(target, path)
	if _, err := keepLocalDraft(dir, "book.db", d); err == nil {
		t.Error("a draft was written through a link")
	}
	if _, err := os.Lstat(target); err == nil {
		t.Error("the link's target was created")
	}

	// The drafts folder a link.
	elsewhere := filepath.Join(root, "elsewhere")
	os.Mkdir(elsewhere, 0o700)
	linked := filepath.Join(root, "linked")
	os.Symlink(elsewhere, linked)
	if _, err := keepLocalDraft(linked, "book.db", d); err == nil {
		t.Error("a draft was written into a linked folder")
	}
	if left, _ := os.ReadDir(elsewhere); len(left) != 0 {
		t.Errorf("the linked folder got %v", left)
	}
}
