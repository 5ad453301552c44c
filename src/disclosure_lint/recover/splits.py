"""Splitting a run of digits into a row's cells: the bounded search.

A *run* is what a text extraction left of a table row's cells: digits (and a sign or a
decimal point where a column allows one), sometimes with single spaces between some of the
cells.  A space is a hard boundary; elsewhere any boundary is possible.  A split gives every
column one cell; a cell is a plain number with no leading zero (``0`` itself excepted) and at
most ``maxlen`` characters.

Two questions are answered separately, so that structure and arithmetic never blur:

* :func:`structural` counts the splits that the digits alone allow (a DP over positions, linear
  in the run) and says which cells have the same boundaries in every one of them: those cells
  are *forced*.
* :func:`enumerate_splits` lists the splits that also satisfy the row's own identities
  (``总计 = the six applicant columns``, ``总计 = 维持 + 纠正 + 其他 + 尚未审结``), by a depth-first
  search that fixes an identity's left side as soon as its right side is known.  The search
  is capped (results and steps); a capped search says so.
"""
from __future__ import annotations

from ..source.dataclass_cache import dataclass, field
from decimal import Decimal
from ..source.re_cache import compile_re

__all__ = ["Run", "ColSpec", "Structure", "structural", "enumerate_splits", "cell_number", "make_run"]

_SPACES = " \t\u00a0\u3000"
_FULL = str.maketrans("０１２３４５６７８９．－", "0123456789.-")
_INT = compile_re(r"0|[1-9]\d*")
_DEC = compile_re(r"(?:0|[1-9]\d*)(?:\.\d+)?")

MAX_RESULTS = 64       # splits listed per row before the row is called ambiguous
MAX_STEPS = 200_000    # search steps per row (a pathological run stays bounded)


@dataclass(frozen=True)
class ColSpec:
    signed: bool = False    # a leading minus is allowed (table 2's 本年增/减)
    decimal: bool = False   # a decimal point is allowed (amounts)
    maxlen: int = 7         # characters at most, sign and point included


@dataclass
class Run:
    """The characters of a value run without its spaces, each with its source offset."""

    chars: str                      # ASCII digits, '.', '-'
    offsets: list[int]              # source offset of each character
    cuts: frozenset[int] = field(default_factory=frozenset)  # positions where a space stood

    def span(self, a: int, b: int) -> tuple[int, int]:
        """Source [start, end) of chars[a:b]."""
        return self.offsets[a], self.offsets[b - 1] + 1


def make_run(text: str, start: int) -> Run:
    """A :class:`Run` from source text (digits, points, signs and spaces) beginning at *start*."""
    chars: list[str] = []
    offsets: list[int] = []
    cuts = set()
    pending_cut = False
    for i, ch in enumerate(text):
        if ch in _SPACES:
            pending_cut = bool(chars)
            continue
        if pending_cut:
            cuts.add(len(chars))
            pending_cut = False
        chars.append(ch.translate(_FULL))
        offsets.append(start + i)
    return Run("".join(chars), offsets, frozenset(cuts))


def _valid(s: str, col: ColSpec) -> bool:
    if len(s) > col.maxlen or not s:
        return False
    body = s
    if s[0] == "-":
        if not col.signed or len(s) == 1:
            return False
        body = s[1:]
        if body == "0":
            return False
    return bool((_DEC if col.decimal else _INT).fullmatch(body))


def cell_number(s: str) -> int | Decimal:
    return Decimal(s) if "." in s else int(s)


@dataclass
class Structure:
    count: int                          # number of structural splits (exact)
    cells: list[set[tuple[int, int]]]   # per column: every (a, b) some structural split gives it

    def forced(self, k: int) -> tuple[int, int] | None:
        return next(iter(self.cells[k])) if self.count and len(self.cells[k]) == 1 else None


def _cell_ok(run: Run, a: int, b: int, col: ColSpec) -> bool:
    # no space inside the cell, and the characters make a number the column allows
    memo = run.__dict__.setdefault("_ok", {})
    key = (a, b, col)
    got = memo.get(key)
    if got is None:
        got = not any(a < c < b for c in run.cuts) and _valid(run.chars[a:b], col)
        memo[key] = got
    return got


def structural(run: Run, cols: list[ColSpec]) -> Structure:
    """Count the splits of *run* into ``len(cols)`` cells and collect each cell's possible bounds."""
    n, m = len(run.chars), len(cols)
    fwd = [dict() for _ in range(m + 1)]   # fwd[k][p]: ways for the first k cells to cover chars[:p]
    fwd[0][0] = 1
    for k, col in enumerate(cols):
        for p, ways in fwd[k].items():
            for q in range(p + 1, min(n, p + col.maxlen) + 1):
                if _cell_ok(run, p, q, col):
                    fwd[k + 1][q] = fwd[k + 1].get(q, 0) + ways
    bwd = [dict() for _ in range(m + 1)]   # bwd[k][p]: ways for cells k.. to cover chars[p:]
    bwd[m][n] = 1
    for k in range(m - 1, -1, -1):
        col = cols[k]
        for q, ways in bwd[k + 1].items():
            for p in range(max(0, q - col.maxlen), q):
                if _cell_ok(run, p, q, col):
                    bwd[k][p] = bwd[k].get(p, 0) + ways
    count = fwd[m].get(n, 0)
    cells: list[set[tuple[int, int]]] = [set() for _ in range(m)]
    if count:
        for k, col in enumerate(cols):
            for p in fwd[k]:
                for q in range(p + 1, min(n, p + col.maxlen) + 1):
                    if q in bwd[k + 1] and _cell_ok(run, p, q, col):
                        cells[k].add((p, q))
    run._bwd = bwd  # reused by the enumeration: a branch that cannot be completed is never entered
    run._structure, run._structure_cols = Structure(count, cells), list(cols)
    return run._structure


