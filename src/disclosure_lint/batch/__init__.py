"""The evaluator's batch: per-report identity and score, baselines, and the pure per-file lint a
cluster can map over (see ``examples/crawl_dask.py``).

    from disclosure_lint.batch import lint_file
    res = lint_file("report.html")            # a FileResult: findings with positions, text, report identity
"""
from __future__ import annotations

__all__ = ["lint_file", "collect_files", "cross_report_stage"]


def lint_file(path: str, *, config: str | None = None, isolated: bool = False, summarise: bool = False, **cli):
    """Lint one file exactly as ``dlint`` does (configuration found up the tree unless *isolated*).

    Pure and picklable in both directions, so a process pool or a Dask cluster can map it over a crawl.
    *cli* takes the command line's options by their long names (``select=("DL2",)``, ``edition="2021"``).
    With *summarise* the result also carries the small per-report summary that the cross-report stage
    (:func:`cross_report_stage`) needs: tables and metadata, never the page.
    """
    from ..cli.main import lint_one

    return lint_one(path, dict(cli), config, isolated, None, summarise)


def cross_report_stage(results, *, config: str | None = None, isolated: bool = False, **cli) -> list[str]:
    """The second stage of a batch: the cross-report rules (DL6xx) over per-file results made with
    ``summarise=True``, attached to those results in place. Returns error lines (none normally)."""
    from ..cli.main import _config_for
    from ..engine.config import ConfigError, options_for
    from ..corpus.run import corpus_stage
    from ..engine.options import Options

    def config_of(path):
        return _config_for(path, config, isolated)

    def options_of(path):
        try:
            return options_for(None if path == "<stdin>" else path, dict(cli), config_of(path))
        except ConfigError:
            return Options()

    return corpus_stage(results, options_of, config_of)


def collect_files(paths) -> list[str]:
    """The files ``dlint PATH...`` would lint, in the same order (folders walked as the CLI walks them)."""
    from ..cli.main import _collect

    errors: list[str] = []
    files = _collect([str(p) for p in paths], errors)
    if errors:
        raise FileNotFoundError("; ".join(errors))
    return files
