package store

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"rotate/rotation"
)

// Settings reads the book's settings over the defaults.
func (s *Store) Settings(ctx context.Context) (rotation.Settings, error) {
	return loadSettings(ctx, s.db)
}

func loadSettings(ctx context.Context, q querier) (rotation.Settings, error) {
	set := rotation.DefaultSettings()
	rows, err := q.QueryContext(ctx, "SELECT key, value FROM settings")
	if err != nil {
		return set, fmt.Errorf("read settings: %w", err)
	}
	defer rows.Close()
	own := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			return set, err
		}
		if strings.HasPrefix(k, ownAwayPrefix) {
			own[k] = v
			continue
		}
		// A value this build cannot read (hand-edited, or from a newer
		// version) falls back to the default rather than locking the user out.
		_ = set.Set(k, v)
	}
	if err := rows.Err(); err != nil {
		return set, err
	}
	rows.Close()
	if len(own) > 0 {
		// A team book: the signed-in person's own time away is theirs
		// on top of the practice's (a personal book has no such row).
		var me string
		if q.QueryRowContext(ctx, "SELECT current_user::text").Scan(&me) == nil {
			_ = set.SetOwnAway(own[ownAwayPrefix+me])
		}
	}
	return set, nil
}

// ownAwayPrefix keys one member's own time away on a team book:
// "away@ROLE". Only the member (and owners) may write theirs (migration
// postgres/00011).
const ownAwayPrefix = "away@"

// SetSetting validates and stores one setting, with what it means for the
// contacts on the day of the store's clock (see ChangeSetting).
func (s *Store) SetSetting(ctx context.Context, key, value string) (rotation.Settings, error) {
	set, _, err := s.ChangeSetting(ctx, key, value, rotation.DateOf(s.now()))
	return set, err
}

// AddHolidays adds days off to the public holidays (those of an .ics
// file), keeping the days already added, and moves the calls planned on
// them as ChangeSetting does.
func (s *Store) AddHolidays(ctx context.Context, hs []rotation.Holiday, today rotation.Date) (rotation.Settings, SettingChange, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return set, SettingChange{}, err
	}
	all := append(set.Holidays.Added(), hs...)
	return s.ChangeSetting(ctx, rotation.AddedHolidaysKey, rotation.FormatHolidayLines(all), today)
}

// SettingChange is what changing a setting did to the contacts.
type SettingChange struct {
	// Followers counts the contacts following the tier whose cadence
	// changed (tier.A..tier.C): their cadence is the new one.
	Followers int
	// Moved lists the planned calls moved out of days that became days off
	// (away, workdays), in date order.
	Moved []MovedCall
}

// MovedCall is one planned call a setting moved.
type MovedCall struct {
	ID       int64
	Name     string
	From, To rotation.Date
}

// ChangeSetting validates and stores one setting and, in the same
// transaction, applies it to the contacts: a new tier cadence becomes the
// cadence of every contact following that tier, its next date recomputed
// as for an edit (rotation.AfterEdit, leveled); new time away or workdays
// move the calls planned on days now off as if they had been computed
// with them, leveled under the capacity (rotation.MoveOffDayLeveled), and
// so do new public holidays (holidays, and rotation.AddedHolidaysKey for
// the days of an .ics added to them).
//
// On a team book, "away" is the signed-in person's own time away: only
// their calls move (ChangePracticeSetting sets the practice's).
func (s *Store) ChangeSetting(ctx context.Context, key, value string, today rotation.Date) (rotation.Settings, SettingChange, error) {
	if s.db.d == dialectPostgres && rotation.CanonicalKey(key) == "away" {
		return s.changeOwnAway(ctx, value, today)
	}
	return s.ChangePracticeSetting(ctx, key, value, today)
}

