package main

import (
	"bytes"
	"context"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"rotate/store"
	"rotate/store/pgtest"
)

// terminal runs the real binary on a pseudo-terminal and keeps a screen of
// what it draws, the way a person's terminal would.
type terminal struct {
	t   *testing.T
	cmd *exec.Cmd
	pty *os.File
	mu  sync.Mutex // guards emu's screen and raw
	emu *vt.Emulator
	raw bytes.Buffer // every byte the program wrote, for what the screen no longer shows
}

// Write feeds the program's output to the screen.
func (term *terminal) Write(p []byte) (int, error) {
	term.mu.Lock()
	defer term.mu.Unlock()
	term.raw.Write(p)
	return term.emu.Write(p)
}

// output is every byte the program wrote so far.
func (term *terminal) output() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.raw.String()
}

// screen is the text on the screen now.
func (term *terminal) screen() string {
	term.mu.Lock()
	defer term.mu.Unlock()
	return term.emu.String()
}

func startTerminal(t *testing.T, bin string, env []string, args ...string) *terminal {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Env = append(env, "TERM=xterm-256color")
	f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
	if err != nil {
		t.Fatalf("start on a pty: %v", err)
	}
	term := &terminal{t: t, cmd: cmd, pty: f, emu: vt.NewEmulator(80, 24)}
	go io.Copy(term, f)
	// The emulator answers the program's terminal queries, as a real
	// terminal does; its answers must be read or it stalls.
	go io.Copy(f, term.emu)
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		f.Close()
	})
	return term
}

// waitFor waits until the screen shows text.
func (term *terminal) waitFor(text string, within time.Duration) {
	term.t.Helper()
	deadline := time.Now().Add(within)
	for time.Now().Before(deadline) {
		if strings.Contains(term.screen(), text) {
			return
		}
		time.Sleep(25 * time.Millisecond)
	}
	term.t.Fatalf("the screen never showed %q; it shows:\n%s", text, term.screen())
}

// typeKeys sends keys as a terminal would, a little apart.
func (term *terminal) typeKeys(keys ...string) {
	for _, k := range keys {
		if _, err := term.pty.WriteString(k); err != nil {
			term.t.Fatal(err)
		}
		time.Sleep(40 * time.Millisecond)
	}
}

func smallBook(t *testing.T, bin string) []string {
	t.Helper()
	db := testBook(t)
	env := append(os.Environ(), "ROTATE_DB="+db, "ROTATE_TODAY=2026-11-25")
	for _, args := range [][]string{
		{"add", "Jane Doe", "--tier", "A", "--due", "today", "--phone", "+1 555 0100"},
		{"add", "Bob Smith", "--tier", "B", "--due", "today"},
	} {
		mustRun(t, bin, env, args...)
	}
	return env
}

// mustRun runs the binary with env and args and fails the test if it
// does not exit 0.
func mustRun(t *testing.T, bin string, env []string, args ...string) {
	t.Helper()
	c := exec.Command(bin, args...)
	c.Env = env
	if out, err := c.CombinedOutput(); err != nil {
		t.Fatalf("%v: %v %s", args, err, out)
	}
}

