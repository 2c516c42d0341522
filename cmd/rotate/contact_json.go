package main

import (
	"fmt"

	"time"

	"rotate/rotation"
)

// contactJSON is a contact in `show --json` and `edit --json` (docs/CLI.md).
// rule is the base cadence as --every reads it; a temporary rule is in
// override and override_until.
type contactJSON struct {
	ID            int64       `json:"id"`
	Name          string      `json:"name"`
	Phones        []phoneJSON `json:"phones"`
	Email         string      `json:"email"`
	Company       string      `json:"company"`
	Tier          string      `json:"tier"`
	Rule          string      `json:"rule"`
	Override      string      `json:"override"`
	OverrideUntil any         `json:"override_until"`
	Due           any         `json:"due"`
	Status        string      `json:"status"`
	Attempts      int         `json:"attempts"`
	Unreachable   bool        `json:"unreachable"`
	LastContacted any         `json:"last_contacted"` // the last reached call
	LastCall      any         `json:"last_call"`      // the last call of any outcome
	Birthday      any         `json:"birthday"`
	Tags          []string    `json:"tags"`
	Family        string      `json:"family"`
	Occupation    string      `json:"occupation"`
	Recreation    string      `json:"recreation"`
	Message       string      `json:"message"`
	// TZ is the client's time zone, given or from the phone number;
	// absent when not known.
	TZ any `json:"tz,omitempty"`
	// Assignee is the team member the contact is assigned to, on a team
	// book (absent on a personal book and for nobody in particular).
	Assignee string `json:"assignee,omitempty"`
}

type phoneJSON struct {
	Number string `json:"number"`
	Label  string `json:"label"`
}

func newContactJSON(c rotation.Contact, zone any) contactJSON {
	j := contactJSON{
		ID: c.ID, Name: c.Name, Phones: []phoneJSON{}, Email: c.Email, Company: c.Company,
		Tier: c.Tier, Rule: c.Rule.String(), Override: c.Override.String(),
		OverrideUntil: dateJSON(c.OverrideUntil), Due: dateJSON(c.Due), Status: string(c.Status),
		Attempts: c.Attempts, Unreachable: c.Unreachable(), LastContacted: dateJSON(c.LastTalk),
		LastCall: dateJSON(c.LastCall), Birthday: birthdayJSON(c.Birthday), Tags: []string{},
		Family: c.Family, Occupation: c.Occupation, Recreation: c.Recreation, Message: c.Message,
		Assignee: c.Assignee, TZ: zone,
	}
	for _, p := range c.Phones {
		j.Phones = append(j.Phones, phoneJSON{p.Number, p.Label})
	}
	j.Tags = append(j.Tags, c.Tags...)
	return j
}

// dateJSON is a date as "YYYY-MM-DD", or null for none.
func dateJSON(d rotation.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}

// stampJSON is a moment in local time as RFC 3339, or null for none.
func stampJSON(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Local().Format(time.RFC3339)
}

// birthdayJSON is a birthday in JSON: YYYY-MM-DD, or --MM-DD (ISO 8601's
// form, as vCard writes it) when the year is not known; null when none.
func birthdayJSON(d rotation.Date) any {
	if !d.IsZero() && d.Year() == rotation.NoYear {
		return fmt.Sprintf("--%02d-%02d", int(d.Month()), d.Day())
	}
	return dateJSON(d)
}
