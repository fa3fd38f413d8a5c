#!/usr/bin/env python3
"""What the release build in dist/ weighs, and the size budget the test command enforces.

    python3 scripts/size.py                 # per-file table, first render and total
    python3 scripts/size.py --peer BYTES    # the same, with ratios to a peer's brotli bytes
    python3 scripts/size.py --check         # fails when the budget (size-budget.json) is broken
    python3 scripts/size.py --dist DIR ...  # another build folder than dist/

"First render" is what the browser must fetch before the form is usable: index.html, what
it links and preloads, and the scripts those import statically (the main module and the
split loader). Chunks (fetched on first use, or in the background after the first render)
count only in the total. Sizes are brotli -q 11, as a static host serves them.
"""
import gzip
import json
import os
import re
import subprocess
import sys

DIST = "dist"
BUDGET_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "size-budget.json")


def brotli_size(path: str) -> int:
    out = subprocess.run(["brotli", "-q", "11", "-c", path], check=True, capture_output=True)
    return len(out.stdout)


def sizes(path: str) -> tuple:
    with open(path, "rb") as f:
        data = f.read()
    return len(data), len(gzip.compress(data, 9)), brotli_size(path)


def all_files() -> list:
    found = []
    for root, _, names in os.walk(DIST):
        for name in names:
            found.append(os.path.relpath(os.path.join(root, name), DIST))
    return sorted(found)


def first_render_files() -> list:
    """index.html, what it references, and the static imports of the scripts it loads."""
    with open(os.path.join(DIST, "index.html"), encoding="utf-8") as f:
        html = f.read()
    wanted = ["index.html"]
    refs = re.findall(r'(?:href|src)="\./([^"]+)"', html) + re.findall(r"from '\./([^']+)'", html)
    refs += re.findall(r"module_or_path: '\./([^']+)'", html)
    queue = list(refs)
    while queue:
        ref = os.path.normpath(queue.pop(0))
        if ref in wanted or not os.path.isfile(os.path.join(DIST, ref)):
            continue
        wanted.append(ref)
        if ref.endswith(".js"):
            with open(os.path.join(DIST, ref), encoding="utf-8") as f:
                js = f.read()
            # Static imports only: `new URL("./chunk.wasm", import.meta.url)` is a lazy fetch.
            for imported in re.findall(r'^\s*import[^;]*?from\s*["\']\./([^"\']+)["\']', js, re.M):
                queue.append(os.path.join(os.path.dirname(ref), imported))
    return wanted


def kb(n: int) -> str:
    return "%.1f KB" % (n / 1024)


def main() -> int:
    global DIST
    args = sys.argv[1:]
    if "--dist" in args:
        DIST = args[args.index("--dist") + 1]
    if not os.path.isfile(os.path.join(DIST, "index.html")):
        sys.exit("size: no %s/index.html: run ./scripts/build-release.sh first" % DIST)
    first = first_render_files()
    table = {name: sizes(os.path.join(DIST, name)) for name in all_files()}
    print("%-56s %11s %11s %11s" % ("file (* = first render)", "raw", "gzip", "brotli"))
    for name, (raw, gz, br) in table.items():
        mark = "*" if name in first else " "
        print("%s %-54s %11s %11s %11s" % (mark, name, kb(raw), kb(gz), kb(br)))
    first_br = sum(table[n][2] for n in first)
    total_br = sum(v[2] for v in table.values())
    total_raw = sum(v[0] for v in table.values())
    print("first render (brotli): %s in %d files" % (kb(first_br), len(first)))
    print("total, all chunks (brotli): %s (raw %s)" % (kb(total_br), kb(total_raw)))
    if "--peer" in args:
        peer = int(args[args.index("--peer") + 1])
        print("ratio to Swagger UI (brotli): first render %.2f, total %.2f" % (first_br / peer, total_br / peer))
    if "--check" not in args:
        return 0
    with open(BUDGET_FILE, encoding="utf-8") as f:
        budget = json.load(f)
    failures = []
    ceiling = budget["first_render_brotli_ceiling"]
    if first_br > ceiling:
        failures.append(
            "first render is %s brotli, over its budget of %s (the files marked * above)" % (kb(first_br), kb(ceiling))
        )
    baseline = budget["total_brotli_baseline"]
    allowed = baseline * (1 + budget["total_growth_allowed"])
    if total_br > allowed:
        failures.append(
            "all chunks together are %s brotli, %.1f %% over the recorded baseline of %s (more than %d %% allowed)"
            % (kb(total_br), 100 * (total_br / baseline - 1), kb(baseline), round(100 * budget["total_growth_allowed"]))
        )
    target = budget["first_render_brotli_target"]
    if first_br > target:
        print("size: the first render's target is %s; it is %s over it." % (kb(target), kb(first_br - target)), flush=True)
    for failure in failures:
        print("size budget broken: " + failure, file=sys.stderr)
    if failures:
        print(
            "If the growth is worth it, say so in the commit and update scripts/size-budget.json.",
            file=sys.stderr,
        )
        return 1
    print("size budget kept: first render %s (ceiling %s), total %s (baseline %s + %d %%)"
          % (kb(first_br), kb(ceiling), kb(total_br), kb(baseline), round(100 * budget["total_growth_allowed"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
