#!/usr/bin/env bash
# Builds the release bundle and measures, in one run on this machine:
#   1. the bundle per file (raw, gzip -9, brotli -q 11), what the first render must fetch and
#      all chunks together, and, beside it, Swagger UI's npm distribution (swagger-ui-dist)
#      measured the same way, with both ratios;
#   2. start-up to first render in headless Chromium (median of 7 cold loads);
#   3. answers at any size through the UI: a 20 MB JSON answer and a 20,000-event stream
#      (first content / final text after the last byte, longest main-thread task, events lost);
#   4. linear work on hostile data: each parser of the core at 1, 2, 4 and 8 units of input,
#      its growth per doubling (fails above 2.6).
# Figures are machine-dependent; the ratio to the peer measured in the same run is what
# carries across machines.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh >/dev/null
export PATH="$HOME/.cargo/bin:$(pwd)/.tools/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
SWAGGER_VERSION=5.35.0
PEER="$(pwd)/.tools/peer"

./scripts/build-release.sh
cargo build -q -p gateway-twin
if [ ! -f "$PEER/node_modules/swagger-ui-dist/package.json" ] \
  || ! grep -q "\"version\": \"$SWAGGER_VERSION\"" "$PEER/node_modules/swagger-ui-dist/package.json"; then
  npm install --silent --no-audit --no-fund --prefix "$PEER" "swagger-ui-dist@$SWAGGER_VERSION" >/dev/null
fi

kb() { echo "scale=1; $1/1024" | bc -l; }
# Prints one row (label, raw, gzip, brotli) for the files given; sets $row_br to the brotli bytes.
row() {
  local label=$1; shift
  local raw=0 gz=0 br=0
  for f in "$@"; do
    [ -e "$f" ] || continue
    raw=$((raw + $(stat -c %s "$f")))
    gz=$((gz + $(gzip -9 -c "$f" | wc -c)))
    br=$((br + $(brotli -q 11 -c "$f" | wc -c)))
  done
  printf '%-34s %10s KB %10s KB %10s KB\n' "$label" "$(kb $raw)" "$(kb $gz)" "$(kb $br)"
  row_br=$br
}

S="$PEER/node_modules/swagger-ui-dist"
printf '%-34s %13s %13s %13s\n' "peer" "raw" "gzip" "brotli"
row "Swagger UI $SWAGGER_VERSION (what a page loads)" "$S/index.html" "$S/index.css" "$S/swagger-ui.css" \
  "$S/swagger-ui-bundle.js" "$S/swagger-ui-standalone-preset.js" "$S/swagger-initializer.js"
peer=$row_br
echo
# Ours, per file (chunks included), the first-render transfer and the total, with both ratios.
python3 scripts/size.py --peer "$peer"
echo

(cd tests/e2e && node bench-startup.mjs)
(cd tests/e2e && node bench-loads.mjs)

echo
cargo run --release -q -p routescope-core --example linearity
