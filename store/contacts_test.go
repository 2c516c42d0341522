package store_test

import (
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// equalContacts compares two contacts field by field, timestamps by
// instant.
func equalContacts(a, b rotation.Contact) bool {
	if !a.Created.Equal(b.Created) || !a.Updated.Equal(b.Updated) {
		return false
	}
	a.Created, a.Updated, b.Created, b.Updated = time.Time{}, time.Time{}, time.Time{}, time.Time{}
	return reflect.DeepEqual(a, b)
}

// fullContact sets every field a person can type.
func fullContact() rotation.Contact {
	return rotation.Contact{
		Name: "José Álvarez",
		Phones: []rotation.Phone{
			{Number: "+34 600 000 001", Label: "mobile"},
			{Number: "+34 91 000 0002", Label: "work"},
		},
		Email:   "jose@example.com",
		Company: "Álvarez & Hijos",
		Tier:    "A",
		Schedule: rotation.Schedule{
			Rule:          rotation.MustRule("every 2w"),
			Override:      rotation.MustRule("daily"),
			OverrideUntil: day0.AddDays(10),
			Due:           day0.AddDays(3),
		},
		Profile: rotation.Profile{
			Family:     "wife Carmen, two girls",
			Occupation: "runs the family vineyard",
			Recreation: "sailing; \"the boat\" is named Lola",
			Message:    "wants the estate settled\nbefore he retires",
		},
		Birthday: rotation.MustDate("1971-05-17"),
		Tags:     []string{"vip", "golf", "vip"},
		TZ:       "Atlantic/Canary",
	}
}

// TestContactZoneRoundTrip: the time zone given is kept, changed by an
// edit and cleared by one.
func TestContactZoneRoundTrip(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	c := mustAdd(t, b.Store, fullContact())
	if got := mustContact(t, b.Store, c.ID).TZ; got != "Atlantic/Canary" {
		t.Fatalf("tz after add = %q", got)
	}
	for _, tz := range []string{"Europe/Madrid", ""} {
		was := mustContact(t, b.Store, c.ID)
		now := was
		now.TZ = tz
		if err := b.Store.UpdateContact(ctx, was, now); err != nil {
			t.Fatal(err)
		}
		if got := mustContact(t, b.Store, c.ID).TZ; got != tz {
			t.Fatalf("tz after edit = %q, want %q", got, tz)
		}
	}
}

func TestAddContactRoundTrip(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	added := mustAdd(t, b.Store, fullContact())
	if added.ID <= 0 {
		t.Fatalf("new contact id = %d", added.ID)
	}
	want := fullContact()
	want.ID = added.ID
	want.Status = rotation.Active
	want.Tags = []string{"golf", "vip"} // a set, read back in order
	want.Created, want.Updated = b.clock.Now(), b.clock.Now()

	got := mustContact(t, b.Store, added.ID)
	if !equalContacts(got, want) {
		t.Errorf("read back:\n got %+v\nwant %+v", got, want)
	}
	found, err := b.Find(t.Context(), "josé álvarez")
	if err != nil || !equalContacts(found, want) {
		t.Errorf("Find = %+v, %v; want the same contact", found, err)
	}
}

func TestAddContactDefaults(t *testing.T) {
	t.Parallel()
	saturday := rotation.MustDate("2026-03-07")
	friday := rotation.MustDate("2026-03-06")
	tests := []struct {
		name     string
		in       rotation.Contact
		wantRule string
		wantDue  rotation.Date // -1: anywhere in the first interval
	}{
		{"tier A takes its rule", person("A", "A", 0), "every 30d", -1},
		{"tier B takes its rule", person("B", "B", 0), "every 90d", -1},
		{"tier C takes its rule", person("C", "C", 0), "every 6m", -1},
		{"explicit due kept, even on a Saturday", person("Sat", "B", saturday), "every 90d", saturday},
		{"fixed weekday starts at its first slot", rotation.Contact{Name: "Fri", Tier: "B",
			Schedule: rotation.Schedule{Rule: rotation.MustRule("weekly fri")}}, "weekly fri", friday},
		{"daily starts today", rotation.Contact{Name: "Daily", Tier: "A",
			Schedule: rotation.Schedule{Rule: rotation.MustRule("daily")}}, "daily", day0},
		{"short taper starts today", rotation.Contact{Name: "Taper", Tier: "A",
			Schedule: rotation.Schedule{Rule: rotation.MustRule("taper 1d 1d 3d 7d")}}, "taper 1d 1d 3d 7d", day0},
		{"paused has no due date", rotation.Contact{Name: "Paused", Tier: "B",
			Schedule: rotation.Schedule{Status: rotation.Paused}}, "every 90d", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := newBook(t)
			c := mustContact(t, b.Store, mustAdd(t, b.Store, tt.in).ID)
			if c.Rule.String() != tt.wantRule {
				t.Errorf("rule = %q, want %q", c.Rule, tt.wantRule)
			}
			switch {
			case tt.wantDue >= 0 && c.Due != tt.wantDue:
				t.Errorf("due = %s, want %s", c.Due, tt.wantDue)
			case tt.wantDue < 0 && (c.Due < day0 || c.Due >= c.Rule.Every.After(day0)):
				t.Errorf("due = %s, want within [%s, %s)", c.Due, day0, c.Rule.Every.After(day0))
			}
		})
	}
}

