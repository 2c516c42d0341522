package main

import (
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"rotate/store/pgtest"
)

// contractFile is the command-line contract this test keeps true.
const contractFile = "../../docs/CLI.md"

// contract is what docs/CLI.md promises, read from its two tables.
type contract struct {
	// flags maps each command path ("" for rotate itself, "call edit")
	// to its documented flags: long names, and "-y" for a short form of
	// the long flag before it, as "yes=-y".
	flags map[string][]string
	// json maps a command ("export --contact" for that use of export) to
	// the fields its --json document always has, and optional to those
	// it may have.
	json     map[string][]string
	optional map[string][]string
}

var (
	backticked = regexp.MustCompile("`([^`]+)`")
	flagName   = regexp.MustCompile(`^--([a-z][a-z0-9-]*)`)
	shortFlag  = regexp.MustCompile(`^-([a-zA-Z])$`)
)

// readContract parses the commands table and the JSON table of
// docs/CLI.md.
func readContract(t *testing.T) contract {
	t.Helper()
	b, err := os.ReadFile(contractFile)
	if err != nil {
		t.Fatalf("the contract: %v", err)
	}
	c := contract{flags: map[string][]string{}, json: map[string][]string{}, optional: map[string][]string{}}
	commands := tableRows(t, string(b), "| command | arguments | flags | what it does |")
	for _, row := range commands {
		name := strings.Trim(row[0], "` ")
		if name != "rotate" && !strings.HasPrefix(name, "rotate ") {
			t.Fatalf("%s: command %q does not start with rotate", contractFile, row[0])
		}
		path := strings.TrimSpace(strings.TrimPrefix(name, "rotate"))
		if _, dup := c.flags[path]; dup {
			t.Errorf("%s lists %q twice", contractFile, name)
		}
		flags := []string{}
		for _, m := range backticked.FindAllStringSubmatch(row[2], -1) {
			switch item := m[1]; {
			case flagName.MatchString(item):
				flags = append(flags, flagName.FindStringSubmatch(item)[1])
			case shortFlag.MatchString(item) && len(flags) > 0:
				flags[len(flags)-1] += "=" + item
			default:
				t.Errorf("%s, %s: %q in the flags column is not a flag", contractFile, name, item)
			}
		}
		c.flags[path] = flags
	}
	for _, row := range tableRows(t, string(b), "| command | always | when present |") {
		name := strings.Trim(row[0], "` ")
		if _, dup := c.json[name]; dup {
			t.Errorf("%s lists the JSON of %q twice", contractFile, name)
		}
		c.json[name] = backtickedItems(row[1])
		c.optional[name] = backtickedItems(row[2])
		if len(c.json[name]) == 0 {
			t.Errorf("%s: the JSON of %q lists no field", contractFile, name)
		}
	}
	if len(c.flags) < 20 || len(c.json) < 20 {
		t.Fatalf("%s: read %d commands and %d JSON documents; has the layout of its tables changed?", contractFile, len(c.flags), len(c.json))
	}
	return c
}

// tableRows returns the cells of the rows of the Markdown table whose
// header is header. A | inside a cell is written \|.
func tableRows(t *testing.T, doc, header string) [][]string {
	t.Helper()
	_, after, ok := strings.Cut(doc, "\n"+header+"\n")
	if !ok {
		t.Fatalf("%s has no table %q", contractFile, header)
	}
	var rows [][]string
	for i, line := range strings.Split(after, "\n") {
		if !strings.HasPrefix(line, "|") {
			break
		}
		if i == 0 {
			continue // the |---| line
		}
		line = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(line), "|"), "|")
		line = strings.ReplaceAll(line, `\|`, "\x00")
		var cells []string
		for _, cell := range strings.Split(line, "|") {
			cells = append(cells, strings.TrimSpace(strings.ReplaceAll(cell, "\x00", "|")))
		}
		if n := strings.Count(header, "|") - 1; len(cells) != n {
			t.Fatalf("%s: a row of %q has %d cells, want %d: %s", contractFile, header, len(cells), n, line)
		}
		rows = append(rows, cells)
	}
	return rows
}

func backtickedItems(cell string) []string {
	var out []string
	for _, m := range backticked.FindAllStringSubmatch(cell, -1) {
		out = append(out, m[1])
	}
	return out
}

// commandTree maps each command's path ("" for rotate itself) to it.
func commandTree() map[string]*cobra.Command {
	a := &app{env: map[string]string{}, stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
	a.out = newOutput(io.Discard, nil)
	tree := map[string]*cobra.Command{}
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		tree[strings.TrimSpace(strings.TrimPrefix(c.CommandPath(), "rotate"))] = c
		for _, sub := range c.Commands() {
			if sub.Name() != "help" && sub.Name() != "completion" {
				walk(sub)
			}
		}
	}
	walk(a.rootCommand())
	return tree
}

