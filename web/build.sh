#!/usr/bin/env bash
# Builds basin's web edition into web/dist/: index.html, pkg/ (basin.js, basin_bg.wasm: the
# single-threaded build, whose jobs run in job-worker.js's Web Workers), pkg-threads/ (the
# same with its jobs on rayon's Web Workers and shared memory, for pages served cross-origin
# isolated), coi-sw.js (the service worker that isolates the page on a
# server that does not) and fonts/ (the Hangul font, fetched when Korean is chosen).
# Serve web/dist/ with any static file server: `python3 web/serve.py` sends the COOP/COEP
# headers that let the page use threads; on a server that sends none (`python3 -m http.server
# -d web/dist`, GitHub Pages) the page adds them through its service worker (coi-sw.js) and
# reloads once, so it is threaded there too.
#
# What it needs, installed when missing:
#   - the wasm32-unknown-unknown target: `rustup target add`; without rustup, Debian's
#     rustc-web packages and lld (std built from source with -Zbuild-std);
#   - wasm-bindgen-cli of exactly the wasm-bindgen version in Cargo.lock (the JS glue and
#     the wasm must come from the same version), into $BASIN_WEB_TOOLS (default:
#     target/web-tools), not into ~/.cargo.
# BASIN_WEB_DEBIAN=1 uses the Debian toolchain even when rustup is there.
# shellcheck source=web/common.sh
source "$(dirname "$0")/common.sh"
wasm_target=wasm32-unknown-unknown

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

# The threaded build, for pages that are cross-origin isolated (COOP/COEP headers): the jobs
# run on Web Workers (wasm-bindgen-rayon), so the page never waits for them. wasm atomics
# need std rebuilt with them (-Zbuild-std, from rust-src; RUSTC_BOOTSTRAP lets the stable
# toolchain take the flag), in a target folder of its own. The page chooses the build
# (web/index.html). BASIN_WEB_THREADS=0 leaves it out: every page is then single-threaded.
threads=${BASIN_WEB_THREADS:-1}
threads_dir=$target_dir/web-threads
if [ "$threads" = 1 ]; then
  step "basin for $wasm_target with threads (release; std rebuilt with atomics)"
  if command -v rustup >/dev/null && [ "${BASIN_WEB_DEBIAN:-0}" != 1 ]; then
    rustup component add rust-src
  fi
  # Shared memory, imported so the workers get the same one, and the thread-local storage
  # that wasm-bindgen sets up for each worker (rustc does not ask the linker for them on
  # wasm32-unknown-unknown).
  flags="-C target-feature=+atomics,+bulk-memory,+mutable-globals"
  for arg in --shared-memory --max-memory=1073741824 --import-memory --export=__wasm_init_tls \
    --export=__tls_size --export=__tls_align --export=__tls_base; do
    flags="$flags -C link-arg=$arg"
  done
  RUSTC_BOOTSTRAP=1 CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="$flags" \
    cargo rustc --lib --release --target "$wasm_target" --crate-type cdylib \
    -Zbuild-std=std,panic_abort --target-dir "$threads_dir"
fi

step "wasm-bindgen into web/dist/pkg"
rm -rf "$dist"
mkdir -p "$dist/pkg"
"$bindgen" --target web --no-typescript --out-dir "$dist/pkg" \
  "$target_dir/$wasm_target/release/basin.wasm"
if [ "$threads" = 1 ]; then
  "$bindgen" --target web --no-typescript --out-dir "$dist/pkg-threads" \
    "$threads_dir/$wasm_target/release/basin.wasm"
  sed 's/@THREADS_BUILT@/yes/' web/index.html >"$dist/index.html"
  # The service worker that makes the page cross-origin isolated on a server that does not
  # send COOP/COEP (index.html registers it only for the threaded build).
  cp web/coi-sw.js "$dist/"
else
  sed 's/@THREADS_BUILT@/no/' web/index.html >"$dist/index.html"
fi
# The single-threaded build's Web Worker, which runs its jobs (src/jobs/worker.rs).
cp web/job-worker.js "$dist/"
# The Hangul font is fetched by the page only when Korean is chosen (src/web.rs).
mkdir -p "$dist/fonts"
cp assets/fonts/NanumGothic.ttf assets/fonts/NanumGothic-LICENSE.txt "$dist/fonts/"

for wasm in "$dist"/pkg*/basin_bg.wasm; do
  printf 'web/dist: %s %s bytes (%s gzipped)\n' "${wasm#"$dist"/}" \
    "$(wc -c <"$wasm")" "$(gzip -9 -c "$wasm" | wc -c)"
done
