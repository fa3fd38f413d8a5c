#!/usr/bin/env bash
# Installs whatever is missing, then serves the app with `trunk serve` on
# http://127.0.0.1:8080 (rebuilds on change). Point it at the real gateway, or start the
# offline gateway twin in another terminal with ./scripts/twin.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$(pwd)/.tools/node_modules/.bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
exec trunk serve "$@"
