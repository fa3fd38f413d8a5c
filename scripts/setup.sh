#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test the playground. Idempotent: a second
# run only checks versions and takes seconds. Only the registries this machine reaches are
# used (rustup's target download, crates.io, npm, Debian apt): trunk is never allowed to
# download its own tools.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
# The splitter that cuts the release build into lazily loaded chunks (scripts/build-release.sh).
WASM_SPLIT_VERSION=0.2.4
TOOLS="$ROOT/.tools"
log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$TOOLS/node_modules/.bin:$PATH"
# The wasm-bindgen CLI must equal the library version the lockfile resolved.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)

need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need_apt+=(chromium-driver)
command -v node >/dev/null 2>&1 || need_apt+=(nodejs npm)
command -v gzip >/dev/null 2>&1 || need_apt+=(gzip)
command -v brotli >/dev/null 2>&1 || need_apt+=(brotli)
command -v curl >/dev/null 2>&1 || need_apt+=(curl)
command -v bc >/dev/null 2>&1 || need_apt+=(bc)
command -v python3 >/dev/null 2>&1 || need_apt+=(python3)
if [ ${#need_apt[@]} -gt 0 ]; then
  log "apt: installing ${need_apt[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  log "rustup: adding wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# The release build rebuilds the standard library from its source (scripts/build-release.sh).
if ! rustup component list --installed 2>/dev/null | grep -q '^rust-src'; then
  log "rustup: adding rust-src (the release build rebuilds std for size)"
  rustup component add rust-src
fi

if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  log "cargo: installing trunk $TRUNK_VERSION (takes 6-9 minutes once)"
  TRUNK_SKIP_VERSION_CHECK=true cargo install --locked trunk --version "$TRUNK_VERSION"
fi

if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "cargo: installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes once)"
  # Without --locked: the CLI's own lockfile pins a crate version this registry lacks.
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

# (wasm-split-cli has no --version: cargo's list of installed crates says which one is there.)
if ! command -v wasm-split-cli >/dev/null 2>&1 || ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  log "cargo: installing wasm-split-cli $WASM_SPLIT_VERSION (about 1 minute once)"
  cargo install --locked wasm_split_cli_support --version "=$WASM_SPLIT_VERSION" --features build-binary
fi

if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "132" ]; then
  log "npm: installing binaryen@$BINARYEN_VERSION (wasm-opt) into .tools/"
  mkdir -p "$TOOLS"
  npm install --silent --no-audit --no-fund --prefix "$TOOLS" "binaryen@$BINARYEN_VERSION" >/dev/null
fi

if [ ! -d tests/e2e/node_modules/playwright-core ] || [ tests/e2e/package-lock.json -nt tests/e2e/node_modules/.package-lock.json ]; then
  log "npm: installing the end-to-end driver (playwright-core, no browser download)"
  (cd tests/e2e && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --silent --no-audit --no-fund >/dev/null)
fi

# Trunk runs cargo offline (Trunk.toml): fetch whatever the lockfile names. Instant when
# nothing changed.
cargo fetch --quiet
log "ready: trunk $TRUNK_VERSION, wasm-bindgen $WASM_BINDGEN_VERSION, wasm-split $WASM_SPLIT_VERSION, wasm-opt $(wasm-opt --version | awk '{print $3}'), $(chromium --version 2>/dev/null | head -1)"
