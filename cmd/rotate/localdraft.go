package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/adrg/xdg"

	"rotate/rotation"
	"rotate/store"
	"rotate/tui"
)

// A note being typed when the interface closes is saved to the book as a
// draft. When the book cannot take it — a team book whose server is down
// or out of reach — it is kept in a private local file instead, and given
// to the book the next time the interface opens it: a typed note is never
// lost to a network.

// localDraft is one such file: the book it belongs to (its path, or a
// team book's URL without the password) and the draft.
type localDraft struct {
	Book  string         `json:"book"`
	Draft rotation.Draft `json:"draft"`
}

// localDraftDir is where kept drafts wait: $XDG_STATE_HOME/rotate/drafts.
func (a *app) localDraftDir() string {
	if v := a.env["XDG_STATE_HOME"]; v != "" && filepath.IsAbs(v) {
		return filepath.Join(v, "rotate", "drafts")
	}
	xdg.Reload()
	return filepath.Join(xdg.StateHome, "rotate", "drafts")
}

// saveOrKeepDraft saves d to the book, or when that fails keeps it in a
// local file; it says where on stderr, and fails only if both fail.
func (a *app) saveOrKeepDraft(ctx context.Context, s *store.Store, d rotation.Draft) error {
	if d.Updated.IsZero() {
		// When it was typed: a kept draft replaces an older one the book
		// has (an autosave from before the server went away), not a newer.
		d.Updated = a.now().UTC() // the store stamps with a.now too
	}
	err := s.SaveDraft(ctx, d)
	if err == nil {
		return nil
	}
	path, kerr := keepLocalDraft(a.localDraftDir(), s.Path(), d)
	if kerr != nil {
		return fmt.Errorf("the draft could not be saved (%v) nor kept locally (%v); your note: %q", err, kerr, d.Note)
	}
	fmt.Fprintf(a.stderr, "rotate: %s; your note is kept in %s and goes to the book the next time it opens\n", printableLine(err.Error()), path)
	return nil
}

// keepLocalDraft writes d for book into dir (made private), one file per
// book and contact: a later draft of the same call replaces it.
func keepLocalDraft(dir, book string, d rotation.Draft) (string, error) {
	if err := store.MkdirPrivate(dir); err != nil {
		return "", err
	}
	if err := store.RefuseLink(dir); err != nil {
		return "", err
	}
	path := localDraftPath(dir, book, d.ContactID)
	if err := store.RefuseLink(path); err != nil {
		return "", err
	}
	b, err := json.MarshalIndent(localDraft{Book: book, Draft: d}, "", "  ")
	if err != nil {
		return "", err
	}
	return path, writeFileAtomic(path, func(w io.Writer) error { _, err := w.Write(b); return err })
}

// restoreLocalDrafts gives the book the drafts kept for it, unless the
// book holds a newer draft of the same contact, and removes each file the
// book took. A draft of a contact that has left this person's reach
// since goes to whoever holds it now (store.HandDraft), marked as theirs. A file of another book is left alone; one the book cannot
// take yet stays for next time.
func restoreLocalDrafts(ctx context.Context, s *store.Store, dir string) (int, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".json") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(path)
		if err != nil {
			continue
		}
		var kept localDraft
		if json.Unmarshal(b, &kept) != nil || kept.Book != s.Path() {
			continue
		}
		kept.Draft = kept.Draft.Clean() // a file: text from outside
		have, ok, err := s.Draft(ctx, kept.Draft.ContactID)
		if err != nil {
			return n, err
		}
		if !ok || have.Updated.Before(kept.Draft.Updated) {
			err := s.SaveDraft(ctx, kept.Draft)
			switch {
			case errors.Is(err, store.ErrOutOfReach):
				// The contact went to someone else meanwhile: the note
				// went to them, marked as this person's.
			case errors.Is(err, store.ErrNotFound):
				continue // the contact is gone, or never this person's
			case err != nil:
				return n, err
			}
		}
		os.Remove(path)
		n++
	}
	return n, nil
}

