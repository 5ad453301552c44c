#!/usr/bin/env python3
"""Worst-case shapes of issue 18: time and peak memory at 1× and 4× the input.

    python benchmarks/worst_case.py            # every shape
    python benchmarks/worst_case.py rowspan    # shapes whose name contains a word

Each measurement runs in a fresh interpreter: one warm-up lint, then the shape is linted once; the time is
that lint's CPU time (the collector paused, as the CLI pauses it per file), the memory the rise of the
child's own high-water mark (VmHWM) over the warmed-up process, printed as a multiple of the file's size.
Target (issue 18): 4× the input costs ≤ 5× the time and the memory; no file more than 20 s.

``python benchmarks/worst_case.py batch`` measures a batch instead: the peak RSS of one
``dlint --jobs 1`` run over 1, 8, 32 and 128 distinct synthetic reports (Word HTML, about 210 KB each),
with and without the corpus stage, and the in-process caches after 128 distinct reports. A batch holds
each file's result (and, for the corpus stage, its summary) until output: what a further file costs
should be about what is reported of it (its findings, their texts and code-frame windows), not its
size. Measured (2 cores, shared): with the corpus stage 32 / 34 / 40 / 79 MB (about 370 KB a further
file: its own and its cross-report findings, its summary), --no-corpus 32 / 34 / 35 / 41 MB (about 70 KB
a further file); before results kept windows of lines and packed texts: 35 / 44 / 71 / 197 and
35 / 41 / 58 / 129 MB. Time of the 128-file run about the same (3.9-4.0 s wall either way).
"""
from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HEAD = "<html><body><h1>某县2021年政府信息公开工作年度报告</h1><p>一、总体情况</p>"


def rowspan(n: int) -> str:
    """n rows of 20 cells, each declaring rowspan=65535 (clamped to the last row)."""
    return HEAD + "<table>" + "".join(
        "<tr>" + "".join(f'<td rowspan="65535">{i}</td>' for _ in range(20)) + "</tr>" for i in range(n)
    ) + "</table></body></html>"


def long_table(n: int) -> str:
    """An ordinary three-column table of n rows (40,000 rows is 2.6 MB of HTML)."""
    return HEAD + "<table><tr><td>项目</td><td>本年</td><td>上年</td></tr>" + "".join(
        f"<tr><td>收到申请事项{i}</td><td>{i % 97}</td><td>{i % 89}</td></tr>" for i in range(n)
    ) + "</table></body></html>"


def many_numbers(n: int) -> str:
    """One paragraph holding n numbers (200,000 is about 6 MB)."""
    return HEAD + "<p>" + "".join(f"本年度收到申请{i}件，" for i in range(n)) + "</p></body></html>"


def _page(body: str) -> str:
    return "<html><body>" + body + "</body></html>"


# The other shapes of issue 18, at the sizes it names (1x and 4x), with the kind of input each is.
ISSUE_SHAPES = {
    "separator line (text)": (lambda n: "=" * n + "x\n某县2021年政府信息公开工作年度报告\n一、总体情况\n",
                              [400, 1600], "text"),
    "long table cell (text)": (lambda n: "一、总体情况\n项目|数量|数量\n收到申请|1" + " " * n + "x\n5|6\n合计|2|3\n",
                               [10000, 40000], "text"),
    "brackets in a title": (lambda n: "<html><body><h1>" + "(" * n + "2020年政府信息公开工作年度报告</h1>"
                            "<p>一、总体情况</p></body></html>", [10000, 40000], "html"),
    "unclosed tags": (lambda n: "<html><head><title>x</title></head><body>" + "<a " * n, [10000, 40000], "html"),
    "共N件，其中 clauses": (lambda n: HEAD + "<p>" + "".join(f"共{i % 50 + 3}件，其中1件、2件；" for i in range(n))
                           + "</p></body></html>", [1250, 5000], "html"),
    "padded suppression comment": (lambda n: _page("<!-- dlint: disable=" + " " * n + "!--><p>x</p>"),
                                   [1000, 4000], "html"),
    "rows continued (text)": (lambda n: "一、总体情况\n" + "".join(f"行{i}|1\n|2|3\n" for i in range(n)),
                              [2500, 10000], "text"),
    "2020年将 repeated (text)": (lambda n: "某县2021年政府信息公开工作年度报告\n五、政府信息公开工作存在的主要问题及改进情况\n"
                                + "2020年将" * n + "\n", [12500, 50000], "text"),
    "</a repeated": (lambda n: _page("</a" * n), [20000, 80000], "html"),
}

SHAPES = {
    "rowspan=65535, 20 cells a row": (rowspan, [500, 2000, 8000]),
    "40,000-row table": (long_table, [10000, 40000]),
    "200,000 numbers in one paragraph": (many_numbers, [50000, 200000]),
}

FLOOR = 4 * 2**20  # peak rises below this are not compared

