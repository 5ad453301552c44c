"""The evaluator's batch: per-report identity and score, baselines, and the pure per-file lint a
cluster can map over (see ``examples/crawl_dask.py``).

    from disclosure_lint.batch import lint_file
    res = lint_file("report.html")            # a FileResult: findings with positions, text, report identity
"""
from __future__ import annotations

__all__ = ["lint_file", "collect_files"]


def lint_file(path: str, *, config: str | None = None, isolated: bool = False, **cli):
    """Lint one file exactly as ``dlint`` does (configuration found up the tree unless *isolated*).

    Pure and picklable in both directions, so a process pool or a Dask cluster can map it over a crawl.
    *cli* takes the command line's options by their long names (``select=("DL2",)``, ``edition="2021"``).
    """
    from ..cli import lint_one

    return lint_one(path, dict(cli), config, isolated)


def collect_files(paths) -> list[str]:
    """The files ``dlint PATH...`` would lint, in the same order (folders walked as the CLI walks them)."""
    from ..cli import _collect

    errors: list[str] = []
    files = _collect([str(p) for p in paths], errors)
    if errors:
        raise FileNotFoundError("; ".join(errors))
    return files
