#!/usr/bin/env python3
"""Trunk post_build hook: allow trunk's inline loader script(s) by hash in the CSP.

Trunk writes an inline <script type="module"> that starts the wasm module. A strict
script-src ('self' only) would block it; instead of 'unsafe-inline' we put the sha256 of
every inline script into the policy, replacing the __TRUNK_INLINE_HASHES__ placeholder.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()

hashes = []
for m in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, re.S):
    digest = hashlib.sha256(m.group(1).encode("utf-8")).digest()
    hashes.append("'sha256-%s'" % base64.b64encode(digest).decode())

if "__TRUNK_INLINE_HASHES__" not in html:
    sys.exit(0)
if os.environ.get("TRUNK_PROFILE") == "debug":
    # `trunk serve` injects its live-reload script after this hook runs, so its hash cannot
    # be known here. Debug builds are for local development: allow inline scripts there.
    # Release builds (what is hosted) keep the strict hash-only policy.
    html = html.replace("__TRUNK_INLINE_HASHES__", "'unsafe-inline'")
    hashes = ["unsafe-inline (debug build)"]
else:
    html = html.replace("__TRUNK_INLINE_HASHES__", " ".join(hashes))
    # The ws: sources exist for trunk's live reload only; a hosted page never needs them.
    html = re.sub(r" ws://127\.0\.0\.1:\* ws://localhost:\*", "", html)
    if "ws:" in html.split("Content-Security-Policy", 1)[-1].split(">", 1)[0]:
        sys.exit("csp-hash: the release CSP still allows ws: (index.html's connect-src changed?)")
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
print("csp-hash: inline scripts allowed by %s" % (", ".join(hashes) or "nothing"))
