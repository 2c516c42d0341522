//go:build unix

package store

import (
	"os"
	"syscall"
)

// openNoFollow opens path for reading, refusing a symbolic link.
func openNoFollow(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|oNoFollow, 0)
}

// walInUse reports whether another process has the book at path open:
// every SQLite connection to a WAL book holds a read lock on the
// "dead man switch" byte of the -shm file (byte 128, os_unix.c's
// UNIX_SHM_DMS) while it is open. Only called for a book this process
// has not open (openBooks), so closing the file here drops no lock of
// SQLite's.
func walInUse(path string) bool {
	f, err := os.OpenFile(path+"-shm", os.O_RDONLY|oNoFollow, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	lk := syscall.Flock_t{Type: syscall.F_WRLCK, Whence: 0, Start: 128, Len: 1}
	if err := syscall.FcntlFlock(f.Fd(), syscall.F_GETLK, &lk); err != nil {
		return false
	}
	return lk.Type != syscall.F_UNLCK
}

// oNoFollow makes an open fail on a symbolic link.
const oNoFollow = syscall.O_NOFOLLOW
