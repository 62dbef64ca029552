#!/usr/bin/env bash
# Prints the script bytes each kind of page loads (raw and gzip -9): what the page loads itself, and what
# lectern.js adds when `lectern serve` answers; for the sample course, now and at an earlier commit (the
# theme of that commit, built by this binary). SCORM packages load what a file:// site loads, and never
# the server's scripts.
# Usage: bench/page-weight.sh [EARLIER_COMMIT]     (default: eabcb24, before the front end was split)
set -euo pipefail
cd "$(dirname "$0")/.."
earlier="${1:-eabcb24}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
swift build --product lectern >/dev/null
lectern="$PWD/.build/debug/lectern"
"$lectern" build SampleCourses/python-foundations --out "$work/now" >/dev/null 2>&1
git archive "$earlier" Themes/default | tar -x -C "$work"
"$lectern" build SampleCourses/python-foundations --out "$work/before" --theme "$work/Themes/default" >/dev/null 2>&1
python3 - "$work" <<'PY'
import gzip, json, os, re, sys
work = sys.argv[1]
pages = [("catalog", "index.html"), ("course home", "python-foundations/index.html"),
         ("lesson", "python-foundations/getting-started/welcome.html"), ("quiz", "python-foundations/control-flow/check.html"),
         ("search", "python-foundations/search.html"), ("account", "account.html"), ("teaching", "teaching.html")]
def weight(site, page):
    html = open(os.path.join(site, page), encoding="utf-8").read()
    own = re.findall(r'<script src="([^"]+)" defer>', html)
    found = re.search(r'id="lectern-server-scripts">([^<]*)<', html)
    server = json.loads(found.group(1)) if found else []
    def size(hrefs):
        data = b"".join(open(os.path.normpath(os.path.join(site, os.path.dirname(page), h)), "rb").read()
                        for h in hrefs if "highlight" not in h and "katex" not in h)
        return len(data), len(gzip.compress(data, 9))
    return size(own), size(server)
print("script bytes a page loads, raw / gzip -9 (Debian's highlight.js and KaTeX, loaded only by pages with code or math, left out)")
print(f"{'page':<12} {'before, any site':>18} {'now: file://, SCORM':>20} {'now: served':>18}")
for name, page in pages:
    (b, bz), (bs, bsz) = weight(os.path.join(work, "before"), page)
    (n, nz), (s, sz) = weight(os.path.join(work, "now"), page)
    print(f"{name:<12} {b + bs:>10,} / {bz + bsz:>6,} {n:>11,} / {nz:>6,} {n + s:>10,} / {nz + sz:>6,}")
PY
