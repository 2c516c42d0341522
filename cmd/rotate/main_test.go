package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var updateScripts = flag.Bool("update", false, "rewrite the expected files of the testdata/script scenarios")

// TestMain lets the test binary act as the rotate command inside the
// testscript scenarios.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"rotate": func() { os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Environ())) },
	})
}

// TestScripts runs the end-to-end scenarios in testdata/script. Each sets
// ROTATE_DB to a book in $WORK and ROTATE_TODAY to the day it plays.
// go test -run TestScripts -update rewrites the files they cmp against.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:                "testdata/script",
		RequireUniqueNames: true,
		UpdateScripts:      *updateScripts,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "1")
			env.Setenv("TZ", "UTC")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
		},
	})
}

// cmdExitCode is `exitcode N rotate ARGS...`: it runs the command, fails
// unless it exits with code N, and for a non-zero N also unless stderr is
// exactly one non-empty line, as CLI.md promises for every error. stdout
// and stderr stay available to the next commands.
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = exit.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with code %d, want %d", args[1], got, want)
	}
	if want == 0 {
		return
	}
	stderr := strings.TrimSuffix(ts.ReadFile("stderr"), "\n")
	if strings.TrimSpace(stderr) == "" || strings.Contains(stderr, "\n") {
		ts.Fatalf("stderr should be one line, got:\n%s", stderr)
	}
}
