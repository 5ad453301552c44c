"""The .docx and PDF readers: the planted report is found exactly, positions point into the original,
refused and damaged files get one clear finding, and no input raises.

The fixtures are made by tests/make_office_fixtures.py (python-docx; headless Chromium for the PDF)
and committed, so these tests need neither tool.
"""
from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint import lint_bytes, lint_path
from disclosure_lint.cli.main import main
from disclosure_lint.document import Table
from disclosure_lint.document.parse import parse_bytes, parse_path

OFFICE = Path(__file__).parent / "fixtures" / "office"
DOCX = OFFICE / "report-2022.docx"
CLEAN_DOCX = OFFICE / "clean-2022.docx"
PDF = OFFICE / "report-2022.pdf"
LO_PDF = OFFICE / "report-2022-libreoffice.pdf"   # the .docx converted by LibreOffice: rows break across pages
RL_PDF = OFFICE / "report-2022-reportlab.pdf"     # ReportLab: each grid one path, a font not embedded
HTML = OFFICE / "report-2022.html"

# What the planted report must produce, in any format: (code, the exact text of the span)
PLANTED = [("DL201", "3"), ("DL204", "3"), ("DL211", "679"), ("DL308", "2022"), ("DL401", "142")]


def _json(path: Path, capsys) -> list[dict]:
    main(["--isolated", "--format", "json", str(path)])
    return json.loads(capsys.readouterr().out)


def test_the_html_source_of_the_fixtures_finds_the_planted_defects():
    # the ground truth: the same report as HTML
    got = sorted((d.code, HTML.read_text(encoding="utf-8")[d.span.start:d.span.end]) for d in lint_path(HTML))
    assert got == PLANTED


@pytest.mark.parametrize("path", [DOCX, PDF, LO_PDF, RL_PDF],
                         ids=["docx", "pdf-chromium", "pdf-libreoffice", "pdf-reportlab"])
def test_planted_defects_are_found_exactly_and_nothing_else(path, capsys):
    items = _json(path, capsys)
    assert sorted((d["code"], d["text"]) for d in items) == PLANTED
    doc = parse_path(path)
    for d in items:
        assert doc.source.text[d["start"]["offset"]:d["end"]["offset"]] == d["text"]


def test_pdf_findings_carry_their_page_and_line(capsys):
    items = {d["code"]: d for d in _json(PDF, capsys)}
    assert {c: d["start"].get("page") for c, d in items.items()} == {
        "DL211": 2, "DL401": 2, "DL201": 4, "DL204": 5, "DL308": 5}
    assert all(d["start"]["page_line"] >= 1 for d in items.values())


def test_libreoffice_pdf_table_split_rows_are_joined():
    doc = parse_path(LO_PDF)
    t3 = doc.tables()[1]
    assert len(t3.rows) == 28
    labels = [r.label for r in t3.rows]
    assert "三、本年度办理结果 / （三）不予公开 / 3.危及“三安全一稳定”" in labels       # a row cut by a page break
    assert "三、本年度办理结果 / （五）不予处理 / 1.信访举报投诉类申请" in labels
    pages = {doc.source.locate(c.span.start)["page"] for c in t3.cells() if c.text}
    assert len(pages) >= 2


def test_docx_findings_carry_a_location(capsys):
    items = {d["code"]: d for d in _json(DOCX, capsys)}
    assert items["DL211"]["location"] == {"paragraph": 11}
    assert items["DL308"]["location"] == {"paragraph": 22}
    # table 2 of the document is table 3 of the report; row 6 is （一）予以公开, cell 4 the 自然人 column
    assert items["DL201"]["location"] == {"table": 2, "row": 6, "cell": 4}
    assert items["DL204"]["location"] == {"table": 3, "row": 4, "cell": 5}
    assert all("page" not in d["start"] for d in items.values())


def test_clean_docx_has_no_findings():
    assert [(d.code, d.message) for d in lint_path(CLEAN_DOCX)] == []


def test_sarif_and_full_formats_show_the_original_place(capsys):
    main(["--isolated", "--format", "sarif", str(PDF)])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    regions = [r["locations"][0]["physicalLocation"]["region"] for r in run["results"]]
    assert sorted(r["snippet"]["text"] for r in regions) == sorted(t for _, t in PLANTED)
    assert all(r["properties"]["page"] >= 1 for r in regions)
    main(["--isolated", "--format", "full", "--color", "never", str(DOCX)])
    out = capsys.readouterr().out
    assert "(table 2, row 6, cell 4)" in out and "(paragraph 11)" in out
    assert "| 3 | 2 | 0 | 1 | 1 | 0 | 5" in out  # the frame shows the extracted text


