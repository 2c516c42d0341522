package interchange

import "sync"

// ZoneOfNumber is the time zone a phone number determines: the IANA name
// ("Europe/Berlin") libphonenumber gives for it when it gives exactly one,
// else "" (a country or mobile range spanning several zones, a number it
// does not know, or one that does not parse; region reads numbers written
// without a country code, as in PhoneKey). It reads a table generated
// from libphonenumber's data (internal/genzones), not the library.
func ZoneOfNumber(number, region string) string {
	k := PhoneKey(number, region)
	if len(k) < 2 || k[0] != '+' {
		return ""
	}
	return zoneOfE164(k[1:])
}

// zoneIndex maps each prefix of the table to its zone, built on first use
// (about 3,000 entries), with the longest prefix's length.
var zoneIndex = sync.OnceValues(func() (map[string]uint16, int) {
	m := make(map[string]uint16, len(zonePrefixes))
	longest := 0
	for i, p := range zonePrefixes {
		m[p] = zoneOfPrefix[i]
		longest = max(longest, len(p))
	}
	return m, longest
})

// zoneOfE164 looks up the longest prefix of the digits that the table
// lists.
func zoneOfE164(digits string) string {
	m, longest := zoneIndex()
	for n := min(len(digits), longest); n > 0; n-- {
		if z, ok := m[digits[:n]]; ok {
			return zoneNames[z]
		}
	}
	return ""
}

// NumberZones returns ZoneOfNumber for one region, the form
// rotation.ContactZone takes.
func NumberZones(region string) func(number string) string {
	return func(number string) string { return ZoneOfNumber(number, region) }
}
