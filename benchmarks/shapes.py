"""Issue 17's growth and memory targets, as ratios measured in the same run.

    python benchmarks/shapes.py           # also run by benchmarks/run.py

* growth: each shape at 1x and 10x its size, lint time (best CPU time of a few runs); 10x the input
  must cost <= 11x the time — pages, one long table, a paragraph of numbers, a paragraph of
  "共N件，其中…" breakdowns;
* memory: each real page of ../shared/corpus/real-html linted in a fresh process; the rise of the
  peak resident set over a warmed-up interpreter, as a multiple of the file size (aim <= 8x). Two
  warm-ups, both printed: a small synthetic report (tables, headings, figures: every code path a
  report takes has run once), which leaves the page's own cost; and "<p>warm</p>" alone, which also
  charges the page with the process's first-use costs. Measured (smaps, tracemalloc): the code pages
  of _decimal a report's arithmetic faults in (60-130 KB, file-backed and shared); the Python objects
  first use keeps (caches, compiled patterns: about 80 KB, made below the peak, so they hardly show);
  and the memory the warm-up report freed, which the page reuses in the first row and must take new in
  the second — most of the difference between the two rows. No module is imported and no file is read
  during the measured lint. The page's own peak is its Python objects: the text (2 bytes a character
  once it holds Chinese), the tree and its token lists, the blocks read from it (tracemalloc: 3.9-6.2x
  the file on the real pages).
"""
from __future__ import annotations

import compileall
import gc
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from disclosure_lint import lint_bytes  # noqa: E402
from disclosure_lint.tools.synth import ReportSpec, render_html  # noqa: E402

GROWTH_TARGET = 11.0
MEMORY_TARGET = 8.0

_HEAD = "<html><head><meta charset='utf-8'><title>某县2021年政府信息公开工作年度报告</title></head><body>"
_TOP = "<h1>某县2021年政府信息公开工作年度报告</h1><p>一、总体情况</p>"


def page(k: int) -> bytes:
    return render_html(ReportSpec(year=2022, seed=1, filler=2, repeat=20 * k, word=True)).encode("utf-8")


def table(k: int) -> bytes:
    rows = "".join(f"<tr><td>事项{i}</td><td>{i % 97}</td><td>{i % 13}</td><td>{i % 97 + i % 13}</td></tr>"
                   for i in range(400 * k))
    return (_HEAD + _TOP + "<table><tr><th>项目</th><th>甲</th><th>乙</th><th>合计</th></tr>" + rows
            + "</table></body></html>").encode("utf-8")


def numbers(k: int) -> bytes:
    body = "，".join(f"第{i}项{i % 1000}件" for i in range(2000 * k))
    return (_HEAD + _TOP + "<p>" + body + "。</p></body></html>").encode("utf-8")


def breakdowns(k: int) -> bytes:
    body = "，".join(f"共{i % 50 + 3}件，其中1件、2件" for i in range(500 * k))
    return (_HEAD + _TOP + "<p>" + body + "。</p></body></html>").encode("utf-8")


SHAPES = {"page": page, "table": table, "numbers": numbers, "breakdowns": breakdowns}


def cpu(fn, repeats: int) -> float:
    best = float("inf")
    for _ in range(repeats):
        gc.collect()
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def growth(repeats: int = 3) -> list[tuple[str, int, float, float, float, float]]:
    """(shape, bytes at 1x, size ratio, seconds at 1x, seconds at 10x, time ratio) for each shape."""
    lint_bytes(b"<p>warm</p>", kind="html")
    out = []
    for name, make in SHAPES.items():
        small, big = make(1), make(10)
        t1 = cpu(lambda: lint_bytes(small, kind="html"), repeats)
        t10 = cpu(lambda: lint_bytes(big, kind="html"), max(1, repeats - 1))
        out.append((name, len(small), len(big) / len(small), t1, t10, t10 / t1))
    return out


_PROBE = """import sys
sys.path.insert(0, {src!r})
def hwm():
    try:
        for line in open('/proc/self/status'):
            if line.startswith('VmHWM:'):
                return int(line.split()[1])
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
from disclosure_lint import lint_bytes
data = open({path!r}, 'rb').read()
lint_bytes(b'<p>warm</p>', kind='html')
if {report!r}:
    from disclosure_lint.tools.synth import ReportSpec, render_html
    lint_bytes(render_html(ReportSpec(year=2022, seed=1, filler=0, repeat=1, word=True)).encode('utf-8'), kind='html')
base = hwm()
lint_bytes(data, kind='html')
print(base, hwm())
"""


def peak_multiple(path: Path, warm_report: bool = False) -> float:
    """Peak resident memory a lint of *path* adds, as a multiple of the file size (fresh process); with
    *warm_report*, after a warm-up lint of a small synthetic report, else of "<p>warm</p>" alone."""
    code = _PROBE.format(src=str(ROOT / "src"), path=str(path), report=warm_report)
    out = subprocess.run([sys.executable, "-c", code],
                         capture_output=True, text=True, check=True).stdout.split()
    return (int(out[1]) - int(out[0])) * 1024 / path.stat().st_size


def real_pages() -> list[Path]:
    for folder in (ROOT.parent / "shared" / "corpus" / "real-html", Path("/work/shared/corpus/real-html")):
        if folder.is_dir():
            return sorted(folder.glob("*.html"))
    return []


def report(repeats: int = 3) -> list[str]:
    lines = []
    for name, size, grown, t1, t10, r in growth(repeats):
        limit = GROWTH_TARGET / 10 * grown  # 10x the input: <= 11x the time
        lines.append(f"growth, {name}: {size / 1e3:.0f} KB {t1 * 1000:.0f} ms; {grown:.1f}x the input -> "
                     f"{t10 * 1000:.0f} ms = {r:.1f}x the time (target <= {limit:.1f}x) {'OK' if r <= limit else 'MISSED'}")
    pages = real_pages()
    if pages:
        # The probes import the package from bytecode, as an installed package does. Compiled from source
        # (no __pycache__, or PYTHONDONTWRITEBYTECODE), the compiler's own peak raises the high-water mark
        # before the lint and hides up to 3x the file of the lint's rise: the rows read low.
        compileall.compile_dir(str(ROOT / "src"), quiet=1)
        for warm_report, how in ((True, "the page's own, after a warm-up report"),
                                 (False, "first report of a fresh process, its first-use costs included")):
            multiples = [peak_multiple(p, warm_report) for p in pages]
            worst = max(multiples)
            lines.append(f"memory, {len(pages)} real pages ({how}): peak RSS rise median "
                         f"{statistics.median(multiples):.1f}x, worst {worst:.1f}x the file (target <= "
                         f"{MEMORY_TARGET:g}x) {'OK' if worst <= MEMORY_TARGET else 'MISSED'}")
    else:
        lines.append("memory, real pages: ../shared/corpus/real-html not found, skipped")
    return lines


if __name__ == "__main__":
    for line in report():
        print(line)
