package tui

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// editorMsg carries the temporary file the note was written to.
type editorMsg struct {
	path string
	err  error
}

// openEditor writes the note to a private temporary file (a command, not
// Update, does the I/O) and then hands the terminal to $EDITOR.
func openEditor(note string) tea.Cmd {
	return func() tea.Msg {
		f, err := os.CreateTemp("", "rotate-note-*.txt") // created 0600
		if err != nil {
			return editorMsg{err: fmt.Errorf("open the editor: %w", err)}
		}
		_, err = f.WriteString(note)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			os.Remove(f.Name())
			return editorMsg{err: fmt.Errorf("open the editor: %w", err)}
		}
		return editorMsg{path: f.Name()}
	}
}

// editorCommand is $VISUAL, else $EDITOR, else vi, split into words so
// "code --wait" works.
func editorCommand(path string) *exec.Cmd {
	ed := os.Getenv("VISUAL")
	if ed == "" {
		ed = os.Getenv("EDITOR")
	}
	if ed == "" {
		ed = "vi"
	}
	words := strings.Fields(ed)
	return exec.Command(words[0], append(words[1:], path)...)
}

// runEditor runs the editor on the file and reads the note back; the
// temporary file is removed either way so no note outlives the command.
func runEditor(path string) tea.Cmd {
	return tea.ExecProcess(editorCommand(path), func(err error) tea.Msg {
		defer os.Remove(path)
		if err != nil {
			var ee *exec.ExitError
			if !errors.As(err, &ee) {
				return editorDoneMsg{err: fmt.Errorf("the editor did not start: %w (set $EDITOR)", err)}
			}
		}
		b, rerr := os.ReadFile(path)
		if rerr != nil {
			return editorDoneMsg{err: fmt.Errorf("read the note back: %w", rerr)}
		}
		return editorDoneMsg{note: strings.TrimRight(string(b), "\n")}
	})
}
