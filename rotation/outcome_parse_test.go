package rotation

import (
	"strings"
	"testing"
)

func TestParseOutcome(t *testing.T) {
	tests := []struct {
		in   string
		want Outcome
	}{
		{"reached", Reached},
		{"Reached", Reached},
		{" REACHED ", Reached},
		{"voicemail", Voicemail},
		{"vm", Voicemail},
		{"no-answer", NoAnswer},
		{"no answer", NoAnswer},
		{"No_Answer", NoAnswer},
		{"noanswer", NoAnswer},
		{"callback", Callback},
		{"wrong-number", WrongNumber},
		{"wrong number", WrongNumber},
		{"wrongnumber", WrongNumber},
		{"wrong", WrongNumber},
		{"not-a-fit", NotAFit},
		{"not a fit", NotAFit},
		{"notafit", NotAFit},
		{"not-fit", NotAFit},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := ParseOutcome(tt.in)
			if err != nil || got != tt.want {
				t.Errorf("ParseOutcome(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
	for _, o := range Outcomes {
		if got, err := ParseOutcome(string(o)); err != nil || got != o {
			t.Errorf("ParseOutcome(%q) = %q, %v", o, got, err)
		}
	}
	for _, in := range []string{"", "reach", "busy", "no", "call back later", "fit"} {
		t.Run("bad "+in, func(t *testing.T) {
			got, err := ParseOutcome(in)
			if err == nil {
				t.Fatalf("ParseOutcome(%q) = %q, want an error", in, got)
			}
			for _, o := range Outcomes {
				if !strings.Contains(err.Error(), string(o)) {
					t.Errorf("error %q does not offer %q", err, o)
				}
			}
		})
	}
}

func TestIsMiss(t *testing.T) {
	want := map[Outcome]bool{Reached: false, Voicemail: true, NoAnswer: true, Callback: false, WrongNumber: false, NotAFit: false, Sent: false}
	if len(want) != len(Outcomes) {
		t.Fatalf("Outcomes has %d entries, the test knows %d", len(Outcomes), len(want))
	}
	for o, miss := range want {
		if o.IsMiss() != miss {
			t.Errorf("%s.IsMiss() = %v, want %v", o, o.IsMiss(), miss)
		}
	}
}
