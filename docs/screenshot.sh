#!/usr/bin/env bash
# Regenerates docs/today.png, the Today screen shown in the README, from a
# real run of `rotate demo` in tmux at 100x30. Needs tmux; installs freeze
# through the Go module proxy if it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v tmux >/dev/null || { echo "needs tmux (apt-get install tmux)"; exit 1; }
freeze=$(command -v freeze || true)
if [ -z "$freeze" ]; then
  GOFLAGS= go install github.com/charmbracelet/freeze@v0.2.2
  freeze="$(go env GOPATH)/bin/freeze"
fi

bin=$(mktemp -d)/rotate
go build -o "$bin" ./cmd/rotate
session=rotate-shot-$$
tmux new-session -d -s "$session" -x 100 -y 30 -e ROTATE_TODAY=2026-11-25 -e COLORTERM=truecolor "$bin demo"
trap 'tmux kill-session -t "$session" 2>/dev/null || true' EXIT
sleep 2
tmux send-keys -t "$session" j
sleep 0.5
# freeze ignores SGR 39/49 (default colours): turn them into resets.
tmux capture-pane -t "$session" -e -p | sed 's/\x1b\[39m/\x1b[0m/g; s/\x1b\[49m//g' > /tmp/rotate-today.ansi
# freeze's own rasteriser has no ☎ or ✉ in its font: where librsvg is
# installed (Debian librsvg2-bin), freeze writes SVG and rsvg-convert draws
# it with the system's fonts, which have them.
if command -v rsvg-convert >/dev/null; then
  "$freeze" --language ansi --window --padding 20 --font.size 14 -o /tmp/rotate-today.svg < /tmp/rotate-today.ansi
  sed -i 's/font-family="JetBrains Mono"/font-family="DejaVu Sans Mono"/' /tmp/rotate-today.svg
  rsvg-convert --zoom 2 -o docs/today.png /tmp/rotate-today.svg
else
  "$freeze" --language ansi --window --padding 20 --font.size 14 -o docs/today.png < /tmp/rotate-today.ansi
fi
echo "wrote docs/today.png"
