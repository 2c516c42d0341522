package interchange

import (
	"errors"
	"fmt"

	"rotate/rotation"
)

// MaxInput is the largest file the readers accept. A real address book is
// a few megabytes; the limit keeps a wrong file from eating the memory.
const MaxInput = 256 << 20

// ErrTooLarge is returned for input over MaxInput.
var ErrTooLarge = fmt.Errorf("the file is larger than %d MB; split it", MaxInput>>20)

// ErrFormat is wrapped by the errors of a file that cannot be read as the
// format it was given as (not one bad record: the whole file).
var ErrFormat = errors.New("malformed file")

// ErrNewerExport is wrapped, with ErrFormat, by the error of a JSON export
// of a version this rotate does not know: a newer rotate wrote it.
var ErrNewerExport = errors.New("written by a newer rotate")

// Record is one contact read from a file, with the history a JSON export
// carries (a vCard or a CSV row has none).
type Record struct {
	Num  int // its position among the file's records, from 1
	Line int // the line it starts on, from 1

	Contact rotation.Contact
	// Emails are every address of the record, the preferred first;
	// Contact.Email is Emails[0]. Duplicates are found by any of them.
	Emails []string

	// Restore is set for records of a JSON export: the contact's schedule,
	// history and timestamps are kept as they are instead of ramped in.
	Restore bool
	// Calls are the record's calls, oldest first. Call.ID numbers them
	// within the record, so that FollowUps can point at them.
	Calls []rotation.Call
	// FollowUps are the record's follow-ups; CreatedCall and ResolvedCall
	// are Call.IDs of Calls, or 0.
	FollowUps []rotation.FollowUp
	// Draft is an unsaved note, if the export had one.
	Draft *rotation.Draft
	// Warnings say what reading the record left out (a phone number with
	// no digits), for the import summary.
	Warnings []string
}

// Book is what a file holds: records, and for a JSON export the book's
// settings and cleared days as well.
type Book struct {
	Records []Record
	// Settings are stored settings by key (rotate config), as text.
	Settings map[string]string
	// ClearedDays are the workdays whose list was cleared: the streak.
	ClearedDays []rotation.Date
}

// RecordError is a record that cannot be imported, with where it is.
type RecordError struct {
	Record int // position among the records, from 1
	Line   int // line in the file, from 1
	Msg    string
}

func (e *RecordError) Error() string {
	if e.Record == 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("record %d (line %d): %s", e.Record, e.Line, e.Msg)
}

func recordErrorf(rec, line int, format string, args ...any) *RecordError {
	return &RecordError{Record: rec, Line: line, Msg: fmt.Sprintf(format, args...)}
}
