package interchange

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
)

func TestJSONRoundTrip(t *testing.T) {
	at := time.Date(2026, 11, 20, 14, 3, 0, 0, time.UTC)
	book := Book{
		Settings:    map[string]string{"capacity": "12", "tier.A": "every 30d"},
		ClearedDays: []rotation.Date{rotation.MustDate("2026-11-19"), rotation.MustDate("2026-11-20")},
		Records: []Record{{
			Restore: true,
			Contact: rotation.Contact{Name: "Jane Doe", Phones: phones{ph("+1 415 555 0134", "mobile")}, Email: "jane@x.example",
				Company: "Acme", Tier: "A",
				Schedule: rotation.Schedule{Rule: rotation.MustRule("every 30d"), Override: rotation.MustRule("taper 1d 3d 7d"),
					OverrideUntil: rotation.MustDate("2026-12-31"), Due: rotation.MustDate("2026-12-21"), Attempts: 1, Step: 2, Status: rotation.Active},
				Birthday: rotation.MustDate("1975-09-21"), Tags: []string{"vip"},
				Profile: rotation.Profile{Family: "Jennifer (8)", Message: "line\nbreak"},
				History: rotation.History{LastCall: rotation.MustDate("2026-11-20"), LastOutcome: rotation.Voicemail, LastTalk: rotation.MustDate("2026-11-10")},
				Created: at.Add(-time.Hour), Updated: at},
			Emails: []string{"jane@x.example"},
			Calls: []rotation.Call{
				{ID: 1, At: at.Add(-240 * time.Hour), Day: rotation.MustDate("2026-11-10"), Kind: "call", Outcome: rotation.Reached, Note: "Ballet recital soon.", NextDue: rotation.MustDate("2026-11-20")},
				{ID: 2, At: at, Day: rotation.MustDate("2026-11-20"), Kind: "call", Outcome: rotation.Voicemail, NextDue: rotation.MustDate("2026-12-21")},
			},
			FollowUps: []rotation.FollowUp{
				{Text: "Ask about the recital", Created: at.Add(-240 * time.Hour), CreatedCall: 1},
				{Text: "Send the report", Created: at.Add(-300 * time.Hour), Resolved: at.Add(-240 * time.Hour), ResolvedCall: 1},
			},
			Draft: &rotation.Draft{Outcome: rotation.Reached, Note: "half-typed", Updated: at},
		}, {
			Restore: true,
			Contact: rotation.Contact{Name: "Archived Al", Tier: "C", Schedule: rotation.Schedule{Rule: rotation.MustRule("every 6m"), Status: rotation.Archived},
				Created: at, Updated: at},
		}},
	}
	var buf bytes.Buffer
	if err := WriteJSON(&buf, book); err != nil {
		t.Fatal(err)
	}
	first := buf.String()
	got, errs, err := ReadJSON(strings.NewReader(first))
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	for i := range got.Records {
		got.Records[i].Num, got.Records[i].Line = 0, 0
	}
	if !reflect.DeepEqual(got, book) {
		t.Errorf("read back\n%+v\nwant\n%+v", got, book)
	}
	buf.Reset()
	if err := WriteJSON(&buf, got); err != nil {
		t.Fatal(err)
	}
	if buf.String() != first {
		t.Errorf("written again differently:\n%s\n---\n%s", buf.String(), first)
	}
}

func TestReadJSONErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`{"format": "rotate-book", "version": 1, "contacts": [`, "malformed file: line 1: unexpected end of JSON input"},
		{`{"format": "other"}`, `not a rotate export`},
		{`{"format": "rotate-book", "version": 9}`, "newer rotate"},
		{"{\"format\": \"rotate-book\",\n \"contacts\": {}}", "line 2: contacts should be"},
	}
	for _, tt := range tests {
		_, _, err := ReadJSON(strings.NewReader(tt.in))
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("ReadJSON(%q) = %v, want ErrFormat with %q", tt.in, err, tt.want)
		}
	}
	in := "{\"format\": \"rotate-book\", \"version\": 1,\n\"contacts\": [\n  {\"name\": \"A\", \"rule\": \"sometimes\"},\n  {\"name\": \"B\", \"due\": \"2026-13-01\"},\n  {\"name\": \"C\", \"followups\": [{\"text\": \"x\", \"created_call\": 4}]},\n  {\"name\": \"D\"},\n  {\"name\": 3},\n  {\"name\": \"E\", \"calls\": [{\"ref\": 1, \"at\": \"10000-01-01T00:00:00Z\", \"outcome\": \"reached\"}]}]}"
	book, errs, err := ReadJSON(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	want := []string{`record 1 (line 3): bad cadence rule "sometimes"`, `record 2 (line 4): due: "2026-13-01" is not a date`, "record 3 (line 5): a follow-up names call 4", "record 5 (line 7): name should be a string, not number",
		`record 6 (line 8): the time "10000-01-01T00:00:00Z" is not a time this book can hold`}
	if len(msgs) != len(want) {
		t.Fatalf("errors %q", msgs)
	}
	for i := range want {
		if !strings.HasPrefix(msgs[i], want[i]) {
			t.Errorf("error %q, want %q…", msgs[i], want[i])
		}
	}
	if len(book.Records) != 1 || book.Records[0].Contact.Name != "D" || book.Records[0].Line != 6 {
		t.Errorf("records %+v", book.Records)
	}
}

