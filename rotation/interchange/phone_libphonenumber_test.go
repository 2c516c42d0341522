package interchange

import (
	"slices"
	"testing"

	"github.com/nyaruka/phonenumbers"
)

// TestPhoneKeyAgreesWithLibphonenumber checks PhoneKey against the library
// its table comes from: every region's example numbers, written the way
// people write them (national format, international format, with the
// international prefix), give the library's E.164. The library is linked
// into this test only, not into rotate.
func TestPhoneKeyAgreesWithLibphonenumber(t *testing.T) {
	var regionCodes []string
	for r := range regions {
		regionCodes = append(regionCodes, r)
	}
	slices.Sort(regionCodes)
	checked, wrong := 0, 0
	for _, rc := range regionCodes {
		for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE} {
			n := phonenumbers.GetExampleNumberForType(rc, typ)
			if n == nil {
				continue
			}
			want := phonenumbers.Format(n, phonenumbers.E164)
			for _, written := range []string{
				phonenumbers.Format(n, phonenumbers.NATIONAL),
				phonenumbers.Format(n, phonenumbers.INTERNATIONAL),
				regions[rc].intl + " " + want[1:],
			} {
				checked++
				if got := PhoneKey(written, rc); got != want {
					wrong++
					if testing.Verbose() {
						t.Logf("%s %q: %q, libphonenumber %q", rc, written, got, want)
					}
				}
			}
		}
	}
	// A few regions have national dialling rules beyond a trunk prefix
	// (Argentina's 15 for mobiles, Mexico's old 044); those numbers key by
	// their digits and still match each other.
	if checked < 1000 || float64(wrong) > 0.03*float64(checked) {
		t.Errorf("%d of %d example numbers disagree with libphonenumber", wrong, checked)
	}
	for _, rc := range []string{"DE", "US", "GB", "FR", "IT", "CH", "AT", "NL", "ES", "CA", "AU", "SE", "PL", "BR", "IN", "JP"} {
		for _, typ := range []phonenumbers.PhoneNumberType{phonenumbers.FIXED_LINE, phonenumbers.MOBILE} {
			n := phonenumbers.GetExampleNumberForType(rc, typ)
			want := phonenumbers.Format(n, phonenumbers.E164)
			if got := PhoneKey(phonenumbers.Format(n, phonenumbers.NATIONAL), rc); got != want {
				t.Errorf("%s national %q: %q, want %q", rc, phonenumbers.Format(n, phonenumbers.NATIONAL), got, want)
			}
		}
	}
}
