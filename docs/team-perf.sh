#!/usr/bin/env bash
# Measures `rotate today` and one `rotate log` on both backends — a SQLite
# file and a team book on PostgreSQL 15 — at 10,000 and 100,000 contacts,
# and prints the Go benchmark lines docs/PERFORMANCE.md quotes
# ("Team mode"). It starts its own PostgreSQL server (.ci/postgres, with
# fsync on, listening on 127.0.0.1 only) and stops it at the end.
#
#   docs/team-perf.sh              # about two minutes
#   BENCHTIME=3s docs/team-perf.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
rmdir "$dir"
trap '.ci/postgres stop "$dir"' EXIT
export ROTATE_TEST_POSTGRES
ROTATE_TEST_POSTGRES=$(PG_DURABLE=1 .ci/postgres start "$dir")
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores" >&2
go test ./store -run '^$' -bench '^BenchmarkBackend' -benchtime "${BENCHTIME:-1s}" -args -bench.big |
  grep -E '^(Benchmark|pgtest|ok)'
