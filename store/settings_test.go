package store_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

func TestSettingsDefaults(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	got, err := b.Settings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if want := rotation.DefaultSettings(); !reflect.DeepEqual(got, want) {
		t.Errorf("settings of a new book = %+v, want %+v", got, want)
	}
}

func TestSetSetting(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	tests := []struct {
		key, value string
		get        string // the key to read back
		want       string
	}{
		{"capacity", "12", "capacity", "12"},
		{"capacity", " AUTO ", "capacity", "auto"},
		{"minutes", "15", "minutes", "15"},
		{"Tier.a", "every 2w", "tier.A", "every 2w"},
		{"tier.C", "weekly fri", "tier.C", "weekly fri"},
		{"workdays", "mon-thu", "workdays", rotation.FormatWorkdays([7]bool{false, true, true, true, true})},
		{"away", "2026-07-01..2026-07-14", "away", "2026-07-01..2026-07-14"},
		{"away", "none", "away", "none"},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			set, err := b.SetSetting(ctx, tt.key, tt.value)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := set.Get(tt.get); got != tt.want {
				t.Errorf("returned settings: %s = %q, want %q", tt.get, got, tt.want)
			}
			stored, err := b.Settings(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if got, _ := stored.Get(tt.get); got != tt.want {
				t.Errorf("stored: %s = %q, want %q", tt.get, got, tt.want)
			}
		})
	}

	// Keys are stored under their canonical spelling, once.
	raw := rawDB(t, b.path)
	if n := count(t, raw, "SELECT count(*) FROM settings WHERE key = 'tier.A'"); n != 1 {
		t.Errorf("%d rows for tier.A, want 1", n)
	}
	if n := count(t, raw, "SELECT count(*) FROM settings WHERE key = 'Tier.a'"); n != 0 {
		t.Errorf("%d rows under the spelling typed, want 0", n)
	}

	// The settings persist and steer the store.
	b.reopen(t)
	set, err := b.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if set.MinutesPerCall != 15 || set.TierRule("A").String() != "every 2w" || set.Workdays[5] {
		t.Errorf("after reopening: %+v", set)
	}
	c := mustContact(t, b.Store, mustAdd(t, b.Store, person("New A", "A", day0)).ID)
	if c.Rule.String() != "every 2w" {
		t.Errorf("a new tier A contact got %q, want the tier's rule every 2w", c.Rule)
	}
	// Friday is no workday now: a voicemail on Thursday retries on Monday.
	thursday := day0.AddDays(1)
	res := mustLog(t, b.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, Today: thursday})
	if monday := rotation.MustDate("2026-03-09"); res.Next.Due != monday {
		t.Errorf("retry after Thursday's voicemail on %s, want Monday %s", res.Next.Due, monday)
	}
}

func TestSetSettingRejectsBadValues(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	raw := rawDB(t, b.path)
	if _, err := b.SetSetting(ctx, "capacity", "20"); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		key, value string
		msg        string // in the error
	}{
		{"capacity", "0", "capacity"},
		{"capacity", "lots", "auto or a number"},
		{"minutes", "500", "minutes"},
		{"tier.A", "sometimes", "every 90d"},
		{"tier.D", "every 2w", "unknown setting"},
		{"workdays", "someday", "not a weekday"},
		{"away", "2026-07-14..2026-07-01", "away"},
		{"colour", "blue", "settings are"},
	}
	for _, tt := range tests {
		t.Run(tt.key+"="+tt.value, func(t *testing.T) {
			before, beforeSet := dump(t, raw), mustSettings(t, b)
			_, err := b.SetSetting(ctx, tt.key, tt.value)
			if !errors.Is(err, store.ErrInvalid) {
				t.Fatalf("SetSetting(%q, %q): %v; want ErrInvalid", tt.key, tt.value, err)
			}
			if !strings.Contains(strings.ToLower(err.Error()), strings.ToLower(tt.msg)) {
				t.Errorf("error %q should say %q", err, tt.msg)
			}
			if after := dump(t, raw); after != before {
				t.Error("a refused setting changed the book")
			}
			if after := mustSettings(t, b); !reflect.DeepEqual(after, beforeSet) {
				t.Errorf("settings changed: %+v, was %+v", after, beforeSet)
			}
		})
	}
}

func TestSettingsIgnoreUnreadableValues(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	// Hand-edited or written by a newer rotate: the default holds.
	mustExec(t, rawDB(t, b.path),
		"INSERT INTO settings (key, value) VALUES ('capacity', 'banana'), ('minutes', '20'), ('future.key', 'x')")
	set := mustSettings(t, b)
	if set.Capacity != 0 || set.MinutesPerCall != 20 {
		t.Errorf("capacity %d minutes %d; want the default 0 and the readable 20", set.Capacity, set.MinutesPerCall)
	}
}

func mustSettings(t *testing.T, b *book) rotation.Settings {
	t.Helper()
	set, err := b.Settings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	return set
}
