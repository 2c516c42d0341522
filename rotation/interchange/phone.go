package interchange

import (
	"strconv"
	"strings"
)

//go:generate go run ./internal/genregions
//go:generate go run ./internal/genzones

// region is what PhoneKey needs to know of a country: its calling code,
// its trunk prefix (the 0 of a national number, "" where numbers keep it)
// and the prefix dialled before an international number.
type region struct {
	code        int32
	trunk, intl string
}

// callingCodes is every calling code of the regions table.
var callingCodes = func() map[string]bool {
	m := map[string]bool{}
	for _, r := range regions {
		m[strconv.Itoa(int(r.code))] = true
	}
	return m
}()

// PhoneKey is the form two numbers are compared in to find a duplicate:
// E.164 ("+4930123456") when the number parses, for numbers written
// without a country code in the default region (an ISO 3166 code such as
// "DE"; "" accepts only numbers with +), and otherwise its digits alone.
// Numbers of fewer than five digits give "": they match nothing.
//
// It parses as libphonenumber does for the cases a book holds — a leading
// + or international prefix, a national number with or without its trunk
// prefix — from a table generated from libphonenumber's metadata, and
// checks only the length E.164 allows, not each country's number plan:
// a key only has to be the same for two ways of writing one number.
func PhoneKey(number, regionCode string) string {
	trimmed := phoneText(number)
	digits := digits(trimmed)
	if len(digits) < 5 {
		return ""
	}
	r, known := regions[strings.ToUpper(regionCode)]
	var e164 string
	switch {
	case strings.HasPrefix(trimmed, "+"):
		e164 = digits
	case known && r.intl != "" && strings.HasPrefix(digits, r.intl) && strings.HasPrefix(trimmed, r.intl[:1]):
		e164 = digits[len(r.intl):]
	case !known && strings.HasPrefix(digits, "00") && strings.HasPrefix(trimmed, "0"):
		// No region says how this number is dialled, but 00 is the
		// international prefix of most of the world (and how a phone's
		// call log writes a number it received from abroad).
		e164 = digits[2:]
	case known:
		national := digits
		if r.trunk != "" && strings.HasPrefix(national, r.trunk) && len(national) > len(r.trunk)+4 {
			national = national[len(r.trunk):]
		}
		e164 = strconv.Itoa(int(r.code)) + national
	}
	if e164 != "" && len(e164) >= 7 && len(e164) <= 15 && hasCallingCode(e164) {
		return "+" + e164
	}
	if strings.HasPrefix(trimmed, "+") {
		return "+" + digits
	}
	return digits
}

// phoneText is a number as PhoneKey reads it: without a "(0)" — the trunk
// prefix written for national callers, "+49 (0)30 1234567", which
// international dialling drops — and without spaces or brackets before
// its first digit or "+" ("(+49) 30 …", "(0049) 30 …").
func phoneText(number string) string {
	number = strings.ReplaceAll(number, "(0)", "")
	return strings.TrimLeft(strings.TrimSpace(number), "([ \t")
}

// hasCallingCode reports whether the digits start with a country calling
// code (they are 1 to 3 digits long and none is a prefix of another).
func hasCallingCode(e164 string) bool {
	for n := 1; n <= 3 && n < len(e164); n++ {
		if callingCodes[e164[:n]] {
			return true
		}
	}
	return false
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
	if _, ok := regions[region]; !ok {
		return ""
	}
	return region
}

// NationalKey is what a number is compared by when no region says how to
// read a number written without a country code: its national significant
// digits. For a number with a country code ("+41 79 555 10 01") they are
// the digits after the calling code ("795551001") and intl is true; for
// any other number they are its digits without a leading trunk 0
// ("079 555 10 01" gives "795551001" too). A number of fewer than five
// such digits gives "".
func NationalKey(number string) (key string, intl bool) {
	k := PhoneKey(number, "")
	switch {
	case k == "":
		return "", false
	case strings.HasPrefix(k, "+"):
		e164 := k[1:]
		for n := 1; n <= 3 && n < len(e164); n++ {
			if callingCodes[e164[:n]] {
				key, intl = e164[n:], true
				break
			}
		}
	default:
		key = strings.TrimPrefix(k, "0")
	}
	if len(key) < 5 {
		return "", false
	}
	return key, intl
}

// MaybeSame reports whether two numbers may be one number written two
// ways when no region is known: one has a country code and the other not
// (or neither has) and their national significant digits are the same.
// Two numbers that both have a country code compare by PhoneKey alone.
func MaybeSame(a, b string) bool {
	ka, ia := NationalKey(a)
	kb, ib := NationalKey(b)
	return ka != "" && ka == kb && !(ia && ib)
}
