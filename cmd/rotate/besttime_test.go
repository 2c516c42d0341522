package main

import (
	"bytes"
	"context"
	"encoding/json"
	"regexp"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/store"
)

// bestTimeBook is a book where Ann (Berlin) picked up on five of six
// Tuesday-to-Thursday calls at 16:xx her time and missed every morning
// call, and Bob (tier A, first by priority) never picked up.
func bestTimeBook(t *testing.T) (db string, ann, bob int64) {
	t.Helper()
	db = testBook(t)
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	today := rotation.DateOf(time.Now())
	add := func(name, tier, tz string) int64 {
		c, err := s.AddContact(ctx, rotation.Contact{Name: name, Tier: tier, TZ: tz, Schedule: rotation.Schedule{Due: today}}, today)
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	ann, bob = add("Ann Archer", "B", "Europe/Berlin"), add("Bob Baker", "A", "")
	berlin, _ := rotation.LoadZone("Europe/Berlin")
	// Monday 2 Nov 2026 and the weeks before it.
	mon := time.Date(2026, 11, 2, 0, 0, 0, 0, berlin)
	log := func(id int64, at time.Time, o rotation.Outcome) {
		if _, err := s.LogCall(ctx, rotation.LogEntry{ContactID: id, Outcome: o, At: at, Today: rotation.DateOf(at)}); err != nil {
			t.Fatal(err)
		}
	}
	for w := 5; w >= 0; w-- {
		week := mon.AddDate(0, 0, -7*w)
		if w < 3 {
			log(ann, week.Add(9*time.Hour+5*time.Minute), rotation.NoAnswer) // Monday 9:05
		}
		o := rotation.Reached
		if w == 4 {
			o = rotation.Voicemail
		}
		log(ann, week.AddDate(0, 0, 1+w%3).Add(16*time.Hour+5*time.Minute), o) // Tue, Wed or Thu 16:05
		for h := 8; h < 18; h += 3 {
			log(bob, week.AddDate(0, 0, w%5).Add(time.Duration(h)*time.Hour), rotation.NoAnswer)
		}
	}
	// The calls above leave the contacts due later: bring them back to today.
	for _, id := range []int64{ann, bob} {
		if err := s.SetDue(ctx, id, today); err != nil {
			t.Fatal(err)
		}
	}
	return db, ann, bob
}

func runOK(t *testing.T, db string, args ...string) string {
	t.Helper()
	var out, errOut bytes.Buffer
	if code := run(args, strings.NewReader(""), &out, &errOut, []string{"ROTATE_DB=" + db, "NO_COLOR=1", "TZ=UTC"}); code != 0 {
		t.Fatalf("rotate %s: exit %d: %s", strings.Join(args, " "), code, errOut.String())
	}
	return out.String()
}

func TestShowBestTime(t *testing.T) {
	db, _, _ := bestTimeBook(t)
	// The label column is as wide as its longest label ("local time" when
	// the zone is known).
	if out := runOK(t, db, "show", "Ann Archer"); !regexp.MustCompile(`\n  best time +Tue–Thu 16–18, reached 5 of 6\n`).MatchString(out) {
		t.Errorf("show Ann: no best time line:\n%s", out)
	}
	if out := runOK(t, db, "show", "Bob Baker"); strings.Contains(out, "best time") {
		t.Errorf("show Bob: a best time from calls never picked up:\n%s", out)
	}
	var ann, bob struct {
		Contact struct {
			BestTime []struct {
				Days           []string
				From, To       string
				Rate           float64
				Reached, Calls int
			} `json:"best_time"`
		}
	}
	if err := json.Unmarshal([]byte(runOK(t, db, "show", "Ann Archer", "--json")), &ann); err != nil {
		t.Fatal(err)
	}
	bt := ann.Contact.BestTime
	if len(bt) != 1 || strings.Join(bt[0].Days, ",") != "tue,wed,thu" || bt[0].From != "16:00" || bt[0].To != "18:00" ||
		bt[0].Reached != 5 || bt[0].Calls != 6 || bt[0].Rate <= 0.5 || bt[0].Rate >= 1 {
		t.Errorf("Ann's best_time = %+v, want tue–thu 16:00–18:00, 5 of 6", bt)
	}
	out := runOK(t, db, "show", "Bob Baker", "--json")
	if err := json.Unmarshal([]byte(out), &bob); err != nil {
		t.Fatal(err)
	}
	if bob.Contact.BestTime != nil || !strings.Contains(out, `"best_time": null`) {
		t.Errorf("Bob's best_time should be null:\n%s", out)
	}
}

// likelyBook is a book where Ann (tier B) picked up at every hour of the
// day and Bob (tier A) at none, whatever the hour the test runs.
func likelyBook(t *testing.T) (db string, ann, bob int64) {
	t.Helper()
	db = testBook(t)
	ctx := context.Background()
	s, err := store.Open(ctx, db, store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	today := rotation.DateOf(time.Now())
	add := func(name, tier string) int64 {
		c, err := s.AddContact(ctx, rotation.Contact{Name: name, Tier: tier}, today)
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	ann, bob = add("Ann Archer", "B"), add("Bob Baker", "A")
	start := time.Date(2026, 10, 5, 0, 30, 0, 0, time.UTC)
	for h := range 24 {
		at := start.AddDate(0, 0, h).Add(time.Duration(h) * time.Hour)
		for _, k := range []struct {
			id int64
			o  rotation.Outcome
		}{{ann, rotation.Reached}, {bob, rotation.NoAnswer}} {
			if _, err := s.LogCall(ctx, rotation.LogEntry{ContactID: k.id, Outcome: k.o, At: at, Today: rotation.DateOf(at)}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, id := range []int64{ann, bob} {
		if err := s.SetDue(ctx, id, today); err != nil {
			t.Fatal(err)
		}
	}
	return db, ann, bob
}

func TestTodaySortLikely(t *testing.T) {
	db, ann, bob := likelyBook(t)
	order := func(args ...string) []int64 {
		var rows []struct{ ID int64 }
		if err := json.Unmarshal([]byte(runOK(t, db, append([]string{"today", "--json"}, args...)...)), &rows); err != nil {
			t.Fatal(err)
		}
		var ids []int64
		for _, r := range rows {
			ids = append(ids, r.ID)
		}
		return ids
	}
	if got := order(); len(got) != 2 || got[0] != bob {
		t.Fatalf("today by priority = %v, want Bob (tier A) first", got)
	}
	if got := order("--sort", "likely"); len(got) != 2 || got[0] != ann {
		t.Errorf("today --sort likely = %v, want Ann (who picks up) first", got)
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"today", "--sort", "soon"}, strings.NewReader(""), &out, &errOut, []string{"ROTATE_DB=" + db}); code != 2 || !strings.Contains(errOut.String(), "--sort") {
		t.Errorf("today --sort soon: exit %d, %q; want 2 and a word on --sort", code, errOut.String())
	}
}
