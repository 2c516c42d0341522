package rotation

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
)

func weekdaySet(days ...time.Weekday) [7]bool {
	var on [7]bool
	for _, wd := range days {
		on[wd] = true
	}
	return on
}

func TestParseRuleForms(t *testing.T) {
	tests := []struct {
		in   string
		want Rule
		str  string
	}{
		{"every 90d", Rule{Kind: Interval, Every: Span{90, Days}}, "every 90d"},
		{"90d", Rule{Kind: Interval, Every: Span{90, Days}}, "every 90d"},
		{"every 2w", Rule{Kind: Interval, Every: Span{2, Weeks}}, "every 2w"},
		{"2w", Rule{Kind: Interval, Every: Span{2, Weeks}}, "every 2w"},
		{"every 3m", Rule{Kind: Interval, Every: Span{3, Months}}, "every 3m"},
		{"every 1y", Rule{Kind: Interval, Every: Span{1, Years}}, "every 1y"},
		{"every 10y", Rule{Kind: Interval, Every: Span{10, Years}}, "every 10y"},
		{"every 3660d", Rule{Kind: Interval, Every: Span{3660, Days}}, "every 3660d"},
		{"weekly fri", Rule{Kind: Weekdays, On: weekdaySet(time.Friday)}, "weekly fri"},
		{"weekly friday", Rule{Kind: Weekdays, On: weekdaySet(time.Friday)}, "weekly fri"},
		{"every fri", Rule{Kind: Weekdays, On: weekdaySet(time.Friday)}, "weekly fri"},
		{"every mon,thu", Rule{Kind: Weekdays, On: weekdaySet(time.Monday, time.Thursday)}, "every mon,thu"},
		{"every thu,mon", Rule{Kind: Weekdays, On: weekdaySet(time.Monday, time.Thursday)}, "every mon,thu"},
		{"every sun,mon", Rule{Kind: Weekdays, On: weekdaySet(time.Sunday, time.Monday)}, "every mon,sun"},
		{"every mon,tue,wed,thu,fri", Rule{Kind: Weekdays, On: weekdaySet(1, 2, 3, 4, 5)}, "every mon,tue,wed,thu,fri"},
		{"daily", Rule{Kind: Daily}, "daily"},
		{"taper 1d 1d 3d 7d", Rule{Kind: Taper, Steps: []Span{{1, Days}, {1, Days}, {3, Days}, {7, Days}}}, "taper 1d 1d 3d 7d"},
		{"taper 1w 2w 1m", Rule{Kind: Taper, Steps: []Span{{1, Weeks}, {2, Weeks}, {1, Months}}}, "taper 1w 2w 1m"},
		{"taper 2d", Rule{Kind: Taper, Steps: []Span{{2, Days}}}, "taper 2d"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseRule(tt.in)
			if err != nil {
				t.Fatalf("ParseRule(%q): %v", tt.in, err)
			}
			if !got.Equal(tt.want) {
				t.Errorf("ParseRule(%q) = %#v, want %#v", tt.in, got, tt.want)
			}
			if got.String() != tt.str {
				t.Errorf("ParseRule(%q).String() = %q, want %q", tt.in, got.String(), tt.str)
			}
			back, err := ParseRule(got.String())
			if err != nil || !back.Equal(got) {
				t.Errorf("ParseRule(%q) = %v, %v; want it to read back as %v", got.String(), back, err, got)
			}
			if got.IsZero() {
				t.Errorf("ParseRule(%q) is the zero rule", tt.in)
			}
		})
	}
}

