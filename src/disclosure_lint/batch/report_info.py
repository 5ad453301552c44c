"""Who wrote a report and when, as the batch formats show it (CSV columns, scorecard rows).

The agency is the corpus layer's normalised name (:func:`disclosure_lint.corpus.identity.report_identity`:
全称/简称, 人民政府 → 政府, a government's office publishing for it…), so the scorecard groups reports
exactly as the cross-report rules do.
"""
from __future__ import annotations

__all__ = ["report_identity", "EMPTY"]

EMPTY = {"agency": "", "agency_level": "", "year": None, "edition": ""}


def report_identity(of, options) -> dict:
    """The agency (normalised), its level, the report year and the edition of a report: *of* is a
    document, or what already knows its facts (anything :func:`~disclosure_lint.corpus.identity.report_identity`
    takes: the lint's rule context, whose detected year and edition are reused, or a result made with a
    corpus summary, which holds the identity), so a batch does not work them out a second time."""
    from ..corpus.identity import report_identity as identity

    ident = identity(of, options)
    return {
        "agency": ident.agency or ident.agency_raw or "",
        "agency_level": ident.level or "",
        "year": ident.year,
        "edition": ident.edition or "",
    }
