"""The corpus layer's faster forms (issue 17) must make exactly the summaries the plain forms made.

The plain forms are kept here as the oracles: the sentence units (``_units`` / ``_figures``), the
place locator (``_Locator``), the headings that open and close 存在的主要问题 (``marks``), and the
lines of a file's own findings kept for code frames (``_keep_own_lines``). Each is compared on the
fixtures, every real page when ../shared is there, and hypothesis-drawn text.
"""
from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings, strategies as st

from disclosure_lint.corpus import run as corpus_run
from disclosure_lint.corpus import summary as S
from disclosure_lint.corpus import summary_tables as ST
from disclosure_lint.corpus.engine import loc_index
from disclosure_lint.corpus.identity import ReportIdentity
from disclosure_lint.document.normalize import ascii_digits
from disclosure_lint.document.parse import parse_source, source_from_bytes
from disclosure_lint.engine.context import Context
from disclosure_lint.engine.lint import lint_document
from disclosure_lint.engine.options import Options
from disclosure_lint.engine.results import KnownLine, kept_lines, resolve_positions, unpack
from disclosure_lint.source import Source, Span

from .conftest import FIXTURES, ROOT, needs_shared, shared_files

# ---- the plain forms, as they were before issue 17's speed work --------------------------------------

_KEEP = re.compile(r"[\u3400-\u9fff0-9A-Za-z%.]")
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_NOT_FIGURE_AFTER = re.compile(r"^\s*(?:年|月|日|号|时|分|秒|季度|周年|届|级|楼|层|路|栋|室|岁|点|[、.．)）])")


def old_figures(text: str) -> tuple[str, ...]:
    out = []
    for m in _NUMBER.finditer(text):
        raw = m.group()
        after = text[m.end():m.end() + 3]
        if _NOT_FIGURE_AFTER.match(after) or len(raw.replace(".", "")) >= 7:
            continue
        if re.fullmatch(r"(?:19|20)\d{2}", raw) and after.startswith("年"):
            continue
        out.append(raw)
    return tuple(out)


def old_marks(text: str) -> list[tuple[int, bool]]:
    return sorted([(m.start(), True) for m in S._PROBLEMS_HEAD.finditer(text)] +
                  [(m.start(), False) for m in S._NEXT_HEAD.finditer(text)])


def old_units(ctx, s, loc) -> None:
    names = sorted({raw for _, raw in s.identity.evidence} | ({s.identity.agency} if s.identity.agency else set()),
                   key=len, reverse=True)
    names = [n for n in names if len(n) >= 2]
    problems = False
    for p in ctx.document.paragraphs():
        text = p.text
        marks = old_marks(text)
        mi = 0
        for m in S._SENTENCE.finditer(text):
            while mi < len(marks) and marks[mi][0] < m.end():
                problems = marks[mi][1]
                mi += 1
            sent = m.group()
            if S._BOILERPLATE.search(sent):
                continue
            a = ascii_digits(sent)
            for n in names:
                a = a.replace(n, "Ａ")
            figures = old_figures(a)
            norm = "".join(_KEEP.findall(S._YEAR.sub("Y", a)))
            if len(norm) < S.MIN_UNIT and len(figures) < 3:
                continue
            lead = len(sent) - len(sent.lstrip())
            span = p.ptext.span(m.start() + lead, m.end())
            s.units.append(S.Unit(norm, figures, problems, loc(span)))


class OldLocator:
    def __init__(self, source) -> None:
        self.source = source

    def __call__(self, span: Span) -> S.Loc:
        src = self.source
        text = src.text
        n = len(text)
        a, b = min(span.start, n), min(span.end, n)
        l1, c1 = src.line_col(a)
        l2, c2 = src.line_col(b)
        starts = src.line_starts
        line_start = starts[l1 - 1]
        line_end = starts[l1] if l1 < len(starts) else n
        w0 = max(line_start, a - S.FRAME)
        w1 = min(line_end, (b if l2 == l1 else a) + S.FRAME)
        frame = text[w0:w1].rstrip("\r\n")
        return S.Loc(span.start, span.end, l1, c1, l2, c2, frame, w0 - line_start + 1)


