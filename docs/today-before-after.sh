#!/usr/bin/env bash
# Compares `rotate today --json` on the 100,000-contact stress book between
# two commits (default: 6ff16c3, before the touches, time zones, calling
# hours, best time and team work of 3 December 2026, and HEAD): both
# builds run alternately 15 times on copies of one book built by the older
# one; prints the median and fastest of each and the ratio.
#
#   docs/today-before-after.sh [BEFORE [AFTER]]
set -euo pipefail
cd "$(dirname "$0")/.."
before=${1:-6ff16c3} after=${2:-HEAD}
dir=${PERF_DIR:-/tmp/rotate-before-after}
mkdir -p "$dir"
git worktree add -f -q "$dir/src-before" "$before"
trap 'git worktree remove --force "$dir/src-before"' EXIT
(cd "$dir/src-before" && go build -o "$dir/rotate-before" ./cmd/rotate &&
  go test ./store -run TestMakeStressBook -count=1 -timeout 30m -args -stress.out="$dir/stress.db" >&2)
git -c advice.detachedHead=false worktree add -f -q "$dir/src-after" "$after"
(cd "$dir/src-after" && go build -o "$dir/rotate-after" ./cmd/rotate)
git worktree remove --force "$dir/src-after"
cd "$dir"
cp stress.db before.db
cp stress.db after.db
export ROTATE_TODAY=2026-11-25 NO_COLOR=1 TZ=UTC
ROTATE_DB=before.db ./rotate-before today --json >/dev/null # upgrade the copy once
ROTATE_DB=after.db ./rotate-after today --json >/dev/null
python3 - <<'PY'
import os, statistics, subprocess, time
env = dict(os.environ)
res = {"before": [], "after": []}
for _ in range(15):
    for k in res:
        env["ROTATE_DB"] = k + ".db"
        t = time.perf_counter()
        subprocess.run(["./rotate-" + k, "today", "--json"], env=env, stdout=subprocess.DEVNULL, check=True)
        res[k].append(time.perf_counter() - t)
for k, v in res.items():
    print("%-6s median %.1f ms, fastest %.1f ms" % (k, statistics.median(v) * 1000, min(v) * 1000))
print("after/before (medians): %.2f" % (statistics.median(res["after"]) / statistics.median(res["before"])))
PY
