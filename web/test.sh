#!/usr/bin/env bash
# Tests the built web edition (web/dist/, made by web/build.sh) in headless Chromium:
# serves web/dist/ on 127.0.0.1 twice — cross-origin isolated (web/serve.py) and plain
# (`python3 -m http.server`, no COOP/COEP headers) — and runs web/test.cjs (Playwright) against
# them: the page loads with no console error, the Playground's heatmap and paths render, Play
# advances the race, every lab opens, the plain server's page makes itself isolated through
# its service worker, the Network lab's final losses of two presets are the native build's bit
# for bit; it measures the time to the first picture and the frames while a landscape
# computes. Exits non-zero with a message on the first failure.
#   bash web/test.sh [SHOTS_DIR]     (screenshots go there; default: a temporary folder)
#
# What it needs, installed when missing: Chromium (`apt-get install chromium`, as root or
# through sudo; BASIN_CHROMIUM names another binary) and playwright-core (a pinned version,
# from npm into $BASIN_WEB_TOOLS/node, default target/web-tools/node, not into the tree).
# shellcheck source=web/common.sh
source "$(dirname "$0")/common.sh"
shots=${1:-$(mktemp -d)}
mkdir -p "$shots"
playwright_version=1.65.2

[ -f "$dist/index.html" ] && [ -f "$dist/pkg/basin_bg.wasm" ] ||
  fail "no site in web/dist/: run web/build.sh first"

chromium=${BASIN_CHROMIUM:-}
if [ -z "$chromium" ]; then
  chromium=$(command -v chromium || command -v chromium-browser || true)
fi
if [ -z "$chromium" ]; then
  step "Chromium (apt-get)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  chromium=$(command -v chromium) || fail "Chromium did not install"
fi
command -v node >/dev/null && command -v npm >/dev/null || {
  step "Node.js and npm (apt-get)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
}
node_dir=$tools/node
if [ "$(node -p "require('$node_dir/node_modules/playwright-core/package.json').version" 2>/dev/null || true)" != "$playwright_version" ]; then
  step "playwright-core $playwright_version into $node_dir"
  mkdir -p "$node_dir"
  npm install --prefix "$node_dir" --no-audit --no-fund --no-save \
    "playwright-core@$playwright_version" >/dev/null
fi

# What the browser's numbers must equal: the native build's final losses of the presets the
# Network lab is checked on (web/test.cjs, sameNumbers), from the release binary (built here
# if needed, a few minutes the first time; BASIN_NATIVE names another). Optimization does not
# change a bit — basin's arithmetic is the same IEEE operations in every build — but the debug
# build trains the digits network some 100 times slower.
native=${BASIN_NATIVE:-}
if [ -z "$native" ]; then
  step "the native binary (cargo build --release), for the numbers the browser must match"
  cargo build --release --quiet --bin basin
  native=$target_dir/release/basin
fi
step "the native numbers: basin trajectory moons, digits"
for preset in moons digits; do
  "$native" trajectory "$preset" --out "$shots/native-$preset.csv" >/dev/null
done

step "serving web/dist on 127.0.0.1 (cross-origin isolated, and plain)"
port_file=$(mktemp)
python3 "$root/web/serve.py" "$dist" --port 0 --port-file "$port_file" >"$shots/server.log" 2>&1 &
server=$!
# A server that sends no COOP/COEP (nor anything else of web/serve.py's), as most static hosts.
python3 -u -m http.server 0 --bind 127.0.0.1 --directory "$dist" >"$shots/plain-server.log" 2>&1 &
plain_server=$!
trap 'kill $server $plain_server 2>/dev/null || true; rm -f "$port_file"' EXIT
for _ in $(seq 50); do
  [ -s "$port_file" ] && break
  kill -0 $server 2>/dev/null || fail "the server did not start: $(cat "$shots/server.log")"
  sleep 0.1
done
port=$(cat "$port_file")
[ -n "$port" ] || fail "the server did not say its port"
plain_port=
for _ in $(seq 50); do
  plain_port=$(sed -n 's/^Serving HTTP on .* port \([0-9]*\).*/\1/p' "$shots/plain-server.log")
  [ -n "$plain_port" ] && break
  kill -0 $plain_server 2>/dev/null || fail "the plain server did not start: $(cat "$shots/plain-server.log")"
  sleep 0.1
done
[ -n "$plain_port" ] || fail "the plain server did not say its port"

step "headless Chromium ($("$chromium" --version 2>/dev/null | head -1)) on http://127.0.0.1:$port/ and :$plain_port/"
expect_threads=0
[ -d "$dist/pkg-threads" ] && expect_threads=1
NODE_PATH=$node_dir/node_modules BASIN_CHROMIUM=$chromium BASIN_WEB_EXPECT_THREADS=$expect_threads \
  BASIN_WEB_PLAIN_URL=http://127.0.0.1:$plain_port/ node "$root/web/test.cjs" "http://127.0.0.1:$port/" "$shots"
echo "web/test.sh: passed (screenshots in $shots)"
