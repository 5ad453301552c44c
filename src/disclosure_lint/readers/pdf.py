"""The PDF reader: the text layer with character positions (pypdfium2), tables from ruling lines.

Characters and their boxes come from PDFium (pypdfium2), and so do the page's thin path objects, the
ruling lines a table is drawn with. The lines are turned into cells by pdfplumber's lattice functions
(``merge_edges`` → ``edges_to_intersections`` → ``intersections_to_cells`` → ``cells_to_tables``),
fed with PDFium's lines: pdfplumber's own page parsing (pdfminer) costs more than ten times PDFium's
for the same text, so it is not used. A cell spanning several grid lines is a rowspan / colspan.

Prose: characters outside tables are grouped into visual lines; a line that reaches the right margin
continues into the next one unless that one is indented, starts with a heading number or follows a
gap, so a sentence (and a number) wrapped over two lines, or over a page break, is one paragraph.
A table that continues on the next page (its header rows repeated there, or not) is one table: the
repeated header rows are dropped, and a label cell split by the page break is joined to its first part.

A PDF with no text layer (a scan) gets one finding: dlint does not do OCR. CreationDate / ModDate
become the metadata fields ``file_created`` / ``file_modified``. Locations: ``{"page", "line"}``, the
line counted from the top of the page.
"""
from __future__ import annotations

import bisect
import ctypes
import re
from dataclasses import dataclass, field

from ..i18n import _
from ..source.ptext import PText
from ..source import Span
from .blocks import RawCell, RawDocument, RawParagraph, RawRow, RawTable
from .docx import OfficeRead, failed, properties_trailer
from .office import MISSING_EXTRA, NO_TEXT, UNREADABLE, ExtractedSource, TextBuilder, iso_date, joiner

__all__ = ["read_pdf"]

MAX_PAGES = 500
THIN = 2.5          # a path object this thin (points) is a ruling line
_HEADING = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}\s*[、．.](?!\d))")
_PAGE_NO = re.compile(r"^[-—–\s]*(?:第\s*)?\d{1,4}\s*(?:页|/\s*\d{1,4})?[-—–\s]*$")
_ITEM = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}\s*[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}\s*[、．.])")
_NUMERIC = re.compile(r"^[\s+\-]*[\d０-９][\d０-９,，.．]*\s*%?$")


@dataclass
class Ch:
    c: str
    x0: float
    x1: float
    top: float
    bottom: float
    line: int = 0          # the visual line on its page (1-based)

    @property
    def cy(self) -> float:
        return (self.top + self.bottom) / 2

    @property
    def h(self) -> float:
        return self.bottom - self.top


@dataclass
class Line:
    chars: list
    page: int
    x0: float = 0.0
    x1: float = 0.0
    top: float = 0.0
    bottom: float = 0.0
    text: str = ""

    @property
    def h(self) -> float:
        return max(self.bottom - self.top, 1.0)


@dataclass
class PCell:
    x0: float
    top: float
    x1: float
    bottom: float
    chars: list = field(default_factory=list)
    row: int = 0
    col: int = 0
    rowspan: int = 1
    colspan: int = 1
    pieces: list = field(default_factory=list)   # (text, page, line)
    page: int = 0

    @property
    def text(self) -> str:
        out = ""
        for t, _p, _l in self.pieces:
            out += joiner(out, t) + t
        return out


@dataclass
class PTable:
    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    cells: list
    xs: list = field(default_factory=list)
    nrows: int = 0
    open_ends: tuple = ()     # "top" / "bottom": the rule there was missing (cut by a page break)
    last_page: int = 0

    def __post_init__(self) -> None:
        self.last_page = self.last_page or self.page


def read_pdf(data: bytes, path: str | None = None) -> OfficeRead:
    try:
        import pypdfium2 as pdfium
        import pypdfium2.raw as pdfium_c
    except ImportError:
        return failed(path, "pdf", MISSING_EXTRA, _("reading a PDF needs the pdf extra: pip install "
                                                    "'disclosure-lint[pdf]' (pypdfium2, pdfplumber)"))
    try:
        pdf = pdfium.PdfDocument(data)
    except Exception as exc:
        msg = str(exc)
        if "password" in msg.lower():
            return failed(path, "pdf", UNREADABLE, _("cannot read this PDF: it is encrypted with a password"))
        return failed(path, "pdf", UNREADABLE, _("cannot read this PDF: it is damaged or truncated ({error})",
                                                 error=msg[:200] or type(exc).__name__))
    try:
        return _read(pdf, pdfium_c, path)
    except Exception as exc:  # a damaged page, an unexpected object: one finding, never a traceback
        return failed(path, "pdf", UNREADABLE, _("cannot read this PDF: {error}",
                                                 error=f"{type(exc).__name__}: {exc}"[:300]))
    finally:
        try:
            pdf.close()
        except Exception:
            pass


