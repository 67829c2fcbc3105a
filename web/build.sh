#!/usr/bin/env bash
# Builds basin's web edition into web/dist/: index.html and pkg/ (basin.js, basin_bg.wasm).
# Serve web/dist/ with any static file server (e.g. `python3 -m http.server -d web/dist`).
#
# What it needs, installed when missing:
#   - the wasm32-unknown-unknown target: `rustup target add`; without rustup, Debian's
#     rustc-web packages and lld (std built from source with -Zbuild-std);
#   - wasm-bindgen-cli of exactly the wasm-bindgen version in Cargo.lock (the JS glue and
#     the wasm must come from the same version), into $BASIN_WEB_TOOLS (default:
#     target/web-tools), not into ~/.cargo.
# BASIN_WEB_DEBIAN=1 uses the Debian toolchain even when rustup is there.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
target_dir=${CARGO_TARGET_DIR:-$root/target}
tools=${BASIN_WEB_TOOLS:-$target_dir/web-tools}
dist=$root/web/dist
wasm_target=wasm32-unknown-unknown

step() { printf '== %s (%s)\n' "$*" "$(date -u +%H:%M:%S)"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "web/build.sh: need root to run: $*" >&2
    exit 1
  fi
}

build_std=()
if command -v rustup >/dev/null && [ "${BASIN_WEB_DEBIAN:-0}" != 1 ]; then
  step "the $wasm_target target (rustup)"
  rustup target add "$wasm_target"
else
  step "the $wasm_target target (Debian's rustc-web, std built from source)"
  wasm_ld=/usr/lib/llvm-22/bin/wasm-ld
  if ! dpkg -s rustc-web cargo-web rust-web-src libstd-rust-web-dev lld-22 >/dev/null 2>&1; then
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
      rustc-web cargo-web rust-web-src libstd-rust-web-dev lld-22
  fi
  export PATH=/usr/bin:$PATH RUSTC_BOOTSTRAP=1
  export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=$wasm_ld
  build_std=(-Zbuild-std=std,panic_abort)
fi

version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ -z "$version" ]; then
  echo "web/build.sh: no wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
bindgen=$tools/bin/wasm-bindgen
if [ "$("$bindgen" --version 2>/dev/null || true)" != "wasm-bindgen $version" ]; then
  step "wasm-bindgen-cli $version into $tools (a few minutes, once)"
  cargo install wasm-bindgen-cli --version "=$version" --root "$tools" --force
fi

step "basin for $wasm_target (release)"
# The library as a cdylib for this build only: Cargo.toml keeps the plain rlib, so the
# native tests and benches link as before.
cargo rustc --lib --release --target "$wasm_target" --crate-type cdylib "${build_std[@]}"

step "wasm-bindgen into web/dist/pkg"
rm -rf "$dist"
mkdir -p "$dist/pkg"
"$bindgen" --target web --no-typescript --out-dir "$dist/pkg" \
  "$target_dir/$wasm_target/release/basin.wasm"
cp web/index.html "$dist/"
# The Hangul font is fetched by the page only when Korean is chosen (src/web.rs).
mkdir -p "$dist/fonts"
cp assets/fonts/NanumGothic.ttf assets/fonts/NanumGothic-LICENSE.txt "$dist/fonts/"

wasm=$dist/pkg/basin_bg.wasm
printf 'web/dist: basin_bg.wasm %s bytes (%s gzipped)\n' \
  "$(wc -c <"$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
