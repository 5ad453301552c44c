"""One JSON array of findings: the contract other tools and users depend on.

Each element: ``path, code, name, severity, message, start, end, text, related, suggestion``;
positions are ``{"line", "column", "offset"}`` with 1-based line and column (code points) and
0-based offset; ``end`` is exclusive. ``text`` is exactly what the span covers. For a PDF, positions
also carry ``page`` and ``page_line`` (the line counted on that page); for a .docx, a ``location``
object names the ``paragraph``, or the ``table``, ``row`` and ``cell`` (all 1-based). Line and column
are then in the extracted text that ``dlint parse`` shows. A related place in another report
(cross-report rules) also has ``"path"``.
"""
from __future__ import annotations

import json

from .safe import json_text


def as_dicts(res):
    for d in res.diagnostics:
        yield {
            "path": json_text(res.path),
            "code": d.code,
            "name": d.name,
            "severity": d.severity.value,
            "message": json_text(d.message),
            "start": res.start(d.span).as_dict(),
            "end": res.end(d.span).as_dict(),
            "text": json_text(res.text(d.span)),
            **({"location": res.location(d.span)} if res.location(d.span) else {}),
            "related": [_related(res, r) for r in d.related],
            "suggestion": json_text(d.suggestion) if d.suggestion is not None else None,
        }


def _related(res, r) -> dict:
    a, b = res.related_range(r)
    out = {"message": json_text(r.message), "start": a.as_dict(), "end": b.as_dict()}
    other = res.elsewhere(r)
    if other is not None:  # a place in another report (cross-report rules)
        out["path"] = json_text(other)
        text = res.other_texts.get((other, r.span))
        if text is not None:
            out["text"] = json_text(text)
        return out
    out["text"] = json_text(res.text(r.span))
    if res.location(r.span):
        out["location"] = res.location(r.span)
    return out


def render(results, stream, **kw) -> None:
    items = [x for res in results for x in as_dicts(res)]
    json.dump(items, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
