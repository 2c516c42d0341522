package store

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sync"
)

// A WAL beside the book is replayed into it by SQLite at the first open,
// with no check that it belongs to that file: a WAL of another book, or
// of an older state of this one (a backup copied over the book while the
// old book's WAL stayed), would silently overwrite pages of the book. So
// before SQLite opens a book, checkWAL decides whether a WAL beside it may
// be replayed, touching neither file:
//
//   - a WAL in use by another program (it holds SQLite's lock on the
//     -shm file) is the live one: left to SQLite;
//   - a WAL with no committed frame (empty, torn, or not a WAL at all)
//     replays nothing: left to SQLite, which ignores it;
//   - a WAL whose page size is not the book's is foreign;
//   - otherwise the replay is rehearsed on a private copy of both files:
//     the copy must pass PRAGMA integrity_check and still carry the book's
//     own id (book_identity, a random id each book gets when created), the
//     one the book's file alone carries.
//
// A rollback journal never belongs beside a book (rotate keeps books in
// WAL mode): a hot one is refused.
//
// Limits: a WAL of another database that only rewrites pages the book
// holds in the same places, consistently with the rest of the book, and
// not its identity page, passes — possible only for a copy of this very
// book taken shortly before or after; and the rehearsal costs one copy of
// the book, which happens only after a crash (a WAL nobody holds).

// ErrForeignWAL marks a WAL or journal beside the book that is not its own.
var ErrForeignWAL = errors.New("a WAL that is not the book's")

// openBooks counts the books this process has open, by absolute path:
// locks of this process do not show to checkWAL's lock test (and closing
// a file of SQLite's would drop them), so a book open here is live.
var openBooks = struct {
	sync.Mutex
	n map[string]int
}{n: map[string]int{}}

// holdBook registers an Open of abs after checking its WAL; release undoes it.
func holdBook(ctx context.Context, abs string) (release func(), err error) {
	openBooks.Lock()
	defer openBooks.Unlock()
	if openBooks.n[abs] == 0 {
		if err := checkWAL(ctx, abs); err != nil {
			return nil, err
		}
	}
	openBooks.n[abs]++
	var once sync.Once
	return func() {
		once.Do(func() {
			openBooks.Lock()
			defer openBooks.Unlock()
			if openBooks.n[abs]--; openBooks.n[abs] <= 0 {
				delete(openBooks.n, abs)
			}
		})
	}, nil
}

var journalMagic = []byte{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7}

// checkWAL refuses (ErrForeignWAL) a WAL or journal beside the book at
// path that is not the book's; see above.
func checkWAL(ctx context.Context, path string) error {
	if head, err := readHead(path+"-journal", 8); err == nil && bytes.Equal(head, journalMagic) {
		return &kindError{ErrForeignWAL, fmt.Sprintf("%s is a rollback journal of another database (a rotate book never has one); nothing was written: move it away", path+"-journal")}
	}
	dbHead, err := readHead(path, 100)
	if err != nil || len(dbHead) < 100 {
		return nil // a new or empty book: nothing of its own to lose
	}
	wal, err := os.Open(path + "-wal")
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("open %s: %w", path+"-wal", err)
	}
	defer wal.Close()
	pageSize, commits, err := walCommits(bufio.NewReaderSize(wal, 1<<16))
	if err != nil {
		return fmt.Errorf("read %s: %w", path+"-wal", err)
	}
	if commits == 0 {
		return nil
	}
	dbPage := uint32(binary.BigEndian.Uint16(dbHead[16:18]))
	if dbPage == 1 {
		dbPage = 65536
	}
	if pageSize != dbPage {
		return foreign(path, path+"-wal", fmt.Sprintf("its pages are %d bytes, the book's %d", pageSize, dbPage))
	}
	if walInUse(path) {
		return nil
	}
	return rehearseWAL(ctx, path)
}

func foreign(book, file, why string) error {
	return &kindError{ErrForeignWAL, fmt.Sprintf("%s is not the WAL of %s (%s); nothing was written: move it away if the book is right, or restore the book from a backup", file, book, why)}
}

