#!/usr/bin/env python3
"""Row 4 (``--jobs 2`` vs ``--jobs 1``) in instructions: the parent's serial work, stage by stage.

    python benchmarks/jobs_probe.py [--files 60] [--format concise]     # a few minutes; needs valgrind

With two workers the batch cannot end before the parent has done its own work: start-up, the preload
before the fork, reading every worker's result (unpickling), the corpus stage and the output. This runs
``dlint --isolated --jobs 2 --format concise --no-progress`` on row 4's folder (run.py's synthetic
corpus(40) laid out as ``bench_jobs`` lays it, 60 files) once under callgrind and splits the parent's
count at the stage boundaries: the driver wraps ``jobs.preload``, ``jobs.run_batch``,
``corpus.run.corpus_stage`` and ``output.render`` and calls ``os.getpgid`` at each boundary, and
callgrind dumps a part there (``--dump-before=os_getpgid``; nothing else in dlint calls it, and the
workers never do). Forked workers run under callgrind too (no exec, nothing to follow): their counts are
printed for the record; what one worker spends pickling its results is its ``_pickle_dumps``.

Stages (the parent): start-up (interpreter, imports, argument parsing, walk, configuration), preload
(imports for the workers, gc.freeze), batch (fork, tasks sent, results received: of which unpickling is
``_pickle_loads``), corpus stage, output (the fail-level loop and the format), exit (finalisation).
"""
from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from instructions import ROOT, probe_ready  # noqa: E402

_DRIVER = """import os, sys
sys.path.insert(0, {src!r})
sys.argv = ["dlint", "--isolated", "--jobs", {jobs!r}, "--format", {fmt!r}, "--no-progress", {folder!r}]

def mark():
    os.getpgid(0)   # callgrind dumps a part here (--dump-before=os_getpgid)

from disclosure_lint.cli import jobs, main as cli_main
import disclosure_lint.corpus.run as corpus_run

_preload, _run_batch, _corpus_stage = jobs.preload, jobs.run_batch, corpus_run.corpus_stage

def preload(summarise):
    mark()
    _preload(summarise)
    mark()

def run_batch(*a, **k):
    out = _run_batch(*a, **k)
    mark()
    return out

def corpus_stage(*a, **k):
    out = _corpus_stage(*a, **k)
    mark()
    import disclosure_lint.output as output   # (as the command line does next)
    _render = output.render

    def render(*a, **k):
        _render(*a, **k)
        mark()
    output.render = render
    return out

jobs.preload, jobs.run_batch, corpus_run.corpus_stage = preload, run_batch, corpus_stage
cli_main.run()   # as the dlint program: main(), then the exit
"""

STAGES = ("start-up", "preload", "batch", "corpus stage", "output", "exit")


def make_folder(folder: Path, n_files: int) -> None:
    """Row 4's folder: run.py's corpus(min(n, 40)) repeated to *n_files* files, as ``bench_jobs`` lays it."""
    from run import corpus

    files = corpus(min(n_files, 40))
    for i in range(n_files):
        (folder / f"r{i:04d}.html").write_bytes(files[i % len(files)])


def _total(part: Path) -> int:
    for line in part.read_text(errors="replace").splitlines():
        if line.startswith(("summary:", "totals:")):
            return int(line.split()[1])
    raise RuntimeError(f"no total in {part}")


def _inclusive(part: Path, function: str) -> int:
    """Inclusive instructions of a C *function* in a callgrind part (0 when never called)."""
    out = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100", str(part)],
                         capture_output=True, text=True).stdout
    best = 0
    for line in out.splitlines():
        m = re.match(r"\s*([\d,]+)\s.*:" + re.escape(function) + r"(?:'\d+)?\s", line)
        if m:
            best = max(best, int(m.group(1).replace(",", "")))
    return best


def measure(folder: Path, out: Path, jobs: int = 2, fmt: str = "concise") -> dict:
    code = _DRIVER.format(src=str(ROOT / "src"), jobs=str(jobs), fmt=fmt, folder=str(folder))
    env = dict(os.environ, PYTHONHASHSEED="0")
    p = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}/cg.%p",
                        "--dump-before=os_getpgid", sys.executable, "-c", code],
                       capture_output=True, text=True, env=env)
    pids = re.findall(r"==(\d+)== Collected", p.stderr)
    parent = re.search(r"==(\d+)== Command", p.stderr)
    if parent is None or not pids:
        raise RuntimeError(f"callgrind failed ({p.returncode}): {p.stderr[-800:]}")
    parent = parent.group(1)
    parts = sorted(out.glob(f"cg.{parent}.*"), key=lambda q: int(q.suffix[1:]))
    last = out / f"cg.{parent}"
    if last.exists():
        parts.append(last)
    if len(parts) != len(STAGES):
        raise RuntimeError(f"expected {len(STAGES)} parts of the parent, got {len(parts)}: {parts}")
    stages = {name: _total(q) for name, q in zip(STAGES, parts)}
    stages["of which unpickling"] = _inclusive(parts[2], "_pickle_loads")
    workers = {pid: _total(out / f"cg.{pid}") for pid in pids if pid != parent}
    dumps = {pid: _inclusive(out / f"cg.{pid}", "_pickle_Pickler_dump") for pid in workers}
    return {"stages": stages, "workers": workers, "dumps": dumps, "status": p.returncode}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--files", type=int, default=60)
    ap.add_argument("--format", default="concise")
    ap.add_argument("--folder", help="lint this folder instead of row 4's (made in a temporary folder)")
    args = ap.parse_args()
    if not probe_ready("jobs_probe"):
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.folder) if args.folder else Path(tmp) / "batch"
        if not args.folder:
            folder.mkdir()
            make_folder(folder, args.files)
        cg = Path(tmp) / "cg"
        cg.mkdir()
        got = measure(folder, cg, 2, args.format)
    st = got["stages"]
    n = len(list(folder.glob("*"))) if args.folder else args.files
    total = sum(v for k, v in st.items() if k in STAGES)
    print(f"parent of `dlint --jobs 2 --format {args.format}` on {n} files: {total / 1e6:.1f} M instructions")
    for k, v in st.items():
        print(f"  {k:<22} {v / 1e6:8.1f} M" + (f"   ({v / n / 1e6:.2f} M a file)" if k == "of which unpickling" else ""))
    for pid, v in got["workers"].items():
        print(f"  worker {pid}: {v / 1e6:.1f} M (since the interpreter started), pickling results "
              f"{got['dumps'][pid] / 1e6:.1f} M")
    return 0


if __name__ == "__main__":
    sys.exit(main())