func TestParseRuleIsLenient(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Every 90D", "every 90d"},
		{"EVERY 2W", "every 2w"},
		{"  every   3m  ", "every 3m"},
		{"every\t1y\n", "every 1y"},
		{"every 90 d", "every 90d"},
		{" 90D ", "every 90d"},
		{"Weekly FRIDAY", "weekly fri"},
		{"weekly   Fri", "weekly fri"},
		{"every Mon,Thu", "every mon,thu"},
		{"every mon, thu", "every mon,thu"},
		{"every mon , thursday", "every mon,thu"},
		{"every mon thu", "every mon,thu"},
		{"weekly mon,thu", "every mon,thu"},
		{"weekly mon, thu", "every mon,thu"},
		{"DAILY", "daily"},
		{" Daily ", "daily"},
		{"Taper 1D  1d 3D\t7d", "taper 1d 1d 3d 7d"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseRule(tt.in)
			if err != nil {
				t.Fatalf("ParseRule(%q): %v", tt.in, err)
			}
			if got.String() != tt.want {
				t.Errorf("ParseRule(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestParseRuleErrors(t *testing.T) {
	tests := []struct {
		name, in string
		why      string // a part of the message that says what is wrong
	}{
		{"empty", "", "empty"},
		{"blank", "   ", "empty"},
		{"every alone", "every", "every what?"},
		{"zero interval", "every 0d", "not a span like 90d"},
		{"negative interval", "every -5d", "neither a span nor a weekday"},
		{"leading zero", "every 090d", "not a span like 90d"},
		{"plus sign", "every +5d", "neither a span nor a weekday"},
		{"no unit", "every 90", "neither a span nor a weekday"},
		{"unknown unit", "every 90x", "neither a span nor a weekday"},
		{"unit word", "every 90 days", "neither a span nor a weekday"},
		{"hours", "every 3h", "neither a span nor a weekday"},
		{"longer than ten years", "every 11y", "longer than ten years"},
		{"too many days", "every 3661d", "longer than ten years"},
		{"too many months", "every 123m", "longer than ten years"},
		{"bad weekday in a list", "every mon,fry", `"fry"`},
		{"weekly without a day", "weekly", "weekly what?"},
		{"weekly with a bad day", "weekly funday", `"funday" is not a weekday`},
		{"daily with an argument", "daily 2", "daily takes nothing"},
		{"taper without steps", "taper", "taper needs its steps"},
		{"taper with a bad step", "taper 1d 0d", `"0d"`},
		{"taper with a word", "taper 1d often", `"often"`},
		{"taper too long", "taper" + strings.Repeat(" 1d", 33), "at most 32 taper steps"},
		{"bare weekday", "fri", ""},
		{"nonsense", "sometimes", ""},
		{"bare span with extra", "90d please", ""},
		{"monthly", "monthly", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, err := ParseRule(tt.in)
			if err == nil {
				t.Fatalf("ParseRule(%q) = %q, want an error", tt.in, r)
			}
			if !errors.Is(err, ErrBadRule) {
				t.Errorf("ParseRule(%q) error %q does not wrap ErrBadRule", tt.in, err)
			}
			if !strings.Contains(err.Error(), ValidRuleForms) {
				t.Errorf("ParseRule(%q) error %q does not list the valid forms", tt.in, err)
			}
			if !strings.Contains(err.Error(), tt.why) {
				t.Errorf("ParseRule(%q) error %q does not say %q", tt.in, err, tt.why)
			}
			if !r.IsZero() {
				t.Errorf("ParseRule(%q) returned %v with its error", tt.in, r)
			}
		})
	}
}

func TestParseRuleTaperLimit(t *testing.T) {
	r, err := ParseRule("taper" + strings.Repeat(" 1d", 32))
	if err != nil {
		t.Fatalf("32 taper steps: %v", err)
	}
	if len(r.Steps) != 32 {
		t.Errorf("got %d steps, want 32", len(r.Steps))
	}
}

func TestValidRuleFormsAllParse(t *testing.T) {
	// Every form the error message offers must itself be accepted.
	for _, form := range []string{"every 90d", "90d", "every 2w", "every 3m", "every 1y", "weekly fri", "every mon,thu", "daily", "taper 1d 1d 3d 7d"} {
		if !strings.Contains(ValidRuleForms, form) {
			t.Errorf("ValidRuleForms does not mention %q", form)
		}
		if _, err := ParseRule(form); err != nil {
			t.Errorf("ParseRule(%q): %v", form, err)
		}
	}
}

func TestMustRulePanics(t *testing.T) {
	if got := MustRule("weekly fri").String(); got != "weekly fri" {
		t.Errorf("MustRule(weekly fri) = %q", got)
	}
	defer func() {
		if recover() == nil {
			t.Error("MustRule(\"fortnightly\") did not panic")
		}
	}()
	MustRule("fortnightly")
}

func TestRuleEqual(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"every 90d", "90d", true},
		{"every 90d", "every 91d", false},
		{"every 2w", "every 14d", false}, // the same length, but not the same rule as typed
		{"every 12m", "every 1y", false},
		{"weekly fri", "every fri", true},
		{"every mon,thu", "every thu,mon", true},
		{"every mon,thu", "every mon,fri", false},
		{"taper 1d 3d", "taper 1d 3d", true},
		{"taper 1d 3d", "taper 1d 3d 3d", false},
		{"daily", "every mon,tue,wed,thu,fri", false},
	}
	for _, tt := range tests {
		t.Run(tt.a+" vs "+tt.b, func(t *testing.T) {
			if got := MustRule(tt.a).Equal(MustRule(tt.b)); got != tt.want {
				t.Errorf("Equal = %v, want %v", got, tt.want)
			}
		})
	}
	if !(Rule{}).IsZero() || (Rule{}).String() != "" {
		t.Error("the zero Rule is not the empty rule")
	}
}

