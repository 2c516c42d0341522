// Package tui is the interactive call list: Today's calls, the briefing
// beside them, and logging a call in a few keys. It talks to the book
// through the narrow Store interface below and asks the rotation package
// what outcomes mean.
package tui

import (
	"context"

	"rotate/rotation"
)

// Store is what the interface needs from the book. Every call runs inside
// a tea.Cmd, never in Update.
type Store interface {
	Today(ctx context.Context, today rotation.Date) (rotation.Agenda, error)
	Briefing(ctx context.Context, id int64, callLimit int) (rotation.Briefing, error)
	Settings(ctx context.Context) (rotation.Settings, error)
	Propose(ctx context.Context, id int64, o rotation.Outcome, today, explicit rotation.Date) (rotation.Next, error)
	LogCall(ctx context.Context, e rotation.LogEntry) (rotation.LogResult, error)
	SaveDraft(ctx context.Context, d rotation.Draft) error
	DeleteDraft(ctx context.Context, contactID int64) error
	Drafts(ctx context.Context) ([]int64, error)
	// Changed reports commits made since its previous call, by this
	// process or another one (a `rotate log` in another terminal).
	Changed(ctx context.Context) (bool, error)
}
