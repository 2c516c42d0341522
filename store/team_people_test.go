package store_test

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"rotate/rotation"
	"rotate/rotation/interchange"
	"rotate/store"
)

// TestCallsSayWhoLogged: every read of a call (a contact's calls, Done
// today, search, the export) carries who logged it on a team book, and
// nothing on a personal book.
func TestCallsSayWhoLogged(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	o := newBook(t)
	c := mustAdd(t, o.Store, rotation.Contact{Name: "Carl Client", Tier: "A", Schedule: rotation.Schedule{Due: day0}})
	mine := mustLog(t, o.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Reached, Today: day0, Note: "owner talked about the fund"})
	me, _ := o.Who()
	want := map[int64]string{mine.CallID: me}
	var asst *store.Store
	if o.IsTeam() {
		tm := team{owner: o, server: o.path}
		var role string
		asst, role, _ = tm.member(t, "asst", store.Assistant)
		if err := o.Assign(ctx, c.ID, role); err != nil {
			t.Fatal(err)
		}
		theirs := mustLog(t, asst, store.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, Today: day0, Note: "assistant left word about the fund",
			At: day0.Time().Add(11 * time.Hour)})
		want[theirs.CallID] = role
	}
	check := func(where string, id int64, by string) {
		t.Helper()
		if w, ok := want[id]; !ok || by != w {
			t.Errorf("%s: call #%d by %q, want %q", where, id, by, w)
		}
	}
	calls, err := o.Calls(ctx, c.ID, 0)
	if err != nil || len(calls) != len(want) {
		t.Fatalf("Calls = %v, %v; want %d", calls, err, len(want))
	}
	for _, k := range calls {
		check("Calls", k.ID, k.By)
	}
	b, err := o.Briefing(ctx, c.ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range b.Calls {
		check("Briefing", k.ID, k.By)
	}
	hits, err := o.Search(ctx, "fund", 10)
	if err != nil || len(hits) != len(want) {
		t.Fatalf("Search = %v, %v; want %d hits", hits, err, len(want))
	}
	for _, h := range hits {
		check("Search", h.CallID, h.By)
	}
	all := openAtOpts(t, o.path, store.Options{Now: o.clock.Now, Everyone: true})
	a, err := all.Today(ctx, day0)
	if err != nil || len(a.Done) != len(want) {
		t.Fatalf("Today.Done = %v, %v; want %d", a.Done, err, len(want))
	}
	for _, k := range a.Done {
		check("Done today", k.ID, k.By)
	}
	book, err := o.Export(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var bys []string
	for _, r := range book.Records {
		for _, k := range r.Calls {
			bys = append(bys, k.By)
		}
	}
	var out bytes.Buffer
	if err := interchange.WriteJSON(&out, book); err != nil {
		t.Fatal(err)
	}
	if o.IsTeam() {
		if !slices.Contains(bys, me) || len(bys) != 2 || !bytes.Contains(out.Bytes(), []byte(`"by": "`+me+`"`)) {
			t.Errorf("the export's calls say by %q; JSON:\n%s", bys, out.String())
		}
	} else if bys[0] != "" || bytes.Contains(out.Bytes(), []byte(`"by"`)) {
		t.Errorf("a personal book's export names who logged: %q", bys)
	}
}

// TestListByAssignee: List keeps a member's contacts, or nobody's; the
// due list says whose each call is.
func TestListByAssignee(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	tm := newTeam(t)
	o := tm.owner
	_, role, _ := tm.member(t, "asst", store.Assistant)
	theirs := mustAdd(t, o.Store, rotation.Contact{Name: "Theirs", Tier: "C", Assignee: role, Schedule: rotation.Schedule{Due: day0}})
	nobodys := mustAdd(t, o.Store, rotation.Contact{Name: "Nobodys", Tier: "C", Schedule: rotation.Schedule{Due: day0}})
	names := func(f store.ListFilter) []string {
		t.Helper()
		cs, err := o.List(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range cs {
			out = append(out, c.Name+"@"+c.Assignee)
		}
		return out
	}
	if got := names(store.ListFilter{Assignee: role}); !slices.Equal(got, []string{"Theirs@" + role}) {
		t.Errorf("List(--assignee %s) = %q", role, got)
	}
	if got := names(store.ListFilter{Assignee: store.NoOne}); !slices.Equal(got, []string{"Nobodys@"}) {
		t.Errorf("List(--assignee none) = %q", got)
	}
	if got := names(store.ListFilter{}); len(got) != 2 {
		t.Errorf("List() = %q", got)
	}
	all := openAtOpts(t, o.path, store.Options{Now: o.clock.Now, Everyone: true})
	a, err := all.Today(ctx, day0)
	if err != nil {
		t.Fatal(err)
	}
	whose := map[int64]string{}
	for _, it := range a.Due {
		whose[it.ID] = it.Assignee
	}
	if whose[theirs.ID] != role || whose[nobodys.ID] != "" || len(whose) != 2 {
		t.Errorf("today --all says whose: %v", whose)
	}
}

// TestAssignMany: contacts are given all together or not at all; giving
// them to an assistant says how much history the assistant now sees;
// an assistant gives nothing away.
func TestAssignMany(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	tm := newTeam(t)
	o := tm.owner
	asst, role, _ := tm.member(t, "asst", store.Assistant)
	var ids []int64
	for i, name := range []string{"One", "Two", "Three"} {
		c := mustAdd(t, o.Store, rotation.Contact{Name: name, Tier: "C", Schedule: rotation.Schedule{Due: day0}})
		ids = append(ids, c.ID)
		for range i + 1 {
			mustLog(t, o.Store, store.LogEntry{ContactID: c.ID, Outcome: rotation.Voicemail, Today: day0})
		}
	}
	if _, err := o.AddNote(ctx, ids[0], "a note", day0.Time(), day0); err != nil {
		t.Fatal(err)
	}
	// An unknown contact among them: nothing changes.
	if _, err := o.AssignMany(ctx, []int64{ids[0], 999999}, role); err == nil {
		t.Fatal("AssignMany with an unknown contact succeeded")
	}
	if cs, _ := o.List(ctx, store.ListFilter{Assignee: role}); len(cs) != 0 {
		t.Fatalf("a refused AssignMany gave away %d contacts", len(cs))
	}
	res, err := o.AssignMany(ctx, ids[:2], role)
	if err != nil {
		t.Fatal(err)
	}
	if res != (store.AssignResult{Changed: 2, Calls: 3, Notes: 1, Assistant: true}) {
		t.Errorf("AssignMany = %+v; want 2 changed, 3 calls and 1 note, to an assistant", res)
	}
	res, err = o.AssignMany(ctx, ids, role)
	if err != nil {
		t.Fatal(err)
	}
	if res.Changed != 1 || res.Calls != 3 || res.Notes != 0 {
		t.Errorf("AssignMany again = %+v; want 1 changed with its 3 calls", res)
	}
	if b, err := asst.Calls(ctx, ids[2], 0); err != nil || len(b) != 3 {
		t.Errorf("the assistant sees %d calls of the contact given (%v); want 3", len(b), err)
	}
	// Back to nobody: no history newly seen.
	res, err = o.AssignMany(ctx, ids, "")
	if err != nil || res.Assistant || res.Changed != 3 || res.Calls != 0 {
		t.Errorf("AssignMany(none) = %+v, %v", res, err)
	}
	// An assistant cannot take contacts, nor give them: nothing changes.
	if _, err := asst.AssignMany(ctx, ids, role); err == nil {
		t.Error("an assistant took contacts")
	}
	if cs, _ := o.List(ctx, store.ListFilter{Assignee: store.NoOne}); len(cs) != 3 {
		t.Errorf("after the assistant's attempt %d contacts are nobody's; want 3", len(cs))
	}
}

// TestPracticeStats: the practice's figures count everyone's calls; each
// member's count the calls they logged, the coverage of their list and
// their streak; an assistant sees their own line only.
func TestPracticeStats(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	tm := newTeam(t)
	o := tm.owner
	asst, role, _ := tm.member(t, "asst", store.Assistant)
	me, _ := o.Who()
	// The assistant's two: one called today, one late. The owner's one
	// (unassigned), called today.
	a1 := mustAdd(t, o.Store, rotation.Contact{Name: "Asst Called", Tier: "C", Assignee: role, Schedule: rotation.Schedule{Due: day0}})
	mustAdd(t, o.Store, rotation.Contact{Name: "Asst Late", Tier: "C", Assignee: role, Schedule: rotation.Schedule{Due: day0.AddDays(-3)}})
	o1 := mustAdd(t, o.Store, rotation.Contact{Name: "Owner Called", Tier: "A", Schedule: rotation.Schedule{Due: day0}})
	mustLog(t, asst, store.LogEntry{ContactID: a1.ID, Outcome: rotation.Reached, Today: day0})
	mustLog(t, o.Store, store.LogEntry{ContactID: o1.ID, Outcome: rotation.Reached, Today: day0})
	mustLog(t, o.Store, store.LogEntry{ContactID: o1.ID, Outcome: rotation.Reached, Today: day0})

	st, people, err := o.PracticeStats(ctx, day0)
	if err != nil {
		t.Fatal(err)
	}
	if st.CallsLast7Days != 3 || st.Active != 3 || st.Coverage.Covered != 2 {
		t.Errorf("the practice: %d calls, %d of %d covered; want 3 calls, 2 of 3", st.CallsLast7Days, st.Coverage.Covered, st.Active)
	}
	got := map[string]rotation.PersonStats{}
	for _, p := range people {
		got[p.Role] = p
	}
	if p := got[me]; len(people) != 2 || p.Kind != string(store.Owner) || p.CallsLast7Days != 2 || p.Coverage != (rotation.Coverage{Active: 1, Covered: 1}) {
		t.Errorf("the owner's line: %+v (of %d)", p, len(people))
	}
	if p := got[role]; p.Kind != string(store.Assistant) || p.CallsLast7Days != 1 || p.Coverage != (rotation.Coverage{Active: 2, Covered: 1}) {
		t.Errorf("the assistant's line: %+v", p)
	}
	// Their own dashboards agree with their lines.
	for _, s := range []*store.Store{o.Store, asst} {
		who, _ := s.Who()
		mine, err := s.Stats(ctx, day0)
		if err != nil {
			t.Fatal(err)
		}
		if p := got[who]; mine.CallsLast7Days != p.CallsLast7Days || mine.Coverage != p.Coverage || mine.StreakDays != p.StreakDays {
			t.Errorf("%s: own stats %d calls, %+v, streak %d; their line %+v", who, mine.CallsLast7Days, mine.Coverage, mine.StreakDays, p)
		}
	}
	_, theirs, err := asst.PracticeStats(ctx, day0)
	if err != nil {
		t.Fatal(err)
	}
	if len(theirs) != 1 || theirs[0].Role != role {
		t.Errorf("an assistant's PracticeStats shows %+v; want their own line only", theirs)
	}
	if _, _, err := openAt(t, filepath.Join(t.TempDir(), "personal.db"), newClock(day0)).PracticeStats(ctx, day0); err == nil {
		t.Error("PracticeStats on a personal book succeeded")
	}
}
