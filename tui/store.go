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
	ProposeTouch(ctx context.Context, id int64, t rotation.Touch, today, explicit rotation.Date) (rotation.Next, error)
	LogCall(ctx context.Context, e rotation.LogEntry) (rotation.LogResult, error)
	SaveDraft(ctx context.Context, d rotation.Draft) error
	DeleteDraft(ctx context.Context, contactID int64) error
	Drafts(ctx context.Context) ([]int64, error)
	// Changed reports commits made since its previous call, by this
	// process or another one (a `rotate log` in another terminal).
	Changed(ctx context.Context) (bool, error)

	// The other views.
	AllContacts(ctx context.Context) ([]rotation.Contact, error)
	Contact(ctx context.Context, id int64) (rotation.Contact, error)
	AddContact(ctx context.Context, c rotation.Contact, today rotation.Date) (rotation.Contact, error)
	// UpdateContact saves an edit: was is the contact as loaded, now as
	// edited; only what changed is written, and a conflicting change made
	// meanwhile refuses it (an error with a Conflict() bool method).
	UpdateContact(ctx context.Context, was, now rotation.Contact) error
	// AfterEdit says what an edit does to the schedule, leveled.
	AfterEdit(ctx context.Context, before, after rotation.Contact, today rotation.Date) (rotation.Contact, error)
	SetStatus(ctx context.Context, id int64, status rotation.Status, due rotation.Date) error
	SetDue(ctx context.Context, id int64, due rotation.Date) error
	Calls(ctx context.Context, contactID int64, limit int) ([]rotation.Call, error)
	FollowUps(ctx context.Context, contactID int64, openOnly bool) ([]rotation.FollowUp, error)
	Upcoming(ctx context.Context, today rotation.Date, days int) ([]rotation.DayLoad, error)
	Capacity(ctx context.Context, today rotation.Date) (rotation.Capacity, error)
	PlanCatchUp(ctx context.Context, today rotation.Date) (rotation.CatchUpPlan, error)
	ApplyCatchUp(ctx context.Context, plan rotation.CatchUpPlan) (int, error)
	DueBetween(ctx context.Context, from, to rotation.Date) ([]rotation.Contact, error)
	Stats(ctx context.Context, today rotation.Date) (rotation.Stats, error)
	Search(ctx context.Context, query string, limit int) ([]rotation.SearchHit, error)
	SetSetting(ctx context.Context, key, value string) (rotation.Settings, error)

	// Corrections: undo, edit, move and delete of a logged call, with
	// the history of changes each keeps; merging and forgetting contacts.
	NewestLogged(ctx context.Context) (rotation.Call, error)
	UndoCall(ctx context.Context, id int64) (rotation.Correction, error)
	EditCall(ctx context.Context, id int64, e rotation.CallEdit) (rotation.Correction, error)
	DeleteCall(ctx context.Context, id int64) (rotation.Correction, error)
	CallHistory(ctx context.Context, id int64) ([]rotation.CallVersion, error)
	MergeContacts(ctx context.Context, from, into int64) error
	// Duplicates are the contacts sharing a phone number or e-mail with c.
	Duplicates(ctx context.Context, c rotation.Contact, region string) ([]rotation.Contact, error)
	ForgetContact(ctx context.Context, id int64) error
}
