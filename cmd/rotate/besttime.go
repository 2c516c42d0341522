package main

import (
	"math"
	"strings"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// bestTimeZone is where a contact's calls are read for the best time to
// call: the contact's time zone (given, or the one their numbers determine,
// read in the locale's country), else the user's own.
func (a *app) bestTimeZone() store.ZoneOf {
	numbers := a.numberZones()
	return func(c rotation.Contact) *time.Location {
		if loc, ok := rotation.LoadZone(rotation.ContactZone(c, numbers)); ok {
			return loc
		}
		return a.clock().Location()
	}
}

// bestTimeJSON is one window of show's contact.best_time (docs/CLI.md).
type bestTimeJSON struct {
	Days    []string `json:"days"`
	From    string   `json:"from"`
	To      string   `json:"to"`
	Rate    float64  `json:"rate"`
	Reached int      `json:"reached"`
	Calls   int      `json:"calls"`
}

// newBestTimeJSON is the windows as JSON; nil (null) for none.
func newBestTimeJSON(ws []rotation.CallWindow) []bestTimeJSON {
	var out []bestTimeJSON
	for _, w := range ws {
		j := bestTimeJSON{From: w.FromClock(), To: w.ToClock(), Rate: math.Round(w.Rate*100) / 100, Reached: w.Reached, Calls: w.Calls}
		for _, d := range w.Days {
			j.Days = append(j.Days, rotation.DayKey(d))
		}
		out = append(out, j)
	}
	return out
}

// bestTimeText is the best time as the briefing says it: "Tue–Thu 16–18,
// reached 5 of 6; Mon 8–10, reached 3 of 3".
func bestTimeText(ws []rotation.CallWindow) string {
	parts := make([]string, len(ws))
	for i, w := range ws {
		parts[i] = w.String()
	}
	return strings.Join(parts, "; ")
}