// checkRampedIn checks that new contacts were spread over their first
// interval: each due on a workday in [today, today+interval), and not
// bunched (the interval has a free workday for each of them).
func checkRampedIn(t *testing.T, s *store.Store, ids []int64) {
	t.Helper()
	cal := rotation.DefaultCalendar()
	perDay := map[rotation.Date]int{}
	for _, id := range ids {
		c := mustContact(t, s, id)
		end := c.Rule.Every.After(day0)
		if c.Due < day0 || c.Due >= end || !cal.IsWorkday(c.Due) {
			t.Errorf("%s (%s): due %s, want a workday in [%s, %s)", c.Name, c.Rule, c.Due, day0, end)
		}
		perDay[c.Due]++
	}
	if len(perDay) < len(ids)*3/4 {
		t.Errorf("%d new contacts on only %d days: %v", len(ids), len(perDay), perDay)
	}
	for d, n := range perDay {
		if n > 2 {
			t.Errorf("%d new contacts due on %s", n, d)
		}
	}
}

func TestAddContactRampsIn(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	var ids []int64
	for i := range 30 {
		ids = append(ids, mustAdd(t, b.Store, person("B "+string(rune('a'+i)), "B", 0)).ID)
	}
	checkRampedIn(t, b.Store, ids)
}

func TestAddContactsBatchRampsIn(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	var batch []store.NewContact
	for i := range 20 {
		batch = append(batch, store.NewContact{Contact: person("A "+string(rune('a'+i)), "A", 0)})
	}
	added, err := b.AddContacts(t.Context(), batch, day0)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, c := range added {
		ids = append(ids, c.ID)
	}
	if len(ids) != 20 {
		t.Fatalf("added %d contacts, want 20", len(ids))
	}
	checkRampedIn(t, b.Store, ids)
}

func TestAddContactsNoteStartsTheHistory(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	added, err := b.AddContacts(t.Context(), []store.NewContact{
		{Contact: person("Jane Doe", "A", day0), Note: "Met at the Hannover fair."},
		{Contact: person("Bob Stone", "B", day0)},
	}, day0)
	if err != nil {
		t.Fatal(err)
	}
	calls, err := b.Calls(t.Context(), added[0].ID, 0)
	if err != nil || len(calls) != 1 || calls[0].Kind != rotation.KindNote || calls[0].Note != "Met at the Hannover fair." || calls[0].Day != day0 {
		t.Errorf("Jane's history = %+v, %v; want the note", calls, err)
	}
	if calls, _ := b.Calls(t.Context(), added[1].ID, 0); len(calls) != 0 {
		t.Errorf("Bob's history = %+v; want nothing", calls)
	}
}