def old_keep_own_lines(res, source, diags) -> None:
    kept = kept_lines(source, diags)
    if not kept:
        return
    text, starts = source.text, source.line_starts
    margin = corpus_run.MARGIN
    wanted: dict[int, list[tuple[int, int]]] = {}
    places = [(loc.line, loc.col - 1, loc.end_col - 1 if loc.end_line == loc.line else None,
               loc.frame_col - 1, loc.frame_col - 1 + loc.frame_len)
              for loc in loc_index(res.summary).values()]
    places.append((1, 0, 0, 0, 0))
    for line, col0, col1, w0, w1 in places:
        p = kept.get(line)
        if p is None:
            continue
        lo = max(0, min(col0, p) - margin)
        hi = p if col1 is None else min(p, max(col0, col1, w1) + margin)
        got = wanted.setdefault(line, [])
        if w0 >= w1:
            got.append((lo, hi))
            continue
        if lo < w0:
            got.append((lo, min(w0, hi)))
        if w1 < hi:
            got.append((max(w1, lo), hi))
    for line, spans in wanted.items():
        known = res.lines[line] = KnownLine(kept[line])
        if not spans:
            continue
        spans.sort()
        start = starts[line - 1]
        cur_lo, cur_hi = spans[0]
        windows = []
        for lo, hi in spans[1:] + [(None, None)]:
            if lo is not None and lo <= cur_hi:
                cur_hi = max(cur_hi, hi)
                continue
            if cur_lo < cur_hi:
                windows.append((cur_lo, text[start + cur_lo:start + cur_hi]))
            if lo is not None:
                cur_lo, cur_hi = lo, hi
        known.lay_many(windows)


def old_stats_2008(ctx, s, loc) -> None:
    """``_stats_2008`` before its tables were passed on a first look for 累: every table's first rows keyed."""
    from disclosure_lint.document import Blank, NotApplicable, Number, Table
    from disclosure_lint.document.normalize import label_key

    view = next((v for k, v in ctx.tables.items() if k not in ("table2", "table3", "table4")
                 and {"year", "cumulative"} <= set(v.columns)), None)
    if view is not None:
        from disclosure_lint.document.indicators import row_name

        schema = ctx.edition.tables.get("stats", {}) if ctx.edition is not None else {}
        for r in view.row_order:
            y, c = ST._cell(view, r, "year", loc), ST._cell(view, r, "cumulative", loc)
            key = ST.stats_row_key(row_name(schema, view, r)) or r
            if y is not None and c is not None and key not in s.stats:
                s.stats[key] = {"year": y, "cumulative": c}
        return
    for t in ctx.document.tables():
        if not isinstance(t, Table):
            continue
        ycol = ccol = None
        for row in t.rows[:3]:
            for cell in row.cells:
                k = label_key(cell.text)
                if "历年累计" in k:
                    ccol = cell.col
                elif ST._YEAR_COLUMN.fullmatch(k):
                    ycol = cell.col
        if ycol is None or ccol is None:
            continue
        for row in t.rows:
            if not row.labels or not row.values:
                continue
            key = ST.stats_row_key(row.labels[0].text)
            if not key or key in s.stats:
                continue
            by_col = {c.col: c for c in row.cells}
            got = {}
            for name, col in (("year", ycol), ("cumulative", ccol)):
                cell = by_col.get(col)
                if cell is None:
                    break
                v = cell.value
                if isinstance(v, Number):
                    got[name] = S.CellFact("number", str(v.value), loc(v.span), row.labels[0].text)
                elif isinstance(v, Blank):
                    got[name] = S.CellFact("blank", None, loc(v.span), row.labels[0].text)
                elif isinstance(v, NotApplicable):
                    got[name] = S.CellFact("na", None, loc(v.span), row.labels[0].text)
            if len(got) == 2:
                s.stats[key] = got
        if s.stats:
            return


def test_only_lei_and_its_compatibility_form_key_to_lei():
    """The 统计表 scan passes a table none of whose first cells holds 累 or U+F94F: label_key must map no
    other code point to a text holding 累 (NFKC is the only step that maps characters to CJK ones)."""
    import sys
    import unicodedata

    assert [c for c in range(sys.maxunicode + 1) if "累" in unicodedata.normalize("NFKC", chr(c))] == [0x7D2F, 0xF94F]


# ---- inputs ------------------------------------------------------------------------------------------

def _files() -> list:
    out = sorted(FIXTURES.glob("*.txt")) + sorted((FIXTURES / "real").glob("*.*"))
    out += sorted((ROOT / "examples").glob("*.html")) + sorted((ROOT / "examples").glob("*.txt"))
    out += shared_files("corpus/real-html/*.html", "corpus/real/*.txt")[:40]
    return [p for p in out if p.suffix in (".html", ".txt")]


