"""source.nfkc: the database-free NFKC agrees with unicodedata.normalize("NFKC", ...) everywhere.

The shortcut's premises are checked against the database itself (every character of the easy class),
then the function on every BMP character, on strings around the class's edges, and on random strings.
"""
from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from disclosure_lint.source import nfkc as mod
from disclosure_lint.source.nfkc import nfkc


def _second_of_composition() -> set[str]:
    """Characters that can be the second of a canonical composition (they join the character before)."""
    out = set()
    for cp in range(sys.maxunicode + 1):
        d = unicodedata.decomposition(chr(cp))
        if d and not d.startswith("<"):
            parts = d.split()
            if len(parts) == 2:
                out.add(chr(int(parts[1], 16)))
    # Hangul syllables compose algorithmically (no decomposition entry): medial vowels and final consonants
    out.update(map(chr, range(0x1161, 0x1176)))
    out.update(map(chr, range(0x11A8, 0x11C3)))
    return out


_SECOND = _second_of_composition()
_EASY_CHARS = [chr(cp) for cp in range(0x10000) if mod._EASY.fullmatch(chr(cp))]


def test_the_easy_class_is_what_the_premises_say():
    assert len(_EASY_CHARS) > 20000  # the CJK ideographs are in
    for c in _EASY_CHARS:
        target = mod._WIDE.sub(mod._narrow, c)
        assert len(target) == 1
        assert unicodedata.normalize("NFKC", c) == target, hex(ord(c))
        for x in {c, target}:
            assert unicodedata.combining(x) == 0, hex(ord(x))  # no canonical reordering
            assert x not in _SECOND, hex(ord(x))  # never joins the character before it
        assert unicodedata.decomposition(target) == "", hex(ord(c))  # its own normal form
        if c != target:  # one compatibility mapping, straight to the target
            assert unicodedata.decomposition(c) == f"<wide> {ord(target):04X}", hex(ord(c))


def test_every_bmp_character():
    for cp in range(0x10000):
        c = chr(cp)
        assert nfkc(c) == unicodedata.normalize("NFKC", c), hex(cp)


_EDGE = ("a（一）政府信息公开，１２３　ＡＢｃ、《》“”—·×e\u0301\u3099か\u1100\u1161\u2026①\u00a0\uff5f\ufb01"
         "\uf900\u4dff\u3400\U00020000\u302a\u3030ｶﾞ")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_EDGE), max_size=12) | st.text(max_size=12))
def test_random_strings(s):
    assert nfkc(s) == unicodedata.normalize("NFKC", s)


def test_report_labels_stay_off_the_database_path():
    # What real labels are made of takes the easy path (so the Unicode tables are not faulted in).
    for s in ("（一）政府信息公开工作年度报告", "二、主动公开政府信息情况", "第二十条第（九）项", "本年增/减", "“放管服”—改革　１２"):
        assert mod._EASY.fullmatch(s) is not None
        assert nfkc(s) == unicodedata.normalize("NFKC", s)


def test_a_plain_report_never_asks_the_unicode_database(monkeypatch, tmp_path, capsys):
    # The point of the shortcut: linting a report of ordinary Chinese (CLI, so the report identity's agency
    # names too) does not fault in the unicodedata tables (80-240 KB a process).
    import unicodedata

    from disclosure_lint.cli.main import main
    from disclosure_lint.document import normalize

    asked = []
    real = unicodedata.normalize

    def spy(form, s):
        asked.append(s)
        return real(form, s)

    page = Path(__file__).parent / "fixtures" / "office" / "report-2022.html"
    normalize._label_key_cached.cache_clear()
    monkeypatch.setattr(unicodedata, "normalize", spy)
    try:
        main(["--isolated", "--format", "json", str(page)])
        out = capsys.readouterr().out
    finally:
        normalize._label_key_cached.cache_clear()
    assert '"code"' in out and "DL000" not in out
    assert asked == []
