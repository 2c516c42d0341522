package store

import (
	"context"
	"fmt"
	"rotate/rotation"
	"rotate/rotation/interchange"
	"slices"
	"strings"
	"time"
)

// fillMissing copies to dst the fields of src that dst lacks: numbers it
// does not have, the e-mail, company, birthday, profile and tags. The name,
// tier and schedule stay. It says what it added.
func fillMissing(dst *rotation.Contact, src rotation.Contact, region string) []string {
	var changes []string
	have := map[string]bool{}
	for _, p := range dst.Phones {
		have[interchange.PhoneKey(p.Number, region)+"|"+p.Number] = true
		if k := interchange.PhoneKey(p.Number, region); k != "" {
			have[k] = true
		}
	}
	for _, p := range src.Phones {
		k := interchange.PhoneKey(p.Number, region)
		if (k != "" && have[k]) || have[k+"|"+p.Number] || region == "" && slices.ContainsFunc(dst.Phones, func(q rotation.Phone) bool {
			return interchange.MaybeSame(q.Number, p.Number)
		}) {
			continue
		}
		have[k], have[k+"|"+p.Number] = true, true
		dst.Phones = append(dst.Phones, p)
		changes = append(changes, "phone "+p.Number)
	}
	fill := func(what string, d *string, v string) {
		if strings.TrimSpace(*d) == "" && strings.TrimSpace(v) != "" {
			*d = v
			changes = append(changes, what)
		}
	}
	fill("email", &dst.Email, src.Email)
	fill("company", &dst.Company, src.Company)
	fill("occupation", &dst.Occupation, src.Occupation)
	fill("family", &dst.Family, src.Family)
	fill("recreation", &dst.Recreation, src.Recreation)
	fill("message", &dst.Message, src.Message)
	if dst.Birthday.IsZero() && !src.Birthday.IsZero() {
		dst.Birthday = src.Birthday
		changes = append(changes, "birthday")
	}
	var tags []string
	for _, t := range src.Tags {
		if !slices.Contains(dst.Tags, t) {
			dst.Tags = append(dst.Tags, t)
			tags = append(tags, t)
		}
	}
	if len(tags) > 0 {
		changes = append(changes, "tags "+strings.Join(tags, ", "))
	}
	return changes
}

// restoreContact gives a contact just added from an export its history
// and the timestamps and last-call fields the export holds.
func restoreContact(ctx context.Context, tx *txn, id int64, rec interchange.Record, now time.Time, res *ImportResult) error {
	c := rec.Contact
	created, updated := c.Created, c.Updated
	if created.IsZero() {
		created = now
	}
	if updated.IsZero() {
		updated = created
	}
	if _, err := tx.ExecContext(ctx, `UPDATE contacts SET last_call_day = ?, last_outcome = ?, last_talk_day = ?,
		created_at = ?, updated_at = ? WHERE id = ?`,
		c.LastCall.String(), string(c.LastOutcome), c.LastTalk.String(), stamp(created), stamp(updated), id); err != nil {
		return fmt.Errorf("restore %s: %w", c.Name, err)
	}
	if _, err := mergeHistory(ctx, tx, id, rec, res); err != nil {
		return err
	}
	return nil
}

// mergeHistory adds the calls, follow-ups and draft of an export's record
// that the contact does not have yet (the same time, kind and note; the
// same text and creation time), says what it added and counts it in res.
func mergeHistory(ctx context.Context, tx *txn, id int64, rec interchange.Record, res *ImportResult) ([]string, error) {
	var changes []string
	ref, added, err := mergeCalls(ctx, tx, id, rec)
	if err != nil {
		return nil, err
	}
	res.Calls += added
	if added > 0 {
		changes = append(changes, rotation.Plural(added, "call"))
	}
	if added, err = mergeFollowUps(ctx, tx, id, rec, ref); err != nil {
		return nil, err
	}
	res.FollowUps += added
	if added > 0 {
		changes = append(changes, rotation.Plural(added, "follow-up"))
	}
	draft, err := mergeDraft(ctx, tx, id, rec)
	if err != nil {
		return nil, err
	}
	if draft {
		changes = append(changes, "draft")
	}
	return changes, nil
}

