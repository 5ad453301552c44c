"""What the output of a run reads of each file's result, so that a file's lint keeps only that.

A :class:`~disclosure_lint.engine.results.FileResult` can hold, besides its findings and their
positions, the text each finding covers, a little context either side, a code frame of its line and
the report's identity; each costs work per file (the texts and frames are zlib-packed, the identity
reads the report's facts: on the real pages about 1.8 M instructions a file of the command line's
2.7 M beyond the lint). Most formats read only some of them: ``concise`` reads positions alone.

``None`` means everything (the default of :func:`~disclosure_lint.cli.main.lint_one`, as callers other
than the command line expect). tests/test_cli_keep.py renders every format from results made with and
without these parts: the outputs must be the same.
"""
from __future__ import annotations

__all__ = ["PARTS", "parts_for"]

PARTS = ("texts", "contexts", "frames", "report")

# what each format reads beyond the findings and their positions (and .docx/.pdf locations)
_BY_FORMAT = {
    "full": ("frames",),
    "concise": (),
    "json": ("texts",),
    "sarif": ("texts",),
    "github": (),
    "junit": (),
    "csv": ("texts", "report"),
    "html": ("texts", "report"),
}


def parts_for(fmt: str, *, baseline: bool = False, statistics: bool = False) -> tuple[str, ...] | None:
    """The parts of each result a run that prints *fmt* reads (a tuple in :data:`PARTS`' order), or None
    (keep everything) for a format not listed. A baseline (written or read) fingerprints each finding by
    its text and context; ``--statistics`` prints counts only."""
    if fmt not in _BY_FORMAT:
        return None
    wanted = set() if statistics else set(_BY_FORMAT[fmt])
    if baseline:
        wanted |= {"texts", "contexts"}
    return tuple(p for p in PARTS if p in wanted)
