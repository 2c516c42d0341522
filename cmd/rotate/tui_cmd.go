package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/cobra"

	"rotate/rotation"
	"rotate/store"
	"rotate/tui"
)

// runTUI opens the interactive call list.
func (a *app) runTUI(cmd *cobra.Command, _ []string) error {
	path, err := a.dbPath()
	if err != nil {
		return err
	}
	return a.openTUI(cmd.Context(), path)
}

// openTUI runs the interface on the book at path until the user quits.
func (a *app) openTUI(ctx context.Context, path string) error {
	if !a.interactive() {
		return errors.New("the interactive view needs a terminal; for scripts use rotate today, rotate log and the other commands")
	}
	today, err := a.today()
	if err != nil {
		return err
	}
	s, err := a.openPath(ctx, path)
	if err != nil {
		return err
	}
	defer s.Close()
	// Drafts a closed interface could not give the book (its server was
	// out of reach) go to it now; if it still cannot take them, they wait.
	restoreLocalDrafts(ctx, s, a.localDraftDir())

	dayNow := func() rotation.Date {
		d, err := a.today()
		if err != nil {
			return today
		}
		return d
	}
	// The interface's own work (the daily quick check above all, which
	// may read for a minute on a very large book) stops when it quits,
	// so that closing the book does not wait for it.
	tctx, stop := context.WithCancel(ctx)
	defer stop()
	m := tui.New(tctx, offlineSafe{s, s.Path(), a.localDraftDir()}, tui.Options{Today: today, DayNow: dayNow, Now: a.now, Dark: true, Explain: explainTUI, NumberZone: a.numberZones()})
	p := tea.NewProgram(m, tea.WithContext(ctx), tea.WithInput(a.stdin), tea.WithOutput(a.stdout))

	// A closed terminal sends SIGHUP: end the program so the note being
	// typed is written below instead of dying with the process.
	hup := make(chan os.Signal, 1)
	signal.Notify(hup, syscall.SIGHUP)
	defer signal.Stop(hup)
	go func() {
		if _, ok := <-hup; ok {
			p.Quit()
		}
	}()

	final, runErr := p.Run()
	stop()
	return a.afterTUI(ctx, s, final, runErr)
}

// afterTUI saves what the interface leaves unsaved (the note being typed,
// drafts held while the book was away: to the book, or to a local draft
// file when the book cannot take them) and says how it ended. A panic,
// whether the model recovered from it (tui.Model.Crashed) or Bubble Tea
// did, is one line and exit code 1, never 2: it is rotate's failure, not
// bad input. Bubble Tea has restored the terminal by then.
func (a *app) afterTUI(ctx context.Context, s *store.Store, final tea.Model, runErr error) error {
	fm, ok := final.(tui.Model)
	kept := 0
	if ok {
		for _, d := range fm.PendingDrafts() {
			err := a.saveOrKeepDraft(context.WithoutCancel(ctx), s, d)
			if err != nil && runErr == nil {
				runErr = err
			}
			if err == nil {
				kept++
			}
		}
	}
	why := ""
	if ok {
		why = fm.Crashed()
	}
	if why != "" || errors.Is(runErr, tea.ErrProgramPanic) {
		msg := "the interface stopped on an internal error"
		if why != "" {
			msg += " (" + clip(why, 120) + ")"
		}
		switch {
		case kept == 1:
			msg += "; the note being typed was kept as a draft"
		case kept > 1:
			msg += fmt.Sprintf("; %d notes were kept as drafts", kept)
		}
		return errors.New(msg + "; please report it")
	}
	if errors.Is(runErr, tea.ErrInterrupted) || errors.Is(runErr, tea.ErrProgramKilled) {
		return nil
	}
	return runErr
}

// clip cuts s to n runes, with an ellipsis.
func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
