package interchange

import (
	"strings"

	"github.com/nyaruka/phonenumbers"
)

// PhoneKey is the form two numbers are compared in to find a duplicate:
// E.164 ("+4930123456") when the number parses, for numbers written
// without a country code in the default region (an ISO 3166 code such as
// "DE"; "" accepts only numbers with +), and otherwise its digits alone.
// Numbers of fewer than five digits give "": they match nothing.
func PhoneKey(number, region string) string {
	digits := digits(number)
	if len(digits) < 5 {
		return ""
	}
	if n, err := phonenumbers.Parse(number, strings.ToUpper(region)); err == nil && phonenumbers.IsPossibleNumber(n) {
		if e := phonenumbers.Format(n, phonenumbers.E164); len(e) >= 8 {
			return e
		}
	}
	if strings.HasPrefix(strings.TrimSpace(number), "+") {
		return "+" + digits
	}
	return digits
}

// digits returns the digits of a number alone.
func digits(number string) string {
	d := make([]byte, 0, len(number))
	for i := 0; i < len(number); i++ {
		if c := number[i]; c >= '0' && c <= '9' {
			d = append(d, c)
		}
	}
	return string(d)
}

// EmailKey is the form two addresses are compared in: trimmed, lower case.
func EmailKey(email string) string {
	return strings.ToLower(strings.TrimSpace(email))
}

// RegionFromLocale reads the country of a locale name such as
// "de_DE.UTF-8" or "en-GB" ("" for C, POSIX or a locale without one): the
// default region for numbers written without a country code.
func RegionFromLocale(locale string) string {
	locale, _, _ = strings.Cut(locale, ".")
	locale, _, _ = strings.Cut(locale, "@")
	_, region, ok := strings.Cut(strings.ReplaceAll(locale, "-", "_"), "_")
	if !ok || len(region) != 2 {
		return ""
	}
	region = strings.ToUpper(region)
	if phonenumbers.GetCountryCodeForRegion(region) == 0 {
		return ""
	}
	return region
}
