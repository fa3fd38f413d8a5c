#!/usr/bin/env bash
# Installs whatever is missing, then runs every test tier:
#   1. lint: the structure check, cargo fmt --check, clippy -D warnings (native and wasm), cargo doc -D warnings
#   2. native: cargo test (the pure core, the gateway twin)
#   3. browser: wasm-bindgen-test components in headless Chromium
#   4. end-to-end: the release build (size budget checked) in headless Chromium against the gateway twin
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$(pwd)/.tools/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=/usr/bin/chromedriver
step() { printf '\n\033[1;34m== %s ==\033[0m\n' "$*"; }

step "lint"
./scripts/check-structure.sh
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p routescope-playground --lib --bins --tests --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p routescope-playground --lib --bins --target wasm32-unknown-unknown --features split -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
RUSTDOCFLAGS="-D warnings" cargo doc -p routescope-playground --no-deps --quiet --target wasm32-unknown-unknown

step "tier 1: native tests (the pure core + the gateway twin)"
cargo test --workspace

step "tier 2: components in headless Chromium (wasm-bindgen-test)"
cargo test -p routescope-playground --target wasm32-unknown-unknown --test browser

step "tier 3: end-to-end, release build against the gateway twin"
./scripts/build-release.sh
# The size budget (scripts/size-budget.json): first-render transfer and all chunks together.
python3 scripts/size.py --check
# ... and the check can fail: the same build with 300 KB of incompressible bytes in its main
# module must break the first-render budget, with a message naming the figure.
rm -rf target/oversized && cp -r dist target/oversized
head -c 300000 /dev/urandom >> "$(ls target/oversized/pkg-*/routescope_playground_bg.wasm)"
if python3 scripts/size.py --check --dist target/oversized > target/oversized.log 2>&1; then
  echo "the size budget passed an oversized build" >&2; exit 1
fi
grep -q "size budget broken: first render is" target/oversized.log
cargo build -p gateway-twin
(cd tests/e2e && node --test --test-concurrency=1 --test-reporter=spec --test-reporter-destination=stdout --test-reporter=./summary-reporter.mjs --test-reporter-destination=stdout ./*.test.mjs)
