package rotation

import "testing"

// TestCapacityFor: the daily capacity and the catch-up limit a book gets,
// on auto and set by hand. A catch-up day never holds more than
// CatchUpFactor times the expected load, unless that is less than an hour
// of calls.
func TestCapacityFor(t *testing.T) {
	tests := []struct {
		name     string
		capacity int // the setting; 0 is auto
		minutes  int // per call
		expected float64
		want     Capacity
	}{
		{"an empty book: an hour of calls", 0, 10, 0, Capacity{Expected: 0, Daily: 1, Auto: true, CatchUp: 6}},
		{"a small book: an hour of calls", 0, 10, 0.9, Capacity{Expected: 0.9, Daily: 3, Auto: true, CatchUp: 6}},
		{"long calls make the hour fewer", 0, 30, 0.9, Capacity{Expected: 0.9, Daily: 3, Auto: true, CatchUp: 2}},
		{"the demo book", 0, 10, 3.8, Capacity{Expected: 3.8, Daily: 7, Auto: true, CatchUp: 6}},
		{"a solo book of 300", 0, 10, 8.4, Capacity{Expected: 8.4, Daily: 13, Auto: true, CatchUp: 14}},
		{"the simulated book", 0, 10, 14.63, Capacity{Expected: 14.63, Daily: 20, Auto: true, CatchUp: 25}},
		{"set by hand, above the limit", 12, 10, 8, Capacity{Expected: 8, Daily: 12, CatchUp: 12}},
		{"set by hand, far above the limit", 40, 10, 8, Capacity{Expected: 8, Daily: 40, CatchUp: 14}},
		{"set by hand, below the limit", 5, 10, 14.63, Capacity{Expected: 14.63, Daily: 5, CatchUp: 5}},
		{"set by hand below an hour", 3, 10, 0.9, Capacity{Expected: 0.9, Daily: 3, CatchUp: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			s.Capacity, s.MinutesPerCall = tt.capacity, tt.minutes
			got := s.CapacityFor(tt.expected)
			if got != tt.want {
				t.Fatalf("CapacityFor(%v) with capacity %d = %+v, want %+v", tt.expected, tt.capacity, got, tt.want)
			}
			// Above 1.75x the expected load only to make an hour of calls.
			if float64(got.CatchUp) > max(CatchUpFactor*tt.expected, 1) && got.CatchUp > 60/tt.minutes {
				t.Errorf("a catch-up day holds %d, above %.2fx the expected %.2f", got.CatchUp, CatchUpFactor, tt.expected)
			}
		})
	}
}