def _lattice():
    try:
        from pdfplumber import table as plt
        return plt
    except ImportError:
        return None


def _read(pdf, pdfium_c, path: str | None) -> OfficeRead:
    problems = []
    plt = _lattice()
    if plt is None:
        problems.append((MISSING_EXTRA, _("tables in this PDF were not recovered: they need pdfplumber, in the pdf "
                                          "extra (pip install 'disclosure-lint[pdf]'); only the prose was checked"),
                         Span(0, 0)))
    n_pages = len(pdf)
    pages = []   # (page number, prose lines, tables)
    heights: dict[int, float] = {}
    total_chars = 0
    unmapped = [0]   # glyphs whose characters the PDF does not say (no ToUnicode map)
    for k in range(min(n_pages, MAX_PAGES)):
        page = pdf[k]
        try:
            page_h = page.get_size()[1]
            lines, tables, n = _page(page, k + 1, pdfium_c, plt, unmapped)
        finally:
            page.close()
        total_chars += n
        pages.append((k + 1, lines, tables))
        heights[k + 1] = page_h
    if n_pages and total_chars == 0:
        res = failed(path, "pdf", NO_TEXT, _("no text layer: dlint does not do OCR; the {n} page(s) of this PDF "
                                             "hold no text (a scan?); lint the report's HTML, its .docx or a PDF "
                                             "exported with its text", n=n_pages))
        return res
    if unmapped[0] > 0.2 * (total_chars + unmapped[0]):
        problems.append((UNREADABLE, _("{n} of {total} characters in this PDF's text layer do not map to Unicode "
                                       "(fonts without a ToUnicode table): what was read is incomplete, and dlint "
                                       "does not do OCR; export the PDF again with its fonts' text",
                                       n=unmapped[0], total=total_chars + unmapped[0]), Span(0, 0)))
    if n_pages > MAX_PAGES:
        problems.append((UNREADABLE, _("only the first {cap} of {n} pages were read", cap=MAX_PAGES, n=n_pages),
                         Span(0, 0)))
    _drop_running_lines(pages, heights)
    tb = TextBuilder()
    raw = RawDocument()
    _write(pages, tb, raw)
    raw.content_span = Span(0, tb.n)
    found = {}
    try:
        md = pdf.get_metadata_dict(skip_empty=True)
    except Exception:
        md = {}
    for key, name in (("CreationDate", "file_created"), ("ModDate", "file_modified")):
        v = iso_date(md.get(key, "") or "")
        if v:
            found[name] = v
    meta = properties_trailer(found, tb)
    src = ExtractedSource(tb.text(), path, "pdf", tb.loc_at, tb.locs)
    return OfficeRead(src, raw, meta, problems)


# ---- one page ------------------------------------------------------------------------------------------

def _page(page, pno: int, pdfium_c, plt, unmapped: list | None = None):
    w, h = page.get_size()
    unmapped = unmapped if unmapped is not None else [0]
    tp = page.get_textpage()
    chars: list[Ch] = []
    try:
        n = tp.count_chars()
        raw_tp = tp.raw
        rect = pdfium_c.FS_RECTF()
        generated, unicode, loose = pdfium_c.FPDFText_IsGenerated, pdfium_c.FPDFText_GetUnicode, \
            pdfium_c.FPDFText_GetLooseCharBox
        map_error = getattr(pdfium_c, "FPDFText_HasUnicodeMapError", None)
        for i in range(n):
            if generated(raw_tp, i) == 1:
                continue
            u = unicode(raw_tp, i)
            if u < 32 or u in (0xFFFE, 0xFFFF, 0xFFFD) or 0xD800 <= u <= 0xDFFF or 0xE000 <= u <= 0xF8FF \
                    or (map_error is not None and map_error(raw_tp, i) == 1):
                if u >= 32 or u == 0:
                    unmapped[0] += 1
                continue
            # the loose box (font ascent / descent) puts 字 and ， on one baseline
            if not loose(raw_tp, i, rect):
                continue
            l, b, r, t = rect.left, rect.bottom, rect.right, rect.top
            if r < l or t < b:
                continue
            chars.append(Ch(chr(u), l, r, h - t, h - b))
    finally:
        tp.close()
    visible = [c for c in chars if not c.c.isspace()]
    _number_lines(visible)
    tables: list[PTable] = []
    if plt is not None and visible:
        tables = _tables(page, pno, w, h, pdfium_c, plt, visible)
    in_table = set()
    for t in tables:
        for cell in t.cells:
            in_table.update(id(c) for c in cell.chars)
    lines = _lines([c for c in chars if id(c) not in in_table], pno, h)
    return lines, tables, len(visible)


