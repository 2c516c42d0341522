package interchange

import (
	"testing"
	"time"

	"rotate/rotation"
)

// BenchmarkClientClock is the clock of one due client whose zone comes
// from the phone number, as Today works it out for every due row.
func BenchmarkClientClock(b *testing.B) {
	zones := NumberZones("US")
	now := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)
	for _, n := range []string{"+1 555 0123", "+49 30 1234567", "(213) 555-0100"} {
		c := rotation.Contact{Phones: []rotation.Phone{{Number: n}}}
		b.Run(n, func(b *testing.B) {
			for b.Loop() {
				_ = rotation.ClientClock(c, now, rotation.DefaultHours, zones)
			}
		})
	}
}
