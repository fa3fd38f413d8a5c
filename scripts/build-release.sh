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
#
# The standard library is rebuilt for this build (`-Zbuild-std`, from the pinned toolchain's
# own `rust-src`) with its size-over-speed choices (`optimize_for_size`) and a panic that
# aborts at once (`-Cpanic=immediate-abort`) instead of formatting a message no one reads
# (the page has no panic hook, and panic = "abort" already stops it): 21 KB brotli less
# before the first render, 36 KB less in all (measured 2026-12-03). These switches are
# unstable; RUSTC_BOOTSTRAP lets the pinned stable toolchain take them, so the release is
# built by the same compiler as everything else. Only this build uses them; the tests of
# the release build (end to end, the size budget, the bench) are what vouch for it.
#
# `--cfg erase_components` is Leptos' own switch (its `view!` and `#[component]` macros read it) that makes each
# component hand back a type-erased view: one rendering path instead of a copy of the
# renderer per component's concrete view type. Same behaviour (the whole end-to-end suite
# runs on this build), 18 KB brotli less before the first render and 65 KB less in all
# (measured 2026-12-03).
RUSTC_BOOTSTRAP=1 \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Clink-args=--emit-relocs -Zunstable-options -Cpanic=immediate-abort --cfg erase_components" \
CARGO_PROFILE_RELEASE_STRIP=false \
  cargo build --release --quiet --target wasm32-unknown-unknown \
    -Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size \
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
