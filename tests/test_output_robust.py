"""Output details: long lines in the full format, JUnit info findings, ordering, no empty
suggestions, and line/column/text on library diagnostics."""
from __future__ import annotations

import io
import xml.dom.minidom

from disclosure_lint import lint_text
from disclosure_lint.engine.diagnostics import Diagnostic, Severity
from disclosure_lint.output import render
from disclosure_lint.engine.results import resolve_positions
from disclosure_lint.source import Source, Span

from .conftest import seed


def _result(text: str, diags):
    return resolve_positions("r.txt", Source(text), diags)


def test_full_format_past_column_2000():
    text = "x" * 5000 + "某局2016年将加强" + "y" * 3000 + "\n"
    d = Diagnostic("r.txt", "DL308", "plan-year", Severity.WARNING, "a plan", Span(5002, 5008), suggestion="2017")
    out = io.StringIO()
    render("full", [_result(text, [d])], out, color=False)
    s = out.getvalue()
    assert "r.txt:1:5003:" in s and "2016年将" in s and "^^^^^" in s
    caret_line = [ln for ln in s.splitlines() if "^" in ln][0]
    frame_line = [ln for ln in s.splitlines() if "2016年将" in ln][0]
    from rich.cells import cell_len
    assert cell_len(caret_line[:caret_line.index("^")]) == cell_len(frame_line[:frame_line.index("2016")])


def test_full_format_span_at_end_of_file_and_empty_file():
    for text, span in [("abc", Span(3, 3)), ("", Span(0, 0)), ("a\r\nb", Span(1, 4))]:
        d = Diagnostic("r.txt", "DL003", "x", Severity.ERROR, "m", span)
        out = io.StringIO()
        render("full", [_result(text, [d])], out, color=False)
        assert "r.txt:" in out.getvalue()


def test_no_empty_suggestion_anywhere():
    d = Diagnostic("r.txt", "DL101", "x", Severity.ERROR, "m", Span(0, 1), suggestion="")
    for fmt in ("full", "concise", "sarif", "junit", "github"):
        out = io.StringIO()
        render(fmt, [_result("abc", [d])], out, color=False)
        assert "suggestion: )" not in out.getvalue() and "suggestion:[/]" not in out.getvalue()
        assert "= suggestion" not in out.getvalue()


def test_junit_info_findings_are_not_failures():
    ds = [Diagnostic("r.txt", "DL010", "x", Severity.INFO, "note <&>", Span(0, 1)),
          Diagnostic("r.txt", "DL201", "y", Severity.ERROR, "bad", Span(1, 2))]
    out = io.StringIO()
    render("junit", [_result("abc", ds)], out)
    dom = xml.dom.minidom.parseString(out.getvalue())
    fails = dom.getElementsByTagName("failure")
    assert [f.getAttribute("type") for f in fails] == ["DL201"]
    assert dom.getElementsByTagName("testsuite")[0].getAttribute("failures") == "1"
    assert "DL010" in dom.getElementsByTagName("system-out")[0].firstChild.data


def test_missing_sections_come_in_section_order():
    text = "某局2021年政府信息公开工作年度报告\n一、总体情况\n正文。\n"
    ds = [d for d in lint_text(text, kind="text", select=["DL101"])]
    assert len(ds) >= 3
    order = [d.message.split("“")[1][0] for d in ds]
    assert order == sorted(order, key="一二三四五六".index), order


def test_sort_key_ignores_message_text():
    a = Diagnostic("p", "DL101", "n", Severity.ERROR, "z-message", Span(0, 0))
    b = Diagnostic("p", "DL101", "n", Severity.ERROR, "a-message", Span(0, 0))
    a.order, b.order = 0, 1
    assert sorted([b, a], key=Diagnostic.sort_key) == [a, b]


def test_library_diagnostics_carry_line_column_and_text():
    text = seed(3).read_text(encoding="utf-8")
    ds = lint_text(text, kind="text")
    assert ds
    src = Source(text)
    for d in ds:
        assert (d.line, d.column) == src.line_col(d.span.start)
        assert (d.end_line, d.end_column) == src.line_col(d.span.end)
        assert d.text == text[d.span.start:d.span.end]
