"""The identity evaluator made its instances' terms lazily and sums ints (issue 17): it must classify
every instance exactly as the plain evaluator it replaced, kept here as the reference.

The tables are real ones (tests/fixtures and, when present, ../shared/), their cells replaced by
hypothesis with numbers (small, huge, decimal), blanks, "—" and text.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

from hypothesis import given, settings, strategies as st

from disclosure_lint.document import Blank, NotApplicable, Number, TextValue
from disclosure_lint.document.parse import parse_bytes
from disclosure_lint.document.tables import missing_rows
from disclosure_lint.engine.context import Context
from disclosure_lint.facts import arith
from disclosure_lint.facts.arith import Term, _expand, _names, _num
from disclosure_lint.i18n import _, use_language

from .conftest import FIXTURES, shared_files


# ---- the reference: the evaluator as it was, one Term per cell made at once, Decimal sums ----

@dataclass
class _Instance:
    code: str
    description: str
    where: str
    lhs: list
    rhs: list
    status: str = "ok"
    diff: Decimal = Decimal(0)
    blanks: list = field(default_factory=list)
    missing: list = field(default_factory=list)

    @property
    def terms(self):
        return self.lhs + self.rhs


def _ref_instances(identity, view, schema):
    rows, cols = _names(schema)
    out = []
    each = identity.get("each", "row")
    cell_of = view.cells.get
    description = None

    def terms(refs, coef, name_of):
        out = []
        for ref in refs:
            cell = cell_of(ref)
            if cell is None:
                return None
            out.append(Term(ref, cell, coef, name_of(*ref)))
        return out

    def build(where, lhs_refs, rhs_refs, name_of, partial=False):
        nonlocal description
        lhs = terms(lhs_refs, 1, name_of)
        rhs = terms(rhs_refs, -1, name_of) if lhs is not None else None
        if lhs is None or rhs is None or not (lhs and rhs) and not partial or not (lhs or rhs):
            return None
        if description is None:
            description = _(identity.get("description", ""))
        return _Instance(identity["code"], description, where(), lhs, rhs)

    if each == "row":
        for r in view.row_order:
            inst = build(lambda: _("row “{row}”", row=rows.get(r, r)), [(r, c) for c in identity["lhs"]],
                         [(r, c) for c in identity["rhs"]], lambda _r, c: cols.get(c, c))
            if inst:
                out.append(inst)
    elif each == "column":
        missing = set(missing_rows(view, schema))
        schema_keys = [r["key"] for r in schema.get("rows", [])]
        lost = [(k, 1) for k in _expand(identity["lhs"], schema_keys) if k in missing]
        lost += [(k, -1) for k in _expand(identity["rhs"], schema_keys) if k in missing]
        lhs_rows = [r for r in _expand(identity["lhs"], view.row_order) if r not in missing]
        rhs_rows = [r for r in _expand(identity["rhs"], view.row_order) if (r in view.rows or "*" not in r)
                    and r not in missing]
        rhs_rows = [r for r in rhs_rows if r not in lhs_rows or identity["lhs"] == identity["rhs"]]
        for c in view.columns:
            inst = build(lambda: _("column “{column}”", column=cols.get(c, c)), [(r, c) for r in lhs_rows],
                         [(r, c) for r in rhs_rows], lambda r, _c: rows.get(r, r), bool(lost))
            if inst:
                inst.missing = [(rows.get(k, k), coef) for k, coef in lost]
                out.append(inst)
    elif each == "group":
        for g in view.groups:
            inst = build(lambda: f"“{dict(zip(schema['groups'], schema.get('group_labels', schema['groups']))).get(g, g)}”",
                         [("data", f"{g}.{c}") for c in identity["lhs"]],
                         [("data", f"{g}.{c}") for c in identity["rhs"]], lambda _r, c: cols.get(c, c))
            if inst:
                out.append(inst)
    return out


def _ref_bound_broken(inst) -> bool:
    known = [t for t in inst.terms if isinstance(t.cell.value, Number)]
    if any(_num(t.cell) < 0 for t in known):
        return False
    blank_sides = {t.coef for t in inst.blanks} | {coef for _, coef in inst.missing}
    if len(blank_sides) != 1:
        return False
    side = blank_sides.pop()
    if not any(t.coef != side for t in known):
        return False
    full = sum((_num(t.cell) for t in known if t.coef != side), Decimal(0))
    partial = sum((_num(t.cell) for t in known if t.coef == side), Decimal(0))
    return full < partial


_READ = frozenset((Number, Blank, NotApplicable))


def _ref_evaluate(views, edition):
    out = []
    if edition is None:
        return out
    for identity in edition.identities:
        view = views.get(identity.get("table"))
        if view is None:
            continue
        schema = edition.tables.get(identity["table"], {})
        for inst in _ref_instances(identity, view, schema):
            kinds = {type(t.cell.value) for t in inst.terms}
            if not kinds <= _READ:
                inst.status = "text"
            elif inst.missing or kinds != frozenset((Number,)):
                inst.blanks = [t for t in inst.terms if not isinstance(t.cell.value, Number)]
                inst.status = "blank" if len(inst.blanks) < len(inst.terms) else "ok"
                if inst.missing:
                    inst.status = "missing"
                if inst.status in ("blank", "missing") and _ref_bound_broken(inst):
                    inst.status = "bound"
            else:
                inst.diff = sum((_num(t.cell) * t.coef for t in inst.terms), Decimal(0))
                inst.status = "fail" if inst.diff != 0 else "ok"
            out.append(inst)
    return out


# ---- the comparison ----

def _pages() -> list[Context]:
    paths = sorted((FIXTURES / "real").glob("*.html")) + sorted((FIXTURES / "real").glob("*.txt"))
    paths += shared_files("corpus/real-html/*.html")[:6] + shared_files("corpus/real/*.txt")[:4]
    out = []
    for p in paths:
        ctx = Context(parse_bytes(p.read_bytes(), str(p), "html" if p.suffix == ".html" else "text"))
        try:
            if ctx.edition is not None and ctx.tables:
                out.append(ctx)
        except Exception:
            continue
    return out


_CTXS = _pages()


def _shape(inst) -> tuple:
    terms = [(t.ref, id(t.cell), t.coef, t.name) for t in inst.terms]
    return (inst.code, inst.description, inst.where, terms, [(t.ref, t.coef) for t in inst.lhs],
            [(t.ref, t.coef) for t in inst.rhs], inst.status, inst.diff, str(inst.diff),
            [(t.ref, id(t.cell)) for t in inst.blanks], inst.missing)


def _same(views, edition) -> None:
    with use_language("en"):
        new = [_shape(i) for i in arith.evaluate(views, edition)]
        old = [_shape(i) for i in _ref_evaluate(views, edition)]
    assert new == old


def test_real_tables_as_the_reference():
    assert _CTXS, "no page with matched tables: the test would compare nothing"
    for ctx in _CTXS:
        _same(ctx.tables, ctx.edition)
        with use_language("zh"):
            assert [(i.where, i.status) for i in arith.evaluate(ctx.tables, ctx.edition)] == \
                [(i.where, i.status) for i in _ref_evaluate(ctx.tables, ctx.edition)]


_values = st.one_of(
    st.integers(-3, 40).map(lambda v: ("n", v)),
    st.integers(-10 ** 30, 10 ** 30).map(lambda v: ("n", v)),
    st.sampled_from([10 ** 18 - 1, 10 ** 18, -10 ** 18, 10 ** 27 + 1, 10 ** 28 + 7]).map(lambda v: ("n", v)),
    st.decimals(allow_nan=False, allow_infinity=False, places=2, min_value=-1000, max_value=10 ** 12)
    .map(lambda v: ("n", v)),
    st.just(("blank", None)), st.just(("na", None)), st.just(("text", None)), st.just(("drop", None)),
)


@settings(max_examples=150, deadline=None)
@given(page=st.integers(0, 100), changes=st.lists(st.tuples(st.integers(0, 10 ** 6), _values), max_size=25))
def test_mutated_tables_as_the_reference(page, changes):
    ctx = _CTXS[page % len(_CTXS)]
    views = {k: copy.copy(v) for k, v in ctx.tables.items()}
    for v in views.values():
        v.cells = dict(v.cells)
    for where, (kind, value) in changes:
        view = list(views.values())[where % len(views)]
        if not view.cells:
            continue
        keys = list(view.cells)
        key = keys[where % len(keys)]
        cell = view.cells[key]
        span = cell.span
        if kind == "drop":
            del view.cells[key]
            continue
        new = {"n": lambda: Number(value, span), "blank": lambda: Blank(span),
               "na": lambda: NotApplicable(span, "—"), "text": lambda: TextValue(span, "x")}[kind]()
        view.cells[key] = replace(cell, value=new)
    _same(views, ctx.edition)


def test_instance_names_keep_the_language_they_were_made_in():
    ctx = next(c for c in _CTXS if "table3" in c.tables)
    with use_language("zh"):
        new = arith.evaluate(ctx.tables, ctx.edition)
        old = [i.where for i in _ref_evaluate(ctx.tables, ctx.edition)]
    with use_language("en"):  # read later, in another language: still the language they were made in
        assert [i.where for i in new] == old
        assert old != [i.where for i in _ref_evaluate(ctx.tables, ctx.edition)]  # the languages differ
