//go:build !unix

package store

import "os"

func openNoFollow(path string) (*os.File, error) { return os.Open(path) }

// walInUse cannot tell here: a WAL with committed frames is rehearsed.
func walInUse(string) bool { return false }

const oNoFollow = 0
