"""Faster forms of patterns and helpers (issue 17) must find exactly what the plain forms find.

Each test compares a fast form with the plain one it replaced, on random strings drawn from the
characters that matter to the pattern, and on the real pages when ../shared is there.
"""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.checks import dl301_report_year, dl401_prose_table, dl504_missing_number
from disclosure_lint.checks import dl507_invisible_character as dl507
from disclosure_lint.checks._hygiene import units, units_with
from disclosure_lint.document.detect import PERIOD
from disclosure_lint.facts import dates
from disclosure_lint.document.normalize import _DIGITS, ascii_digits
from disclosure_lint.source import _LINE_BREAK, _line_starts

from .conftest import FIXTURES, needs_shared, shared_files

# Sentences real reports write, kept here so the tests see matches without ../shared/.
_WRITTEN = [
    "本报告中所列数据的统计期限自2021年1月1日起至2021年12月31日止。",
    "统计时间为2020年1月1日至2020年12月31日。成文日期：2021年1月25日。",
    "本年度报告中所列数据的统计期限为 2019 年 1 月 1 日至 12 月 31 日，二〇二〇年一月二十日发布。",
]


def _real_texts() -> list[str]:
    """The written sentences, the seeds and real extractions kept in tests/, and up to 20 of ../shared/'s."""
    out = list(_WRITTEN)
    for p in sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "real").glob("*.txt")):
        out.append(p.read_text(encoding="utf-8", errors="replace"))
    for p in shared_files("corpus/real/*.txt")[:20]:
        out.append(p.read_text(encoding="utf-8", errors="replace"))
    return out


def _random(alphabet: str, count: int, size: int, seed: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, size))) for _ in range(count)]


def _same(fast: re.Pattern, plain: re.Pattern, texts) -> None:
    for t in texts:
        a = [(m.span(), m.groups()) for m in fast.finditer(t)]
        b = [(m.span(), m.groups()) for m in plain.finditer(t)]
        assert a == b, t


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab\r\n\x00", max_size=40))
def test_line_starts_as_the_pattern_finds_them(text):
    assert _line_starts(text) == [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="０１２３４５６７８９．－＋，％0a汉，", max_size=40))
def test_ascii_digits_as_translate(text):
    assert ascii_digits(text) == text.translate(_DIGITS)


def test_date_guard_changes_no_match():
    pattern = dates._DATE.pattern
    guard = rf"(?=[\d{dates._CN}])(?:"
    assert pattern.startswith(guard) and pattern.endswith(")")
    plain = re.compile(pattern[len(guard):-1])
    texts = _random("0123456789年月日号底末初中旬上下半份-/. 〇○零一二三四五六七八九十Ｏ", 3000, 80, 1) + _real_texts()
    _same(dates._DATE, plain, texts)
    assert any(dates._DATE.search(t) for t in texts)


def test_period_guard_changes_no_match():
    texts = _random("统计期限时间区自从为 \u3000年1月日2019０", 5000, 60, 2) + _real_texts()
    _same(dl301_report_year._PERIOD, PERIOD, texts)
    assert any(PERIOD.search(t) for t in texts)


_PLAIN_NUMBER = r"(?<![\d.])(\d+)"
_FAST_NUMBER = r"(\d(?<![\d.]\d)\d*)"


def _plain_dl401(pattern: str) -> re.Pattern:
    """The form each DL401 pattern had before its guard or its digit-first start."""
    for guard in ("(?=[涉来自])", "(?=予)"):
        if pattern.startswith(guard):
            return re.compile(pattern[len(guard):])
    if pattern.startswith(_FAST_NUMBER):
        return re.compile(_PLAIN_NUMBER + pattern[len(_FAST_NUMBER):])
    return re.compile(pattern)


_DL401_ALPHABET = "0123456789.件个条份宗起次收到受理申请办结转入至下年度顺延延期涉及自然人予以公开不部分行政复议诉讼同意答复，。 "


def test_dl401_fast_patterns_and_their_needs():
    texts = _random(_DL401_ALPHABET, 4000, 40, 3) + [
        "受理12件申请", "3件申请结转至下年度", "1件结转下年度继续办理", "另有72件申请顺延到下年度答复",
        "涉及自然人5件", "予以公开7件", "收到1份有关政府信息公开行政复议申请", "同意公开答复4件", "对申请的答复总数9件",
    ] + _real_texts()
    for (what, pat), needs in zip(dl401_prose_table.PATTERNS, dl401_prose_table._NEEDS):
        plain = _plain_dl401(pat.pattern)
        _same(pat, plain, texts)
        if needs:
            for t in texts:
                if pat.search(t):
                    assert any(w in t for w in needs), (what, t)
        for t in texts:  # the paragraph gate: no figure, no match
            if pat.search(t):
                assert dl401_prose_table._FIGURE.search(t), (what, t)


def test_dl504_paragraph_gates():
    texts = _random("12３件条个项次，、;；。好的人", 5000, 30, 4) + _real_texts()
    for t in texts:
        for sm in re.finditer(r"[^。！？!?；;]+", t):
            s = sm.group()
            if dl504_missing_number._NUMBERED.search(s):
                assert dl504_missing_number._NUMBERED_SOMEWHERE.search(t)
            if dl504_missing_number._BARE.search(s):
                assert dl504_missing_number._BARE_SOMEWHERE.search(t)


