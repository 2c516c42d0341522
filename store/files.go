package store

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Files rotate writes — the book and SQLite's -wal, -shm and -journal
// beside it, backups, exports, kept drafts and their folders — are never
// reached through a symbolic link: a link (dangling or not) where such a
// file goes is refused, and a file rotate creates is made with
// O_EXCL|O_NOFOLLOW and mode 0600 (a folder 0700), whatever the umask.
// Links higher up the path (a linked home or data folder, usual on some
// systems) are followed: they are the owner's own arrangement.

// ErrLink marks a file refused because it is a symbolic link.
var ErrLink = errors.New("is a symbolic link")

// RefuseLink fails (ErrLink) when path itself is a symbolic link,
// dangling or not; a missing path is fine.
func RefuseLink(path string) error {
	info, err := os.Lstat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil
	case err != nil:
		return err
	case info.Mode()&fs.ModeSymlink != 0:
		return &kindError{ErrLink, fmt.Sprintf("%s is a symbolic link; rotate does not write through links: give the real file", path)}
	}
	return nil
}

// sidecars are the files SQLite keeps beside a book.
func sidecars(path string) []string {
	return []string{path + "-wal", path + "-shm", path + "-journal"}
}

// refuseLinks is RefuseLink for the book and each file SQLite keeps
// beside it.
func refuseLinks(path string) error {
	for _, p := range append([]string{path}, sidecars(path)...) {
		if err := RefuseLink(p); err != nil {
			return err
		}
	}
	return nil
}

// CreatePrivate creates path, which must not exist (fs.ErrExist) and is
// not followed if it is a link, with mode 0600 whatever the umask.
func CreatePrivate(path string) (*os.File, error) {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_EXCL|oNoFollow, 0o600)
	if err != nil {
		return nil, err
	}
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		os.Remove(path)
		return nil, err
	}
	return f, nil
}

// MkdirPrivate creates dir and any missing parents with mode 0700
// whatever the umask. Folders that exist already are left as they are,
// a link to a folder included (a data folder kept elsewhere is the
// owner's arrangement); mkdir itself never follows a link, and a dangling
// one where a folder must be made is refused.
func MkdirPrivate(dir string) error {
	info, err := os.Stat(dir)
	if err == nil {
		if !info.IsDir() {
			return fmt.Errorf("%s is not a folder", dir)
		}
		return nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if parent := filepath.Dir(dir); parent != dir {
		if err := MkdirPrivate(parent); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o700); err != nil {
		if lerr := RefuseLink(dir); lerr != nil {
			return lerr
		}
		if errors.Is(err, fs.ErrExist) {
			return nil // made meanwhile
		}
		return err
	}
	return os.Chmod(dir, 0o700)
}

// CheckOutFile refuses out as the file an export or a sample book is
// written to when that would write over a book: the book in use (book,
// a path or a team book's URL), a file SQLite keeps beside it, or any
// SQLite database (its first 16 bytes say "SQLite format 3"); and when
// out is a symbolic link. A missing out is fine.
func CheckOutFile(out, book string) error {
	if err := RefuseLink(out); err != nil {
		return invalid(err)
	}
	absOut, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	if book != "" && !IsTeamURL(book) {
		if absBook, err := filepath.Abs(book); err == nil {
			for _, p := range append([]string{absBook}, sidecars(absBook)...) {
				if absOut == p || sameFile(absOut, p) {
					return invalid(fmt.Errorf("%s is the book in use (or a file SQLite keeps beside it); pick another file", out))
				}
			}
		}
	}
	if head, err := readHead(absOut, 16); err == nil && string(head) == "SQLite format 3\x00" {
		return invalid(fmt.Errorf("%s is a SQLite database; rotate does not write over one: pick another file", out))
	}
	return nil
}