def _linted(path):
    opts = Options()
    doc = parse_source(source_from_bytes(path.read_bytes(), str(path)))
    ctx = Context(doc, opts)
    return doc, ctx, lint_document(doc, opts, context=ctx)


def _lines(res) -> list:
    return [(k, v.length, v.text(0, v.length)) for k, v in res.lines.items()]


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_summary_and_kept_lines_as_the_plain_forms_make_them(path, monkeypatch):
    doc, ctx, diags = _linted(path)
    fast = S.summarise(ctx)
    # the plain summary: the same, with the units, the 统计表 rows and every place made by the plain forms
    plain_loc = OldLocator(doc.source)
    slow = S.ReportSummary(fast.path, fast.identity, _anchor(ctx, plain_loc), fast.published)
    with monkeypatch.context() as m:
        m.setattr(ST, "_stats_2008", old_stats_2008)
        ST.read_tables(ctx, slow, plain_loc)
    old_units(ctx, slow, plain_loc)
    slow.suppressions = fast.suppressions
    assert fast.to_dict() == slow.to_dict()
    assert [u.loc for u in fast.units] == [u.loc for u in slow.units]
    # the lines kept for code frames
    a = resolve_positions(fast.path, doc.source, diags)
    a.summary = fast
    corpus_run._keep_own_lines(a, doc.source, diags)
    b = resolve_positions(fast.path, doc.source, diags)
    b.summary = slow
    old_keep_own_lines(b, doc.source, diags)
    assert _lines(a) == _lines(b)


def _result(res) -> tuple:
    return (res.positions, res.texts, res.contexts, {k: (v[0], unpack(v[1]), v[2]) for k, v in res.frames.items()},
            _lines(res))


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
@pytest.mark.parametrize("keep", [None, ()], ids=["all", "concise"])
def test_lint_with_summary_as_resolved_apart(path, keep):
    """The findings' positions counted in the summary's pass (summarise_counting) are those resolved
    apart, on the source's own line index, as lint_with_summary made them before; and the summary too."""
    from disclosure_lint.engine.results import resolve_kept

    opts = Options()
    doc = parse_source(source_from_bytes(path.read_bytes(), str(path)))
    fast = corpus_run.lint_with_summary(str(path), doc, opts, keep)
    doc2, ctx2, diags2 = _linted(path)
    doc2.source.line_starts  # noqa: B018  (the index: positions as the source itself gives them)
    slow = resolve_kept(str(path), doc2.source, diags2, keep)
    summary = S.summarise(ctx2)
    summary.path = str(path)
    slow.summary = summary
    if keep is None:
        corpus_run._keep_own_lines(slow, doc2.source, diags2)
    assert _result(fast) == _result(slow)
    assert fast.summary.to_dict() == summary.to_dict()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab中\n", max_size=200), st.data())
def test_few_lines_known_as_counted_alone(text, data):
    """FewLines.known from the locator's count answers as FewLines counting the offsets itself."""
    from disclosure_lint.engine.few_lines import FewLines

    spans = data.draw(st.lists(st.tuples(st.integers(0, len(text) + 3), st.integers(0, 30)), min_size=1, max_size=6))
    offsets = data.draw(st.lists(st.integers(0, len(text) + 3), max_size=8))
    loc = S._Locator(Source(text))
    loc.also = offsets
    for a, n in spans:
        loc(Span(a, a + n))
    loc.pack()
    known, alone = FewLines.known(text, offsets, loc.counted), FewLines(text, offsets)
    for o in offsets:
        assert known.line_col(o) == alone.line_col(o)
        assert known.line_bounds(o) == alone.line_bounds(o)


def _anchor(ctx, loc):
    from disclosure_lint.checks._common import doc_anchor

    return loc(doc_anchor(ctx))


# ---- hypothesis: the pieces on drawn text --------------------------------------------------------------

def _pieces(*vocab: str, max_size: int = 12):
    """Text drawn as a run of pieces (words, numbers, spaces): the boundaries the patterns test meet often."""
    return st.lists(st.sampled_from(vocab), max_size=max_size).map("".join)


