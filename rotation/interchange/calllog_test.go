package interchange

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rotate/rotation"
)

var updateGolden = flag.Bool("update", false, "rewrite the golden files of testdata/calls")

// callSample reads a sample call log of testdata/calls.
func callSample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "calls", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func readSBRBytes(b []byte) ([]PhoneCall, error)     { return ReadSBRCalls(bytes.NewReader(b)) }
func readFossifyBytes(b []byte) ([]PhoneCall, error) { return ReadFossifyCalls(bytes.NewReader(b)) }

func TestReadCallLogSamples(t *testing.T) {
	sbr, err := readSBRBytes(callSample(t, "calls-sbr.xml"))
	if err != nil {
		t.Fatal(err)
	}
	fossify, err := readFossifyBytes(callSample(t, "calls-fossify.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(sbr) != 13 || len(fossify) != 12 {
		t.Fatalf("read %d SBR and %d Fossify calls, want 13 and 12", len(sbr), len(fossify))
	}
	want := PhoneCall{Num: 1, Line: 5, Number: "+49 30 1234567", Name: "Jane Roe",
		At: time.Date(2026, 12, 1, 9, 0, 0, 123e6, time.UTC), Seconds: 95, Type: CallOutgoing}
	if sbr[0] != want {
		t.Errorf("SBR record 1 = %+v\nwant %+v", sbr[0], want)
	}
	if c := sbr[6]; c.Number != "-1" || c.Type != CallMissed || c.Name != "" {
		t.Errorf("SBR record 7 (a hidden caller, named (Unknown)) = %+v", c)
	}
	// The unknown caller's "name" in Fossify's file is its number: no name.
	if c := fossify[0]; c.Number != "+447700900123" || c.Name != "" || c.Type != CallMissed {
		t.Errorf("Fossify record 1 = %+v", c)
	}
	// Both apps copy Android's record: the same call has the same key.
	keys := map[string]bool{}
	for _, c := range sbr {
		keys[c.Key()] = true
	}
	for _, c := range fossify {
		if !keys[c.Key()] {
			t.Errorf("Fossify record %d (%s at %s) has a key the SBR file does not", c.Num, c.Number, c.At)
		}
	}
}

func TestFossifyGroupedCalls(t *testing.T) {
	in := `[{"id":1,"phoneNumber":"+4930123456","name":"Jane","startTS":2000,"duration":30,"type":2,
	"groupedCalls":[{"id":1,"phoneNumber":"+4930123456","name":"Jane","startTS":2000,"duration":30,"type":2},
	{"id":2,"phoneNumber":"+4930123456","name":"Jane","startTS":1000,"duration":0,"type":3}]},
	{"id":3,"phoneNumber":"+4930999999","name":"Bob","startTS":500,"duration":0,"type":2,"groupedCalls":null}]`
	calls, err := readFossifyBytes([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range calls {
		got = append(got, fmt.Sprintf("%d:%s@%d/%s", c.Num, c.Number, c.At.UnixMilli(), c.Type))
	}
	want := "1:+4930123456@2000/outgoing 1:+4930123456@1000/missed 2:+4930999999@500/outgoing"
	if strings.Join(got, " ") != want {
		t.Errorf("got %s\nwant %s", strings.Join(got, " "), want)
	}
}

// TestCallLogMalformed: a file with one bad record is refused whole, and
// the error names the record (the CLI's exit 2 with the record number).
func TestCallLogMalformed(t *testing.T) {
	sbrCall := func(attrs string) string { return "<call " + attrs + " />" }
	sbrFile := func(calls ...string) string {
		return "<?xml version='1.0' encoding='UTF-8'?>\n<calls count=\"3\">\n" + strings.Join(calls, "\n") + "\n</calls>\n"
	}
	good := sbrCall(`number="+4930123456" duration="5" date="1796115600000" type="2"`)
	fossify := func(recs ...string) string { return "[" + strings.Join(recs, ",\n") + "]" }
	fgood := `{"phoneNumber":"+4930123456","name":"Jane","startTS":1796115600000,"duration":5,"type":2}`
	for _, tc := range []struct {
		name, in string
		read     func([]byte) ([]PhoneCall, error)
		want     string
	}{
		{"sbr date", sbrFile(good, good, sbrCall(`number="1" date="yesterday" type="2"`)), readSBRBytes, `record 3 (line 5): date "yesterday" is not a whole number`},
		{"sbr no type", sbrFile(good, sbrCall(`number="1" date="1796115600000"`)), readSBRBytes, "record 2 (line 4): no type attribute"},
		{"sbr no date", sbrFile(sbrCall(`number="1" type="2"`)), readSBRBytes, "record 1 (line 3): no date attribute"},
		{"sbr negative duration", sbrFile(good, sbrCall(`number="1" duration="-4" date="1796115600000" type="1"`)), readSBRBytes, "record 2 (line 4): duration -4 is out of range"},
		{"sbr type 0", sbrFile(sbrCall(`number="1" date="1796115600000" type="0"`)), readSBRBytes, "record 1 (line 3): type 0 is not a call type"},
		{"sbr zero date", sbrFile(good, sbrCall(`number="1" date="0" type="1"`)), readSBRBytes, "record 2 (line 4): the call has no time"},
		{"sbr far future", sbrFile(sbrCall(`number="1" date="999999999999999999" type="1"`)), readSBRBytes, "record 1 (line 3): the time 999999999999999999 is out of range"},
		{"sbr long number", sbrFile(sbrCall(`number="` + strings.Repeat("1", 65) + `" date="1796115600000" type="1"`)), readSBRBytes, "record 1 (line 3): the number is 65 bytes long"},
		{"sbr cut short", "<calls>\n" + good + "\n<call number=", readSBRBytes, "malformed file: line 3:"},
		{"sbr messages", "<smses count=\"0\"></smses>", readSBRBytes, "holds <smses>, not <calls>"},
		{"sbr not xml", "name,phone\nJane,123\n", readSBRBytes, "no <calls> element"},
		{"fossify type text", fossify(fgood, `{"phoneNumber":"1","startTS":1796115600000,"type":"outgoing"}`), readFossifyBytes, "record 2 (line 2): type should be a int64, not string"},
		{"fossify no time", fossify(fgood, fgood, `{"phoneNumber":"1","type":2}`), readFossifyBytes, "record 3 (line 3): the call has no time (date 0)"},
		{"fossify broken", fossify(fgood, `{"phoneNumber":"1",`), readFossifyBytes, "malformed file"},
		{"fossify null record", fossify(fgood, `null`), readFossifyBytes, "record 2 (line 2): the call has no time"},
		{"fossify object", `{"calls":[]}`, readFossifyBytes, "not a JSON list of calls"},
		{"fossify trailing", fossify(fgood) + "[]", readFossifyBytes, "text after the list of calls"},
		{"fossify grouped bad", fossify(`{"phoneNumber":"1","startTS":5,"type":2,"groupedCalls":[` + fgood + `,{"startTS":5,"type":99999}]}`), readFossifyBytes, "record 1 (line 1): grouped call 2: type 99999 is not a call type"},
		{"fossify empty", "", readFossifyBytes, "malformed file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			calls, err := tc.read([]byte(tc.in))
			if err == nil {
				t.Fatalf("read %d calls, want the error %q", len(calls), tc.want)
			}
			if !errors.Is(err, ErrFormat) {
				t.Errorf("error %v is not ErrFormat", err)
			}
			if calls != nil {
				t.Errorf("returned %d calls with the error; all or nothing", len(calls))
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q\nwant it to hold %q", err, tc.want)
			}
		})
	}
}

// TestCallLogNameCleaned: a name from the file is one clean line, cut to
// a sane length; escape sequences do not reach the terminal.
func TestCallLogNameCleaned(t *testing.T) {
	in := `<calls><call number="+4930123456" date="1796115600000" type="2" contact_name="Eve&#155;[2J&#10;` + strings.Repeat("é", 400) + `" /></calls>`
	calls, err := readSBRBytes([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	name := calls[0].Name
	if strings.ContainsAny(name, "\u009b\n") || len(name) > maxCallName {
		t.Errorf("name %q (%d bytes) not cleaned", name[:20], len(name))
	}
}

// sampleBook is the book the sample call logs are matched against: its
// numbers are written as people type them, in the region DE.
func sampleBook() []rotation.Contact {
	p := func(n ...string) []rotation.Phone {
		var out []rotation.Phone
		for _, x := range n {
			out = append(out, rotation.Phone{Number: x})
		}
		return out
	}
	return []rotation.Contact{
		{ID: 1, Name: "Jane Roe", Phones: p("030 1234567")},
		{ID: 2, Name: "Marco Rossi", Phones: p("+39 06 1234 5678")},
		{ID: 3, Name: "Ana Silva", Phones: p("+55 (11) 91234 5678")},
		{ID: 4, Name: "Bob Smith", Phones: p("+1 415-555-0100", "+1 415 555 0111"), History: rotation.History{LastCall: rotation.MustDate("2026-12-03")}},
		{ID: 5, Name: "Chloé Martin", Phones: p("+33 1 23 45 67 89")},
		{ID: 6, Name: "Kenji Sato", Phones: p("+81 3 1234 5678"), History: rotation.History{LastCall: rotation.MustDate("2026-12-02")}},
	}
}

// proposalsText is what matching found, one line per call, for goldens.
func proposalsText(m CallMatch) string {
	var b strings.Builder
	line := func(kind string, p CallProposal) {
		fmt.Fprintf(&b, "%s %s %-12s %-3s %-9s %4ds", kind, p.Call.At.Format("2006-01-02 15:04"), p.Name, p.Direction, p.Outcome, p.Call.Seconds)
		if p.Returned {
			b.WriteString(" returned call")
		}
		if p.Logged != 0 {
			fmt.Fprintf(&b, " = call %d", p.Logged)
		}
		fmt.Fprintf(&b, " (record %d)\n", p.Call.Num)
	}
	for _, p := range m.Proposed {
		line("propose", p)
	}
	for _, p := range m.Already {
		line("already", p)
	}
	for _, u := range m.Unknown {
		fmt.Fprintf(&b, "unknown %q %q %d calls\n", u.Number, u.Name, u.Calls)
	}
	fmt.Fprintf(&b, "unknown calls: %d\n", m.UnknownCalls)
	for _, s := range m.Skipped {
		fmt.Fprintf(&b, "skipped %s %q %s: %s (record %d)\n", s.Call.At.Format("2006-01-02 15:04"), s.Name, s.Call.Type, s.Reason, s.Call.Num)
	}
	return b.String()
}

func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "calls", name)
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs (go test -run %s -update rewrites it):\ngot:\n%s\nwant:\n%s", name, t.Name(), got, want)
	}
}

// TestMatchCallsGolden: the proposals of the two sample files against the
// sample book, in the region DE, on 2026-12-03.
func TestMatchCallsGolden(t *testing.T) {
	opts := MatchOptions{Region: "DE", MinSeconds: DefaultMinSeconds, Today: rotation.MustDate("2026-12-03")}
	for _, tc := range []struct{ file, golden string }{
		{"calls-sbr.xml", "calls-sbr.golden"},
		{"calls-fossify.json", "calls-fossify.golden"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			read := readSBRBytes
			if strings.HasSuffix(tc.file, ".json") {
				read = readFossifyBytes
			}
			calls, err := read(callSample(t, tc.file))
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, tc.golden, proposalsText(MatchCalls(calls, sampleBook(), nil, opts)))
		})
	}
}