func TestAddContactInvalidChangesNothing(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	raw := rawDB(t, b.path)
	mustAdd(t, b.Store, person("Already Here", "B", day0))
	good := func(name string) store.NewContact {
		c := person(name, "A", 0)
		c.Phones = []rotation.Phone{{Number: "+1 555 0100"}}
		c.Tags = []string{"new"}
		return store.NewContact{Contact: c, Note: "first note"}
	}
	tests := []struct {
		name  string
		batch []store.NewContact
	}{
		{"empty name", []store.NewContact{{Contact: person("", "A", 0)}}},
		{"blank name", []store.NewContact{{Contact: person(" \t ", "A", 0)}}},
		{"unknown tier", []store.NewContact{{Contact: person("Zed", "Z", 0)}}},
		{"no tier", []store.NewContact{{Contact: person("Zed", "", 0)}}},
		{"override without an end", []store.NewContact{{Contact: rotation.Contact{Name: "Zed", Tier: "A",
			Schedule: rotation.Schedule{Override: rotation.MustRule("daily")}}}}},
		{"one bad in a batch", []store.NewContact{good("Good One"), good("Good Two"), {Contact: person("", "A", 0)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := dump(t, raw)
			_, err := b.AddContacts(t.Context(), tt.batch, day0)
			if !errors.Is(err, store.ErrInvalid) {
				t.Fatalf("AddContacts: %v; want ErrInvalid", err)
			}
			if after := dump(t, raw); after != before {
				t.Errorf("the book changed:\n%s\nafter:\n%s", before, after)
			}
		})
	}
	t.Run("a write failing inside the batch", func(t *testing.T) {
		mustExec(t, raw, `CREATE TRIGGER boom BEFORE INSERT ON contacts WHEN new.name = 'Boom'
			BEGIN SELECT RAISE(ABORT, 'boom'); END`)
		defer mustExec(t, raw, "DROP TRIGGER boom")
		before := dump(t, raw)
		_, err := b.AddContacts(t.Context(), []store.NewContact{good("Good One"), good("Good Two"), good("Boom")}, day0)
		if err == nil || !strings.Contains(err.Error(), "boom") {
			t.Fatalf("AddContacts: %v; want the trigger's error", err)
		}
		if after := dump(t, raw); after != before {
			t.Errorf("half a batch was saved:\n%s\nafter:\n%s", before, after)
		}
	})
}

func TestUpdateContact(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	c := mustContact(t, b.Store, mustAdd(t, b.Store, fullContact()).ID)
	created := c.Created
	b.clock.Advance(time.Hour)

	c.Name = "José M. Álvarez"
	c.Phones = []rotation.Phone{{Number: "+34 600 999 999", Label: "home"}}
	c.Email, c.Company, c.Tier = "", "Bodegas Álvarez", "B"
	c.Rule, c.Override, c.OverrideUntil = rotation.MustRule("every 90d"), rotation.Rule{}, 0
	c.Due = day0
	c.Profile = rotation.Profile{Family: "grandfather now"}
	c.Birthday = 0
	c.Tags = []string{"referral"}
	if err := b.UpdateContact(ctx, mustContact(t, b.Store, c.ID), c); err != nil {
		t.Fatal(err)
	}
	want := c
	want.Created, want.Updated = created, b.clock.Now()
	if got := mustContact(t, b.Store, c.ID); !equalContacts(got, want) {
		t.Errorf("after the update:\n got %+v\nwant %+v", got, want)
	}
	// The due list shows the new first number.
	checkTodayPhone(t, b.Store, c.ID, "+34 600 999 999")

	t.Run("missing contact", func(t *testing.T) {
		ghost := person("Ghost", "A", day0)
		ghost.ID = 4242
		if err := b.UpdateContact(ctx, ghost, ghost); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("UpdateContact of #4242: %v; want ErrNotFound", err)
		}
	})
	t.Run("invalid", func(t *testing.T) {
		raw := rawDB(t, b.path)
		before := dump(t, raw)
		bad := c
		bad.Name = ""
		bad.Phones = nil
		if err := b.UpdateContact(ctx, c, bad); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("UpdateContact with no name: %v; want ErrInvalid", err)
		}
		if after := dump(t, raw); after != before {
			t.Error("an invalid update changed the book")
		}
	})
}

