#!/usr/bin/env bash
# Starts the local gateway twin (offline sandbox) and prints its URL and demo keys.
# Extra arguments go to the twin, e.g. ./scripts/twin.sh --port 9000
set -euo pipefail
cd "$(dirname "$0")/.."
exec cargo run --quiet -p gateway-twin -- "$@"
