"""The readers on real inputs: sections, tables as grids, the wrapped row, blank cells."""
from decimal import Decimal

import pytest

from disclosure_lint import parse_path, parse_text
from disclosure_lint.engine.context import Context
from disclosure_lint.document import Blank, NotApplicable, Number, TextValue

from .conftest import FIXTURES, SHARED, needs_shared, seed

SIX = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况"]


def table3_rows(doc):
    view = Context(doc).tables["table3"]
    return view


def test_seed_002_sections_and_table3_grid():
    doc = parse_path(seed(2))
    heads = [s.heading.text for s in doc.sections()]
    assert heads[:3] == ["一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况"]
    assert len(heads) == 6 and heads[5] == "六、其他需要报告的事项"
    view = table3_rows(doc)
    assert len(view.row_order) == 25
    for key in view.row_order:
        assert [c for c in view.columns if (key, c) in view.cells] == view.columns, key
    # the wrapped row: （六）1. ends with its seventh value on the next line
    cell = view.cell("other_1", "total")
    assert isinstance(cell.value, Number) and cell.value.value == 0
    l1, _ = doc.source.line_col(view.rows["other_1"].labels[-1].span.start)
    l2, _ = doc.source.line_col(cell.value.span.start)
    assert l2 == l1 + 1
    assert view.cell("new", "commercial").value.value == 1
    assert view.cell("total", "total").value.value == 1


def test_text_reader_keeps_header_rows_with_empty_cells():
    doc = parse_path(seed(2))
    t3 = doc.tables()[1]
    assert t3.rows[0].labels[0].text.startswith("(本列数据的勾稽关系为")


def test_numbered_lead_sentences_are_not_plain_paragraphs_and_yishi_is_not_a_heading():
    doc = parse_text("一、总体情况\n一是加强领导。二是完善制度。\n（一）加强组织领导，规范制度流程。为确保工作推进，我局……\n", kind="text")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Heading", "Paragraph", "Heading"]
    assert doc.blocks[2].title.text == "加强组织领导，规范制度流程"


def test_heading_word_inside_a_sentence_is_not_a_heading():
    doc = parse_text("我们在二、三季度开展了检查。\n", kind="text")
    assert type(doc.blocks[0]).__name__ == "Paragraph"


def test_cell_values_blank_is_not_zero():
    html = "<table><tr><td>一、本年新收</td><td>&nbsp;</td><td>0</td><td>—</td><td>/</td><td>无</td><td>１２</td><td>3.5万元</td><td>x1</td></tr></table>"
    doc = parse_text(html)
    vals = [c.value for c in doc.tables()[0].rows[0].values]
    assert isinstance(vals[0], Blank)
    assert isinstance(vals[1], Number) and vals[1].value == 0
    assert isinstance(vals[2], NotApplicable) and isinstance(vals[3], NotApplicable) and isinstance(vals[4], NotApplicable)
    assert vals[5].value == 12
    assert vals[6].value == Decimal("3.5") and vals[6].unit == "万元"
    assert isinstance(vals[7], TextValue)


def test_rowspan_colspan_expand_and_cells_know_label_and_header():
    html = """<table>
    <tr><td rowspan=2 colspan=2>note</td><td colspan=2>申请人</td></tr>
    <tr><td>自然人</td><td>总计</td></tr>
    <tr><td rowspan=2>三、结果</td><td>（一）予以公开</td><td>1</td><td>1</td></tr>
    <tr><td>（二）部分公开</td><td>2</td><td>2</td></tr></table>"""
    t = parse_text(html).tables()[0]
    assert t.width == 4
    assert [r.label for r in t.rows[2:]] == ["三、结果 / （一）予以公开", "三、结果 / （二）部分公开"]
    assert t.rows[3].cells[0] is t.rows[2].cells[0]