FIGURE_TEXT = st.one_of(
    st.text(alphabet="0123456789.． \t\u3000年月季度周届、)）a\u0661\u0662一", max_size=40),
    _pieces("5", "12", "2019", "20", "3.5", "1234567", "123456.7", "\u0663", " ", "  ", "\u3000", "\t", "年", "季度",
            "周年", "届", "、", ")", "）", ".", "．", "a", "人"))


@settings(max_examples=400, deadline=None)
@given(FIGURE_TEXT)
def test_figures_as_the_plain_form(text):
    assert S._figures(text) == old_figures(text)


MARK_TEXT = st.text(alphabet="一二十、 \n政府信息公开工作存在的主要问题不足改进其他。", max_size=40)


@settings(max_examples=400, deadline=None)
@given(MARK_TEXT)
def test_marks_as_the_plain_form(text):
    assert S._marks(text) == old_marks(text)


PARAGRAPH = st.one_of(
    st.text(alphabet="。；;!？ ，、一二、存在的主要问题改进本报告首页平潭县局Ａ年度2019２０1.．5 %\t", max_size=120),
    _pieces("平潭县", "Ａ局", "县局", "平潭综合实验区", "局", "。", "；", "!", "，", "、", "一、", "存在的主要问题", "改进",
            "本报告", "2019年", "２０２０年", "12", "3.5", "１２", "件", " ", "政府信息公开工作", "申请", "受理",
            "办理", "答复", "依法", "公开", max_size=30))
NAMES = st.lists(st.one_of(st.text(alphabet="平潭县局Ａ。；年2", min_size=0, max_size=4),
                           st.sampled_from(["平潭县", "Ａ局", "县局", "平潭", "局。", "2局"])), max_size=3)


class _Paragraph:
    def __init__(self, text: str, start: int) -> None:
        from disclosure_lint.source.ptext import _empty, _literal

        self.text = text
        self.ptext = _literal(text, start) if text else _empty()


class _Doc:
    def __init__(self, paragraphs) -> None:
        self._p = paragraphs

    def paragraphs(self):
        return iter(self._p)


class _Ctx:
    def __init__(self, paragraphs) -> None:
        self.document = _Doc(paragraphs)


@settings(max_examples=300, deadline=None)
@given(st.lists(PARAGRAPH, max_size=4), NAMES, st.text(alphabet="平潭县局Ａ", max_size=4))
# the Ａ a longer name leaves makes a shorter name that holds Ａ appear
@example(["平潭县局依法受理政府信息公开申请，办理答复依法公开，平潭县局本年度受理政府信息公开申请件数较上年有所增加。"], ["平潭县", "Ａ局"], "")
# a short paragraph (under MIN_UNIT) is a unit only through three figures: exactly three here
@example(["共1件，2件，3件。"], [], "")
# short headings whose marks alone carry over (two marks in one: the last decides) to the next paragraph
@example(["一、概述 二、存在的主要问题", "本机关依法受理政府信息公开申请，办理答复依法公开，本年度受理申请件数较上年有所增加。"], [], "")
def test_units_as_the_plain_form(texts, names, agency):
    source = Source("\n".join(texts))
    paragraphs, at = [], 0
    for t in texts:
        paragraphs.append(_Paragraph(t, at))
        at += len(t) + 1
    ident = ReportIdentity(agency, agency, "", 2021, "title", "2021", "annual-report", "high",
                           [("title", n) for n in names])
    fast = S.ReportSummary("x", ident, None)
    slow = S.ReportSummary("x", ident, None)
    loc = S._Locator(source)
    S._units(_Ctx(paragraphs), fast, loc)
    loc.pack()
    old_units(_Ctx(paragraphs), slow, OldLocator(source))
    assert [u.to_list() for u in fast.units] == [u.to_list() for u in slow.units]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab中\r\n", max_size=300), st.lists(st.tuples(st.integers(0, 320), st.integers(0, 40)),
                                                          max_size=8))
def test_locator_as_the_plain_form(text, spans):
    source = Source(text)
    fast, slow = S._Locator(source), OldLocator(source)
    got = [fast(Span(a, a + n)) for a, n in spans]
    fast.pack()
    assert [x.to_list() for x in got] == [slow(Span(a, a + n)).to_list() for a, n in spans]
    for x in got:  # a window packed with others reads back, alone, as the window
        k, plain = KnownLine(), KnownLine()
        x.lay_on(k)
        plain.lay(x.frame_col - 1, x.frame)
        assert (k.length, k.text(0, k.length)) == (plain.length, plain.text(0, plain.length))
    # the windows read back when read in any order (the last stream read is kept unpacked)
    for x in reversed(got):
        assert x.frame == slow(Span(x.start, x.end)).frame


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab中\n", max_size=300), st.lists(st.tuples(st.integers(0, 320), st.integers(0, 120)),
                                                        max_size=12))
