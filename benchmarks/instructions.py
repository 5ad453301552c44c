#!/usr/bin/env python3
"""Row 1b in instructions: lint vs bare lxml on the real pages, counted by valgrind's callgrind.

    python benchmarks/instructions.py            # about two minutes; needs valgrind

CPU time on a shared 2-core machine moves by 20-40% from run to run (the lxml baseline alone read 17 to
29 ms for the same pages in one afternoon), which hides changes of a few percent.  Instructions barely
move: the lint's count repeats to within 0.1% (PYTHONHASHSEED is fixed), lxml's to within about 2%.
They are not time (a cache miss costs more than an instruction), so this complements row 1b of run.py
rather than replacing it.

Each count is of a fresh process that imports dlint and lxml and warms up; the same process without the
measured loop is subtracted, which leaves the loop: the 12 pages linted, or parsed by
``lxml.html.fromstring``.  Two warm-ups, two figures:

* **steady** (the verdict): the 12 pages are linted once before the measured pass, as row 1b's best of
  several runs and the issue's own measure (the pages copied 60 times, one process) have them.  What a
  process does once — first use of a module, a pattern compiled at its first use (source/lazy_re.py),
  a table loaded — is then outside the loop, as it is for all but the first of a batch's reports.
* **first pass**: one page linted before; the other eleven pages' first uses are inside the loop.  Since
  many patterns are compiled at first use, this figure holds their compiles (about 80 M instructions
  when measured), which earlier versions, compiling them at import, counted in the start-up instead.

Row 1d in instructions (issue 17's own measure, the command line on a batch): one ``dlint --jobs 1
--format concise`` process on a folder of the 12 pages copied three times, minus the same on the pages
once, against a python parsing the same files with lxml (minus the same on the pages once).  What is left
is the marginal cost of 24 files in a batch: reading, per-file configuration, the lint, the corpus
summary, the corpus stage's share, the output; the start-up is subtracted, as it is negligible on the
issue's 720 files.
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
for d in (files if {steady!r} else files[:1]):
    lint_bytes(d, kind="html")
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


def probe_ready(name: str) -> bool:
    """For a probe script: whether valgrind is here (else a line saying it is skipped); the sources are
    compiled first, as an installed wheel has them, so that no compile is counted."""
    if shutil.which("valgrind") is None:
        print(f"{name}: valgrind not found, skipped")
        return False
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)
    return True


def count(what: str, pages: list[str], steady: bool) -> int:
    """Instructions of a probe process (callgrind's total)."""
    return instructions_of(_PROBE.format(src=str(ROOT / "src"), pages=pages, what=what, steady=steady))


def instructions_of(code: str) -> int:
    """Instructions of a fresh ``python -c code`` process, counted by callgrind (PYTHONHASHSEED fixed)."""
    env = dict(os.environ, PYTHONHASHSEED="0")
    p = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", code],
                       capture_output=True, text=True, env=env)
    m = re.search(r"Collected\s*:\s*(\d+)", p.stderr)
    if p.returncode != 0 or m is None:
        raise RuntimeError(f"callgrind failed ({p.returncode}): {p.stderr[-500:]}")
    return int(m.group(1))


_BATCH = """import sys, runpy
sys.path.insert(0, {src!r})
sys.argv = ["dlint", "--isolated", "--jobs", "1", "--format", "concise", "--no-progress", *{extra!r}, {folder!r}]
try:
    runpy.run_module("disclosure_lint", run_name="__main__")
except SystemExit:
    pass
"""
_BATCH_LXML = """import glob, lxml.html
for p in sorted(glob.glob({folder!r} + "/*.html")):
    lxml.html.fromstring(open(p, "rb").read())
"""


def batch_counts(pages: list[str]) -> dict[str, int]:
    """Marginal instructions of 24 files in a batch (three copies of the pages less one), per command."""
    import tempfile

    out: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folders = {}
        for copies in (1, 3):
            folder = Path(tmp) / f"x{copies}"
            folder.mkdir()
            for i in range(copies):
                for p in pages:
                    (folder / f"{Path(p).stem}_{i}.html").write_bytes(Path(p).read_bytes())
            folders[copies] = str(folder)
        for name, code, extra in (("lxml", _BATCH_LXML, []), ("dlint", _BATCH, []),
                                  ("no-corpus", _BATCH, ["--no-corpus"])):
            n = [instructions_of(code.format(src=str(ROOT / "src"), folder=folders[c], extra=extra)) for c in (1, 3)]
            out[name] = n[1] - n[0]
    return out


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
    first_base = count("none", pages, False)
    first_lint = count("lint", pages, False) - first_base
    first_lxml = count("lxml", pages, False) - first_base
    base = count("none", pages, True)
    lint = count("lint", pages, True) - base
    lxml = count("lxml", pages, True) - base
    print(f"1b in instructions: {len(pages)} real pages, steady (linted once before): lxml.html.fromstring "
          f"{lxml / 1e6:.0f} M, dlint lint {lint / 1e6:.0f} M -> ratio {lint / lxml:.2f}x (target <= 5x) "
          f"{'OK' if lint <= 5 * lxml else 'MISSED'}; first pass (one page before): lxml {first_lxml / 1e6:.0f} M, "
          f"dlint {first_lint / 1e6:.0f} M -> {first_lint / first_lxml:.2f}x; start-up (imports, one page) "
          f"{first_base / 1e6:.0f} M")
    b = batch_counts(pages)
    print(f"1d in instructions: the command line, 24 more files in a batch (--jobs 1): lxml {b['lxml'] / 1e6:.0f} M, "
          f"dlint {b['dlint'] / 1e6:.0f} M -> ratio {b['dlint'] / b['lxml']:.2f}x (target <= 5x) "
          f"{'OK' if b['dlint'] <= 5 * b['lxml'] else 'MISSED'}; with --no-corpus {b['no-corpus'] / 1e6:.0f} M -> "
          f"{b['no-corpus'] / b['lxml']:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
