package main

import (
	"context"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"rotate/store/pgtest"
)

// TestDemotionEmptiesTheOpenSearch: an owner's interface shows, on its
// Search screen, notes of contacts that are not theirs; another owner
// makes them an assistant meanwhile. Within seconds the header says so
// and the hits they may no longer see are gone, without a new search
// (seen: three notes stayed on the screen until a new search).
func TestDemotionEmptiesTheOpenSearch(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real binary on a pseudo-terminal")
	}
	if !pgtest.Postgres() {
		t.Skip("a team book: this runs in the PostgreSQL pass")
	}
	bin := buildRotate(t)
	env := smallBook(t, bin)
	role, danaEnv := danaOwner(t, bin, env)
	mustRun(t, bin, env, "add", "Mia Own", "--tier", "B", "--due", "today", "--assign", role)
	mustRun(t, bin, env, "log", "jane", "--outcome", "reached", "--note", "budget review with Jane")
	mustRun(t, bin, env, "log", "bob", "--outcome", "reached", "--note", "budget review with Bob")
	mustRun(t, bin, env, "log", "mia", "--outcome", "reached", "--note", "budget review with Mia")

	term := startTerminal(t, bin, danaEnv)
	term.waitFor(role+" · owner", 5*time.Second)
	term.typeKeys("5")
	term.waitFor("Search notes", 2*time.Second)
	term.typeKeys(strings.Split("budget", "")...)
	term.waitFor("budget review with Jane", 3*time.Second)
	term.waitFor("budget review with Bob", time.Second)

	demote := exec.Command(bin, "team", "add", role, "--assistant")
	demote.Env = env
	if out, err := demote.CombinedOutput(); err != nil {
		t.Fatalf("demote: %v %s", err, out)
	}
	term.waitFor(role+" · assistant", 5*time.Second)
	deadline := time.Now().Add(5 * time.Second)
	for {
		screen := term.screen()
		if !strings.Contains(screen, "with Jane") && !strings.Contains(screen, "with Bob") {
			if !strings.Contains(screen, "budget review with Mia") {
				t.Fatalf("the hit still theirs went too:\n%s", screen)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the owner's notes stayed on the demoted member's Search screen:\n%s", screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// danaOwner makes a role an owner of the book of env and gives its name
// and the environment of a terminal signed in as it.
func danaOwner(t *testing.T, bin string, env []string) (string, []string) {
	t.Helper()
	var book string
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "ROTATE_DB="); ok {
			book = v
		}
	}
	role, pw, drop, err := pgtest.CreateRole("dana")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(drop)
	mustRun(t, bin, env, "team", "add", role, "--owner")
	u, err := url.Parse(book)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(role, pw)
	var danaEnv []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "ROTATE_DB=") {
			danaEnv = append(danaEnv, kv)
		}
	}
	return role, append(danaEnv, "ROTATE_DB="+u.String(), "XDG_STATE_HOME="+t.TempDir())
}

// TestDemotionHandsTheOpenNoteOver: an owner is typing a note about a
// contact that is nobody's when another owner makes them an assistant.
// Their interface closes the form and says where the note went; the
// owner who demoted them finds it as their draft of the contact, marked
// as the other's (no stranded note).
func TestDemotionHandsTheOpenNoteOver(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the real binary on a pseudo-terminal")
	}
	if !pgtest.Postgres() {
		t.Skip("a team book: this runs in the PostgreSQL pass")
	}
	bin := buildRotate(t)
	env := smallBook(t, bin)
	role, danaEnv := danaOwner(t, bin, env)
	term := startTerminal(t, bin, danaEnv)
	term.waitFor(role+" · owner", 5*time.Second)
	term.waitFor("▸ Jane Doe", 3*time.Second)
	time.Sleep(300 * time.Millisecond) // the briefing loads
	term.typeKeys("\r")
	term.waitFor("Log call · Jane Doe", 5*time.Second)
	term.typeKeys("r")
	term.typeKeys(strings.Split("dana was half way through", "")...)
	term.waitFor("dana was half way through", 2*time.Second)
	time.Sleep(draftMaxWait + draftMargin) // the draft is in the book

	demote := exec.Command(bin, "team", "add", role, "--assistant")
	demote.Env = env
	if out, err := demote.CombinedOutput(); err != nil {
		t.Fatalf("demote: %v %s", err, out)
	}
	term.waitFor("your note went to whoever holds the contact now", 6*time.Second)
	if strings.Contains(term.screen(), "Log call · Jane Doe") {
		t.Fatalf("the form of a contact no longer theirs stayed open:\n%s", term.screen())
	}
	s := openBook(t, env)
	jane, err := s.Find(context.Background(), "Jane Doe")
	if err != nil {
		t.Fatal(err)
	}
	d, ok, err := s.Draft(context.Background(), jane.ID)
	if err != nil || !ok || !strings.Contains(d.Note, "dana was half way through") || !strings.Contains(d.Note, role+"'s draft") {
		t.Fatalf("the demoting owner's draft of Jane = %q, %v, %v; want dana's note, marked as hers", d.Note, ok, err)
	}
}
