"""SARIF 2.1.0, as GitHub code scanning accepts it: rules with help text, results with regions."""
from __future__ import annotations

import json

from .. import __version__
from .safe import json_text
from ..registry import all_rules

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _region(res, span):
    a, b = res.start(span), res.end(span)
    return {"startLine": a.line, "startColumn": a.column, "endLine": b.line, "endColumn": b.column,
            "charOffset": a.offset, "charLength": b.offset - a.offset}


def _uri(path: str) -> str:
    """A relative URI reference for *path* (percent-encoded: spaces, ``%``, controls, non-UTF-8 bytes)."""
    from urllib.parse import quote

    raw = path.replace("\\", "/").encode("utf-8", "surrogateescape")
    return quote(raw, safe="/:._-~()!*'@,;=+$")


def render(results, stream, **kw) -> None:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    sarif_rules = [{
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": r.summary or r.name},
        "fullDescription": {"text": r.doc or r.name},
        "help": {"text": r.doc or r.name, "markdown": r.doc or r.name},
        "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
    } for r in rules]
    out_results = []
    for res in results:
        uri = _uri(res.path)
        for d in res.diagnostics:
            item = {
                "ruleId": d.code,
                "level": _LEVEL[d.severity.value],
                "message": {"text": json_text(d.message + (f" (suggestion: {d.suggestion})" if d.suggestion else ""))},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri},
                                                    "region": _region(res, d.span)}}],
            }
            if d.code in index:
                item["ruleIndex"] = index[d.code]
            if d.related:
                item["relatedLocations"] = [
                    {"id": k, "message": {"text": json_text(r.message)},
                     "physicalLocation": {"artifactLocation": {"uri": uri},
                                          "region": _region(res, r.span)}}
                    for k, r in enumerate(d.related)]
            out_results.append(item)
    doc = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "dlint", "informationUri": "https://pypi.org/project/disclosure-lint/",
                                "version": __version__, "semanticVersion": __version__, "rules": sarif_rules}},
            "results": out_results,
            "columnKind": "unicodeCodePoints",
        }],
    }
    json.dump(doc, stream, ensure_ascii=False, indent=2)
    stream.write("\n")
