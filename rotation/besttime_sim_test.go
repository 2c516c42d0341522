package rotation

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
)

// This file is six months of calls to a book whose clients each have a
// hidden pattern of when they pick up, played by three ways of ordering
// each day's calls; docs/BEST_TIME.md gives the table it prints and the
// targets TestBestTimeSimulation holds the estimate to.
//
// Every workday, each due client is called once. The day has five
// two-hour slots (8–10 to 16–18) and each takes an equal share of the
// day's calls. Before each slot the remaining calls are ordered and the
// first share is made:
//
//   - fixed: the same order every day (the book's, by name);
//   - shuffled: a new random order every day;
//   - estimate: by the estimated chance of picking up now (the best-time
//     estimate fitted on every call logged so far, as Today's "likely"
//     sort does);
//   - oracle: by the true chance, which only the simulation knows.
//
// A client reached is due again 14 days later; one missed, the next
// workday.

// bestTimeOrder is a way of ordering a day's calls.
type bestTimeOrder int

const (
	orderFixed bestTimeOrder = iota
	orderShuffled
	orderEstimate
	orderOracle
)

func (o bestTimeOrder) String() string {
	return [...]string{"fixed", "shuffled", "estimate", "oracle"}[o]
}

const (
	btSimClients  = 240
	btSimWorkdays = 130 // six months
	btSimWarmup   = 20  // workdays not measured: the estimate has nothing yet
	btSimCadence  = 14
)

var btSimSlots = []int{4, 5, 6, 7, 8} // 8–10 … 16–18

// btClient is a simulated client and the chance they pick up by weekday
// (Monday 0) and slot.
type btClient struct {
	id      int64
	kind    string
	p       [5][slotsPerDay]float64
	due     int // workday index
	attempt []Attempt
}

// btKinds are the patterns of the book, in the shares drawn.
var btKinds = []struct {
	name  string
	share float64
	good  func(day, slot int) bool // the cells where they tend to pick up
}{
	{"mornings", 0.2, func(d, h int) bool { return h <= 5 }},
	{"lunch", 0.1, func(d, h int) bool { return h == 6 }},
	{"late afternoon", 0.25, func(d, h int) bool { return h == 8 }},
	{"Tue–Thu afternoons", 0.15, func(d, h int) bool { return d >= 1 && d <= 3 && h >= 7 }},
	{"Mon and Fri", 0.1, func(d, h int) bool { return d == 0 || d == 4 }},
	{"anytime", 0.2, func(d, h int) bool { return true }},
}

func newBTBook(seed uint64) []*btClient {
	rng := rand.New(rand.NewPCG(seed, 17))
	book := make([]*btClient, btSimClients)
	for i := range book {
		c := &btClient{id: int64(i + 1), due: rng.IntN(10)}
		x, k := rng.Float64(), 0
		for k < len(btKinds)-1 && x > btKinds[k].share {
			x -= btKinds[k].share
			k++
		}
		c.kind = btKinds[k].name
		hi, lo := 0.6+0.3*rng.Float64(), 0.05+0.15*rng.Float64()
		if c.kind == "anytime" {
			hi = 0.3 + 0.4*rng.Float64()
		}
		for d := range 5 {
			for _, h := range btSimSlots {
				c.p[d][h] = lo
				if btKinds[k].good(d, h) {
					c.p[d][h] = hi
				}
			}
		}
		book[i] = c
	}
	return book
}

// btSimResult is what one ordering did over the measured workdays.
type btSimResult struct {
	attempts, reached int
	shown             int     // clients shown a best time at the end
	right             float64 // share of those with a pattern whose top window is truly 20 points better
	harmless          int     // clients whose top window is truly no worse than the rest of their week
}

func (r btSimResult) rate() float64 { return float64(r.reached) / float64(r.attempts) }

// runBestTimeSim plays the six months with one ordering.
func runBestTimeSim(seed uint64, order bestTimeOrder) btSimResult {
	book := newBTBook(seed)
	src := rand.NewPCG(seed, 7)
	luck := rand.New(src)
	shuffle := rand.New(rand.NewPCG(seed, 23))
	start := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC) // a Monday
	dayOf := func(w int) time.Time { return start.AddDate(0, 0, w/5*7+w%5) }
	var res btSimResult
	var log []Attempt
	for w := range btSimWorkdays {
		day := dayOf(w)
		var due []*btClient
		for _, c := range book {
			if c.due <= w {
				due = append(due, c)
			}
		}
		var pattern BookPattern
		if order == orderEstimate {
			pattern = FitBookPattern(log, day)
		}
		est := map[int64]Availability{}
		for _, c := range due {
			if order == orderEstimate {
				est[c.id] = pattern.Estimate(c.attempt, day)
			}
		}
		if order == orderShuffled {
			shuffle.Shuffle(len(due), func(i, j int) { due[i], due[j] = due[j], due[i] })
		}
		per := (len(due) + len(btSimSlots) - 1) / len(btSimSlots)
		for _, h := range btSimSlots {
			at := day.Add(time.Duration(h*SlotHours) * time.Hour)
			score := func(c *btClient) float64 {
				switch order {
				case orderEstimate:
					return est[c.id].RateAt(at)
				case orderOracle:
					return c.p[w%5][h]
				}
				return 0
			}
			slices.SortStableFunc(due, func(a, b *btClient) int {
				if c := cmp.Compare(score(b), score(a)); c != 0 {
					return c
				}
				if order == orderShuffled {
					return 0 // stable: the day's shuffle
				}
				return cmp.Compare(a.id, b.id)
			})
			n := min(per, len(due))
			for _, c := range due[:n] {
				// The client's luck on this call depends on the client,
				// the day and the slot alone, so every ordering meets
				// the same luck in the same place.
				src.Seed(seed, uint64(c.id)<<32|uint64(w)<<8|uint64(h))
				picked := luck.Float64() < c.p[w%5][h]
				a := Attempt{Contact: c.id, At: at.Add(time.Duration(luck.IntN(110)) * time.Minute), Reached: picked}
				c.attempt = append(c.attempt, a)
				log = append(log, a)
				if w >= btSimWarmup {
					res.attempts++
					if picked {
						res.reached++
					}
				}
				if picked {
					c.due = w + btSimCadence/7*5
				} else {
					c.due = w + 1
				}
			}
			due = due[n:]
		}
	}
	if order == orderEstimate {
		res.judgeWindows(book, log, dayOf(btSimWorkdays))
	}
	return res
}

