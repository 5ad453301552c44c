"""One evaluator for the identities the edition files declare (the 勾稽关系).

Each identity is instantiated over the rows, columns or groups of a matched table
(:mod:`tables`), evaluated in exact arithmetic, and classified: holds, fails, or
cannot run (a cell is blank, not applicable or text — blank is not zero).

Localising the culprit: one wrong cell breaks one row identity and one column
identity at once.  When failing identities share exactly one cell, that cell
appears in no identity that holds, and one value for it satisfies all of them,
that cell is reported once with that value as the suggestion.  A failure no
shared cell explains is pinned on a cell only when every other cell of it is
confirmed by an identity that holds; otherwise it says that any cell may be
wrong.  Blank cells bound a sum: a blank is unknown but not negative.
"""
from __future__ import annotations

import fnmatch
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from itertools import repeat
from operator import attrgetter, is_

from ..engine.diagnostics import Finding, Related, Severity
from ..document import Blank, Cell, NotApplicable, Number
from ..i18n import _, _n, get_language, use_language
from ..document.tables import TableView, missing_rows

__all__ = ["Instance", "evaluate", "identity_findings", "UNCHECKED"]

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


@lru_cache(maxsize=512)  # the same schema keys and row orders come back for every report
def _expand_cached(patterns: tuple[str, ...], keys: tuple[str, ...]) -> tuple[str, ...]:
    out = []
    for p in patterns:
        if any(ch in p for ch in "*?["):
            out.extend(k for k in keys if fnmatch.fnmatchcase(k, p))
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


def _localise(failing: list[Instance], ok_cells: set[int]):
    """Yield (cell, delta, instances) for cells that explain several failures at once (*ok_cells*: the
    ids of the cells of the identities that hold)."""
    left = list(failing)
    while left:
        best = None
        cells: dict[int, tuple[Cell, list[tuple[Instance, int]]]] = {}
        for inst in left:
            for t in inst.terms:
                cells.setdefault(id(t.cell), (t.cell, []))[1].append((inst, t.coef))
        for key, (cell, hits) in cells.items():
            if len(hits) < 2 or key in ok_cells:
                continue
            deltas = {-inst.diff * coef for inst, coef in hits}  # coef is ±1
            if len(deltas) != 1:
                continue
            delta = deltas.pop()
            new = _num(cell) + delta
            if new < 0:
                continue
            if best is None or len(hits) > len(best[2]):
                best = (cell, delta, [i for i, _ in hits])
        if best is None:
            return
        yield best
        left = [i for i in left if i not in best[2]]


def _unexplained(inst: Instance, ok_cells: set[int]) -> Finding:
    """A failing identity no single cell explains across identities.

    When every cell but one is confirmed by an identity that holds, that one is the culprit: it is
    reported with the value that satisfies the identity.  Otherwise the identity alone cannot say
    which cell is wrong (a table-4 block has no other identity): the finding points at the total,
    names every part, says that any of them may be wrong, and suggests nothing.
    """
    unconfirmed = [t for t in inst.terms if id(t.cell) not in ok_cells]
    text = _("{where}: {arithmetic} ({description})", where=inst.where, arithmetic=inst.arithmetic(),
               description=inst.description)
    if len(unconfirmed) == 1 and len(inst.terms) > 2:
        culprit = unconfirmed[0]
        value = _num(culprit.cell) - inst.diff * culprit.coef
        if value >= 0:
            related = [Related(t.cell.value.span, f"{t.name} {_fmt(t.cell)}") for t in inst.terms if t is not culprit]
            return Finding(culprit.cell.value.span,
                           text + _("; the other cells are confirmed by identities that hold, so {name} {value} is "
                                    "the one to correct", name=culprit.name, value=_fmt(culprit.cell)),
                           related, _plain(value), code=inst.code)
    primary = inst.lhs[0] if len(inst.lhs) == 1 else max(inst.terms, key=lambda t: abs(_num(t.cell)))
    related = [Related(t.cell.value.span, f"{t.name} {_fmt(t.cell)}") for t in inst.terms if t is not primary]
    return Finding(primary.cell.value.span,
                   text + _("; any of these {n} cells may be wrong: no other identity tells which", n=len(inst.terms)),
                   related, None, code=inst.code)


