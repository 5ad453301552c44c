"""One JSON array of findings: the contract other tools and users depend on.

Each element: ``path, code, name, severity, message, start, end, related, suggestion``; positions
are ``{"line", "column", "offset"}`` with 1-based line and column (code points) and 0-based offset;
``end`` is exclusive.
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
            "related": [{"message": json_text(r.message), "start": res.start(r.span).as_dict(),
                         "end": res.end(r.span).as_dict()} for r in d.related],
            "suggestion": json_text(d.suggestion) if d.suggestion is not None else None,
        }


def render(results, stream, **kw) -> None:
    items = [x for res in results for x in as_dicts(res)]
    json.dump(items, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
