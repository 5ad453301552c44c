"""The text reader: reports extracted to text, tables flattened to ``|``-separated rows.

A line longer than :data:`~.flat_text.FLAT_MIN` with no bars is a crawler's one-line body, read
by :mod:`.flat_text` (headings found inline, tables recovered from run-together digits).
Otherwise a line is a paragraph or a heading, unless it belongs to a table: it holds a
``|``, or it is a short label line between two table lines.  A row whose values
run onto the next line (the next line starts with a value, no label, and the
two together are no wider than the table) is joined back into one row.
"""
from __future__ import annotations


from ..source.ptext import PText
from ..source import Source, Span
from .blocks import RawCell, RawDocument, RawParagraph, RawRow, RawTable
from .flat_text import is_flat, read_flat
from ..source.re_cache import compile_re

__all__ = ["read_text"]

_LINE = compile_re(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_HEADING_START = compile_re(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(][一二三四五六七八九十]{1,3}[）)])")
# Both alternatives anchor on the line's own ends (see _is_separator): no backtracking over a long line.
_SEPARATOR_RUN = compile_re(r"[-=_]{10,}")
_HEADER_FIELD = compile_re(r"^\s*(标题|发布时间|发布日期|成文日期|发文日期|文号|发布机构|索引号|栏目|来源|原文链接|本地目录)\s*[:：]\s*(.*)$")
_NUMERIC = compile_re(r"^\s*(?:[+-]?[\d０-９][\d０-９,，.．]*(?:\s*(?:万元|元|%|％))?|—+|-+|/|／|无)?$")


def _is_separator(line: str) -> bool:
    """``===== 正文 =====`` (five or more = at both ends) or a rule of ten or more -, = or _."""
    s = line.strip()
    if len(s) >= 10 and s.startswith("=====") and s.endswith("====="):
        return True
    return _SEPARATOR_RUN.fullmatch(s) is not None


def _lines(text: str):
    """(start, line text without its end) for every line."""
    n = len(text)
    for m in _LINE.finditer(text):
        if m.start() >= n and m.start() > 0:
            break
        line = m.group().rstrip("\r\n")
        yield m.start(), line
        if m.end() >= n:
            break


def _cells(line: str, start: int) -> list[RawCell]:
    cells = []
    pos = 0
    parts = line.split("|")
    for k, part in enumerate(parts):
        pt = PText.literal(part, start + pos)
        cells.append(RawCell(pt, Span(start + pos, start + pos + len(part))))
        pos += len(part) + 1
    if line.lstrip().startswith("|") and cells and not cells[0].ptext.text.strip():
        cells = cells[1:]
    while cells and not cells[-1].ptext.text.strip():
        cells.pop()
    return cells


def _is_value(cell: RawCell) -> bool:
    return bool(_NUMERIC.match(cell.ptext.text.rstrip()))


def _n_values(row: RawRow) -> int:
    n = 0
    for c in reversed(row.cells):
        if not _is_value(c):
            break
        n += 1
    return n


def read_text(source: Source) -> RawDocument:
    text = source.text
    doc = RawDocument()
    lines = list(_lines(text))
    # The archiver's header (key: value lines, then a separator) is page metadata, not the report.
    body_from = 0
    for k, (s, line) in enumerate(lines[:40]):
        if _is_separator(line):
            body_from = k + 1
            break
    for s, line in lines[:body_from] if body_from else lines[:12]:
        m = _HEADER_FIELD.match(line)
        if m:
            doc.meta_lines.append((m.group(1), PText.literal(m.group(2), s + m.start(2)).strip()))
    kinds = []
    for s, line in lines[body_from:]:
        if "|" in line:
            kinds.append("table")
        elif not line.strip():
            kinds.append("blank")
        else:
            kinds.append("text")
    body = lines[body_from:]
    # A short label line between table lines is a table row.
    for k in range(1, len(body) - 1):
        if kinds[k] == "text" and kinds[k - 1] == "table" and kinds[k + 1] == "table":
            line = body[k][1]
            if len(line.strip()) <= 40 and not _HEADING_START.match(line):
                kinds[k] = "table"
    table: list[RawRow] | None = None
    widest = 0  # the most trailing values of any row of the open table (kept as rows come, not recounted)

    def close_table() -> None:
        nonlocal table
        if table:
            span = Span(table[0].span.start, table[-1].span.end)
            doc.blocks.append(RawTable(table, span, from_text=True))
        table = None

    for (s, line), kind in zip(body, kinds):
        if kind != "table":
            close_table()
            if kind == "text" and is_flat(line):
                read_flat(text, s, s + len(line), doc)  # a crawler's one-line body
            elif kind == "text":
                pt = PText.literal(line, s)
                doc.blocks.append(RawParagraph(pt, Span(s, s + len(line))))
            continue
        cells = _cells(line, s)
        if not cells:
            # a line of bars only: part of the table's frame
            continue
        row = RawRow(cells, Span(s, s + len(line)))
        if table is None:
            table = [row]
            widest = _n_values(row)
            continue
        prev = table[-1]
        if cells and _is_value(cells[0]) and all(_is_value(c) for c in cells) and _n_values(prev) > 0 \
                and len(prev.cells) > _n_values(prev):
            if _n_values(prev) + len(cells) <= widest:
                prev.cells.extend(cells)
                prev.span = Span(prev.span.start, row.span.end)
                continue
        table.append(row)
        widest = max(widest, _n_values(row))
    close_table()
    doc.content_span = Span(lines[body_from][0] if body_from < len(lines) else 0, len(text))
    return doc
