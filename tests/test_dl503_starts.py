"""DL503's fast candidate finders (the Python _Starts, and checks/_repeats.c where it was built) must find
exactly the places their reference pattern finds."""
from __future__ import annotations

import os
import random

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.checks import dl503_duplicated_passage as M
from disclosure_lint.checks.dl503_duplicated_passage import _CANDIDATE, MAX_RUN, MIN_RUN, _Listed, _Starts

_BUILT = M._compiled is not None
needs_build = pytest.mark.skipif(
    not _BUILT and not os.environ.get("DLINT_REQUIRE_COMPILED"),
    reason="checks/_repeats.c was not built here (no C compiler at install time?): the Python finder alone is tested")


def _compiled_finder(text: str) -> _Listed:
    return _Listed(M._compiled.starts(text, MIN_RUN, MAX_RUN, 0x4E00, 0x9FFF))


_FINDERS = [_Starts] + ([_compiled_finder] if _BUILT else [])


def _reference(text: str, steps: list[int]) -> list[int]:
    out, i, k = [], 0, 0
    while True:
        m = _CANDIDATE.search(text, i)
        if m is None:
            return out
        out.append(m.start())
        i = m.start() + 1 + steps[k % len(steps)]
        k += 1


def _fast(text: str, steps: list[int], finder=_Starts) -> list[int]:
    starts = finder(text)
    out, i, k = [], 0, 0
    while True:
        p = starts.next(i)
        if p is None:
            return out
        out.append(p)
        i = p + 1 + steps[k % len(steps)]
        k += 1


_ALPHABET = "政府信息公开申请件的是1,。a "


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.tuples(st.text(alphabet=_ALPHABET, max_size=45), st.sampled_from([1, 1, 2, 3])),
                      max_size=8),
       steps=st.lists(st.integers(0, 50), min_size=1, max_size=4))
def test_the_same_places_as_the_pattern(parts, steps):
    text = "".join(s * k for s, k in parts)
    for finder in _FINDERS:
        assert _fast(text, steps, finder) == _reference(text, steps)


def test_the_same_places_on_many_repeats():
    rnd = random.Random(7)
    for alphabet in (_ALPHABET, "哈a", "政府信息公开申请件1,。的是abcdefghij"):
        for _ in range(2000):
            parts = []
            for _ in range(rnd.randint(1, 8)):
                s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 45)))
                parts.append(s * rnd.choice([1, 1, 2, 3]))
            text = "".join(parts)
            for finder in _FINDERS:
                assert _fast(text, [0], finder) == _reference(text, [0])
                assert _fast(text, [17, 3], finder) == _reference(text, [17, 3])
    for finder in _FINDERS:
        found = _fast("本年度共收到申请二十件本年度共收到申请二十件。", [0], finder)
        assert found == [0]  # the test sees a repeat at all


@needs_build
def test_built_where_ci_requires_it():
    # .ci/run sets DLINT_REQUIRE_COMPILED: there, a build that failed quietly (optional=True) is a failure
    assert M._compiled is not None


@needs_build
@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.characters(max_codepoint=0x10FFFF, blacklist_categories=("Cs",)), max_size=120),
       cut=st.integers(0, 60))
def test_the_compiled_finder_on_any_text(text, cut):
    # every width of character (Latin-1, two-byte, four-byte texts), and runs made to repeat
    text = text[:cut] + text[cut:cut + 30] * 2 + text[cut:]
    assert _fast(text, [0], _compiled_finder) == _reference(text, [0])


@needs_build
def test_the_compiled_finder_at_the_edges():
    for text in ("", "政", "政府信息公开申请件" * 2, "政府信息公开申请" * 2, "政府信息公开申" * 2, "a" * 100,
                 "😀政府信息公开申请件😀政府信息公开申请件😀", "政" * 81, "政府" * 41 + "x"):
        assert _fast(text, [0], _compiled_finder) == _reference(text, [0]), text
    assert M._compiled.starts("政府信息公开申请" * 2, MIN_RUN, MAX_RUN, 0x4E00, 0x9FFF) == [0]
    assert M._compiled.starts("政府信息公开申请" * 2, MIN_RUN, MAX_RUN, 0x4E00, 0x4E01) == []  # 政 is outside
    with pytest.raises(ValueError):
        M._compiled.starts("x", 0, 40, 0x4E00, 0x9FFF)
    with pytest.raises(ValueError):
        M._compiled.starts("x", 8, 5000, 0x4E00, 0x9FFF)
    with pytest.raises(TypeError):
        M._compiled.starts(b"x", 8, 40, 0x4E00, 0x9FFF)
    for lo, hi in ((-1, 0x9FFF), (0x4E00, -1), (2 ** 64 + 0x4E00, 0x9FFF), (0x4E00, 0x110000)):
        with pytest.raises((ValueError, OverflowError)):  # never wrapped round into another range
            M._compiled.starts("政府信息公开申请" * 2, 8, 40, lo, hi)


def test_dlint_pure_python_turns_the_builds_off(monkeypatch):
    from disclosure_lint.source.compiled import load

    folder = os.path.dirname(M.__file__)
    monkeypatch.setenv("DLINT_PURE_PYTHON", "1")
    assert load("disclosure_lint.checks", "_repeats", folder) is None
    for value in ("0", ""):
        monkeypatch.setenv("DLINT_PURE_PYTHON", value)
        assert (load("disclosure_lint.checks", "_repeats", folder) is None) == (not _BUILT)


def test_the_rule_finds_the_same_with_either_finder(monkeypatch):
    from disclosure_lint import lint_text

    text = ("<html><body><h1>2023年政府信息公开工作年度报告</h1><p>聚焦新中国成立70周年平潭专场新闻发布会"
            "聚焦新中国成立70周年平潭专场新闻发布会，本年度共收到申请二十件本年度共收到申请二十件。</p></body></html>")

    def found():
        return [(d.span.start, d.span.end, d.message) for d in lint_text(text, kind="html", select=["DL503"])]

    with_build = found()
    assert len(with_build) == 2
    monkeypatch.setattr(M, "USE_COMPILED", False)
    assert found() == with_build
