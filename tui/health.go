package tui

import (
	"context"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"

	"rotate/rotation"
)

// healthChecker is a book that checks itself for damage (a SQLite book;
// a team book's server looks after its own storage).
type healthChecker interface {
	// QuickCheckDue reports whether the day's check is still to run, and
	// records that it runs now: at most one a day.
	QuickCheckDue(ctx context.Context, day rotation.Date) (bool, error)
	// QuickCheck runs SQLite's quick_check and returns its problems.
	QuickCheck(ctx context.Context) ([]string, error)
}

// quickCheckDelay is how long after the interface opens the day's quick
// check starts: after the first frame and the first keys, which it must
// not slow. It then runs in a command, off the frame, on a connection of
// its own; SQLite's WAL lets the interface read and write meanwhile.
const quickCheckDelay = 3 * time.Second

type (
	quickCheckStartMsg struct{}
	quickCheckMsg      struct {
		problems []string
		err      error
	}
)

// scheduleQuickCheck starts the day's quick check after quickCheckDelay.
func (m Model) scheduleQuickCheck() tea.Cmd {
	if _, ok := m.store.(healthChecker); !ok {
		return nil
	}
	return m.tick(quickCheckDelay, func(time.Time) tea.Msg { return quickCheckStartMsg{} })
}

// runQuickCheck runs the quick check unless it ran today already.
func (m Model) runQuickCheck() tea.Cmd {
	hc, ok := m.store.(healthChecker)
	if !ok {
		return nil
	}
	ctx, day := m.ctx, m.today
	return func() tea.Msg {
		due, err := hc.QuickCheckDue(ctx, day)
		if err != nil || !due {
			return nil // busy or done today: tomorrow then
		}
		problems, err := hc.QuickCheck(ctx)
		return quickCheckMsg{problems: problems, err: err}
	}
}

// onQuickCheck keeps a warning in the status line when the check found
// damage.
func (m Model) onQuickCheck(msg quickCheckMsg) (tea.Model, tea.Cmd) {
	if msg.err != nil || len(msg.problems) == 0 {
		return m, nil
	}
	first := strings.TrimPrefix(msg.problems[0], "*** in database main ***")
	more := ""
	if len(msg.problems) > 1 {
		more = fmt.Sprintf(" and %d more", len(msg.problems)-1)
	}
	m.health = rotation.PrintableLine(fmt.Sprintf("The book failed its daily check: run rotate check, and keep your backups safe (%s%s)", strings.TrimSpace(first), more))
	return m, nil
}