def test_docx_tree_numbering_and_merged_cells():
    doc = parse_path(DOCX)
    # the section headings carry no typed number: Word's automatic numbering is rendered into the text
    assert [s.heading.marker.text for s in doc.sections()] == ["一、", "二、", "三、", "四、", "五、", "六、"]
    t3 = doc.tables()[1]
    assert len(t3.rows) == 28 and t3.width == 10
    corner = t3.rows[0].cells[0]
    assert (corner.rowspan, corner.colspan) == (3, 3)              # vMerge + gridSpan
    label = t3.rows[5].cells[0]
    assert label.text == "三、本年度办理结果" and label.rowspan == 22   # vMerge over the outcome rows
    assert doc.metadata.get("file_created").value == "2023-01-18 09:00:00"
    assert doc.metadata.get("file_modified").value == "2023-01-20 08:30:00"
    for f in doc.metadata.fields.values():
        assert doc.source.slice(f.span) == f.value


def test_pdf_table_across_pages_is_one_table():
    doc = parse_path(PDF)
    tables = doc.tables()
    assert [(len(t.rows), t.width) for t in tables] == [(14, 4), (28, 10), (4, 15)]
    t3 = tables[1]
    pages = {doc.source.locate(c.span.start)["page"] for c in t3.cells() if c.text}
    assert len(pages) >= 2                                          # it does cross a page break
    label = t3.rows[5].cells[0]
    assert label.text == "三、本年度办理结果" and label.rowspan == 22   # joined across the break
    assert [r.label for r in t3.rows].count(t3.rows[0].label) == 1   # the repeated header rows dropped
    assert doc.title is not None and doc.title.value.endswith("2022年政府信息公开工作年度报告")
    assert doc.metadata.get("file_created") is not None


@pytest.mark.parametrize("pdf", [PDF, LO_PDF, RL_PDF], ids=["chromium", "libreoffice", "reportlab"])
def test_docx_and_pdf_extract_the_same_text_for_the_report(pdf):
    d, p = parse_path(DOCX), parse_path(pdf)
    assert [b.text if not isinstance(b, Table) else b.text() for b in d.blocks] == \
        [b.text if not isinstance(b, Table) else b.text() for b in p.blocks]


def test_parse_command_shows_docx_and_pdf_trees(capsys):
    for path in (DOCX, PDF):
        assert main(["parse", str(path)]) == 0
        out = capsys.readouterr().out
        assert f"kind={path.suffix[1:]}" in out and "Section L1 三、收到和处理政府信息公开申请情况" in out


# ---- the PDF prose: wrapped lines -------------------------------------------------------------------