func TestProposalRules(t *testing.T) {
	for _, tc := range []struct {
		t        CallType
		secs     int
		dir      rotation.Direction
		o        rotation.Outcome
		returned bool
		skipped  bool
	}{
		{CallOutgoing, 20, rotation.Out, rotation.Reached, false, false},
		{CallOutgoing, 19, rotation.Out, rotation.NoAnswer, false, false},
		{CallOutgoing, 0, rotation.Out, rotation.NoAnswer, false, false},
		{CallIncoming, 20, rotation.In, rotation.Reached, false, false},
		{CallIncoming, 5, "", "", false, true},
		{CallAnsweredElsewhere, 600, rotation.In, rotation.Reached, false, false},
		{CallMissed, 0, rotation.In, rotation.NoAnswer, true, false},
		{CallVoicemail, 40, rotation.In, rotation.Voicemail, true, false},
		{CallRejected, 0, rotation.In, rotation.NoAnswer, true, false},
		{CallBlocked, 0, "", "", false, true},
		{CallType(42), 100, "", "", false, true},
	} {
		dir, o, returned, skip := proposal(tc.t, tc.secs, 20)
		if skip == "" {
			// The rules agree: what matching calls a returned call is one.
			touch := rotation.Touch{Via: rotation.KindCall, Direction: dir, Outcome: o}
			if err := touch.Check(); err != nil || touch.ReturnedCall() != returned {
				t.Errorf("%s: the touch %+v: check %v, returned call %v; matching says %v", tc.t, touch, err, touch.ReturnedCall(), returned)
			}
		}
		if dir != tc.dir || o != tc.o || returned != tc.returned || (skip != "") != tc.skipped {
			t.Errorf("%s of %d s = %q %q returned=%v skip=%q; want %q %q returned=%v skipped=%v",
				tc.t, tc.secs, dir, o, returned, skip, tc.dir, tc.o, tc.returned, tc.skipped)
		}
	}
}

