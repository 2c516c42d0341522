package interchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"rotate/rotation"
)

// ReadJSON reads rotate's JSON export. Contacts that cannot be read (a
// bad rule, date or tier) are RecordErrors; their line is where the
// contact starts in the file.
func ReadJSON(r io.Reader) (Book, []*RecordError, error) {
	b, err := readAll(r)
	if err != nil {
		return Book{}, nil, err
	}
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	var head struct {
		Format      string            `json:"format"`
		Version     int               `json:"version"`
		Settings    map[string]string `json:"settings"`
		ClearedDays []string          `json:"cleared_days"`
		Contacts    []json.RawMessage `json:"contacts"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return Book{}, nil, fmt.Errorf("%w: %s", ErrFormat, jsonErrText(b, err))
	}
	if head.Format != JSONFormat {
		return Book{}, nil, fmt.Errorf("%w: not a rotate export (its \"format\" is %q, not %q)", ErrFormat, head.Format, JSONFormat)
	}
	if head.Version > JSONVersion {
		return Book{}, nil, fmt.Errorf("%w: an export of version %d, %w", ErrFormat, head.Version, ErrNewerExport)
	}
	book := Book{Settings: head.Settings}
	var errs []*RecordError
	for _, d := range head.ClearedDays {
		day, err := rotation.ParseISO(d)
		if err != nil {
			return Book{}, nil, fmt.Errorf("%w: cleared_days: %v", ErrFormat, err)
		}
		book.ClearedDays = append(book.ClearedDays, day)
	}
	offsets := contactOffsets(b, len(head.Contacts))
	for i, raw := range head.Contacts {
		line := 1 + bytes.Count(b[:offsets[i]], []byte("\n"))
		rec, err := fromJSONContact(raw, i+1, line)
		if err == nil {
			err = rec.clean()
		}
		if err != nil {
			errs = append(errs, err)
			continue
		}
		book.Records = append(book.Records, rec)
	}
	return book, errs, nil
}

// contactOffsets finds where each element of "contacts" starts, for line
// numbers in messages: a decoder walks the tokens up to each one.
func contactOffsets(b []byte, n int) []int64 {
	out := make([]int64, n)
	dec := json.NewDecoder(bytes.NewReader(b))
	depth := 0
	inContacts := false
	i := 0
	for i < n {
		start := dec.InputOffset()
		tok, err := dec.Token()
		if err != nil {
			break
		}
		switch t := tok.(type) {
		case json.Delim:
			if t == '{' || t == '[' {
				if inContacts && depth == 2 && t == '{' {
					out[i] = start + int64(len(b[start:])-len(bytes.TrimLeft(b[start:], " \t\r\n,")))
					i++
				}
				depth++
			} else {
				depth--
			}
		case string:
			if depth == 1 && t == "contacts" {
				inContacts = true
			} else if depth == 1 {
				inContacts = false
			}
		}
	}
	return out
}

// jsonErrText says where a JSON syntax error is.
func jsonErrText(b []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		line := 1 + bytes.Count(b[:min(int(se.Offset), len(b))], []byte("\n"))
		return fmt.Sprintf("line %d: %v", line, err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		line := 1 + bytes.Count(b[:min(int(te.Offset), len(b))], []byte("\n"))
		return fmt.Sprintf("line %d: %s should be a %s, not %s", line, te.Field, te.Type, te.Value)
	}
	return err.Error()
}

// fromJSONContact reads one element of "contacts": the contact, its
// calls, follow-ups and draft, each by its converter, checked in that
// order so that the first thing wrong is the one reported.
func fromJSONContact(raw json.RawMessage, num, line int) (Record, *RecordError) {
	rec := Record{Num: num, Line: line, Restore: true}
	fail := func(err error) (Record, *RecordError) {
		return rec, recordErrorf(num, line, "%v", err)
	}
	j, err := decodeJSONContact(raw)
	if err != nil {
		return fail(err)
	}
	if rec.Contact, err = j.contact(); err != nil {
		return fail(err)
	}
	if rec.Contact.Email != "" {
		rec.Emails = []string{rec.Contact.Email}
	}
	if err := j.checkTimes(); err != nil {
		return fail(err)
	}
	if j.Created != nil {
		rec.Contact.Created = j.Created.UTC()
	}
	if j.Updated != nil {
		rec.Contact.Updated = j.Updated.UTC()
	}
	var refs map[int]bool
	if rec.Calls, refs, err = fromJSONCalls(j.Calls); err != nil {
		return fail(err)
	}
	if rec.FollowUps, err = fromJSONFollowUps(j.FollowUps, refs); err != nil {
		return fail(err)
	}
	if rec.Draft, err = fromJSONDraft(j.Draft); err != nil {
		return fail(err)
	}
	return rec, nil
}

// decodeJSONContact unmarshals a contact, saying in one line which field
// has the wrong type or a time out of range.
func decodeJSONContact(raw json.RawMessage) (jsonContact, error) {
	var j jsonContact
	if err := json.Unmarshal(raw, &j); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return j, fmt.Errorf("%s should be a %s, not %s", te.Field, te.Type, te.Value)
		}
		var pe *time.ParseError
		if errors.As(err, &pe) {
			return j, fmt.Errorf("the time %q is not a time this book can hold (YYYY-MM-DDTHH:MM:SSZ, years 1 to 9999)", pe.Value)
		}
		return j, err
	}
	return j, nil
}

// contact is the contact's own fields: name, phones, email, tier, rules,
// dates, status, counts, tags and profile. An export is read back
// exactly as written: the text was the book's.
func (j *jsonContact) contact() (rotation.Contact, error) {
	var c rotation.Contact
	c.Name = j.Name
	if strings.TrimSpace(c.Name) == "" {
		return c, errors.New("a contact without a name")
	}
	for _, p := range j.Phones {
		if strings.TrimSpace(p.Number) != "" {
			c.Phones = append(c.Phones, rotation.Phone(p))
		}
	}
	c.Email, c.Company = j.Email, j.Company
	var err error
	if j.Tier != "" {
		if c.Tier, err = rotation.ParseTier(j.Tier); err != nil {
			return c, err
		}
	}
	if err := j.rules(&c); err != nil {
		return c, err
	}
	if err := j.dates(&c); err != nil {
		return c, err
	}
	if err := j.standing(&c); err != nil {
		return c, err
	}
	if len(j.Tags) > 0 {
		c.Tags = j.Tags
	}
	c.Family, c.Occupation, c.Recreation, c.Message = j.Family, j.Occupation, j.Recreation, j.Message
	return c, nil
}

// rules reads the cadence rule, whether it follows the tier's, and the
// override rule.
func (j *jsonContact) rules(c *rotation.Contact) error {
	var err error
	if c.Rule, err = optionalRule(j.Rule); err != nil {
		return err
	}
	c.FollowsTier = j.FollowsTier
	if c.Override, err = optionalRule(j.Override); err != nil {
		return fmt.Errorf("override: %v", err)
	}
	return nil
}

// dates reads the contact's dates; an override needs its last day.
func (j *jsonContact) dates(c *rotation.Contact) error {
	for _, f := range []struct {
		what string
		s    string
		d    *rotation.Date
	}{
		{"override_until", j.OverrideUntil, &c.OverrideUntil}, {"due", j.Due, &c.Due},
		{"birthday", j.Birthday, &c.Birthday}, {"last_call", j.LastCall, &c.LastCall},
		{"last_talk", j.LastTalk, &c.LastTalk},
	} {
		var err error
		if *f.d, err = optionalDate(f.what, f.s); err != nil {
			return err
		}
	}
	if !c.Override.IsZero() && c.OverrideUntil.IsZero() {
		return errors.New("an override without override_until")
	}
	return nil
}

// standing reads where the contact stands: status, last outcome, and the
// counts of missed calls and of the cadence's steps.
func (j *jsonContact) standing(c *rotation.Contact) error {
	switch s := rotation.Status(j.Status); s {
	case "", rotation.Active, rotation.Paused, rotation.Archived:
		c.Status = s
	default:
		return fmt.Errorf("unknown status %q; use active, paused or archived", j.Status)
	}
	if j.LastOutcome != "" {
		var err error
		if c.LastOutcome, err = rotation.ParseOutcome(j.LastOutcome); err != nil {
			return fmt.Errorf("last_outcome: %v", err)
		}
	}
	// The counts are the rules' own: a file may hold anything, and a
	// count out of range would panic or wrap in the arithmetic of a call.
	if j.Attempts < 0 || j.Attempts > rotation.MaxAttempts {
		return fmt.Errorf("attempts %d is out of range (0 to %d)", j.Attempts, rotation.MaxAttempts)
	}
	if j.Step < 0 || j.Step > rotation.MaxStep {
		return fmt.Errorf("step %d is out of range (0 to %d)", j.Step, rotation.MaxStep)
	}
	c.Attempts, c.Step = j.Attempts, j.Step
	return nil
}

// checkTimes refuses a time outside years 1 to 9999 anywhere in the
// contact: it could not be written back (JSON holds years 0 to 9999 and a
// call's day must be a date), so the book's next export would not read.
func (j *jsonContact) checkTimes() error {
	for _, tm := range []struct {
		what string
		t    *time.Time
	}{{"created", j.Created}, {"updated", j.Updated}} {
		if err := timeInRange(tm.what, tm.t); err != nil {
			return err
		}
	}
	for _, k := range j.Calls {
		if err := timeInRange(fmt.Sprintf("call %d: at", k.Ref), &k.At); err != nil {
			return err
		}
	}
	for _, f := range j.FollowUps {
		if err := timeInRange("a follow-up's created", &f.Created); err != nil {
			return err
		}
		if err := timeInRange("a follow-up's resolved", f.Resolved); err != nil {
			return err
		}
	}
	if d := j.Draft; d != nil {
		if err := timeInRange("draft: updated", &d.Updated); err != nil {
			return err
		}
	}
	return nil
}

// fromJSONCalls reads the calls, each with a new positive ref (its ID
// until the book gives it one); refs is the set of them, for the
// follow-ups.
func fromJSONCalls(calls []jsonCall) (_ []rotation.Call, refs map[int]bool, _ error) {
	var out []rotation.Call
	refs = map[int]bool{}
	for _, k := range calls {
		if k.Ref <= 0 || refs[k.Ref] {
			return nil, nil, fmt.Errorf("call ref %d is not a new positive number", k.Ref)
		}
		refs[k.Ref] = true
		call, err := fromJSONCall(k)
		if err != nil {
			return nil, nil, fmt.Errorf("call %d: %v", k.Ref, err)
		}
		out = append(out, call)
	}
	return out, refs, nil
}

// fromJSONCall reads one call: its kind, outcome, day (the day of its
// time when not given) and the next call it planned.
func fromJSONCall(k jsonCall) (rotation.Call, error) {
	call := rotation.Call{ID: int64(k.Ref), At: k.At.UTC(), Kind: rotation.CallKind(k.Kind), Note: k.Note}
	if call.Kind == "" {
		call.Kind = rotation.KindCall
	}
	if !slices.Contains(rotation.Kinds, call.Kind) {
		return call, fmt.Errorf("unknown kind %q", k.Kind)
	}
	var err error
	if d, err := rotation.ParseDirection(k.Direction); err != nil {
		return call, err
	} else if d == rotation.In {
		if call.Kind == rotation.KindNote {
			return call, errors.New("a note has no direction")
		}
		call.Direction = d
	}
	if call.Outcome, err = optionalOutcome(k.Outcome); err != nil {
		return call, err
	}
	if call.Day, err = optionalDate("day", k.Day); err != nil {
		return call, err
	}
	if call.Day.IsZero() {
		call.Day = rotation.DateOf(call.At)
	}
	if call.NextDue, err = optionalDate("next_due", k.NextDue); err != nil {
		return call, err
	}
	return call, nil
}

// fromJSONFollowUps reads the follow-ups, which may name only the calls
// in refs; one without text is left out.
func fromJSONFollowUps(followUps []jsonFollowUp, refs map[int]bool) ([]rotation.FollowUp, error) {
	var out []rotation.FollowUp
	for _, f := range followUps {
		for _, ref := range []int{f.CreatedCall, f.ResolvedCall} {
			if ref != 0 && !refs[ref] {
				return nil, fmt.Errorf("a follow-up names call %d, which the contact does not have", ref)
			}
		}
		fu := rotation.FollowUp{Text: f.Text, Created: f.Created.UTC(),
			CreatedCall: int64(f.CreatedCall), ResolvedCall: int64(f.ResolvedCall)}
		if f.Resolved != nil {
			fu.Resolved = f.Resolved.UTC()
		}
		if strings.TrimSpace(fu.Text) == "" {
			continue
		}
		out = append(out, fu)
	}
	return out, nil
}

// fromJSONDraft reads the unsaved note, if any; its outcome, when there
// is one, is checked like a call's.
func fromJSONDraft(d *jsonDraft) (*rotation.Draft, error) {
	if d == nil {
		return nil, nil
	}
	outcome, err := optionalOutcome(d.Outcome)
	if err != nil {
		return nil, fmt.Errorf("draft: %v", err)
	}
	return &rotation.Draft{Outcome: outcome, Note: d.Note, FollowUps: d.FollowUps, Next: d.Next, Updated: d.Updated.UTC()}, nil
}

// optionalRule reads a cadence rule; "" is none.
func optionalRule(s string) (rotation.Rule, error) {
	if s == "" {
		return rotation.Rule{}, nil
	}
	return rotation.ParseRule(s)
}

// optionalDate reads a date of the field what; "" is none.
func optionalDate(what, s string) (rotation.Date, error) {
	if s == "" {
		return 0, nil
	}
	d, err := rotation.ParseISO(s)
	if err != nil {
		return 0, fmt.Errorf("%s: %v", what, err)
	}
	return d, nil
}

// optionalOutcome reads an outcome; "" is none.
func optionalOutcome(s string) (rotation.Outcome, error) {
	if s == "" {
		return "", nil
	}
	return rotation.ParseOutcome(s)
}

// timeInRange refuses a time whose year in UTC is before 1 or after 9999.
func timeInRange(what string, t *time.Time) error {
	if t == nil {
		return nil
	}
	if y := t.UTC().Year(); y < 1 || y > 9999 {
		return fmt.Errorf("%s: %s is out of range", what, t.Format(time.RFC3339Nano))
	}
	return nil
}
