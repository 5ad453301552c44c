"""SARIF 2.1.0, as GitHub code scanning accepts it: rules with help text, results with regions."""
from __future__ import annotations

import json

from .. import __version__
from .safe import json_text
from ..engine.registry import all_rules

_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def _region(res, span, related=None):
    a, b = res.related_range(related) if related is not None else (res.start(span), res.end(span))
    region = {"startLine": a.line, "startColumn": a.column, "endLine": b.line, "endColumn": b.column,
              "charOffset": a.offset, "charLength": b.offset - a.offset}
    if related is not None and res.elsewhere(related) is not None:
        return region  # a place in another report: its text is in that report
    region["snippet"] = {"text": json_text(res.text(span))}
    where = res.location(span) or ({"page": a.page, "pageLine": a.page_line} if a.page is not None else None)
    if where:  # .docx / PDF: the place in the original document (line and column are in the extracted text)
        region["properties"] = {k: v for k, v in where.items() if v is not None}
    return region


def _uri(path: str) -> str:
    """A relative URI reference for *path* (percent-encoded: spaces, ``%``, controls, non-UTF-8 bytes)."""
    from urllib.parse import quote

    raw = path.replace("\\", "/").encode("utf-8", "surrogateescape")
    return quote(raw, safe="/:._-~()!*'@,;=+$")


def render(results, stream, **kw) -> None:
    from ..i18n import _, rule_doc, rule_summary

    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    sarif_rules = [{
        "id": r.code,
        "name": r.name,
        "shortDescription": {"text": rule_summary(r) or r.name},
        "fullDescription": {"text": rule_doc(r) or r.name},
        "help": {"text": rule_doc(r) or r.name, "markdown": rule_doc(r) or r.name},
        "defaultConfiguration": {"level": _LEVEL[r.severity.value]},
    } for r in rules]
    out_results = []
    for res in results:
        uri = _uri(res.path)
        for d in res.diagnostics:
            item = {
                "ruleId": d.code,
                "level": _LEVEL[d.severity.value],
                "message": {"text": json_text(d.message + (_(" (suggestion: {suggestion})", suggestion=d.suggestion)
                                                           if d.suggestion else ""))},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri},
                                                    "region": _region(res, d.span)}}],
            }
            if d.code in index:
                item["ruleIndex"] = index[d.code]
            if d.related:
                item["relatedLocations"] = [
                    {"id": k, "message": {"text": json_text(r.message)},
                     "physicalLocation": {"artifactLocation": {"uri": _uri(res.elsewhere(r)) if res.elsewhere(r) else uri},
                                          "region": _region(res, r.span, r)}}
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
