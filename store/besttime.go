package store

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"rotate/rotation"
)

// bookPatternCalls is how many of the book's latest calls its pattern of
// picking up is fitted from: older calls weigh little in the estimate,
// and reading a bounded number keeps a book of millions of calls fast.
const bookPatternCalls = 5000

// ZoneOf gives the location a contact's calls are read in: their time
// zone, or the user's when it is not known. The contact holds at least
// its ID, TZ and first phone.
type ZoneOf func(rotation.Contact) *time.Location

// pickupFilter is the SQL condition on calls (alias k) that keeps those
// that tell whether the person picked up (rotation.PickedUp).
func pickupFilter() (string, []any) {
	var marks []string
	args := []any{rotation.KindCall}
	for _, o := range rotation.Outcomes {
		if counts, _ := rotation.PickedUp(rotation.KindCall, o); counts {
			marks = append(marks, "?")
			args = append(args, string(o))
		}
	}
	return "k.kind = ? AND k.direction <> 'in' AND k.outcome IN (" + strings.Join(marks, ", ") + ")", args
}

// BookPattern fits the book's pattern of picking up
// (rotation.FitBookPattern) as of now from its latest bookPatternCalls
// calls that tell, each read in its client's zone.
func (s *Store) BookPattern(ctx context.Context, now time.Time, zoneOf ZoneOf) (rotation.BookPattern, error) {
	cond, args := pickupFilter()
	rows, err := s.db.QueryContext(ctx, `SELECT k.contact_id, k.at, k.outcome, c.tz, c.phone
		FROM calls k JOIN contacts c ON c.id = k.contact_id
		WHERE `+cond+` ORDER BY k.id DESC LIMIT ?`, append(args, bookPatternCalls)...)
	if err != nil {
		return rotation.BookPattern{}, fmt.Errorf("read the book's calls: %w", err)
	}
	defer rows.Close()
	zones := map[int64]*time.Location{}
	var calls []rotation.Attempt
	for rows.Next() {
		var c rotation.Contact
		var at, outcome, phone string
		if err := rows.Scan(&c.ID, &at, &outcome, &c.TZ, &phone); err != nil {
			return rotation.BookPattern{}, err
		}
		loc, ok := zones[c.ID]
		if !ok {
			if phone != "" {
				c.Phones = []rotation.Phone{{Number: phone}}
			}
			loc = zoneOf(c)
			zones[c.ID] = loc
		}
		_, reached := rotation.PickedUp(rotation.KindCall, rotation.Outcome(outcome))
		calls = append(calls, rotation.Attempt{Contact: c.ID, At: parseStamp(at).In(loc), Reached: reached})
	}
	if err := rows.Err(); err != nil {
		return rotation.BookPattern{}, err
	}
	return rotation.FitBookPattern(calls, now), nil
}