func TestParseSpan(t *testing.T) {
	good := map[string]Span{"1d": {1, Days}, "90d": {90, Days}, "2w": {2, Weeks}, "3m": {3, Months}, "1y": {1, Years}, "522w": {522, Weeks}}
	for in, want := range good {
		got, err := ParseSpan(in)
		if err != nil || got != want {
			t.Errorf("ParseSpan(%q) = %v, %v; want %v", in, got, err, want)
		}
		if got.String() != in {
			t.Errorf("%v.String() = %q, want %q", got, got.String(), in)
		}
	}
	for _, in := range []string{"", "d", "0d", "01d", "+1d", "-1d", "1", "1D", "1h", "1 d", "523w", "11y", "3661d", "99999999999999999999d"} {
		if got, err := ParseSpan(in); err == nil {
			t.Errorf("ParseSpan(%q) = %v, want an error", in, got)
		}
	}
}

func TestSpanAfterAndDays(t *testing.T) {
	tests := []struct {
		span     string
		from     string
		want     string
		wantDays int
	}{
		{"90d", "2026-11-25", "2027-02-23", 90},
		{"2w", "2026-11-25", "2026-12-09", 14},
		{"3m", "2026-11-25", "2027-02-25", 90},
		{"1m", "2027-01-31", "2027-02-28", 30},
		{"1m", "2028-01-31", "2028-02-29", 30},
		{"1y", "2028-02-29", "2029-02-28", 365},
		{"4y", "2028-02-29", "2032-02-29", 1460},
		{"1y", "2026-11-25", "2027-11-25", 365},
	}
	for _, tt := range tests {
		t.Run(tt.span+" after "+tt.from, func(t *testing.T) {
			sp, err := ParseSpan(tt.span)
			if err != nil {
				t.Fatal(err)
			}
			if got := sp.After(d(tt.from)); got != d(tt.want) {
				t.Errorf("%s after %s = %s, want %s", tt.span, tt.from, got, tt.want)
			}
			if got := sp.Days(); got != tt.wantDays {
				t.Errorf("%s.Days() = %d, want %d", tt.span, got, tt.wantDays)
			}
		})
	}
}

func TestStepSpanAndApproxDays(t *testing.T) {
	taper := MustRule("taper 1d 1d 3d 7d")
	for step, want := range map[int]string{-1: "1d", 0: "1d", 1: "1d", 2: "3d", 3: "7d", 4: "7d", 100: "7d"} {
		if got := taper.StepSpan(step).String(); got != want {
			t.Errorf("StepSpan(%d) = %s, want %s", step, got, want)
		}
	}
	if got := (Rule{Kind: Taper}).StepSpan(0); got != (Span{1, Days}) {
		t.Errorf("a taper without steps uses %v, want 1d", got)
	}

	tests := []struct {
		rule string
		step int
		want int
	}{
		{"every 90d", 0, 90},
		{"every 2w", 0, 14},
		{"every 3m", 0, 90},
		{"every 1y", 0, 365},
		{"daily", 0, 1},
		{"weekly fri", 0, 7},
		{"every mon,thu", 0, 3},
		{"every mon,tue,wed,thu,fri,sat,sun", 0, 1},
		{"taper 1d 1d 3d 7d", 0, 1},
		{"taper 1d 1d 3d 7d", 2, 3},
		{"taper 1d 1d 3d 7d", 9, 7},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s at step %d", tt.rule, tt.step), func(t *testing.T) {
			if got := MustRule(tt.rule).ApproxDays(tt.step); got != tt.want {
				t.Errorf("ApproxDays(%d) = %d, want %d", tt.step, got, tt.want)
			}
		})
	}
	if got := (Rule{}).ApproxDays(0); got != 0 {
		t.Errorf("no rule ApproxDays = %d, want 0", got)
	}
}
