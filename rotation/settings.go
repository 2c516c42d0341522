package rotation

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Settings are the user's choices that the rules depend on.
type Settings struct {
	Workdays [7]bool
	Away     []Range // the practice's time away: everyone's days off
	// OwnAway is the time away of the person signed in to a team book,
	// on top of the practice's: their calls only avoid it.
	OwnAway        []Range
	Capacity       int // calls per workday; 0 means auto
	TierRules      map[string]Rule
	MinutesPerCall int
	// Holidays are the public holidays that are days off: those of the
	// countries or regions set ("holidays") and the days added from .ics
	// files (AddedHolidaysKey). Nil for none.
	Holidays *Holidays
	// Hours are the calling hours, in each client's local time.
	Hours Hours
}

// AddedHolidaysKey is the setting that keeps the holidays added from .ics
// files, one "YYYY-MM-DD Name" a line; it is set by `config holidays add`,
// not by name, and cleared with the holidays.
const AddedHolidaysKey = "holidays.added"

// SettingKeys lists the keys Settings.Set accepts, in display order.
var SettingKeys = []string{"workdays", "away", "holidays", "hours", "capacity", "tier.A", "tier.B", "tier.C", "minutes"}

// DefaultSettings are the settings of a new book.
func DefaultSettings() Settings {
	s := Settings{
		Workdays:       DefaultCalendar().Workdays,
		TierRules:      map[string]Rule{},
		MinutesPerCall: 10,
		Hours:          DefaultHours,
	}
	for tier, r := range DefaultTierRules {
		s.TierRules[tier] = MustRule(r)
	}
	return s
}

// Calendar returns the workday calendar the settings describe.
// On a team book it is the signed-in person's: the practice's time away
// and their own.
func (s Settings) Calendar() Calendar {
	return Calendar{Workdays: s.Workdays, Away: s.AllAway(), Holidays: s.Holidays}
}

// AllAway is the practice's time away and the person's own, in order.
func (s Settings) AllAway() []Range {
	if len(s.OwnAway) == 0 {
		return s.Away
	}
	all := append(slices.Clone(s.Away), s.OwnAway...)
	slices.SortFunc(all, func(a, b Range) int { return int(a.From - b.From) })
	return all
}

// SetOwnAway sets the person's own time away from its text form, as Set
// reads "away".
func (s *Settings) SetOwnAway(value string) error {
	r, err := ParseAway(value)
	if err != nil {
		return err
	}
	s.OwnAway = r
	return nil
}

// ParseAway reads time away: ranges FROM..TO separated by commas, or
// none (also empty), in date order.
func ParseAway(value string) ([]Range, error) {
	value = strings.TrimSpace(value)
	if strings.EqualFold(value, "none") || value == "" {
		return nil, nil
	}
	var ranges []Range
	for _, part := range strings.Split(value, ",") {
		r, err := ParseRange(part)
		if err != nil {
			return nil, err
		}
		ranges = append(ranges, r)
	}
	slices.SortFunc(ranges, func(a, b Range) int { return int(a.From - b.From) })
	return ranges, nil
}

// FormatAway is time away in the form ParseAway reads.
func FormatAway(ranges []Range) string {
	if len(ranges) == 0 {
		return "none"
	}
	parts := make([]string, len(ranges))
	for i, r := range ranges {
		parts[i] = r.String()
	}
	return strings.Join(parts, ",")
}

// TierRule is the default cadence of a tier (every 90d when unknown).
func (s Settings) TierRule(tier string) Rule {
	if r, ok := s.TierRules[tier]; ok {
		return r
	}
	return MustRule("every 90d")
}

// Get returns the value of a key as Set reads it.
func (s Settings) Get(key string) (string, error) {
	switch k := canonicalKey(key); k {
	case "workdays":
		return FormatWorkdays(s.Workdays), nil
	case "away":
		// The days off that apply: the practice's and, on a team book,
		// the signed-in person's own.
		return FormatAway(s.AllAway()), nil
	case "capacity":
		if s.Capacity == 0 {
			return "auto", nil
		}
		return strconv.Itoa(s.Capacity), nil
	case "minutes":
		return strconv.Itoa(s.MinutesPerCall), nil
	case "holidays":
		if codes := s.Holidays.Codes(); len(codes) > 0 {
			return strings.Join(codes, ","), nil
		}
		return "none", nil
	case AddedHolidaysKey:
		return FormatHolidayLines(s.Holidays.Added()), nil
	case "hours":
		return s.Hours.String(), nil
	case "tier.A", "tier.B", "tier.C":
		return s.TierRule(k[5:]).String(), nil
	}
	return "", unknownKey(key)
}

// Set changes one setting from its text form, validating it.
func (s *Settings) Set(key, value string) error {
	value = strings.TrimSpace(value)
	switch k := canonicalKey(key); k {
	case "workdays":
		days, err := ParseWorkdays(value)
		if err != nil {
			return err
		}
		if days == [7]bool{} {
			return fmt.Errorf("workdays: at least one day is needed")
		}
		s.Workdays = days
	case "away":
		ranges, err := ParseAway(value)
		if err != nil {
			return err
		}
		s.Away = ranges
	case "capacity":
		if strings.EqualFold(value, "auto") {
			s.Capacity = 0
			return nil
		}
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 || n > 1000 {
			return fmt.Errorf("capacity %q: use auto or a number of calls per day from 1 to 1000", value)
		}
		s.Capacity = n
	case "minutes":
		n, err := strconv.Atoi(value)
		if err != nil || n < 1 || n > 240 {
			return fmt.Errorf("minutes %q: use the minutes one call takes, from 1 to 240", value)
		}
		s.MinutesPerCall = n
	case "holidays":
		codes, err := ParseHolidayCodes(value)
		if err != nil {
			return err
		}
		var added []Holiday
		if len(codes) > 0 || !strings.EqualFold(value, "none") {
			added = s.Holidays.Added() // "none" clears the added days too
		}
		s.Holidays = NewHolidays(codes, added)
	case AddedHolidaysKey:
		added, err := ParseHolidayLines(value)
		if err != nil {
			return err
		}
		s.Holidays = NewHolidays(s.Holidays.Codes(), added)
	case "hours":
		h, err := ParseHours(value)
		if err != nil {
			return err
		}
		s.Hours = h
	case "tier.A", "tier.B", "tier.C":
		r, err := ParseRule(value)
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		if s.TierRules == nil {
			s.TierRules = map[string]Rule{}
		}
		s.TierRules[k[5:]] = r
	default:
		return unknownKey(key)
	}
	return nil
}

// CanonicalKey returns the spelling of a setting key used for storage, or
// "" for an unknown key.
func CanonicalKey(key string) string {
	k := canonicalKey(key)
	if slices.Contains(SettingKeys, k) {
		return k
	}
	return ""
}

func canonicalKey(key string) string {
	k := strings.ToLower(strings.TrimSpace(key))
	if k == AddedHolidaysKey {
		return k
	}
	if strings.HasPrefix(k, "tier.") && len(k) == 6 {
		return "tier." + strings.ToUpper(k[5:])
	}
	return k
}

func unknownKey(key string) error {
	return fmt.Errorf("unknown setting %q; settings are %s", key, strings.Join(SettingKeys, ", "))
}
