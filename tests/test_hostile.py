"""Hostile input: every case answers with diagnostics or a clean result, never a traceback or a hang.

Sizes are the ones the robustness issue names; the slow ones stay well under a minute here.
"""
import codecs
import os
import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from disclosure_lint import lint_bytes, lint_text
from disclosure_lint.document.parse import parse_bytes

from .conftest import ROOT, seed

REPORT = seed(2).read_bytes()


def codes(data, kind=None):
    return [d.code for d in lint_bytes(data, kind=kind)]


def test_empty_file():
    assert codes(b"", "text") == ["DL003"]
    assert codes(b"", "html") == ["DL003"]


def test_random_bytes():
    data = os.urandom(50_000)
    for kind in ("html", "text"):
        assert isinstance(codes(data, kind), list)


@pytest.mark.parametrize("magic", [b"%PDF-1.5\n", b"PK\x03\x04\x14\x00", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
def test_pdf_and_word_files(magic):
    assert "DL001" in codes(magic + os.urandom(5000), "html")


def test_utf16_with_bom():
    data = codecs.BOM_UTF16_LE + REPORT.decode("utf-8").encode("utf-16-le")
    ds = lint_bytes(data, kind="text")
    assert any(d.code == "DL303" for d in ds)  # read as the seed it is


def test_gbk_without_declaration():
    data = REPORT.decode("utf-8").encode("gb18030")
    assert any(d.code == "DL303" for d in lint_bytes(data, kind="text"))


def test_declared_charset_that_lies():
    html = '<meta charset="gbk"><p>某局2021年政府信息公开工作年度报告</p><p>一、总体情况</p>'.encode("utf-8")
    doc = parse_bytes(html, None, "html")
    assert "年度报告" in doc.blocks[0].text
    assert any("declares" in m for _, m, _ in doc.problems)


def test_100000_nested_elements():
    data = b"<div>" * 100_000 + "一、总体情况".encode() + b"</div>" * 100_000
    assert isinstance(codes(data, "html"), list)
    data = b"<span><table><tr><td>" * 20_000 + b"1"
    assert isinstance(codes(data, "html"), list)


def test_html_cut_in_the_middle_of_a_table():
    html = ("<p>某局2021年政府信息公开工作年度报告</p><table><tr><td>一、本年新收政府信息公开申请数量</td>"
            "<td>1</td><td>0</td><td rowspan=").encode()
    assert isinstance(codes(html, "html"), list)


def test_nul_bytes():
    data = b"<p>\x00\x00" + "一、总体情况".encode() + b"\x00</p>" * 100
    assert isinstance(codes(data, "html"), list)
    assert isinstance(codes(REPORT.replace(b"\n", b"\x00\n"), "text"), list)


def test_two_megabyte_run_of_digits():
    for kind in ("html", "text"):
        assert codes(b"<p>" + b"1" * 2_000_000 + b"</p>", kind) is not None


def test_list_of_200000_items_after_gong():
    data = ("共10件，其中" + "、".join(f"{i}件" for i in range(200_000)) + "。").encode()
    ds = codes(data, "text")
    assert "DL212" in ds


def test_five_megabyte_single_line():
    data = ("我局认真贯彻落实条例，共公开信息12条。" * 250_000).encode()
    assert len(data) > 5_000_000
    assert isinstance(codes(data, "text"), list)


def test_20000_row_table():
    html = ("<table>" + "".join(f"<tr><td>row{i}</td><td>{i}</td><td>1</td></tr>" for i in range(20_000))
            + "</table>").encode()
    assert isinstance(codes(html, "html"), list)


def test_crlf_and_lone_cr_line_ends():
    text = REPORT.decode("utf-8")
    for nl in ("\r\n", "\r"):
        data = text.replace("\n", nl)
        ds = lint_text(data, kind="text")
        d = next(d for d in ds if d.code == "DL303")
        assert data[d.span.start:d.span.end] == "2021年12月30日"


def test_entities_are_not_expanded_and_nothing_is_fetched():
    html = b"""<!DOCTYPE html [<!ENTITY x "AAAAAAAAAA"><!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;">]>
    <html><body><p>&y;&y;&y;</p><img src="http://127.0.0.1:9/x.png"><iframe src="http://127.0.0.1:9/"></iframe>
    <link rel="stylesheet" href="http://127.0.0.1:9/a.css"></body></html>"""
    doc = parse_bytes(html, None, "html")
    assert "AAAA" not in "".join(b.text for b in doc.paragraphs())


def test_fifty_megabyte_page(tmp_path):
    if os.environ.get("DLINT_SKIP_HUGE"):
        pytest.skip("DLINT_SKIP_HUGE is set")
    page = (ROOT / "examples" / "defects-2022.html").read_bytes()
    big = tmp_path / "big.html"
    with open(big, "wb") as fh:
        for _ in range(50_000_000 // len(page) + 1):
            fh.write(page)
    before = big.stat().st_mtime_ns
    p = subprocess.run([sys.executable, "-m", "disclosure_lint", "--isolated", "--statistics", str(big)],
                       capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert p.returncode in (0, 1), p.stderr
    assert "Traceback" not in p.stderr
    assert big.stat().st_mtime_ns == before


@given(st.binary(max_size=2000))
def test_arbitrary_bytes_never_raise_through_the_engine(data):
    for kind in ("html", "text"):
        for d in lint_bytes(data, kind=kind):
            assert d.code != "DL000", d.message


@given(st.text(alphabet=st.sampled_from(list("一二三四五六七八九十、（）()是共件条其中，。；占%0123456789年月日底\n|<>/p")),
               max_size=400))
def test_arbitrary_report_text_never_raises(text):
    for kind in ("html", "text"):
        for d in lint_text(text, kind=kind):
            assert d.code != "DL000", d.message
            assert 0 <= d.span.start <= d.span.end <= len(text)


@given(st.sampled_from(["DL201", "DL2", "DL103", "DL503", "DL3"]), st.booleans())
def test_suppressions_never_add_findings(code, next_only):
    html = (ROOT / "examples" / "defects-2022.html").read_text(encoding="utf-8")
    directive = f"<!-- dlint: {'disable-next' if next_only else 'disable'}={code} -->"
    cut = html.index("<table", html.index("三、收到"))
    with_directive = html[:cut] + directive + html[cut:]
    plain = {(d.code, d.message) for d in lint_text(html, kind="html") if d.code != "DL009"}
    suppressed = {(d.code, d.message) for d in lint_text(with_directive, kind="html") if d.code != "DL009"}
    assert suppressed <= plain
