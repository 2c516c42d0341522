package rotation

import "testing"

// TestCapacityFor: the one capacity figure a book gets, on auto and set by
// hand; the catch-up holds a day to the same figure.
func TestCapacityFor(t *testing.T) {
	tests := []struct {
		name     string
		capacity int // the setting; 0 is auto
		expected float64
		want     Capacity
	}{
		{"an empty book: an hour of calls", 0, 0, Capacity{Expected: 0, Daily: 6, Auto: true}},
		{"a small book: an hour of calls", 0, 0.9, Capacity{Expected: 0.9, Daily: 6, Auto: true}},
		{"the demo book", 0, 3.8, Capacity{Expected: 3.8, Daily: 7, Auto: true}},
		{"a solo book of 300", 0, 8.4, Capacity{Expected: 8.4, Daily: 13, Auto: true}},
		{"the simulated book", 0, 14.63, Capacity{Expected: 14.63, Daily: 20, Auto: true}},
		{"set by hand", 12, 8, Capacity{Expected: 8, Daily: 12}},
		{"set by hand, below the auto figure", 5, 14.63, Capacity{Expected: 14.63, Daily: 5}},
		{"set by hand below an hour", 3, 0.9, Capacity{Expected: 0.9, Daily: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := DefaultSettings()
			s.Capacity = tt.capacity
			if got := s.CapacityFor(tt.expected); got != tt.want {
				t.Fatalf("CapacityFor(%v) with capacity %d = %+v, want %+v", tt.expected, tt.capacity, got, tt.want)
			}
		})
	}
}