// checkTodayPhone checks the number the due list shows for a contact due
// on day0.
func checkTodayPhone(t *testing.T, s *store.Store, id int64, want string) {
	t.Helper()
	a, err := s.Today(t.Context(), day0)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range a.Due {
		if it.ID == id {
			if it.FirstPhone() != want {
				t.Errorf("the due list shows %q for #%d, want %q", it.FirstPhone(), id, want)
			}
			return
		}
	}
	t.Errorf("#%d is not on the due list", id)
}

func TestUpdateContactWithNote(t *testing.T) {
	t.Parallel()
	b := newBook(t)
	ctx := t.Context()
	raw := rawDB(t, b.path)
	c := mustAdd(t, b.Store, rotation.Contact{Name: "Bob Stone", Tier: "B",
		Phones: []rotation.Phone{{Number: "+1 555 0111"}}, Schedule: rotation.Schedule{Due: day0}})
	at := day0.Time().Add(11 * time.Hour)

	c.Phones = []rotation.Phone{{Number: "+1 555 0199", Label: "mobile"}}
	c.Family = "Wife Kate"
	if err := b.UpdateContactWithNote(ctx, mustContact(t, b.Store, c.ID), c, "Number fixed; met at the Q4 conference.", at, day0); err != nil {
		t.Fatal(err)
	}
	got := mustContact(t, b.Store, c.ID)
	if got.Family != "Wife Kate" || got.FirstPhone() != "+1 555 0199" {
		t.Errorf("after the edit: family %q, phone %q", got.Family, got.FirstPhone())
	}
	checkTodayPhone(t, b.Store, c.ID, "+1 555 0199")
	calls, err := b.Calls(ctx, c.ID, 0)
	if err != nil || len(calls) != 1 {
		t.Fatalf("history = %+v, %v; want the note", calls, err)
	}
	if k := calls[0]; k.Kind != rotation.KindNote || k.Note != "Number fixed; met at the Q4 conference." || !k.At.Equal(at) || k.Day != day0 || k.Outcome != "" {
		t.Errorf("note = %+v", k)
	}

	t.Run("empty note is a plain update", func(t *testing.T) {
		c.Company = "Stone & Co"
		if err := b.UpdateContactWithNote(ctx, mustContact(t, b.Store, c.ID), c, "", at, day0); err != nil {
			t.Fatal(err)
		}
		if n := count(t, raw, "SELECT count(*) FROM calls WHERE contact_id = ?", c.ID); n != 1 {
			t.Errorf("%d history entries, want still 1", n)
		}
		if got := mustContact(t, b.Store, c.ID); got.Company != "Stone & Co" {
			t.Errorf("company = %q", got.Company)
		}
	})
	t.Run("failures save neither", func(t *testing.T) {
		before := dump(t, raw)
		ghost := c
		ghost.ID = 4242
		if err := b.UpdateContactWithNote(ctx, ghost, ghost, "lost", at, day0); !errors.Is(err, store.ErrNotFound) {
			t.Errorf("missing contact: %v; want ErrNotFound", err)
		}
		bad := c
		bad.Tier = "Q"
		if err := b.UpdateContactWithNote(ctx, c, bad, "lost", at, day0); !errors.Is(err, store.ErrInvalid) {
			t.Errorf("bad tier: %v; want ErrInvalid", err)
		}
		if after := dump(t, raw); after != before {
			t.Error("a failed edit changed the book")
		}
	})
}
