// Package tui is the interactive call list: Today's calls, the briefing
// beside them, and logging a call in a few keys. It talks to the book
// through the narrow Store interface in store.go and asks the rotation
// package what outcomes mean. Update does no I/O: it returns commands
// (messages.go) that run the store calls.
package tui
