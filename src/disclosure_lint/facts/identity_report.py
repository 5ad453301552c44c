"""The identities' findings, from the instances :mod:`.arith` evaluates.

Localising the culprit: one wrong cell breaks one row identity and one column
identity at once.  When failing identities share exactly one cell, that cell
appears in no identity that holds, and one value for it satisfies all of them,
that cell is reported once with that value as the suggestion.  A failure no
shared cell explains is pinned on a cell only when every other cell of it is
confirmed by an identity that holds; otherwise it says that any cell may be
wrong.  Blank cells bound a sum: a blank is unknown but not negative.
"""
from __future__ import annotations

from decimal import Decimal

from ..engine.diagnostics import Finding, Related, Severity
from ..document import Cell, Number
from ..i18n import _, _n
from ..document.tables import TableView
from . import arith
from .arith import UNCHECKED, Instance, _fmt, _names, _num, _plain, evaluate

__all__ = ["identity_findings"]


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
    if arith.all_hold(views, edition):
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
