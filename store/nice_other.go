//go:build !linux

package store

// inBackground runs fn; only Linux lowers the priority of one thread.
func inBackground(fn func()) { fn() }
