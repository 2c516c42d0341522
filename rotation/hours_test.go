package rotation

import (
	"testing"
	"time"
)

// TestClientClockAcrossDST: the client's local time and calling hours
// follow their zone's clock changes, which are not the user's: Europe
// moves on the last Sunday of March, the United States three weeks
// earlier.
func TestClientClockAcrossDST(t *testing.T) {
	berlin := Contact{TZ: "Europe/Berlin"}
	chicago := Contact{TZ: "America/Chicago"}
	for _, tc := range []struct {
		name    string
		c       Contact
		now     string // UTC
		local   string
		callMe  bool
		wantTag string
	}{
		{"Berlin in winter: UTC+1", berlin, "2027-03-26T16:30:00Z", "17:30", true, "Berlin 17:30"},
		{"Berlin after the change: UTC+2", berlin, "2027-03-29T16:30:00Z", "18:30", false, "Berlin 18:30"},
		{"the hour that does not exist is skipped", berlin, "2027-03-28T01:30:00Z", "03:30", false, "Berlin 03:30"},
		{"Chicago before its change: UTC-6", chicago, "2027-03-12T14:30:00Z", "08:30", false, "Chicago 08:30"},
		{"Chicago after its change: UTC-5", chicago, "2027-03-15T14:30:00Z", "09:30", true, "Chicago 09:30"},
		{"Berlin in autumn, the hour repeated", berlin, "2027-10-31T00:30:00Z", "02:30", false, "Berlin 02:30"},
		{"Berlin an hour later, the same wall clock", berlin, "2027-10-31T01:30:00Z", "02:30", false, "Berlin 02:30"},
	} {
		now, _ := time.Parse(time.RFC3339, tc.now)
		lc := ClientClock(tc.c, now, DefaultHours, nil)
		if !lc.Known || lc.Time.Format("15:04") != tc.local || lc.Callable != tc.callMe || lc.Label() != tc.wantTag {
			t.Errorf("%s: %+v %q; want %s callable %v", tc.name, lc, lc.Label(), tc.local, tc.callMe)
		}
	}
	// A number that maps to several zones gives none: no clock.
	several := func(string) string { return "" }
	if lc := ClientClock(Contact{Phones: []Phone{{Number: "+1 800 555 0100"}}}, time.Now(), DefaultHours, several); lc.Known || lc.Label() != "" {
		t.Errorf("unknown zone: %+v", lc)
	}
}

func TestCallableFirst(t *testing.T) {
	today := d("2027-03-10")
	it := func(id int64, tier string, due string) DueItem {
		return DueItem{Contact: Contact{ID: id, Tier: tier, Schedule: Schedule{Due: d(due)}}}
	}
	in, out, unknown := LocalClock{Known: true, Callable: true}, LocalClock{Known: true}, LocalClock{}
	items := []DueItem{
		it(1, "A", "2027-03-01"), it(2, "A", "2027-03-05"), // overdue A
		it(3, "B", "2027-03-02"),                                                     // overdue B
		it(4, "A", "2027-03-10"), it(5, "A", "2027-03-10"), it(6, "A", "2027-03-10"), // today A
		it(7, "C", "2027-03-10"), // today C
	}
	ret := it(8, "C", "2027-03-10") // they called: a returned call stays first
	ret.Returned = today
	items = append([]DueItem{ret}, items...)
	clocks := []LocalClock{out, out, in, in, out, unknown, in, out}
	CallableFirst(items, clocks, today)
	var got []int64
	for _, x := range items {
		got = append(got, x.ID)
	}
	want := []int64{8, 2, 1, 3, 6, 5, 4, 7}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("order %v, want %v", got, want)
		}
	}
	if clocks[0] != out || clocks[1] != in || clocks[4] != in || clocks[5] != unknown || clocks[6] != out {
		t.Errorf("clocks not reordered with their items: %+v", clocks)
	}
}