// localDraftPath is the file of a kept draft of contact id in book.
func localDraftPath(dir, book string, id int64) string {
	sum := sha256.Sum256([]byte(book))
	return filepath.Join(dir, fmt.Sprintf("%s-%d.json", hex.EncodeToString(sum[:6]), id))
}

// offlineSafe is the book as the interface sees it. A draft the book
// cannot take (the interface saves one every second or two while the
// person types) is kept in the local file at once, so that not even a
// crash while the server is away loses the note; the error still reaches
// the interface, which says so and holds the draft too. Once the book
// has the call or the draft, or the draft is dropped, the file goes.
type offlineSafe struct {
	tui.Store
	book, dir string // the book's Path, and localDraftDir
}

// Who passes on who is signed in to a team book (tui shows it; it
// learns the member's kind as words, not as the store's type).
func (o offlineSafe) Who() (string, string) {
	if w, ok := o.Store.(interface {
		Who() (string, store.MemberKind)
	}); ok {
		role, kind := w.Who()
		return role, string(kind)
	}
	return "", ""
}

// WhoNow passes on reading again who is signed in (an owner may have
// changed what they are while the interface is open).
func (o offlineSafe) WhoNow(ctx context.Context) (string, string, error) {
	if w, ok := o.Store.(interface {
		WhoNow(context.Context) (string, string, error)
	}); ok {
		return w.WhoNow(ctx)
	}
	role, kind := o.Who()
	return role, kind, nil
}

// PracticeStats passes on a team book's dashboard of the practice (the
// interface shows it to owners).
func (o offlineSafe) PracticeStats(ctx context.Context, today rotation.Date) (rotation.Stats, []rotation.PersonStats, error) {
	if p, ok := o.Store.(interface {
		PracticeStats(context.Context, rotation.Date) (rotation.Stats, []rotation.PersonStats, error)
	}); ok {
		return p.PracticeStats(ctx, today)
	}
	st, err := o.Store.Stats(ctx, today)
	return st, nil, err
}

// QuickCheckDue and QuickCheck pass on the daily check of a SQLite book.
func (o offlineSafe) QuickCheckDue(ctx context.Context, day rotation.Date) (bool, error) {
	if h, ok := o.Store.(interface {
		QuickCheckDue(context.Context, rotation.Date) (bool, error)
	}); ok {
		return h.QuickCheckDue(ctx, day)
	}
	return false, nil
}

func (o offlineSafe) QuickCheck(ctx context.Context) ([]string, error) {
	if h, ok := o.Store.(interface {
		QuickCheck(context.Context) ([]string, error)
	}); ok {
		return h.QuickCheck(ctx)
	}
	return nil, nil
}

func (o offlineSafe) SaveDraft(ctx context.Context, d rotation.Draft) error {
	err := o.Store.SaveDraft(ctx, d)
	switch {
	case err == nil:
		os.Remove(localDraftPath(o.dir, o.book, d.ContactID))
	case errors.Is(err, store.ErrConnection) && !d.IsEmpty():
		if d.Updated.IsZero() {
			d.Updated = time.Now().UTC()
		}
		keepLocalDraft(o.dir, o.book, d) // best effort: the interface holds it too
	}
	return err
}

func (o offlineSafe) DeleteDraft(ctx context.Context, contactID int64) error {
	os.Remove(localDraftPath(o.dir, o.book, contactID))
	return o.Store.DeleteDraft(ctx, contactID)
}

func (o offlineSafe) LogCall(ctx context.Context, e rotation.LogEntry) (rotation.LogResult, error) {
	r, err := o.Store.LogCall(ctx, e)
	if err == nil {
		os.Remove(localDraftPath(o.dir, o.book, e.ContactID))
	}
	return r, err
}