# places on the last line, at the text's end, past it, on a break, and across lines
@example("ab\n中中\n\nab", [(0, 0), (2, 0), (3, 2), (5, 1), (6, 0), (7, 2), (9, 0), (12, 5), (1, 8)])
def test_locator_counts_lines_as_the_index(text, spans):
    """A text without \\r is placed by counting its line breaks (no line index built): as the index places it."""
    source = Source(text)
    fast = S._Locator(source)
    got = [fast(Span(a, a + n)) for a, n in spans]
    fast.pack()
    assert source._line_starts is None  # counted, not indexed
    slow = OldLocator(Source(text))
    assert [x.to_list() for x in got] == [slow(Span(a, a + n)).to_list() for a, n in spans]


def test_locator_counts_lines_of_a_long_line_and_of_many_lines():
    text = "中" * 5000 + "\n" + "\n".join("行" * (i % 90) for i in range(3000)) + "\n末"
    spans = [(0, 3), (4990, 20), (5000, 1), (5001, 0)] + [(k, k % 300) for k in range(5002, len(text) + 5, 997)]
    fast = S._Locator(Source(text))
    got = [fast(Span(a, a + n)) for a, n in spans]
    fast.pack()
    slow = OldLocator(Source(text))
    assert [x.to_list() for x in got] == [slow(Span(a, a + n)).to_list() for a, n in spans]


# ---- the copies: the pairs, as find_copies made them -------------------------------------------------

from disclosure_lint.corpus.copies import (  # noqa: E402
    LSH_THRESHOLD, MAX_BUCKET, MAX_SHARE, MIN_PASSAGE, NUM_PERM, SMALL, CopyMatch, _distinctive, _order,
    _pair_allowed, find_copies)
from disclosure_lint.corpus.context import CorpusContext  # noqa: E402

def old_near_pairs(distinct: list[str], notes: list[str]):
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
        for k, g in enumerate(grams):
            hits = []
            for other in range(k):
                h = grams[other]
                if min(len(g), len(h)) < LSH_THRESHOLD * max(len(g), len(h)):
                    continue  # sizes too far apart for the Jaccard index to reach the threshold
                if len(g & h) >= LSH_THRESHOLD * len(g | h):
                    hits.append(other)
            if len(hits) <= MAX_BUCKET:
                for other in hits:
                    yield k, other
        return
    try:
        from datasketch import MinHash, MinHashLSH
    except ImportError:
        from disclosure_lint.i18n import _

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


def old_find_copies(ctx) -> dict:
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
    runs: dict[tuple[str, ...], list[tuple[int, Unit]]] = {}
    for i, r in enumerate(reports):
        for u in r.units:
            if _distinctive(u.figures):
                lst = runs.setdefault(u.figures, [])
                if not lst or lst[-1][0] != i:
                    lst.append((i, u))
    for lst in runs.values():
        if len(lst) < 2 or len({reports[i].path for i, _u in lst}) > MAX_SHARE:
            continue
        for x in range(len(lst)):
            for y in range(x + 1, len(lst)):
                (i, ui), (j, uj) = lst[x], lst[y]
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
        for x in range(len(lst)):
            for y in range(x + 1, len(lst)):
                (i, ui), (j, uj) = lst[x], lst[y]
                if i != j:
                    add("passage", reports[i], ui, reports[j], uj)
    for k, other in old_near_pairs(distinct, notes):
        for i, ui in texts[distinct[k]]:
            for j, uj in texts[distinct[other]]:
                if i != j:
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


def _matches(found) -> list:
    return [(m.kind, m.later.path, m.other.path, [(id(a), id(b)) for a, b in m.units]) for m in found["matches"]]


def _copied(summaries, copies: int) -> list:
    """The summaries again *copies* times, each copy under its own path (a crawl's copies of a page)."""
    import copy

    out = []
    for i in range(copies):
        for s in summaries:
            c = copy.deepcopy(s)
            c.path = f"{s.path}#{i}"
            out.append(c)
    return out


