#!/usr/bin/env bash
# Measures rotate on this machine and prints the table of
# docs/PERFORMANCE.md (markdown) to stdout; progress goes to stderr.
#
#   docs/perf.sh                 # solo (2,000 contacts) and stress (100,000)
#   SIZES=solo docs/perf.sh      # the quick one only (about two minutes)
#   REUSE=1 docs/perf.sh         # keep books already built in PERF_DIR
#
# Needs hyperfine, taskwarrior and GNU time (Debian packages hyperfine,
# taskwarrior, time; installed with apt-get if missing) and python3.
# Everything it builds goes to ${PERF_DIR:-/tmp/rotate-perf}: the books
# (the stress book is 1.7 GB and takes about two minutes), copies that are
# written to, the taskwarrior data. Nothing is left in the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
dir=${PERF_DIR:-/tmp/rotate-perf}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
today=2026-11-25 # the day the books are built for and rotate runs on
sizes=${SIZES:-"solo stress"}
res="$dir/results.tsv"
: >"$res"
printf 'all\tload_start\t%s\n' "$(cut -d' ' -f1 /proc/loadavg)" >>"$res"
say() { echo "perf: $*" >&2; }
put() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >>"$res"; } # size key value

need() {
  command -v "$1" >/dev/null && return
  if command -v apt-get >/dev/null; then
    say "installing $2"
    apt-get install -y "$2" >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y "$2" >/dev/null; }
  fi
  command -v "$1" >/dev/null || { echo "perf.sh needs $1 (Debian package $2)" >&2; exit 1; }
}
need hyperfine hyperfine
need task taskwarrior
need /usr/bin/time time
need python3 python3

# mean_ms JSON [N]: the mean of the Nth command of a hyperfine export, in ms.
mean_ms() { python3 -c "import json,sys;print('%.2f'%(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['mean']*1e3))" "$1" "${2:-0}"; }
# rss_mb CMD...: the peak resident memory of a command, in MB.
rss_mb() { /usr/bin/time -f '%M' -o "$dir/rss.txt" "$@" >/dev/null; python3 -c "print('%.1f'%(int(open('$dir/rss.txt').read().split()[-1])/1024))"; }
# bench PKGTEST FILTER ENV...: runs Go benchmarks of a compiled test binary
# and records every result as "Benchmark<Name>" ns/op.
bench() {
  local bin=$1 filter=$2 size=$3
  shift 3
  env "$@" "$bin" -test.run '^$' -test.bench "$filter" -test.benchtime 1s -test.benchmem |
    tee -a "$dir/bench-$size.txt" |
    awk -v size="$size" '/^Benchmark/ { name=$1; sub(/-[0-9]+$/, "", name); for (i = 3; i < NF; i++) if ($(i+1) == "ns/op") printf "%s\t%s\t%.4f\n", size, name, $i / 1e6 }' >>"$res"
}

say "building rotate, the floor and the test binaries"
go build -o "$dir/rotate" ./cmd/rotate
put all binary_mb "$(python3 -c "import os;print('%.1f'%(os.path.getsize('$dir/rotate')/1e6))")"
go test -c -o "$dir/store.test" ./store
go test -c -o "$dir/tui.test" ./tui
go test -c -o "$dir/cmd.test" ./cmd/rotate

# perftool: the floor (a bare Go program that opens the same database and
# runs the due-list query, nothing else), the first frame of the real
# binary on a pseudo-terminal, and the cost of one fsync on this disk.
tool=$(mktemp -d "$repo/_perf.XXXX")
trap 'rm -rf "$tool"' EXIT
cat >"$tool/main.go" <<'GO'
package main

import (
	"database/sql"
	"fmt"
	"io"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/vt"
	"github.com/creack/pty"
	_ "modernc.org/sqlite"
)

func main() {
	switch os.Args[1] {
	case "floor":
		floor(os.Args[2], os.Args[3])
	case "frame":
		runs, _ := strconv.Atoi(os.Args[3])
		frame(os.Args[2], runs)
	case "fsync":
		fsync(os.Args[2])
	}
}

// floor: open the book and read the due list, the columns rotate reads.
func floor(path, today string) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		panic(err)
	}
	rows, err := db.Query(`SELECT id, name, company, tier, rule, override_rule, override_until,
		due, attempts, step, last_call_day, last_outcome, last_talk_day, phone
		FROM contacts WHERE status = 'active' AND due <= ?`, today)
	if err != nil {
		panic(err)
	}
	n := 0
	for rows.Next() {
		var id, attempts, step int64
		var name, company, tier, rule, over, until, due, lastCall, lastOutcome, lastTalk, phone string
		if err := rows.Scan(&id, &name, &company, &tier, &rule, &over, &until, &due, &attempts, &step,
			&lastCall, &lastOutcome, &lastTalk, &phone); err != nil {
			panic(err)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		panic(err)
	}
	fmt.Println(n, "due")
}

