"""Who wrote a report and when, as the batch formats show it (CSV columns, scorecard rows)."""
from __future__ import annotations

__all__ = ["report_identity", "EMPTY"]

EMPTY = {"agency": "", "agency_level": "", "year": None, "edition": ""}


def report_identity(document, options) -> dict:
    """The agency (as the report names it), its level, the report year and the edition."""
    from ..context import Context
    from ..detect import _agency_name

    info = Context(document, options).info
    return {
        "agency": _agency_name(document),
        "agency_level": info.agency_level,
        "year": info.year,
        "edition": info.edition.name if info.edition is not None else "",
    }
