"""Choosing a table's splits: digits first, then the row's own identities, then the columns'.

Each row of a recovered table goes through three stages, and every cell remembers which one
fixed it (:attr:`RowRun.modes`):

1. **forced** — the digit counts alone (spaces, no leading zeros, cell widths, the column count)
   give the cell the same bounds in every possible split.  A forced cell is read data: any
   identity it then breaks is a real finding.
2. **chosen** — the row's own identities (``总计 = the six applicant columns``) leave one split, or,
   when several remain, the column identities (``一 + 二 = （七）总计 + 四``, ``（七）总计 = the outcome
   rows``) leave one combination.  An identity used to choose holds by construction, so it is not
   evidence; and a column identity that fails through a chosen cell is no error either: no split
   is consistent, which an extraction that dropped a blank cell explains as well as a wrong
   figure, so those rows become unread (DL005).  Only forced cells carry identity errors.
3. **ambiguous** / **unsplit** — several splits remain, or none fits: the cells are not read
   (:class:`~disclosure_lint.document.Unread`), and the row gets an info finding (DL004, DL005).
"""
from __future__ import annotations

import fnmatch
import itertools
from ..source.dataclass_cache import dataclass, field

from .splits import ColSpec, Run, Structure, cell_number, enumerate_splits, structural

__all__ = ["RowRun", "solve", "MAX_COMBINATIONS"]

MAX_COMBINATIONS = 50_000   # joint search over the rows the row identities left ambiguous


@dataclass
class RowRun:
    key: str                       # schema key of the row ("new", "deny_1", "data", …)
    label: str                     # the row's label as the report writes it (for messages)
    run: Run
    cols: list[ColSpec]
    structure: Structure | None = None
    candidates: list[list[tuple[int, int]]] = field(default_factory=list)
    complete: bool = True
    status: str = ""               # forced, chosen, ambiguous, unsplit
    reason: str = ""               # for ambiguous/unsplit rows: count, row, column, cap, several
    modes: list[str] = field(default_factory=list)
    bounds: list[tuple[int, int] | None] = field(default_factory=list)  # per cell (a, b) in run.chars
    n_splits: int = 0

    def values(self, split) -> list:
        return [cell_number(self.run.chars[a:b]) for a, b in split]


def make_run_like(run: Run) -> Run:
    """A fresh copy of *run* (the search caches its tables on the run)."""
    return Run(run.chars, run.offsets, run.cuts)


def _holds(r: RowRun, split, local, check) -> bool:
    v = r.values(split)
    if any(sum(v[i] for i in lhs) != sum(v[i] for i in rhs) for lhs, rhs in local):
        return False
    return check is None or bool(check(v))


def _expand(patterns: list[str], keys: list[str], schema_keys: list[str]) -> list[str]:
    """The rows an identity side names; [] when a row it needs was not found (it cannot choose then)."""
    out = []
    for p in patterns:
        if any(ch in p for ch in "*?["):
            want = [k for k in schema_keys if fnmatch.fnmatchcase(k, p)]
            if any(k not in keys for k in want):
                return []
            out.extend(want)
        elif p in keys:
            out.append(p)
        else:
            return []  # a row the identity needs is not in the table: the identity cannot choose
    return out


def solve(rows: list[RowRun], local: list[tuple[list[int], list[int]]] = (), check=None,
          column_identities: list[tuple[list[str], list[str]]] = (), schema_keys: list[str] = ()) -> None:
    """Fill in status, reason, modes and bounds of every row."""
    pending: list[RowRun] = []
    for r in rows:
        st = structural(r.run, r.cols)
        r.structure = st
        r.n_splits = st.count
        if st.count == 0:
            r.status, r.reason = "unsplit", "count"
            continue
        if st.count == 1:
            r.candidates, _ = enumerate_splits(r.run, r.cols, max_results=1)
            r.status = "forced"
            if (local or check is not None) and not _holds(r, r.candidates[0], local, check) \
                    and structural(make_run_like(r.run), r.cols[:-1]).count:
                # The only split breaks the row's own identity, and the digits also fit one cell fewer:
                # an extraction drops blank cells, so the split may be shifted. Not read, not an error.
                r.status, r.reason, r.candidates = "unsplit", "blank", []
                r.structure = None
            continue
        if not local and check is None:
            r.status, r.reason = "ambiguous", "several"
            continue
        cands, complete = enumerate_splits(r.run, r.cols, local, check)
        r.candidates, r.complete = cands, complete
        if not complete:
            r.status, r.reason = "ambiguous", "cap"
        elif not cands:
            r.status, r.reason = "unsplit", "row"
        elif len(cands) == 1:
            r.status = "chosen"
        else:
            r.status, r.reason = "ambiguous", "several"
            pending.append(r)
    keys = list(schema_keys) or [r.key for r in rows]
    if pending and column_identities:
        _joint(rows, pending, column_identities, keys)
    for r in rows:
        _modes(r)
    if column_identities:
        _no_evidence_from_choices(rows, column_identities, keys)


