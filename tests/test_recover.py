"""Tables recovered from run-together digits (crawler text extractions).

Properties: a consistent table flattened to digits is recovered with its own cells wherever a
cell is read at all, never gives an identity error, and every read cell's span slices to its
digits. Unit checks for the search, the numbering cut, signs and decimals, and the inline headings.
"""
from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings, strategies as st

from disclosure_lint import lint_text, parse_text
from disclosure_lint.engine.context import Context
from disclosure_lint.document import Number, Unread
from disclosure_lint.recover.splits import ColSpec, enumerate_splits, make_run, structural
from disclosure_lint.recover.view import strip_numbering_tail

from .conftest import SHARED, needs_shared, shared_files

HEAD = "标题: 平潭综合实验区2021年度政府信息公开工作年度报告\n==================== 正文 ====================\n"
IDENTITY = ["DL201", "DL202", "DL203", "DL204"]

GROUPS = [("一、本年新收政府信息公开申请数量", None), ("二、上年结转政府信息公开申请数量", None),
          ("三、本年度办理结果（一）予以公开", None), ("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", None),
          ("（三）不予公开", ["属于国家秘密", "其他法律行政法规禁止公开", "危及“三安全一稳定”", "保护第三方合法权益",
                          "属于三类内部事务信息", "属于四类过程性信息", "属于行政执法案卷", "属于行政查询事项"]),
          ("（四）无法提供", ["本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"]),
          ("（五）不予处理", ["信访举报投诉类申请", "重复申请", "要求提供公开出版物", "无正当理由大量反复申请",
                          "要求行政机关确认或重新出具已获取信息"]),
          ("（六）其他处理", ["申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                          "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "其他"]),
          ("（七）总计", None), ("四、结转下年度继续办理", None)]
KEYS = ["new", "carried", "open", "partial"] + [f"deny_{i}" for i in range(1, 9)] + \
       [f"unable_{i}" for i in range(1, 4)] + [f"noproc_{i}" for i in range(1, 6)] + \
       [f"other_{i}" for i in range(1, 4)] + ["total", "carry_next"]
OUTCOMES = KEYS[2:-2]
COLS = ["natural", "commercial", "research", "welfare", "legal", "other", "total"]
T4_HEADER = ("四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉"
             "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计")


def _join(values, spaces):
    spaces = list(spaces) + [False] * (len(values) - 1 - len(spaces))
    out = str(values[0])
    for v, sp in zip(values[1:], spaces):
        out += (" " if sp else "") + str(v)
    return out


def flat_table3(rows: dict, spaces: dict) -> str:
    out = ["三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
           "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"]
    keys = iter(KEYS)
    for lab, subs in GROUPS:
        if subs is None:
            k = next(keys)
            out.append(lab + _join(rows[k], spaces.get(k, ())))
            continue
        out.append(lab)
        for i, s in enumerate(subs, 1):
            k = next(keys)
            out.append(f"{i}.{s}" + _join(rows[k], spaces.get(k, ())))
    return "".join(out)


small = st.one_of(st.just(0), st.just(0), st.integers(0, 9), st.integers(10, 400))


@st.composite
def table3(draw):
    rows = {}
    for k in OUTCOMES:
        parts = [draw(small) if draw(st.booleans()) else 0 for _ in range(6)]
        rows[k] = parts + [sum(parts)]
    total = [sum(rows[k][c] for k in OUTCOMES) for c in range(6)]
    carry = [draw(st.integers(0, 3)) for _ in range(6)]
    carried = [draw(st.integers(0, t + c)) for t, c in zip(total, carry)]
    new = [t + c - d for t, c, d in zip(total, carry, carried)]
    for k, v in (("total", total), ("carry_next", carry), ("carried", carried), ("new", new)):
        rows[k] = v + [sum(v)]
    spaces = {k: draw(st.lists(st.booleans(), min_size=6, max_size=6)) if draw(st.integers(0, 4)) == 0 else ()
              for k in KEYS}
    return rows, spaces


