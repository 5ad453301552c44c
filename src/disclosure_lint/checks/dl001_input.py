"""Input rules: what the reader could not read."""
from __future__ import annotations

from ..diagnostics import Finding, Severity
from ..registry import rule
from ..source import Span


def _problems(ctx, code):
    for c, msg, span in ctx.document.problems:
        if c == code:
            yield c, msg, span


@rule("DL001", "undecodable-input", "error")
def undecodable_input(ctx):
    """Input that cannot be decoded as text, or is not text at all.

    **What it checks.** The bytes are decoded in a fixed order: byte-order mark, the page's own
    declaration (``<meta charset>``, ``http-equiv``, XML declaration), strict UTF-8, GB18030 (which
    covers GBK and GB2312), then a last resort that never fails. This rule reports binary input
    (a PDF, a Word file, an image), a declaration that lies, and any use of the last resort.

    **Why it matters.** A report that cannot be decoded cannot be checked; a page whose declared
    charset is wrong shows mojibake to some readers.

    **Example.** ``dlint report.pdf`` → ``DL001 the input is not a text report: it looks like a PDF file``.

    **How to fix.** Lint the HTML page or a text extraction; fix the page's ``<meta charset>``.
    """
    for _, msg, span in _problems(ctx, "DL001"):
        sev = Severity.ERROR if ctx.document.source.binary or "U+FFFD" in msg else Severity.WARNING
        yield Finding(span, msg, severity=sev)


@rule("DL002", "unresolvable-table", "warning")
def unresolvable_table(ctx):
    """A table whose rows cannot be resolved into a clean grid.

    **What it checks.** Row and column spans are expanded into a grid. Overlapping cells, spans that
    run past the table, absurd ``colspan`` values and ragged rows (rows narrower than the table) are
    reported; the grid is still built, clipped where needed, so other rules can run.

    **Why it matters.** Numbers in a malformed grid may be read under the wrong column header, so
    arithmetic checks on that table are less reliable.

    **Example.** A ``<td rowspan="30">`` in a table of 20 rows.

    **How to fix.** Re-export the table from the word processor, or repair the spans by hand.
    """
    shifted = _shifted_row_spans(ctx)
    lost = _tables_with_a_deleted_row(ctx)
    for _, msg, span in _problems(ctx, "DL002"):
        if span in shifted and msg.startswith(f"{shifted[span]} of "):
            continue  # the narrow rows are the ones DL109 reports, with where their gap is
        if msg.endswith("ragged rows") and any(t.span.start <= span.start < t.span.end for t in lost):
            continue  # a row deleted under a group cell: DL105 names the row; the ragged rows follow from it
        yield Finding(span, msg)


def _tables_with_a_deleted_row(ctx) -> list:
    from ..tables import missing_rows

    try:
        views, edition = ctx.tables, ctx.edition
    except Exception:
        return []
    out = []
    for view in views.values():
        schema = edition.tables.get(view.name, {}) if edition else {}
        if 0 < len(missing_rows(view, schema)) <= 3:
            out.extend(view.tables)
    return out


def _shifted_row_spans(ctx) -> dict:
    """First row span → number of short rows, for the tables whose narrow rows DL109 explains."""
    out = {}
    try:
        views = ctx.tables
    except Exception:  # no edition: nothing matched
        return out
    for view in views.values():
        for t in view.tables:
            rows = [sh.row for sh in getattr(view, "shifted", []) if any(sh.row is r for r in t.rows)]
            if rows:
                out[min(rows, key=lambda r: r.index).span] = len(rows)
    return out


@rule("DL003", "no-report-content", "error")
def no_report_content(ctx):
    """No report content found in the input.

    **What it checks.** After the page furniture (navigation, footer) is set aside, some paragraphs
    or tables must remain.

    **Why it matters.** An empty page, an error page or a page whose report is only an attached PDF
    cannot be checked, and a published report with no text is itself a defect.

    **Example.** A CMS page whose body is only ``<iframe src="report.pdf">``.

    **How to fix.** Publish the report text in the page, not only as an attachment.
    """
    doc = ctx.document
    if doc.source.binary:
        return
    if not any(b.text.strip() if hasattr(b, "ptext") else b.rows for b in doc.blocks):
        yield Finding(Span(0, 0), "no report content was found in the input")


@rule("DL009", "unused-suppression", "warning")
def unused_suppression(ctx):
    """A ``dlint:`` suppression comment that suppresses nothing, or names no codes.

    **What it checks.** Every ``<!-- dlint: disable=… -->``, ``disable-next=…`` and
    ``disable-file=…`` directive must name codes, and must silence at least one finding of each
    code it names. (The engine reports this rule; it sees every finding.)

    **Why it matters.** A stale suppression hides the next real defect in the same place.

    **Example.** ``<!-- dlint: disable=DL201 -->`` above a table whose totals are right.

    **How to fix.** Remove the directive, or narrow it to the codes that still fire.
    """
    return ()
