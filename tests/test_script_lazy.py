"""facts.script: the traditional-character test needs only the table's characters, not the table.

The conversion table (a dict of 4,000 entries, 850 KB) is built only when a text holds a traditional
character; the test reads the characters as one string. The old implementation (the table's keys) is
kept here as the oracle.
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint import lint_bytes
from disclosure_lint.facts import script
from disclosure_lint.facts.script import has_traditional, t2s_table, to_simplified, traditional_positions

from .conftest import needs_shared, shared_files


def _old_in_gb2312() -> tuple[str, ...]:
    out = []
    for ch in t2s_table():
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            continue
        out.append(ch)
    return tuple(out)


def _old_none_in(text: str) -> bool:
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        if not t2s_table().keys().isdisjoint(script.outside_gb2312(text)):
            return False
    return not any(ch in text for ch in _old_in_gb2312())


def test_the_characters_are_the_tables_keys():
    assert len(t2s_table()) > 3000
    assert script._traditional() == "".join(t2s_table())
    assert script._in_gb2312() == "".join(_old_in_gb2312())
    assert 0 < len(script._in_gb2312()) < 50


_TABLE = sorted(t2s_table())
_ALPHABET = ("政府信息公开年度报告〇①•ⅰ、，。 \nabc1后麴吒" + "".join(_TABLE[::97]) + "".join(script._in_gb2312())
             + "\u00e9\u0430\u3042\U00020000")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40))
def test_the_same_answers_as_the_table(text):
    assert has_traditional(text) == (not _old_none_in(text))
    assert to_simplified(text) == (text if _old_none_in(text) else text.translate(str.maketrans(t2s_table())))
    expected = [] if _old_none_in(text) else [i for i, ch in enumerate(text) if ch in t2s_table()]
    assert traditional_positions(text) == expected


@needs_shared
def test_the_same_answers_on_the_real_texts():
    files = shared_files("corpus/real/*.txt", "corpus/real-html/*.html")
    assert files
    for f in files:
        text = f.read_bytes().decode("utf-8", "replace")
        for part in [text] + text.split("\n"):
            assert has_traditional(part) == (not _old_none_in(part)), f


_PLAIN = ("<html><head><meta charset='utf-8'><title>某县2021年政府信息公开工作年度报告</title></head><body>"
          "<h1>某县2021年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>本年度共主动公开政府信息12条，其中〇项。</p>"
          "</body></html>")


def test_a_report_without_traditional_characters_never_builds_the_table():
    t2s_table.cache_clear()
    try:
        lint_bytes(_PLAIN.encode("utf-8"), kind="html")
        assert t2s_table.cache_info().currsize == 0
        found = lint_bytes(_PLAIN.replace("情况", "情況").encode("utf-8"), kind="html")
        assert t2s_table.cache_info().currsize == 1
        assert any(d.code == "DL502" for d in found)
    finally:
        t2s_table()  # as the other tests found it
