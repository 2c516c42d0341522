package rotation

import (
	"strings"
	"time"
)

// Contact is a person in the rotation.
type Contact struct {
	ID      int64
	Name    string
	Phones  []Phone
	Email   string
	Company string
	Tier    string // "A", "B" or "C"
	// FollowsTier is true when the contact has no cadence of its own: its
	// Rule is its tier's default, and changes with the tier and with the
	// tier's setting.
	FollowsTier bool
	Schedule
	Profile
	Birthday Date // zero when unknown
	Tags     []string
	History  // denormalised from the calls, for lists
	Created  time.Time
	Updated  time.Time
	// Assignee is the team member (a PostgreSQL role) who calls this
	// contact; "" for nobody in particular, and always "" in a personal
	// book.
	Assignee string
}

// Phone is one phone number of a contact, kept as typed, with a label
// such as "mobile" or "work".
type Phone struct {
	Number string
	Label  string
}

// Profile holds the FORM notes: what to remember about a person.
type Profile struct {
	Family     string
	Occupation string
	Recreation string
	Message    string // what matters to them
}

// FirstPhone is the number to dial, or "".
func (c Contact) FirstPhone() string {
	if len(c.Phones) == 0 {
		return ""
	}
	return c.Phones[0].Number
}

// CallKind is the kind of interaction a Call records: the channel of a
// touch (Channels), or KindNote, a note that is no touch and has no
// outcome.
type CallKind string

// Kinds of interaction a Call records: the channels of a touch (Channels)
// and KindNote, a note that is no touch and has no outcome.
const (
	KindCall    CallKind = "call"
	KindEmail   CallKind = "email"
	KindText    CallKind = "text"
	KindMeeting CallKind = "meeting"
	KindLetter  CallKind = "letter"
	KindNote    CallKind = "note"
)

// Kinds lists the interaction kinds.
var Kinds = []CallKind{KindCall, KindEmail, KindText, KindMeeting, KindLetter, KindNote}

// KindNames lists the interaction kinds for a message: "call, email, …".
func KindNames() string {
	names := make([]string, len(Kinds))
	for i, k := range Kinds {
		names[i] = string(k)
	}
	return strings.Join(names, ", ")
}

// Call is one logged interaction with a contact.
type Call struct {
	ID        int64
	ContactID int64
	At        time.Time // when it was logged (UTC)
	Day       Date      // the civil day it counts for
	Kind      CallKind  // the channel, or KindNote
	Direction Direction // Out or In ("" read as Out)
	Outcome   Outcome
	Note      string
	NextDue   Date // the next date this call set; zero if none
	Revised   bool // corrected since it was logged (see CallVersion)
	// By is the team member (a PostgreSQL role) who logged it, on a team
	// book; "" on a personal book.
	By string
}

// FollowUp is something to bring up in a later call.
type FollowUp struct {
	ID           int64
	ContactID    int64
	Text         string
	Created      time.Time
	CreatedCall  int64     // the call that created it; 0 if added by hand
	Resolved     time.Time // zero while open
	ResolvedCall int64
}

// IsOpen reports whether the follow-up still waits for a call.
func (f FollowUp) IsOpen() bool { return f.Resolved.IsZero() }

// Draft is the unsaved state of a call being logged, kept so that nothing
// typed is lost to a crash or a closed terminal.
type Draft struct {
	ContactID int64
	Outcome   Outcome
	Note      string
	FollowUps string // new follow-ups, one per line
	Next      string // the next-date words as typed
	Updated   time.Time
}

// IsEmpty reports whether the draft holds nothing worth keeping.
func (d Draft) IsEmpty() bool {
	return d.Note == "" && d.FollowUps == "" && d.Next == ""
}

// DueItem is one row of a day's call list.
type DueItem struct {
	Contact
	Reason      string // why the call is due, e.g. "retry 2 · voicemail Mon"
	OverdueDays int    // days past the due date; 0 when due today
	// Kept says the due date is one the user typed (`--next`, `--due`,
	// snooze) or the client asked for (a callback): a catch-up never
	// moves it.
	Kept bool
}

// KeptDate reports whether a catch-up must leave the item's date alone: a
// date typed (Kept) or a callback the client asked for.
func (it DueItem) KeptDate() bool { return it.Kept || it.LastOutcome == Callback }

// Agenda is a day's call list: the calls still to make and those done.
type Agenda struct {
	Day  Date
	Due  []DueItem // overdue first, then by priority
	Done []Call    // calls logged on that day, in the order made
	// DoneNames maps the contact ids of Done to their names.
	DoneNames map[int64]string
	// NextDue is the next day with calls due after Day, for an empty list.
	NextDue      Date
	NextDueCount int
	// Contacts is the number of contacts in the book (any status).
	Contacts int
}

// Briefing is what to read before calling someone.
type Briefing struct {
	Contact   Contact
	FollowUps []FollowUp // open ones, most recent first
	Calls     []Call     // newest first
	Draft     *Draft     // an unsaved note, if any
}

// LogEntry is one call to record.
type LogEntry struct {
	ContactID int64
	Outcome   Outcome
	Kind      CallKind // the channel (or KindNote); KindCall when empty
	// Direction is In when they called or wrote; Out when empty.
	Direction Direction
	// NextTime is the time of day typed with Next (a callback "thu
	// 3pm"); zero for none.
	NextTime Clock
	Note     string
	At       time.Time // when it happened
	Today    Date      // the civil day it counts for
	Next     Date      // an explicit next date; zero to compute it
	// NewFollowUps are things to bring up next time, one per entry.
	NewFollowUps []string
	// Resolve are open follow-ups of this contact that the call covered.
	Resolve []int64
	// Seen is the newest call of the contact the person logging had in
	// front of them (-1 when it had none; 0 not to check, as a script's
	// `rotate log` does). A call logged by anyone since then makes the
	// store refuse to schedule over it (store.ConflictError).
	Seen int64
}

// LogResult is what logging a call did.
type LogResult struct {
	CallID int64
	Next   Next
}

// DayLoad is the number of calls due on one day.
type DayLoad struct {
	Date  Date
	Count int
}

// SearchHit is one note or follow-up that matches a search.
type SearchHit struct {
	ContactID  int64
	Name       string
	CallID     int64 // 0 for a follow-up
	FollowUpID int64 // 0 for a call note
	// The touch whose note matched: its channel (or KindNote), direction
	// and outcome; all "" for a follow-up.
	Via       CallKind
	Direction Direction
	Outcome   Outcome
	At        time.Time
	// By is who logged the call, on a team book ("" for a follow-up and
	// on a personal book).
	By string
	// Snippet is the text around the match, with the matched words
	// between the markers HitStart and HitEnd.
	Snippet string
}

// The markers around matched words in SearchHit.Snippet. They are control
// characters no typed note holds, so views can style the match safely.
const (
	HitStart = "\x02"
	HitEnd   = "\x03"
)
