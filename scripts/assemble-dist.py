#!/usr/bin/env python3
"""Writes dist/ from a split release build (called by scripts/build-release.sh).

- The package directory (main module, its JS, the split loader, the chunks) is copied to
  dist/pkg-<hash>/, the hash taken over every file in it: the files refer to each other by
  relative name, so one directory name per build is enough to keep caches honest.
- The style sheet is minified and copied to dist/main-<hash>.css.
- index.html gets the style sheet, preload hints and the inline loader, with subresource
  integrity, and its CSP allows the loader by hash (as scripts/csp-hash.py does for trunk).

The files are written with relative paths, so dist/ can be hosted under any path.
"""
import base64
import hashlib
import os
import re
import shutil
import sys

pkg, out = sys.argv[1], sys.argv[2]
main_js, main_wasm = "routescope_playground.js", "routescope_playground_bg.wasm"


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def minify_css(css: str) -> str:
    # Comments out, runs of whitespace to one space, no space around punctuation. The sheet
    # holds no strings where this could change meaning (checked by the e2e screenshots).
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"\s+", " ", css)
    css = re.sub(r"\s*([{};,>])\s*", r"\1", css)
    css = re.sub(r":\s+", ":", css)
    return css.replace(";}", "}").strip()


if os.path.isdir(out):
    shutil.rmtree(out)
os.makedirs(out)

digest = hashlib.sha256()
names = sorted(os.listdir(pkg))
for name in names:
    digest.update(name.encode())
    with open(os.path.join(pkg, name), "rb") as f:
        digest.update(f.read())
pkg_dir = "pkg-" + digest.hexdigest()[:16]
shutil.copytree(pkg, os.path.join(out, pkg_dir))

with open("style/main.css", encoding="utf-8") as f:
    css = minify_css(f.read()).encode()
css_name = "main-%s.css" % hashlib.sha256(css).hexdigest()[:16]
with open(os.path.join(out, css_name), "wb") as f:
    f.write(css)

with open(os.path.join(pkg, main_js), "rb") as f:
    js_sri = sri(f.read())
with open(os.path.join(pkg, main_wasm), "rb") as f:
    wasm_sri = sri(f.read())

loader = (
    "\nimport init from './%s/%s';\n"
    "await init({ module_or_path: './%s/%s' });\n"
    "dispatchEvent(new CustomEvent('TrunkApplicationStarted'));\n" % (pkg_dir, main_js, pkg_dir, main_wasm)
)
head = (
    '<link rel="stylesheet" href="./%s" integrity="%s"/>\n'
    '<link rel="modulepreload" href="./%s/%s" crossorigin="anonymous" integrity="%s">'
    '<link rel="preload" href="./%s/%s" crossorigin="anonymous" integrity="%s" as="fetch" type="application/wasm">\n'
    '<script type="module">%s</script>\n'
    % (css_name, sri(css), pkg_dir, main_js, js_sri, pkg_dir, main_wasm, wasm_sri, loader)
)

with open("index.html", encoding="utf-8") as f:
    html = f.read()
# trunk's asset links are trunk's; this build puts its own in their place.
html = re.sub(r'\s*<link data-trunk[^>]*/>', "", html)
html = html.replace("</head>", head + "  </head>", 1)
loader_hash = "'sha256-%s'" % base64.b64encode(hashlib.sha256(loader.encode()).digest()).decode()
html = html.replace("__TRUNK_INLINE_HASHES__", loader_hash)
# The ws: sources exist for trunk's live reload only; a hosted page never needs them.
html = re.sub(r" ws://127\.0\.0\.1:\* ws://localhost:\*", "", html)
if "data-trunk" in html or "__TRUNK" in html or "ws:" in html:
    sys.exit("assemble-dist: index.html still has trunk-only parts (did index.html change?)")
with open(os.path.join(out, "index.html"), "w", encoding="utf-8") as f:
    f.write(html)

print("assemble-dist: %s/ (%d files), %s" % (pkg_dir, len(names), css_name))
