package main

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"testing"
)

// TestImportSamples imports each sample file of testdata/import through
// the command line, encodings included (UTF-16 Google, Windows-1252
// Outlook), into a fresh book: the good ones whole, the bad ones refused
// with exit code 2 and nothing written.
func TestImportSamples(t *testing.T) {
	tests := []struct {
		file string
		new  int
		code int
	}{
		{"contacts-2.1.vcf", 2, 0},
		{"contacts-3.0.vcf", 2, 0},
		{"contacts-4.0.vcf", 2, 0},
		{"google.csv", 3, 0},
		{"google-utf16.csv", 2, 0},
		{"outlook.csv", 2, 0},
		{"outlook-web.csv", 1, 0},
		{"plain.csv", 4, 0},
		{"bad.csv", 0, 2},
		{"bad.vcf", 0, 2},
	}
	env := []string{"ROTATE_TODAY=2026-11-25", "NO_COLOR=1", "LANG=en_US.UTF-8"}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			db := filepath.Join(t.TempDir(), "book.db")
			var stdout, stderr bytes.Buffer
			code := run([]string{"--db", db, "import", filepath.Join("..", "..", "testdata", "import", tt.file), "--json"},
				nil, &stdout, &stderr, env)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stderr %s", code, tt.code, stderr.String())
			}
			var out importJSON
			if err := json.Unmarshal(stdout.Bytes(), &out); err != nil {
				t.Fatalf("%v: %s", err, stdout.String())
			}
			if out.New != tt.new {
				t.Errorf("%d new, want %d", out.New, tt.new)
			}
			stdout.Reset()
			if code := run([]string{"--db", db, "list", "--all", "--json"}, nil, &stdout, &stderr, env); code != 0 {
				t.Fatal(stderr.String())
			}
			var list []map[string]any
			if err := json.Unmarshal(stdout.Bytes(), &list); err != nil {
				t.Fatal(err)
			}
			if len(list) != tt.new {
				t.Errorf("%d contacts in the book, want %d", len(list), tt.new)
			}
		})
	}
}