// judgeWindows checks the best times shown at the end against the truth:
// for a client with a pattern, the top window is right when their true
// rate in it is at least 20 points over the rest of their week; for every
// client, it is not misleading when that rate is no lower than the rest
// of their week's.
func (res *btSimResult) judgeWindows(book []*btClient, log []Attempt, end time.Time) {
	pattern := FitBookPattern(log, end)
	patterned, right := 0, 0
	for _, c := range book {
		ws := pattern.Estimate(c.attempt, end).Windows()
		if len(ws) == 0 {
			continue
		}
		res.shown++
		in, out, nin, nout := 0.0, 0.0, 0, 0
		w := ws[0]
		for d := range 5 {
			for _, h := range btSimSlots {
				if slices.Contains(w.Days, time.Weekday((d+1)%7)) && h*SlotHours >= w.From && h*SlotHours < w.To {
					in += c.p[d][h]
					nin++
				} else {
					out += c.p[d][h]
					nout++
				}
			}
		}
		in, out = in/float64(max(nin, 1)), out/float64(max(nout, 1))
		if nin > 0 && in >= out {
			res.harmless++
		}
		if c.kind != "anytime" {
			patterned++
			if nin > 0 && in >= out+0.2 {
				right++
			}
		}
	}
	res.right = float64(right) / float64(max(patterned, 1))
}

// btSimSeeds are the books the simulation plays.
var btSimSeeds = []uint64{1, 2, 3, 4, 5}

// TestBestTimeSimulation holds the estimate to the targets of
// docs/BEST_TIME.md. `go test ./rotation -run TestBestTimeSimulation -v`
// prints the table.
func TestBestTimeSimulation(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation")
	}
	var sum [4]btSimResult
	var right float64
	shown, harmless := 0, 0
	var b strings.Builder
	fmt.Fprintf(&b, "| seed | fixed | shuffled | estimate | oracle | shown a best time | right | not misleading |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n")
	for _, seed := range btSimSeeds {
		var r [4]btSimResult
		for o := orderFixed; o <= orderOracle; o++ {
			r[o] = runBestTimeSim(seed, o)
			sum[o].attempts += r[o].attempts
			sum[o].reached += r[o].reached
		}
		right += r[orderEstimate].right
		shown += r[orderEstimate].shown
		harmless += r[orderEstimate].harmless
		e := r[orderEstimate]
		fmt.Fprintf(&b, "| %d | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %d of %d | %.0f%% | %.0f%% |\n", seed,
			100*r[orderFixed].rate(), 100*r[orderShuffled].rate(), 100*e.rate(), 100*r[orderOracle].rate(),
			e.shown, btSimClients, 100*e.right, 100*float64(e.harmless)/float64(max(e.shown, 1)))
	}
	fixed, shuffled, est, oracle := sum[orderFixed].rate(), sum[orderShuffled].rate(), sum[orderEstimate].rate(), sum[orderOracle].rate()
	right /= float64(len(btSimSeeds))
	notMisleading := float64(harmless) / float64(max(shown, 1))
	gain := (est - fixed) / (oracle - fixed)
	fmt.Fprintf(&b, "| all | %.1f%% | %.1f%% | %.1f%% | %.1f%% | %d of %d | %.0f%% | %.0f%% |\n", 100*fixed, 100*shuffled, 100*est, 100*oracle,
		shown, btSimClients*len(btSimSeeds), 100*right, 100*notMisleading)
	gainShuffled := (est - shuffled) / (oracle - shuffled)
	fmt.Fprintf(&b, "\nestimate: %+.1f points over fixed (%.0f%% of the oracle's gain), %+.1f over shuffled (%.0f%% of the oracle's gain)\n",
		100*(est-fixed), 100*gain, 100*(est-shuffled), 100*gainShuffled)
	t.Log("\n" + b.String())

	if est < fixed+0.08 {
		t.Errorf("ordering by the estimate reaches %.1f%%, want at least 8 points over the fixed order's %.1f%%", 100*est, 100*fixed)
	}
	if est < shuffled+0.08 {
		t.Errorf("ordering by the estimate reaches %.1f%%, want at least 8 points over a shuffled order's %.1f%%", 100*est, 100*shuffled)
	}
	if gain < 0.75 {
		t.Errorf("the estimate gets %.0f%% of the oracle's gain over the fixed order, want at least 75%%", 100*gain)
	}
	if right < 0.8 {
		t.Errorf("%.0f%% of the best times shown to clients with a pattern are truly 20 points better than their week, want at least 80%%", 100*right)
	}
	if notMisleading < 0.85 {
		t.Errorf("%.0f%% of the best times shown are truly no worse than the client's week, want at least 85%%", 100*notMisleading)
	}
}
