"""Copied reports (内容雷同): the same figures or the same passages in two reports.

Sub-quadratic at crawl scale:

* **Figures** — each sentence's run of figures (three or more numbers, two of them at least 10 or
  with decimals; years, dates and numbering left out) is filed under the run itself, one pass over
  the corpus. A run found in more than :data:`MAX_SHARE` reports is a template's or chance's, not a
  copy, and is dropped. Two reports must share two distinct runs, or one run of five or more
  figures: one short run can be shared by chance.
* **Passages** — sentences of at least 30 normalised characters (years masked, the agency's own
  names masked, template sentences such as 本报告… / 统计期限 / contact details left out, and
  sentences stating three or more figures, which are compared as figures). Identical
  sentences are filed by hash; a sentence shared by more than :data:`MAX_SHARE` agencies is
  boilerplate. The distinct remaining sentences get a MinHash (datasketch, character 3-grams) and
  go through an LSH index, so near-identical sentences (a word changed) are found without comparing
  every pair; a query that returns more than :data:`MAX_BUCKET` sentences is boilerplate too.

Pairs that count: reports of different agencies (any years), and reports of one agency in
different years — for these only the nearest earlier report and only passages of its
存在的主要问题及改进情况 (a problems section copied from last year), or shared figure runs. Two files
of one agency and year (the same report as text and as HTML) are never compared. A finding sits
on the later report (by year, then publication date, then path).
"""
from __future__ import annotations

from ..source.dataclass_cache import dataclass, field

from .summary import ReportSummary, Unit

__all__ = ["CopyMatch", "find_copies", "MAX_SHARE", "MAX_BUCKET", "MIN_PASSAGE", "LSH_THRESHOLD"]

MAX_SHARE = 5        # a figure run or sentence in more reports (agencies) than this is common, not copied
MAX_BUCKET = 50      # an LSH query with more hits than this is boilerplate
MIN_PASSAGE = 60     # normalised characters of shared sentences a passage finding needs
LSH_THRESHOLD = 0.8  # estimated Jaccard similarity of 3-gram sets for sentences to count as the same
NUM_PERM = 64


@dataclass
class CopyMatch:
    kind: str                                  # "figures" or "passage"
    later: ReportSummary
    other: ReportSummary
    units: list[tuple[Unit, Unit]] = field(default_factory=list)  # (in later, in other)


def _order(a: ReportSummary, b: ReportSummary) -> tuple[ReportSummary, ReportSummary]:
    ka = (a.identity.year or 0, a.published or "", a.path)
    kb = (b.identity.year or 0, b.published or "", b.path)
    return (a, b) if ka >= kb else (b, a)


def _distinctive(figs: tuple[str, ...]) -> bool:
    if len(figs) < 3 or len(set(figs)) < 2:
        return False
    big = sum(1 for f in figs if "." in f.strip("0.") or (f.replace(".", "").isdigit() and float(f) >= 10))
    return big >= 2


def _pair_allowed(a: ReportSummary, b: ReportSummary, prev_of: dict, kind: str, unit_later: Unit | None = None) -> bool:
    ia, ib = a.identity, b.identity
    if ia.agency != ib.agency:
        return True
    if ia.year == ib.year:
        return False  # the same report in two files
    later, other = _order(a, b)
    if prev_of.get(later.path) is not other:
        return False
    return kind == "figures" or (unit_later is not None and unit_later.problems)


def _pairs(lst: list[tuple[int, Unit]], key: list) -> list:
    """The pairs (in order: each entry with every later one) of entries whose reports differ in agency or
    year; none, without a pair tried, when they all share one (the copies of one report)."""
    if len({key[i] for i, _u in lst}) < 2:
        return []
    return [(a, b) for x, a in enumerate(lst) for b in lst[x + 1:] if key[a[0]] != key[b[0]]]


SMALL = 400  # distinct sentences up to which near-identical ones are compared pairwise, exactly


def _alike_sizes(sizes: list[int]):
    """For each k, the others before it (ascending) whose size is close enough to size k for two sets of
    these sizes to be LSH_THRESHOLD alike: min >= LSH_THRESHOLD * max. Found through the sizes sorted (a
    bisect to a slightly wider range, then the exact test), not by testing every earlier one."""
    from bisect import bisect_left, bisect_right

    order = sorted(range(len(sizes)), key=sizes.__getitem__)
    ranked = [sizes[i] for i in order]
    for k, n in enumerate(sizes):
        lo = bisect_left(ranked, int(LSH_THRESHOLD * n) - 1)
        hi = bisect_right(ranked, int(n / LSH_THRESHOLD) + 1)
        near = []
        for i in order[lo:hi]:
            if i < k:
                m = sizes[i]
                if min(n, m) >= LSH_THRESHOLD * max(n, m):
                    near.append(i)
        near.sort()
        yield near


