package main

import (
	"errors"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
)

// advice is what to type about an error the lower layers reported: they
// say what is wrong (store.RemedyOf names what can be done), the command
// line says how, appended to the same line.
func advice(err error) string {
	if errors.Is(err, rotation.ErrNeedDate) {
		return " (--next)"
	}
	if errors.Is(err, interchange.ErrNewerExport) {
		return "; update rotate"
	}
	r, subject := store.RemedyOf(err)
	switch r {
	case store.RemedyOtherBook:
		return "; pick another file with --db"
	case store.RemedyUpgrade:
		return "; update rotate"
	case store.RemedyCheck:
		return "; run rotate check, and restore it from a backup (rotate backup makes them)"
	case store.RemedyCheckBackup:
		return "; run rotate check, and keep your older backups"
	case store.RemedyCheckCopy:
		return ": run rotate check"
	case store.RemedyForce:
		return "; use --force to overwrite it"
	case store.RemedyTeamInit:
		return "; its owner sets it up with: rotate team init --db URL"
	case store.RemedyTeamUpgrade:
		return "; its owner upgrades it with: rotate team init --db URL"
	case store.RemedyTeamGrant:
		return "; owners decide who may do what (rotate team add)"
	case store.RemedyTeamAdd:
		return "; an owner adds them with: rotate team add " + subject + " --assistant"
	case store.RemedyTeamURL:
		return ": give --db postgres://USER@HOST/DATABASE"
	case store.RemedyTeamAddRole:
		return "; an owner adds it with: rotate team add " + subject + " --assistant"
	case store.RemedyCreateRole:
		return "; whoever runs the server creates it first (createuser --pwprompt " + subject + ")"
	case store.RemedyListAll:
		return " (rotate list --all shows everyone)"
	case store.RemedyNote:
		return " (--note)"
	case store.RemedyUntil:
		return " (--until)"
	}
	return ""
}

// advised is err with its advice: the same error to errors.Is and
// errors.As, one line with what to type.
type advised struct {
	err    error
	advice string
}

func (e advised) Error() string { return e.err.Error() + e.advice }
func (e advised) Unwrap() error { return e.err }

// withAdvice appends advice(err) to err's text.
func withAdvice(err error) error {
	if a := advice(err); a != "" {
		return advised{err, a}
	}
	return err
}

// explainTUI is the interface's Explain: store.Explain, then the advice
// that holds outside the command line too (the commands to run in a
// shell), not the flags of the command that was not typed.
func explainTUI(err error) error {
	err = store.Explain(err)
	switch r, _ := store.RemedyOf(err); r {
	case store.RemedyNone, store.RemedyForce, store.RemedyTeamURL, store.RemedyNote, store.RemedyUntil, store.RemedyOtherBook:
		return err
	}
	return withAdvice(err)
}