@settings(max_examples=40, deadline=None)
@given(table3())
def test_consistent_table3_is_recovered_with_its_own_cells(data):
    rows, spaces = data
    text = HEAD + flat_table3(rows, spaces) + "\n"
    doc = parse_text(text, kind="text")
    view = Context(doc).tables["table3"]
    read = 0
    for k in KEYS:
        for c, col in enumerate(COLS):
            cell = view.cell(k, col)
            assert cell is not None, (k, col)
            v = cell.value
            assert isinstance(v, (Number, Unread)), (k, col, v)
            if isinstance(v, Number):
                read += 1
                assert v.value == rows[k][c], (k, col, v.value, rows[k][c])
                assert text[v.span.start:v.span.end] == str(rows[k][c])
            if all(x < 10 for x in rows[k]) and not any(spaces.get(k, ())):
                assert cell.recovery == "forced"  # seven digits for seven cells
    assert read > 0
    assert [d for d in lint_text(text, kind="text", select=IDENTITY) if d.severity.value != "info"] == []


@st.composite
def table4(draw):
    vals = []
    for _ in range(3):
        parts = [draw(small) for _ in range(4)]
        vals += parts + [sum(parts)]
    spaces = draw(st.lists(st.booleans(), min_size=14, max_size=14)) if draw(st.booleans()) else [False] * 14
    return vals, spaces


@settings(max_examples=40, deadline=None)
@given(table4())
def test_consistent_table4_is_recovered_with_its_own_cells(data):
    vals, spaces = data
    text = HEAD + T4_HEADER + _join(vals, spaces) + "五、存在的主要问题及改进情况无。\n"
    doc = parse_text(text, kind="text")
    view = Context(doc).tables["table4"]
    groups = ["review", "direct", "after"]
    cols = ["upheld", "corrected", "other", "pending", "total"]
    k = 0
    unique = len(enumerate_splits(make_run(_join(vals, spaces), 0), [ColSpec(maxlen=5)] * 15,
                                  [([4 + 5 * g], [5 * g + i for i in range(4)]) for g in range(3)])[0]) == 1
    for g in groups:
        for c in cols:
            v = view.cell("data", f"{g}.{c}").value
            if isinstance(v, Number):
                assert v.value == vals[k]
                assert text[v.span.start:v.span.end] == str(vals[k])
            else:
                assert not unique, (g, c)  # a unique split is always read
            k += 1
    assert [d for d in lint_text(text, kind="text", select=IDENTITY) if d.severity.value != "info"] == []


def test_spaces_are_hard_boundaries_and_spans_map_back():
    run = make_run("20 0 00 0 121", 100)
    assert run.chars == "200000121" and run.cuts == {2, 3, 5, 6}
    assert run.span(6, 9) == (110, 113)
    st_ = structural(run, [ColSpec()] * 7)
    assert st_.count == 3
    splits, complete = enumerate_splits(run, [ColSpec()] * 7, [([6], list(range(6)))])
    assert complete and [[run.chars[a:b] for a, b in s] for s in splits] == [["20", "0", "0", "0", "0", "1", "21"]]


def test_no_leading_zeros_and_a_sign_only_where_the_column_allows_it():
    run = make_run("35-15", 0)
    st_ = structural(run, [ColSpec(), ColSpec(signed=True)])
    assert st_.count == 1 and st_.forced(0) == (0, 2) and st_.forced(1) == (2, 5)
    assert structural(make_run("35-15", 0), [ColSpec(), ColSpec()]).count == 0
    assert structural(make_run("0012", 0), [ColSpec()] * 3).count == 1  # 0|0|12


def test_the_next_rows_numbering_is_cut_from_the_digits():
    text = "属于国家秘密00000002.其他法律"
    end = strip_numbering_tail(text, 6, 15, 2)
    assert text[6:end] == "0000000"
    text = "行政事业性收费9116.36 三、"
    assert strip_numbering_tail(text, 7, 14, None) == 14  # a decimal point is not a numbering
    text = "条002、传真申请数"
    assert text[1:strip_numbering_tail(text, 1, 4, 2)] == "00"


