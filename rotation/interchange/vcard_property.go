package interchange

import (
	"bytes"
	"io"
	"mime/quotedprintable"
	"strings"
	"unicode/utf8"
)

// splitParams splits "NAME;A=1;B=\"x;y\"" on the semicolons outside quotes.
func splitParams(s string) []string {
	var out []string
	quoted := false
	startAt := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case ';':
			if !quoted {
				out = append(out, s[startAt:i])
				startAt = i + 1
			}
		}
	}
	return append(out, s[startAt:])
}

// bareEncodings are the vCard 2.1 bare parameters that name an encoding
// rather than a type.
var bareEncodings = map[string]bool{"QUOTED-PRINTABLE": true, "BASE64": true, "8BIT": true, "7BIT": true, "B": true}

// canonicalLine rewrites one unfolded property for go-vcard. It returns
// the property's name, the line ("" to drop it) and a message when the
// line is malformed.
func canonicalLine(line, version string) (name, out, bad string) {
	colon := valueColon(line)
	if colon < 0 {
		return "", "", "a property without a value (no \":\")"
	}
	params := splitParams(line[:colon])
	value := line[colon+1:]
	group := ""
	name = params[0]
	if g, n, ok := strings.Cut(name, "."); ok {
		group, name = g, n
	}
	name = strings.ToUpper(strings.TrimSpace(name))
	if !isToken(name) || (group != "" && !isToken(group)) {
		return "", "", "malformed property name " + clip(params[0])
	}
	var b strings.Builder
	if group != "" {
		b.WriteString(group)
		b.WriteByte('.')
	}
	b.WriteString(name)
	enc, bad := canonicalParams(&b, params[1:])
	switch {
	case bad != "":
		return "", "", bad
	case enc.binary:
		return name, "", ""
	}
	text, bad := decodeValue(value, enc)
	if bad != "" {
		return "", "", bad
	}
	b.WriteByte(':')
	b.WriteString(escapeForDecoder(text, version == "2.1"))
	return name, b.String(), ""
}

// valueEncoding is how a property's value is written, from its
// parameters.
type valueEncoding struct {
	qp      bool   // quoted-printable
	binary  bool   // base64: a photo or a key, left out
	charset string // as named, "" when not
}

// canonicalParams writes the parameters other than ENCODING and CHARSET to
// b as ;NAME=value,value (a bare value is a TYPE, or an ENCODING), and
// returns the encoding they name; bad says what is malformed.
func canonicalParams(b *strings.Builder, params []string) (enc valueEncoding, bad string) {
	for _, p := range params {
		p = strings.TrimSpace(p)
		if p == "" {
			continue
		}
		k, v, ok := strings.Cut(p, "=")
		k = strings.ToUpper(strings.TrimSpace(k))
		if !ok {
			if bareEncodings[k] {
				k, v = "ENCODING", k
			} else {
				k, v = "TYPE", k
			}
		}
		switch k {
		case "ENCODING":
			switch strings.ToUpper(strings.Trim(v, `" `)) {
			case "QUOTED-PRINTABLE":
				enc.qp = true
			case "B", "BASE64":
				enc.binary = true
				return enc, ""
			}
			continue
		case "CHARSET":
			enc.charset = strings.Trim(v, `" `)
			continue
		}
		if !isToken(k) {
			return enc, "malformed parameter " + clip(p)
		}
		var vals []string
		for _, x := range strings.Split(strings.ReplaceAll(v, `"`, ""), ",") {
			if x = paramValue(x); x != "" {
				vals = append(vals, x)
			}
		}
		if len(vals) == 0 {
			continue
		}
		b.WriteByte(';')
		b.WriteString(k)
		b.WriteByte('=')
		b.WriteString(strings.Join(vals, ","))
	}
	return enc, ""
}

// decodeValue is a property's value as text: quoted-printable decoded,
// then read in its charset (when named and needed) or as UTF-8 or
// Windows-1252.
func decodeValue(value string, enc valueEncoding) (text, bad string) {
	raw := []byte(value)
	if enc.qp {
		dec, err := io.ReadAll(quotedprintable.NewReader(bytes.NewReader(raw)))
		if err != nil {
			return "", "bad quoted-printable value: " + err.Error()
		}
		raw = dec
	}
	if enc.charset != "" && (enc.qp || !utf8.Valid(raw)) {
		return decodeCharset(raw, enc.charset), ""
	}
	return decodeCharset(raw, ""), ""
}

// valueColon finds the colon that starts the value: the first one outside
// a quoted parameter value.
func valueColon(line string) int {
	quoted := false
	for i := 0; i < len(line); i++ {
		switch line[i] {
		case '"':
			quoted = !quoted
		case ':':
			if !quoted {
				return i
			}
		}
	}
	return -1
}

// paramValue keeps a parameter value to characters that need no quoting.
func paramValue(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == ';' || r == ':' || r == ',' || r == '"' || r == '\\' {
			return -1
		}
		return r
	}, strings.TrimSpace(s))
}

// escapeForDecoder turns a decoded value into what go-vcard unescapes back
// to it. Unescaped semicolons stay separators; literal ones (escaped in the
// file) become litSemi. In vCard 3.0 and 4.0 the file's escapes are \\, \n
// (or \N), \, and \; ; in 2.1 only \; is an escape and backslashes are
// otherwise literal.
func escapeForDecoder(v string, v21 bool) string {
	var b strings.Builder
	b.Grow(len(v) + 8)
	for i := 0; i < len(v); i++ {
		c := v[i]
		if c == '\\' && i+1 < len(v) {
			n := v[i+1]
			switch {
			case n == ';':
				b.WriteString(litSemi)
				i++
				continue
			case v21:
			case n == '\\':
				b.WriteString(`\\`)
				i++
				continue
			case n == 'n' || n == 'N':
				b.WriteString(`\n`)
				i++
				continue
			case n == ',':
				b.WriteString(`\,`)
				i++
				continue
			case n == ':':
				b.WriteByte(':')
				i++
				continue
			}
		}
		switch c {
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			if i+1 < len(v) && v[i+1] == '\n' {
				continue
			}
			b.WriteString(`\n`)
		case ',':
			b.WriteString(`\,`)
		case 0:
			// A NUL in the file would read as litSemi; drop it.
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