// screen is a terminal: the program's output drawn by an emulator, and
// the moment the first frame with Today's list appeared.
type screen struct {
	mu    sync.Mutex
	emu   *vt.Emulator
	shown chan struct{}
	once  sync.Once
}

var loaded = regexp.MustCompile(`\d+ of \d+ done`)

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, err := s.emu.Write(p)
	if loaded.MatchString(s.emu.String()) {
		s.once.Do(func() { close(s.shown) })
	}
	return n, err
}

// frame: start the binary on an 80x24 pseudo-terminal runs times and
// report the median time to the first frame showing Today's list, and the
// peak memory of the process a moment later (the briefing loaded).
func frame(bin string, runs int) {
	var times []float64
	var peak int
	for range runs {
		cmd := exec.Command(bin)
		cmd.Env = append(os.Environ(), "TERM=xterm-256color")
		start := time.Now()
		f, err := pty.StartWithSize(cmd, &pty.Winsize{Cols: 80, Rows: 24})
		if err != nil {
			panic(err)
		}
		s := &screen{emu: vt.NewEmulator(80, 24), shown: make(chan struct{})}
		go io.Copy(s, f)
		go io.Copy(f, s.emu) // the emulator answers the program's queries
		select {
		case <-s.shown:
			times = append(times, float64(time.Since(start).Microseconds())/1000)
		case <-time.After(60 * time.Second):
			fmt.Fprintln(os.Stderr, "no first frame within a minute; the screen shows:\n"+s.emu.String())
			os.Exit(1)
		}
		time.Sleep(300 * time.Millisecond)
		peak = max(peak, hwm(cmd.Process.Pid))
		cmd.Process.Kill()
		cmd.Wait()
		f.Close()
	}
	slices.Sort(times)
	fmt.Printf("%.2f %.2f %.1f\n", times[len(times)/2], times[0], float64(peak)/1024)
}

// hwm is the peak resident memory of a process, in KiB.
func hwm(pid int) int {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[0] == "VmHWM:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

// fsync: append 4 KiB and fsync, 200 times; the mean, as a WAL commit
// pays it.
func fsync(path string) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC|os.O_APPEND, 0o600)
	if err != nil {
		panic(err)
	}
	defer os.Remove(path)
	buf := make([]byte, 4096)
	const n = 200
	start := time.Now()
	for range n {
		if _, err := f.Write(buf); err != nil {
			panic(err)
		}
		if err := f.Sync(); err != nil {
			panic(err)
		}
	}
	fmt.Printf("%.3f\n", float64(time.Since(start).Microseconds())/1000/n)
}
GO
go build -o "$dir/perftool" "./$(basename "$tool")"
put all fsync_ms "$("$dir/perftool" fsync "$dir/fsync.tmp")"
hyperfine -N --warmup 3 --runs 30 --export-json "$dir/start.json" "$dir/rotate version" >/dev/null 2>&1
put all start_ms "$(mean_ms "$dir/start.json")"

# book SIZE N CALLS: builds (or with REUSE=1 keeps) a book of N contacts.
book() {
  local path="$dir/$1.db"
  if [ "${REUSE:-}" = 1 ] && [ -f "$path" ]; then
    say "reusing $path"
  else
    rm -f "$path" "$path-wal" "$path-shm"
    say "building the $1 book: $2 contacts, $3 calls"
    local t0=$SECONDS
    go test ./store -run '^TestMakeStressBook$' -count=1 -timeout 60m \
      -stress.out="$path" -stress.contacts="$2" -stress.calls="$3" -stress.today=$today >/dev/null
    put "$1" build_s $((SECONDS - t0))
  fi
  cat "$path" >/dev/null # warm the page cache
}

