"""The 2008-era 统计表 and the prose breakdowns: properties and a linearity ratio.

Random consistent 统计表 (parts within their totals, 历年累计 ≥ 本年度, complete 其中 lists adding up)
give no DL214–DL216; one part raised above its total gives one DL214 at that cell. The breakdown
search stays linear: ten times the text takes far less than a hundred times as long.
"""
import time

from hypothesis import given, settings, strategies as st

from disclosure_lint import lint_text, parse_text
from disclosure_lint.engine.context import Context

STATS = ["DL214", "DL215", "DL216"]


def _split(draw, total, n):
    cuts = sorted(draw(st.lists(st.integers(0, total), min_size=n - 1, max_size=n - 1)))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total])]


@st.composite
def tables(draw):
    rows = []

    def row(label, unit, year, cum):
        rows.append((label, unit, year, cum))

    year = draw(st.integers(0, 5000))
    row("主动公开信息数", "条", year, year + draw(st.integers(0, 90000)))
    web = draw(st.integers(0, year))
    row("其中：1.网站公开", "条", web, web + draw(st.integers(0, rows[0][3] - rows[0][2])))
    row("2.政府公报公开", "条", draw(st.integers(0, year)), rows[0][3])
    n = draw(st.integers(0, 60))
    past = draw(st.integers(0, 60))
    channels = _split(draw, n, 6)
    cum = [c + p for c, p in zip(channels, _split(draw, past, 6))]
    row("受理依申请公开信息总数", "条", n, n + past)
    names = ["当面申请数", "传真申请数", "电子邮件申请数", "网上申请数", "信函申请数", "其它形式申请数"]
    for i, (name, c, k) in enumerate(zip(names, channels, cum)):
        row(f"{'其中：' if i == 0 else ''}{i + 1}.{name}", "条", c, k)
    answers = _split(draw, n, 3)
    answered = [a + p for a, p in zip(answers, _split(draw, past, 3))]
    row("对申请的答复数", "条", n, n + past)
    for i, (name, c, k) in enumerate(zip(["同意公开答复数", "同意部分公开答复数", "否决公开答复数"], answers, answered)):
        row(f"{'其中：' if i == 0 else ''}{i + 1}.{name}", "条", c, k)
    row("行政复议数", "件", 0, draw(st.integers(0, 3)))
    row("行政诉讼数", "件", 0, 0)
    return rows


def _text(rows):
    lines = ["某县2013年政府信息公开工作年度报告", "指标名称 | 计量单位 | 2013年度 | 历年累计"]
    lines += [f"{a} | {b} | {c} | {d}" for a, b, c, d in rows]
    return "\n".join(lines) + "\n"


@settings(max_examples=30, deadline=None)
@given(tables())
def test_consistent_tables_give_no_stats_findings(rows):
    assert lint_text(_text(rows), kind="text", select=STATS) == []


@settings(max_examples=20, deadline=None)
@given(tables(), st.integers(1, 50))
def test_one_part_above_its_total_is_one_finding_at_that_cell(rows, extra):
    rows = list(rows)
    label, unit, year, cum = rows[1]  # 1.网站公开 under 主动公开信息数
    rows[1] = (label, unit, rows[0][2] + extra, max(cum, rows[0][2] + extra))
    rows[0] = (rows[0][0], rows[0][1], rows[0][2], max(rows[0][3], rows[1][3]))
    text = _text(rows)
    view = Context(parse_text(text, kind="text")).tables["stats"]
    cell = view.cell("proactive_web", "year")
    found = [d for d in lint_text(text, kind="text", select=STATS) if d.code == "DL214"]
    assert [(d.span.start, d.span.end) for d in found] == [(cell.value.span.start, cell.value.span.end)]


def test_the_2008_table_is_read_in_html_with_unnamed_parts():
    html = """<p>某县2013年政府信息公开工作年度报告</p><table>
    <tr><td>指标名称</td><td>计量单位</td><td>2013年度</td><td>历年累计</td></tr>
    <tr><td>主动公开信息数</td><td>条</td><td>10</td><td>20</td></tr>
    <tr><td>其中：1、网站公开</td><td>条</td><td>8</td><td>18</td></tr>
    <tr><td>2、新闻发布会公开</td><td>条</td><td>11</td><td>11</td></tr>
    <tr><td>受理依申请公开信息总数</td><td>条</td><td>0</td><td>0</td></tr>
    </table>"""
    view = Context(parse_text(html)).tables["stats"]
    assert view.parents == {"proactive_web": "proactive", "proactive_x1": "proactive"}
    found = lint_text(html, select=STATS)
    assert [(d.code, html[d.span.start:d.span.end]) for d in found] == [("DL214", "11")]


def test_breakdown_search_is_linear():
    unit = ("共收到申请12件，其中网上申请5件、当面申请2件，占10%；办结10件，受理3件，办结3件，办结率100%，"
            "共公布信息20条（其中政策5条，其他15条）主动公开的20条政府信息中，规章3条，占15%；文件4条，占20%")
    codes = ["DL211", "DL212", "DL213"]

    def run(k):
        text = "某局2021年政府信息公开工作年度报告\n" + unit * k
        t = time.perf_counter()
        lint_text(text, kind="text", select=codes)
        return time.perf_counter() - t

    run(20)
    small, big = min(run(100) for _ in range(2)), min(run(1000) for _ in range(2))
    assert big < small * 40  # linear would be about 10; quadratic about 100
