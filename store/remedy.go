package store

import "errors"

// Remedy names what a person can do about an error. The store's errors
// say what is wrong; the interface that shows them words the remedy in
// its own terms (cmd/rotate as what to type, see its advice.go).
type Remedy int

const (
	RemedyNone        Remedy = iota
	RemedyOtherBook          // open another book: the file is not one
	RemedyUpgrade            // a newer rotate reads the book
	RemedyCheck              // check the book and restore it from a backup
	RemedyCheckBackup        // check the book; keep the older backups (a backup refused)
	RemedyCheckCopy          // check the book (its backup copy failed its check)
	RemedyForce              // overwrite the existing file on purpose
	RemedyTeamInit           // the owner sets the team book up
	RemedyTeamUpgrade        // the owner upgrades the team book's schema
	RemedyTeamGrant          // owners grant rights by adding members
	RemedyTeamAdd            // an owner adds the role (Subject) to the team
	RemedyTeamAddRole        // the same, said of a role that signed in
	RemedyTeamURL            // name a team book on PostgreSQL
	RemedyCreateRole         // the server's administrator creates the role (Subject)
	RemedyListAll            // list everyone to find the contact
	RemedyNote               // give the note's text
	RemedyUntil              // give the override's end date
)

// RemedyError is an error and what can be done about it.
type RemedyError struct {
	Err    error
	Remedy Remedy
	// Subject is what the remedy is about: a role for RemedyTeamAdd and
	// RemedyCreateRole.
	Subject string
}

func (e *RemedyError) Error() string { return e.Err.Error() }
func (e *RemedyError) Unwrap() error { return e.Err }

// remedy attaches r (about subject) to err.
func remedy(err error, r Remedy, subject ...string) error {
	e := &RemedyError{Err: err, Remedy: r}
	if len(subject) > 0 {
		e.Subject = subject[0]
	}
	return e
}

// RemedyOf is the remedy err carries, RemedyNone when it carries none.
func RemedyOf(err error) (Remedy, string) {
	var e *RemedyError
	if errors.As(err, &e) {
		return e.Remedy, e.Subject
	}
	return RemedyNone, ""
}
