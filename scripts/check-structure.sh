#!/usr/bin/env bash
# Checks the shape ARCHITECTURE.md promises, so it cannot drift silently:
#   1. the pure core has no web crate in its dependency tree, and no core file imports one;
#   2. only crates/app/src/state/drafts.rs touches the drafts signal (components write
#      through DraftStore's methods);
#   3. findings, errors and fixes name fields with FieldRef, never with a bare string.
set -euo pipefail
cd "$(dirname "$0")/.."
fail=0
web='^(leptos|web-sys|js-sys|wasm-bindgen|wasm-bindgen-futures|gloo-net|gloo-.*)$'
if cargo tree -p routescope-core -e normal --prefix none --format '{p}' | awk '{print $1}' | grep -Eq "$web"; then
  echo "check-structure: routescope-core depends on a web crate:"; cargo tree -p routescope-core -e normal; fail=1
fi
if grep -rnE '^\s*(pub )?use (leptos|web_sys|js_sys|gloo_net|wasm_bindgen)' crates/core; then
  echo "check-structure: the files above import web crates into the pure core"; fail=1
fi
if grep -rn 'RwSignal<Drafts>\|\.drafts\.\(update\|set\|write\)' crates/app/src | grep -v '^crates/app/src/state/drafts.rs:'; then
  echo "check-structure: the lines above write the drafts outside DraftStore"; fail=1
fi
if grep -rnE 'FieldFindings field="|Finding::new\([^)]*, "[a-z_]+",|apply_fix\([^)]*, "' crates; then
  echo "check-structure: the lines above name a field with a string instead of FieldRef"; fail=1
fi
[ "$fail" -eq 0 ] && echo "check-structure: ok (pure core, drafts written only through DraftStore, typed field references)"
exit "$fail"
