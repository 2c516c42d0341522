package store_test

// The attack suite: a hostile member of a team book with nothing but
// psql (here: database/sql on one connection, as their own role, no
// rotate code). Each attack must be refused or harmless: the setup
// owner's book unchanged, nothing hidden read, every later write of the
// others still working.

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
	"rotate/store/pgtest"
)

// TestAttackHistoryOfAMovedCall: a call on a contact the assistant does
// not see, moved onto theirs and back, shows them none of its versions
// (neither through rotate nor call_revisions); a removed call's history is
// read by who sees the contact it was removed from.
func TestAttackHistoryOfAMovedCall(t *testing.T) {
	if !pgtest.Postgres() {
		t.Skip("a team book is PostgreSQL")
	}
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	o := sg.tm.owner.Store
	var secretCall int64
	if err := sg.super.QueryRowContext(ctx, "SELECT id FROM calls WHERE contact_id = "+itoa(sg.secret)).Scan(&secretCall); err != nil {
		t.Fatal(err)
	}
	for _, to := range []int64{sg.asstID, sg.secret} {
		if _, err := o.EditCall(ctx, secretCall, rotation.CallEdit{Contact: to, Today: day0}); err != nil {
			t.Fatal(err)
		}
	}
	if h, err := sg.asst.CallHistory(ctx, secretCall); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the assistant reads the history of a call on another's contact: %+v, %v", h, err)
	}
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	if got := a.text("SELECT * FROM call_revisions"); strings.Contains(got, secretNote) {
		t.Errorf("the assistant reads a version of a call on another's contact: %s", got)
	}
	// Each version names the contact the call was on in it.
	h, err := o.CallHistory(ctx, secretCall)
	if err != nil {
		t.Fatal(err)
	}
	var on []int64
	for _, v := range h {
		on = append(on, v.ContactID)
	}
	if want := []int64{sg.secret, sg.asstID, sg.secret}; fmt.Sprint(on) != fmt.Sprint(want) {
		t.Errorf("the versions are on %v; want %v", on, want)
	}
	// Removed from the assistant's contact: they read its history; moved
	// away first, then removed: they do not.
	seen := mustLog(t, o, store.LogEntry{ContactID: sg.asstID, Outcome: rotation.Reached, Today: day0, Note: "seen-then-removed"})
	hidden := mustLog(t, o, store.LogEntry{ContactID: sg.asstID, Outcome: rotation.Reached, Today: day0, Note: "HIDDEN-then-removed"})
	if _, err := o.EditCall(ctx, hidden.CallID, rotation.CallEdit{Contact: sg.secret, Today: day0}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []int64{seen.CallID, hidden.CallID} {
		if _, err := o.DeleteCall(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	if h, err := sg.asst.CallHistory(ctx, seen.CallID); err != nil || len(h) != 2 || h[1].Action != rotation.ActionDelete || h[1].ContactID != sg.asstID {
		t.Errorf("the assistant's history of a call removed from their contact: %+v, %v", h, err)
	}
	if h, err := sg.asst.CallHistory(ctx, hidden.CallID); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("the assistant reads the history of a call removed from another's contact: %+v, %v", h, err)
	}
	if got := a.text("SELECT note FROM call_revisions"); strings.Contains(got, "HIDDEN") || !strings.Contains(got, "seen-then-removed") {
		t.Errorf("the assistant's call_revisions: %s", got)
	}
}

// TestAttackForgingHistory: a member's settings neither date a revision
// nor name it another operation than the one it records.
func TestAttackForgingHistory(t *testing.T) {
	if !pgtest.Postgres() {
		t.Skip("a team book is PostgreSQL")
	}
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	mine := mustLog(t, sg.asst, store.LogEntry{ContactID: sg.asstID, Outcome: rotation.Reached, Today: day0, Note: "mine"})
	id := itoa(mine.CallID)
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	before := time.Now().UTC().Add(-time.Minute)
	type forgery struct{ action, stmt, want string }
	for _, f := range []forgery{
		{"merge", "UPDATE calls SET note = 'x' WHERE id = " + id, "edit"},
		{"undo", "UPDATE calls SET note = 'y' WHERE id = " + id, "edit"},
		{"merge", "DELETE FROM calls WHERE id = " + id, "delete"},
	} {
		a.must("BEGIN",
			"SELECT set_config('rotate.changed_at', '1999-01-01T00:00:00Z', true), set_config('rotate.action', '"+f.action+"', true)",
			f.stmt, "COMMIT")
		var at, action string
		if err := sg.super.QueryRowContext(ctx, "SELECT changed_at, action FROM call_revisions WHERE call_id = "+id+" ORDER BY id DESC LIMIT 1").Scan(&at, &action); err != nil {
			t.Fatal(err)
		}
		stamp, err := time.Parse(time.RFC3339Nano, at)
		if action != f.want || err != nil || stamp.Before(before) {
			t.Errorf("%s with action %s kept a revision %s at %s; want %s now", f.stmt, f.action, action, at, f.want)
		}
	}
}

// TestAttackQuietCallChanges: a member changing a column of a call they
// may correct that no correction names (its schedule before, its next
// date, when it was edited) still leaves the version it replaced.
func TestAttackQuietCallChanges(t *testing.T) {
	if !pgtest.Postgres() {
		t.Skip("a team book is PostgreSQL")
	}
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	mine := mustLog(t, sg.asst, store.LogEntry{ContactID: sg.asstID, Outcome: rotation.Reached, Today: day0, Note: "mine"})
	id := itoa(mine.CallID)
	count := func() (n int) {
		t.Helper()
		if err := sg.super.QueryRowContext(ctx, "SELECT count(*) FROM call_revisions WHERE call_id = "+id).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := count(); n != 0 {
		t.Fatalf("a freshly logged call has %d revisions; want none", n)
	}
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	for i, q := range []string{
		"UPDATE calls SET prior = '' WHERE id = " + id,
		"UPDATE calls SET next_due = '2099-01-01' WHERE id = " + id,
		"UPDATE calls SET edited_at = '1999-01-01T00:00:00Z' WHERE id = " + id,
	} {
		a.must(q)
		if n := count(); n != i+1 {
			t.Errorf("%s: %d revisions; want %d", q, n, i+1)
		}
	}
	// rotate's own correction, which also rewrites the call's schedule
	// before and next date in its transaction, keeps one version.
	o := rotation.Voicemail
	if _, err := sg.asst.EditCall(ctx, mine.CallID, rotation.CallEdit{Outcome: &o, Today: day0}); err != nil {
		t.Fatal(err)
	}
	if n := count(); n != 4 {
		t.Errorf("after rotate call edit: %d revisions; want 4", n)
	}
}

// TestAttackDraftHandover: the functions that hand a stranded draft to
// whoever holds its contact (migration 00011) write into other people's
// drafts as the book's owner. With psql an assistant, and a hostile
// second owner, try to use them to write into a draft of a contact they
// never had, to read reach_lost, or to call the helpers that skip the
// checks: all refused or harmless, the owner's secret draft unchanged.
func TestAttackDraftHandover(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	secret := itoa(sg.secret)
	for _, who := range []struct{ role, pw string }{{sg.asstRole, sg.asstPW}, {sg.secondRole, sg.secondPW}} {
		a := sg.attacker(t, who.role, who.pw)
		a.refused(
			"SELECT public.rotate_give_draft("+secret+", 'x', '', 'spam', '', '', '')",
			"SELECT public.rotate_rehome_drafts(NULL, NULL)",
			"SELECT public.rotate_reaches('x', "+secret+")",
			"SELECT public.rotate_holder("+secret+")",
			"SELECT * FROM public.reach_lost",
			"INSERT INTO public.reach_lost (contact_id, role) VALUES ("+secret+", current_user)",
			"DELETE FROM public.reach_lost",
		)
		// Handing a draft of a contact never theirs: false, nothing written.
		if got := a.text("SELECT public.rotate_hand_draft(" + secret + ", '', 'SPAM-HANDED', '', '', '')"); !strings.Contains(got, "false") {
			t.Errorf("%s handing a draft of the secret contact: %q; want false", who.role, got)
		}
	}
	// The assistant cannot make their own contact someone else's (which
	// would fire the handover), and setting it to themselves hands
	// nothing of anyone's to them.
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	a.refused("UPDATE contacts SET assignee = '" + sg.setupRole + "' WHERE id = " + itoa(sg.asstID))
	a.must("UPDATE contacts SET assignee = current_user WHERE id = " + itoa(sg.asstID))
	sg.confined(a)
	d, ok, err := sg.tm.owner.Draft(ctx, sg.secret)
	if err != nil || !ok || d.Note != secretDraft {
		t.Errorf("the owner's secret draft after the attacks: %q, %v, %v", d.Note, ok, err)
	}
	var spam int
	if err := sg.super.QueryRowContext(ctx, "SELECT count(*) FROM drafts WHERE note LIKE '%SPAM%'").Scan(&spam); err != nil || spam != 0 {
		t.Errorf("%d drafts hold the attackers' text (%v)", spam, err)
	}
}

// TestAttackSettingsThroughOwnAway: an assistant may now write settings,
// but only the row of their own time away (migration 00011): with psql
// they try to change the practice's settings and another member's time
// away through it. All refused; their own row works.
func TestAttackSettingsThroughOwnAway(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	a.must("INSERT INTO settings (key, value) VALUES ('away@' || current_user, '2026-12-01..2026-12-02')")
	a.refused(
		"INSERT INTO settings (key, value) VALUES ('workdays', 'mon')",
		"INSERT INTO settings (key, value) VALUES ('away', '2026-01-01..2027-01-01')",
		"INSERT INTO settings (key, value) VALUES ('away@"+sg.setupRole+"', '2026-01-01..2027-01-01')",
		"INSERT INTO settings (key, value) VALUES ('away@"+sg.secondRole+"', '2026-01-01..2027-01-01')",
		"UPDATE settings SET value = 'none' WHERE key <> 'away@' || current_user",
		"UPDATE settings SET key = 'workdays' WHERE key = 'away@' || current_user",
		"DELETE FROM settings WHERE key <> 'away@' || current_user",
		"INSERT INTO settings (key, value) VALUES ('workdays', 'mon') ON CONFLICT (key) DO UPDATE SET value = 'mon'",
	)
	var n int
	if err := sg.super.QueryRowContext(t.Context(), "SELECT count(*) FROM settings WHERE key NOT LIKE 'away@%' OR key <> 'away@' || $1", sg.asstRole).Scan(&n); err != nil || n != 0 {
		t.Errorf("%d settings rows besides the assistant's own time away (%v)", n, err)
	}
	sg.confined(a)
}

// TestAttackPossibleTwins: an assistant who adds a contact with the secret
// contact's number learns nothing from it (the add works as any other;
// the flag is the owners'), cannot read, write or clear the flags, and
// cannot reach the secret contact through them.
func TestAttackPossibleTwins(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	ctx := t.Context()
	twin := mustAdd(t, sg.asst, rotation.Contact{Name: "Probe", Tier: "B", Phones: []rotation.Phone{{Number: "+49 30 99"}}, Schedule: rotation.Schedule{Due: day0}})
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	a.refused(
		"SELECT * FROM public.possible_twins",
		"INSERT INTO public.possible_twins (contact_id, twin_id, reason) VALUES ("+itoa(twin.ID)+", "+itoa(sg.secret)+", 'x')",
		"DELETE FROM public.possible_twins",
		"SELECT public.rotate_flag_twins()",
	)
	sg.confined(a)
	twins, err := sg.tm.owner.Twins(ctx, sg.secret)
	if err != nil || len(twins) != 1 || twins[0].ID != twin.ID || twins[0].Reason != "phone" {
		t.Errorf("the owner sees %+v, %v; want the probe flagged as the secret contact's twin", twins, err)
	}
	if got, err := sg.asst.Twins(ctx, twin.ID); err != nil || len(got) != 0 {
		t.Errorf("the assistant sees twins %+v, %v", got, err)
	}
}

// TestAttackRemovedPhones: the numbers taken off contacts (migration
// 00011) are read as the contact is and written by no member: the
// assistant neither reads the secret contact's nor writes any.
func TestAttackRemovedPhones(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	mustExec(t, sg.super, "DELETE FROM phones WHERE contact_id = "+itoa(sg.secret))
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	if got := a.text("SELECT number FROM public.removed_phones"); strings.Contains(got, "99") {
		t.Errorf("the assistant read a number taken off the secret contact: %q", got)
	}
	a.refused(
		"INSERT INTO public.removed_phones (contact_id, number) VALUES ("+itoa(sg.asstID)+", '+1 555')",
		"UPDATE public.removed_phones SET number = 'x'",
		"DELETE FROM public.removed_phones",
	)
	sg.confined(a)
}

// TestAttackCalendarEvents: an assistant may keep the calendar events of
// their own contacts, but cannot make an owner's calendar export fail by
// writing a SEQUENCE past what the column holds or a huge start (it once
// failed with the driver's "unable to encode 2147483648").
func TestAttackCalendarEvents(t *testing.T) {
	t.Parallel()
	sg := newSiege(t)
	a := sg.attacker(t, sg.asstRole, sg.asstPW)
	mine := itoa(sg.asstID)
	a.must("INSERT INTO calendar_events (contact_id, n, start, sequence) VALUES (" + mine + ", 0, 'garbage', 1000000000)")
	a.refused(
		"UPDATE calendar_events SET sequence = 2147483647 WHERE contact_id = "+mine,
		"UPDATE calendar_events SET sequence = -1 WHERE contact_id = "+mine,
		"UPDATE calendar_events SET start = repeat('x', 100000) WHERE contact_id = "+mine,
		"INSERT INTO calendar_events (contact_id, n, start) VALUES ("+mine+", -1, 'x')",
	)
	events := []interchange.CallEvent{{Day: rotation.MustDate("2026-12-04"), Contact: rotation.Contact{ID: sg.asstID}}}
	if err := sg.tm.owner.Sequence(t.Context(), events); err != nil {
		t.Fatalf("the owner's export after the assistant's writes: %v", err)
	}
	if events[0].Seq != 1000000000 {
		t.Errorf("SEQUENCE %d, want it kept at the bound", events[0].Seq)
	}
}
