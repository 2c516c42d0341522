package interchange

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"rotate/rotation"
)

// ReadSBRCalls reads the calls XML of "SMS Backup & Restore" (and of its
// older sibling "Call Logs Backup & Restore"):
//
//	<calls count="2">
//	  <call number="+4930123456" duration="95" date="1764763200000" type="2"
//	        contact_name="Jane Roe" readable_date="…" presentation="1" />
//	</calls>
//
// date is the start in milliseconds since 1970, duration in seconds, type
// Android's call type (CallType). Other attributes and elements are left
// alone. It is all or nothing: one malformed record refuses the whole
// file with an error (ErrFormat) naming the record and its line.
func ReadSBRCalls(r io.Reader) ([]PhoneCall, error) {
	b, err := readAll(r)
	if err != nil {
		return nil, err
	}
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	d := xml.NewDecoder(bytes.NewReader(b))
	var calls []PhoneCall
	depth, inCalls, sawRoot := 0, false, false
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			line, _ := d.InputPos()
			return nil, fmt.Errorf("%w: line %d: %v", ErrFormat, line, xmlErrText(err))
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case depth == 1:
				if t.Name.Local != "calls" {
					return nil, fmt.Errorf("%w: the file holds <%s>, not <calls>; export the call log (not messages) from SMS Backup & Restore", ErrFormat, rotation.CleanLine(t.Name.Local))
				}
				inCalls, sawRoot = true, true
			case depth == 2 && inCalls && t.Name.Local == "call":
				line, _ := d.InputPos()
				num := len(calls) + 1
				if num > MaxCalls {
					return nil, fmt.Errorf("%w: more than %d calls; split the file", ErrFormat, MaxCalls)
				}
				c, err := sbrCall(t.Attr)
				if err != nil {
					return nil, callLogError(num, line, err)
				}
				c.Num, c.Line = num, line
				calls = append(calls, c)
			}
		case xml.EndElement:
			depth--
		}
	}
	if !sawRoot {
		return nil, fmt.Errorf("%w: no <calls> element; this is not an SMS Backup & Restore call log", ErrFormat)
	}
	return calls, nil
}

// sbrCall reads the attributes of one <call>.
func sbrCall(attrs []xml.Attr) (PhoneCall, error) {
	var c PhoneCall
	get := func(name string) (string, bool) {
		for _, a := range attrs {
			if a.Name.Local == name && a.Name.Space == "" {
				return a.Value, true
			}
		}
		return "", false
	}
	integer := func(name string, required bool) (int64, error) {
		s, ok := get(name)
		if !ok {
			if required {
				return 0, fmt.Errorf("no %s attribute", name)
			}
			return 0, nil
		}
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			return 0, fmt.Errorf("%s %q is not a whole number", name, truncate(s, 20))
		}
		return n, nil
	}
	ms, err := integer("date", true)
	if err != nil {
		return c, err
	}
	typ, err := integer("type", true)
	if err != nil {
		return c, err
	}
	secs, err := integer("duration", false)
	if err != nil {
		return c, err
	}
	number, _ := get("number")
	name, _ := get("contact_name")
	if name == "(Unknown)" || name == "null" {
		name = ""
	}
	return c, c.callFields(number, name, ms, secs, typ)
}

// xmlErrText is an XML error without the package's prefix.
func xmlErrText(err error) string {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		return se.Msg
	}
	return err.Error()
}

// truncate cuts s to n bytes for a message, on a character boundary.
func truncate(s string, n int) string {
	if len(s) <= n {
		return rotation.CleanLine(s)
	}
	for n > 0 && !isRuneStart(s[n]) {
		n--
	}
	return rotation.CleanLine(s[:n]) + "…"
}

func isRuneStart(b byte) bool { return b&0xC0 != 0x80 }
