package store

import "testing"

// TestRebind is the placeholder rewriter: on PostgreSQL each ? becomes
// $1, $2, … in order, except where a ? is text rather than a parameter:
// in a string literal, a quoted identifier, a comment or a dollar-quoted
// body. On SQLite the statement is left as it is.
func TestRebind(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"none", "SELECT 1", "SELECT 1"},
		{"in order", "UPDATE t SET a = ?, b = ? WHERE id = ?", "UPDATE t SET a = $1, b = $2 WHERE id = $3"},
		{"ten and more", "VALUES (?,?,?,?,?,?,?,?,?,?,?)", "VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)"},
		{"adjacent", "?||?", "$1||$2"},
		{"in a literal", "SELECT '?' , ?", "SELECT '?' , $1"},
		{"doubled quote", "SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1"},
		{"only doubled quotes", "SELECT '''', ?, ''''''", "SELECT '''', $1, ''''''"},
		{"empty literal", "WHERE a = '' AND b = ?", "WHERE a = '' AND b = $1"},
		{"quoted identifier", `SELECT "what?" FROM t WHERE x = ?`, `SELECT "what?" FROM t WHERE x = $1`},
		{"doubled quote in identifier", `SELECT "a""?" , ?`, `SELECT "a""?" , $1`},
		{"double quote in literal", `SELECT '"?', ?`, `SELECT '"?', $1`},
		{"single quote in identifier", `SELECT "it's", ?, '?'`, `SELECT "it's", $1, '?'`},
		{"line comment", "SELECT ? -- why? because\nFROM t WHERE a = ?", "SELECT $1 -- why? because\nFROM t WHERE a = $2"},
		{"line comment at the end", "SELECT ? -- really?", "SELECT $1 -- really?"},
		{"quote in a line comment", "SELECT ? -- it's\n, ?", "SELECT $1 -- it's\n, $2"},
		{"block comment", "SELECT ? /* or ? */ , ?", "SELECT $1 /* or ? */ , $2"},
		{"quote in a block comment", "SELECT /* it's */ ?", "SELECT /* it's */ $1"},
		{"nested block comment", "SELECT /* a /* ? */ still ? */ ?", "SELECT /* a /* ? */ still ? */ $1"},
		{"minus is no comment", "SELECT ? - ?", "SELECT $1 - $2"},
		{"division is no comment", "SELECT ? / ?", "SELECT $1 / $2"},
		{"dollar quote", "SELECT $$ ? $$, ?", "SELECT $$ ? $$, $1"},
		{"tagged dollar quote", "SELECT $fn$ it's ? $$ $fn$, ?", "SELECT $fn$ it's ? $$ $fn$, $1"},
		{"escape string", `SELECT E'it\'s ?', ?`, `SELECT E'it\'s ?', $1`},
		{"escaped backslash", `SELECT E'\\', ?`, `SELECT E'\\', $1`},
		{"backslash in a plain literal", `SELECT 'a\', ?`, `SELECT 'a\', $1`},
		{"unterminated literal", "SELECT ?, 'open ?", "SELECT $1, 'open ?"},
		{"unterminated comment", "SELECT ? /* open ?", "SELECT $1 /* open ?"},
		{"unicode", "SELECT 'Jürgen?', ?", "SELECT 'Jürgen?', $1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := dialectPostgres.rebind(tc.in); got != tc.want {
				t.Errorf("rebind(%q)\n got %q\nwant %q", tc.in, got, tc.want)
			}
			if got := dialectSQLite.rebind(tc.in); got != tc.in {
				t.Errorf("SQLite rebind(%q) = %q, want it unchanged", tc.in, got)
			}
		})
	}
}

// FuzzRebind checks what holds for any statement: outside quotes and
// comments nothing changes but ? → $n, and rewriting is deterministic.
func FuzzRebind(f *testing.F) {
	for _, s := range []string{"SELECT ?", "'?'", `"?"`, "-- ?\n?", "/* ? */ ?", "$$?$$?", `E'\'?'`, "?''?"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, q string) {
		got := dialectPostgres.rebind(q)
		if again := dialectPostgres.rebind(q); again != got {
			t.Fatalf("rebind is not deterministic: %q then %q", got, again)
		}
		if countByte(got, '?') > countByte(q, '?') {
			t.Fatalf("rebind(%q) = %q added question marks", q, got)
		}
	})
}

func countByte(s string, c byte) int {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			n++
		}
	}
	return n
}
