package interchange

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"rotate/rotation"
)

// Phone call logs: the files a phone's backup app exports its call log to
// (calllog_sbr.go, calllog_fossify.go), read into PhoneCalls that
// MatchCalls turns into proposed touches.

// CallType is the kind of a phone's call-log record, numbered as
// Android's CallLog.Calls.TYPE (both formats write that number).
type CallType int

// The call types of Android's call log.
const (
	CallIncoming  CallType = 1
	CallOutgoing  CallType = 2
	CallMissed    CallType = 3
	CallVoicemail CallType = 4
	CallRejected  CallType = 5
	CallBlocked   CallType = 6
	// CallAnsweredElsewhere is an incoming call answered on another
	// device of the same account.
	CallAnsweredElsewhere CallType = 7
)

// String names the type as the review list shows it.
func (t CallType) String() string {
	switch t {
	case CallIncoming:
		return "incoming"
	case CallOutgoing:
		return "outgoing"
	case CallMissed:
		return "missed"
	case CallVoicemail:
		return "voicemail"
	case CallRejected:
		return "rejected"
	case CallBlocked:
		return "blocked"
	case CallAnsweredElsewhere:
		return "answered elsewhere"
	}
	return "type " + strconv.Itoa(int(t))
}

// PhoneCall is one record of a phone's call log.
type PhoneCall struct {
	Num  int // its position among the file's records, from 1
	Line int // the line it starts on, from 1

	Number  string    // as the phone wrote it; "" or "-1" for a hidden caller
	Name    string    // the phone's own name for the number, if any
	At      time.Time // when the call started, UTC, to the millisecond
	Seconds int       // how long it lasted
	Type    CallType
}

// Key is the call's stable key: the same record of a phone's call log has
// the same key in every export of it, whichever of the two apps wrote it
// (both copy Android's number, start time in milliseconds and type), so
// an import stores it with the call and a second import of the same file
// finds it. The number's digits alone go in, not its formatting.
func (c PhoneCall) Key() string {
	number := digits(c.Number)
	if len(number) < 5 {
		number = "" // a hidden caller: "-1", "-2" or ""
	}
	sum := sha256.Sum256([]byte(number + "|" + strconv.FormatInt(c.At.UnixMilli(), 10) + "|" + strconv.Itoa(int(c.Type))))
	return "phone:" + hex.EncodeToString(sum[:12])
}

// Limits of a call-log record: a phone writes a number of at most a few
// dozen characters and a name of a few dozen; anything longer is not a
// call log.
const (
	maxCallNumber = 64
	maxCallName   = 256
	// MaxCallSeconds is the longest call a record may say it lasted
	// (a week); a longer one is a broken record.
	MaxCallSeconds = 7 * 24 * 3600
)

// callFields checks and sets the fields every format shares; the error
// says what is wrong with the record (the caller adds where it is).
func (c *PhoneCall) callFields(number, name string, ms int64, seconds int64, typ int64) error {
	if len(number) > maxCallNumber {
		return fmt.Errorf("the number is %d bytes long; a phone number has at most %d", len(number), maxCallNumber)
	}
	if !utf8.ValidString(number) {
		return fmt.Errorf("the number is not UTF-8 text")
	}
	c.Number = rotation.CleanLine(number)
	if len(name) > maxCallName {
		name = name[:maxCallName]
		for !utf8.ValidString(name) && len(name) > 0 {
			name = name[:len(name)-1]
		}
	}
	c.Name = rotation.CleanLine(name)
	if ms <= 0 {
		return fmt.Errorf("the call has no time (date %d)", ms)
	}
	at := time.UnixMilli(ms).UTC()
	if y := at.Year(); y < 1970 || y > 9999 {
		return fmt.Errorf("the time %d is out of range", ms)
	}
	c.At = at
	if seconds < 0 || seconds > MaxCallSeconds {
		return fmt.Errorf("duration %d is out of range (0 to %d seconds)", seconds, MaxCallSeconds)
	}
	c.Seconds = int(seconds)
	if typ < 1 || typ > 1000 {
		return fmt.Errorf("type %d is not a call type (1 incoming, 2 outgoing, 3 missed, 4 voicemail, 5 rejected, 6 blocked, ...)", typ)
	}
	c.Type = CallType(typ)
	return nil
}

// callLogError is a malformed record of a call log: the whole file is
// refused (ErrFormat) and the message names the record.
func callLogError(num, line int, err error) error {
	return fmt.Errorf("%w: record %d (line %d): %v", ErrFormat, num, line, err)
}

// MaxCalls is the most records a call log may hold: a phone keeps a few
// thousand; the limit keeps a hostile file from filling memory with
// empty records.
const MaxCalls = 1_000_000
