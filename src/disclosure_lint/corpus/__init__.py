"""The corpus layer: several reports at once — series by agency and year, and cross-report rules.

Two stages, so the second can run anywhere the first's small results are gathered (worker
processes, a Dask cluster)::

    from disclosure_lint.corpus import lint_and_summarise, lint_summaries, report_identity

    diags, summary = lint_and_summarise("2021.html")     # stage 1, per report (summary.to_json())
    found = lint_summaries([summary, ...], options)       # stage 2: {path: [Diagnostic]} of DL6xx

    lint_corpus(["2020.html", "2021.html"])             # both stages: {path: [Diagnostic]}
    report_identity(document_or_context)                 # agency (normalised), level, year, edition, confidence

Reports are grouped by :func:`report_identity` (see :mod:`.identity` for the normalisation) and
ordered by year (:mod:`.group`); configuration may map files to agency and year
(``[tool.dlint.reports]``). A report alone, and ``disclosure_lint.lint_path``, never run this layer.
"""
from __future__ import annotations

from .identity import ReportIdentity, normalise_agency, report_identity

__all__ = ["ReportIdentity", "report_identity", "normalise_agency", "ReportSummary", "summarise",
           "lint_and_summarise", "lint_summaries", "lint_corpus", "group_reports", "CorpusContext"]


def __getattr__(name):
    if name in ("ReportSummary", "summarise"):
        from . import summary

        return getattr(summary, name)
    if name == "group_reports":
        from .group import group_reports

        return group_reports
    if name == "CorpusContext":
        from .context import CorpusContext

        return CorpusContext
    if name == "lint_summaries":
        from .engine import lint_summaries

        return lint_summaries
    raise AttributeError(name)


def lint_and_summarise(path, **options):
    """Stage 1 for one file: its single-report diagnostics and its :class:`ReportSummary`."""
    from .. import _options, parse_path
    from ..engine.context import Context
    from ..engine.lint import lint_document
    from .summary import summarise

    opts = _options(options)
    doc = parse_path(path, opts.kind)
    ctx = Context(doc, opts)
    diags = lint_document(doc, opts, context=ctx)
    return diags, summarise(ctx)


def lint_corpus(paths, *, reports: dict | None = None, **options):
    """Lint several reports as a corpus: ``{path: [Diagnostic]}``, per-report and cross-report findings.

    ``reports`` maps path patterns to ``{"agency": …, "year": …}`` as ``[tool.dlint.reports]`` does.
    """
    from .. import _options
    from ..engine.diagnostics import Diagnostic
    from .engine import lint_summaries
    from .group import apply_overrides

    opts = _options(options)
    out: dict[str, list] = {}
    summaries = []
    for p in paths:
        diags, s = lint_and_summarise(p, **({} if options is None else options))
        apply_overrides(s, reports)
        out[s.path] = diags
        summaries.append(s)
    for path, found in lint_summaries(summaries, opts).items():
        out[path] = sorted(out.get(path, []) + found, key=Diagnostic.sort_key)
    return out
