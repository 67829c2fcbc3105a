#!/usr/bin/env bash
# Opens the real window under Xvfb with the default preset, lets it run until the race has
# finished, saves a screenshot through the app itself, and fails if the PNG is missing or blank.
#   bash .ci/smoke.sh path/to/basin [OUT.png]
set -euo pipefail
bin=${1:?usage: smoke.sh BASIN_BINARY [OUT.png]}
out=${2:-$(mktemp -d)/smoke.png}

d=97
while [ -e /tmp/.X11-unix/X$d ] || [ -e /tmp/.X$d-lock ]; do d=$((d + 1)); done
Xvfb ":$d" -screen 0 1600x1000x24 -nolisten tcp >/tmp/basin-xvfb.log 2>&1 &
xpid=$!
trap 'kill $xpid 2>/dev/null || true' EXIT
sleep 1

DISPLAY=":$d" timeout 120 "$bin" open rosenbrock-race --screenshot "$out"
python3 "$(dirname "$0")/png_not_blank.py" "$out"
