package main

import (
	"bufio"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// buildRotate builds the real binary once per test run.
func buildRotate(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "rotate")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// crashRounds is how many logging processes are killed; ROTATE_CRASH_ROUNDS
// raises it for a longer run on demand (it never goes below 24).
func crashRounds() int {
	n := 24
	if v, err := strconv.Atoi(os.Getenv("ROTATE_CRASH_ROUNDS")); err == nil && v > n {
		n = v
	}
	return n
}

// crashToday is the civil day every crash test call counts for.
const crashToday = "2026-11-25"

// crashNotes keeps the notes crashNote made, as the book is checked
// against them after every kill.
type crashNotes map[string]string

// note is the note of call i of a round: its first line names the round
// and the call, so every note in the book can be checked against the one
// that was written; the rest is of a varied length, from a few bytes to
// half a megabyte, with newlines, CRLF, quotes, backslashes, tabs, escape
// sequences and text beyond ASCII.
func (notes crashNotes) note(round string, i int) string {
	key := fmt.Sprintf("%s call %d", round, i)
	if n, ok := notes[key]; ok {
		return n
	}
	n := crashNote(round, i)
	notes[key] = n
	return n
}

// crashNote makes the note crashNotes.note keeps.
func crashNote(round string, i int) string {
	h := fnv.New64a()
	h.Write([]byte(round))
	rng := rand.New(rand.NewPCG(h.Sum64(), uint64(i)))
	var size int
	switch p := rng.IntN(100); {
	case p < 40:
		size = rng.IntN(80)
	case p < 75:
		size = 200 + rng.IntN(4000)
	case p < 95:
		size = 10_000 + rng.IntN(50_000)
	default:
		size = 200_000 + rng.IntN(300_000)
	}
	pieces := []string{"word ", "Anruf ", "\n", "\r\n", `"quoted" `, "'single' ", `back\slash `, "\t",
		"café ", "☎ ", "🙂 ", "\x1b[31m ", "'); DROP TABLE calls; -- ", "\n\n"}
	var b strings.Builder
	fmt.Fprintf(&b, "%s call %d\n", round, i)
	for b.Len() < size {
		b.WriteString(pieces[rng.IntN(len(pieces))])
	}
	return b.String()
}

// crashHeader reads the first line of a note crashNote wrote back into
// its round and call number.
func crashHeader(note string) (round string, i int, ok bool) {
	head, _, _ := strings.Cut(note, "\n")
	r, num, found := strings.Cut(head, " call ")
	if !found {
		return "", 0, false
	}
	i, err := strconv.Atoi(num)
	return r, i, err == nil
}

// TestCrashLoggerChild is not a test of its own: it is the child process
// TestKillDuringLogLosesNoCommittedCall starts (this test binary run
// again with ROTATE_CRASH_CHILD_DB set). It opens the book, says "ready",
// then logs calls with crashNote notes until it is killed, printing
// "committed CALL_ID I" after each call LogCall reported as saved.
func TestCrashLoggerChild(t *testing.T) {
	path := os.Getenv("ROTATE_CRASH_CHILD_DB")
	if path == "" {
		t.Skip("the child process of TestKillDuringLogLosesNoCommittedCall")
	}
	round := os.Getenv("ROTATE_CRASH_CHILD_ROUND")
	var ids []int64
	for _, f := range strings.Split(os.Getenv("ROTATE_CRASH_CHILD_CONTACTS"), ",") {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			fmt.Printf("error contact ids: %v\n", err)
			os.Exit(3)
		}
		ids = append(ids, id)
	}
	ctx := context.Background()
	s, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		fmt.Printf("error open: %v\n", err)
		os.Exit(3)
	}
	today := rotation.MustDate(crashToday)
	// os.Stdout is unbuffered: a line is written the moment it is printed.
	fmt.Println("ready")
	// A child the test forgot to kill stops by itself.
	deadline := time.Now().Add(20 * time.Second)
	for i := 0; time.Now().Before(deadline); i++ {
		outcome := rotation.Reached
		if i%3 == 2 {
			outcome = rotation.Voicemail
		}
		res, err := s.LogCall(ctx, store.LogEntry{ContactID: ids[i%len(ids)], Outcome: outcome,
			Note: crashNote(round, i), At: time.Now(), Today: today})
		if err != nil {
			fmt.Printf("error log call %d: %v\n", i, err)
			os.Exit(3)
		}
		fmt.Printf("committed %d %d\n", res.CallID, i)
	}
	os.Exit(4)
}

// committedCall is a call a killed process said it saved.
type committedCall struct {
	id   int64 // 0 when the process did not say (`rotate log` in a loop)
	note string
}

