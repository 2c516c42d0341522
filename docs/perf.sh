#!/usr/bin/env bash
# Measures rotate on this machine and writes the table of
# docs/PERFORMANCE.md to stdout. Reproduce with:
#
#   docs/perf.sh            # solo (2,000 contacts) and stress (100,000) books
#   SIZES=solo docs/perf.sh # the quick one only
#
# Needs hyperfine and taskwarrior (Debian packages; installed if missing
# and apt-get is available). Builds the stress book once into
# ${PERF_DIR:-/tmp/rotate-perf}, which takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${PERF_DIR:-/tmp/rotate-perf}
mkdir -p "$dir"
today=2026-11-25

need() {
  command -v "$1" >/dev/null && return
  if command -v apt-get >/dev/null; then
    (apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; })
  fi
  command -v "$1" >/dev/null || { echo "needs $1 (package $2)" >&2; exit 1; }
}
need hyperfine hyperfine
need task taskwarrior

go build -o "$dir/rotate" ./cmd/rotate

# The floor: a bare Go program that opens the same database and runs the
# due-list query, nothing else.
floor_src=$(mktemp -d -p . .perf-floor-XXXX)
trap 'rm -rf "$floor_src"' EXIT
cat > "$floor_src/main.go" <<'GO'
package main

import (
	"database/sql"
	"fmt"
	"os"

	_ "modernc.org/sqlite"
)

func main() {
	db, err := sql.Open("sqlite", "file:"+os.Args[1]+"?_pragma=busy_timeout(10000)")
	if err != nil {
		panic(err)
	}
	rows, err := db.Query("SELECT id, name, tier, rule, due FROM contacts WHERE status = 'active' AND due <= ?", os.Args[2])
	if err != nil {
		panic(err)
	}
	n := 0
	for rows.Next() {
		var id int64
		var name, tier, rule, due string
		rows.Scan(&id, &name, &tier, &rule, &due)
		n++
	}
	fmt.Println(n)
}
GO
go build -o "$dir/floor" "./$floor_src"

sizes=${SIZES:-"solo stress"}
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), Go $(go env GOVERSION)"
echo "binary size: $(du -h "$dir/rotate" | cut -f1)"
echo
echo "| book | measure | result |"
echo "| --- | --- | --- |"
for size in $sizes; do
  case $size in
    solo) n=2000; calls=80000 ;;
    stress) n=100000; calls=4000000 ;;
  esac
  book="$dir/$size.db"
  if [ ! -f "$book" ]; then
    go test ./store -run TestMakeStressBook -stress.out="$book" -stress.contacts=$n -stress.calls=$calls -timeout 60m >/dev/null
  fi
  export ROTATE_DB="$book" ROTATE_TODAY=$today
  json=$(mktemp)
  hyperfine -N --warmup 3 --runs 20 --export-json "$json" \
    "$dir/rotate today --json" "$dir/floor $book $today" >/dev/null
  r=$(python3 -c "import json,sys;d=json.load(open('$json'))['results'];print('%.1f ms | floor %.1f ms, ratio %.2fx'%(d[0]['mean']*1e3,d[1]['mean']*1e3,d[0]['mean']/d[1]['mean']))")
  echo "| $size ($n contacts, $calls calls) | \`rotate today --json\` (warm) | $r |"
  peak=$( { /usr/bin/time -f %M "$dir/rotate" today --json >/dev/null; } 2>&1 | tail -1)
  echo "| $size | peak memory of \`rotate today --json\` | $((peak / 1024)) MB |"
  logjson=$(mktemp)
  hyperfine -N --warmup 2 --runs 20 --export-json "$logjson" \
    "$dir/rotate log 1 --outcome voicemail --note perf" >/dev/null
  echo "| $size | one durable \`rotate log\` (whole process, with fsync) | $(python3 -c "import json;print('%.1f ms'%(json.load(open('$logjson'))['results'][0]['mean']*1e3))") |"
done
echo
echo "In-process benchmarks (go test -bench):"
go test ./tui -run '^$' -bench . -benchtime 2s 2>/dev/null | grep -E '^Benchmark' | awk '{printf "| %s | %s %s |\n", $1, $3, $4}'
