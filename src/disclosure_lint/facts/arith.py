"""One evaluator for the identities the edition files declare (the 勾稽关系).

Each identity is instantiated over the rows, columns or groups of a matched table
(:mod:`tables`), evaluated in exact arithmetic, and classified: holds, fails, or
cannot run (a cell is blank, not applicable or text — blank is not zero).
:mod:`.identity_report` turns the instances into findings.
"""
from __future__ import annotations

import fnmatch
from ..source.dataclass_cache import dataclass  # dataclasses.dataclass, its code cached
from decimal import Decimal
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, is_

from ..document import Blank, Cell, NotApplicable, Number
from ..source.re_cache import compile_re
from ..i18n import _, get_language, use_language
from ..document.tables import TableView, missing_rows

__all__ = ["Instance", "evaluate", "all_hold", "UNCHECKED"]

UNCHECKED = "DL010"  # an identity that could not be checked because cells were blank


@dataclass(slots=True)
class Term:
    ref: tuple[str, str]
    cell: Cell
    coef: int          # +1 on the left side, -1 on the right
    name: str


_ZERO = Decimal(0)  # immutable: one for every instance that holds


class Instance:
    """One identity over one row, column or group: its cells, then what evaluating it found.

    Its terms (a cell with its side and name) are made when first asked for: most instances hold, and
    for them the cells alone are read."""

    __slots__ = ("code", "description", "_where", "status", "diff", "blanks", "missing", "refs", "cells", "names",
                 "n_lhs", "_lhs", "_rhs")

    def __init__(self, code: str, description: str, where, refs: list, cells: list, names: list, n_lhs: int):
        self.code = code
        self.description = description
        self._where = where                      # a str, or (language, a function that makes it)
        self.refs = refs                         # (row key, column key) of each cell, the left side first
        self.cells = cells
        self.names = names
        self.n_lhs = n_lhs                       # how many of them are on the left side
        self.status = "ok"                       # ok, fail, blank, text, missing, bound
        self.diff = _ZERO                        # lhs - rhs
        self.blanks: list[Term] = []
        self.missing: list[tuple[str, int]] = []  # (row name, side) of rows the table lacks
        self._lhs: list[Term] | None = None
        self._rhs: list[Term] | None = None

    @property
    def where(self) -> str:
        """“row 一、本年新收…” / “column 自然人”: made (in the language active when the instance was) when
        first read, since most instances hold and are never named."""
        w = self._where
        if not isinstance(w, str):
            lang, make = w
            with use_language(lang):
                w = self._where = make()
        return w

    def _make_terms(self) -> None:
        n = self.n_lhs
        terms = [Term(ref, c, 1 if k < n else -1, name)
                 for k, (ref, c, name) in enumerate(zip(self.refs, self.cells, self.names))]
        self._lhs, self._rhs = terms[:n], terms[n:]

    @property
    def lhs(self) -> list[Term]:
        if self._lhs is None:
            self._make_terms()
        return self._lhs

    @property
    def rhs(self) -> list[Term]:
        if self._rhs is None:
            self._make_terms()
        return self._rhs

    @property
    def terms(self) -> list[Term]:
        return self.lhs + self.rhs

    def arithmetic(self) -> str:
        def side(ts):
            return " + ".join(_fmt(t.cell) for t in ts)
        lsum = sum(_num(t.cell) for t in self.lhs)
        rsum = sum(_num(t.cell) for t in self.rhs)
        if len(self.lhs) == 1:
            return f"{self.lhs[0].name} {_fmt(self.lhs[0].cell)} ≠ {side(self.rhs)} = {_plain(rsum)}"
        return f"{side(self.lhs)} = {_plain(lsum)} ≠ {side(self.rhs)} = {_plain(rsum)}"


def _num(cell: Cell) -> Decimal:
    v = cell.value
    return Decimal(v.value) if isinstance(v, Number) else Decimal(0)


def _plain(d: Decimal) -> str:
    return str(int(d)) if d == d.to_integral_value() else str(d.normalize())


