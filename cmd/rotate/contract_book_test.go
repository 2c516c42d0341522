package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"rotate/store/pgtest"
)

// contractBook plays a short history on a book of the backend under test
// and returns the JSON documents each command printed, by the name the
// contract's JSON table uses.
func contractBook(t *testing.T) map[string][]any {
	t.Helper()
	c := &contractRun{t: t, db: testBook(t), state: t.TempDir(), outputs: map[string][]any{}}
	c.missedWeek()
	c.busyDay()
	c.corrections()
	c.contactChanges()
	c.importAndStats()
	c.team()
	return c.outputs
}

// contractRun is contractBook's book and the JSON documents it printed,
// by command.
type contractRun struct {
	t         *testing.T
	db, state string
	outputs   map[string][]any
}

// contractBefore and contractToday are the two days of contractBook.
const contractBefore, contractToday = "2026-11-18", "2026-11-25"

// run1 runs one command on day as of ROTATE_TODAY and fails the test
// unless it exits 0.
func (c *contractRun) run1(day string, args ...string) string {
	c.t.Helper()
	var out, errOut bytes.Buffer
	env := []string{"ROTATE_DB=" + c.db, "ROTATE_TODAY=" + day, "NO_COLOR=1", "XDG_STATE_HOME=" + c.state}
	if code := run(args, strings.NewReader(""), &out, &errOut, env); code != 0 {
		c.t.Fatalf("rotate %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
	}
	return out.String()
}

// doc runs a command that prints JSON and keeps its document under name.
func (c *contractRun) doc(name, day string, args ...string) map[string]any {
	c.t.Helper()
	out := c.run1(day, args...)
	dec := json.NewDecoder(strings.NewReader(out))
	var v any
	if err := dec.Decode(&v); err != nil {
		c.t.Fatalf("rotate %s: not JSON: %v\n%s", strings.Join(args, " "), err, out)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		c.t.Fatalf("rotate %s: more than one JSON document:\n%s", strings.Join(args, " "), out)
	}
	c.outputs[name] = append(c.outputs[name], v)
	m, _ := v.(map[string]any)
	return m
}

// id is the number under key in a document.
func (c *contractRun) id(m map[string]any, key string) string {
	c.t.Helper()
	n, ok := m[key].(float64)
	if !ok {
		c.t.Fatalf("no number %s in %v", key, m)
	}
	return strconv.FormatInt(int64(n), 10)
}

// missedWeek is a week ago: four clients; three calls missed, one with
// a follow-up.
func (c *contractRun) missedWeek() {
	c.doc("add", contractBefore, "add", "Ann Archer", "--phone", "+1 555 0100:mobile", "--email", "ann@example.com",
		"--company", "Acme", "--tier", "A", "--due", contractToday, "--birthday", "1970-04-12", "--tag", "vip",
		"--note", "met at the fair", "--family", "two kids", "--occupation", "architect",
		"--recreation", "sailing", "--message", "wants a cruise", "--json")
	for _, who := range []string{"Bob Baker", "Cy Cole", "Dee Dunn"} {
		c.run1(contractBefore, "add", who, "--phone", "+1 555 01"+itoa(len(who)), "--tier", "B", "--due", "today", "--allow-duplicate")
	}
	c.run1(contractBefore, "log", "Bob Baker", "--outcome", "no-answer", "--note", "rang out; the cruise can wait", "--follow-up", "send the brochure")
	c.run1(contractBefore, "log", "Cy Cole", "--outcome", "voicemail")
	c.run1(contractBefore, "log", "Dee Dunn", "--outcome", "no-answer")
}

// busyDay is today: more due than the day holds.
func (c *contractRun) busyDay() {
	c.run1(contractToday, "config", "capacity", "1")
	c.doc("config", contractToday, "config", "--json")
	c.doc("config", contractToday, "config", "capacity", "--json")
	c.doc("today", contractToday, "today", "--json")
	c.doc("upcoming", contractToday, "upcoming", "--days", "3", "--json")
	c.doc("list", contractToday, "list", "--json")
	c.doc("search", contractToday, "search", "cruise", "--json")
	c.doc("search", contractToday, "search", "brochure", "--json")
	c.doc("show", contractToday, "show", "Bob Baker", "--json")
	c.doc("catchup", contractToday, "catchup", "--dry-run", "--json")
	c.doc("catchup", contractToday, "catchup", "--json")
}

// corrections logs calls, takes one back and corrects others.
func (c *contractRun) corrections() {
	c.doc("log", contractToday, "log", "Cy Cole", "--outcome", "reached", "--note", "all well", "--json")
	c.doc("undo", contractToday, "undo", "--json")
	ann := c.doc("log", contractToday, "log", "Ann Archer", "--outcome", "reached", "--note", "good talk",
		"--follow-up", "ask about the cruise", "--json")
	c.doc("call edit", contractToday, "call", "edit", c.id(ann, "call_id"), "--note", "good talk, cruise in May",
		"--next", "2026-12-10", "--json")
	c.doc("call history", contractToday, "call", "history", c.id(ann, "call_id"), "--json")
	dee := c.doc("log", contractToday, "log", "Dee Dunn", "--outcome", "reached", "--json")
	c.doc("call delete", contractToday, "call", "delete", c.id(dee, "call_id"), "--yes", "--json")
}

// contactChanges changes, pauses, merges and erases contacts.
func (c *contractRun) contactChanges() {
	c.doc("edit", contractToday, "edit", "Ann Archer", "--company", "Acme Ltd", "--json")
	c.doc("snooze", contractToday, "snooze", "Bob Baker", "next friday", "--json")
	c.doc("archive", contractToday, "archive", "Cy Cole", "--json")
	c.doc("unarchive", contractToday, "unarchive", "Cy Cole", "--json")
	c.run1(contractToday, "add", "Eve Early", "--phone", "+1 555 0199")
	c.run1(contractToday, "log", "Eve Early", "--outcome", "reached", "--note", "a duplicate of Ann's")
	c.doc("merge", contractToday, "merge", "Eve Early", "Ann Archer", "--yes", "--json")
	c.run1(contractToday, "add", "Fay Fox", "--note", "to be forgotten")
	c.doc("forget", contractToday, "forget", "Fay Fox", "--yes", "--json")
}

// importAndStats imports, counts and exports one person.
func (c *contractRun) importAndStats() {
	t := c.t
	csv := filepath.Join(t.TempDir(), "people.csv")
	if err := os.WriteFile(csv, []byte("name,phone\nGus Green,+1 555 0177\nAnn Archer,+1 555 0100\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c.doc("import", contractToday, "import", csv, "--dry-run", "--json")
	c.doc("import", contractToday, "import", csv, "--json")
	c.doc("list", contractToday, "list", "--all", "--json")
	// Calls from the phone: one to Gus, a number of no contact, a
	// blocked one.
	calls := filepath.Join(t.TempDir(), "calls.xml")
	at := time.Date(2026, 11, 24, 10, 0, 0, 0, time.UTC).UnixMilli()
	xml := fmt.Sprintf(`<calls count="3"><call number="+1 555 0177" duration="95" date="%d" type="2" />
<call number="+44 7700 900123" duration="0" date="%d" type="3" /><call number="+1 900 555 0199" duration="0" date="%d" type="6" /></calls>`,
		at, at+60_000, at+120_000)
	if err := os.WriteFile(calls, []byte(xml), 0o600); err != nil {
		t.Fatal(err)
	}
	c.doc("calls import", contractToday, "calls", "import", calls, "--dry-run", "--json")
	c.doc("calls import", contractToday, "calls", "import", calls, "--yes", "--json")
	c.doc("stats", contractToday, "stats", "--json")
	c.doc("check", contractToday, "check", "--json")
	c.doc("export --contact", contractToday, "export", "--contact", "Ann Archer", "--format", "json")
}

// team runs the team commands (PostgreSQL only).
func (c *contractRun) team() {
	t := c.t
	if pgtest.Postgres() {
		personal := filepath.Join(t.TempDir(), "personal.db")
		var out, errOut bytes.Buffer
		env := []string{"ROTATE_DB=" + personal, "ROTATE_TODAY=" + contractToday, "NO_COLOR=1"}
		if code := run([]string{"add", "Hal Hill", "--phone", "+1 555 0166"}, strings.NewReader(""), &out, &errOut, env); code != 0 {
			t.Fatalf("personal book: %s", errOut.String())
		}
		c.doc("team list", contractToday, "team", "list", "--json")
		c.doc("team push", contractToday, "team", "push", personal, "--json")
		c.doc("assign", contractToday, "assign", "Ann Archer", "none", "--json")
		c.doc("assign", contractToday, "assign", "--tier", "B", "none", "--json")
		me, _ := c.outputs["team list"][0].([]any)[0].(map[string]any)["role"].(string)
		c.doc("assign", contractToday, "assign", "Bob Baker", "Cy Cole", me, "--json")
		c.doc("stats", contractToday, "stats", "--all", "--json")
		c.doc("today", contractToday, "today", "--all", "--json")
		c.doc("list", contractToday, "list", "--assignee", "none", "--json")
	}
}
