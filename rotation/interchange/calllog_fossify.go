package interchange

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
)

// fossifyCall is one element of Fossify Phone's call-history export
// (Settings → Export call history): the app's RecentCall written by
// kotlinx.serialization as a JSON array, e.g.
//
//	[{"id":412,"phoneNumber":"+4930123456","name":"Jane Roe","photoUri":"",
//	  "startTS":1764763200000,"duration":95,"type":2,"simID":1,
//	  "specificNumber":"","specificType":"","isUnknownNumber":false}]
//
// startTS is Android's CallLog.Calls.DATE (milliseconds since 1970),
// duration seconds, type Android's call type. Only the fields read here
// are named; the rest are left alone. A record grouped by the app
// ("groupedCalls", which holds the record itself first) stands for the
// calls of its group.
type fossifyCall struct {
	PhoneNumber string        `json:"phoneNumber"`
	Name        string        `json:"name"`
	StartTS     int64         `json:"startTS"`
	Duration    int64         `json:"duration"`
	Type        int64         `json:"type"`
	Unknown     bool          `json:"isUnknownNumber"`
	Grouped     []fossifyLeaf `json:"groupedCalls"`
}

// fossifyLeaf is a call of a group: its own groups are not read.
type fossifyLeaf struct {
	PhoneNumber string `json:"phoneNumber"`
	Name        string `json:"name"`
	StartTS     int64  `json:"startTS"`
	Duration    int64  `json:"duration"`
	Type        int64  `json:"type"`
	Unknown     bool   `json:"isUnknownNumber"`
}

// ReadFossifyCalls reads Fossify Phone's call-history export. It is all
// or nothing: one malformed record refuses the whole file with an error
// (ErrFormat) naming the record and its line.
func ReadFossifyCalls(r io.Reader) ([]PhoneCall, error) {
	b, err := readAll(r)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	d := json.NewDecoder(bytes.NewReader(b))
	tok, err := d.Token()
	if err != nil {
		return nil, fmt.Errorf("%w: %s", ErrFormat, jsonErrText(b, err))
	}
	if tok != json.Delim('[') {
		return nil, fmt.Errorf("%w: the file is not a JSON list of calls; export the call history from Fossify Phone's settings", ErrFormat)
	}
	var calls []PhoneCall
	lines := lineCounter{b: b, line: 1}
	for num := 1; d.More(); num++ {
		line := lines.at(skipSpace(b, d.InputOffset()))
		var f fossifyCall
		if err := d.Decode(&f); err != nil {
			return nil, callLogError(num, line, errors.New(fossifyErrText(err)))
		}
		leaves := f.Grouped
		if len(leaves) == 0 {
			leaves = []fossifyLeaf{{f.PhoneNumber, f.Name, f.StartTS, f.Duration, f.Type, f.Unknown}}
		}
		for i, l := range leaves {
			if len(calls) >= MaxCalls {
				return nil, fmt.Errorf("%w: more than %d calls; split the file", ErrFormat, MaxCalls)
			}
			name := l.Name
			if name == l.PhoneNumber || l.Unknown {
				name = "" // the app writes the number, or "Unknown", as the name of an unknown caller
			}
			c := PhoneCall{Num: num, Line: line}
			if err := c.callFields(l.PhoneNumber, name, l.StartTS, l.Duration, l.Type); err != nil {
				if len(f.Grouped) > 0 {
					err = fmt.Errorf("grouped call %d: %w", i+1, err)
				}
				return nil, callLogError(num, line, err)
			}
			calls = append(calls, c)
		}
	}
	if _, err := d.Token(); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrFormat, jsonErrText(b, err))
	}
	if _, err := d.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("%w: text after the list of calls", ErrFormat)
	}
	return calls, nil
}

// fossifyErrText says what is wrong with a record that does not decode.
func fossifyErrText(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Sprintf("%s should be a %s, not %s", te.Field, te.Type, te.Value)
	}
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return "broken JSON: " + se.Error()
	}
	return err.Error()
}

// skipSpace is the offset of the first byte at or after off that is not
// white space or the comma between two values.
func skipSpace(b []byte, off int64) int64 {
	for off < int64(len(b)) {
		switch b[off] {
		case ' ', '\t', '\r', '\n', ',':
			off++
			continue
		}
		break
	}
	return off
}

// lineCounter turns growing offsets into line numbers without counting
// from the start each time.
type lineCounter struct {
	b    []byte
	off  int64
	line int
}

func (l *lineCounter) at(off int64) int {
	off = min(max(off, l.off), int64(len(l.b)))
	l.line += bytes.Count(l.b[l.off:off], []byte("\n"))
	l.off = off
	return l.line
}
