package rotation

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// btNow is "now" in the best-time tests: Thursday 3 Dec 2026, noon UTC.
var btNow = time.Date(2026, 12, 3, 12, 0, 0, 0, time.UTC)

// calls makes n calls to contact id, one a week back from weeksAgo, on
// weekday wd at hour h, the first `reached` of them picked up.
func calls(id int64, wd time.Weekday, h, n, reached, weeksAgo int) []Attempt {
	// Monday 30 Nov 2026 is the week's start.
	mon := time.Date(2026, 11, 30, h, 15, 0, 0, time.UTC)
	day := mon.AddDate(0, 0, (int(wd)+6)%7)
	var out []Attempt
	for i := range n {
		out = append(out, Attempt{Contact: id, At: day.AddDate(0, 0, -7*(weeksAgo+i)), Reached: i < reached})
	}
	return out
}

func join(parts ...[]Attempt) []Attempt {
	var out []Attempt
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// flatBook is a book of 40 contacts who pick up half the time at any hour
// of the working week.
func flatBook() []Attempt {
	rng := rand.New(rand.NewPCG(1, 2))
	var out []Attempt
	for id := int64(100); id < 140; id++ {
		for i := range 30 {
			at := time.Date(2026, 6, 1, 8, 0, 0, 0, time.UTC).AddDate(0, 0, rng.IntN(180)).Add(time.Duration(rng.IntN(10)) * time.Hour)
			_ = i
			out = append(out, Attempt{Contact: id, At: at, Reached: rng.Float64() < 0.5})
		}
	}
	return out
}

func TestPickedUp(t *testing.T) {
	tests := []struct {
		kind            CallKind
		o               Outcome
		counts, reached bool
	}{
		{KindCall, Reached, true, true},
		{KindCall, Callback, true, true},
		{KindCall, NotAFit, true, true},
		{KindCall, Voicemail, true, false},
		{KindCall, NoAnswer, true, false},
		{KindCall, WrongNumber, false, false},
		{KindCall, Outcome("sent"), false, false},
		{KindEmail, Reached, false, false},
		{KindMeeting, Reached, false, false},
		{"", Reached, true, true},
	}
	for _, tt := range tests {
		c, r := PickedUp(tt.kind, tt.o)
		if c != tt.counts || r != tt.reached {
			t.Errorf("PickedUp(%q, %q) = %v, %v; want %v, %v", tt.kind, tt.o, c, r, tt.counts, tt.reached)
		}
	}
}

func TestDecay(t *testing.T) {
	tests := []struct {
		age  time.Duration
		want float64
	}{
		{0, 1},
		{-time.Hour, 1},
		{BestTimeHalfLife, 0.5},
		{2 * BestTimeHalfLife, 0.25},
	}
	for _, tt := range tests {
		if got := decay(tt.age); math.Abs(got-tt.want) > 1e-12 {
			t.Errorf("decay(%v) = %v, want %v", tt.age, got, tt.want)
		}
	}
}

func TestBestTimeWindows(t *testing.T) {
	book := FitBookPattern(flatBook(), btNow)
	tests := []struct {
		name  string
		calls []Attempt
		want  []string // CallWindow.String of each window, best first
	}{
		{
			name: "Tue to Thu late afternoon, mornings missed",
			calls: join(
				calls(1, time.Tuesday, 16, 2, 2, 0),
				calls(1, time.Wednesday, 17, 2, 2, 0),
				calls(1, time.Thursday, 16, 2, 1, 0),
				calls(1, time.Monday, 9, 3, 0, 0),
				calls(1, time.Friday, 10, 3, 0, 0),
			),
			want: []string{"Tue–Thu 16–18, reached 5 of 6"},
		},
		{
			name:  "too few calls: nothing shown",
			calls: join(calls(1, time.Tuesday, 16, 2, 2, 0)),
			want:  nil,
		},
		{
			name: "picks up at any time: no window stands out",
			calls: join(
				calls(1, time.Monday, 9, 3, 2, 0),
				calls(1, time.Tuesday, 16, 3, 2, 0),
				calls(1, time.Friday, 12, 3, 2, 0),
			),
			want: nil,
		},
		{
			name: "two windows ranked",
			calls: join(
				calls(1, time.Monday, 8, 5, 5, 0),
				calls(1, time.Friday, 14, 6, 5, 0),
				calls(1, time.Wednesday, 12, 6, 0, 0),
			),
			want: []string{"Mon 8–10, reached 5 of 5", "Fri 14–16, reached 5 of 6"},
		},
		{
			name:  "three of four and no other calls: nothing to stand out from",
			calls: calls(1, time.Friday, 14, 4, 3, 0),
			want:  nil,
		},
		{
			name: "old calls count less than recent ones",
			calls: join(
				calls(1, time.Monday, 9, 4, 4, 100), // two years ago: mornings
				calls(1, time.Monday, 15, 4, 0, 100),
				calls(1, time.Monday, 15, 4, 4, 0), // lately: afternoons
				calls(1, time.Monday, 9, 4, 0, 0),
			),
			want: []string{"Mon 14–16, reached 4 of 8"},
		},
		{
			name:  "no calls",
			calls: nil,
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := book.Estimate(tt.calls, btNow).Windows()
			if len(got) != len(tt.want) {
				t.Fatalf("windows = %v, want %v", got, tt.want)
			}
			for i, w := range got {
				if w.String() != tt.want[i] {
					t.Errorf("window %d = %q, want %q", i, w.String(), tt.want[i])
				}
				if w.Rate <= 0 || w.Rate >= 1 {
					t.Errorf("window %d rate %v outside (0, 1)", i, w.Rate)
				}
				if i > 0 && w.Rate > got[i-1].Rate {
					t.Errorf("window %d (%.2f) ranked after a worse one (%.2f)", i, w.Rate, got[i-1].Rate)
				}
			}
		})
	}
}