def _sub_run(run: Run, end: int) -> Run:
    return Run(run.chars[:end], run.offsets[:end], frozenset(c for c in run.cuts if c < end))


def enumerate_splits(run: Run, cols: list[ColSpec], identities: list[tuple[list[int], list[int]]] = (),
                     check=None, max_results: int = MAX_RESULTS, max_steps: int = MAX_STEPS):
    """Splits of *run* satisfying every identity ``sum(lhs) == sum(rhs)`` (column indices) and *check*.

    Returns ``(splits, complete)``: each split is a list of ``(a, b)`` bounds; *complete* is False
    when a cap stopped the search (then more splits may exist).

    An identity whose left side is one column after all of its right side fixes that column's
    value when the search reaches it, and bounds the right side before (a part never exceeds the
    largest value the total's possible cells allow).  When the total is the last column
    (``总计 = the six applicant columns``), each possible total is tried in turn and the parts are
    searched for that exact sum, which prunes nearly everything.
    """
    m = len(cols)
    identities = list(identities)
    st = run.__dict__.get("_structure")
    if st is None or run.__dict__.get("_structure_cols") != cols:
        st = structural(run, cols)
    if st.count == 0:
        return [], True
    budget = [max_steps]
    if len(identities) == 1 and identities[0][0] == [m - 1] and sorted(identities[0][1]) == list(range(m - 1)) \
            and check is None:
        out: list[list[tuple[int, int]]] = []
        complete = True
        for a, b in sorted(st.cells[m - 1]):
            total = cell_number(run.chars[a:b])
            sub = _sub_run(run, a)
            structural(sub, cols[:-1])
            got, ok = _search(sub, cols[:-1], [], None, max_results - len(out), budget, exact=total)
            out.extend(g + [(a, b)] for g in got)
            if not ok or len(out) >= max_results:
                complete = False
                break
        return out, complete
    return _search(run, cols, identities, check, max_results, budget, caps=st)


def _search(run: Run, cols: list[ColSpec], identities, check, max_results: int, budget: list[int],
            exact=None, caps: Structure | None = None):
    bwd = run._bwd
    n, m = len(run.chars), len(cols)
    determined: dict[int, tuple[list[int], list[int]]] = {}
    at_depth: dict[int, list[tuple[list[int], list[int]]]] = {}
    bound_of: dict[int, list[tuple[list[int], int]]] = {}  # rhs column -> [(rhs, largest possible lhs)]
    for lhs, rhs in identities:
        if len(lhs) == 1 and all(r < lhs[0] for r in rhs):
            determined[lhs[0]] = (lhs, rhs)
            if caps is not None and caps.cells[lhs[0]]:
                top = max(cell_number(run.chars[a:b]) for a, b in caps.cells[lhs[0]])
                for r in rhs:
                    bound_of.setdefault(r, []).append((rhs, top))
        else:
            at_depth.setdefault(max(lhs + rhs), []).append((lhs, rhs))
    out: list[list[tuple[int, int]]] = []
    bounds: list[tuple[int, int]] = []
    values: list = []
    complete = True

    def rec(k: int, p: int, acc) -> bool:
        nonlocal complete
        if k == m:
            if p != n or (exact is not None and acc != exact):
                return True
            if check is None or check(values):
                out.append(list(bounds))
                if len(out) >= max_results:
                    complete = False
                    return False
            return True
        col = cols[k]
        want = None
        if k in determined:
            _, rhs = determined[k]
            want = sum(values[r] for r in rhs)
        for q in range(p + 1, min(n, p + col.maxlen) + 1):
            budget[0] -= 1
            if budget[0] < 0:
                complete = False
                return False
            if q not in bwd[k + 1] or not _cell_ok(run, p, q, col):
                continue
            v = cell_number(run.chars[p:q])
            if want is not None and v != want:
                continue
            if exact is not None and acc + v > exact:
                break  # longer cells only grow (no leading zeros)
            if k in bound_of and any(sum(values[r] for r in rhs if r < k) + v > top for rhs, top in bound_of[k]):
                break
            values.append(v)
            bounds.append((p, q))
            ok = all(sum(values[i] for i in lhs) == sum(values[i] for i in rhs) for lhs, rhs in at_depth.get(k, ()))
            go = rec(k + 1, q, acc + v) if ok else True
            values.pop()
            bounds.pop()
            if not go:
                return False
        return True

    if 0 in bwd[0]:
        rec(0, 0, 0)
    return out, complete