def test_html_entities_and_tags_map_back_to_source_offsets():
    html = "<p>共&nbsp;<b>860</b>&gt;份</p>"
    doc = parse_text(html)
    p = doc.blocks[0]
    i = p.text.index("860")
    span = p.ptext.span(i, i + 3)
    assert html[span.start:span.end] == "860"
    j = p.text.index(">")
    gt = p.ptext.span(j, j + 1)
    assert html[gt.start:gt.end] == "&gt;"


def test_scripts_styles_comments_and_page_furniture_are_not_content():
    html = """<html><head><style>p{}</style><script>var s="<p>一、假标题</p>";</script></head><body>
    <div class="nav"><a href="/">首页</a><a href="/a">政务公开</a></div>
    <div class="content"><!-- 一、注释 --><p>一、总体情况</p><p>2021年，我局……这是一段足够长的正文，用于说明内容所在的位置和范围，不是导航。</p>
    <p>二、主动公开政府信息情况</p><p>全年主动公开政府信息100条，另有更多的文字使得正文的比例足够高。</p></div>
    <div class="footer"><p>主办单位：某某市人民政府办公室 版权所有 ICP备12345号</p></div></body></html>"""
    doc = parse_text(html)
    texts = [b.text for b in doc.blocks]
    assert texts[0] == "一、总体情况"
    assert not any("首页" in t or "ICP" in t or "假标题" in t or "注释" in t for t in texts)


def test_word_html_parses():
    html = """<p class=MsoNormal><span style='mso-spacerun:yes'>&nbsp;</span><span lang=EN-US>2021</span><span
    style='font-family:仿宋'>年政府信息公开</span><o:p></o:p></p>
    <table class=MsoNormalTable><tr><td colspan=2 style='mso-border-alt:solid'><p>商业<br>企业</p></td></tr></table>"""
    doc = parse_text(html)
    assert doc.blocks[0].text == "2021年政府信息公开"
    assert doc.tables()[0].rows[0].cells[0].text == "商业 企业"


def test_shanghai_2019_blank_total_column_is_blank_not_zero():
    doc = parse_path(FIXTURES / "real" / "2019_shanghai-szfbgt.html")  # a copy of ../shared/'s
    view = table3_rows(doc)
    assert isinstance(view.cell("open", "total").value, Blank)
    assert view.cell("new", "total").value.value == 859
    assert isinstance(view.cell("other_1", "natural").value, Blank)
    assert len(view.row_order) == 23
    assert [s.heading.title.text for s in doc.sections()][:3] == SIX


@needs_shared
@pytest.mark.parametrize("year", [2019, 2020, 2021, 2022, 2023, 2025])
def test_real_html_six_sections_and_table3(year):
    doc = parse_path(SHARED / f"corpus/real-html/{year}_pingtan-syq.html")
    nums = [s.heading.number for s in doc.sections()]
    assert nums[:6] == [1, 2, 3, 4, 5, 6], [s.heading.text for s in doc.sections()]
    view = table3_rows(doc)
    assert "new" in view.row_order and "total" in view.row_order
    assert len(view.columns) == 7
    assert all((k, "total") in view.cells for k in view.row_order)
    assert doc.metadata.get("published_date") is not None
    assert doc.title is not None and str(year) in doc.title.value


def test_cells_know_their_column_header():
    html = """<table>
    <tr><td rowspan=2>note</td><td colspan=2>申请人情况</td></tr>
    <tr><td>自然人</td><td>总计</td></tr>
    <tr><td>一、本年新收</td><td>1</td><td>1</td></tr></table>"""
    t = parse_text(html).tables()[0]
    one, total = t.rows[2].values
    assert t.header_of(one) == "申请人情况 / 自然人"
    assert t.header_of(total) == "申请人情况 / 总计"
    assert t.label_of(total) == "一、本年新收"


def test_shanghai_headers():
    doc = parse_path(FIXTURES / "real" / "2019_shanghai-szfbgt.html")  # a copy of ../shared/'s
    view = table3_rows(doc)
    t = view.tables[0]
    assert "自然人" in t.header_of(view.cell("new", "natural"))
    assert "总计" in t.header_of(view.cell("new", "total"))
    assert "科研机构" in t.header_of(view.cell("new", "research"))