// A draft's outcome is checked like a call's: an outcome rotate does not
// know refuses the contact with one line, and an alias reads as its
// outcome.
func TestReadJSONDraftOutcome(t *testing.T) {
	in := "{\"format\": \"rotate-book\", \"version\": 1,\n\"contacts\": [\n" +
		"  {\"name\": \"A\", \"calls\": [{\"ref\": 1, \"at\": \"2026-03-02T10:00:00Z\", \"outcome\": \"hung up\"}]},\n" +
		"  {\"name\": \"B\", \"draft\": {\"outcome\": \"hung up\", \"note\": \"x\", \"updated\": \"2026-03-02T10:00:00Z\"}},\n" +
		"  {\"name\": \"C\", \"draft\": {\"outcome\": \"No Answer\", \"note\": \"x\", \"updated\": \"2026-03-02T10:00:00Z\"}},\n" +
		"  {\"name\": \"D\", \"draft\": {\"outcome\": \"\", \"note\": \"x\", \"updated\": \"2026-03-02T10:00:00Z\"}}]}"
	book, errs, err := ReadJSON(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`record 1 (line 3): call 1: unknown outcome "hung up"; use one of`,
		`record 2 (line 4): draft: unknown outcome "hung up"; use one of`,
	}
	if len(errs) != len(want) {
		t.Fatalf("errors %v, want %d", errs, len(want))
	}
	for i, e := range errs {
		if msg := e.Error(); !strings.HasPrefix(msg, want[i]) || strings.Contains(msg, "\n") {
			t.Errorf("error %q, want one line starting %q", msg, want[i])
		}
	}
	if len(book.Records) != 2 {
		t.Fatalf("records %+v", book.Records)
	}
	for i, want := range []rotation.Outcome{rotation.NoAnswer, ""} {
		r := book.Records[i]
		if r.Draft == nil || r.Draft.Outcome != want {
			t.Errorf("%s: draft %+v, want outcome %q", r.Contact.Name, r.Draft, want)
		}
	}
}

// A touch's direction is written when they started it, and read back; a
// direction rotate does not know, or one on a note, refuses the contact.
func TestJSONDirection(t *testing.T) {
	at := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	book := Book{Records: []Record{{Contact: rotation.Contact{Name: "Ivan", Tier: "B", Schedule: rotation.Schedule{Rule: rotation.MustRule("every 90d"), Status: rotation.Active}},
		Calls: []rotation.Call{
			{ID: 1, At: at, Day: rotation.DateOf(at), Kind: rotation.KindCall, Direction: rotation.In, Outcome: rotation.NoAnswer},
			{ID: 2, At: at.Add(time.Hour), Day: rotation.DateOf(at), Kind: rotation.KindText, Direction: rotation.Out, Outcome: rotation.Sent},
		}}}}
	var b strings.Builder
	if err := WriteJSON(&b, book); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(b.String(), `"direction"`); n != 1 || !strings.Contains(b.String(), `"direction": "in"`) {
		t.Fatalf("the export names %d directions, want only the inbound one:\n%s", n, b.String())
	}
	got, errs, err := ReadJSON(strings.NewReader(b.String()))
	if err != nil || len(errs) > 0 || len(got.Records) != 1 {
		t.Fatalf("read back: %v %v %+v", err, errs, got.Records)
	}
	calls := got.Records[0].Calls
	if len(calls) != 2 || calls[0].Direction != rotation.In || calls[1].Direction != "" || calls[1].Kind != rotation.KindText {
		t.Errorf("calls read back %+v", calls)
	}
	in := "{\"format\": \"rotate-book\", \"version\": 1,\n\"contacts\": [\n" +
		"  {\"name\": \"A\", \"calls\": [{\"ref\": 1, \"at\": \"2026-03-02T10:00:00Z\", \"outcome\": \"reached\", \"direction\": \"sideways\"}]},\n" +
		"  {\"name\": \"B\", \"calls\": [{\"ref\": 1, \"at\": \"2026-03-02T10:00:00Z\", \"kind\": \"note\", \"direction\": \"in\"}]}]}"
	_, errs, err = ReadJSON(strings.NewReader(in))
	if err != nil || len(errs) != 2 || !strings.Contains(errs[0].Error(), `unknown direction "sideways"`) || !strings.Contains(errs[1].Error(), "a note has no direction") {
		t.Errorf("errors %v, %v", err, errs)
	}
}
