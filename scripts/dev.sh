#!/usr/bin/env bash
# Installs whatever is missing, starts the offline gateway twin on http://127.0.0.1:8787 and
# serves the app with `trunk serve` on http://127.0.0.1:8080 (rebuilds on change). This
# development build opens pointed at the twin with its demo key, so the first Send works
# offline; type the real gateway and your key to use it instead. Ctrl+C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$(pwd)/.tools/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
cargo build --quiet -p gateway-twin
twin_pid=""
if curl -s -o /dev/null --max-time 1 http://127.0.0.1:8787/v1/models; then
  echo "[dev] something already answers on 127.0.0.1:8787: using it as the twin"
else
  target/debug/gateway-twin --port 8787 &
  twin_pid=$!
fi
trap '[ -n "$twin_pid" ] && kill "$twin_pid" 2>/dev/null || true' EXIT INT TERM
trunk serve "$@"