def _near_pairs(distinct: list[str], notes: list[str]):
    """(k, other) for distinct sentences whose character-3-gram sets are at least LSH_THRESHOLD alike,
    each pair once, leaving out a sentence with more than MAX_BUCKET such neighbours (boilerplate).

    A handful of reports (a pre-commit run, a county's series) is compared pairwise on the exact sets:
    no index to build and no datasketch import (with numpy and scipy, about half a second). A crawl
    goes through MinHash LSH (the ``corpus`` extra), sub-quadratic in the number of sentences.
    """
    if len(distinct) < 2:
        return
    if len(distinct) <= SMALL:
        grams = [{t[k:k + 3] for k in range(len(t) - 2)} for t in distinct]
        for k, others in enumerate(_alike_sizes([len(g) for g in grams])):
            g = grams[k]
            n = len(g)
            hits = []
            for other in others:
                # |g ∪ h| = |g| + |h| - |g ∩ h|: the union is not built
                inter = len(g & grams[other])
                if inter >= LSH_THRESHOLD * (n + len(grams[other]) - inter):
                    hits.append(other)
            if len(hits) <= MAX_BUCKET:
                for other in hits:
                    yield k, other
        return
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        from ..i18n import _

        notes.append(_("near-identical passages were not looked for: install the corpus extra "
                       "(pip install 'disclosure-lint[corpus]'); identical ones were"))
        return
    shingles = [[t[k:k + 3].encode("utf-8") for k in range(len(t) - 2)] for t in distinct]
    hashes = MinHash.bulk(shingles, num_perm=NUM_PERM)
    lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
    for k, h in enumerate(hashes):
        hits = lsh.query(h)
        if len(hits) <= MAX_BUCKET:
            for other in hits:
                if h.jaccard(hashes[other]) >= LSH_THRESHOLD:
                    yield k, other
        lsh.insert(k, h)


def find_copies(ctx) -> dict:
    """``{"matches": [CopyMatch], "notes": [str]}`` over the sure reports of the corpus."""
    reports = [r for s in ctx.grouping.series for r in s.reports]
    notes: list[str] = []
    prev_of: dict[str, ReportSummary] = {}
    for s in ctx.grouping.series:
        by_year = s.by_year()
        years = sorted(by_year)
        for y0, y1 in zip(years, years[1:]):
            for r in by_year[y1]:
                prev_of[r.path] = by_year[y0][0]
    matches: dict[tuple[str, str, str], CopyMatch] = {}
    # Two reports of one agency and year are never compared (_pair_allowed): their pairs are left out
    # before add() is called — a crawl's copies of one page share every sentence, and were tried pairwise.
    key = [(r.identity.agency, r.identity.year) for r in reports]

    def add(kind, a, ua, b, ub):
        later, other = _order(a, b)
        ul, uo = (ua, ub) if later is a else (ub, ua)
        if not _pair_allowed(later, other, prev_of, kind, ul):
            return
        m = matches.get((kind, later.path, other.path))
        if m is None:
            m = matches[(kind, later.path, other.path)] = CopyMatch(kind, later, other)
        if all(x is not ul for x, _y in m.units):
            m.units.append((ul, uo))

    # -- figures: exact runs, one pass
    # every run of three or more figures is filed, and whether it is distinctive is asked once per run, not
    # once per sentence stating it (a crawl's copies of a page state the same runs: 60 copies, 60 tests)
    runs: dict[tuple[str, ...], list[tuple[int, Unit]]] = {}
    for i, r in enumerate(reports):
        for u in r.units:
            if len(u.figures) >= 3:
                lst = runs.setdefault(u.figures, [])
                if not lst or lst[-1][0] != i:
                    lst.append((i, u))
    for figs, lst in runs.items():
        if len(lst) < 2 or not _distinctive(figs) or len({reports[i].path for i, _u in lst}) > MAX_SHARE:
            continue
        for (i, ui), (j, uj) in _pairs(lst, key):
            add("figures", reports[i], ui, reports[j], uj)

    # -- passages: exact sentences first, then near-identical ones through MinHash LSH
    texts: dict[str, list[tuple[int, Unit]]] = {}
    for i, r in enumerate(reports):
        for u in r.units:
            if len(u.text) >= 30 and len(u.figures) < 3:  # statements of figures are DL604's
                texts.setdefault(u.text, []).append((i, u))
    distinct: list[str] = []
    for t, lst in texts.items():
        if len({reports[i].identity.agency for i, _u in lst}) > MAX_SHARE or len(lst) > 10 * MAX_SHARE:
            continue  # boilerplate: a template's sentence
        distinct.append(t)
        for (i, ui), (j, uj) in _pairs(lst, key):
            add("passage", reports[i], ui, reports[j], uj)
    for k, other in _near_pairs(distinct, notes):
        for i, ui in texts[distinct[k]]:
            for j, uj in texts[distinct[other]]:
                if key[i] != key[j]:
                    add("passage", reports[i], ui, reports[j], uj)
    # Per later report and other agency, the best match only (a county copied year after year from
    # the same source would otherwise be reported once per year of the source).
    best: dict[tuple[str, str, str], tuple] = {}
    for m in matches.values():
        weight = sum(len(u.text) for u, _o in m.units)
        if m.kind == "passage" and weight < MIN_PASSAGE:
            continue
        m.units.sort(key=lambda p: p[0].loc.start)
        key = (m.kind, m.later.path, m.other.identity.agency)
        old = best.get(key)
        rank = (weight, -abs((m.later.identity.year or 0) - (m.other.identity.year or 0)), m.other.path)
        if old is None or rank > old[0]:
            best[key] = (rank, m)
    out = [m for _r, m in best.values()
           if m.kind != "figures" or len({u.figures for u, _o in m.units}) >= 2 or max(len(u.figures) for u, _o in m.units) >= 5]
    out.sort(key=lambda m: (m.later.path, m.kind, m.other.path))
    return {"matches": out, "notes": notes}