export ROTATE_TODAY=$today
for size in $sizes; do
  case $size in
    solo) n=2000 calls=80000 ;;
    stress) n=100000 calls=4000000 ;;
    *) echo "unknown size $size (solo, stress)" >&2; exit 2 ;;
  esac
  book "$size" $n $calls
  db="$dir/$size.db"
  export ROTATE_DB=$db
  "$dir/rotate" today --json >/dev/null # migrates an older book once
  put "$size" contacts $n
  put "$size" calls $calls
  put "$size" due "$("$dir/perftool" floor "$db" $today | cut -d' ' -f1)"

  say "$size: rotate today --json and the floor"
  hyperfine -N --warmup 3 --runs 20 --export-json "$dir/today.json" \
    "$dir/rotate today --json" "$dir/perftool floor $db $today" >/dev/null 2>&1
  put "$size" today_ms "$(mean_ms "$dir/today.json" 0)"
  put "$size" floor_ms "$(mean_ms "$dir/today.json" 1)"
  put "$size" today_rss_mb "$(rss_mb "$dir/rotate" today --json)"
  put "$size" floor_rss_mb "$(rss_mb "$dir/perftool" floor "$db" $today)"

  say "$size: the first frame of the interface (whole process, on a pty)"
  read -r med _ trss < <("$dir/perftool" frame "$dir/rotate" 15)
  put "$size" frame_ms "$med"
  put "$size" frame_rss_mb "$trss"

  say "$size: durable rotate log (whole process) on a copy"
  cp "$db" "$dir/scratch.db"
  rm -f "$dir/scratch.db-wal" "$dir/scratch.db-shm"
  hyperfine -N --warmup 2 --runs 30 --export-json "$dir/log.json" \
    "$dir/rotate --db $dir/scratch.db log 1 --outcome voicemail --note perf" >/dev/null 2>&1
  put "$size" log_ms "$(mean_ms "$dir/log.json")"

  say "$size: in-process benchmarks"
  : >"$dir/bench-$size.txt"
  bench "$dir/tui.test" '^BenchmarkBook' "$size" ROTATE_BENCH_BOOK="$db"
  bench "$dir/store.test" '^Benchmark(TodayStressBook|SearchStressBook|LogCallStressBook)$' "$size" \
    ROTATE_STRESS_BOOK="$db" ROTATE_STRESS_SCRATCH="$dir/scratch.db"
  bench "$dir/cmd.test" '^BenchmarkTodayCommandStressBook$' "$size" ROTATE_STRESS_BOOK="$db"
  rm -f "$dir/scratch.db" "$dir/scratch.db-wal" "$dir/scratch.db-shm"
done
unset ROTATE_DB

# The synthetic benchmarks the issues name (generated books in memory or in
# a temporary folder): a keypress on 10,000 due, the first frame over
# 100,000 contacts, a filter keystroke over 100,000, typing in the notes,
# placing one call and building the forecast on 100,000.
say "synthetic benchmarks"
: >"$dir/bench-all.txt"
bench "$dir/tui.test" '^Benchmark(ListKeypress10k|FirstFrame100k|FilterKeystroke100k|TypeInNotes)$' all
bench "$dir/store.test" '^Benchmark(PlaceOneCall|BuildForecast|LogCallLeveled)$' all

# A CSV import of 100,000 contacts with the real binary, when rotate has
# the import command.
if "$dir/rotate" import --help >/dev/null 2>&1; then
  say "CSV import of 100,000 contacts"
  python3 - "$dir/import.csv" <<'PY'
import csv, random, sys
rng = random.Random(7)
with open(sys.argv[1], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["name", "phone", "email", "company", "tier", "every"])
    for i in range(100000):
        w.writerow([f"Client {i:06d}", f"+1 555 {i // 10000:02d}{i % 10000:04d}", f"client{i}@example.com",
                    f"Company {i % 5000}", "ABC"[rng.randrange(3)], rng.choice(["30d", "90d", "3m", "6m"])])
PY
  rm -f "$dir/import.db" "$dir/import.db-wal" "$dir/import.db-shm"
  t0=$(date +%s.%N)
  if "$dir/rotate" --db "$dir/import.db" import "$dir/import.csv" </dev/null >"$dir/import.log" 2>&1; then
    put all import_s "$(python3 -c "print('%.2f'%($(date +%s.%N)-$t0))")"
    put all import_n "$(ROTATE_DB=$dir/import.db "$dir/rotate" list --json | python3 -c 'import json,sys;print(len(json.load(sys.stdin)))')"
  else
    say "rotate import failed: $(tail -3 "$dir/import.log")"
  fi
fi