def _fmt(cell: Cell) -> str:
    v = cell.value
    if isinstance(v, Number):
        return _plain(Decimal(v.value))
    if isinstance(v, Blank):
        return _("(blank)")
    if isinstance(v, NotApplicable):
        return v.raw or "—"
    return repr(cell.text)


def _expand(patterns: list[str], keys: list[str]) -> list[str]:
    return list(_expand_cached(tuple(patterns), tuple(keys)))


@lru_cache(maxsize=None)
def _glob(pattern: str):
    """``fnmatch.fnmatchcase(name, pattern)`` is ``_glob(pattern)(name) is not None``: its regex compiled
    through the shipped cache (fnmatch compiles it with re's pure-Python compiler)."""
    return compile_re(fnmatch.translate(pattern)).match


@lru_cache(maxsize=512)  # the same schema keys and row orders come back for every report
def _expand_cached(patterns: tuple[str, ...], keys: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for p in patterns:
        if any(ch in p for ch in "*?["):
            match = _glob(p)
            out.extend(k for k in keys if match(k) is not None)
        else:
            out.append(p)
    return tuple(out)


def _names(schema: dict) -> tuple[dict, dict]:
    rows = {r["key"]: r["label"] for r in schema.get("rows", [])}
    cols = dict(zip(schema.get("columns", []), schema.get("column_labels", schema.get("columns", []))))
    if "groups" in schema:
        for g, gl in zip(schema["groups"], schema.get("group_labels", schema["groups"])):
            for c, cl in zip(schema["columns"], schema.get("column_labels", schema["columns"])):
                cols[f"{g}.{c}"] = f"{gl}{cl}"
    return rows, cols


def _column_rows(identity: dict, view: TableView, schema: dict) -> tuple[list, list[str], list[str]]:
    """A column identity's rows: (row the table lacks, side) for each of its rows the schema has and the
    table lacks, then the rows of its left and right sides that the table has."""
    # A row the schema has and the table lacks is unknown, like a blank cell (DL105 reports the row).
    missing = set(missing_rows(view, schema))
    schema_keys = [r["key"] for r in schema.get("rows", [])]
    lost = [(k, 1) for k in _expand(identity["lhs"], schema_keys) if k in missing]
    lost += [(k, -1) for k in _expand(identity["rhs"], schema_keys) if k in missing]
    lhs_rows = [r for r in _expand(identity["lhs"], view.row_order) if r not in missing]
    rhs_rows = [r for r in _expand(identity["rhs"], view.row_order) if (r in view.rows or "*" not in r)
                and r not in missing]
    rhs_rows = [r for r in rhs_rows if r not in lhs_rows or identity["lhs"] == identity["rhs"]]
    return lost, lhs_rows, rhs_rows


def _instances(identity: dict, view: TableView, schema: dict, names: tuple[dict, dict] | None = None
               ) -> list[Instance]:
    """The instances of *identity* over *view*, in row, column or group order. A term's name depends
    on the identity only (the column in a row identity, the row in a column one): named once, not per
    instance; a missing cell drops the instance before any term is made."""
    rows, cols = names or _names(schema)
    out = []
    each = identity.get("each", "row")
    cell_of = view.cells.get
    code = identity["code"]
    description = None
    lang = get_language()

    def build(where, lhs_refs, lhs_names, rhs_refs, rhs_names, partial=False):
        """*where* makes the instance's name when it is first read (it binds its row, column or group)."""
        nonlocal description
        n_lhs, n_rhs = len(lhs_refs), len(rhs_refs)
        if not (n_lhs and n_rhs) and not partial or not (n_lhs or n_rhs):
            return None
        refs = lhs_refs + rhs_refs
        cells = list(map(cell_of, refs))  # both sides at once
        if any(map(is_, cells, repeat(None))):
            return None  # a row or column is missing: DL105 says so
        if description is None:
            description = _(identity.get("description", ""))
        return Instance(code, description, (lang, where), refs, cells, lhs_names + rhs_names, n_lhs)

    if each == "row":
        lhs, rhs = identity["lhs"], identity["rhs"]
        lhs_names = [cols.get(c, c) for c in lhs]
        rhs_names = [cols.get(c, c) for c in rhs]
        for r in view.row_order:
            inst = build(lambda r=r: _("row “{row}”", row=rows.get(r, r)), list(zip(repeat(r), lhs)), lhs_names,
                         list(zip(repeat(r), rhs)), rhs_names)
            if inst:
                out.append(inst)
    elif each == "column":
        lost, lhs_rows, rhs_rows = _column_rows(identity, view, schema)
        lhs_names = [rows.get(r, r) for r in lhs_rows]
        rhs_names = [rows.get(r, r) for r in rhs_rows]
        for c in view.columns:
            inst = build(lambda c=c: _("column “{column}”", column=cols.get(c, c)), list(zip(lhs_rows, repeat(c))),
                         lhs_names, list(zip(rhs_rows, repeat(c))), rhs_names, bool(lost))
            if inst:
                inst.missing = [(rows.get(k, k), coef) for k, coef in lost]
                out.append(inst)
    elif each == "group":
        group_labels = None

        def group_where(g):
            nonlocal group_labels
            if group_labels is None:
                group_labels = dict(zip(schema["groups"], schema.get("group_labels", schema["groups"])))
            return f"“{group_labels.get(g, g)}”"

        for g in view.groups:
            inst = build(lambda g=g: group_where(g), [("data", f"{g}.{c}") for c in identity["lhs"]],
                         [cols.get(f"{g}.{c}", f"{g}.{c}") for c in identity["lhs"]],
                         [("data", f"{g}.{c}") for c in identity["rhs"]],
                         [cols.get(f"{g}.{c}", f"{g}.{c}") for c in identity["rhs"]])
            if inst:
                out.append(inst)
    return out


_READ = frozenset((Number, Blank, NotApplicable))
_NUMBER_ONLY = frozenset((Number,))
_INT_ONLY = frozenset((int,))
_VALUE = attrgetter("value")
_EXACT = 10 ** 18  # below this, a sum of ints is what the Decimal sum makes (no rounding at 28 digits)


def evaluate(views: dict[str, TableView], edition) -> list[Instance]:
    out = []
    if edition is None:
        return out
    names_of: dict[str, tuple[dict, dict]] = {}
    value, read, number_only, int_only, exact = _VALUE, _READ, _NUMBER_ONLY, _INT_ONLY, _EXACT  # locals in the loop
    for identity in edition.identities:
        view = views.get(identity.get("table"))
        if view is None:
            continue
        schema = edition.tables.get(identity["table"], {})
        names = names_of.get(identity["table"])
        if names is None:
            names = names_of[identity["table"]] = _names(schema)
        for inst in _instances(identity, view, schema, names):
            values = list(map(value, inst.cells))
            kinds = set(map(type, values))
            if not kinds <= read:
                inst.status = "text"  # DL205 reports text in number cells
            elif inst.missing or kinds != number_only:
                inst.blanks = [t for t in inst.terms if not isinstance(t.cell.value, Number)]
                inst.status = "blank" if len(inst.blanks) < len(inst.terms) else "ok"
                if inst.missing:
                    inst.status = "missing"  # DL105 reports the rows; no DL010 note on top
                if inst.status in ("blank", "missing") and _bound_broken(inst):
                    inst.status = "bound"
            else:
                nums = list(map(value, values))
                if set(map(type, nums)) == int_only and -exact < min(nums) and max(nums) < exact:
                    n = inst.n_lhs
                    diff = sum(nums[:n]) - sum(nums[n:])  # exact, as the Decimal sum below
                    if diff:
                        inst.diff = Decimal(diff)
                else:
                    inst.diff = sum((_num(t.cell) * t.coef for t in inst.terms), Decimal(0))
                inst.status = "fail" if inst.diff != 0 else "ok"
            out.append(inst)
    return out


def all_hold(views: dict[str, TableView], edition) -> bool:
    """Whether every instance :func:`evaluate` makes holds in whole numbers (each cell a Number with an
    int value, the two sides equal): then there is nothing to report, and no Instance need be made.

    The same instances as :func:`_instances` (its sides, its rows, the ones it drops for a missing
    cell), read without naming them. Every cell of a table is checked at once (C loops over its
    values), then each side is summed from a row's (or a column's) dict of ints by its keys, with no
    (row, column) tuple per cell. False at a cell of the table that is not a whole number, a side that
    does not balance, or a column identity with rows the table lacks: there the full evaluation
    decides (the tests compare the two)."""
    if edition is None:
        return True
    by_view: dict[str, tuple[dict, dict]] = {}
    for identity in edition.identities:
        view = views.get(identity.get("table"))
        if view is None:
            continue
        each = identity.get("each", "row")
        if each not in ("row", "column", "group"):
            continue  # _instances makes none
        dicts = by_view.get(view.name)
        if dicts is None:
            dicts = by_view[view.name] = _int_grid(view)
            if dicts is None:
                return False  # a cell that is not a whole number: the full evaluation says what it is
        by_row, by_col = dicts
        lhs, rhs = identity["lhs"], identity["rhs"]
        if each == "column":
            lost, lhs, rhs = _column_rows(identity, view, edition.tables.get(identity["table"], {}))
            if lost:
                return False  # its instances lack a row: "missing" or "bound"
            keys, line_of = view.columns, by_col
        elif each == "row":
            keys, line_of = view.row_order, by_row
        else:
            keys, line_of = view.groups, None
        if not (lhs and rhs):
            continue  # one side empty: _instances makes no instance
        for k in keys:
            if line_of is None:  # a group: its cells are ("data", "group.column")
                line = by_row.get("data", {})
                left = [line.get(f"{k}.{c}") for c in lhs]
                right = [line.get(f"{k}.{c}") for c in rhs]
            else:
                line = line_of.get(k, {})
                left, right = list(map(line.get, lhs)), list(map(line.get, rhs))
            if None in left or None in right:
                continue  # a missing cell: no instance (the values are ints, compared in C)
            if sum(left) != sum(right):
                return False
    return True


def _int_grid(view: TableView) -> tuple[dict, dict] | None:
    """The view's values by row then column and by column then row, when every cell is a Number with an
    int value that evaluate would sum exactly (else None)."""
    cells = view.cells
    values = list(map(_VALUE, cells.values()))
    if set(map(type, values)) - _NUMBER_ONLY:
        return None
    nums = list(map(_VALUE, values))
    if set(map(type, nums)) - _INT_ONLY or nums and (min(nums) <= -_EXACT or max(nums) >= _EXACT):
        return None
    by_row: dict[str, dict[str, int]] = {}
    by_col: dict[str, dict[str, int]] = {}
    for (r, c), v in zip(cells, nums):
        line = by_row.get(r)
        if line is None:
            line = by_row[r] = {}
        line[c] = v
        line = by_col.get(c)
        if line is None:
            line = by_col[c] = {}
        line[r] = v
    return by_row, by_col


def _bound_broken(inst: Instance) -> bool:
    """Blank cells are unknown but not negative: with blanks on one side only, the other side must be
    at least the sum of the present cells of the blank side. True when it is smaller."""
    known = [t for t in inst.terms if isinstance(t.cell.value, Number)]
    if any(_num(t.cell) < 0 for t in known):
        return False  # a negative count: DL205 says so, and no bound can be drawn
    blank_sides = {t.coef for t in inst.blanks} | {coef for _, coef in inst.missing}
    if len(blank_sides) != 1:
        return False  # blanks on both sides can balance anything
    side = blank_sides.pop()
    if not any(t.coef != side for t in known):
        return False
    full = sum((_num(t.cell) for t in known if t.coef != side), Decimal(0))
    partial = sum((_num(t.cell) for t in known if t.coef == side), Decimal(0))
    return full < partial
