package main

import (
	"errors"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

// TestAdvice: the lower layers say what is wrong; the command line adds
// what to type, on the same line, and the error stays what it was to
// errors.Is and exitCode.
func TestAdvice(t *testing.T) {
	wrong := errors.New("bob is not in the team")
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"callback", rotation.ErrNeedDate, "a callback needs the date to call back (--next)"},
		{"team add", &store.RemedyError{Err: wrong, Remedy: store.RemedyTeamAdd, Subject: "bob"},
			"bob is not in the team; an owner adds them with: rotate team add bob --assistant"},
		{"force", &store.RemedyError{Err: errors.New("b.db exists"), Remedy: store.RemedyForce}, "b.db exists; use --force to overwrite it"},
		{"no remedy", wrong, "bob is not in the team"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := withAdvice(tt.err)
			if got.Error() != tt.want {
				t.Errorf("withAdvice = %q, want %q", got, tt.want)
			}
			if !errors.Is(got, tt.err) || exitCode(got) != exitCode(tt.err) {
				t.Errorf("withAdvice changed the error: Is %v, exit code %d, want %d", errors.Is(got, tt.err), exitCode(got), exitCode(tt.err))
			}
		})
	}
	for r := store.RemedyOtherBook; r <= store.RemedyUntil; r++ {
		if advice(&store.RemedyError{Err: wrong, Remedy: r}) == "" {
			t.Errorf("remedy %d has no advice", r)
		}
	}
	// The interface shows no flags of a command that was not typed.
	if got := explainTUI(rotation.ErrNeedDate).Error(); got != rotation.ErrNeedDate.Error() {
		t.Errorf("explainTUI(ErrNeedDate) = %q", got)
	}
}