PROBE = """
import gc, sys, time
sys.path.insert(0, {src!r})
def hwm():
    for line in open('/proc/self/status'):
        if line.startswith('VmHWM:'):
            return int(line.split()[1]) * 1024
from disclosure_lint import lint_bytes
lint_bytes('<html><body><h1>某县2021年政府信息公开工作年度报告</h1><table><tr><td>a</td><td>1</td></tr></table></body></html>'.encode(), kind='html')
data = open({path!r}, 'rb').read()
gc.collect()
base = hwm()
gc.disable()
t = time.process_time()
found = lint_bytes(data, kind={kind!r})
t = time.process_time() - t
print(len(data), t, hwm() - base, len(found))
"""


def measure(text: str, tmp: Path, kind: str = "html") -> tuple[int, float, int, int]:
    p = tmp / "shape.html"
    p.write_bytes(text.encode("utf-8"))
    out = subprocess.run([sys.executable, "-c", PROBE.format(src=str(ROOT / "src"), path=str(p), kind=kind)],
                         capture_output=True, text=True, check=True).stdout.split()
    return int(out[0]), float(out[1]), int(out[2]), int(out[3])


def batch() -> None:
    import glob
    import os

    sys.path.insert(0, str(ROOT / "src"))
    from disclosure_lint.tools.synth import ReportSpec, render_html

    with tempfile.TemporaryDirectory() as tmp:
        for i in range(128):
            Path(tmp, f"r{i:03d}.html").write_text(render_html(ReportSpec(year=2019 + i % 5, seed=i, filler=2,
                                                                          repeat=40, word=True)), encoding="utf-8")
        files = sorted(glob.glob(os.path.join(tmp, "*.html")))
        dlint = [sys.executable, "-m", "disclosure_lint", "--isolated", "--jobs", "1", "--no-progress", "-q"]
        probe = ("import resource, subprocess, sys\n"
                 "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
                 "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
        env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
        for extra, label in (([], "with the corpus stage"), (["--no-corpus"], "--no-corpus")):
            row = []
            peaks = {}
            for n in (1, 8, 32, 128):
                out = subprocess.run([sys.executable, "-c", probe, *dlint, *extra, *files[:n]], env=env,
                                     capture_output=True, text=True, check=True).stdout
                peaks[n] = int(out)
                row.append(f"{n} files {int(out) / 1e3:.0f} MB")
            row.append(f"{(peaks[128] - peaks[1]) / 127:.0f} KB a further file")
            print(f"batch, --jobs 1, {label}: " + ", ".join(row))
        code = ("import sys, glob, gc\n"
                "from disclosure_lint import lint_bytes\n"
                "from disclosure_lint.document.normalize import _label_key_cached\n"
                "def hwm():\n"
                "    for line in open('/proc/self/status'):\n"
                "        if line.startswith('VmHWM:'): return int(line.split()[1]) // 1000\n"
                "out = []\n"
                "for i, f in enumerate(sorted(glob.glob(sys.argv[1] + '/*.html')), 1):\n"
                "    gc.disable(); lint_bytes(open(f, 'rb').read(), path=f, kind='html'); gc.enable(); gc.collect()\n"
                "    if i in (1, 8, 32, 128): out.append(f'{i} files {hwm()} MB')\n"
                "print(', '.join(out) + f'; label_key cache {_label_key_cached.cache_info().currsize} entries "
                "(at most {_label_key_cached.cache_info().maxsize})')\n")
        out = subprocess.run([sys.executable, "-c", code, tmp], env=env, capture_output=True, text=True,
                             check=True).stdout.strip()
        print(f"in-process lint_bytes, results dropped, each file's cycles collected: {out}")


def main(argv: list[str]) -> int:
    if argv == ["batch"]:
        batch()
        return 0
    words = [a.lower() for a in argv]
    print("shape                              rows/n      size      time   peak rise  x file  findings")
    with tempfile.TemporaryDirectory() as tmp:
        every = {name: (make, sizes, "html") for name, (make, sizes) in SHAPES.items()}
        every.update(ISSUE_SHAPES)
        for name, (make, sizes, kind) in every.items():
            if words and not any(w in name.lower() for w in words):
                continue
            prev = None
            for n in sizes:
                size, secs, peak, found = measure(make(n), Path(tmp), kind)
                ratio = ""
                if prev is not None:
                    k = size / prev[0]
                    rt, rm = secs / max(prev[1], 1e-3), peak / max(prev[2], 1)
                    # a rise of a few pages is the allocator's granularity, not the shape's: no ratio of it
                    small = peak < FLOOR
                    ok = rt <= 5 / 4 * k and (small or rm <= 5 / 4 * k) and secs <= 20
                    mem = f"{rm:.1f}x memory" if not small else f"memory under {FLOOR // 2**20} MB"
                    ratio = f"   {k:.1f}x input -> {rt:.1f}x time, {mem} {'OK' if ok else 'MISSED'}"
                print(f"{name[:34]:34} {n:>7} {size / 1e6:7.2f} MB {secs:7.2f} s {peak / 1e6:7.0f} MB "
                      f"{peak / size:6.1f}x {found:6}{ratio}")
                prev = (size, secs, peak)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
