package store

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"rotate/rotation"
)

// contactColumns is the column list scanContact reads, in order.
const contactColumns = `c.id, c.name, c.email, c.company, c.tier, c.rule, c.override_rule,
	c.override_until, coalesce(c.due, ''), c.attempts, c.step, c.status, c.family, c.occupation,
	c.recreation, c.message, c.birthday, c.last_call_day, c.last_outcome, c.last_talk_day,
	c.created_at, c.updated_at, c.assignee, c.rule_own, c.returned_day, c.due_time`

type scanner interface{ Scan(dest ...any) error }

func scanContact(row scanner) (rotation.Contact, error) {
	var c rotation.Contact
	var own int
	var rule, override, until, due, status, birthday, lastCall, lastOutcome, lastTalk, created, updated, returned, dueTime string
	err := row.Scan(&c.ID, &c.Name, &c.Email, &c.Company, &c.Tier, &rule, &override, &until, &due,
		anyInt{&c.Attempts}, anyInt{&c.Step}, &status, &c.Family, &c.Occupation, &c.Recreation, &c.Message,
		&birthday, &lastCall, &lastOutcome, &lastTalk, &created, &updated, &c.Assignee, anyInt{&own}, &returned, &dueTime)
	if err != nil {
		return c, err
	}
	// A rule this build cannot read keeps the contact usable on 90 days
	// rather than hiding it.
	if c.Rule, err = rotation.ParseRule(rule); err != nil {
		c.Rule = rotation.MustRule("every 90d")
	}
	if override != "" {
		c.Override, _ = rotation.ParseRule(override)
		c.OverrideUntil = dateOrZero(until)
	}
	c.Due = dateOrZero(due)
	c.Status = rotation.Status(status)
	c.Birthday = dateOrZero(birthday)
	c.LastCall = dateOrZero(lastCall)
	c.LastOutcome = rotation.Outcome(lastOutcome)
	c.LastTalk = dateOrZero(lastTalk)
	c.Created, c.Updated = parseStamp(created), parseStamp(updated)
	c.FollowsTier = own == 0
	c.Returned = dateOrZero(returned)
	c.DueTime, _ = rotation.ParseClock(dueTime) // a time this build cannot read is none
	c.Schedule = c.Schedule.Sane()
	return c, nil
}

// dateOrZero reads a date column; what is not a date reads as no date. A
// date past 9999 (which older builds wrote for a cadence running off the
// end of the calendar) reads as rotation.MaxDate, and one in year 0 as
// rotation.MinDate, so a planned call stays planned.
func dateOrZero(s string) rotation.Date {
	d, err := rotation.ParseISO(s)
	if err == nil {
		return d
	}
	if y, rest, ok := strings.Cut(strings.TrimPrefix(s, "+"), "-"); ok && len(rest) == 5 && rest[2] == '-' && allDigits(y) && allDigits(rest[:2]) && allDigits(rest[3:]) {
		switch {
		case len(y) > 4 && strings.TrimLeft(y, "0") != "":
			return rotation.MaxDate
		case strings.TrimLeft(y, "0") == "":
			return rotation.MinDate
		}
	}
	return 0
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// anyInt scans an integer column that may hold anything a hostile or
// older writer put there (SQLite keeps text or a real in an integer
// column): NULL and text that is not a number read as 0, a number past
// the range of int as the nearest int. rotation.Schedule.Sane then brings
// a count into its own range.
type anyInt struct{ p *int }

func (a anyInt) Scan(v any) error {
	switch x := v.(type) {
	case int64:
		*a.p = int(x)
	case int32:
		*a.p = int(x)
	case float64:
		switch {
		case x != x:
			*a.p = 0
		case x >= math.MaxInt64:
			*a.p = math.MaxInt
		case x <= math.MinInt64:
			*a.p = math.MinInt
		default:
			*a.p = int(x)
		}
	case []byte:
		return a.Scan(string(x))
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(x), 10, 64)
		if err != nil && !errors.Is(err, strconv.ErrRange) {
			n = 0
		}
		*a.p = int(n)
	default:
		*a.p = 0
	}
	return nil
}

// nullDate stores the zero Date as NULL.
func nullDate(d rotation.Date) any {
	if d.IsZero() {
		return nil
	}
	return d.String()
}