// TestMatchCallsAlreadyLogged: a record imported before (its key) and a
// call logged by hand near the phone's time are not proposed again; a
// hand-logged call is the phone's call once, and only near it.
func TestMatchCallsAlreadyLogged(t *testing.T) {
	book := []rotation.Contact{{ID: 1, Name: "Jane", Phones: []rotation.Phone{{Number: "+4930123456"}}}}
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	calls := []PhoneCall{
		{Num: 1, Number: "+4930123456", At: at, Seconds: 300, Type: CallOutgoing},
		{Num: 2, Number: "+4930123456", At: at.Add(2 * time.Hour), Seconds: 60, Type: CallOutgoing},
		{Num: 3, Number: "+4930123456", At: at.Add(2*time.Hour + 3*time.Minute), Seconds: 0, Type: CallOutgoing},
		{Num: 4, Number: "+4930123456", At: at.Add(5 * time.Hour), Seconds: 0, Type: CallMissed},
	}
	opts := MatchOptions{MinSeconds: 20, Today: rotation.MustDate("2026-12-03")}
	logged := []LoggedCall{
		// Logged by hand 12 minutes after a 5-minute call began: 7 after it ended.
		{ID: 10, ContactID: 1, At: at.Add(12 * time.Minute), Kind: rotation.KindCall},
		// One hand-logged call near records 2 and 3: it is record 2's (nearer).
		{ID: 11, ContactID: 1, At: at.Add(2*time.Hour + time.Minute), Kind: rotation.KindCall},
		// An e-mail is not a phone call.
		{ID: 12, ContactID: 1, At: at.Add(5 * time.Hour), Kind: "email"},
		// Imported before.
		{ID: 13, ContactID: 1, At: at.Add(5 * time.Hour), Key: calls[3].Key()},
	}
	m := MatchCalls(calls, book, logged, opts)
	var got []string
	for _, p := range m.Proposed {
		got = append(got, fmt.Sprintf("propose %d", p.Call.Num))
	}
	for _, p := range m.Already {
		got = append(got, fmt.Sprintf("already %d=%d", p.Call.Num, p.Logged))
	}
	if want := "propose 3 already 1=10 already 2=11 already 4=0"; strings.Join(got, " ") != want {
		t.Errorf("got %s\nwant %s", strings.Join(got, " "), want)
	}
	// Logged late, at the end of a morning of calls: still that call,
	// up to DefaultLateWindow after it ended; earlier than
	// DefaultMatchWindow before it began, or later, another call.
	for _, tc := range []struct {
		after time.Duration // from the phone's record's start to the hand-logged call
		same  bool
	}{
		{5*time.Minute + 2*time.Hour, true},
		{5*time.Minute + DefaultLateWindow, true},
		{5*time.Minute + DefaultLateWindow + time.Minute, false},
		{-DefaultMatchWindow, true},
		{-DefaultMatchWindow - time.Minute, false},
	} {
		logged[0].At = at.Add(tc.after)
		m := MatchCalls(calls[:1], book, logged[:1], opts)
		if same := len(m.Already) == 1; same != tc.same {
			t.Errorf("logged by hand %v after the phone's call began: the same call %v, want %v", tc.after, same, tc.same)
		}
	}
	// The same file twice: nothing the second time (the keys are stored).
	var keys []LoggedCall
	for _, p := range MatchCalls(calls, book, nil, opts).Proposed {
		keys = append(keys, LoggedCall{ContactID: p.ContactID, Key: p.Key, At: p.Call.At})
	}
	if m := MatchCalls(calls, book, keys, opts); len(m.Proposed) != 0 || len(m.Already) != len(calls) {
		t.Errorf("second import proposes %d, already %d; want 0 and %d", len(m.Proposed), len(m.Already), len(calls))
	}
}