// TestCLIContract: the commands and flags of docs/CLI.md are the ones
// rotate has, no more and no fewer.
func TestCLIContract(t *testing.T) {
	c := readContract(t)
	tree := commandTree()
	for _, path := range sortedKeys(tree) {
		if _, ok := c.flags[path]; !ok {
			t.Errorf("rotate %s is not in %s: add a row to its commands table", path, contractFile)
		}
	}
	for _, path := range sortedKeys(c.flags) {
		cmd, ok := tree[path]
		if !ok {
			t.Errorf("%s lists rotate %s, which rotate does not have", contractFile, path)
			continue
		}
		documented := map[string]string{} // name -> short form or ""
		for _, f := range c.flags[path] {
			name, short, _ := strings.Cut(f, "=")
			documented[name] = strings.TrimPrefix(short, "-")
		}
		for name, short := range documented {
			f := cmd.LocalFlags().Lookup(name)
			switch {
			case f == nil:
				t.Errorf("%s lists --%s for rotate %s, which has no such flag", contractFile, name, path)
			case f.Shorthand != short:
				t.Errorf("%s: rotate %s --%s has the short form %q, the contract says %q", contractFile, path, name, f.Shorthand, short)
			}
		}
		cmd.LocalFlags().VisitAll(func(f *pflag.Flag) {
			if _, ok := documented[f.Name]; !ok && f.Name != "help" {
				t.Errorf("rotate %s --%s is not in %s", path, f.Name, contractFile)
			}
		})
		if cmd.LocalFlags().Lookup("json") != nil {
			if _, ok := c.json[path]; !ok {
				t.Errorf("rotate %s has --json, but %s lists none of its fields", path, contractFile)
			}
		}
	}
	for _, name := range sortedKeys(c.json) {
		base := strings.TrimSpace(strings.Split(name, " --")[0])
		if _, ok := c.flags[base]; !ok {
			t.Errorf("%s lists the JSON of %q, which is not in its commands table", contractFile, name)
		}
	}
}

// TestCLIContractJSON runs every command with JSON output on a small
// book and checks that each prints one JSON document with every field
// docs/CLI.md lists for it, and no field it does not list.
func TestCLIContractJSON(t *testing.T) {
	c := readContract(t)
	outputs := contractBook(t)
	for _, name := range sortedKeys(c.json) {
		docs := outputs[name]
		if len(docs) == 0 {
			if teamOnly(name) && !pgtest.Postgres() {
				continue // on a team book only: the PostgreSQL pass runs it
			}
			t.Errorf("%s lists the JSON of %q, which this test does not run: add it to contractBook", contractFile, name)
			continue
		}
		want, maybe := c.json[name], c.optional[name]
		maps := map[string]bool{}
		for _, f := range slices.Concat(want, maybe) {
			for p := f; strings.Contains(p, "{}"); p = p[:strings.LastIndex(p, "{}")] {
				maps[p[:strings.LastIndex(p, "{}")]] = true
			}
		}
		for i, doc := range docs {
			paths, leaves := map[string]bool{}, map[string]bool{}
			jsonPaths(doc, "", maps, paths, leaves)
			for _, f := range want {
				if !paths[f] {
					t.Errorf("rotate %s --json (run %d) has no %s, which %s lists", name, i+1, f, contractFile)
				}
			}
			for _, l := range sortedKeys(leaves) {
				if !documentedPath(l, want, maybe) {
					t.Errorf("rotate %s --json (run %d) prints %s, which %s does not list", name, i+1, l, contractFile)
				}
			}
		}
	}
}

// teamOnly reports the JSON documents only a team book prints.
func teamOnly(name string) bool {
	return name == "team list" || name == "team push" || name == "assign"
}

// documentedPath reports whether a path printed is in the contract: listed,
// or an empty array, object or null on the way to listed fields.
func documentedPath(p string, lists ...[]string) bool {
	for _, list := range lists {
		for _, f := range list {
			if f == p || strings.HasPrefix(f, p+".") || strings.HasPrefix(f, p+"[]") || strings.HasPrefix(f, p+"{}") {
				return true
			}
		}
	}
	return false
}

// jsonPaths records in paths every path of v (see docs/CLI.md's notation)
// and in leaves those that end in a value, an empty array or object, or
// null. The objects at the paths in maps have keys that are data.
func jsonPaths(v any, prefix string, maps, paths, leaves map[string]bool) {
	join := func(key string) string {
		if prefix == "" {
			return key
		}
		return prefix + "." + key
	}
	if prefix != "" {
		paths[prefix] = true
	}
	switch v := v.(type) {
	case map[string]any:
		if len(v) == 0 && prefix != "" {
			leaves[prefix] = true
		}
		for k, x := range v {
			if maps[prefix] {
				jsonPaths(x, prefix+"{}", maps, paths, leaves)
				continue
			}
			jsonPaths(x, join(k), maps, paths, leaves)
		}
	case []any:
		if len(v) == 0 {
			leaves[prefix] = true
		}
		for _, x := range v {
			if _, isObj := x.(map[string]any); !isObj {
				leaves[prefix] = true // an array of values: its path is the field
				continue
			}
			jsonPaths(x, prefix+"[]", maps, paths, leaves)
		}
	default:
		leaves[prefix] = true
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// TestDocLinks: the relative links of the README and of docs/ lead to
// files that exist, so that moving a file cannot leave a contract or the
// architecture pointing at nothing.
func TestDocLinks(t *testing.T) {
	files := []string{"../../README.md"}
	for _, pattern := range []string{"../../docs/*.md", "../../store/migrations/*/README.md"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	link := regexp.MustCompile(`\]\(([^)\s]+)\)`)
	checked := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range link.FindAllStringSubmatch(string(b), -1) {
			target, _, _ := strings.Cut(m[1], "#")
			if target == "" || strings.Contains(target, "://") || strings.HasPrefix(target, "mailto:") {
				continue
			}
			checked++
			if _, err := os.Stat(filepath.Join(filepath.Dir(f), target)); err != nil {
				t.Errorf("%s links to %s, which does not exist", strings.TrimPrefix(f, "../../"), m[1])
			}
		}
	}
	if checked < 20 {
		t.Fatalf("checked only %d links; has the Markdown link form changed?", checked)
	}
}