def _summaries_of(paths) -> list:
    out = []
    for p in paths:
        _doc, ctx, _d = _linted(p)
        s = S.summarise(ctx)
        s.path = str(p)
        out.append(s)
    return out


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    from disclosure_lint.tools.series import generate_corpus

    from .conftest import write_reports

    folder = write_reports(tmp_path_factory.mktemp("series"), generate_corpus(
        4, [2019, 2020, 2021, 2022, 2023], seed=7, breaks=[(1, 2022)], copies=[(2, 2023, 3, 2022), (0, 2021, 1, 2021)]))
    return _summaries_of(sorted(folder.rglob("*.html")))


@pytest.mark.parametrize("copies", [1, 3, 12])
def test_copies_as_the_plain_form_on_a_generated_corpus(generated, copies):
    summaries = _copied(generated, copies)
    fast, slow = find_copies(CorpusContext(summaries)), old_find_copies(CorpusContext(summaries))
    assert _matches(fast) == _matches(slow)
    assert fast["notes"] == slow["notes"]
    if copies == 1:
        assert fast["matches"]  # the planted copies are found: the comparison is not of nothing


@needs_shared
@pytest.mark.parametrize("copies", [1, 2, 5])
def test_copies_as_the_plain_form_on_the_real_pages(copies):
    base = _summaries_of(shared_files("corpus/real-html/*.html") + shared_files("corpus/real/*.txt")[:30])
    summaries = _copied(base, copies)
    fast, slow = find_copies(CorpusContext(summaries)), old_find_copies(CorpusContext(summaries))
    assert _matches(fast) == _matches(slow)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcdefghij", min_size=12, max_size=40), min_size=1, max_size=4),
       st.lists(st.tuples(st.integers(0, 3), st.text(alphabet="abcdefghij", max_size=6), st.booleans()),
                min_size=2, max_size=60))
def test_near_pairs_as_the_plain_form(bases, edits):
    from disclosure_lint.corpus.copies import _near_pairs

    # sentences made from a few bases with a few characters added before or after: near-identical ones
    # are common, of sizes a little apart
    texts = [(e + bases[b % len(bases)]) if front else (bases[b % len(bases)] + e) for b, e, front in edits]
    distinct = list(dict.fromkeys(texts))
    assert list(_near_pairs(distinct, [])) == list(old_near_pairs(distinct, []))


# ---- the 2008 统计表 in a report of a later edition (read from the grid, not the edition's schema) -------

def _stats_page(head_row: int, lei: str) -> bytes:
    rows = [["政府信息公开情况统计表", "", "", ""], ["单位：件", "", "", ""], ["指标名称", "计量单位", "本年度", f"历年{lei}计"],
            ["一、主动公开情况", "", "", ""], ["（一）主动公开政府信息数", "条", "120", "1500"],
            ["其中：网站公开", "条", "100", "1200"]]
    rows.insert(head_row, rows.pop(2))
    trs = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return (f"<html><body><h1>平潭县人民政府2021年政府信息公开工作年度报告</h1><p>本报告依据条例编制。</p>"
            f"<table>{trs}</table></body></html>").encode()


@pytest.mark.parametrize("lei", ["累", "\uf94f"])
@pytest.mark.parametrize("head_row", [0, 1, 2, 3])
def test_stats_rows_as_the_plain_form(head_row, lei):
    doc = parse_source(source_from_bytes(_stats_page(head_row, lei), "stats.html"), "html")
    ctx = Context(doc, Options())
    fast = S.summarise(ctx)
    slow = S.ReportSummary(fast.path, fast.identity, fast.anchor, fast.published)
    old_stats_2008(ctx, slow, OldLocator(doc.source))
    assert {k: {c: f.to_list() for c, f in v.items()} for k, v in fast.stats.items()} == \
        {k: {c: f.to_list() for c, f in v.items()} for k, v in slow.stats.items()}
    assert bool(fast.stats) == (head_row < 3)  # the header is looked for in the first three rows only


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.name)
def test_attach_finds_the_anchor_as_the_index_does(path):
    """attach() takes a finding on the summary's anchor span to be the anchor without building the index
    of places: the index holds the anchor under its span (before any other place with that span)."""
    _doc, ctx, _d = _linted(path)
    s = S.summarise(ctx)
    assert loc_index(s)[(s.anchor.start, s.anchor.end)] is s.anchor
