package rotation

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCleanText(t *testing.T) {
	for _, tc := range []struct{ in, text, line string }{
		{"Jane Doe", "Jane Doe", "Jane Doe"},
		{"  Jane \t Doe\n", "  Jane \t Doe\n", "Jane Doe"},
		{"王小明 🚀 👩‍👩‍👧", "王小明 🚀 👩‍👩‍👧", "王小明 🚀 👩‍👩‍👧"},
		{"Mal\x1b]52;c;ZXZpbA==\x07lory", "Mallory", "Mallory"},
		{"Mal\x1b]0;title\x1b\\lory", "Mallory", "Mallory"},
		{"Mallet \x1b[2J\x1b[31mRed\x1b[0m\x01", "Mallet Red", "Mallet Red"},
		{"a\x1b[?1049lb", "ab", "ab"},
		{"a\x1bcb\x1b(Bc\x1b7d", "abcd", "abcd"},
		{"a\u009b2Jb\u009d0;x\u009cc", "abc", "abc"},
		{"a\u0085b\u0080c", "abc", "abc"},
		{"evil\u202egnp.exe", "evilgnp.exe", "evilgnp.exe"},
		{"\u2066x\u2069 \u200eL\u200fR\u061c \ufeffz", "x LR z", "x LR z"},
		{"line1\r\nline2\rline3", "line1\nline2\nline3", "line1 line2 line3"},
		{"del\x7fete\x00nul", "deletenul", "deletenul"},
		{"bad \xff byte", "bad \uFFFD byte", "bad \uFFFD byte"},
		{"a\u2028b\u2029c", "abc", "abc"},
		// an unterminated OSC ends at the line, not with the rest of the note
		{"x\x1b]0;title\nkeep this", "x\nkeep this", "x keep this"},
		{"trailing esc\x1b", "trailing esc", "trailing esc"},
	} {
		if got := CleanText(tc.in); got != tc.text {
			t.Errorf("CleanText(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := CleanLine(tc.in); got != tc.line {
			t.Errorf("CleanLine(%q) = %q, want %q", tc.in, got, tc.line)
		}
	}
}

func TestPrintable(t *testing.T) {
	for _, tc := range []struct{ in, text, line string }{
		{"plain", "plain", "plain"},
		{"Mal\x1b]52;c;ZXZpbA==\x07lory", "Mal^[]52;c;ZXZpbA==^Glory", "Mal^[]52;c;ZXZpbA==^Glory"},
		{"a\x7fb\rc", "a^?b^Mc", "a^?b c"},
		{"a\u009b2J", "a\uFFFD2J", "a\uFFFD2J"},
		{"evil\u202egnp.exe\u2067", "evilgnp.exe", "evilgnp.exe"},
		{"two\nlines\tand tab", "two\nlines\tand tab", "two lines and tab"},
		{"\xffx", "\uFFFDx", "\uFFFDx"},
	} {
		if got := Printable(tc.in); got != tc.text {
			t.Errorf("Printable(%q) = %q, want %q", tc.in, got, tc.text)
		}
		if got := PrintableLine(tc.in); got != tc.line {
			t.Errorf("PrintableLine(%q) = %q, want %q", tc.in, got, tc.line)
		}
	}
}

func TestPhone(t *testing.T) {
	for _, tc := range []struct {
		in, clean string
		ok        bool
	}{
		{"+1 555 0100", "+1 555 0100", true},
		{"(030) 123-45/67", "(030) 123-45/67", true},
		{"+49 (0)30 1234567", "+49 (0)30 1234567", true},
		{"555.0100 x 42", "555.0100 ext. 42", true},
		{"555-0100 ext. 42", "555-0100 ext. 42", true},
		{"+15550100;ext=42", "+15550100 ext. 42", true},
		{"555\u00a00100", "555 0100", true},
		{"０３ ১২৩", "03 123", true},
		{"555\n0100; rm -rf ~", "555 0100", false},
		{"+1 555 \x1b[1m0100", "+1 555 0100", false},
		{"+1 555\u202e0100", "+1 5550100", false},
		{"+1\t555 0100", "+1 555 0100", false},
		{"call 555", "555", false},
		{"555 0100 #1", "555 0100 1", false},
		{"none", "", false},
		{"", "", false},
	} {
		if got := CleanPhone(tc.in); got != tc.clean {
			t.Errorf("CleanPhone(%q) = %q, want %q", tc.in, got, tc.clean)
		}
		err := CheckPhone(tc.in)
		if (err == nil) != tc.ok {
			t.Errorf("CheckPhone(%q) = %v, want ok %v", tc.in, err, tc.ok)
		}
		if err != nil && (strings.ContainsAny(err.Error(), "\n\x1b") || HasUnsafe(err.Error())) {
			t.Errorf("CheckPhone(%q): the message carries a control: %q", tc.in, err)
		}
	}
}

// HasUnsafe is the property the fuzz target checks.
func HasUnsafe(s string) bool {
	for _, r := range s {
		if r != '\n' && r != '\t' && Unsafe(r) {
			return true
		}
	}
	return !utf8.ValidString(s)
}

func FuzzClean(f *testing.F) {
	for _, s := range []string{"Jane", "Mal\x1b]52;c;ZXZpbA==\x07lory", "a\u009b2J\u202e", "+1 555 0100 x 9", "\xff\x1b[", "٣٤٥ ext 6"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		text, line, phone := CleanText(s), CleanLine(s), CleanPhone(s)
		for _, out := range []string{text, line, phone, Printable(s), PrintableLine(s)} {
			if HasUnsafe(out) {
				t.Fatalf("%q: output %q holds a control character", s, out)
			}
		}
		if strings.ContainsAny(line, "\n\t") || strings.ContainsAny(PrintableLine(s), "\n\t") {
			t.Fatalf("%q: a one-line result %q holds a line break", s, line)
		}
		if CleanText(text) != text || CleanLine(line) != line || CleanPhone(phone) != phone {
			t.Fatalf("%q: cleaning is not idempotent", s)
		}
		if phone != "" && CheckPhone(phone) != nil {
			t.Fatalf("%q: the cleaned number %q is refused: %v", s, phone, CheckPhone(phone))
		}
		if CheckPhone(s) == nil && CleanPhone(s) == "" {
			t.Fatalf("%q: accepted but cleans to nothing", s)
		}
	})
}

func TestPhoneText(t *testing.T) {
	for in, want := range map[string]string{
		"+1 555 0100": "+1 555 0100", "+1 555\n0100; rm -rf ~\x1b[6n": "+1 555 0100", "call \x1b[2Jme": "call ^[[2Jme",
	} {
		if got := PhoneText(in); got != want {
			t.Errorf("PhoneText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, tc := range []struct {
		n    int
		word string
		want string
	}{
		{1, "contact", "1 contact"}, {0, "contact", "0 contacts"}, {2, "contact", "2 contacts"},
		{-1, "day", "-1 day"}, {-3, "day", "-3 days"}, {2, "match", "2 matches"}, {1, "match", "1 match"},
		{3, "try", "3 tries"}, {2, "day", "2 days"}, {2, "malformed record", "2 malformed records"},
		{1, "byte", "1 byte"}, {2, "address", "2 addresses"},
	} {
		if got := Plural(tc.n, tc.word); got != tc.want {
			t.Errorf("Plural(%d, %q) = %q, want %q", tc.n, tc.word, got, tc.want)
		}
	}
}
