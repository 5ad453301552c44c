"""Properties: consistent tables give no DL2xx; one changed cell gives one finding at that cell;
dates round-trip through every notation; importing the package stays cheap."""
import datetime as dt
import subprocess
import sys

from hypothesis import given, settings, strategies as st

from disclosure_lint import lint_text, parse_text
from disclosure_lint.engine.context import Context
from disclosure_lint.facts.dates import parse_dates
from disclosure_lint.source.ptext import PText
from disclosure_lint.tools.synth import ReportSpec, render_html

T3_ROWS = ["new", "carried", "open", "partial", "deny_1", "deny_4", "unable_1", "noproc_2", "other_3", "total",
           "carry_next"]
T3_COLS = ["natural", "commercial", "research", "welfare", "legal", "other", "total"]
ARITH = ["DL201", "DL202", "DL203", "DL204", "DL205"]


@settings(max_examples=15, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([2019, 2020, 2021, 2023]))
def test_consistent_tables_give_no_arithmetic_findings(seed, year):
    html = render_html(ReportSpec(year=year, seed=seed))
    assert [d for d in lint_text(html, select=ARITH) if d.severity.value != "info"] == []


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(T3_ROWS), st.sampled_from(T3_COLS), st.integers(1, 9),
       st.sampled_from([2020, 2022]))
def test_one_changed_cell_is_one_finding_at_that_cell(seed, row, col, delta, year):
    clean = ReportSpec(year=year, seed=seed)
    if year < 2021 and row.startswith("other_"):
        row = "other_1"
    bad = ReportSpec(year=year, seed=seed, plant={"t3": (row, col, delta)})
    html = render_html(bad)
    doc = parse_text(html)
    cell = Context(doc).tables["table3"].cell(row, col)
    original = Context(parse_text(render_html(clean))).tables["table3"].cell(row, col).value.value
    found = [d for d in lint_text(html, select=ARITH) if d.severity.value != "info"]
    assert len(found) == 1, [d.message for d in found]
    assert found[0].span == cell.value.span
    assert found[0].suggestion == str(original)


@settings(max_examples=10, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from(["upheld", "corrected", "other", "pending", "total"]),
       st.sampled_from(["review", "direct", "after"]), st.integers(1, 5))
def test_one_changed_table4_cell_is_one_finding(seed, col, group, delta):
    html = render_html(ReportSpec(year=2022, seed=seed, plant={"t4": (group, col, delta)}))
    found = [d for d in lint_text(html, select=ARITH) if d.severity.value != "info"]
    assert len(found) == 1 and found[0].code == "DL204"


CN = "〇一二三四五六七八九"


def _cn_num(n: int) -> str:
    if n < 10:
        return CN[n]
    return ("" if n < 20 else CN[n // 10]) + "十" + (CN[n % 10] if n % 10 else "")


NOTATIONS = [
    lambda d: f"{d.year}-{d.month:02d}-{d.day:02d}",
    lambda d: f"{d.year}/{d.month}/{d.day}",
    lambda d: f"{d.year}.{d.month}.{d.day}",
    lambda d: f"{d.year}年{d.month}月{d.day}日",
    lambda d: "".join(CN[int(c)] for c in str(d.year)) + f"年{_cn_num(d.month)}月{_cn_num(d.day)}日",
    lambda d: "".join("○" if c == "0" else CN[int(c)] for c in str(d.year)) + f"年{_cn_num(d.month)}月{_cn_num(d.day)}日",
    lambda d: f"{d.year}年{d.month}月{d.day}号",
    lambda d: f"{d.year} 年 {d.month} 月 {d.day} 日",
]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2099, 12, 31)),
       st.sampled_from(range(len(NOTATIONS))), st.sampled_from(["", "截至", "于", "本报告于"]),
       st.sampled_from(["", "。", "，全年共计"]))
def test_dates_round_trip_through_every_notation(day, k, before, after):
    written = NOTATIONS[k](day)
    text = before + written + after
    facts = parse_dates(PText.literal(text, 0))
    assert len(facts) == 1, (text, facts)
    f = facts[0]
    assert f.date() == day
    assert text[f.span.start:f.span.end] == written


def test_importing_the_package_is_cheap():
    code = ("import sys, disclosure_lint; "
            "print(sorted(m for m in ('rich', 'lxml', 'bs4', 'regex') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_an_edition_file_overrides_a_builtin_edition(tmp_path):
    from disclosure_lint.document.editions import editions_dir

    src = (editions_dir() / "2021.toml").read_text(encoding="utf-8")
    mine = tmp_path / "mine.toml"
    mine.write_text(src.replace('heading = "其他需要报告的事项"', 'heading = "其他事项说明"'), encoding="utf-8")
    text = ("某局2021年政府信息公开工作年度报告\n一、总体情况\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n"
            "四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n")
    assert not [d for d in lint_text(text, kind="text", select=["DL104"])]
    ds = lint_text(text, kind="text", select=["DL104"], edition_files=[str(mine)])
    assert [d.suggestion for d in ds] == ["其他事项说明"]