# The peer: taskwarrior holding the same 10,000 contacts as tasks with due
# dates, against rotate on the same book.
say "taskwarrior: 10,000 contacts as tasks"
book peer 10000 400000
peer="$dir/peer.db"
tw="$dir/taskwarrior"
rm -rf "$tw" && mkdir -p "$tw/data"
printf 'data.location=%s\nconfirmation=off\nverbose=nothing\nhooks=off\nnews.version=2.6.2\n' "$tw/data" >"$tw/taskrc"
ROTATE_DB=$peer "$dir/rotate" list --json >"$tw/contacts.json"
python3 - "$tw/contacts.json" "$tw/tasks.json" $today <<'PY'
import datetime, json, sys, uuid
contacts = json.load(open(sys.argv[1]))
# Due dates keep their distance from the book's day, counted from the real
# today, so that due.before:tomorrow holds the same contacts as rotate today.
shift = datetime.date.today() - datetime.date.fromisoformat(sys.argv[3])
tasks = []
for c in contacts:
    due = datetime.date.fromisoformat(c["due"]) + shift
    tasks.append({"uuid": str(uuid.UUID(int=c["id"])), "description": c["name"], "status": "pending",
                  "entry": "20260101T000000Z", "due": due.strftime("%Y%m%dT120000Z")})
json.dump(tasks, open(sys.argv[2], "w"))
PY
export TASKRC="$tw/taskrc" TASKDATA="$tw/data"
t0=$(date +%s.%N)
task import "$tw/tasks.json" >/dev/null 2>&1
put peer task_import_s "$(python3 -c "print('%.1f'%($(date +%s.%N)-$t0))")"
put peer task_due "$(task due.before:tomorrow count 2>/dev/null)"
put peer rotate_due "$(ROTATE_DB=$peer "$dir/perftool" floor "$peer" $today | cut -d' ' -f1)"
hyperfine -N --warmup 3 --runs 20 --export-json "$dir/peer.json" \
  "$dir/rotate --db $peer today" "task due.before:tomorrow list" >/dev/null 2>&1
put peer rotate_today_ms "$(mean_ms "$dir/peer.json" 0)"
put peer task_list_ms "$(mean_ms "$dir/peer.json" 1)"

# The table.
python3 - "$res" <<'PY'
import collections, os, platform, subprocess, sys
r = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    size, key, value = line.rstrip("\n").split("\t")
    try:
        r[size][key] = float(value)
    except ValueError:
        r[size][key] = value
sizes = [s for s in ("solo", "stress") if s in r]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.machine())
mem = int(next(l.split()[1] for l in open("/proc/meminfo") if l.startswith("MemTotal"))) / 1024 / 1024
go = subprocess.run(["go", "env", "GOVERSION"], capture_output=True, text=True).stdout.strip()
print(f"Machine: {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, {platform.system()} {platform.release()}, {go}; "
      f"load average (1 min) {r['all']['load_start']:.2f} at the start, {os.getloadavg()[0]:.2f} at the end.\n")

def ms(v):
    if v is None:
        return "—"
    if v >= 1000:
        return f"{v / 1000:.2f} s"
    if v >= 10:
        return f"{v:.0f} ms"
    if v >= 1:
        return f"{v:.1f} ms"
    return f"{v * 1000:.0f} µs"

def verdict(ok):
    return "met" if ok else "**missed**"

fsync = r["all"].get("fsync_ms")
rows = []
def row(what, key, fmt=ms, target="", judge=None):
    vals = [r[s].get(key) for s in sizes]
    cells = [fmt(v) if v is not None else "—" for v in vals]
    if judge:
        verdicts = [judge(s) for s in sizes if r[s].get(key) is not None]
        target += " — " + ", ".join(verdicts)
    rows.append([what] + cells + [target])

def ratio(s, a, b):
    return r[s][a] / r[s][b]

row("book built by the generator", "build_s", lambda v: f"{v:.0f} s", "a few minutes at most")
row("contacts due today", "due", lambda v: f"{v:.0f}")
row("floor: bare Go program, open + due-list query", "floor_ms")
row("`rotate today --json` (whole process, warm cache)", "today_ms", target="≤ 3× floor",
    judge=lambda s: f"{ratio(s, 'today_ms', 'floor_ms'):.1f}× {verdict(ratio(s, 'today_ms', 'floor_ms') <= 3)}")
row("`rotate today --json` in process, no process start (BenchmarkTodayCommandStressBook)", "BenchmarkTodayCommandStressBook/today_--json")
row("first frame of the interface (whole process on a pty, median)", "frame_ms", target="≤ 5× floor",
    judge=lambda s: f"{ratio(s, 'frame_ms', 'floor_ms'):.1f}× {verdict(ratio(s, 'frame_ms', 'floor_ms') <= 5)}")
