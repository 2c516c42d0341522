package main

import (
	"rotate/rotation"
	"rotate/rotation/interchange"
)

// numberZones gives the time zone a phone number determines, reading
// numbers without a country code in the locale's country (see
// interchange.ZoneOfNumber).
func (a *app) numberZones() func(number string) string {
	if a.zoneOf == nil {
		region, _ := a.region("", false)
		a.zoneOf = interchange.NumberZones(region)
	}
	return a.zoneOf
}

// clientClock is the contact's clock now: their zone, local time and
// whether it is within the calling hours.
func (a *app) clientClock(c rotation.Contact, hours rotation.Hours) rotation.LocalClock {
	return rotation.ClientClock(c, a.now(), hours, a.numberZones())
}

// zoneJSON is a contact's zone (given or from the phone) in JSON, or nil
// (absent).
func (a *app) zoneJSON(c rotation.Contact) any {
	if z := rotation.ContactZone(c, a.numberZones()); z != "" {
		return z
	}
	return nil
}

// clockJSON are the local time ("HH:MM") and whether the client may be
// called now, in JSON; both null when the zone is not known.
func clockJSON(lc rotation.LocalClock) (localTime, callable any) {
	if !lc.Known {
		return nil, nil
	}
	return lc.Time.Format("15:04"), lc.Callable
}

// givenZoneJSON is the zone given for the contact (what the book holds),
// or nil (absent).
func givenZoneJSON(c rotation.Contact) any {
	if c.TZ != "" {
		return c.TZ
	}
	return nil
}