// TestMatchCallsNumbers: numbers are compared as import compares them.
func TestMatchCallsNumbers(t *testing.T) {
	book := []rotation.Contact{
		{ID: 1, Name: "Urs", Phones: []rotation.Phone{{Number: "079 555 10 01"}}},
		{ID: 2, Name: "Desk A", Phones: []rotation.Phone{{Number: "+41 44 555 00 00"}}},
		{ID: 3, Name: "Desk B", Phones: []rotation.Phone{{Number: "+41445550000"}}},
	}
	at := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	call := func(n string) []PhoneCall {
		return []PhoneCall{{Num: 1, Number: n, At: at, Seconds: 60, Type: CallOutgoing}}
	}
	for _, tc := range []struct {
		region, number string
		want           string // contact name, "unknown" or "skipped"
	}{
		{"CH", "+41795551001", "Urs"},
		{"CH", "0041 79 555 10 01", "Urs"},
		{"", "+41795551001", "Urs"}, // no region: by national digits
		{"DE", "+41795551001", "unknown"},
		{"CH", "+41 44 555 0000", "skipped"}, // two contacts share it
		{"CH", "-1", "unknown"},
		{"CH", "", "unknown"},
	} {
		m := MatchCalls(call(tc.number), book, nil, MatchOptions{Region: tc.region, MinSeconds: 20})
		got := "?"
		switch {
		case len(m.Proposed) == 1:
			got = m.Proposed[0].Name
		case m.UnknownCalls == 1:
			got = "unknown"
		case len(m.Skipped) == 1:
			got = "skipped"
		}
		if got != tc.want {
			t.Errorf("%q in region %q: %s, want %s", tc.number, tc.region, got, tc.want)
		}
	}
}
