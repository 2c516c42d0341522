package rotation

import (
	"slices"
	"strings"
	"testing"
)

func TestComparePriority(t *testing.T) {
	today := d("2026-11-25")
	key := func(due, tier string, interval int) PriorityKey {
		return PriorityKey{Due: d(due), Tier: tier, Interval: interval}
	}
	tests := []struct {
		name string
		a, b PriorityKey
		want int // the sign of ComparePriority(a, b)
	}{
		{"overdue C before due-today A", key("2026-11-24", "C", 90), key("2026-11-25", "A", 30), -1},
		{"due-today A after overdue C", key("2026-11-25", "A", 30), key("2026-11-24", "C", 90), 1},
		{"overdue none before due-today A", key("2026-10-01", "", 90), key("2026-11-25", "A", 30), -1},
		{"both overdue: A before B", key("2026-11-24", "A", 90), key("2026-10-01", "B", 7), -1},
		{"both overdue: B before C", key("2026-11-24", "B", 90), key("2026-11-01", "C", 90), -1},
		{"both overdue: C before none", key("2026-11-24", "C", 90), key("2026-11-01", "", 90), -1},
		{"both due today: A before B", key("2026-11-25", "A", 90), key("2026-11-25", "B", 90), -1},
		{"both due today: none after C", key("2026-11-25", "", 90), key("2026-11-25", "C", 90), 1},
		{"an unknown tier ranks as none", key("2026-11-20", "Z", 90), key("2026-11-24", "", 90), -1},
		{"same tier: later relative to the interval first", key("2026-11-24", "A", 7), key("2026-11-10", "A", 90), 1},
		{"same tier: a week late weekly beats a month late yearly", key("2026-11-18", "B", 7), key("2026-10-26", "B", 365), -1},
		{"same lateness: earlier due first", key("2026-11-16", "A", 90), key("2026-11-22", "A", 30), -1},
		{"same lateness reversed", key("2026-11-22", "A", 30), key("2026-11-16", "A", 90), 1},
		{"due today and tomorrow: today first", key("2026-11-25", "A", 30), key("2026-11-26", "A", 30), -1},
		{"identical keys tie", key("2026-11-20", "B", 90), key("2026-11-20", "B", 90), 0},
		{"both due today, any interval: tie", key("2026-11-25", "B", 7), key("2026-11-25", "B", 365), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ComparePriority(tt.a, tt.b, today)
			if sign(got) != tt.want {
				t.Errorf("ComparePriority(%+v, %+v) = %d, want sign %d", tt.a, tt.b, got, tt.want)
			}
			if back := ComparePriority(tt.b, tt.a, today); sign(back) != -tt.want {
				t.Errorf("ComparePriority is not antisymmetric: reversed = %d", back)
			}
		})
	}
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func TestLateness(t *testing.T) {
	today := d("2026-11-25")
	tests := []struct {
		name     string
		due      string
		interval int
		want     float64
	}{
		{"due today", "2026-11-25", 30, 0},
		{"due later", "2026-12-25", 30, 0},
		{"half an interval late", "2026-11-20", 10, 0.5},
		{"a whole interval late", "2026-11-18", 7, 1},
		{"two intervals late", "2026-11-11", 7, 2},
		{"no interval counts as one day", "2026-11-15", 0, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			k := PriorityKey{Due: d(tt.due), Interval: tt.interval}
			if got := k.Lateness(today); got != tt.want {
				t.Errorf("Lateness = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSortDue(t *testing.T) {
	today := d("2026-11-25") // a Wednesday
	item := func(id int64, name, tier string, s Schedule) DueItem {
		return DueItem{Contact: Contact{ID: id, Name: name, Tier: tier, Schedule: s}}
	}
	book := []DueItem{
		item(1, "Ada Weekly", "A", active("weekly fri").withDue("2026-11-18")),   // 7 of 7 days late
		item(2, "Ben Quarterly", "A", active("every 90d").withDue("2026-11-10")), // 15 of 90
		item(3, "Cara", "A", active("every 1w").withDue("2026-11-24")),           // 1 of 7
		item(4, "Dan", "B", active("every 90d").withDue("2026-11-20")),
		item(5, "Eve", "C", active("every 6m").withDue("2026-11-01")),
		item(6, "Finn", "", active("every 90d").withDue("2026-10-01")),
		item(7, "Gus", "A", active("every 30d").withDue("2026-11-25")),
		item(8, "Hal", "B", active("every 90d").withDue("2026-11-25")),
		item(9, "Ivy", "", active("every 90d").withDue("2026-11-25")),
		item(10, "Kim", "A", active("every 30d").withDue("2026-11-22")), // 3 of 30
		item(11, "Lou", "A", active("every 90d").withDue("2026-11-16")), // 9 of 90, same ratio, earlier
		// In intensive care: 2 days late on an every-2d override weighs
		// as much as Ada's week; on its base 90d it would rank last of A.
		item(12, "Olga", "A", active("every 90d").withOverride("every 2d", "2026-12-15").withDue("2026-11-23")),
		item(21, "zoe", "B", active("every 90d").withDue("2026-11-25")),
		item(20, "Zoë", "B", active("every 90d").withDue("2026-11-25")),
		item(13, "Amy", "B", active("every 90d").withDue("2026-11-25")),
	}
	want := []string{
		"Ada Weekly", "Olga", "Ben Quarterly", "Cara", "Lou", "Kim", // overdue A by lateness
		"Dan",                      // overdue B
		"Eve",                      // overdue C
		"Finn",                     // overdue, no tier
		"Gus",                      // today A
		"Amy", "Hal", "Zoë", "zoe", // today B by name, then id
		"Ivy", // today, no tier
	}
	// Whatever order the store hands them over in, the list is the same.
	for shift := range book {
		items := slices.Clone(book)
		items = append(items[shift:], items[:shift]...)
		if shift%2 == 1 {
			slices.Reverse(items)
		}
		SortDue(items, today)
		var got []string
		for _, it := range items {
			got = append(got, it.Name)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("input rotated by %d sorts as\n%s\nwant\n%s", shift, strings.Join(got, ", "), strings.Join(want, ", "))
		}
	}
}

func TestContactPriorityKey(t *testing.T) {
	today := d("2026-11-25")
	c := Contact{Tier: "A", Schedule: active("every 90d").withOverride("taper 1d 3d 7d", "2026-12-15").withStep(1).withDue("2026-11-24")}
	want := PriorityKey{Due: d("2026-11-24"), Tier: "A", Interval: 3}
	if got := c.PriorityKey(today); got != want {
		t.Errorf("PriorityKey during the override = %+v, want %+v", got, want)
	}
	want.Interval = 90
	if got := c.PriorityKey(d("2026-12-16")); got != want {
		t.Errorf("PriorityKey after the override = %+v, want %+v", got, want)
	}
}

func TestParseTier(t *testing.T) {
	for in, want := range map[string]string{"A": "A", "a": "A", " b ": "B", "C": "C"} {
		if got, err := ParseTier(in); err != nil || got != want {
			t.Errorf("ParseTier(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "D", "AA", "1", "tier a"} {
		if got, err := ParseTier(in); err == nil {
			t.Errorf("ParseTier(%q) = %q, want an error", in, got)
		} else if !strings.Contains(err.Error(), "A, B or C") {
			t.Errorf("ParseTier(%q) error %q does not list the tiers", in, err)
		}
	}
}

func TestDefaultTierRulesParse(t *testing.T) {
	want := map[string]string{"A": "every 30d", "B": "every 90d", "C": "every 6m"}
	for _, tier := range Tiers {
		r, err := ParseRule(DefaultTierRules[tier])
		if err != nil {
			t.Errorf("tier %s: %v", tier, err)
			continue
		}
		if r.String() != want[tier] {
			t.Errorf("tier %s default = %q, want %q", tier, r, want[tier])
		}
	}
}

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Jürgen", "jurgen"},
		{"ÉLODIE Dupré", "elodie dupre"},
		{"  Anne   Marie\t", "anne marie"},
		{"Zoë", "zoe"},
		{"O'Brien", "o'brien"},
		{"", ""},
		{"Łukasz", "łukasz"}, // a letter of its own, not an accent
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
