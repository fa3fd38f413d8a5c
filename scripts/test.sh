#!/usr/bin/env bash
# Installs whatever is missing, then runs every test tier:
#   1. lint: cargo fmt --check, clippy -D warnings (native and wasm)
#   2. native: cargo test (the pure domain, the gateway twin)
#   3. browser: wasm-bindgen-test components in headless Chromium
#   4. end-to-end: the release build in headless Chromium against the gateway twin
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$(pwd)/.tools/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=/usr/bin/chromedriver
step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }

step "lint"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --lib --bins --target wasm32-unknown-unknown -- -D warnings

step "tier 1: native tests (domain + gateway twin)"
cargo test --workspace

step "tier 2: components in headless Chromium (wasm-bindgen-test)"
cargo test --target wasm32-unknown-unknown --test browser

step "tier 3: end-to-end, release build against the gateway twin"
trunk build --release
cargo build -p gateway-twin
(cd tests/e2e && node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout --test-reporter=./summary-reporter.mjs --test-reporter-destination=stdout ./*.test.mjs)
