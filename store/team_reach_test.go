package store_test

import (
	"errors"
	"strings"
	"testing"

	"rotate/rotation"
	"rotate/store"
)

// mustDraft is s's draft of contact id ("" for none).
func mustDraft(t *testing.T, s *store.Store, id int64) string {
	t.Helper()
	d, ok, err := s.Draft(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if !ok {
		return ""
	}
	return d.Note
}

func handedMark(role string) string { return "[" + role + "'s draft, handed over" }

// TestNoStrandedDraft: a draft never stays where nobody can read it.
// When a contact leaves its writer's reach (given to someone else, taken
// back, the writer demoted or removed) the draft goes to whoever holds
// the contact now, with a line saying whose it was; a note the writer
// kept while the server was away follows it later, once, replacing what
// they had handed over before.
func TestNoStrandedDraft(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	ctx := t.Context()
	o := tm.owner.Store
	setup, _ := o.Who()
	asst, bob, _ := tm.member(t, "asst", store.Assistant)
	asst2, carol, _ := tm.member(t, "asst2", store.Assistant)
	owner2, dave, _ := tm.member(t, "owner2", store.Owner)

	add := func(name, assignee string) int64 {
		return mustAdd(t, o, rotation.Contact{Name: name, Tier: "B", Assignee: assignee, Schedule: rotation.Schedule{Due: day0}}).ID
	}
	save := func(s *store.Store, id int64, note string) {
		t.Helper()
		if err := s.SaveDraft(ctx, rotation.Draft{ContactID: id, Note: note, FollowUps: "send the form"}); err != nil {
			t.Fatalf("save %q: %v", note, err)
		}
	}

	// Taken back: bob's draft goes to the owner who took it.
	taken := add("Taken Back", bob)
	save(asst, taken, "bob typed this")
	if err := owner2.Assign(ctx, taken, ""); err != nil {
		t.Fatal(err)
	}
	got := mustDraft(t, owner2, taken)
	if !strings.Contains(got, handedMark(bob)) || !strings.Contains(got, "bob typed this") {
		t.Errorf("the owner who took the contact back has %q; want bob's note under a line saying so", got)
	}
	if ids, _ := asst.Drafts(ctx); len(ids) != 0 {
		t.Errorf("bob still has drafts %v he cannot read", ids)
	}

	// Given to someone else: bob's draft goes to carol.
	given := add("Given Away", bob)
	save(asst, given, "bob's notes for carol")
	if err := o.Assign(ctx, given, carol); err != nil {
		t.Fatal(err)
	}
	if got := mustDraft(t, asst2, given); !strings.Contains(got, handedMark(bob)) || !strings.Contains(got, "bob's notes for carol") {
		t.Errorf("carol has %q; want bob's handed-over note", got)
	}

	// Carol writes on below bob's note; then bob's draft kept locally
	// while the server was away is saved: it follows, and nothing of
	// carol's or of bob's first note is cut (an earlier version cut all
	// after bob's mark, carol's own text with it). Only once.
	save(asst2, given, mustDraft(t, asst2, given)+"\n\nCAROL'S OWN TEXT")
	err := asst.SaveDraft(ctx, rotation.Draft{ContactID: given, Note: "bob typed more offline"})
	if !errors.Is(err, store.ErrOutOfReach) {
		t.Fatalf("saving a draft of a contact no longer his: %v; want ErrOutOfReach", err)
	}
	got = mustDraft(t, asst2, given)
	if !strings.Contains(got, "bob typed more offline") || !strings.Contains(got, "bob's notes for carol") || !strings.Contains(got, "CAROL'S OWN TEXT") {
		t.Errorf("carol has %q; want her text and both of bob's notes", got)
	}
	if handed, err := asst.HandDraft(ctx, rotation.Draft{ContactID: given, Note: "SPAM again"}); handed || err != nil {
		t.Errorf("a second hand-over of one lost contact = %v, %v; want false", handed, err)
	}
	// A contact bob never had: nothing handed, nothing learnt.
	secret := add("Never Bob's", "")
	if handed, err := asst.HandDraft(ctx, rotation.Draft{ContactID: secret, Note: "spam"}); handed || err != nil {
		t.Errorf("HandDraft of a contact never his = %v, %v; want false", handed, err)
	}
	if err := asst.SaveDraft(ctx, rotation.Draft{ContactID: secret, Note: "spam"}); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("a draft of a contact never his: %v; want ErrNotFound", err)
	}
	if got := mustDraft(t, o, secret); got != "" {
		t.Errorf("the owner got %q from someone who never had the contact", got)
	}

	// A demoted owner: their drafts of contacts they no longer see go to
	// the owner who demoted them; they are an assistant at once.
	shared := add("Shared", "")
	save(owner2, shared, "dave's thoughts")
	if err := o.AddMember(ctx, dave, store.Assistant); err != nil {
		t.Fatal(err)
	}
	if _, kind, err := owner2.WhoNow(ctx); err != nil || kind != string(store.Assistant) {
		t.Errorf("WhoNow after the demotion = %q, %v; want assistant", kind, err)
	}
	if _, kind := owner2.Who(); kind != store.Assistant {
		t.Errorf("Who after WhoNow = %q; want assistant", kind)
	}
	if got := mustDraft(t, o, shared); !strings.Contains(got, handedMark(dave)) || !strings.Contains(got, "dave's thoughts") {
		t.Errorf("%s has %q; want dave's draft", setup, got)
	}
	// What dave kept locally of a contact he saw as an owner follows too.
	if err := owner2.SaveDraft(ctx, rotation.Draft{ContactID: secret, Note: "dave offline"}); !errors.Is(err, store.ErrOutOfReach) {
		t.Errorf("the demoted owner's kept draft: %v; want ErrOutOfReach", err)
	}
	if got := mustDraft(t, o, secret); !strings.Contains(got, "dave offline") {
		t.Errorf("%s has %q; want dave's kept note", setup, got)
	}

	// Removed: carol's draft goes to the owner who removed her.
	save(asst2, given, "carol's own")
	if err := o.RemoveMember(ctx, carol); err != nil {
		t.Fatal(err)
	}
	if got := mustDraft(t, o, given); !strings.Contains(got, handedMark(carol)) || !strings.Contains(got, "carol's own") {
		t.Errorf("%s has %q; want carol's draft", setup, got)
	}
	var left int
	db := rawDB(t, tm.server)
	if err := db.QueryRowContext(ctx, "SELECT count(*) FROM drafts d WHERE NOT public.rotate_reaches(d.author, d.contact_id)").Scan(&left); err != nil || left != 0 {
		t.Errorf("%d drafts left where their writer cannot read them (%v)", left, err)
	}
}

