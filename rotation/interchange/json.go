package interchange

import (
	"bytes"
	"encoding/json"
	"io"
	"sort"
	"time"

	"rotate/rotation"
)

// JSONFormat names rotate's JSON export; JSONVersion is its version.
const (
	JSONFormat  = "rotate-book"
	JSONVersion = 1
)

// The JSON export. Row ids of the database are not in it: a contact's
// calls and follow-ups are nested in it, and a follow-up names the call
// that created or resolved it by the call's position in the list ("ref"),
// so that an export read into an empty book and exported again is the
// same file.
type jsonBook struct {
	Format      string            `json:"format"`
	Version     int               `json:"version"`
	Settings    map[string]string `json:"settings"`
	ClearedDays []string          `json:"cleared_days"`
	Contacts    []jsonContact     `json:"contacts"`
}

type jsonContact struct {
	Name          string         `json:"name"`
	Phones        []jsonPhone    `json:"phones"`
	Email         string         `json:"email"`
	Company       string         `json:"company"`
	Tier          string         `json:"tier"`
	Rule          string         `json:"rule"`
	FollowsTier   bool           `json:"follows_tier,omitempty"` // the rule is the tier's and follows it
	Override      string         `json:"override,omitempty"`
	OverrideUntil string         `json:"override_until,omitempty"`
	Due           string         `json:"due"`
	Attempts      int            `json:"attempts"`
	Step          int            `json:"step"`
	Status        string         `json:"status"`
	Birthday      string         `json:"birthday"`
	Tags          []string       `json:"tags"`
	Family        string         `json:"family"`
	Occupation    string         `json:"occupation"`
	Recreation    string         `json:"recreation"`
	Message       string         `json:"message"`
	LastCall      string         `json:"last_call"`
	LastOutcome   string         `json:"last_outcome"`
	LastTalk      string         `json:"last_talk"`
	Created       *time.Time     `json:"created"`
	Updated       *time.Time     `json:"updated"`
	Calls         []jsonCall     `json:"calls"`
	FollowUps     []jsonFollowUp `json:"followups"`
	Draft         *jsonDraft     `json:"draft,omitempty"`
}

type jsonPhone struct {
	Number string `json:"number"`
	Label  string `json:"label"`
}

type jsonCall struct {
	Ref  int       `json:"ref"`
	At   time.Time `json:"at"`
	Day  string    `json:"day"`
	Kind string    `json:"kind"`
	// Direction is "in" for a touch they started, absent otherwise (out).
	Direction string `json:"direction,omitempty"`
	Outcome   string `json:"outcome"`
	Note      string `json:"note"`
	NextDue   string `json:"next_due"`
	// By is who logged it, on a team book; read back, it is not
	// restored (a call is logged by whoever brings it in).
	By string `json:"by,omitempty"`
}

type jsonFollowUp struct {
	Text         string     `json:"text"`
	Created      time.Time  `json:"created"`
	CreatedCall  int        `json:"created_call,omitempty"`
	Resolved     *time.Time `json:"resolved,omitempty"`
	ResolvedCall int        `json:"resolved_call,omitempty"`
}

type jsonDraft struct {
	Outcome   string    `json:"outcome"`
	Note      string    `json:"note"`
	FollowUps string    `json:"followups"`
	Next      string    `json:"next"`
	Updated   time.Time `json:"updated"`
}

// WriteJSON writes a whole book as rotate's JSON export. Each record's
// Calls must be oldest first, with IDs that its FollowUps refer to.
func WriteJSON(w io.Writer, book Book) error {
	jb := jsonBook{Format: JSONFormat, Version: JSONVersion, Settings: book.Settings,
		ClearedDays: []string{}, Contacts: make([]jsonContact, 0, len(book.Records))}
	if jb.Settings == nil {
		jb.Settings = map[string]string{}
	}
	for _, d := range book.ClearedDays {
		jb.ClearedDays = append(jb.ClearedDays, d.String())
	}
	sort.Strings(jb.ClearedDays)
	for _, r := range book.Records {
		jb.Contacts = append(jb.Contacts, toJSONContact(r))
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(jb); err != nil {
		return err
	}
	_, err := w.Write(EscapeJSON(buf.Bytes()))
	return err
}

func toJSONContact(r Record) jsonContact {
	c := r.Contact
	j := jsonContact{
		Name: c.Name, Phones: []jsonPhone{}, Email: c.Email, Company: c.Company, Tier: c.Tier,
		Rule: ruleText(c.Rule), FollowsTier: c.FollowsTier, Override: ruleText(c.Override), OverrideUntil: c.OverrideUntil.String(),
		Due: c.Due.String(), Attempts: c.Attempts, Step: c.Step, Status: string(c.Status),
		Birthday: c.Birthday.String(), Tags: []string{}, Family: c.Family, Occupation: c.Occupation,
		Recreation: c.Recreation, Message: c.Message, LastCall: c.LastCall.String(),
		LastOutcome: string(c.LastOutcome), LastTalk: c.LastTalk.String(),
		Created: timePtr(c.Created), Updated: timePtr(c.Updated),
		Calls: []jsonCall{}, FollowUps: []jsonFollowUp{},
	}
	for _, p := range c.Phones {
		j.Phones = append(j.Phones, jsonPhone(p))
	}
	j.Tags = append(j.Tags, c.Tags...)
	refs := map[int64]int{}
	for i, k := range r.Calls {
		refs[k.ID] = i + 1
		dir := "" // out, the default
		if k.Direction == rotation.In {
			dir = string(rotation.In)
		}
		j.Calls = append(j.Calls, jsonCall{Ref: i + 1, At: k.At.UTC(), Day: k.Day.String(), Kind: string(k.Kind), Direction: dir,
			Outcome: string(k.Outcome), Note: k.Note, NextDue: k.NextDue.String(), By: k.By})
	}
	for _, f := range r.FollowUps {
		j.FollowUps = append(j.FollowUps, jsonFollowUp{Text: f.Text, Created: f.Created.UTC(),
			CreatedCall: refs[f.CreatedCall], Resolved: timePtr(f.Resolved), ResolvedCall: refs[f.ResolvedCall]})
	}
	if d := r.Draft; d != nil {
		j.Draft = &jsonDraft{Outcome: string(d.Outcome), Note: d.Note, FollowUps: d.FollowUps, Next: d.Next, Updated: d.Updated.UTC()}
	}
	return j
}

func ruleText(r rotation.Rule) string {
	if r.IsZero() {
		return ""
	}
	return r.String()
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}
