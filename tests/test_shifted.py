"""Broken structure gives one clear finding, not a cascade: a cell dropped from a consistent table."""
import re

from hypothesis import given, settings, strategies as st

from disclosure_lint import lint_text
from disclosure_lint.tools.synth import ReportSpec, render_html

T3_ROWS = ["一、本年新收", "二、上年结转", "（一）予以公开", "1.属于国家秘密", "4.保护第三方合法权益", "1.本机关不掌握相关政府信息",
           "2.重复申请", "（七）总计", "四、结转下年度"]
ARITH = ["DL109", "DL201", "DL202", "DL203", "DL204", "DL205", "DL105", "DL002"]


def delete_cell(html: str, row_word: str, k: int) -> str:
    """The report with the k-th number cell of the table-3 row labelled *row_word* deleted."""
    i = html.index(row_word)
    start, end = html.rfind("<tr", 0, i), html.index("</tr>", i)
    row = html[start:end]
    cells = list(re.finditer(r"<td><p>-?\d+</p></td>", row))
    m = cells[k]
    return html[:start] + row[:m.start()] + row[m.end():] + html[end:]


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(T3_ROWS), st.integers(0, 6), st.sampled_from([2020, 2022]))
def test_a_dropped_cell_is_one_shifted_row_and_no_identity_error(seed, row, k, year):
    html = delete_cell(render_html(ReportSpec(year=year, seed=seed)), row, k)
    found = [d for d in lint_text(html, select=ARITH) if d.severity.value != "info"]
    assert [d.code for d in found] == ["DL109"], [(d.code, d.message) for d in found]
    assert row.lstrip("（一二三四七）、.1234") in found[0].message


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000), st.integers(0, 14))
def test_a_dropped_table4_cell_is_one_shifted_row(seed, k):
    html = render_html(ReportSpec(year=2022, seed=seed))
    i = html.index("<tr><td><p>结果维持")
    last = html.index("<tr>", i + 5)
    end = html.index("</tr>", last)
    row = html[last:end]
    cells = list(re.finditer(r"<td><p>\d+</p></td>", row))
    m = cells[k]
    html = html[:last] + row[:m.start()] + row[m.end():] + html[end:]
    found = [d for d in lint_text(html, select=ARITH) if d.severity.value != "info"]
    assert [d.code for d in found] == ["DL109"], [(d.code, d.message) for d in found]


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(T3_ROWS), st.integers(0, 5))
def test_a_dropped_cell_in_a_text_extraction(seed, row, k):
    from disclosure_lint.tools.synth import render_text

    lines = render_text(ReportSpec(year=2022, seed=seed)).split("\n")
    n = next(i for i, line in enumerate(lines) if row in line and "|" in line)
    fields = lines[n].split(" | ")
    first = len(fields) - 8  # seven values, then the empty field after the last bar
    del fields[first + k]
    lines[n] = " | ".join(fields)
    found = [d for d in lint_text("\n".join(lines), select=ARITH) if d.severity.value != "info"]
    assert [d.code for d in found] in (["DL109"], []), [(d.code, d.message) for d in found]
    assert not [d for d in found if d.code in ("DL201", "DL202", "DL203", "DL204")]


ROWS_TO_DELETE = ["二、上年结转", "（一）予以公开", "1.属于国家秘密", "4.保护第三方合法权益", "2.重复申请", "1.申请人无正当理由",
                  "3.其他", "（七）总计", "四、结转下年度"]


@settings(max_examples=20, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(ROWS_TO_DELETE), st.booleans())
def test_a_deleted_row_is_that_row_missing(seed, row, as_text):
    from disclosure_lint.tools.synth import render_text

    spec = ReportSpec(year=2022, seed=seed)
    if as_text:
        src = "\n".join(line for line in render_text(spec).split("\n") if not (row in line and "|" in line))
    else:
        html = render_html(spec)
        i = html.index(row)
        src = html[:html.rfind("<tr", 0, i)] + html[html.index("</tr>", i) + 5:]
    found = [d for d in lint_text(src, kind="text" if as_text else "html", select=ARITH + ["DL106"])
             if d.severity.value != "info"]
    assert [d.code for d in found] == ["DL105"], [(d.code, d.message) for d in found]
    assert "is missing" in found[0].message


def _cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 100:
        return ("" if n < 20 else digits[n // 10]) + "十" + (digits[n % 10] if n % 10 else "")
    return str(n)


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(T3_ROWS), st.integers(0, 6), st.sampled_from(["cn", "unit", "blank"]))
def test_cells_written_otherwise_or_blank_keep_a_consistent_table_clean(seed, row, k, how):
    html = render_html(ReportSpec(year=2022, seed=seed))
    i = html.index(row)
    start, end = html.rfind("<tr", 0, i), html.index("</tr>", i)
    cells = list(re.finditer(r"<td><p>(\d+)</p></td>", html[start:end]))
    m = cells[k]
    n = int(m.group(1))
    new = {"cn": _cn(n), "unit": f"{n}件", "blank": "&nbsp;"}[how]
    html = html[:start + m.start(1)] + new + html[start + m.end(1):]
    found = [d for d in lint_text(html, select=ARITH) if d.severity.value != "info"]
    assert found == [], [(d.code, d.message) for d in found]
