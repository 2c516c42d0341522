package interchange

import (
	"strings"
	"testing"
	"unicode/utf8"

	"rotate/rotation"
)

// checkCalls states what every call-log reader promises of what it
// returns, whatever the input: all or nothing, clean one-line text of
// bounded length, numbers in range, records numbered in order, no more
// calls than the input has bytes; and matching them never fails.
func checkCalls(t *testing.T, data []byte, calls []PhoneCall, err error) {
	t.Helper()
	if err != nil {
		if calls != nil {
			t.Fatalf("%d calls returned with the error %v", len(calls), err)
		}
		return
	}
	if len(calls) > len(data) {
		t.Fatalf("%d calls from %d bytes", len(calls), len(data))
	}
	last := 0
	for _, c := range calls {
		for _, s := range []string{c.Number, c.Name} {
			if !utf8.ValidString(s) || strings.ContainsAny(s, "\x00\r\n\x1b\u009b") {
				t.Fatalf("record %d holds %q", c.Num, s)
			}
		}
		if len(c.Number) > maxCallNumber || len(c.Name) > maxCallName {
			t.Fatalf("record %d: a number of %d bytes, a name of %d", c.Num, len(c.Number), len(c.Name))
		}
		if c.Seconds < 0 || c.Seconds > MaxCallSeconds || c.Type < 1 || c.At.Year() < 1970 || c.At.Year() > 9999 {
			t.Fatalf("record %d out of range: %+v", c.Num, c)
		}
		if c.Num < last || c.Num < 1 || c.Line < 1 {
			t.Fatalf("record %d (line %d) after record %d", c.Num, c.Line, last)
		}
		last = c.Num
	}
	book := sampleBook()
	m := MatchCalls(calls, book, nil, MatchOptions{Region: "DE", MinSeconds: DefaultMinSeconds, Today: rotation.MustDate("2026-12-03")})
	if n := len(m.Proposed) + len(m.Already) + len(m.Skipped) + m.UnknownCalls; n != len(calls) {
		t.Fatalf("%d calls matched into %d", len(calls), n)
	}
	for _, p := range m.Proposed {
		if p.ContactID < 1 || p.ContactID > int64(len(book)) || p.Outcome == "" || (p.Direction != rotation.In && p.Direction != rotation.Out) {
			t.Fatalf("proposal %+v", p)
		}
	}
}

// FuzzSBRCalls feeds the SMS Backup & Restore reader anything.
func FuzzSBRCalls(f *testing.F) {
	f.Add(callSample(f, "calls-sbr.xml"))
	f.Add([]byte(`<calls><call number="-1" date="1" type="3"/><x><call/></x></calls>`))
	f.Add([]byte(`<calls><call number="+4930123456" date="1796115600000" type="2" duration="99999999999"/></calls>`))
	f.Add([]byte("<?xml version='1.0' encoding='ISO-8859-1'?><calls/>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		calls, err := readSBRBytes(data)
		checkCalls(t, data, calls, err)
	})
}

// FuzzFossifyCalls feeds the Fossify Phone reader anything.
func FuzzFossifyCalls(f *testing.F) {
	f.Add(callSample(f, "calls-fossify.json"))
	f.Add([]byte(`[{"phoneNumber":"1","startTS":5,"type":2,"groupedCalls":[{"startTS":5,"type":3}]}]`))
	f.Add([]byte(`[{"startTS":1e3,"type":2.5}]`))
	f.Add([]byte(`[null,{},[]]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		calls, err := readFossifyBytes(data)
		checkCalls(t, data, calls, err)
	})
}