// TestRefusalsSayWhoMay: what the database refuses reads as one sentence
// naming who may do it, never PostgreSQL's words.
func TestRefusalsSayWhoMay(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	ctx := t.Context()
	o := tm.owner.Store
	asst, _, _ := tm.member(t, "asst", store.Assistant)
	setup, _ := o.Who()
	mine := mustAdd(t, asst, rotation.Contact{Name: "Bob's Lead", Tier: "B", Schedule: rotation.Schedule{Due: day0}})

	_, err1 := asst.SetSetting(ctx, "workdays", "mon-thu")
	err2 := asst.Assign(ctx, mine.ID, setup)
	for _, c := range []struct {
		err  error
		want string
	}{
		{err1, "Only an owner can change the book's settings"},
		{err2, "Only an owner can give a contact to someone else"},
	} {
		if c.err == nil {
			t.Errorf("refused nothing; want %q", c.want)
			continue
		}
		msg := c.err.Error()
		if !strings.HasPrefix(msg, c.want) || !strings.HasSuffix(msg, ".") || strings.Contains(msg, "\n") {
			t.Errorf("refusal = %q; want one sentence starting %q", msg, c.want)
		}
		for _, raw := range []string{"permission denied", "row-level security", "SQLSTATE", "violates", "ERROR"} {
			if strings.Contains(msg, raw) {
				t.Errorf("refusal %q says %q", msg, raw)
			}
		}
		if !errors.Is(c.err, store.ErrInvalid) {
			t.Errorf("refusal %q is not ErrInvalid (exit 2)", msg)
		}
	}
}

// TestOwnTimeAway: on a team book each member's time away is their own:
// an assistant's moves their calls only and is in their calendar, not in
// the owner's; the practice's (ChangePracticeSetting) is everyone's, and
// only owners set it.
func TestOwnTimeAway(t *testing.T) {
	t.Parallel()
	tm := newTeam(t)
	ctx := t.Context()
	o := tm.owner.Store
	asst, bob, _ := tm.member(t, "asst", store.Assistant)
	in := day0.AddDays(7)
	hers := mustAdd(t, o, rotation.Contact{Name: "Owner's", Tier: "B", Schedule: rotation.Schedule{Due: in}})
	his := mustAdd(t, o, rotation.Contact{Name: "Bob's", Tier: "B", Assignee: bob, Schedule: rotation.Schedule{Due: in}})

	away := in.AddDays(-1).String() + ".." + in.AddDays(1).String()
	set, ch, err := asst.ChangeSetting(ctx, "away", away, day0)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Moved) != 1 || ch.Moved[0].ID != his.ID || len(set.OwnAway) != 1 || len(set.Away) != 0 {
		t.Fatalf("bob's time away moved %+v (own %v, practice %v); want his call only", ch.Moved, set.OwnAway, set.Away)
	}
	if got := mustContact(t, o, hers.ID).Due; got != in {
		t.Errorf("the owner's call moved to %v by bob's time away", got)
	}
	if got := mustContact(t, o, his.ID).Due; got >= in.AddDays(-1) && got <= in.AddDays(1) {
		t.Errorf("bob's call is on %v, inside his time away", got)
	}
	if s, _ := o.Settings(ctx); len(s.OwnAway) != 0 || len(s.Away) != 0 || s.Calendar().IsAway(in) {
		t.Errorf("the owner's calendar has bob's time away: %+v", s)
	}
	if s, _ := asst.Settings(ctx); !s.Calendar().IsAway(in) {
		t.Errorf("bob's own calendar lacks his time away: %+v", s)
	}
	if _, _, err := asst.ChangePracticeSetting(ctx, "away", away, day0); !errors.Is(err, store.ErrInvalid) || !strings.HasPrefix(err.Error(), "Only an owner can change the book's settings") {
		t.Errorf("an assistant set the practice's time away: %v", err)
	}
	if _, ch, err := o.ChangePracticeSetting(ctx, "away", away, day0); err != nil || len(ch.Moved) != 1 || ch.Moved[0].ID != hers.ID {
		t.Errorf("the practice's time away moved %+v, %v; want the owner's call", ch.Moved, err)
	}
}