def test_dl507_split_search_as_the_whole_pattern():
    alphabet = ["\u200b", "\u200d", "\u00ad", "\ufeff", "&#8203;", "&zwj;", "&shy;", "&#x200B;", "&amp;", "&", "a", "汉", "<p>"]
    rnd = random.Random(5)
    for _ in range(3000):
        text = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 12)))
        fast = sorted([m.span() for m in dl507._ZW_REF.finditer(text)] + [m.span() for m in dl507._ZW_CHAR.finditer(text)])
        assert fast == [m.span() for m in dl507._ZW.finditer(text)], text


def test_units_with_keeps_the_units_that_hold_a_character():
    from disclosure_lint import parse_text

    doc = parse_text("一、总体情况\n本年度(新)收到申请12件; 其中网上申请3件。\n二、主动公开\n无\n"
                     "项目|数量\n收到(申请)|12\n办结|1,2\n", kind="text")
    for chars in ("(", ",;:?!(", " ", "０"):
        assert units_with(doc, chars) == [u for u in units(doc) if any(ch in u[0].text for ch in chars)]
    assert units_with(doc, "(")  # the test sees a unit at all


@needs_shared
def test_units_with_on_real_pages():
    from disclosure_lint.document.parse import parse_bytes

    pages = shared_files("corpus/real-html/*.html")[:4]
    assert pages
    for p in pages:
        doc = parse_bytes(p.read_bytes(), None, "html")
        for chars in ("(", ",;:?!(", " "):
            assert units_with(doc, chars) == [u for u in units(doc) if any(ch in u[0].text for ch in chars)]


def test_traditional_check_through_gb2312_as_the_table():
    from disclosure_lint.facts.script import _in_gb2312, _none_in, t2s_table

    keys = t2s_table().keys()
    if not keys:
        pytest.skip("no conversion table")
    chars = list(keys)[:300] + list(_in_gb2312()) + ["\u3000", "a"]
    rnd = random.Random(6)
    plain = "的是政府信息公开年报告abc123"
    for _ in range(5000):
        text = "".join(rnd.choice(chars) if rnd.random() < 0.05 else rnd.choice(plain) for _ in range(rnd.randint(0, 30)))
        assert _none_in(text) == keys.isdisjoint(text), text
    assert not _none_in("政府信息公开後")  # a traditional character GB2312 also has


def test_entry_point_scan_as_importlib_metadata(tmp_path):
    import json
    import os
    import subprocess
    import sys

    from disclosure_lint.engine.registry import ENTRY_POINT_GROUP

    def dist(dirname, text, name):
        d = tmp_path / dirname
        d.mkdir()
        (d / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1\n")
        if text is not None:
            (d / "entry_points.txt").write_text(text)

    group = f"[{ENTRY_POINT_GROUP}]\n"
    dist("one_plugin-0.1.dist-info", "# a comment\n[console_scripts]\nx = y:z\n" + group + "one = one_mod:rules\n", "one-plugin")
    dist("One.Plugin-0.2.dist-info", group + "shadowed = other_mod\n", "One.Plugin")  # the same name: first wins
    dist("two-1.0.egg-info", group + " two = two_mod.sub : attr [extra] \n\n", "two")
    dist("three-1.0.dist-info", None, "three")
    # A fresh interpreter: a library imported by other tests may add a distribution finder of its own
    # (then the scan rightly leaves the answer to importlib.metadata).
    code = ("import json; from importlib.metadata import entry_points; "
            "from disclosure_lint.engine.registry import _scan_entry_points, ENTRY_POINT_GROUP as G; "
            "fast = _scan_entry_points(); "
            "print(json.dumps([None if fast is None else [[e.name, e.value] for e in fast], "
            "[[e.name, e.value] for e in entry_points(group=G)]]))")
    src = str(Path(__file__).resolve().parents[1] / "src")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), src]))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=120)
    fast, slow = json.loads(out.stdout)
    assert fast is not None, out.stderr
    assert fast == slow
    assert ["two", "two_mod.sub : attr [extra]"] in fast
    assert (["one", "one_mod:rules"] in fast) != (["shadowed", "other_mod"] in fast)  # the first in listing order


def test_scanned_entry_point_loads_like_importlib(tmp_path, monkeypatch):
    from disclosure_lint.engine.registry import _EntryPoint

    (tmp_path / "ep_probe_mod.py").write_text("class A:\n    class B:\n        value = 7\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert _EntryPoint("x", "ep_probe_mod : A.B [extra]").load().value == 7
    assert _EntryPoint("x", "ep_probe_mod").load().__name__ == "ep_probe_mod"


@given(st.text(alphabet="占，,%；1件a ", max_size=40))
def test_segment_length_without_share_is_the_pattern_s(seg):
    from disclosure_lint.facts.breakdowns import _length_without_share

    seg = seg.replace("；", "")  # a segment lies between two ；
    assert _length_without_share(seg) == len(re.sub(r"[，,]?占[^；]*%", "", seg))
