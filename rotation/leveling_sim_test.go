package rotation

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// simMetrics are the measures of one scheduler on one seed.
type simMetrics struct {
	mean, peak, p95   float64
	vol, steadyVol    float64
	withinCap         float64 // share of workdays with load <= capacity
	offset            map[string]float64
	gapsWithin        float64
	outside           float64 // reached interval calls placed outside their window
	rampPeak          float64
	backlog           float64
	catchDays         float64
	catchPeak         float64 // most calls on a catch-up day / expected
	afterPeak         float64 // most calls on one of the 20 workdays from the return / expected
	expected          float64
	capacity          float64
	steadyMean, steSD float64
}

func measure(year, outage *simRun) simMetrics {
	loads := year.loads
	m := simMetrics{offset: map[string]float64{}, expected: year.expected, capacity: float64(year.capacity)}
	m.mean, m.vol = meanVol(loads)
	m.steadyMean, m.steadyVol = meanVol(loads[simSteadyFrom:])
	sorted := slices.Clone(loads)
	slices.Sort(sorted)
	m.peak = float64(sorted[len(sorted)-1])
	m.p95 = float64(sorted[int(math.Ceil(0.95*float64(len(sorted))))-1])
	within := 0
	for _, l := range loads {
		if l <= year.capacity {
			within++
		}
	}
	m.withinCap = float64(within) / float64(len(loads))
	for cadence, offs := range year.results.offsets {
		sum := 0
		for _, o := range offs {
			sum += o
		}
		m.offset[cadence] = float64(sum) / float64(len(offs))
	}
	m.gapsWithin = float64(year.results.gin) / float64(year.results.gaps)
	m.outside = float64(year.results.outside)
	m.rampPeak = float64(year.results.rampPeak)
	m.backlog = float64(outage.results.backlog)
	m.catchDays = float64(outage.results.catchDays)
	if len(outage.backlog) > 0 {
		m.catchDays = math.Inf(1) // never cleared within the year
	}
	m.catchPeak = float64(outage.results.catchPeak) / year.expected
	m.afterPeak = float64(outage.results.afterPeak) / year.expected
	return m
}

// meanVol is the mean of the loads and their population standard
// deviation over the mean.
func meanVol(loads []int) (mean, vol float64) {
	for _, l := range loads {
		mean += float64(l)
	}
	mean /= float64(len(loads))
	v := 0.0
	for _, l := range loads {
		v += (float64(l) - mean) * (float64(l) - mean)
	}
	return mean, math.Sqrt(v/float64(len(loads))) / mean
}

// TestLevelingSimulation plays a year of a realistic book under the three
// schedulers on five seeds each, prints the report docs/LEVELING.md shows
// (go test ./rotation -run TestLevelingSimulation -v) and holds the
// leveler to the targets on its worst seed.
func TestLevelingSimulation(t *testing.T) {
	kinds := []scheduler{naive, rampOnly, leveler}
	const seeds = 5
	results := make([][seeds]simMetrics, len(kinds))
	var wg sync.WaitGroup
	for k, kind := range kinds {
		for seed := range seeds {
			wg.Go(func() {
				year, outage := simulate(kind, uint64(seed+1))
				results[k][seed] = measure(year, outage)
			})
		}
	}
	wg.Wait()
	t.Log("\n" + simReport(kinds, results[:]))

	worst := func(k int, f func(simMetrics) float64, higherIsWorse bool) float64 {
		w := f(results[k][0])
		for _, m := range results[k][1:] {
			if v := f(m); v > w == higherIsWorse && v != w {
				w = v
			}
		}
		return w
	}
	lev, ramp := 2, 1
	steady := worst(lev, func(m simMetrics) float64 { return m.steadyVol }, true)
	bestRamp := worst(ramp, func(m simMetrics) float64 { return m.steadyVol }, false)
	if steady > 0.25 || steady > 0.7*bestRamp {
		t.Errorf("steady-state volatility %.3f, want <= 0.25 and <= 0.7 x ramp-in only's %.3f", steady, bestRamp)
	}
	if w := worst(lev, func(m simMetrics) float64 { return m.withinCap }, false); w < 0.98 {
		t.Errorf("load within auto capacity on %.1f%% of workdays, want >= 98%%", 100*w)
	}
	for _, c := range []string{"30d", "90d", "3m"} {
		if w := worst(lev, func(m simMetrics) float64 { return math.Abs(m.offset[c]) }, true); w > 1 {
			t.Errorf("%s calls are %.2f days from their ideal date on average, want <= 1", c, w)
		}
	}
	if w := worst(lev, func(m simMetrics) float64 { return m.outside }, true); w > 0 {
		t.Errorf("%.0f reached interval calls placed outside their window, want none", w)
	}
	if w := worst(lev, func(m simMetrics) float64 { return m.gapsWithin }, false); w < 0.85 {
		t.Errorf("%.1f%% of reached-to-reached gaps within interval ± window, want >= 85%%", 100*w)
	}
	cal := DefaultCalendar()
	limit := math.Ceil(240/float64(cal.WorkdaysBetween(simStart, simStart.AddDays(90)))) + 1
	if w := worst(lev, func(m simMetrics) float64 { return m.rampPeak }, true); w > limit {
		t.Errorf("ramp-in put %.0f prospects on one day, want <= %.0f", w, limit)
	}
	if w := worst(lev, func(m simMetrics) float64 { return m.catchDays }, true); w > 20 {
		t.Errorf("the outage backlog took %.0f workdays to clear, want <= 20", w)
	}
	// The catch-up holds a day to the one capacity figure.
	capX := results[lev][0].capacity / results[lev][0].expected
	if w := worst(lev, func(m simMetrics) float64 { return m.afterPeak }, true); w > capX+1e-9 {
		t.Errorf("a day after the outage held %.2fx the expected load, want <= the capacity, %.2fx", w, capX)
	}
	// The baselines really are worse: the report compares with something.
	if w := worst(0, func(m simMetrics) float64 { return m.peak }, false); w < 100 {
		t.Errorf("the naive scheduler's best peak is %.0f; the simulation no longer adds the book on one day", w)
	}
}