func TestBestTimeShrinksTowardTheBook(t *testing.T) {
	book := FitBookPattern(flatBook(), btNow)
	at := time.Date(2026, 12, 1, 16, 30, 0, 0, time.UTC) // a Tuesday, 16–18
	prior := book.Estimate(nil, btNow).RateAt(at)
	if math.Abs(prior-book.Rate) > 0.15 {
		t.Fatalf("rate with no calls = %.2f, want near the book's %.2f", prior, book.Rate)
	}
	prev := prior
	for n := 1; n <= 32; n *= 2 {
		r := book.Estimate(calls(1, time.Tuesday, 16, n, n, 0), btNow).RateAt(at)
		if r <= prev || r >= 1 {
			t.Errorf("%d calls all picked up: rate %.3f, want above %.3f and below 1", n, r, prev)
		}
		prev = r
	}
	if prev < 0.8 {
		t.Errorf("32 calls all picked up: rate %.2f, want the contact's own pattern (≥ 0.8)", prev)
	}
	// Another cell keeps the book's rate.
	other := book.Estimate(calls(1, time.Tuesday, 16, 8, 8, 0), btNow).RateAt(at.Add(-6 * time.Hour))
	if math.Abs(other-prior) > 0.15 {
		t.Errorf("a cell without calls: rate %.2f, want the book's %.2f", other, prior)
	}
}

func TestFitBookPatternKappa(t *testing.T) {
	// Contacts alike: every one picks up half the time anywhere, so the
	// spread is chance and the book is trusted (κ high).
	alike := FitBookPattern(flatBook(), btNow)
	// Contacts who differ: half always pick up on Tuesdays at 16, never on
	// Mondays at 9; the other half the reverse.
	var differ []Attempt
	for id := int64(1); id <= 40; id++ {
		tue, mon := 6, 0
		if id%2 == 0 {
			tue, mon = 0, 6
		}
		differ = append(differ, calls(id, time.Tuesday, 16, 6, tue, 0)...)
		differ = append(differ, calls(id, time.Monday, 9, 6, mon, 0)...)
	}
	apart := FitBookPattern(differ, btNow)
	if alike.Kappa != maxKappa {
		t.Errorf("κ for a book of alike contacts = %.1f, want the most, %d", alike.Kappa, maxKappa)
	}
	if apart.Kappa > 3 {
		t.Errorf("κ for a book of contacts who differ = %.1f, want ≤ 3", apart.Kappa)
	}
	if small := FitBookPattern(calls(1, time.Monday, 9, 3, 1, 0), btNow); small.Kappa != defaultKappa {
		t.Errorf("κ from 3 calls = %.1f, want the default %d", small.Kappa, defaultKappa)
	}
	if alike.Calls != 1200 || math.Abs(alike.Rate-0.5) > 0.05 {
		t.Errorf("book of 1200 calls half picked up: calls %d, rate %.2f", alike.Calls, alike.Rate)
	}
}

func TestBestTimeReadsTheClientsZone(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Skip("no zone database:", err)
	}
	book := FitBookPattern(flatBook(), btNow)
	// Calls made at 15:xx UTC on Tuesdays are 16:xx in Berlin (winter).
	var cs []Attempt
	for _, a := range join(calls(1, time.Tuesday, 15, 4, 4, 0), calls(1, time.Tuesday, 7, 4, 0, 0)) {
		a.At = a.At.In(berlin)
		cs = append(cs, a)
	}
	got := book.Estimate(cs, btNow).Windows()
	if len(got) != 1 || got[0].String() != "Tue 16–18, reached 4 of 4" {
		t.Fatalf("windows = %v, want Tue 16–18 in Berlin time", got)
	}
	if got[0].FromClock() != "16:00" || got[0].ToClock() != "18:00" || DayKey(got[0].Days[0]) != "tue" {
		t.Errorf("clock %s–%s day %s", got[0].FromClock(), got[0].ToClock(), DayKey(got[0].Days[0]))
	}
}

func TestSortLikely(t *testing.T) {
	due := []DueItem{{Contact: Contact{ID: 1}}, {Contact: Contact{ID: 2}}, {Contact: Contact{ID: 3}}, {Contact: Contact{ID: 4}}}
	SortLikely(due, map[int64]float64{1: 0.2, 2: 0.6, 3: 0.2, 4: 0.7})
	var got []int64
	for _, it := range due {
		got = append(got, it.ID)
	}
	if want := []int64{4, 2, 1, 3}; !slices.Equal(got, want) {
		t.Errorf("SortLikely = %v, want %v (likeliest first, ties in the list's order)", got, want)
	}
}

func TestSortLikelyWithClocks(t *testing.T) {
	due := []DueItem{{Contact: Contact{ID: 1}}, {Contact: Contact{ID: 2}}, {Contact: Contact{ID: 3}}}
	clocks := []LocalClock{{Zone: "Europe/Paris"}, {Zone: "Asia/Tokyo"}, {Zone: "America/Denver"}}
	clocks = SortLikelyWithClocks(due, clocks, map[int64]float64{1: 0.1, 2: 0.3, 3: 0.9})
	want := map[int64]string{1: "Europe/Paris", 2: "Asia/Tokyo", 3: "America/Denver"}
	if due[0].ID != 3 || due[1].ID != 2 || due[2].ID != 1 {
		t.Fatalf("order %d %d %d, want 3 2 1", due[0].ID, due[1].ID, due[2].ID)
	}
	for i, it := range due {
		if clocks[i].Zone != want[it.ID] {
			t.Errorf("row %d (contact %d) has the clock of %s, want %s", i, it.ID, clocks[i].Zone, want[it.ID])
		}
	}
}
