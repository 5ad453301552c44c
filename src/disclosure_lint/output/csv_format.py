"""One CSV row per finding, for spreadsheets: UTF-8 with a BOM so that Excel and WPS read Chinese.

Columns: path, agency, report_year, edition, agency_level, code, name, severity, line, column, message,
suggestion, text (exactly what the finding covers), score (the report's score, docs/scorecard.md).
A cell that a spreadsheet would run as a formula (starting with = + - @, tab or CR) is prefixed with
an apostrophe, as OWASP advises for CSV exports; numbers are left alone.
"""
from __future__ import annotations

import csv

from .score import report_score
from ..source.re_cache import compile_re

COLUMNS = ("path", "agency", "report_year", "edition", "agency_level", "code", "name", "severity", "line",
           "column", "message", "suggestion", "text", "score")
_FORMULA = compile_re(r"^[=+\-@\t\r]")
_NUMBER = compile_re(r"^[+-]?\d+(?:\.\d+)?%?$")
_CONTROL = compile_re(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _cell(v) -> str:
    if v is None:
        return ""
    s = _CONTROL.sub("", str(v))
    if _FORMULA.match(s) and not _NUMBER.match(s):
        return "'" + s
    return s


def rows(results):
    for res in results:
        rep = res.report or {}
        score = report_score(res.diagnostics, res.error)
        for d in res.diagnostics:
            p = res.start(d.span)
            yield [_cell(x) for x in (
                res.path, rep.get("agency"), rep.get("year"), rep.get("edition"), rep.get("agency_level"),
                d.code, d.name, d.severity.value, p.line, p.column, d.message, d.suggestion,
                res.text(d.span), score)]


def render(results, stream, **kw) -> None:
    stream.write("\ufeff")
    w = csv.writer(stream, lineterminator="\r\n")
    w.writerow(COLUMNS)
    for row in rows(results):
        w.writerow(row)