def _line(text, page, x0, top, right=500.0, h=16.0):
    from disclosure_lint.readers.pdf.text_layer import Ch
    from disclosure_lint.readers.pdf.visual_lines import Line

    chars = []
    x = x0
    for k, c in enumerate(text):
        chars.append(Ch(c, x, x + h, top, top + h, line=int(top // 20) + 1))
        x += h
    x1 = right if len(text) * h + x0 >= right - h else x
    return Line(chars, page, x0, x1, top, top + h, text)


def _write(pages):
    from disclosure_lint.readers.blocks import RawDocument
    from disclosure_lint.readers.office import TextBuilder
    from disclosure_lint.readers.pdf.extracted_text import write_pages

    tb, raw = TextBuilder(), RawDocument()
    write_pages(pages, tb, raw)
    return tb, raw


def test_a_number_wrapped_over_two_lines_stays_one_number():
    lines = [_line("（一）主动公开。全年主动公开政府信息14", 1, 132, 100, right=500),
             _line("2条，其中政策文件30条。", 1, 100, 120, right=500)]
    lines[0].x1 = 500.0
    tb, raw = _write([(1, [_line("正文" * 13, 1, 100, 60, right=500)] + lines, [])])
    texts = [b.ptext.text for b in raw.blocks]
    assert "（一）主动公开。全年主动公开政府信息142条，其中政策文件30条。" in texts


def test_a_paragraph_continues_over_a_page_break():
    a = _line("二、主动公开", 1, 100, 60)
    body = _line("本年度共发布信息12", 1, 132, 700)
    body.x1 = 500.0
    nxt = _line("3条。", 2, 100, 60)
    tb, raw = _write([(1, [a, _line("正" * 25, 1, 100, 100), body], []), (2, [nxt], [])])
    texts = [b.ptext.text for b in raw.blocks]
    assert "本年度共发布信息123条。" in texts
    # the location of the continuation is page 2
    start = tb.text().index("3条")
    from disclosure_lint.readers.office import ExtractedSource

    src = ExtractedSource(tb.text(), None, "pdf", tb.loc_at, tb.locs)
    assert src.locate(start)["page"] == 2


def test_an_indented_line_starts_a_new_paragraph():
    first = _line("上一段的最后一行写满了整行文字到右边距为止写满了整行", 1, 100, 100)
    first.x1 = 500.0
    second = _line("新的段落首行缩进两个字符。", 1, 132, 120)
    tb, raw = _write([(1, [first, second], [])])
    assert len(raw.blocks) == 2


# ---- refused and damaged files ----------------------------------------------------------------------

def _zip(files: dict) -> bytes:
    b = io.BytesIO()
    with zipfile.ZipFile(b, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in files.items():
            zf.writestr(name, data)
    return b.getvalue()


_DOC = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
        '<w:p><w:r><w:t>一、总体情况</w:t></w:r></w:p></w:body></w:document>')


def test_docm_by_name_is_refused():
    diags = lint_bytes(_zip({"word/document.xml": _DOC}), path="report.docm", select=["DL011"])
    assert [d.code for d in diags] == ["DL011"] and "macros" in diags[0].message


def test_too_many_entries_is_refused():
    files = {f"x/{k}.xml": "" for k in range(5001)}
    files["word/document.xml"] = _DOC
    diags = lint_bytes(_zip(files), select=["DL011"])
    assert [d.code for d in diags] == ["DL011"] and "entries" in diags[0].message


def test_a_refused_file_gets_one_finding_and_nothing_else():
    diags = lint_bytes(_zip({"word/document.xml": _DOC, "word/vbaProject.bin": "x"}))
    assert [d.code for d in diags] == ["DL011"]


def test_pdf_without_the_extra_says_so(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pypdfium2", None)
    diags = lint_bytes(PDF.read_bytes())
    assert [d.code for d in diags] == ["DL013"] and "pip install" in diags[0].message


def test_pdf_without_pdfplumber_reads_the_prose_and_warns(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "pdfplumber", None)
    diags = lint_bytes(PDF.read_bytes(), select=["DL013", "DL211"])
    assert sorted((d.code, d.severity.value) for d in diags) == [("DL013", "warning"), ("DL211", "error")]


def test_numbering_formats():
    from disclosure_lint.readers.docx.numbering import format_number

    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 20, 21, 100, 105)] == \
        ["一", "十", "十一", "二十", "二十一", "一百", "一百零五"]
    assert format_number(3, "decimal") == "3" and format_number(2, "ideographTraditional") == "乙"
    assert format_number(4, "upperRoman") == "IV" and format_number(3, "decimalEnclosedCircle") == "③"


def test_docx_list_numbering_with_levels():
    numbering = ('<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 '<w:abstractNum w:abstractNumId="1">'
                 '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
                 '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num></w:numbering>')

    def p(text, lvl):
        return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{lvl}"/><w:numId w:val="5"/></w:numPr></w:pPr>'
                f'<w:r><w:t>{text}</w:t></w:r></w:p>')
    body = p("总体情况", 0) + p("主动公开", 1) + p("依申请公开", 1) + p("主动公开政府信息情况", 0) + p("规章", 1)
    doc = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + body + '</w:body></w:document>')
    d = parse_bytes(_zip({"word/document.xml": doc, "word/numbering.xml": numbering}))
    assert [b.text for b in d.blocks] == ["一、总体情况", "（一）主动公开", "（二）依申请公开", "二、主动公开政府信息情况",
                                          "（一）规章"]


# ---- nothing raises ---------------------------------------------------------------------------------

@settings(max_examples=40, deadline=None)
@given(st.dictionaries(st.sampled_from(["word/document.xml", "word/numbering.xml", "word/styles.xml",
                                        "docProps/core.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"]),
                       st.binary(max_size=400), min_size=1))
def test_arbitrary_bytes_inside_a_docx_never_raise(files):
    files.setdefault("word/document.xml", b"")
    diags = lint_bytes(_zip(files))
    assert not any(d.code == "DL000" for d in diags), [d.message for d in diags]


@settings(max_examples=40, deadline=None)
@given(st.binary(max_size=300))
def test_arbitrary_document_xml_text_never_raises(tail):
    doc = _DOC.encode()[:-len("</w:body></w:document>")] + tail + b"</w:body></w:document>"
    diags = lint_bytes(_zip({"word/document.xml": doc}))
    assert not any(d.code == "DL000" for d in diags), [d.message for d in diags]