// changeOwnAway sets the signed-in member's own time away and moves
// their calls planned on its days (an assistant's are the ones the
// database shows them; an owner's, those assigned to them and to nobody).
func (s *Store) changeOwnAway(ctx context.Context, value string, today rotation.Date) (rotation.Settings, SettingChange, error) {
	var set rotation.Settings
	var ch SettingChange
	err := s.withTx(ctx, func(tx *txn) error {
		ch = SettingChange{}
		old, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		set = old
		if err := set.SetOwnAway(value); err != nil {
			return invalid(err)
		}
		if _, err = tx.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
			ON CONFLICT (key) DO UPDATE SET value = excluded.value`, ownAwayPrefix+s.team.role, rotation.FormatAway(set.OwnAway)); err != nil {
			return err
		}
		return s.moveOffDays(ctx, tx, old.Calendar(), set.Calendar(), today, &ch, s.mine("c."))
	})
	return set, ch, err
}

// ChangePracticeSetting is ChangeSetting for the whole practice: on a
// team book, the practice's time away (owners only; the database checks).
func (s *Store) ChangePracticeSetting(ctx context.Context, key, value string, today rotation.Date) (rotation.Settings, SettingChange, error) {
	var set rotation.Settings
	var ch SettingChange
	err := s.withTx(ctx, func(tx *txn) error {
		ch = SettingChange{}
		old, err := loadSettings(ctx, tx)
		if err != nil {
			return err
		}
		set = old
		set.TierRules = maps.Clone(old.TierRules)
		k := rotation.CanonicalKey(key)
		if key == rotation.AddedHolidaysKey {
			k = key
		}
		if err := set.Set(key, value); err != nil {
			return invalid(err)
		}
		keys := []string{k}
		if k == "holidays" {
			// "none" clears the days added from .ics files too.
			keys = append(keys, rotation.AddedHolidaysKey)
		}
		for _, k := range keys {
			v, _ := set.Get(k)
			if k == "away" {
				v = rotation.FormatAway(set.Away) // the practice's alone
			}
			if _, err = tx.ExecContext(ctx, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value", k, v); err != nil {
				return err
			}
		}
		switch {
		case strings.HasPrefix(k, "tier."):
			return s.applyTierRule(ctx, tx, set, k[len("tier."):], today, &ch)
		case k == "away" || k == "workdays" || k == "holidays" || k == rotation.AddedHolidaysKey:
			return s.moveOffDays(ctx, tx, old.Calendar(), set.Calendar(), today, &ch, "")
		}
		return nil
	})
	return set, ch, err
}

// applyTierRule gives the contacts following tier its cadence in set.
func (s *Store) applyTierRule(ctx context.Context, tx *txn, set rotation.Settings, tier string, today rotation.Date, ch *SettingChange) error {
	rule := set.TierRule(tier)
	cs, err := queryContacts(ctx, tx, "SELECT "+contactColumns+" FROM contacts c WHERE c.tier = ? AND c.rule_own = 0 ORDER BY c.id", tier)
	if err != nil {
		return err
	}
	ch.Followers = len(cs)
	var ptrs []*rotation.Contact
	for i := range cs {
		ptrs = append(ptrs, &cs[i])
	}
	if err := attachPhonesAndTags(ctx, tx, ptrs); err != nil {
		return err
	}
	cal := set.Calendar()
	s.plan.mu.Lock()
	defer s.plan.mu.Unlock()
	p, err := s.forecast(ctx, tx, today, cal)
	if err != nil {
		return err
	}
	load := lazyLoad(ctx, tx, today, p.forecast)
	load.capacity = set.Capacity // as a log or an edit levels, under the capacity set by hand
	for _, was := range cs {
		if was.Rule.Equal(rule) {
			continue
		}
		now := was
		now.Rule = rule
		own := max(was.Due, today)
		if !was.Due.IsZero() && was.Status == rotation.Active {
			load.booked[own] = load.Booked(own) - 1
		}
		now = rotation.AfterEditLeveled(was, now, today, cal, load)
		if load.err != nil {
			return load.err
		}
		if !now.Due.IsZero() && now.Status == rotation.Active {
			d := max(now.Due, today)
			load.booked[d] = load.Booked(d) + 1
		}
		if err := s.updateContactTx(ctx, tx, was, now); err != nil {
			return err
		}
	}
	return nil
}

// moveOffDays moves the calls planned on days that were workdays under
// was and are days off under now.
// mine narrows the calls moved (one person's own time away: theirs).
func (s *Store) moveOffDays(ctx context.Context, tx *txn, was, now rotation.Calendar, today rotation.Date, ch *SettingChange, mine string) error {
	cs, err := queryContacts(ctx, tx, "SELECT "+contactColumns+" FROM contacts c WHERE c.status = 'active' AND c.due >= ?"+mine+" ORDER BY c.due, c.id", today.String())
	if err != nil {
		return err
	}
	set, err := loadSettings(ctx, tx)
	if err != nil {
		return err
	}
	s.plan.mu.Lock()
	defer s.plan.mu.Unlock()
	p, err := s.forecast(ctx, tx, today, now)
	if err != nil {
		return err
	}
	load := lazyLoad(ctx, tx, today, p.forecast)
	load.capacity = set.Capacity
	for _, c := range cs {
		// Its own call is on a day off now, a day the leveler never looks at.
		to, ok := rotation.MoveOffDayLeveled(c, today, was, now, load)
		if load.err != nil {
			return load.err
		}
		if !ok {
			continue
		}
		load.booked[to] = load.Booked(to) + 1
		full, err := getContact(ctx, tx, c.ID)
		if err != nil {
			return err
		}
		moved := full
		moved.Due = to
		if err := s.updateContactTx(ctx, tx, full, moved); err != nil {
			return err
		}
		ch.Moved = append(ch.Moved, MovedCall{ID: c.ID, Name: c.Name, From: c.Due, To: to})
	}
	return nil
}
