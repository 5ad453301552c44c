"""The 2008-era 政府信息公开情况统计表 in a one-line body.

``指标名称 计量单位 2013年度 历年累计`` then rows ``label unit figures``: 主动公开信息数条4251516
其中：1.网站公开条41815092.政府公报公开条77…  A row's figures are two cells, 本年度 and 历年累计;
the only relation used to choose a split is 历年累计 ≥ 本年度.  The next row's numbering stuck to
the figures (``…15092.政府公报公开``) is cut off.
"""
from __future__ import annotations


from ..readers.blocks import RawRow
from ..source import Span
from .assemble import Recovered, row_notes, table_of, text_cell, value_cells
from .solve import RowRun, solve
from .splits import ColSpec, make_run
from .view import NormView, strip_numbering_tail, value_run
from ..source.re_cache import compile_re

__all__ = ["find_stat2008"]

_S = r"[ \t\u00a0\u3000]*"
_HEADER = compile_re(rf"指标名称{_S}计{_S}量{_S}单{_S}位{_S}(?P<year>(?:(?:19|20)\d{{2}}{_S}年{_S}度|本{_S}年{_S}度)){_S}历{_S}年{_S}累{_S}计")
# The label starts with a non-space (the spaces before it are _S's alone) and no match starts inside a
# run of spaces: linear on any input (a row is matched where the previous one ended).
_ROW = compile_re(rf"(?<![ \t\u00a0\u3000]){_S}(?P<label>(?:[^\d\s]|\d{{1,2}}[.．、](?=\D))"
                  rf"(?:[^\d\s]|\s(?=\D)|\d{{1,2}}[.．、](?=\D)){{0,39}}?){_S}(?P<unit>人次|条|件|元|个|项|次|份)"
                  rf"{_S}(?=[0-9０-９])")
_NUMBERED = compile_re(r"(\d{1,2})[.．、]")
COL = ColSpec(maxlen=9)
MAX_ROWS = 60     # the 统计表 has about twenty rows


def _later_not_smaller(values) -> bool:
    return values[1] >= values[0]


def find_stat2008(view: NormView, lo: int, hi: int) -> Recovered | None:
    text = view.text
    h = _HEADER.search(text, lo, hi)
    if h is None:
        return None
    unit_end = h.start("year")
    while text[unit_end - 1] in " \t\u00a0\u3000":
        unit_end -= 1
    header = RawRow([text_cell(text, h.start(), h.start() + 4, header=True),
                     text_cell(text, text.index("计", h.start() + 4), unit_end, header=True),
                     text_cell(text, h.start("year"), h.end("year"), header=True),
                     text_cell(text, h.end() - 4, h.end(), header=True)], Span(h.start(), h.end()))
    rows = [header]
    runs: list[RowRun] = []
    problems = []
    pos = h.end()
    while len(runs) < MAX_ROWS:
        m = _ROW.match(text, pos, hi)
        if m is None:
            break
        r = value_run(text, m.end(), hi)
        if r is None:
            break
        num = _NUMBERED.search(m.group("label"))
        expected = int(num.group(1)) + 1 if num else 1
        end = strip_numbering_tail(text, r[0], r[1], expected)
        label_start = m.start("label")
        rr = RowRun(str(len(runs)), m.group("label").strip(), make_run(text[r[0]:end], r[0]), [COL, COL])
        solve([rr], check=_later_not_smaller)
        runs.append(rr)
        cells = [text_cell(text, label_start, m.end("label")), text_cell(text, m.start("unit"), m.end("unit"))]
        cells += value_cells(text, rr)
        rows.append(RawRow(cells, Span(label_start, cells[-1].span.end)))
        problems.extend(row_notes("统计表", rr, {"row": "历年累计 ≥ 本年度"}))
        pos = end
    if not runs:
        return None
    table = table_of(rows)
    return Recovered("stat2008", table.span, table, runs, problems)
