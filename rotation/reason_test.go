package rotation

import "testing"

func TestDueReason(t *testing.T) {
	const today = "2026-11-25" // a Wednesday
	tests := []struct {
		name  string
		sched Schedule
		hist  History
		want  string
	}{
		{"interval rotation", active("every 90d"),
			History{LastCall: d("2026-08-23"), LastOutcome: Reached, LastTalk: d("2026-08-23")},
			"90d rotation · last talk 94 days ago"},
		{"interval never reached", active("every 2w"), History{},
			"2w rotation · first call"},
		{"calendar months", active("every 3m"),
			History{LastCall: d("2026-11-24"), LastOutcome: Reached, LastTalk: d("2026-11-24")},
			"3m rotation · last talk yesterday"},
		{"retry after a voicemail on monday", active("every 90d").withTries(2),
			History{LastCall: d("2026-11-23"), LastOutcome: Voicemail, LastTalk: d("2026-08-23")},
			"retry 2 · voicemail Mon"},
		{"retry after no answer today", active("every 90d").withTries(1),
			History{LastCall: d("2026-11-25"), LastOutcome: NoAnswer},
			"retry 1 · no-answer today"},
		{"retry after a miss a week ago names the date", active("every 90d").withTries(3),
			History{LastCall: d("2026-11-18"), LastOutcome: Voicemail},
			"retry 3 · voicemail 18 Nov"},
		{"after the fourth miss: the rule's date, still unreachable", active("every 90d").withTries(4),
			History{LastCall: d("2026-11-18"), LastOutcome: Voicemail},
			"every 90d · still unreachable"},
		{"after the sixth miss under an override", active("every 90d").withOverride("every 2w", "2026-12-15").withTries(6),
			History{LastCall: d("2026-11-18"), LastOutcome: NoAnswer},
			"every 2w · still unreachable"},
		{"retry after a miss six days ago names the weekday", active("every 90d").withTries(3),
			History{LastCall: d("2026-11-19"), LastOutcome: NoAnswer},
			"retry 3 · no-answer Thu"},
		{"misses but the last call reached: the rule", active("every 90d").withTries(1),
			History{LastCall: d("2026-11-20"), LastOutcome: Reached, LastTalk: d("2026-11-20")},
			"90d rotation · last talk 5 days ago"},
		{"callback asked on friday", active("every 90d"),
			History{LastCall: d("2026-11-20"), LastOutcome: Callback, LastTalk: d("2026-08-23")},
			"callback · asked Fri"},
		{"callback asked long ago", active("every 90d"),
			History{LastCall: d("2026-10-02"), LastOutcome: Callback},
			"callback · asked 2 Oct"},
		{"friday status", active("weekly fri"),
			History{LastCall: d("2026-11-20"), LastOutcome: Reached, LastTalk: d("2026-11-20")},
			"Friday status"},
		{"two slots", active("every mon,thu"), History{},
			"Monday/Thursday slot"},
		{"slots listed from monday", active("every sun,wed,mon"), History{},
			"Monday/Wednesday/Sunday slot"},
		{"daily", active("daily"),
			History{LastCall: d("2026-11-24"), LastOutcome: Reached, LastTalk: d("2026-11-24")},
			"daily call · last talk yesterday"},
		{"taper at its third step", active("taper 1d 1d 3d 7d").withStep(2),
			History{LastCall: d("2026-11-22"), LastOutcome: Reached, LastTalk: d("2026-11-22")},
			"taper 3d · last talk 3 days ago"},
		{"taper past its end", active("taper 1d 1d 3d 7d").withStep(7), History{},
			"taper 7d · first call"},
		{"the override's rule while it runs", active("every 90d").withOverride("every 2d", "2026-12-15"),
			History{LastCall: d("2026-11-23"), LastOutcome: Reached, LastTalk: d("2026-11-23")},
			"2d rotation · last talk 2 days ago"},
		{"the base rule once the override ended", active("weekly fri").withOverride("daily", "2026-11-24"), History{},
			"Friday status"},
		{"no rule", Schedule{},
			History{LastCall: d("2026-11-15"), LastOutcome: Reached, LastTalk: d("2026-11-15")},
			"last talk 10 days ago"},
		{"no rule, never reached", Schedule{}, History{}, "first call"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DueReason(tt.sched, tt.hist, d(today)); got != tt.want {
				t.Errorf("DueReason = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestAgo(t *testing.T) {
	today := d("2026-11-25")
	tests := []struct {
		day  Date
		want string
	}{
		{0, "never"},
		{today, "today"},
		{d("2026-11-24"), "yesterday"},
		{d("2026-11-20"), "5 days ago"},
		{d("2025-11-25"), "365 days ago"},
		{d("2026-11-26"), "today"}, // a clock skew never reads as the future
	}
	for _, tt := range tests {
		t.Run(tt.want+" "+tt.day.String(), func(t *testing.T) {
			if got := Ago(tt.day, today); got != tt.want {
				t.Errorf("Ago(%s) = %q, want %q", tt.day, got, tt.want)
			}
		})
	}
}
