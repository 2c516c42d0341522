package main

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"

	"rotate/store"
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
	db := filepath.Join(t.TempDir(), "book.db")
	env := append(os.Environ(), "ROTATE_DB="+db, "ROTATE_TODAY=2026-11-25")
	for _, args := range [][]string{
		{"add", "Jane Doe", "--tier", "A", "--due", "today", "--phone", "+1 555 0100"},
		{"add", "Bob Smith", "--tier", "B", "--due", "today"},
	} {
		c := exec.Command(bin, args...)
		c.Env = env
		if out, err := c.CombinedOutput(); err != nil {
			t.Fatalf("%v: %v %s", args, err, out)
		}
	}
	return env
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

// TestKilledWhileTypingKeepsTheDraft: a note being typed in the interface
// survives a SIGKILL of the process once typing has paused briefly.
func TestKilledWhileTypingKeepsTheDraft(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real binary on a pseudo-terminal")
	}
	bin := buildRotate(t)
	env := smallBook(t, bin)
	term := startTerminal(t, bin, env)
	term.waitFor("Jane Doe", 5*time.Second)
	term.typeKeys("\r")
	term.waitFor("Log call", 3*time.Second)
	term.typeKeys("r")
	term.typeKeys(strings.Split("Typed right before the kill", "")...)
	term.waitFor("Typed right before the kill", 3*time.Second)
	time.Sleep(1200 * time.Millisecond) // past the draft's debounce
	term.cmd.Process.Signal(syscall.SIGKILL)
	term.cmd.Wait()

	s := openBook(t, env)
	jane, err := s.Find(context.Background(), "Jane Doe")
	if err != nil {
		t.Fatal(err)
	}
	d, ok, err := s.Draft(context.Background(), jane.ID)
	if err != nil || !ok || d.Note != "Typed right before the kill" {
		t.Fatalf("draft after SIGKILL = %+v, %v, %v", d, ok, err)
	}
	// Reopening offers it back.
	term2 := startTerminal(t, bin, env)
	term2.waitFor("Jane Doe", 5*time.Second)
	term2.typeKeys("\r")
	term2.waitFor("Continue where you left off?", 3*time.Second)
	term2.typeKeys("r")
	term2.waitFor("Typed right before the kill", 3*time.Second)
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