def _bound_finding(inst: Instance) -> Finding:
    """An identity with blank cells whose present cells already break it: a blank cannot be negative."""
    side = inst.blanks[0].coef if inst.blanks else inst.missing[0][1]
    big = [t for t in inst.terms if t.coef == side and isinstance(t.cell.value, Number)]
    small = [t for t in inst.terms if t.coef != side]
    primary = small[0] if len(small) == 1 else max(small, key=lambda t: _num(t.cell))
    big_sum = _plain(sum((_num(t.cell) for t in big), Decimal(0)))
    small_sum = _plain(sum((_num(t.cell) for t in small), Decimal(0)))
    unknown = [_("{name} (blank)", name=t.name) for t in inst.blanks]
    unknown += [_("{name} (row missing)", name=name) for name, _side in inst.missing]
    related = [Related(t.cell.value.span, f"{t.name} {_fmt(t.cell)}") for t in small + big if t is not primary]
    related += [Related(t.cell.value.span, _("{name} is blank: unknown, but not negative", name=t.name))
                for t in inst.blanks]
    if len(small) == 1:
        small_text = f"{small[0].name} {_fmt(small[0].cell)}"
    else:
        small_text = " + ".join(_fmt(t.cell) for t in small) + f" = {small_sum}"
    return Finding(primary.cell.value.span,
                   _("{where}: {small} is less than the sum of the present cells on the other side, "
                     "{big} = {big_sum}; the figures not given ({unknown}) cannot be negative, so the identity "
                     "cannot hold whatever they are ({description})",
                     where=inst.where, small=small_text, big=" + ".join(_fmt(t.cell) for t in big),
                     big_sum=big_sum, unknown="、".join(unknown), description=inst.description),
                   related, None, code=inst.code)


def _label(view: TableView, cell: Cell, schema: dict) -> str:
    rows, cols = _names(schema)
    for (r, c), x in view.cells.items():
        if x is cell:
            return f"“{rows.get(r, r)}” × “{cols.get(c, c)}”"
    return _("this cell")


def identity_findings(ctx) -> list[Finding]:
    """All identity findings of the document, each tagged with its code (the rules read them once per
    document, as ``Context.identity_findings``)."""
    edition = ctx.edition
    views = ctx.tables
    if all_hold(views, edition):
        return []  # every identity holds (most reports): the instances would only say so
    instances = evaluate(views, edition)
    failing = [i for i in instances if i.status == "fail"]
    passing = [i for i in instances if i.status == "ok"]
    findings: list[Finding] = []
    explained: set[int] = set()
    # the cells confirmed by an identity that holds, read only to explain a failure
    ok_cells = {id(c) for i in passing for c in i.cells} if failing else set()
    for cell, delta, insts in _localise(failing, ok_cells):
        explained.update(id(i) for i in insts)
        view = next(v for v in views.values() if any(x is cell for x in v.cells.values()))
        schema = edition.tables.get(view.name, {})
        value = _num(cell) + delta
        # report under the lowest code the user selected among the identities the cell breaks
        codes = sorted({i.code for i in insts})
        selected = getattr(ctx, "selected", None)
        chosen = [c for c in codes if selected is None or c in selected]
        if not chosen:
            continue
        code = chosen[0]
        msgs = _("; ").join(_("{where}: {arithmetic}", where=i.where, arithmetic=i.arithmetic()) for i in insts)
        related = []
        seen = {id(cell)}
        for i in insts:
            for t in i.terms:
                if id(t.cell) not in seen:
                    seen.add(id(t.cell))
                    related.append(Related(t.cell.value.span, f"{t.name} {_fmt(t.cell)} ({i.code})"))
        findings.append(Finding(cell.value.span,
                                _("{cell} is {value}, which breaks {n} identities ({arithmetic}); {fixed} would "
                                  "satisfy them all", cell=_label(view, cell, schema), value=_fmt(cell), n=len(insts),
                                  arithmetic=msgs, fixed=_plain(value)),
                                related, _plain(value), code=code))
    for inst in failing:
        if id(inst) in explained:
            continue
        findings.append(_unexplained(inst, ok_cells))
    for inst in instances:
        if inst.status == "bound":
            findings.append(_bound_finding(inst))
    # Checks that could not run because of blank cells: one info per identity and table, never an error.
    blank_by_code: dict[str, list[Instance]] = {}
    for inst in instances:
        if inst.status == "blank":
            blank_by_code.setdefault(inst.code, []).append(inst)
    for code, insts in blank_by_code.items():
        cells = []
        seen = set()
        for i in insts:
            for t in i.blanks:
                if id(t.cell) not in seen:
                    seen.add(id(t.cell))
                    cells.append(t)
        where = _(", ").join(i.where for i in insts[:3]) + (_(" and {n} more", n=len(insts) - 3) if len(insts) > 3 else "")
        findings.append(Finding(cells[0].cell.value.span,
                                _n("{code} ({description}) could not be checked for {n} instance ({where}): "
                                   "{blanks} blank or not-applicable cells are not read as zero",
                                   "{code} ({description}) could not be checked for {n} instances ({where}): "
                                   "{blanks} blank or not-applicable cells are not read as zero", len(insts),
                                   code=code, description=insts[0].description, n=len(insts), where=where,
                                   blanks=len(cells)),
                                [Related(t.cell.value.span, _("{name} is blank", name=t.name)) for t in cells[:20]],
                                severity=Severity.INFO, code=UNCHECKED))
    return findings