_PDF_BYTES = PDF.read_bytes()


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=len(_PDF_BYTES)))
def test_truncated_pdfs_never_raise(n):
    diags = lint_bytes(_PDF_BYTES[:n])
    assert not any(d.code == "DL000" for d in diags), [d.message for d in diags]


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=0, max_value=len(_PDF_BYTES) - 1), st.binary(min_size=1, max_size=64))
def test_corrupted_pdfs_never_raise(at, junk):
    data = _PDF_BYTES[:at] + junk + _PDF_BYTES[at + len(junk):]
    diags = lint_bytes(data)
    assert not any(d.code == "DL000" for d in diags), [d.message for d in diags]


def test_docx_content_controls_tracked_changes_and_fallbacks():
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
    body = ('<w:sdt><w:sdtContent><w:p><w:r><w:t>收到申请</w:t></w:r><w:del><w:r><w:delText>99</w:delText></w:r>'
            '</w:del><w:ins><w:r><w:t>12</w:t></w:r></w:ins><w:r><w:t>件</w:t></w:r></w:p></w:sdtContent></w:sdt>'
            '<w:p><w:r><mc:AlternateContent><mc:Choice><w:t>甲</w:t></mc:Choice><mc:Fallback><w:t>甲</w:t>'
            '</mc:Fallback></mc:AlternateContent></w:r></w:p>'
            '<w:tbl><w:sdt><w:sdtContent><w:tr><w:tc><w:p><w:r><w:t>规章</w:t></w:r></w:p></w:tc>'
            '<w:tc><w:p><w:r><w:t>3</w:t></w:r></w:p></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl>')
    d = parse_bytes(_zip({"word/document.xml": f'<w:document {w}><w:body>{body}</w:body></w:document>'}))
    assert [b.text if not isinstance(b, Table) else b.text() for b in d.blocks] == ["收到申请12件", "甲", "规章 | 3"]


def test_docx_numbering_continues_across_instances_and_restarts_on_override():
    numbering = ('<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                 '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
                 '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>'
                 '<w:num w:numId="5"><w:abstractNumId w:val="1"/></w:num>'
                 '<w:num w:numId="6"><w:abstractNumId w:val="1"/></w:num>'
                 '<w:num w:numId="7"><w:abstractNumId w:val="1"/>'
                 '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num></w:numbering>')

    def p(text, num):
        return (f'<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>'
                f'<w:r><w:t>{text}</w:t></w:r></w:p>')
    doc = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
           + p("总体情况", 5) + p("主动公开政府信息情况", 6) + p("另一个列表", 7) + '</w:body></w:document>')
    d = parse_bytes(_zip({"word/document.xml": doc, "word/numbering.xml": numbering}))
    assert [b.text for b in d.blocks] == ["一、总体情况", "二、主动公开政府信息情况", "一、另一个列表"]


def test_entities_in_a_docx_are_not_expanded():
    laughs = ('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
              '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
              '<w:p><w:r><w:t>&d;&d;&d;&d;&d;&d;&d;&d;</w:t></w:r></w:p></w:body></w:document>')
    d = parse_bytes(_zip({"word/document.xml": laughs}))
    assert len(d.source.text) < 1000


def test_a_pdf_whose_glyphs_do_not_map_to_characters_is_said_to_be_read_in_part(monkeypatch):
    import pypdfium2.raw as pdfium_c

    real = pdfium_c.FPDFText_GetUnicode
    monkeypatch.setattr(pdfium_c, "FPDFText_GetUnicode", lambda tp, i: 0xE000 if i % 2 else real(tp, i))
    diags = lint_bytes(PDF.read_bytes(), select=["DL014"])
    assert [(d.code, d.severity.value) for d in diags] == [("DL014", "warning")]
    assert "do not map to Unicode" in diags[0].message


def test_a_nested_word_table_is_read_once():
    """A table inside a cell is read with that cell's text, once: its cells were reached again from every
    table around it (text repeated, the work doubling at each level of nesting)."""
    docx = pytest.importorskip("docx")
    d = docx.Document()
    d.add_paragraph("某县2022年政府信息公开工作年度报告")
    cell = d.add_table(rows=1, cols=1).cell(0, 0)
    for level in range(6):
        cell.paragraphs[0].text = f"L{level}"
        cell = cell.add_table(rows=1, cols=1).cell(0, 0)
    cell.paragraphs[0].text = "X"
    buf = io.BytesIO()
    d.save(buf)
    text = parse_bytes(buf.getvalue(), "nested.docx", "docx").source.text
    assert text.count("X") == 1 and text.count("L5") == 1, text
