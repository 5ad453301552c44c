#!/usr/bin/env python3
"""Row 1b in instructions: lint vs bare lxml on the real pages, counted by valgrind's callgrind.

    python benchmarks/instructions.py            # about a minute; needs valgrind

CPU time on a shared 2-core machine moves by 20-40% from run to run (the lxml baseline alone read 17 to
29 ms for the same pages in one afternoon), which hides changes of a few percent.  Instructions barely
move: the lint's count repeats to within 0.1% (PYTHONHASHSEED is fixed), lxml's to within about 2%.
They are not time (a cache miss costs more than an instruction), so this complements row 1b of run.py
rather than replacing it.

Each count is of a fresh process that imports dlint and lxml and lints one page to warm up; the same
process without the measured loop is subtracted, which leaves the loop: the 12 pages linted, or parsed
by ``lxml.html.fromstring``.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PROBE = """import sys
sys.path.insert(0, {src!r})
from pathlib import Path
import lxml.html
from disclosure_lint import lint_bytes
files = [Path(p).read_bytes() for p in {pages!r}]
lint_bytes(files[0], kind="html")
lxml.html.fromstring(files[0])
if {what!r} == "lint":
    for d in files:
        lint_bytes(d, kind="html")
elif {what!r} == "lxml":
    for d in files:
        lxml.html.fromstring(d)
"""


def real_pages() -> list[str]:
    for folder in (ROOT.parent / "shared" / "corpus" / "real-html", Path("/work/shared/corpus/real-html")):
        if folder.is_dir():
            return [str(p) for p in sorted(folder.glob("*.html"))]
    return []


def count(what: str, pages: list[str]) -> int:
    """Instructions of a probe process (callgrind's total)."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    code = _PROBE.format(src=str(ROOT / "src"), pages=pages, what=what)
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code],
                       capture_output=True, text=True, env=env)
    m = re.search(r"Collected\s*:\s*(\d+)", p.stderr)
    if p.returncode != 0 or m is None:
        raise RuntimeError(f"callgrind failed ({p.returncode}): {p.stderr[-500:]}")
    return int(m.group(1))


def main() -> int:
    if shutil.which("valgrind") is None:
        print("instructions: valgrind not found, skipped")
        return 0
    pages = real_pages()
    if not pages:
        print("instructions: ../shared/corpus/real-html not found, skipped")
        return 0
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)  # as installed: no compile inside the counts
    base = count("none", pages)
    lint = count("lint", pages) - base
    lxml = count("lxml", pages) - base
    print(f"1b in instructions: {len(pages)} real pages, lxml.html.fromstring {lxml / 1e6:.0f} M, dlint lint "
          f"{lint / 1e6:.0f} M -> ratio {lint / lxml:.2f}x (target <= 5x) {'OK' if lint <= 5 * lxml else 'MISSED'}; "
          f"start-up (imports, one page) {base / 1e6:.0f} M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
