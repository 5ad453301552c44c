"""engine/few_lines.py (positions of a result without the whole line index) against the index itself,
and resolve_positions with it against resolve_positions on a source whose index is built."""
from __future__ import annotations

import glob
import os

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.engine.diagnostics import Diagnostic, Related, Severity
from disclosure_lint.engine.few_lines import FewLines
from disclosure_lint.engine.results import resolve_positions, unpack
from disclosure_lint.source import Source, Span

SHARED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "real-html")


def _oracle_bounds(src: Source, offset: int) -> tuple[int, int]:
    starts = src.line_starts
    line, _col = src.line_col(offset)
    return starts[line - 1], (starts[line] if line < len(starts) else len(src.text))


def _check(text: str, offsets: list[int]) -> None:
    few = FewLines(text, offsets)
    src = Source(text)
    for o in offsets:
        assert few.line_col(o) == src.line_col(o), (text, o)
        assert few.line_bounds(o) == _oracle_bounds(src, o), (text, o)


TEXTS = ["", "\n", "\r", "\r\n", "a\r\nb\rc\n\r\nd", "\r\r\n\n", "ab\r", "x\ry\n", "长行\r\n第二行\n\n"]


@pytest.mark.parametrize("text", TEXTS)
def test_every_offset_of_small_texts(text):
    _check(text, list(range(-1, len(text) + 2)))


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="ab\r\n长", max_size=40), st.data())
def test_any_text_any_offsets(text, data):
    offsets = data.draw(st.lists(st.integers(-2, len(text) + 2), max_size=8))
    _check(text, offsets)


def _diags(text: str, spans: list[tuple[int, int]]) -> list[Diagnostic]:
    out = []
    for i, (a, b) in enumerate(spans):
        a, b = sorted((a, b))
        rel = [Related(Span(b, min(len(text), b + 3)), "here")] if i % 2 else []
        out.append(Diagnostic("r.html", "DL999", "x", Severity.WARNING, "m", Span(a, b), rel))
    return out


def _same_result(text: str, spans: list[tuple[int, int]]) -> None:
    diags = _diags(text, spans)
    fast = resolve_positions("r.html", Source(text), diags)          # no index built: FewLines
    indexed = Source(text)
    indexed.line_starts  # noqa: B018  (built first: resolve_positions reads the index)
    slow = resolve_positions("r.html", indexed, diags)
    assert fast.positions == slow.positions
    assert {k: unpack(v) for k, v in fast.texts.items()} == {k: unpack(v) for k, v in slow.texts.items()}
    assert {k: (v[0], unpack(v[1]), v[2]) for k, v in fast.frames.items()} == \
        {k: (v[0], unpack(v[1]), v[2]) for k, v in slow.frames.items()}
    assert fast.contexts == slow.contexts


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab\r\n 长", max_size=1200), st.data())
def test_resolve_positions_without_the_index_is_the_same(text, data):
    spans = data.draw(st.lists(st.tuples(st.integers(0, len(text)), st.integers(0, len(text))), max_size=5))
    _same_result(text, spans)


@pytest.mark.skipif(not os.path.isdir(SHARED), reason="needs ../shared")
def test_real_pages_same_results():
    from disclosure_lint.document.parse import parse_source, source_from_bytes
    from disclosure_lint.engine.lint import lint_document
    from disclosure_lint.engine.options import Options

    for f in sorted(glob.glob(os.path.join(SHARED, "*.html"))):
        with open(f, "rb") as fh:
            src = source_from_bytes(fh.read(), f)
        text = src.text
        diags = lint_document(parse_source(Source(text, f), None), Options(select=("ALL",)))
        fast = resolve_positions(f, Source(text, f), diags)
        indexed = Source(text, f)
        indexed.line_starts  # noqa: B018
        slow = resolve_positions(f, indexed, diags)
        assert fast.positions == slow.positions, f
        assert {k: (v[0], unpack(v[1]), v[2]) for k, v in fast.frames.items()} == \
            {k: (v[0], unpack(v[1]), v[2]) for k, v in slow.frames.items()}, f
        # spans all over a real page (long Word lines, \r\n), not only where findings fall
        _check(text, list(range(0, len(text), 997)) + [len(text)])
