"""One JSON array of findings: the contract other tools and users depend on.

Each element: ``path, code, name, severity, message, start, end, text, related, suggestion``;
positions are ``{"line", "column", "offset"}`` with 1-based line and column (code points) and
0-based offset; ``end`` is exclusive. ``text`` is exactly what the span covers. For a PDF, positions
also carry ``page`` and ``page_line`` (the line counted on that page); for a .docx, a ``location``
object names the ``paragraph``, or the ``table``, ``row`` and ``cell`` (all 1-based). Line and column
are then in the extracted text that ``dlint parse`` shows.
"""
from __future__ import annotations

import json


def as_dicts(res):
    for d in res.diagnostics:
        yield {
            "path": res.path,
            "code": d.code,
            "name": d.name,
            "severity": d.severity.value,
            "message": d.message,
            "start": res.start(d.span).as_dict(),
            "end": res.end(d.span).as_dict(),
            "text": res.text(d.span),
            **({"location": res.location(d.span)} if res.location(d.span) else {}),
            "related": [{"message": r.message, "start": res.start(r.span).as_dict(),
                         "end": res.end(r.span).as_dict(), "text": res.text(r.span),
                         **({"location": res.location(r.span)} if res.location(r.span) else {})}
                        for r in d.related],
            "suggestion": d.suggestion,
        }


def render(results, stream, **kw) -> None:
    items = [x for res in results for x in as_dicts(res)]
    json.dump(items, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
