package interchange

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"rotate/rotation"
)

// NoYear is the year a birthday without one is kept in, as Apple's
// contacts do: the day and month are known, the age is not.
const NoYear = rotation.NoYear

// parseBirthday reads a birthday as address books write it: 1985-04-12,
// 19850412, --04-12 and --0412 (no year), 1985-04-12T00:00:00Z, Outlook's
// 4/12/1985 (month first) and 12.04.1985 (day first). "" and Outlook's
// 0/0/00 mean none.
func parseBirthday(s string) (rotation.Date, error) {
	s = strings.TrimSpace(s)
	if s == "" || strings.Trim(s, "0/.-: ") == "" {
		return 0, nil
	}
	bad := fmt.Errorf("birthday %q is not a date (use YYYY-MM-DD)", s)
	if i := strings.IndexAny(s, "Tt "); i >= 8 {
		s = s[:i] // a time of day after the date
	}
	var y, m, d int
	var err error
	switch {
	case strings.HasPrefix(s, "--"):
		digits := strings.ReplaceAll(s[2:], "-", "")
		if len(digits) != 4 {
			return 0, bad
		}
		y = NoYear
		m, d, err = num2(digits[:2], digits[2:])
	case strings.Contains(s, "/"):
		parts := strings.Split(s, "/")
		if len(parts) != 3 {
			return 0, bad
		}
		m, d, err = num2(parts[0], parts[1])
		y, err = year(parts[2], err)
	case strings.Contains(s, "."):
		parts := strings.Split(strings.TrimSuffix(s, "."), ".")
		if len(parts) != 3 {
			return 0, bad
		}
		d, m, err = num2(parts[0], parts[1])
		y, err = year(parts[2], err)
	case len(s) == 8 && !strings.Contains(s, "-"):
		y, err = strconv.Atoi(s[:4])
		if err == nil {
			m, d, err = num2(s[4:6], s[6:])
		}
	default:
		parts := strings.Split(s, "-")
		if len(parts) != 3 || len(parts[0]) != 4 {
			return 0, bad
		}
		y, err = strconv.Atoi(parts[0])
		if err == nil {
			m, d, err = num2(parts[1], parts[2])
		}
	}
	if err != nil || y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return 0, bad
	}
	date := rotation.NewDate(y, time.Month(m), d)
	if date.Day() != d {
		return 0, bad // Feb 30
	}
	return date, nil
}

func num2(a, b string) (int, int, error) {
	x, err := strconv.Atoi(strings.TrimSpace(a))
	if err != nil {
		return 0, 0, err
	}
	y, err := strconv.Atoi(strings.TrimSpace(b))
	return x, y, err
}

// year reads a year of four digits, or of two as Outlook may write it
// (30 and later are the 1900s).
func year(s string, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	s = strings.TrimSpace(s)
	y, err := strconv.Atoi(s)
	if err != nil {
		return 0, err
	}
	if len(s) == 2 {
		if y >= 30 {
			return 1900 + y, nil
		}
		return 2000 + y, nil
	}
	if len(s) != 4 {
		return 0, fmt.Errorf("year %q", s)
	}
	return y, nil
}

// birthdayText formats a birthday for a vCard or CSV: --MM-DD without a
// year.
func birthdayText(d rotation.Date) string {
	if d.IsZero() {
		return ""
	}
	if d.Year() == NoYear {
		return fmt.Sprintf("--%02d-%02d", int(d.Month()), d.Day())
	}
	return d.String()
}