_DIGITS = re.compile(r"\d+")


def _drop_running_lines(pages, heights: dict) -> None:
    """Running headers and footers (a date, the title, a URL, "3/10") are not the report: a line in the
    top or bottom margin whose text, digits aside, recurs on another page is dropped."""
    if len(pages) < 2:
        return
    seen: dict[str, set] = {}
    for pno, lines, _t in pages:
        h = heights.get(pno, 842.0)
        for ln in lines:
            if ln.bottom < h * 0.09 or ln.top > h * 0.91:
                seen.setdefault(_DIGITS.sub("#", ln.text), set()).add(pno)
    running = {k for k, v in seen.items() if len(v) >= 2}
    if not running:
        return
    for pno, lines, _t in pages:
        h = heights.get(pno, 842.0)
        lines[:] = [ln for ln in lines if not ((ln.bottom < h * 0.09 or ln.top > h * 0.91)
                                               and _DIGITS.sub("#", ln.text) in running)]


def _number_lines(chars: list[Ch]) -> None:
    """Each character's visual line on the page, counted from the top."""
    if not chars:
        return
    order = sorted(chars, key=lambda c: c.cy)
    line = 1
    ref = order[0]
    for c in order:
        if c.cy - ref.cy > max(ref.h, 1.0) * 0.5:
            line += 1
            ref = c
        c.line = line


def _cluster(chars: list[Ch]) -> list[list[Ch]]:
    """Characters grouped into visual lines, each sorted left to right."""
    out: list[list[Ch]] = []
    for c in sorted(chars, key=lambda c: (c.cy, c.x0)):
        if out:
            cur = out[-1]
            ref = cur[0]
            if abs(c.cy - ref.cy) <= max(ref.h, c.h, 1.0) * 0.5:
                cur.append(c)
                continue
        out.append([c])
    return [sorted(g, key=lambda c: c.x0) for g in out]


def _line_text(group: list[Ch]) -> str:
    out = []
    prev = None
    for c in group:
        if c.c.isspace():
            if out and out[-1] != " ":
                out.append(" ")
            prev = c
            continue
        if prev is not None and not prev.c.isspace() and c.x0 - prev.x1 > max(c.h, prev.h) * 0.8 and out \
                and out[-1] != " ":
            out.append(" ")
        out.append(c.c)
        prev = c
    return "".join(out).strip()


def _lines(chars: list[Ch], pno: int, page_h: float) -> list[Line]:
    lines = []
    for g in _cluster(chars):
        vis = [c for c in g if not c.c.isspace()]
        if not vis:
            continue
        ln = Line(vis, pno, min(c.x0 for c in vis), max(c.x1 for c in vis), min(c.top for c in vis),
                  max(c.bottom for c in vis), _line_text(g))
        if not ln.text:
            continue
        # a page number in the top or bottom margin is not part of the report
        if (ln.top > page_h * 0.9 or ln.bottom < page_h * 0.1) and _PAGE_NO.match(ln.text):
            continue
        lines.append(ln)
    return lines