// TestKillDuringLogLosesNoCommittedCall kills processes that are logging
// calls with SIGKILL at random moments, many times, and after each kill
// reopens the book: it must open, pass SQLite's integrity check, hold
// every call a process reported as saved with its full note, and hold no
// note that is not exactly one that was written (no torn write).
//
// Most rounds kill a child that logs calls through the store in a loop,
// 5 to 150 ms after it is ready, so every kill lands in the middle of
// logging; a few kill the real binary logging in a shell loop, which adds
// the command's own path (reading the note file, its exit status).
func TestKillDuringLogLosesNoCommittedCall(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("builds and kills real processes")
	}
	bin := buildRotate(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "book.db")
	env := append(os.Environ(), "ROTATE_DB="+db, "ROTATE_TODAY="+crashToday, "NO_COLOR=1")
	for _, name := range []string{"Alpha Crash", "Beta Crash", "Gamma Crash"} {
		add := exec.Command(bin, "add", name, "--tier", "A", "--due", "today")
		add.Env = env
		if out, err := add.CombinedOutput(); err != nil {
			t.Fatalf("add: %v %s", err, out)
		}
	}
	r := &crashRun{t: t, bin: bin, dir: dir, db: db, env: env, contacts: crashContacts(t, db), notes: crashNotes{}}
	for _, c := range r.contacts {
		r.ids = append(r.ids, strconv.FormatInt(c.ID, 10))
	}

	seed := uint64(time.Now().UnixNano())
	r.rng = rand.New(rand.NewPCG(seed, 7))
	t.Logf("kill moments from seed %d", seed)
	landed, rounds := 0, crashRounds()
	start := time.Now()
	for round := 0; round < rounds; round++ {
		if r.childRound(round) {
			landed++
		}
	}
	t.Logf("%d child processes killed while logging (of %d), %d calls reported saved, %v",
		landed, rounds, len(r.committed), time.Since(start).Round(time.Millisecond))
	if landed < 20 {
		t.Fatalf("only %d kills landed on a process that was logging calls; at least 20 must", landed)
	}

	// The real binary in a shell loop: each `rotate log` that exits 0 is
	// a call saved; the kill takes the shell and the rotate it runs.
	shellKills := 0
	for round := 0; round < 4; round++ {
		if r.shellRound(round) {
			shellKills++
		}
	}
	t.Logf("%d shell loops of rotate log killed (of 4); %d calls reported saved in all", shellKills, len(r.committed))
}

// crashRun is the book TestKillDuringLogLosesNoCommittedCall kills its
// loggers over, and the calls they reported saved.
type crashRun struct {
	t            *testing.T
	bin, dir, db string
	env          []string
	contacts     []rotation.Contact
	ids          []string
	notes        crashNotes
	committed    []committedCall
	rng          *rand.Rand
}

// childRound runs a child process that logs calls, kills it at a random
// moment and checks the book; it reports whether the kill landed while
// the child was logging.
func (r *crashRun) childRound(round int) bool {
	t := r.t
	name := fmt.Sprintf("child round %d", round)
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashLoggerChild$", "-test.timeout=60s")
	cmd.Env = append(os.Environ(), "ROTATE_CRASH_CHILD_DB="+r.db, "ROTATE_CRASH_CHILD_ROUND="+name,
		"ROTATE_CRASH_CHILD_CONTACTS="+strings.Join(r.ids, ","))
	delay := time.Duration(5+r.rng.IntN(146)) * time.Millisecond
	lines, killed := killAfterReady(t, cmd, "ready", delay)
	for _, l := range lines {
		var id int64
		var i int
		if _, err := fmt.Sscanf(l, "committed %d %d", &id, &i); err == nil {
			r.committed = append(r.committed, committedCall{id, r.notes.note(name, i)})
		} else if l != "ready" {
			t.Fatalf("%s: the child said %q", name, l)
		}
	}
	checkCrashBook(t, r.db, r.contacts, r.notes, r.committed)
	return killed
}

