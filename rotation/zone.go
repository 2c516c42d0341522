package rotation

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"
	// The binary carries its own zone database: a client's zone loads
	// where the system has none (containers, Windows).
	_ "time/tzdata"
)

// zones caches loaded time zones by name (*time.Location, or nil for a
// name that does not load).
var zones sync.Map

// LoadZone returns the location of an IANA time zone name such as
// "Europe/Berlin"; ok is false for "" and for a name that is not a zone.
// Loaded zones are cached.
func LoadZone(name string) (loc *time.Location, ok bool) {
	if name == "" {
		return nil, false
	}
	if v, found := zones.Load(name); found {
		loc = v.(*time.Location)
		return loc, loc != nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil || name == "Local" {
		loc = nil
	}
	zones.Store(name, loc)
	return loc, loc != nil
}

// ParseZone reads a time zone as typed (--tz, the form, a vCard TZ): an
// IANA name such as "Europe/Berlin" or "UTC", in any case; "" and "none"
// clear it. It returns the name in its canonical spelling.
func ParseZone(s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "none") {
		return "", nil
	}
	if len(s) > 64 || strings.ContainsAny(s, " \t\\") || strings.Contains(s, "..") {
		return "", zoneError(s)
	}
	if _, ok := LoadZone(s); ok {
		return s, nil
	}
	// Case-insensitive: try each path part capitalised as IANA spells it
	// ("europe/berlin", "america/new_york", "utc").
	if up := strings.ToUpper(s); up != s {
		if _, ok := LoadZone(up); ok {
			return up, nil
		}
	}
	if t := titleZone(s); t != s {
		if _, ok := LoadZone(t); ok {
			return t, nil
		}
	}
	return "", zoneError(s)
}

func zoneError(s string) error {
	return fmt.Errorf("time zone %q: not a zone name (want e.g. Europe/Berlin, America/New_York or UTC)", s)
}

// titleZone capitalises each word of a zone name: "america/new_york" is
// "America/New_York".
func titleZone(s string) string {
	b := []byte(strings.ToLower(s))
	up := true
	for i, c := range b {
		if up && c >= 'a' && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
		up = c == '/' || c == '_' || c == '-'
	}
	return string(b)
}

// ErrNoZone is ContactLocation's answer for a contact whose zone is not
// known.
var ErrNoZone = errors.New("no time zone")

// ContactZone is the time zone of a contact: the one given (TZ), else the
// one its phone numbers determine — numberZone gives a number's zone or ""
// (see interchange.NumberZones), and the numbers that determine a zone
// must all agree. "" when it is not known.
func ContactZone(c Contact, numberZone func(number string) string) string {
	if c.TZ != "" {
		return c.TZ
	}
	if numberZone == nil {
		return ""
	}
	zone := ""
	for _, p := range c.Phones {
		z := numberZone(p.Number)
		switch {
		case z == "":
		case zone == "":
			zone = z
		case z != zone:
			return ""
		}
	}
	return zone
}

// ContactLocation is the location of ContactZone(c, numberZone), with its
// name; ErrNoZone when the zone is not known or does not load.
func ContactLocation(c Contact, numberZone func(number string) string) (*time.Location, string, error) {
	name := ContactZone(c, numberZone)
	loc, ok := LoadZone(name)
	if !ok {
		return nil, "", ErrNoZone
	}
	return loc, name, nil
}

// ZoneCity is the place a zone is named after, as shown beside a client's
// local time: "Europe/Berlin" is "Berlin", "America/New_York" "New York",
// "America/Argentina/Buenos_Aires" "Buenos Aires"; a zone without a place
// ("UTC", "Etc/GMT+5") is its name.
func ZoneCity(name string) string {
	if i := strings.LastIndexByte(name, '/'); i >= 0 && !strings.HasPrefix(name, "Etc/") {
		name = name[i+1:]
	}
	return strings.ReplaceAll(name, "_", " ")
}