// readHead reads the first n bytes of path (fewer if it is shorter),
// not through a link.
func readHead(path string, n int) ([]byte, error) {
	f, err := openNoFollow(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b := make([]byte, n)
	k, err := io.ReadFull(f, b)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return b[:k], nil
}

// walCommits reads a WAL as SQLite's recovery does: the header, then
// the frames while their salts and running checksum hold. It returns the
// page size and the number of commit frames SQLite would replay.
func walCommits(r io.Reader) (pageSize uint32, commits int, err error) {
	var hdr [32]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return 0, 0, nil // too short: no frame
	}
	magic := binary.BigEndian.Uint32(hdr[0:4])
	if magic&^1 != 0x377f0682 || binary.BigEndian.Uint32(hdr[4:8]) != 3007000 {
		return 0, 0, nil // not a WAL: SQLite ignores it
	}
	var order binary.ByteOrder = binary.LittleEndian
	if magic&1 == 1 {
		order = binary.BigEndian
	}
	pageSize = binary.BigEndian.Uint32(hdr[8:12])
	if pageSize < 512 || pageSize > 65536 || pageSize&(pageSize-1) != 0 {
		return 0, 0, nil
	}
	sum := func(s0, s1 uint32, b []byte) (uint32, uint32) {
		for i := 0; i+8 <= len(b); i += 8 {
			s0 += order.Uint32(b[i:]) + s1
			s1 += order.Uint32(b[i+4:]) + s0
		}
		return s0, s1
	}
	s0, s1 := sum(0, 0, hdr[:24])
	if s0 != binary.BigEndian.Uint32(hdr[24:28]) || s1 != binary.BigEndian.Uint32(hdr[28:32]) {
		return 0, 0, nil
	}
	frame := make([]byte, 24+int(pageSize))
	for {
		if _, err := io.ReadFull(r, frame); err != nil {
			if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
				return pageSize, commits, nil
			}
			return 0, 0, err
		}
		if !bytes.Equal(frame[8:16], hdr[16:24]) || binary.BigEndian.Uint32(frame[0:4]) == 0 {
			return pageSize, commits, nil
		}
		s0, s1 = sum(s0, s1, frame[0:8])
		s0, s1 = sum(s0, s1, frame[24:])
		if s0 != binary.BigEndian.Uint32(frame[16:20]) || s1 != binary.BigEndian.Uint32(frame[20:24]) {
			return pageSize, commits, nil
		}
		if binary.BigEndian.Uint32(frame[4:8]) != 0 {
			commits++
		}
	}
}

// rehearseWAL copies the book and its WAL into a private temporary
// folder, lets SQLite replay the WAL there, and checks the result.
func rehearseWAL(ctx context.Context, path string) error {
	dir, err := os.MkdirTemp("", "rotate-walcheck-")
	if err != nil {
		return fmt.Errorf("check %s: %w", path+"-wal", err)
	}
	defer os.RemoveAll(dir)
	copyPath := filepath.Join(dir, "book.db")
	if err := copyFile(path, copyPath); err != nil {
		return fmt.Errorf("check %s: %w", path+"-wal", err)
	}
	own, err := bookID(ctx, copyPath) // the book's file alone
	if err != nil {
		own = "" // an older book, or one this check cannot read: integrity decides
	}
	os.Remove(copyPath + "-wal")
	os.Remove(copyPath + "-shm")
	if err := copyFile(path+"-wal", copyPath+"-wal"); err != nil {
		return fmt.Errorf("check %s: %w", path+"-wal", err)
	}
	problems, err := integrity(ctx, copyPath, "integrity_check")
	if err != nil || len(problems) > 0 {
		return foreign(path, path+"-wal", "replayed, the book would be damaged")
	}
	replayed, err := bookID(ctx, copyPath)
	if own != "" && (err != nil || replayed != own) {
		return foreign(path, path+"-wal", "it belongs to another book")
	}
	return nil
}

// bookID reads the id of the book at path (book_identity).
func bookID(ctx context.Context, path string) (string, error) {
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: path}).String())
	if err != nil {
		return "", err
	}
	defer db.Close()
	var id string
	err = db.QueryRowContext(ctx, "SELECT id FROM book_identity").Scan(&id)
	return id, err
}

// integrity runs PRAGMA integrity_check or quick_check on the SQLite
// file at path and returns the problems it finds (none when healthy).
func integrity(ctx context.Context, path, pragma string) ([]string, error) {
	db, err := sql.Open("sqlite", (&url.URL{Scheme: "file", Path: path}).String())
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return runIntegrity(ctx, db, pragma)
}

func runIntegrity(ctx context.Context, db interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, pragma string) ([]string, error) {
	rows, err := db.QueryContext(ctx, "PRAGMA "+pragma)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	return problems, rows.Err()
}

func copyFile(from, to string) error {
	in, err := openNoFollow(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := CreatePrivate(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
