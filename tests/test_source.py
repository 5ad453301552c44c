import codecs

import pytest

from disclosure_lint.source import Source, Span, decode

TEXT = "政府信息公开工作年度报告\n2021年"


@pytest.mark.parametrize("bom,enc", [(codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                                     (codecs.BOM_UTF16_BE, "utf-16-be"), (codecs.BOM_UTF32_LE, "utf-32-le")])
def test_bom_wins(bom, enc):
    r = decode(bom + TEXT.encode(enc))
    assert r.text == TEXT and r.how == "bom"


def test_declared_charset_is_used():
    html = '<html><head><meta charset="gbk"></head><body>' + TEXT + "</body></html>"
    r = decode(html.encode("gbk"))
    assert r.encoding == "gb18030" and r.how == "declared" and TEXT in r.text


def test_http_equiv_and_xml_declaration():
    a = '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">' + TEXT
    assert decode(a.encode("gb2312")).how == "declared"
    b = '<?xml version="1.0" encoding="GBK"?><p>' + TEXT + "</p>"
    assert decode(b.encode("gbk")).encoding == "gb18030"


def test_undeclared_gbk_falls_back_to_gb18030():
    r = decode(TEXT.encode("gbk"))
    assert r.text == TEXT and r.how == "gb18030"


def test_declaration_that_lies_is_reported():
    html = '<meta charset="gbk"><p>' + TEXT + "</p>"
    r = decode(html.encode("utf-8"))
    assert TEXT in r.text and r.encoding == "utf-8"
    assert any("declares" in p for p in r.problems)


def test_last_resort_never_fails_and_is_reported():
    r = decode(b"\xff\xfe\xfd abc \x81")
    assert r.how in ("fallback", "gb18030", "bom")
    r = decode(b"abc \xc3\x28 \xff\xff\xff\xff")
    assert isinstance(r.text, str)


@pytest.mark.parametrize("data,what", [(b"%PDF-1.7\n...", "PDF"), (b"PK\x03\x04rest", "ZIP"),
                                       (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1xx", "OLE")])
def test_binary_inputs_are_recognised(data, what):
    assert what in decode(data).binary


def test_line_col_counts_code_points_and_keeps_crlf():
    s = Source("一二\r\n三四\r五\n六")
    assert s.text.count("\r\n") == 1
    assert s.line_col(0) == (1, 1)
    assert s.line_col(1) == (1, 2)
    assert s.line_col(4) == (2, 1)
    assert s.line_col(7) == (3, 1)
    assert s.line_col(9) == (4, 1)
    assert s.line_text(2) == "三四"


def test_span_rejects_reversed_ranges():
    with pytest.raises(ValueError):
        Span(3, 2)


def test_gbk_first_gives_gb18030s_text():
    """Declared or guessed GB text is decoded by the GBK codec when it accepts the bytes (twice as fast as
    GB18030's): on every sequence GBK accepts, GB18030 gives the same character, so the text is the same."""
    from disclosure_lint.source import _gb18030

    accepted = 0
    for b in range(0x80, 0x100):
        for seq in [bytes([b])] + [bytes([b, t]) for t in range(0x30, 0x100)]:
            try:
                mine = seq.decode("gbk")
            except UnicodeDecodeError:
                continue
            accepted += 1
            assert mine == seq.decode("gb18030") == _gb18030(seq)
    assert accepted > 21000
    four = "𠀀€".encode("gb18030")  # GB18030's four-byte sequences: GBK refuses them, GB18030 reads them
    assert _gb18030(b"\xd6\xd0" + four) == "中𠀀€"
    with pytest.raises(UnicodeDecodeError):
        _gb18030(b"\xd6\xd0\xff")
    gbk_page = ("<meta charset='gbk'><p>政府信息公开" + "·—" * 3 + "</p>").encode("gbk")
    assert decode(gbk_page).text == gbk_page.decode("gb18030")
