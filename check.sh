#!/usr/bin/env bash
# The same checks as CI (.ci/run), for a developer machine.
set -euo pipefail
cd "$(dirname "$0")"
cargo fmt --check
cargo clippy --all-targets -- -D warnings
cargo check --no-default-features
cargo test
