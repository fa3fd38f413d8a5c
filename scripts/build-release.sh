#!/usr/bin/env bash
# The release build (what is hosted, tested end to end and benchmarked), split into lazily
# loaded chunks:
#   cargo (feature `split`, relocations kept) → wasm-split → wasm-bindgen → wasm-opt → dist/
# trunk cannot split (it runs wasm-bindgen straight after cargo, and the split must come
# between the two), so this script does the release build itself; `trunk serve` stays the
# unsplit development loop. Output: dist/index.html, dist/main-<hash>.css and
# dist/pkg-<hash>/ (the main module, its JS, the split loader and one .wasm per chunk).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$(pwd)/.tools/node_modules/.bin:$PATH"

work=target/split-build
rm -rf "$work"
mkdir -p "$work/split" "$work/pkg"

# wasm-split reads the linker's relocations and symbol table: keep them (and the symbol
# names) in this build; wasm-opt strips them afterwards.
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Clink-args=--emit-relocs" \
CARGO_PROFILE_RELEASE_STRIP=false \
  cargo build --release --quiet --target wasm32-unknown-unknown \
    -p routescope-playground --bin routescope-playground --features split

# The tools read the name section wasm-ld writes and warn about one subsection they do not
# know (field names): harmless, and filtered so real messages stand out.
quiet_names() { grep -v "unknown name subsection" || true; }

wasm-split-cli --out-name routescope_playground \
  target/wasm32-unknown-unknown/release/routescope-playground.wasm "$work/split" 2> >(quiet_names >&2)

# --keep-lld-exports: the chunks import what they share with the main module by name.
wasm-bindgen --target web --no-typescript --keep-lld-exports --no-demangle \
  --out-dir "$work/pkg" "$work/split/routescope_playground.wasm" 2> >(quiet_names >&2)
for file in "$work/split"/*; do
  case "$(basename "$file")" in
    routescope_playground.wasm) ;;
    *) cp "$file" "$work/pkg/" ;;
  esac
done

# The same features trunk's build enables (see index.html's data-wasm-opt-params).
for wasm in "$work/pkg"/*.wasm; do
  wasm-opt -Oz --strip-debug --strip-producers \
    --enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$wasm" -o "$wasm" 2> >(quiet_names >&2)
done

python3 scripts/assemble-dist.py "$work/pkg" dist
