package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// pick is the contact of lowest id that ok accepts.
func (m *month) pick(ok func(listJSON) bool) (listJSON, bool) {
	var best listJSON
	found := false
	for _, c := range m.contacts {
		if c.Status == "active" && ok(c) && (!found || c.ID < best.ID) {
			best, found = c, true
		}
	}
	return best, found
}

// counts is the number of active calls planned on each day.
func (m *month) counts() map[string]int {
	out := map[string]int{}
	for _, c := range m.contacts {
		if c.Status == "active" && c.Due != nil {
			out[c.Due.(string)]++
		}
	}
	return out
}

func (m *month) snapshot() map[int64]string {
	out := map[int64]string{}
	for id, c := range m.contacts {
		if c.Status == "active" && c.Due != nil {
			out[id] = c.Due.(string)
		}
	}
	return out
}

func (m *month) refresh() {
	var all []listJSON
	m.cliJSON(&all, "list", "--all", "--json")
	m.contacts = map[int64]listJSON{}
	for _, c := range all {
		m.contacts[c.ID] = c
	}
}

func (m *month) cli(args ...string) string {
	m.t.Helper()
	var stdout, stderr bytes.Buffer
	env := []string{"ROTATE_DB=" + m.db, "ROTATE_TODAY=" + m.day.Format(time.DateOnly), "NO_COLOR=1", "TZ=UTC"}
	if code := run(args, nil, &stdout, &stderr, env); code != 0 {
		m.t.Fatalf("%s: rotate %s: exit %d: %s", m.day.Format(time.DateOnly), strings.Join(args, " "), code, stderr.String())
	}
	return stdout.String()
}

func (m *month) cliJSON(v any, args ...string) {
	m.t.Helper()
	out := m.cli(args...)
	if err := json.Unmarshal([]byte(out), v); err != nil {
		m.t.Fatalf("rotate %s: %v: %s", strings.Join(args, " "), err, out)
	}
}

// workday: Monday to Friday, the default.
func (m *month) workday(d time.Time) bool {
	return d.Weekday() != time.Saturday && d.Weekday() != time.Sunday
}

// free: a workday outside time away.
func (m *month) free(d time.Time) bool {
	if !m.workday(d) {
		return false
	}
	for _, r := range m.away {
		if !d.Before(r[0]) && !d.After(r[1]) {
			return false
		}
	}
	return true
}

func (m *month) addWorkdays(d time.Time, n int) time.Time {
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if m.free(d) {
			n--
		}
	}
	return d
}

var everyRE = regexp.MustCompile(`^every (\d+)([dwm])$`)

// intervalAfter is from + the interval of an interval rule (months are
// calendar months) and the interval's length in days.
func intervalAfter(rule string, from time.Time) (time.Time, int) {
	g := everyRE.FindStringSubmatch(rule)
	if g == nil {
		panic("not an interval rule: " + rule)
	}
	n, _ := strconv.Atoi(g[1])
	switch g[2] {
	case "d":
		return from.AddDate(0, 0, n), n
	case "w":
		return from.AddDate(0, 0, 7*n), 7 * n
	}
	to := from.AddDate(0, n, 0)
	return to, int(to.Sub(from).Hours() / 24)
}

func approxDays(rule string) int {
	if everyRE.MatchString(rule) {
		g := everyRE.FindStringSubmatch(rule)
		n, _ := strconv.Atoi(g[1])
		return n * map[string]int{"d": 1, "w": 7, "m": 30}[g[2]]
	}
	days := strings.Split(strings.TrimPrefix(strings.TrimPrefix(rule, "weekly "), "every "), ",")
	return max(1, 7/len(days))
}

func onWeekdays(rule string, d time.Time) bool {
	days := strings.TrimPrefix(strings.TrimPrefix(rule, "weekly "), "every ")
	return strings.Contains(days, strings.ToLower(d.Weekday().String()[:3]))
}

func mustDay(v any) time.Time {
	d, err := time.Parse(time.DateOnly, fmt.Sprint(v))
	if err != nil {
		panic(err)
	}
	return d
}

func idArg(id int64) string { return strconv.FormatInt(id, 10) }

func deref(s *string) string {
	if s == nil {
		return "none"
	}
	return *s
}
