"""source.new_span (source/_span.c where it was built) makes exactly what Span(start, end) makes, or leaves it
to the class: the same objects, the same errors."""
from __future__ import annotations

import os
import pickle

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint import source
from disclosure_lint.source import Span, new_span

BUILT = new_span is not Span
needs_build = pytest.mark.skipif(
    not BUILT and not os.environ.get("DLINT_REQUIRE_COMPILED"),
    reason="source/_span.c was not built here (no C compiler at install time?): new_span is the class itself")


@needs_build
def test_built_where_ci_requires_it():
    # .ci/run sets DLINT_REQUIRE_COMPILED: there, a build that failed quietly (optional=True) is a failure
    assert BUILT


def _made(f, a, b):
    try:
        s = f(a, b)
    except Exception as exc:  # noqa: BLE001 - the error is compared
        return ("error", type(exc), str(exc))
    return ("span", type(s), s.start, s.end, type(s.start), type(s.end), hash(s), s)


@settings(max_examples=400, deadline=None)
@given(a=st.one_of(st.integers(-5, 2 ** 70), st.booleans(), st.floats(allow_nan=False, width=32), st.none()),
       b=st.one_of(st.integers(-5, 2 ** 70), st.booleans(), st.floats(allow_nan=False, width=32), st.none()))
def test_the_same_as_the_class(a, b):
    assert _made(new_span, a, b) == _made(Span, a, b)


def test_the_same_at_the_edges():
    for a, b in ((0, 0), (0, 1), (5, 5), (2 ** 63 - 1, 2 ** 63 - 1), (2 ** 63, 2 ** 64), (-1, 0), (3, 2), (1, -1),
                 (True, 2), (1.0, 2)):
        assert _made(new_span, a, b) == _made(Span, a, b), (a, b)


def test_a_made_span_is_a_span_in_every_way():
    assert new_span(start=1, end=2) == Span(1, 2) and new_span(1, end=2) == Span(1, 2)
    s = new_span(3, 7)
    assert type(s) is Span and s == Span(3, 7) and len(s) == 4 and s < Span(3, 8)
    assert pickle.loads(pickle.dumps(s)) == s
    with pytest.raises(AttributeError):
        s.start = 1  # frozen, as the class's
    assert s.cover(new_span(1, 2)) == Span(1, 7)


@needs_build
def test_misuse_of_the_compiled_module():
    from disclosure_lint.source import _span

    with pytest.raises(TypeError):
        _span.bind(3)
    with pytest.raises(TypeError):
        _span.bind(int)  # no plain start/end slots
    with pytest.raises(TypeError):
        new_span(1)
    with pytest.raises(TypeError):
        new_span(1, 2, 3)
    class Small:  # slots borrowed from Span: another class's offsets, refused
        __slots__ = ()
        start = Span.__dict__["start"]
        end = Span.__dict__["end"]

    with pytest.raises(TypeError):
        _span.bind(Small)
    _span.bind(Span)  # (bound again: the module stays usable)
    assert new_span(1, 2) == Span(1, 2)


def test_without_the_build_the_class_is_used(monkeypatch):
    monkeypatch.setenv("DLINT_PURE_PYTHON", "1")
    assert source._span_maker() is Span