// shellRound runs rotate log in a shell loop, kills the loop at a random
// moment and checks the book; it reports whether the kill landed.
func (r *crashRun) shellRound(round int) bool {
	t := r.t
	name := fmt.Sprintf("shell round %d", round)
	noteDir := filepath.Join(r.dir, fmt.Sprintf("notes%d", round))
	if err := os.Mkdir(noteDir, 0o700); err != nil {
		t.Fatal(err)
	}
	const maxCalls = 60
	for i := 0; i < maxCalls; i++ {
		// rotate log drops the note's trailing newlines.
		note := strings.TrimRight(r.notes.note(name, i), "\n")
		if err := os.WriteFile(filepath.Join(noteDir, strconv.Itoa(i)), []byte(note), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	script := fmt.Sprintf(`echo ready; i=0; while [ $i -lt %d ]; do
		"$ROTATE_BIN" log %q --outcome reached --note-file "$NOTES/$i" >/dev/null || exit 1
		echo "saved $i"; i=$((i+1)); done`, maxCalls, strings.ToLower(r.contacts[round%len(r.contacts)].Name))
	cmd := exec.Command("sh", "-c", script)
	cmd.Env = append(r.env, "ROTATE_BIN="+r.bin, "NOTES="+noteDir)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	lines, killed := killAfterReady(t, cmd, "ready", time.Duration(30+r.rng.IntN(300))*time.Millisecond)
	for _, l := range lines {
		var i int
		if _, err := fmt.Sscanf(l, "saved %d", &i); err == nil {
			r.committed = append(r.committed, committedCall{note: textArg(r.notes.note(name, i))})
		} else if l != "ready" {
			t.Fatalf("%s: the loop said %q", name, l)
		}
	}
	checkCrashBook(t, r.db, r.contacts, r.notes, r.committed)
	return killed
}

// killAfterReady starts cmd, waits for it to print the ready line, lets
// it run for delay and kills it (its whole process group when it has one).
// It returns the complete lines the process printed and whether the kill
// is what ended it.
func killAfterReady(t *testing.T, cmd *exec.Cmd, ready string, delay time.Duration) ([]string, bool) {
	t.Helper()
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	kill := func() {
		if cmd.SysProcAttr != nil && cmd.SysProcAttr.Setpgid {
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		} else {
			cmd.Process.Signal(syscall.SIGKILL)
		}
	}
	linesc, readyc := make(chan []string, 1), make(chan bool, 1)
	go func() {
		var lines []string
		r := bufio.NewReader(out)
		for {
			l, err := r.ReadString('\n')
			if err != nil {
				// A line cut by the kill is not a report.
				linesc <- lines
				return
			}
			l = strings.TrimSuffix(l, "\n")
			if l == ready {
				readyc <- true
			}
			lines = append(lines, l)
		}
	}()
	select {
	case <-readyc:
	case <-time.After(30 * time.Second):
		kill()
		t.Fatal("the process never became ready")
	}
	time.Sleep(delay)
	kill()
	lines := <-linesc
	err = cmd.Wait()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() && ws.Signal() == syscall.SIGKILL {
			return lines, true
		}
	}
	t.Logf("a process ended before it was killed: %v; it said %q", err, lines)
	return lines, false
}

// crashContacts are the book's contacts, oldest first.
func crashContacts(t *testing.T, path string) []rotation.Contact {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var cs []rotation.Contact
	for _, name := range []string{"Alpha Crash", "Beta Crash", "Gamma Crash"} {
		c, err := s.Find(context.Background(), name)
		if err != nil {
			t.Fatal(err)
		}
		cs = append(cs, c)
	}
	return cs
}

// checkCrashBook reopens the book after a kill: it must open, pass the
// integrity check, hold every committed call with its full note, and
// every note in it must be exactly one that was written.
func checkCrashBook(t *testing.T, path string, contacts []rotation.Contact, notes crashNotes, committed []committedCall) {
	t.Helper()
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatalf("reopen after the kill: %v", err)
	}
	defer s.Close()
	checkIntegrity(t, path)
	byID, byNote := map[int64]string{}, map[string]int{}
	for _, c := range contacts {
		calls, err := s.Calls(context.Background(), c.ID, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range calls {
			round, i, ok := crashHeader(k.Note)
			want := notes.note(round, i)
			if strings.HasPrefix(round, "shell") {
				want = textArg(want) // rotate log sanitises the note it is given
			}
			if !ok || k.Note != want {
				t.Fatalf("call %d holds a note that was never written whole (%d bytes): %.60q…", k.ID, len(k.Note), k.Note)
			}
			byID[k.ID] = k.Note
			byNote[k.Note]++
		}
	}
	for _, k := range committed {
		if k.id != 0 {
			note, ok := byID[k.id]
			if !ok {
				t.Fatalf("call %d was reported saved and is missing: %.40q…", k.id, k.note)
			}
			if note != k.note {
				t.Fatalf("call %d was reported saved with %.40q… and holds %.40q…", k.id, k.note, note)
			}
		} else if byNote[k.note] == 0 {
			t.Fatalf("a call `rotate log` reported saved is missing: %.40q…", k.note)
		}
	}
}

// checkIntegrity runs PRAGMA integrity_check on a raw connection.
func checkIntegrity(t *testing.T, path string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var res string
	if err := db.QueryRow("PRAGMA integrity_check").Scan(&res); err != nil || res != "ok" {
		t.Fatalf("integrity_check: %q %v", res, err)
	}
}