def test_table2_signs_and_decimals_as_the_headers_allow():
    text = ("标题: 某区2020年政府信息公开工作年度报告\n==================== 正文 ====================\n"
            "二、主动公开政府信息情况 第二十条第（八）项信息内容上一年项目数量本年增/减行政事业性收费35-15"
            "第二十条第（一）项信息内容本年新制作数量本年新公开数量对外公开总数量规章007\n")
    doc = parse_text(text, kind="text")
    t2 = Context(doc).tables["table2"]
    assert t2.cell("fees", "本年增、减").value.value == -15
    assert t2.cell("fees", "上一年项目数量").value.value == 35
    assert t2.cell("rules", "对外公开总数量").value.value == 7


def test_inline_headings_come_from_the_heading_lists_and_their_sequence():
    body = ("本报告根据条例编制。 一、总体情况 2022年，我区做了一、二、三项工作。 二、主动公开政府信息情况第二十条第（一）项"
            "信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件123"
            "三、收到和处理政府信息公开申请情况今年收到申请。四、政府信息公开行政法复议、行政诉讼情况无。"
            "五、存在的主要问题及改进情况无。六、其他需要报告的事项无。" + "正文。" * 400)
    doc = parse_text(HEAD + body + "\n", kind="text")
    titles = [s.heading.marker.text + s.heading.title.text for s in doc.sections()]
    assert titles == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
                      "四、政府信息公开行政法复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]


def test_2008_statistics_table_rows():
    text = ("标题: 某县2013年政府信息公开工作年度报告\n==================== 正文 ====================\n"
            "附件1：统计表 指标名称计量单位2013年度历年累计主动公开信息数条18535395其中：1.网站公开条171350172.政府公报公开条07"
            "受理依申请公开信息总数条728行政复议数条00\n")
    doc = parse_text(text, kind="text")
    t = doc.tables()[0]
    rows = {r.labels[0].text: [(c.value.value if isinstance(c.value, Number) else None, c.recovery) for c in r.values]
            for r in t.rows if r.values}
    assert rows["主动公开信息数"] == [(None, "ambiguous"), (None, "ambiguous")]
    assert rows["2.政府公报公开"] == [(0, "forced"), (7, "forced")]
    assert rows["受理依申请公开信息总数"] == [(7, "chosen"), (28, "chosen")]   # 72|8 breaks 历年累计 ≥ 本年度
    assert rows["行政复议数"] == [(0, "forced"), (0, "forced")]
    for c in t.cells():
        if isinstance(c.value, Number):
            assert text[c.value.span.start:c.value.span.end] == str(c.value.value)


@needs_shared
def test_real_extractions_read_as_their_html_pages():
    """Every table cell read from a crawler extraction equals the HTML page's (never a wrong figure)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("accuracy", Path(__file__).parents[1] / "benchmarks" / "accuracy.py")
    acc = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(acc)
    same = differ = 0
    for txt in shared_files("corpus/real/*_pingtan-*.txt"):
        html = SHARED / "corpus" / "real-html" / (txt.stem + ".html")
        if not html.exists():
            continue
        got = acc.agreement(acc.describe(txt), acc.describe(html))
        assert got["differ"] == 0, (txt.name, got["wrong"])
        same += got["same"]
        differ += got["differ"]
    assert same >= 1400  # 1486 of 1553 cells on the corpus this was written against


def test_code_frames_far_into_a_one_line_body(tmp_path, capsys):
    """A finding at column 5000 of a one-line body gets its code frame (the line is kept that far)."""
    from disclosure_lint.cli.main import main

    prose = "全区做好政府信息公开工作，" * 400
    body = prose + flat_table3({k: ([0] * 7 if k not in ("open",) else [0, 0, 0, 0, 0, 0, 1]) for k in KEYS}, {})
    f = tmp_path / "flat.txt"
    f.write_text(HEAD + body + "\n", encoding="utf-8")
    assert main(["--format", "full", "--select", "DL201", "--jobs", "1", str(f)]) == 1
    out = capsys.readouterr().out
    assert "DL201" in out and "^" in out and "（一）予以公开0000001" in out