func openBook(t *testing.T, env []string) *store.Store {
	t.Helper()
	var path string
	for _, kv := range env {
		if strings.HasPrefix(kv, "ROTATE_DB=") {
			path = strings.TrimPrefix(kv, "ROTATE_DB=")
		}
	}
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// draftDebounce and draftMaxWait are tui's draftDelay and draftMaxWait:
// the interface writes the note being typed as a draft once typing
// pauses for draftDebounce, and at the latest draftMaxWait after a change
// while typing goes on.
const (
	draftDebounce = 400 * time.Millisecond
	draftMaxWait  = 1500 * time.Millisecond
)

// draftMargin is the time the test allows beyond those for a key to
// reach the program, the draft to be written and its commit to end, on a
// loaded machine under the race detector.
const draftMargin = 600 * time.Millisecond

// TestKilledWhileTypingKeepsTheDraft kills the interface with SIGKILL at
// random moments while a note is being typed into it, five times, each
// time reopening it, restoring the kept draft and typing on. After each
// kill the book opens, passes the integrity check, and the stored draft
// is a prefix of what was typed that holds at least everything typed
// before a pause of the debounce and a margin, and everything typed more
// than the longest wait and the margin before the kill, even while typing
// went on.
func TestKilledWhileTypingKeepsTheDraft(t *testing.T) {
	sqliteOnly(t)
	if testing.Short() {
		t.Skip("runs the real binary on a pseudo-terminal")
	}
	bin := buildRotate(t)
	env := smallBook(t, bin)
	var path string
	for _, kv := range env {
		if p, ok := strings.CutPrefix(kv, "ROTATE_DB="); ok {
			path = p
		}
	}
	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 11))
	t.Logf("typing and kill moments from seed %d", seed)
	stored := "" // the draft in the book
	for round := 0; round < 5; round++ {
		term := startTerminal(t, bin, env)
		term.waitFor("Jane Doe", 10*time.Second)
		term.typeKeys("\r")
		if stored == "" {
			term.waitFor("Log call", 5*time.Second)
			term.typeKeys("r") // reached; the note has the focus
		} else {
			term.waitFor("Continue where you left off?", 5*time.Second)
			term.typeKeys("r") // restore; the note has the focus
		}
		// Type at a person's speed, until the kill at a random moment 1.5
		// to 3.5 s in; in even rounds stopping to think for 0.6 to 1.6 s
		// now and then, in odd rounds steadily, without a pause the
		// debounce would see, for 2.5 to 3.5 s.
		typed, keys, began := typeUntilKill(t, term, rng, round%2 == 1, stored)
		term.cmd.Process.Signal(syscall.SIGKILL)
		killed := time.Now()
		term.cmd.Wait()
		stored = checkKeptDraft(t, path, round, stored, typed, keys, began, killed)
	}
}

// typeUntilKill types into the note after stored at a person's speed
// (steadily, or stopping to think now and then) until a random moment to
// kill the process; it gives all the note typed, each key's moment and
// when typing began.
func typeUntilKill(t *testing.T, term *terminal, rng *rand.Rand, steady bool, stored string) (typed string, keys []typedKey, began time.Time) {
	typed = stored
	began = time.Now()
	killAt := began.Add(time.Duration(1500+rng.IntN(2000)) * time.Millisecond)
	if steady {
		killAt = began.Add(time.Duration(2500+rng.IntN(1000)) * time.Millisecond)
	}
	for {
		gap := time.Duration(30+rng.IntN(60)) * time.Millisecond
		if !steady && rng.IntN(20) == 0 {
			gap = time.Duration(600+rng.IntN(1000)) * time.Millisecond
		}
		if time.Now().Add(gap).After(killAt) {
			time.Sleep(time.Until(killAt))
			break
		}
		time.Sleep(gap)
		k := string(rune('a' + rng.IntN(26)))
		if rng.IntN(6) == 0 {
			k = " "
		}
		if _, err := term.pty.WriteString(k); err != nil {
			t.Fatal(err)
		}
		typed += k
		keys = append(keys, typedKey{time.Now(), len(typed)})
	}
	return typed, keys, began
}