// mergeCalls writes the record's calls that contact id does not have
// (the same time, kind and note). It returns the call id of each of the
// export's call refs, and how many it added.
func mergeCalls(ctx context.Context, tx *txn, id int64, rec interchange.Record) (map[int64]int64, int, error) {
	calls := map[string]int64{}
	rows, err := tx.QueryContext(ctx, "SELECT id, at, kind, note FROM calls WHERE contact_id = ?", id)
	if err != nil {
		return nil, 0, err
	}
	for rows.Next() {
		var cid int64
		var at, kind, note string
		if err := rows.Scan(&cid, &at, &kind, &note); err != nil {
			rows.Close()
			return nil, 0, err
		}
		calls[importCallKey(parseStamp(at), kind, note)] = cid
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	ref := map[int64]int64{} // the export's call ref -> call id
	added := 0
	for _, k := range rec.Calls {
		key := importCallKey(k.At, string(k.Kind), k.Note)
		if cid, ok := calls[key]; ok {
			ref[k.ID] = cid
			continue
		}
		var cid int64
		idCol, idVal := newCallID(tx)
		dir := k.Direction
		if dir == "" {
			dir = rotation.Out
		}
		err := tx.QueryRowContext(ctx, `INSERT INTO calls (`+idCol+`contact_id, at, day, kind, direction, outcome, note, next_due)
			VALUES (`+idVal+`?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, id, stamp(k.At), k.Day.String(), string(k.Kind), string(dir), string(k.Outcome), k.Note, k.NextDue.String()).Scan(&cid)
		if err != nil {
			return nil, 0, fmt.Errorf("save a call: %w", err)
		}
		ref[k.ID] = cid
		calls[key] = ref[k.ID]
		added++
	}
	return ref, added, nil
}

// mergeFollowUps writes the record's follow-ups that contact id does not
// have (the same text and creation time), linked to their calls through
// ref. It returns how many it added.
func mergeFollowUps(ctx context.Context, tx *txn, id int64, rec interchange.Record, ref map[int64]int64) (int, error) {
	fus := map[string]bool{}
	rows, err := tx.QueryContext(ctx, "SELECT text, created_at FROM followups WHERE contact_id = ?", id)
	if err != nil {
		return 0, err
	}
	for rows.Next() {
		var text, created string
		if err := rows.Scan(&text, &created); err != nil {
			rows.Close()
			return 0, err
		}
		fus[text+"\x00"+parseStamp(created).UTC().Format(time.RFC3339Nano)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	added := 0
	for _, f := range rec.FollowUps {
		key := f.Text + "\x00" + f.Created.UTC().Format(time.RFC3339Nano)
		if fus[key] {
			continue
		}
		fus[key] = true
		resolved := ""
		if !f.Resolved.IsZero() {
			resolved = stamp(f.Resolved)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO followups (contact_id, text, created_at, created_call_id,
			resolved_at, resolved_call_id) VALUES (?, ?, ?, ?, ?, ?)`,
			id, f.Text, stamp(f.Created), importNullID(ref[f.CreatedCall]), resolved, importNullID(ref[f.ResolvedCall])); err != nil {
			return added, fmt.Errorf("save a follow-up: %w", err)
		}
		added++
	}
	return added, nil
}

// mergeDraft gives contact id the record's draft unless it has one.
func mergeDraft(ctx context.Context, tx *txn, id int64, rec interchange.Record) (bool, error) {
	d := rec.Draft
	if d == nil || d.IsEmpty() {
		return false, nil
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO drafts (contact_id, outcome, note, followups, next, updated_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`, id, string(d.Outcome), d.Note, d.FollowUps, d.Next, stamp(d.Updated))
	if err != nil {
		return false, fmt.Errorf("save a draft: %w", err)
	}
	n, _ := r.RowsAffected()
	return n > 0, nil
}

func importCallKey(at time.Time, kind, note string) string {
	return at.UTC().Format(time.RFC3339Nano) + "\x00" + kind + "\x00" + note
}

func importNullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// importSettings stores the export's settings the book has not set, and
// its cleared days.
func importSettings(ctx context.Context, tx *txn, book interchange.Book) error {
	keys := make([]string, 0, len(book.Settings))
	for k := range book.Settings {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	set := rotation.DefaultSettings()
	for _, k := range keys {
		ck := rotation.CanonicalKey(k)
		if ck == "" {
			continue // a setting of a newer rotate
		}
		if err := set.Set(ck, book.Settings[k]); err != nil {
			return invalid(fmt.Errorf("setting %s: %w", k, err))
		}
		v, _ := set.Get(ck)
		if _, err := tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT DO NOTHING", ck, v); err != nil {
			return err
		}
	}
	for _, d := range book.ClearedDays {
		if _, err := tx.ExecContext(ctx, "INSERT INTO cleared_days (day) VALUES (?) ON CONFLICT DO NOTHING", d.String()); err != nil {
			return err
		}
	}
	return nil
}