row("first frame in process (Today read + Update + View; BenchmarkBookFirstFrame)", "BenchmarkBookFirstFrame")
row("one keypress on Today, Update + View (BenchmarkBookKeypress)", "BenchmarkBookKeypress", target="≪ 16.7 ms (one 60 Hz frame)",
    judge=lambda s: f"{r[s]['BenchmarkBookKeypress'] / 16.7 * 100:.1f}% of a frame {verdict(r[s]['BenchmarkBookKeypress'] < 16.7 / 4)}")
row("one fuzzy filter keystroke over all contacts (BenchmarkBookFilterKeystroke)", "BenchmarkBookFilterKeystroke", target="< 16.7 ms",
    judge=lambda s: verdict(r[s]["BenchmarkBookFilterKeystroke"] < 16.7))
row("due list in process (BenchmarkTodayStressBook)", "BenchmarkTodayStressBook")
for q, what in (("rare", "a word in no note"), ("two-words", "two common words"), ("one-word", "one common word"), ("prefix", "a 3-letter prefix")):
    row(f"FTS search, 100 newest hits: {what}", f"BenchmarkSearchStressBook/{q}")
row("one durable LogCall, book open (BenchmarkLogCallStressBook/warm)", "BenchmarkLogCallStressBook/warm", target=f"≤ 2 ms + fsync ({ms(fsync)})",
    judge=lambda s: verdict(r[s]["BenchmarkLogCallStressBook/warm"] <= 2 + fsync))
row("one durable LogCall, opening and closing the book (…/fresh)", "BenchmarkLogCallStressBook/fresh",
    target="the log above plus opening the book")
row("one durable `rotate log` (whole process)", "log_ms", target="the log plus process start and opening the book")
mb = lambda v: f"{v:.0f} MB"
row("peak memory, `rotate today --json`", "today_rss_mb", mb, "< 100 MB at 100,000",
    judge=lambda s: verdict(r[s]["today_rss_mb"] < 100))
row("peak memory, interface after its first frame", "frame_rss_mb", mb, "< 100 MB at 100,000",
    judge=lambda s: verdict(r[s]["frame_rss_mb"] < 100))
row("peak memory, floor", "floor_rss_mb", mb)

head = ["measure"] + [f"{s} ({r[s]['contacts']:,.0f} contacts, {r[s]['calls']:,.0f} calls)" for s in sizes] + ["target — verdict"]
print("| " + " | ".join(head) + " |")
print("|" + " --- |" * len(head))
for x in rows:
    print("| " + " | ".join(x) + " |")
a = r["all"]
print()
print(f"- Binary size: {a['binary_mb']:.1f} MB (`go build`, not stripped).")
print(f"- One 4 KiB append + fsync on this disk: {ms(fsync)}.")
print(f"- Process start, no book (`rotate version`): {ms(a['start_ms'])}.")
if "import_s" in a:
    print(f"- CSV import of 100,000 contacts (`rotate import`, whole process, fresh book): {a['import_s']:.1f} s, {a['import_n']:.0f} contacts in the book after.")
else:
    print("- CSV import of 100,000 contacts: not measured, this build has no `rotate import`.")
synthetic = [
    ("one keypress on a Today list of 10,000 due, Update + View", "BenchmarkListKeypress10k"),
    ("first frame from a store of 100,000 contacts (Today read + Update + View)", "BenchmarkFirstFrame100k"),
    ("one filter keystroke over 100,000 contacts", "BenchmarkFilterKeystroke100k"),
    ("one character typed in the notes", "BenchmarkTypeInNotes"),
    ("placing one call with the leveler on 100,000 contacts", "BenchmarkPlaceOneCall"),
    ("building the load forecast of 100,000 contacts", "BenchmarkBuildForecast"),
    ("one leveled, durable LogCall on 100,000 contacts", "BenchmarkLogCallLeveled"),
]
for what, key in synthetic:
    if key in a:
        print(f"- {what} (`{key}`): {ms(a[key])}.")
p = r.get("peer")
if p:
    print(f"- Peer, 10,000 contacts ({p['rotate_due']:.0f} due in rotate, {p['task_due']:.0f} tasks due in taskwarrior; "
          f"`task import` of the 10,000 took {p['task_import_s']:.1f} s): `rotate today` {ms(p['rotate_today_ms'])}, "
          f"`task due.before:tomorrow list` {ms(p['task_list_ms'])}: taskwarrior takes "
          f"{p['task_list_ms'] / p['rotate_today_ms']:.1f}× rotate's time.")
PY