// checkKeptDraft opens the book after the kill and checks the draft it
// holds against what was typed when (stored was the draft before the
// round); it gives the draft now kept.
func checkKeptDraft(t *testing.T, path string, round int, stored, typed string, keys []typedKey, began, killed time.Time) string {
	s, err := store.Open(context.Background(), path, store.Options{})
	if err != nil {
		t.Fatalf("round %d: the book does not open after the kill: %v", round, err)
	}
	checkIntegrity(t, path)
	jane, err := s.Find(context.Background(), "Jane Doe")
	if err != nil {
		t.Fatal(err)
	}
	d, _, err := s.Draft(context.Background(), jane.ID)
	s.Close()
	if err != nil {
		t.Fatal(err)
	}
	afterPause, beforeKill := mustHaveKept(stored, keys, killed)
	t.Logf("round %d: killed %v after typing began, %d keys in; the draft holds %d of %d characters; %d typed before a pause, %d more than %v before the kill",
		round, killed.Sub(began).Round(time.Millisecond), len(keys), len(d.Note), len(typed), afterPause, beforeKill, draftMaxWait+draftMargin)
	if !strings.HasPrefix(typed, d.Note) {
		t.Fatalf("round %d: the draft %q is not a prefix of what was typed %q", round, d.Note, typed)
	}
	if len(d.Note) < afterPause {
		t.Fatalf("round %d: the draft kept %d characters (%q); the %d typed before a pause of %v must be kept (%q)",
			round, len(d.Note), d.Note, afterPause, draftDebounce+draftMargin, typed[:afterPause])
	}
	if len(d.Note) < beforeKill {
		t.Fatalf("round %d: the draft kept %d characters (%q); the %d typed more than %v before the kill must be kept (%q)",
			round, len(d.Note), d.Note, beforeKill, draftMaxWait+draftMargin, typed[:beforeKill])
	}
	return d.Note
}

// typedKey is a key sent to the interface: when, and the length of the
// note once it is typed.
type typedKey struct {
	at  time.Time
	len int
}

// mustHaveKept is how much of the note a draft must hold after a kill:
// everything typed before a pause of the debounce and the margin (or
// before the kill, when that long before it), and everything typed more
// than the longest wait and the margin before the kill.
func mustHaveKept(stored string, keys []typedKey, killed time.Time) (afterPause, beforeKill int) {
	afterPause, beforeKill = len(stored), len(stored)
	for i, k := range keys {
		next := killed
		if i+1 < len(keys) {
			next = keys[i+1].at
		}
		if next.Sub(k.at) >= draftDebounce+draftMargin {
			afterPause = k.len
		}
		if killed.Sub(k.at) >= draftMaxWait+draftMargin {
			beforeKill = k.len
		}
	}
	return afterPause, beforeKill
}

// TestExternalLogShowsUpInTheOpenInterface: with the interface open and a
// note half typed, `rotate log` in another process succeeds, the interface
// shows it within seconds, and the note being typed is kept and saved.
func TestExternalLogShowsUpInTheOpenInterface(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real binary on a pseudo-terminal")
	}
	bin := buildRotate(t)
	env := smallBook(t, bin)
	term := startTerminal(t, bin, env)
	term.waitFor("0 of 2 done", 5*time.Second)
	if pgtest.Postgres() {
		term.waitFor("rotate_admin · owner", time.Second) // a team book names who is signed in
	}

	other := exec.Command(bin, "log", "bob", "--outcome", "reached", "--note", "from the other terminal")
	other.Env = env
	if out, err := other.CombinedOutput(); err != nil {
		t.Fatalf("rotate log while the interface is open: %v %s", err, out)
	}
	term.waitFor("1 of 2 done", 4*time.Second)

	term.typeKeys("\r")
	term.waitFor("Log call", 3*time.Second)
	term.typeKeys("r")
	term.typeKeys(strings.Split("kept across the refresh", "")...)
	// Another process logs meanwhile: two writers at once must both work.
	again := exec.Command(bin, "log", "bob", "--outcome", "voicemail")
	again.Env = env
	if out, err := again.CombinedOutput(); err != nil {
		t.Fatalf("second external log: %v %s", err, out)
	}
	time.Sleep(2500 * time.Millisecond)
	term.waitFor("kept across the refresh", time.Second)
	term.typeKeys("\x13") // ctrl+s
	term.waitFor("2 of 2 done", 4*time.Second)

	s := openBook(t, env)
	jane, _ := s.Find(context.Background(), "Jane Doe")
	calls, _ := s.Calls(context.Background(), jane.ID, 1)
	if len(calls) != 1 || calls[0].Note != "kept across the refresh" {
		t.Fatalf("Jane's call = %+v", calls)
	}
}
