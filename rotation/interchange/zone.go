package interchange

import "sort"

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

// zoneOfE164 looks up the longest prefix of the digits that the table
// lists.
func zoneOfE164(digits string) string {
	for n := len(digits); n > 0; n-- {
		p := digits[:n]
		i := sort.SearchStrings(zonePrefixes[:], p)
		if i < len(zonePrefixes) && zonePrefixes[i] == p {
			return zoneNames[zoneOfPrefix[i]]
		}
	}
	return ""
}

// NumberZones returns ZoneOfNumber for one region, the form
// rotation.ContactZone takes.
func NumberZones(region string) func(number string) string {
	return func(number string) string { return ZoneOfNumber(number, region) }
}