def _edges(page, w: float, h: float, pdfium_c) -> list[dict]:
    edges = []

    def add(x0, top, x1, bottom, orient):
        if orient == "h":
            y = (top + bottom) / 2
            if x1 - x0 >= 3:
                edges.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0,
                              "orientation": "h", "object_type": "line"})
        else:
            x = (x0 + x1) / 2
            if bottom - top >= 3:
                edges.append({"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0, "height": bottom - top,
                              "orientation": "v", "object_type": "line"})
    for obj in _paths(page.raw, pdfium_c):
        fl, fb, fr, ft = ctypes.c_float(), ctypes.c_float(), ctypes.c_float(), ctypes.c_float()
        if not pdfium_c.FPDFPageObj_GetBounds(obj, fl, fb, fr, ft):
            continue
        l, b, r, t = fl.value, fb.value, fr.value, ft.value
        x0, x1, top, bottom = l, r, h - t, h - b
        wd, ht = x1 - x0, bottom - top
        if wd <= THIN and ht > THIN:
            add(x0, top, x1, bottom, "v")
        elif ht <= THIN and wd > THIN:
            add(x0, top, x1, bottom, "h")
        elif wd > THIN and ht > THIN:
            fill = ctypes.c_int(0)
            stroke = ctypes.c_int(0)
            if pdfium_c.FPDFPath_GetDrawMode(obj, ctypes.byref(fill), ctypes.byref(stroke)) and stroke.value:
                # a stroked path: a cell's box, or a whole grid drawn as one path (ReportLab does)
                for (ax, ay), (bx, by) in _segments(obj, pdfium_c):
                    if abs(ay - by) <= 0.5:
                        add(min(ax, bx), h - ay, max(ax, bx), h - ay, "h")
                    elif abs(ax - bx) <= 0.5:
                        add(ax, h - max(ay, by), ax, h - min(ay, by), "v")
    return edges


def _segments(obj, pdfium_c, cap: int = 5000):
    """The straight segments of a path object, in page coordinates (curves are not rules)."""
    n = pdfium_c.FPDFPath_CountSegments(obj)
    if n <= 0 or n > cap:
        return
    m = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, m):
        return
    x, y = ctypes.c_float(), ctypes.c_float()
    cur = start = None
    for i in range(n):
        seg = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        if not seg or not pdfium_c.FPDFPathSegment_GetPoint(seg, x, y):
            continue
        pt = (m.a * x.value + m.c * y.value + m.e, m.b * x.value + m.d * y.value + m.f)
        kind = pdfium_c.FPDFPathSegment_GetType(seg)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            cur = start = pt
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and cur is not None:
            yield cur, pt
            cur = pt
        else:
            cur = pt
        if pdfium_c.FPDFPathSegment_GetClose(seg) and cur is not None and start is not None and cur != start:
            yield cur, start
            cur = start


def _paths(container, pdfium_c, depth: int = 0, budget: list | None = None):
    """Path objects of the page, and of the form XObjects on it (a few levels deep), at most 20000."""
    budget = budget if budget is not None else [20000]
    top = depth == 0
    n = pdfium_c.FPDFPage_CountObjects(container) if top else pdfium_c.FPDFFormObj_CountObjects(container)
    for i in range(max(n, 0)):
        if budget[0] <= 0:
            return
        obj = pdfium_c.FPDFPage_GetObject(container, i) if top else pdfium_c.FPDFFormObj_GetObject(container, i)
        if not obj:
            continue
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            budget[0] -= 1
            yield obj
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM and depth < 4:
            yield from _paths(obj, pdfium_c, depth + 1, budget)


def _close(edges: list[dict]) -> dict:
    """A table cut by the page break has no bottom rule on this page (or no top rule on the next):
    draw the missing closing line where the table's vertical rules end. Returns {end: y} drawn."""
    drawn: dict = {}
    vs = [e for e in edges if e["orientation"] == "v"]
    if len(vs) < 2:
        return drawn
    for end, pick in (("bottom", max), ("top", min)):
        y = pick(e[end] for e in vs)
        ends = [e for e in vs if abs(e[end] - y) <= 3]
        if len(ends) < 2:
            continue
        x0, x1 = min(e["x0"] for e in ends), max(e["x0"] for e in ends)
        covered = any(e["orientation"] == "h" and abs(e["top"] - y) <= 3 and e["x0"] <= x0 + 3 and e["x1"] >= x1 - 3
                      for e in edges)
        if not covered and x1 - x0 >= 3:
            edges.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0,
                          "orientation": "h", "object_type": "line"})
            drawn[end] = y
    return drawn


def _snap(values: list[float], tol: float = 2.0) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= tol:
            continue
        out.append(v)
    return out


def _index(xs: list[float], v: float) -> int:
    """The index of the value in sorted *xs* nearest to *v*."""
    i = bisect.bisect_left(xs, v)
    if i <= 0:
        return 0
    if i >= len(xs):
        return len(xs) - 1
    return i if xs[i] - v < v - xs[i - 1] else i - 1


