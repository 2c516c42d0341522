package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestImportSamples imports each sample file of testdata/import through
// the command line, encodings included (UTF-16 Google, Windows-1252
// Outlook), into a fresh book: the good ones whole, the bad ones refused
// with exit code 2 and nothing written.
func TestImportSamples(t *testing.T) {
	sqliteOnly(t)
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
			code := run([]string{"--db", db, "import", filepath.Join("testdata", "import", tt.file), "--json"},
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

// TestWriteFileAtomic: a failed export leaves neither the file nor its
// temporary twin; a complete one is private.
func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.json")
	err := writeFileAtomic(path, func(w io.Writer) error {
		io.WriteString(w, "half a fi")
		return errors.New("disk on fire")
	})
	if err == nil {
		t.Fatal("no error")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("left behind: %v", entries)
	}
	if err := writeFileAtomic(path, func(w io.Writer) error { _, err := io.WriteString(w, "{}\n"); return err }); err != nil {
		t.Fatal(err)
	}
	info, err := os.Stat(path)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("%v %v", info, err)
	}
}

// TestProgressBar draws on a terminal only after a moment, redraws at most
// ten times a second, and clears its line at the end; off a terminal it
// writes nothing.
func TestProgressBar(t *testing.T) {
	now := time.Date(2026, 11, 25, 9, 0, 0, 0, time.UTC)
	var buf bytes.Buffer
	p := &progressBar{w: &buf, label: "Importing", now: func() time.Time { return now }, start: now}
	p.update(10, 100_000)
	if buf.Len() != 0 {
		t.Fatalf("drawn at once: %q", buf.String())
	}
	now = now.Add(time.Second)
	p.update(50_000, 100_000)
	p.update(50_001, 100_000) // too soon
	now = now.Add(time.Second)
	p.update(100_000, 100_000)
	p.finish()
	want := "\r\x1b[KImporting 50,000/100,000 [============>           ] 50%" +
		"\r\x1b[KImporting 100,000/100,000 [========================] 100%" + "\r\x1b[K"
	if buf.String() != want {
		t.Errorf("drew\n%q\nwant\n%q", buf.String(), want)
	}
	a := &app{stderr: &bytes.Buffer{}, clock: time.Now}
	off := a.newProgress("Importing")
	off.start = off.start.Add(-time.Hour)
	off.update(1, 2)
	off.finish()
	if off.w != nil {
		t.Error("a progress bar off a terminal")
	}
}