// Availability is each contact's estimate of when they pick up, over the
// book's pattern: their calls that tell, read in their zone. Contacts
// without such calls get the book's pattern alone.
func (s *Store) Availability(ctx context.Context, book rotation.BookPattern, contacts []rotation.Contact, now time.Time, zoneOf ZoneOf) (map[int64]rotation.Availability, error) {
	locs := make(map[int64]*time.Location, len(contacts))
	for _, c := range contacts {
		locs[c.ID] = zoneOf(c)
	}
	calls := map[int64][]rotation.Attempt{}
	cond, args := pickupFilter()
	const chunk = 500
	for from := 0; from < len(contacts); from += chunk {
		part := contacts[from:min(from+chunk, len(contacts))]
		marks := strings.Repeat("?, ", len(part))
		q := append([]any{}, args...)
		for _, c := range part {
			q = append(q, c.ID)
		}
		rows, err := s.db.QueryContext(ctx, `SELECT k.contact_id, k.at, k.outcome FROM calls k
			WHERE `+cond+` AND k.contact_id IN (`+marks[:len(marks)-2]+`)`, q...)
		if err != nil {
			return nil, fmt.Errorf("read calls: %w", err)
		}
		for rows.Next() {
			var id int64
			var at, outcome string
			if err := rows.Scan(&id, &at, &outcome); err != nil {
				rows.Close()
				return nil, err
			}
			_, reached := rotation.PickedUp(rotation.KindCall, rotation.Outcome(outcome))
			calls[id] = append(calls[id], rotation.Attempt{Contact: id, At: parseStamp(at).In(locs[id]), Reached: reached})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	out := make(map[int64]rotation.Availability, len(contacts))
	for _, c := range contacts {
		out[c.ID] = book.Estimate(calls[c.ID], now)
	}
	return out, nil
}

// zonesOr is zoneOf, or when nil the zone given to the contact, else UTC.
func zonesOr(zoneOf ZoneOf) ZoneOf {
	if zoneOf != nil {
		return zoneOf
	}
	return func(c rotation.Contact) *time.Location {
		if loc, ok := rotation.LoadZone(c.TZ); ok {
			return loc
		}
		return time.UTC
	}
}

// patternCache keeps the book's pattern until a call is logged or the day
// changes: every briefing reads it.
type patternCache struct {
	mu      sync.Mutex
	newest  int64 // the newest call's id when it was fitted
	calls   int64 // the book's version then (book_version)
	day     rotation.Date
	pattern rotation.BookPattern
	ok      bool
}

// bookPattern is BookPattern as of now, from the cache while no call was
// logged and no schedule changed since, on the same day.
func (s *Store) bookPattern(ctx context.Context, now time.Time) (rotation.BookPattern, error) {
	// Both cheap on a book of millions of calls: the newest call's id
	// (a call logged) and the change counter the schedule triggers keep
	// (a call logged, edited, moved or removed changes a schedule).
	var newest int64
	if err := s.db.QueryRowContext(ctx, "SELECT coalesce(max(id), 0) FROM calls").Scan(&newest); err != nil {
		return rotation.BookPattern{}, fmt.Errorf("read the book's calls: %w", err)
	}
	calls, err := bookVersion(ctx, s.db)
	if err != nil {
		return rotation.BookPattern{}, fmt.Errorf("read the book's version: %w", err)
	}
	c := &s.best
	c.mu.Lock()
	defer c.mu.Unlock()
	day := rotation.DateOf(now)
	if c.ok && c.newest == newest && c.calls == calls && c.day == day {
		return c.pattern, nil
	}
	p, err := s.BookPattern(ctx, now, s.zones)
	if err != nil {
		return p, err
	}
	c.newest, c.calls, c.day, c.pattern, c.ok = newest, calls, day, p, true
	return p, nil
}

// BestTime is when c picks up most, best first (rotation.CallWindow),
// as of the store's clock; nil when their calls do not show it.
func (s *Store) BestTime(ctx context.Context, c rotation.Contact) ([]rotation.CallWindow, error) {
	now := s.now()
	pattern, err := s.bookPattern(ctx, now)
	if err != nil {
		return nil, err
	}
	est, err := s.Availability(ctx, pattern, []rotation.Contact{c}, now, s.zones)
	if err != nil {
		return nil, err
	}
	return est[c.ID].Windows(), nil
}

// LikelyNow is, for each contact of the list, the estimated chance they
// pick up at now, read in their zone.
func (s *Store) LikelyNow(ctx context.Context, due []rotation.DueItem, now time.Time) (map[int64]float64, error) {
	pattern, err := s.bookPattern(ctx, now)
	if err != nil {
		return nil, err
	}
	cs := make([]rotation.Contact, len(due))
	for i, it := range due {
		cs[i] = it.Contact
	}
	est, err := s.Availability(ctx, pattern, cs, now, s.zones)
	if err != nil {
		return nil, err
	}
	out := make(map[int64]float64, len(due))
	for _, c := range cs {
		out[c.ID] = est[c.ID].RateAt(now.In(s.zones(c)))
	}
	return out, nil
}