def _tables(page, pno, w, h, pdfium_c, plt, chars: list[Ch]) -> list[PTable]:
    edges = _edges(page, w, h, pdfium_c)
    if len(edges) < 3:
        return []
    drawn = _close(edges)
    edges = plt.merge_edges(edges, 3, 3, 3, 3)
    inter = plt.edges_to_intersections(edges, 3, 3)
    cells = plt.intersections_to_cells(inter)
    out = []
    for group in plt.cells_to_tables(cells):
        if len(group) < 2:
            continue
        pcs = [PCell(float(x0), float(top), float(x1), float(bottom), page=pno) for x0, top, x1, bottom in group]
        t = PTable(pno, min(c.x0 for c in pcs), min(c.top for c in pcs), max(c.x1 for c in pcs),
                   max(c.bottom for c in pcs), pcs)
        t.open_ends = tuple(end for end, y in drawn.items() if abs((t.bottom if end == "bottom" else t.top) - y) <= 3)
        out.append(t)
    if not out:
        return []
    for c in chars:
        cx, cy = (c.x0 + c.x1) / 2, c.cy
        for t in out:
            if t.x0 <= cx <= t.x1 and t.top <= cy <= t.bottom:
                for cell in t.cells:
                    if cell.x0 <= cx <= cell.x1 and cell.top <= cy <= cell.bottom:
                        cell.chars.append(c)
                        break
                break
    for t in out:
        xs = _snap([c.x0 for c in t.cells] + [c.x1 for c in t.cells])
        t.xs = xs
        for cell in t.cells:
            cell.col = _index(xs, cell.x0)
            cell.colspan = max(1, _index(xs, cell.x1) - cell.col)
            for g in _cluster(cell.chars):
                text = _line_text(g)
                if text:
                    cell.pieces.append((text, pno, g[0].line))
        # Rows are where the columns of figures have their rules: a label column cut short by a page
        # break (or drawn in odd pieces) must not add rows of its own.
        numeric = _numeric_cols(t.cells)
        in_values = [c for c in t.cells if any(k in numeric for k in range(c.col, c.col + c.colspan))]
        ys = _snap([c.top for c in in_values] + [c.bottom for c in in_values]) if len(in_values) >= 2 else []
        if len(ys) < 2:
            ys = _snap([c.top for c in t.cells] + [c.bottom for c in t.cells])
        t.nrows = len(ys) - 1
        for cell in t.cells:
            cell.row = min(_index(ys, cell.top), t.nrows - 1)
            cell.rowspan = max(1, _index(ys, cell.bottom) - cell.row)
        t.cells.sort(key=lambda c: (c.row, c.col))
    return out


def _numeric_cols(cells) -> set:
    return {k for c in cells if _NUMERIC.match(c.text) for k in range(c.col, c.col + c.colspan)}


# ---- the document ----------------------------------------------------------------------------------------

def _row_texts(t: PTable, r: int) -> tuple:
    return tuple(c.text for c in sorted(t.cells, key=lambda c: c.col) if c.row == r)


def _row_key(t: PTable, r: int) -> tuple:
    return tuple((c.col, c.colspan, c.text) for c in t.cells if c.row == r)


def _continues_table(a: PTable, b: PTable) -> bool:
    """*b*, first on its page, carries on *a*, last on the page before: same width, and the break shows
    (a rule missing at the cut, the header rows repeated, or the very same columns)."""
    if b.page != a.last_page + 1 or abs(a.x0 - b.x0) > 3 or abs(a.x1 - b.x1) > 3:
        return False
    if "bottom" in a.open_ends or "top" in b.open_ends:
        return True
    if _row_texts(b, 0) and _row_texts(b, 0) == _row_texts(a, 0):
        return True   # the header repeated (its columns may differ: a part's rows need not show every rule)
    return len(a.xs) == len(b.xs) and all(abs(x - y) <= 2 for x, y in zip(a.xs, b.xs))


def _trim_empty_tail(t: PTable) -> None:
    """Rows at the foot of a page that hold nothing (the space a browser leaves when the next row does
    not fit under a cell that spans rows) are not rows of the report."""
    while t.nrows > 1:
        last = t.nrows - 1
        own = [c for c in t.cells if c.row == last]
        if not own or any(c.text for c in own):
            return
        t.cells = [c for c in t.cells if c.row != last]
        for c in t.cells:
            if c.row + c.rowspan - 1 >= last:
                c.rowspan = max(1, last - c.row)
        t.nrows -= 1


