"""What a worker sends back (cli/wire.py) must arrive as pickle delivered it before: the same objects,
the same fields and values, the same sharing. The oracle is plain pickle (what ``Connection.send`` did);
both round trips are compared field by field on the fixtures, every real page when ../shared is there,
hypothesis-drawn reports and hypothesis-drawn results (pages of a PDF, fixes, related places)."""
from __future__ import annotations

import dataclasses
import pickle
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.cli import wire
from disclosure_lint.cli.args import _parser_check
from disclosure_lint.cli.jobs import died, gave_up
from disclosure_lint.cli.main import lint_one
from disclosure_lint.corpus.identity import ReportIdentity
from disclosure_lint.corpus.summary import CellFact, Loc, ReportSummary, Unit
from disclosure_lint.engine.diagnostics import Diagnostic, Edit, Fix, Related, Severity
from disclosure_lint.engine.results import FileResult, KnownLine, Position, pack
from disclosure_lint.source import Span
from disclosure_lint.tools.synth import ReportSpec, render_html

from .conftest import FIXTURES, needs_shared, shared_files

_ATOMS = (str, int, float, bool, type(None))


def same(a, b, path: str = "result", seen: dict | None = None) -> None:
    """*a* and *b* alike field by field (every field, those ``==`` skips too), and shared alike: an
    object met again in *a* is met again, as the same object, at the same place in *b*."""
    seen = {} if seen is None else seen
    assert type(a) is type(b), f"{path}: {type(a).__name__} vs {type(b).__name__}"
    if isinstance(a, _ATOMS) or isinstance(a, Severity):
        assert a == b, f"{path}: {a!r} != {b!r}"
        return
    if id(a) in seen:
        assert seen[id(a)] is b, f"{path}: shared in one, not in the other"
        return
    seen[id(a)] = b
    if dataclasses.is_dataclass(a) and hasattr(a, "__dict__"):
        assert list(vars(a)) == list(vars(b)), f"{path}: fields {list(vars(a))} vs {list(vars(b))}"
        for k in vars(a):
            same(getattr(a, k), getattr(b, k), f"{path}.{k}", seen)
    elif hasattr(type(a), "__slots__") and not isinstance(a, (tuple, bytes)):
        for k in type(a).__slots__:
            assert hasattr(a, k) == hasattr(b, k), f"{path}.{k}: set in one only"
            if hasattr(a, k):
                same(getattr(a, k), getattr(b, k), f"{path}.{k}", seen)
    elif isinstance(a, dict):
        assert list(a) == list(b), f"{path}: keys {list(a)} vs {list(b)}"
        for (ka, va), (kb, vb) in zip(a.items(), b.items()):
            same(ka, kb, f"{path} key", seen)
            same(va, vb, f"{path}[{ka!r}]", seen)
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), f"{path}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]", seen)
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


def check(res, packed: bool = True) -> None:
    """The wire's round trip of *res* is pickle's; *packed*: in the packed form (not pickle's fallback)."""
    data = wire.dumps((7, res))
    if packed:
        wire._pack_result(res)  # raises when the result would go as pickle sends it
    assert (b"_result" in data) == packed
    same(pickle.loads(pickle.dumps((7, res), pickle.HIGHEST_PROTOCOL)), wire.loads(data))


def _cli() -> dict:
    a = _parser_check().parse_args(["--isolated", "x"])
    return {"select": a.select, "extend_select": a.extend_select, "ignore": a.ignore, "fail_on": a.fail_on,
            "edition": a.edition, "year": a.year, "agency_level": a.agency_level, "kind": a.kind, "lang": a.lang}


def lint(path, summarise: bool):
    return lint_one(str(path), _cli(), None, True, None, summarise)


def test_the_packed_form_carries_every_field_of_today_s_classes():
    # a field added to FileResult, Diagnostic, Related, Position, the summary's classes: wire.py must learn it
    assert wire.FAST