def _no_evidence_from_choices(rows: list[RowRun], identities, schema_keys: list[str]) -> None:
    """A column identity that fails on cells the identities chose is no finding: those rows are not read.

    Forced cells are read data and their failures stay errors; a chosen cell was picked because the
    row's own identity held, so a failure through it means no split is consistent (DL005), which
    may be the extraction's doing (a dropped blank cell) as much as the report's.
    """
    keys = [r.key for r in rows]
    by_key = {r.key: r for r in rows}
    changed = True
    while changed:
        changed = False
        for lhs, rhs in identities:
            lk = _expand(lhs, keys, schema_keys)
            rk = [k for k in _expand(rhs, keys, schema_keys) if k not in lk]
            if not lk or not rk:
                continue
            for c in range(len(rows[0].cols)):
                cells = [(by_key[k], by_key[k].bounds[c], by_key[k].modes[c]) for k in lk + rk]
                if any(b is None for _, b, _ in cells):
                    continue
                vals = [cell_number(r.run.chars[b[0]:b[1]]) for r, b, _ in cells]
                if sum(vals[:len(lk)]) == sum(vals[len(lk):]):
                    continue
                chosen = {id(r): r for r, _, m in cells if m == "chosen"}
                for r in chosen.values():
                    r.status, r.reason, r.candidates = "unsplit", "column", []
                    _modes(r)
                    changed = True


def _joint(rows: list[RowRun], pending: list[RowRun], identities, schema_keys: list[str]) -> None:
    keys = [r.key for r in rows]
    by_key = {r.key: r for r in rows}
    fixed = {r.key: r.values(r.candidates[0]) for r in rows if r.status in ("forced", "chosen")}
    usable = []
    for lhs, rhs in identities:
        lk = _expand(lhs, keys, schema_keys)
        rk = [k for k in _expand(rhs, keys, schema_keys) if k not in lk]
        if not lk or not rk:
            continue
        involved = lk + rk
        if all(k in fixed or by_key[k] in pending for k in involved) and any(by_key[k] in pending for k in involved):
            usable.append((lk, rk))
    if not usable:
        return
    involved = {k for lk, rk in usable for k in lk + rk}
    vary = [r for r in pending if r.key in involved]
    total = 1
    for r in vary:
        total *= len(r.candidates)
    if total > MAX_COMBINATIONS:
        for r in vary:
            r.reason = "cap"
        return
    width = len(rows[0].cols)
    options = [[r.values(c) for c in r.candidates] for r in vary]
    kept: list[set[int]] = [set() for _ in vary]
    for combo in itertools.product(*[range(len(o)) for o in options]):
        vals = dict(fixed)
        for r, opts, i in zip(vary, options, combo):
            vals[r.key] = opts[i]
        if all(sum(vals[k][c] for k in lk) == sum(vals[k][c] for k in rk) for lk, rk in usable for c in range(width)):
            for j, i in enumerate(combo):
                kept[j].add(i)
    if not any(kept):
        for r in vary:
            r.status, r.reason = "unsplit", "column"
            r.candidates = []
        return
    for r, ks in zip(vary, kept):
        r.candidates = [r.candidates[i] for i in sorted(ks)]
        if len(ks) == 1:
            r.status, r.reason = "chosen", ""


def _modes(r: RowRun) -> None:
    m = len(r.cols)
    st = r.structure
    r.modes, r.bounds = [], []
    for k in range(m):
        forced = st.forced(k) if st is not None else None
        if forced is not None:
            r.modes.append("forced")
            r.bounds.append(forced)
            continue
        if r.status in ("forced", "chosen") and r.candidates:
            r.modes.append("chosen")
            r.bounds.append(r.candidates[0][k])
            continue
        if r.status == "ambiguous" and r.candidates and r.reason == "several" \
                and len({c[k] for c in r.candidates}) == 1:
            r.modes.append("chosen")
            r.bounds.append(r.candidates[0][k])
            continue
        r.modes.append("ambiguous" if r.status == "ambiguous" else "unsplit")
        r.bounds.append(None)
