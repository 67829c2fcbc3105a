# The paths and helpers web/build.sh and web/test.sh share (sourced, not run): the checkout,
# the cargo target folder, the tools folder ($BASIN_WEB_TOOLS, default target/web-tools: the
# wasm-bindgen-cli and playwright-core the scripts install, never into the tree or ~/.cargo),
# the site (web/dist), a timestamped step line, and running a command as root (directly, or
# through sudo) for the system packages they install when missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
root=$PWD
target_dir=${CARGO_TARGET_DIR:-$root/target}
tools=${BASIN_WEB_TOOLS:-$target_dir/web-tools}
dist=$root/web/dist
script=web/$(basename "$0")

step() { printf '== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }

fail() {
  echo "$script: $*" >&2
  exit 1
}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    fail "need root to run: $*"
  fi
}