// simReport is the table of docs/LEVELING.md: one row per scheduler and
// seed.
func simReport(kinds []scheduler, results [][5]simMetrics) string {
	var b strings.Builder
	fmt.Fprintf(&b, "expected %.2f calls per workday, auto capacity %.0f (the catch-up's limit too)\n\n",
		results[0][0].expected, results[0][0].capacity)
	b.WriteString("| scheduler | seed | mean | peak | p95 | volatility | steady vol. | within cap. | offset 30d | offset 90d | offset 3m | gaps in window | ramp-in peak | backlog | catch-up days | peak after return |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n")
	for k, kind := range kinds {
		for seed, m := range results[k] {
			fmt.Fprintf(&b, "| %s | %d | %.2f | %.0f | %.0f | %.3f | %.3f | %.1f%% | %+.2f | %+.2f | %+.2f | %.1f%% | %.0f | %.0f | %.0f | %.2fx |\n",
				kind, seed+1, m.mean, m.peak, m.p95, m.vol, m.steadyVol, 100*m.withinCap,
				m.offset["30d"], m.offset["90d"], m.offset["3m"], 100*m.gapsWithin, m.rampPeak,
				m.backlog, m.catchDays, m.afterPeak)
		}
	}
	return b.String()
}

// The consultant's practice: sixty clients on 30 and 90 days and a
// quarterly few, two Friday status calls, every call made on its day. Over
// the steady state (workdays 90 to 260, 34 weeks) the calls made on each
// weekday are logged — all of them: the status calls are part of a
// Friday, so an even week has fewer interval calls on Fridays — and no
// weekday carries more than 0.8 calls a day above another on average.
// Before (the expected calls poured over each week's least loaded days,
// a margin of half a call whatever the book): 1.62, Mondays and Fridays
// carrying a call more than Wednesdays (issue 13). The rest is chance:
// which calls are missed and retried.
func TestLevelingSimulationConsultant(t *testing.T) {
	book := []simGroup{
		{15, "A", "every 30d", "30d"},
		{35, "B", "every 90d", "90d"},
		{10, "C", "every 3m", "3m"},
		{2, "A", "weekly fri", "weekly"},
	}
	worst := 0.0
	for seed := uint64(1); seed <= 5; seed++ {
		r := newSimRunOf(leveler, seed, book)
		r.until(simWorkdays)
		var all, interval [7]float64
		var days [7]int
		d := simStart
		for i, n := range r.loads {
			if i >= simSteadyFrom {
				all[d.Weekday()] += float64(n)
				interval[d.Weekday()] += float64(r.interval[i])
				days[d.Weekday()]++
			}
			d = r.cal.AddWorkdays(d, 1)
		}
		lo, hi := math.Inf(1), math.Inf(-1)
		var means []string
		for wd := range 7 {
			if days[wd] == 0 {
				continue
			}
			m := all[wd] / float64(days[wd])
			lo, hi = math.Min(lo, m), math.Max(hi, m)
			means = append(means, fmt.Sprintf("%s %.2f (%.2f interval)", time.Weekday(wd).String()[:3], m, interval[wd]/float64(days[wd])))
		}
		t.Logf("seed %d: calls per weekday: %s; spread %.2f; %s", seed, strings.Join(means, ", "), hi-lo, r.results.offsetSummary())
		if r.results.outside > 0 {
			t.Errorf("seed %d: %d reached interval calls placed outside their window", seed, r.results.outside)
		}
		worst = math.Max(worst, hi-lo)
	}
	if worst > 0.8 {
		t.Errorf("a weekday carries %.2f calls a day more than another on average, want <= 0.8", worst)
	}
}

// offsetSummary is the mean offset from the ideal date of the reached
// interval calls, and the mean of its absolute value.
func (r simResults) offsetSummary() string {
	sum, abs, n := 0, 0, 0
	for _, offs := range r.offsets {
		for _, o := range offs {
			sum += o
			abs += max(o, -o)
			n++
		}
	}
	return fmt.Sprintf("offset from ideal %+.2f days, |offset| %.2f", float64(sum)/float64(n), float64(abs)/float64(n))
}
