"""The ruling lines a table is drawn with, read from the page's path objects through PDFium.

A path object this thin is a ruling line; a stroked path wider and taller than that is a cell's box or
a whole grid drawn as one path (ReportLab does), walked segment by segment. Form XObjects are searched
a few levels deep. The lines come out as the edge dicts pdfplumber's lattice functions take. A table cut
by the page break misses its closing rule at the cut: :func:`close_cut_edges` draws it and says where.
"""
from __future__ import annotations

import ctypes

THIN = 2.5          # a path object this thin (points) is a ruling line


def ruling_edges(page, w: float, h: float, pdfium_c) -> list[dict]:
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


def close_cut_edges(edges: list[dict]) -> dict:
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