FILES = sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "real").glob("*.html")) + \
    sorted((FIXTURES / "real").glob("*.txt")) + sorted((FIXTURES / "office").glob("*.*")) + \
    sorted((FIXTURES.parent.parent / "examples").glob("*-20*.*"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
@pytest.mark.parametrize("summarise", [True, False])
def test_fixtures_arrive_as_pickle_delivered_them(path, summarise):
    res = lint(path, summarise)
    check(res)
    if summarise:
        assert res.summary is not None or path.suffix in (".pdf", ".docx")


def test_the_places_of_a_pdf_and_a_docx_arrive():
    pdf = lint(FIXTURES / "office" / "report-2022.pdf", True)
    assert any(p.page for a, b in pdf.positions.values() for p in (a, b))
    docx = lint(FIXTURES / "office" / "report-2022.docx", True)
    assert docx.locations
    check(pdf)
    check(docx)


@needs_shared
def test_every_real_page_arrives_as_pickle_delivered_it():
    files = shared_files("corpus/real-html/*.html", "corpus/real/*.txt")
    assert files
    for p in files:
        check(lint(p, True))


@settings(max_examples=12, deadline=None)
@given(st.integers(0, 10_000), st.sampled_from([2019, 2020, 2021, 2022]), st.booleans(),
       st.sampled_from([{}, {"t3": ("open", "natural", 1)}, {"t3": ("total", "total", 2)}]))
def test_drawn_reports_arrive_as_pickle_delivered_them(seed, year, word, plant):
    html = render_html(ReportSpec(year=year, seed=seed, word=word, plant=dict(plant)))
    with tempfile.TemporaryDirectory() as tmp:
        p = Path(tmp) / "r.html"
        p.write_text(html, encoding="utf-8")
        check(lint(p, True))
        check(lint(p, False))


# ---- drawn results: every field the packed form carries, with values the fixtures may not have -------

_text = st.text(alphabet=st.sampled_from("本年新收结转下年度件0123456789 \n<>/ab"), max_size=30)
_opt_text = st.none() | _text
_int = st.integers(0, 70_000)


@st.composite
def spans(draw):
    a = draw(_int)
    return Span(a, a + draw(st.integers(0, 300)))


@st.composite
def locs(draw):
    frame = draw(st.text(max_size=300))
    loc = Loc(draw(_int), draw(_int), draw(_int), draw(_int), draw(_int), draw(_int), frame, draw(_int))
    if draw(st.booleans()):
        loc._frame, loc._off = pack("x" * 250 + frame), 250  # a window in a shared stream
    return loc


@st.composite
def results(draw):
    span_pool = draw(st.lists(spans(), min_size=1, max_size=6))
    span = st.sampled_from(span_pool)
    related = st.builds(Related, span, _text, st.none() | st.just("other.html"))
    fix = st.none() | st.builds(Fix, st.tuples(st.builds(Edit, span, _text)), st.booleans())
    diags = draw(st.lists(st.builds(Diagnostic, st.just("r.html"), st.sampled_from(["DL201", "DL601", "DL000"]),
                                    _text, st.sampled_from(list(Severity)), _text, span,
                                    st.lists(related, max_size=3), _opt_text, fix, st.none(), _int), max_size=5))
    res = FileResult("r.html", diags)
    position = st.builds(Position, _int, _int, _int, st.none() | _int, st.none() | _int)
    for s in draw(st.lists(span, max_size=6)):
        res.positions[s] = (draw(position), draw(position))
        res.texts[s] = draw(st.sampled_from([draw(_text), pack("长" * 300)]))
        res.contexts[s] = (draw(_text), draw(_text))
        res.frames[s] = (draw(_int), draw(_text), draw(_int))
    for n in draw(st.lists(_int, max_size=3)):
        known = res.lines[n] = KnownLine(draw(_int))
        known.lay_many([(draw(_int), draw(_text)) for _ in range(draw(st.integers(0, 3)))])
    res.error = draw(_opt_text)
    res.report = {"agency": draw(_text), "year": draw(st.none() | _int)}
    if draw(st.booleans()):
        ident = ReportIdentity(draw(_text), draw(_text), "government", draw(st.none() | _int), "title", None,
                               "annual-report", "high", [("title", draw(_text))], [draw(_text)])
        cell = st.builds(CellFact, st.sampled_from(["number", "blank", "na", "text"]), _opt_text, locs(), _text)
        s = ReportSummary("r.html", ident, draw(locs()), draw(_opt_text),
                          draw(st.dictionaries(_text, cell, max_size=4)),
                          draw(st.dictionaries(_text, st.dictionaries(_text, cell, max_size=2), max_size=2)),
                          draw(st.lists(st.builds(Unit, _text, st.lists(_text).map(tuple), st.booleans(), locs()),
                                        max_size=4)),
                          [(("DL6",), draw(_int), draw(_int))])
        res.summary = s
    return res


@settings(max_examples=150, deadline=None)
@given(results())
def test_drawn_results_arrive_as_pickle_delivered_them(res):
    check(res)


# ---- what the packed form does not carry goes as pickle sends it -----------------------------------

def test_results_it_does_not_know_go_as_pickle_sends_them(tmp_path):
    res = lint(FIXTURES.parent.parent / "examples" / "defects-2022.html", True)
    assert res.diagnostics and res.summary is not None
    res.other_positions[("other.html", Span(0, 1))] = (Position(1, 1, 0), Position(1, 2, 1))  # corpus stage's
    check(res, packed=False)
    res.other_positions.clear()
    res.extra = 1  # an attribute that is no field
    check(res, packed=False)
    del res.extra
    res.diagnostics[0].source = object  # a diagnostic that still holds its source (never sent by a lint)
    check(res, packed=False)
    res.diagnostics[0].source = None
    del res.summary.units[0].loc._off  # a place with a slot never set
    check(res, packed=False)
    for r in (gave_up("a.html", 3.0), died("b.html", "exit status 9"), FileResult("c.html", [], error="cannot read")):
        check(r)
    check(("any", "object", Span(1, 2)), packed=False)
