package rotation

import "time"

// VersionAction is how a version of a call in its history of changes
// came to be.
type VersionAction string

// Actions of the history of changes.
const (
	ActionLogged VersionAction = "logged" // the call as first logged
	ActionEdit   VersionAction = "edit"
	ActionMove   VersionAction = "move"   // moved to another contact
	ActionDelete VersionAction = "delete" // removed; its last version is kept
	ActionUndo   VersionAction = "undo"   // taken back by undo; its last version is kept
	ActionMerge  VersionAction = "merge"  // moved with its contact into another one
)

// CallVersion is one version of a logged call in its history of changes:
// what the call said after Action, made At by By (a team member's role;
// "" in a personal book).
type CallVersion struct {
	At        time.Time
	By        string
	Action    VersionAction
	ContactID int64
	CalledAt  time.Time // when the call happened
	Day       Date
	Kind      CallKind
	Outcome   Outcome
	Note      string
}

// CallEdit is a correction of a logged call: the fields to change, nil
// (or zero) for those that stay.
type CallEdit struct {
	Note    *string
	Outcome *Outcome
	At      *time.Time // when the call happened
	Day     Date       // the civil day it counts for, with At; zero to keep
	Contact int64      // move it to this contact; 0 to keep
	Next    Date       // an explicit next date for the recomputed schedule
	Today   Date       // the day of the correction
}

// Correction is what a correction (undo, edit, move, delete) did.
type Correction struct {
	CallID    int64
	ContactID int64 // the contact the call is on now (the one it left, when removed)
	// Rescheduled lists the contacts whose schedule was recomputed, with
	// the next date each now has.
	Rescheduled []Rescheduled
	// Kept is set when the call was the contact's newest but its schedule
	// could not be recomputed: it was logged before rotate kept what each
	// call changed.
	Kept bool
	// Drafted is set when an undone call's note (its outcome and the
	// follow-ups it created) was kept as the contact's draft, offered
	// back when the call is logged again.
	Drafted bool
}

// Rescheduled is one contact's schedule after a correction.
type Rescheduled struct {
	ContactID int64
	Next      Date // zero when no call is planned
}
