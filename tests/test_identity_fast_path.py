"""Speed work (issue 17): ``arith.all_hold``, the check that every identity holds in whole numbers, against
the full evaluation it lets ``identity_findings`` skip.

The oracle is the full path: ``identity_findings`` with ``all_hold`` forced to False (every instance made,
evaluated and classified, as before the shortcut). The findings must be the same on the examples, the
synthetic reports (consistent and with planted defects), every real page, and tables whose cells are
changed one at a time (another whole number, a decimal, a blank, a missing cell).
"""
from __future__ import annotations

import dataclasses
from decimal import Decimal
import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.document import Blank, Number
from disclosure_lint.document.parse import parse_bytes
from disclosure_lint.engine.context import Context
from disclosure_lint.engine.options import Options
from disclosure_lint.facts import arith, identity_report
from disclosure_lint.i18n import use_language
from disclosure_lint.tools.synth import ReportSpec, render_html

from .conftest import ROOT, shared_files


def _full(ctx) -> list:
    """identity_findings by the full evaluation (the shortcut switched off)."""
    real = arith.all_hold
    arith.all_hold = lambda views, edition: False
    try:
        return identity_report.identity_findings(ctx)
    finally:
        arith.all_hold = real


def _same(ctx) -> bool:
    with use_language("en"):
        fast = identity_report.identity_findings(ctx)
        full = _full(ctx)
    assert fast == full
    if arith.all_hold(ctx.tables, ctx.edition):  # sound: when it says so, every instance holds
        assert all(i.status == "ok" for i in arith.evaluate(ctx.tables, ctx.edition))
    return arith.all_hold(ctx.tables, ctx.edition)


def _ctx(data: bytes, path: str, kind: str | None = None) -> Context:
    return Context(parse_bytes(data, path, kind), Options())


_PLANTS = [{}, {"t3": ("open", "natural", 1)}, {"t3": ("deny_3", "legal", -2)}, {"t4": ("review", "upheld", 1)},
           {"t3": ("new", "total", 5)}, {"t3": ("carry_next", "other", 1)}]


def _synthetic() -> list[Context]:
    out = []
    for i, plant in enumerate(_PLANTS):
        html = render_html(ReportSpec(year=2019 + i % 4, seed=i, plant=plant))
        out.append(_ctx(html.encode("utf-8"), f"synth{i}.html", "html"))
    return out


def test_synthetic_reports():
    held = [_same(ctx) for ctx in _synthetic()]
    assert held[0] and not all(held)  # the consistent report takes the shortcut; a planted defect does not


def test_examples():
    for p in sorted((ROOT / "examples").glob("*.*")):
        if p.suffix in (".html", ".txt"):
            _same(_ctx(p.read_bytes(), str(p)))


def test_real_pages():
    pages = shared_files("corpus/real-html/*.html") + shared_files("corpus/real/*.txt")
    if not pages:
        pytest.skip("../shared/ is not present")
    held = [_same(_ctx(p.read_bytes(), str(p))) for p in pages]
    assert any(held)


def _table_cells(ctx):
    return [(name, key) for name, view in sorted(ctx.tables.items()) for key in sorted(view.cells)]


_BASE = _synthetic()[0]
_CELLS = _table_cells(_BASE)
_HTML = render_html(ReportSpec(year=2019, seed=0)).encode("utf-8")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_CELLS) - 1),
                          st.sampled_from(["plus", "minus", "decimal", "blank", "drop", "swap", "big"])),
                min_size=1, max_size=3))
def test_changed_cells(changes):
    ctx = _ctx(_HTML, "synth.html", "html")
    for k, how in changes:
        name, key = _CELLS[k]
        view = ctx.tables[name]
        cell = view.cells.get(key)
        if cell is None:
            continue
        v = cell.value
        if how == "drop":
            del view.cells[key]
            continue
        if not isinstance(v, Number):
            continue
        if how == "plus":
            cell.value = dataclasses.replace(v, value=v.value + 1)
        elif how == "minus":
            cell.value = dataclasses.replace(v, value=v.value - 1)
        elif how == "decimal":
            cell.value = dataclasses.replace(v, value=Decimal(v.value) + Decimal("0.5"))
        elif how == "big":
            cell.value = dataclasses.replace(v, value=10 ** 19)
        elif how == "swap":  # the same whole number as a Decimal: for the full evaluation to read
            cell.value = dataclasses.replace(v, value=Decimal(v.value))
        else:
            cell.value = Blank(v.span)
    _same(ctx)



def test_missing_row_goes_to_the_full_evaluation():
    """A table 3 without its 二、上年结转 row, whose 本年新收 is far above what the other side can hold:
    the column identity is broken whatever the missing row holds ("bound"), which only the full
    evaluation says; the row identities still hold."""
    ctx = _ctx(_HTML, "synth.html", "html")
    view = ctx.tables["table3"]
    assert "carried" in view.rows
    del view.rows["carried"]
    view.row_order.remove("carried")
    for key in [k for k in view.cells if k[0] == "carried"]:
        del view.cells[key]
    for col in ("natural", "total"):
        cell = view.cells[("new", col)]
        cell.value = dataclasses.replace(cell.value, value=cell.value.value + 10 ** 6)
    assert not _same(ctx)
    with use_language("en"):
        assert any(f.code == "DL202" for f in identity_report.identity_findings(ctx))
