#!/usr/bin/env bash
# Builds the release bundle and measures it: wasm + js + css sizes (raw, gzip -9, brotli -q 11)
# and the page's start-up time in headless Chromium (median of 7 cold loads).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
export PATH="$HOME/.cargo/bin:$(pwd)/.tools/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
trunk build --release >/dev/null 2>&1 || trunk build --release
printf '%-8s %12s %12s %12s\n' "asset" "raw" "gzip" "brotli"
total_raw=0; total_gz=0; total_br=0
for kind in wasm js css; do
  raw=0; gz=0; br=0
  for f in dist/*."$kind"; do
    [ -e "$f" ] || continue
    raw=$((raw + $(stat -c %s "$f")))
    gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
    br=$((br + $(brotli -q 11 -c "$f" | wc -c)))
  done
  printf '%-8s %10.1f KB %10.1f KB %10.1f KB\n' "$kind" "$(echo "$raw/1024" | bc -l)" "$(echo "$gz/1024" | bc -l)" "$(echo "$br/1024" | bc -l)"
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
done
printf '%-8s %10.1f KB %10.1f KB %10.1f KB\n' "total" "$(echo "$total_raw/1024" | bc -l)" "$(echo "$total_gz/1024" | bc -l)" "$(echo "$total_br/1024" | bc -l)"
(cd tests/e2e && node bench-startup.mjs)