def _fill_holes(t: PTable) -> None:
    """A grid position no cell covers, under a label cell (a column without figures), belongs to that
    label cell: a page break split it, and the browser drew the rest of it short or not at all."""
    numeric = _numeric_cols(t.cells)
    width = len(t.xs) - 1
    covered: dict[tuple, PCell] = {}
    for c in t.cells:
        for r in range(c.row, c.row + c.rowspan):
            for k in range(c.col, c.col + c.colspan):
                covered[(r, k)] = c
    for r in range(1, t.nrows):
        for k in range(width):
            if (r, k) in covered or k in numeric:
                continue
            above = covered.get((r - 1, k))
            if above is None or not above.text or above.row + above.rowspan != r \
                    or any((r, j) in covered for j in range(above.col, above.col + above.colspan)):
                continue
            above.rowspan += 1
            for j in range(above.col, above.col + above.colspan):
                covered[(r, j)] = above


def _split_row(a: PTable, head: list, bottom: dict, numeric_cols: set) -> bool:
    """*head*, the first row of the continuation, is the rest of *a*'s last row: the two line up cell
    for cell, no column of figures has a figure in both, and the head does not start a new item."""
    last = a.nrows - 1
    for c in head:
        above = bottom.get(c.col)
        if above is None or above.col != c.col or above.colspan != c.colspan or above.row + above.rowspan - 1 != last:
            return False
        in_values = any(k in numeric_cols for k in range(c.col, c.col + c.colspan))
        if in_values and c.text and above.text:
            return False
        if not in_values and c.text and _ITEM.match(c.text):
            return False
    return any(c.text for c in head)


def _continue_table(a: PTable, b: PTable) -> None:
    """*b* (on the next page) continues *a*: drop its repeated header rows, append its rows to *a*."""
    _trim_empty_tail(a)
    union = _snap(a.xs + b.xs)
    amap = {i: _index(union, x) for i, x in enumerate(a.xs)}
    bmap = {i: _index(union, x) for i, x in enumerate(b.xs)}
    if union != a.xs:
        for c in a.cells:
            end = amap[c.col + c.colspan] if c.col + c.colspan in amap else c.col + c.colspan
            c.col = amap[c.col]
            c.colspan = max(1, end - c.col)
        a.xs = union
    for c in b.cells:
        end = bmap.get(c.col + c.colspan, c.col + c.colspan)
        c.col = bmap.get(c.col, c.col)
        c.colspan = max(1, end - c.col)
    skip = 0
    while skip < min(b.nrows, a.nrows) - 1 and _row_key(b, skip) and _row_key(b, skip) == _row_key(a, skip):
        skip += 1
    cells = [c for c in b.cells if c.row >= skip]
    numeric_cols = _numeric_cols(a.cells + b.cells)
    for c in cells:
        c.row = c.row - skip + a.nrows
    # what covers each grid position at the foot of the table so far
    bottom: dict[int, PCell] = {}
    for x in a.cells:
        for k in range(x.col, x.col + x.colspan):
            if k not in bottom or bottom[k].row + bottom[k].rowspan < x.row + x.rowspan:
                bottom[k] = x
    first = a.nrows
    head = [c for c in cells if c.row == first]
    if head and _split_row(a, head, bottom, numeric_cols):
        # the page break cut one row in two (a word processor lets rows break across pages): its pieces
        # are joined to the row they continue, and b's rows move up by one
        for c in head:
            above = bottom[c.col]
            above.pieces.extend(c.pieces)
            above.rowspan += c.rowspan - 1
        cells = [c for c in cells if c.row != first]
        for c in cells:
            c.row -= 1
        a.nrows -= 1
        a.cells.sort(key=lambda c: (c.row, c.col))
    kept = []
    for c in sorted(cells, key=lambda c: (c.row, c.col)):
        if not c.text and not any(k in numeric_cols for k in range(c.col, c.col + c.colspan)):
            above = bottom.get(c.col)
            if above is not None and above.col == c.col and above.colspan == c.colspan and above.text \
                    and above.row + above.rowspan == c.row:
                above.rowspan += c.rowspan   # a label cell the page break split: one cell again
                continue
        kept.append(c)
        for k in range(c.col, c.col + c.colspan):
            bottom[k] = c
    a.cells.extend(kept)
    a.nrows += b.nrows - skip
    a.bottom = b.bottom
    a.last_page = b.page
    a.open_ends = b.open_ends


