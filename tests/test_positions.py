"""LSP positions: code-point offsets to UTF-16 (and UTF-8, UTF-32) line/character and back, with characters
outside the Basic Multilingual Plane (CJK Extension B, emoji) and every kind of line end."""
from __future__ import annotations

from hypothesis import given, strategies as st

from disclosure_lint.source.positions import UTF8, UTF16, UTF32, from_lsp, to_lsp, units
from disclosure_lint.cli.server import Settings, rule_doc, rule_url
from disclosure_lint.source import Source

TEXT = "报告\r\n📄𠀀2017年報(bào)告\n\n😀a\rz𪚥"


def test_astral_characters_count_two_utf16_units():
    src = Source(TEXT)
    k = TEXT.index("2017")
    assert to_lsp(src, k, UTF16) == (1, 4)       # 📄 and 𠀀 are two units each
    assert to_lsp(src, k, UTF32) == (1, 2)
    assert to_lsp(src, k, UTF8) == (1, 8)
    k = TEXT.index("報")
    assert to_lsp(src, k, UTF16) == (1, 9)
    assert to_lsp(src, TEXT.index("a"), UTF16) == (3, 2)
    assert to_lsp(src, TEXT.index("z"), UTF16) == (4, 0)   # a lone \r ends a line
    assert to_lsp(src, len(TEXT), UTF16) == (4, 3)
    assert to_lsp(src, 0) == (0, 0)
    assert units("𠀀a") == 3 and units("𠀀a", UTF8) == 5 and units("𠀀a", UTF32) == 2


def test_positions_past_a_line_end_and_past_the_text():
    src = Source(TEXT)
    assert from_lsp(src, 0, 99) == 2             # past the end of 报告: the end of the line, before \r\n
    assert from_lsp(src, 99, 0) == len(TEXT)
    assert from_lsp(src, 1, 3) == TEXT.index("2017")  # inside a surrogate pair: the next character
    assert from_lsp(src, 1, 4) == TEXT.index("2017")


@given(st.text(alphabet=st.sampled_from(list("a报\r\n😀𠀀 ")), max_size=40), st.data())
def test_round_trip(text, data):
    src = Source(text)
    k = data.draw(st.integers(0, len(text)))
    for enc in (UTF8, UTF16, UTF32):
        line, ch = to_lsp(src, k, enc)
        back = from_lsp(src, line, ch, enc)
        # an offset between \r and \n is not a position an editor can name: it maps to the line's end
        if 0 < k < len(text) and text[k - 1] == "\r" and text[k] == "\n":
            assert back in (k - 1, k)
        else:
            assert back == k, (text, k, enc, line, ch)


def test_rule_doc_in_either_language_and_rule_url():
    from disclosure_lint.engine.registry import get_rule

    spec = get_rule("DL501")
    assert "Mirror sites" in rule_doc(spec, "en") and "【中文】" not in rule_doc(spec, "en")
    assert "镜像网站" in rule_doc(spec, "zh") and "Mirror sites" not in rule_doc(spec, "zh-CN")
    assert rule_url("DL201", "table-row-total", "https://x.org/rules.md") == "https://x.org/rules.md#dl201-table-row-total"
    assert rule_url("DL201", "table-row-total").endswith("rules.md#dl201-table-row-total")


def test_settings_from_the_editor():
    s = Settings()
    s.update({"dlint": {"lang": "zh", "select": "DL5, dl2", "ignore": ["dl502"], "debounce": 100}})
    assert (s.lang, s.select, s.ignore, s.debounce) == ("zh", ("DL5", "DL2"), ("DL502",), 0.1)
    s.update({"select": []})
    assert s.select is None
