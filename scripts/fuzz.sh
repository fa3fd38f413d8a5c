#!/usr/bin/env bash
# The long fuzz run: every pure parser and decoder of the core (answers and SSE, envelopes
# and the diagnosis, share links, redaction, base URLs, saved settings, request building,
# inline image headers and imports) with FUZZ_CASES inputs each (default 1,000,000), grown from the golden answers.
# The test command runs the same targets with 1,500 cases each. A failure names the seed
# and case; replay with FUZZ_SEED=<seed> FUZZ_CASES=<n> ./scripts/fuzz.sh.
#   ./scripts/fuzz.sh                 # 1,000,000 cases per target
#   FUZZ_CASES=50000 ./scripts/fuzz.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export FUZZ_CASES="${FUZZ_CASES:-1000000}"
export FUZZ_SEED="${FUZZ_SEED:-$(date +%s)}"
echo "fuzz: $FUZZ_CASES cases per target, FUZZ_SEED=$FUZZ_SEED"
cargo test --release -p routescope-core --test fuzz -- --nocapture --test-threads=2