def _write(pages, tb: TextBuilder, raw: RawDocument) -> None:
    # blocks in reading order, page after page: ("line", Line) or ("table", PTable)
    blocks: list = []
    for pno, lines, tables in pages:
        items = [(ln.top, "line", ln) for ln in lines] + [(t.top, "table", t) for t in tables]
        items.sort(key=lambda x: x[0])
        for _top, kind, obj in items:
            if kind == "table" and blocks and blocks[-1][0] == "table" and _continues_table(blocks[-1][1], obj):
                _continue_table(blocks[-1][1], obj)
                continue
            blocks.append((kind, obj))
    margins = {}
    for pno, lines, _t in pages:
        if lines:
            margins[pno] = (min(ln.x0 for ln in lines), max(ln.x1 for ln in lines))
    heights = sorted(ln.h for _p, lines, _t in pages for ln in lines)
    if heights:
        margins["body_h"] = heights[len(heights) // 2]
    para: list[Line] = []

    def flush():
        if not para:
            return
        start = tb.n
        text = ""
        for ln in para:
            j = joiner(text, ln.text)
            if j:
                tb.plain(j)
            tb.add(ln.text, {"page": ln.page, "line": ln.chars[0].line})
            text += j + ln.text
        tb.plain("\n")
        raw.blocks.append(RawParagraph(PText.literal(text, start), Span(start, start + len(text))))
        para.clear()

    for kind, obj in blocks:
        if kind == "table":
            flush()
            _write_table(obj, tb, raw)
            continue
        if para and not _continues(para[-1], obj, margins):
            flush()
        para.append(obj)
    flush()


def _continues(a: Line, b: Line, margins: dict) -> bool:
    """Line *b* carries on the paragraph whose last line is *a*."""
    left_a, right_a = margins.get(a.page, (a.x0, a.x1))
    left_b, _ = margins.get(b.page, (b.x0, b.x1))
    if a.x1 < right_a - 1.5 * a.h:
        return False            # a line that stops short ends its paragraph
    if _HEADING.match(b.text):
        return False
    if b.page == a.page and b.top - a.bottom > 1.2 * a.h:
        return False            # a gap between paragraphs
    body_h = margins.get("body_h", a.h)
    if abs(b.h - a.h) > 0.35 * max(a.h, b.h) or (a.h > 1.15 * body_h) != (b.h > 1.15 * body_h):
        return False            # a change of type size: a title, a heading
    if b.x0 > left_b + 0.6 * b.h:
        # an indented line starts a paragraph, unless both lines are centred: a title wrapped in two
        mid = (left_b + margins.get(b.page, (b.x0, b.x1))[1]) / 2
        large = a.h > 1.15 * body_h   # a title's type is larger than the body's
        right_b = margins.get(b.page, (b.x0, b.x1))[1]
        return (b.page == a.page and (large or a.x0 > left_a + 0.3 * a.h) and abs((b.x0 + b.x1) / 2 - mid) <= b.h
                and abs((a.x0 + a.x1) / 2 - mid) <= a.h and b.x1 < right_b - b.h)
    return True


def _write_table(t: PTable, tb: TextBuilder, raw: RawDocument) -> None:
    _fill_holes(t)
    rows: list[RawRow] = []
    by_row: dict[int, list[PCell]] = {}
    for c in t.cells:
        by_row.setdefault(c.row, []).append(c)
    for r in sorted(by_row):
        cells = sorted(by_row[r], key=lambda c: c.col)
        row_start = tb.n
        out = []
        for k, c in enumerate(cells):
            if k:
                tb.plain(" | ")
            start = tb.n
            if c.pieces:
                text = ""
                for piece, p, ln in c.pieces:
                    j = joiner(text, piece)
                    if j:
                        tb.plain(j)
                    tb.add(piece, {"page": p, "line": ln})
                    text += j + piece
            else:
                text = ""
                tb.mark({"page": c.page})  # an empty cell: its page (it has no line of text)
            out.append(RawCell(PText.literal(text, start), Span(start, start + len(text)), c.rowspan, c.colspan))
        rows.append(RawRow(out, Span(row_start, tb.n)))
        tb.plain("\n")
    if rows:
        raw.blocks.append(RawTable(rows, Span(rows[0].span.start, rows[-1].span.end)))
