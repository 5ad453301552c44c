"""Worst-case inputs: time grows linearly with the input, for every regex and for every report shape
that once did not.

Timings are ratios measured inside one test (4× the input against 1×), taken as the best of a few runs
of CPU time, with generous bounds: a linear path gives ~4×, a quadratic one 16×, a cubic one 64×.
"""
from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import disclosure_lint

from .conftest import best_cpu

LINEAR_BOUND = 8.0     # 4× the input may cost at most this many times the time (quadratic would be 16×)
TOO_FAST = 0.02        # seconds: below this at 4× the measurement is noise, and nothing is quadratic anyway
PATTERN_TOO_FAST = 0.003  # one pattern on 2,400 characters: a linear scan takes microseconds


def _ratio(make, run, n) -> tuple[float, float]:
    small, big = make(n), make(4 * n)
    t1 = best_cpu(lambda: run(small))
    t4 = best_cpu(lambda: run(big))
    return t4, t4 / max(t1, 1e-6)


# ---- every compiled pattern of the package, against the strings its structure suggests ------------

def _patterns():
    seen = set()
    for mod in pkgutil.walk_packages(disclosure_lint.__path__, "disclosure_lint."):
        if mod.name.endswith(("__main__", ".server", "docgen")) or ".server." in mod.name:
            continue
        try:
            m = importlib.import_module(mod.name)
        except Exception:  # an optional extra that is not installed
            continue
        for name, value in vars(m).items():
            if hasattr(value, "pattern") and hasattr(value, "search") and isinstance(value.pattern, str):
                key = (value.pattern, getattr(value, "flags", 0))
                if key not in seen:
                    seen.add(key)
                    yield f"{mod.name}.{name}", value


_CLASS_SAMPLES = {r"\s": " ", r"\d": "1", r"\w": "a", ".": "a"}


def _alphabet(pattern: str) -> list[str]:
    """Characters the pattern's quantifiers take: its literals, and one sample per escape class."""
    chars = set()
    for esc, sample in _CLASS_SAMPLES.items():
        if esc in pattern:
            chars.add(sample)
    body = re.sub(r"\\[pP]\{[^}]*\}|\\[A-Za-z]|\(\?[:=!<>PiLmsux#]+", "", pattern)
    for ch in body:
        if ch not in "()[]{}?*+|^$\\.,-" and not ch.isspace():
            chars.add(ch)
    chars.update(" 0")
    return sorted(chars)[:24]


def _adversarial(pattern: str, n: int) -> list[str]:
    alpha = _alphabet(pattern)
    out = [c * n + "\x00" for c in alpha]
    # pairs of characters alternating (e.g. "年 " or "(<") catch groups that take both
    for i, a in enumerate(alpha[:7]):
        for b in alpha[i + 1:7]:
            out.append((a + b) * (n // 2) + "\x00")
    return out


PATTERNS = list(_patterns())


def test_the_package_has_patterns_to_check():
    assert len(PATTERNS) > 40


@pytest.mark.parametrize("name,pattern", PATTERNS, ids=[n for n, _ in PATTERNS])
def test_pattern_is_linear_on_adversarial_strings(name, pattern):
    n = 600
    worst = None
    for s_small, s_big in zip(_adversarial(pattern.pattern, n), _adversarial(pattern.pattern, 4 * n)):
        def run(s):
            for m in pattern.finditer(s):
                pass
            pattern.match(s)
        t4 = best_cpu(lambda: run(s_big), repeat=1)
        if t4 < PATTERN_TOO_FAST:
            continue
        t4 = best_cpu(lambda: run(s_big))
        t1 = best_cpu(lambda: run(s_small))
        ratio = t4 / max(t1, 1e-6)
        if worst is None or ratio > worst[0]:
            worst = (ratio, t4, s_small[:12])
    if worst is not None:
        assert worst[0] <= LINEAR_BOUND, f"{name}: 4× the input costs {worst[0]:.1f}× ({worst[1]:.2f} s) on {worst[2]!r}…"


def test_a_quadratic_pattern_is_caught():
    """The check above must be able to fail: a pattern that backtracks quadratically is measured as such."""
    bad = re.compile(r"a*x")  # from every start the run is scanned to its end: quadratic
    s1, s4 = "a" * 1000 + "\x00", "a" * 4000 + "\x00"

    def run(s):
        for m in bad.finditer(s):
            pass
    t4 = best_cpu(lambda: run(s4))
    assert t4 / max(best_cpu(lambda: run(s1)), 1e-6) > LINEAR_BOUND


# ---- the report shapes of issue 18 ---------------------------------------------------------------

def _html(body: str) -> str:
    return "<html><body>" + body + "</body></html>"


SHAPES = {
    "separator line": (lambda n: "=" * n + "x\n某县2021年政府信息公开工作年度报告\n一、总体情况\n", "text", 2000),
    "long table cell": (lambda n: "一、总体情况\n项目|数量|数量\n收到申请|1" + " " * n + "x\n5|6\n合计|2|3\n", "text", 10000),
    "brackets in a title": (lambda n: "<html><body><h1>" + "(" * n + "2020年政府信息公开工作年度报告</h1>"
                            "<p>一、总体情况</p></body></html>", "html", 10000),
    "unclosed tags": (lambda n: "<html><head><title>x</title></head><body>" + "<a " * n, "html", 5000),
    "end tags without >": (lambda n: _html("</a" * n), "html", 10000),
    "padded suppression": (lambda n: _html("<!-- dlint: disable=" + " " * n + "!--><p>x</p>"), "html", 2000),
    "rows continued on the next line": (lambda n: "一、总体情况\n" + "".join(f"行{i}|1\n|2|3\n" for i in range(n)),
                                        "text", 500),
    "plan year repeated": (lambda n: "某县2021年政府信息公开工作年度报告\n五、政府信息公开工作存在的主要问题及改进情况\n"
                           + "2020年将" * n + "\n", "text", 3000),
    "rowspan=65535 on 20 cells a row": (lambda n: _html("<table>" + "".join(
        "<tr>" + '<td rowspan="65535">1</td>' * 20 + "</tr>" for _ in range(n)) + "</table>"), "html", 150),
}


@pytest.mark.parametrize("shape", list(SHAPES))
def test_shape_is_linear(shape):
    from disclosure_lint import lint_text

    make, kind, n = SHAPES[shape]
    lint_text(make(10), kind=kind)  # warm up: imports, rule loading, editions
    t4, ratio = _ratio(make, lambda s: lint_text(s, kind=kind), n)
    if t4 < TOO_FAST:
        return
    assert ratio <= LINEAR_BOUND, f"{shape}: 4× the input costs {ratio:.1f}× the time ({t4:.2f} s)"


# ---- random report shapes, grown 4× ---------------------------------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

_PIECES = {
    "heading": lambda i: f"{'一二三四五六'[i % 6]}、总体情况\n",
    "paragraph": lambda i: f"本年度共收到申请{i + 12}件，其中网上申请{i + 5}件、当面申请{i % 7}件，占{(i * 7) % 100}%。\n",
    "text table row": lambda i: f"行{i}|{i}|{i + 1}|{2 * i + 1}\n",
    "separator": lambda i: "=" * (20 + i % 30) + "\n",
    "date": lambda i: f"{2020 + i % 5}年{1 + i % 12}月{1 + i % 28}日\n",
    "spaces": lambda i: " " * (50 + i % 200) + "x\n",
    "brackets": lambda i: "（" * (5 + i % 20) + "平潭\n",
}
_HTML_PIECES = {
    "table": lambda i: "<table>" + "".join(f"<tr><td>行{i}-{k}</td><td>{k}</td><td rowspan='3'>{k + i}</td></tr>"
                                            for k in range(3)) + "</table>",
    "paragraph": lambda i: f"<p>共公布政府信息{i + 100}条（其中：文件{i}条、动态{i + 1}条）。</p>",
    "tags": lambda i: "<div><span>" * (3 + i % 5) + "x" + "</span></div>" * (3 + i % 5),
    "comment": lambda i: f"<!-- {i} -->" + "<a " * (i % 4),
}


@settings(max_examples=6, deadline=None)
@given(kind=st.sampled_from(["text", "html"]), picks=st.lists(st.integers(0, 10_000), min_size=3, max_size=8),
       which=st.lists(st.integers(0, 100), min_size=3, max_size=8))
def test_random_report_shapes_grow_linearly(kind, picks, which):
    from disclosure_lint import lint_text

    pieces = _PIECES if kind == "text" else _HTML_PIECES
    names = sorted(pieces)

    def make(n):
        out = ["某县2021年政府信息公开工作年度报告\n" if kind == "text" else "<html><body><h1>某县2021年政府信息公开工作年度报告</h1>"]
        for k in range(n):
            for p, w in zip(picks, which):
                out.append(pieces[names[w % len(names)]](p + k))
        if kind == "html":
            out.append("</body></html>")
        return "".join(out)

    lint_text(make(2), kind=kind)
    t4, ratio = _ratio(make, lambda s: lint_text(s, kind=kind), 120)
    if t4 < 0.05:
        return  # too fast to measure apart from the fixed costs: nothing grows badly here
    assert ratio <= LINEAR_BOUND, f"{kind} report of {names}: 4× the input costs {ratio:.1f}× ({t4:.2f} s)"


def test_parse_json_of_a_table_without_figures_is_linear():
    """`dlint parse --json` of a table whose values are all — (issue 18): every row was a header row
    of every cell, so the dump was quadratic in the rows."""
    import io

    from disclosure_lint.output.dump import dump_tree
    from disclosure_lint.document.parse import parse_text

    def make(n):
        return ("<html><body><h1>某县2021年政府信息公开工作年度报告</h1><table>"
                + "".join(f"<tr><td>行{i}</td><td>—</td><td>—</td></tr>" for i in range(n)) + "</table></body></html>")

    def run(s):
        dump_tree(parse_text(s, kind="html"), io.StringIO(), as_json=True)

    t4, ratio = _ratio(make, run, 1000)
    if t4 >= TOO_FAST:
        assert ratio <= LINEAR_BOUND, f"4× the rows cost {ratio:.1f}× ({t4:.2f} s)"


# ---- grids: spanning cells stored once ------------------------------------------------------------

def _reference_positions(raw) -> list[list[tuple[int, int]]]:
    """Every grid position materialised, the straightforward way (the grid as it was first written):
    for each row, (column, (row, col) of the cell there) for each occupied column, in column order."""
    from disclosure_lint.document.grid import MAX_COLSPAN, MAX_WIDTH

    grid, pending, nrows = [], {}, len(raw.rows)
    for r, raw_row in enumerate(raw.rows):
        row = {}
        for col, (cell, left) in list(pending.items()):
            row[col] = cell
            if left <= 1:
                del pending[col]
            else:
                pending[col] = (cell, left - 1)
        c = 0
        for rc in raw_row.cells:
            while c in row:
                c += 1
            if c >= MAX_WIDTH:
                break
            colspan = max(1, min(rc.colspan, MAX_COLSPAN, MAX_WIDTH - c))
            rowspan = min(rc.rowspan, nrows - r)
            for dc in range(colspan):
                if c + dc not in row:
                    row[c + dc] = (r, c)
                    if rowspan > 1:
                        pending[c + dc] = ((r, c), rowspan - 1)
            c += colspan
        grid.append([(k, row[k]) for k in sorted(row)])
    return grid


_TEXTS = ["一、本年新收", "合计", "1", "2", "", "—", "无", "3件", "项目", "二"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.tuples(st.sampled_from(_TEXTS), st.sampled_from([1, 1, 1, 2, 3, 9, 65535]),
                                   st.sampled_from([1, 1, 1, 2, 3, 150, 100000]), st.booleans()),
                         max_size=7), min_size=1, max_size=9),
       st.booleans())
def test_compact_grid_answers_as_the_materialised_grid(spec, from_text):
    """Rows whose cells all come from rows above share one positions list; every row still reads the
    cell at each grid position, and the labels and values a fresh split of those positions gives."""
    from disclosure_lint.document.grid import _is_label, _split_labels, resolve
    from disclosure_lint.source.ptext import PText
    from disclosure_lint.readers.blocks import RawCell, RawRow, RawTable
    from disclosure_lint.source import Span

    pos, rows = 0, []
    for cells in spec:
        raw_cells = []
        for text, rowspan, colspan, header in cells:
            raw_cells.append(RawCell(PText.literal(text, pos), Span(pos, pos + len(text) + 1), rowspan, colspan, header))
            pos += len(text) + 2
        rows.append(RawRow(raw_cells, Span(pos, pos + 1)))
        pos += 2
    raw = RawTable(rows, Span(0, pos), from_text=from_text)
    table = resolve(raw)
    expected = _reference_positions(raw)
    assert [[(c.row, c.col) for c in r.cells] for r in table.rows] == [[v for _, v in r] for r in expected]
    assert table.width == max((r[-1][0] + 1 for r in expected if r), default=0)
    own = []  # every cell once, in its first row, in column order: what Table.cells() yields
    for r in table.rows:
        for c in r.cells:
            if c.row == r.index and all(c is not x for x in own):
                own.append(c)
    assert [id(c) for c in table.cells()] == [id(c) for c in own]
    for r in table.rows:
        distinct = list({id(c): c for c in r.cells}.values())
        labels, values = _split_labels(r.index, distinct, [_is_label(c) for c in distinct])
        assert [id(c) for c in r.labels] == [id(c) for c in labels]
        assert [id(c) for c in r.values] == [id(c) for c in values]


def test_a_tall_rowspan_is_stored_once():
    """rowspan=65535 on 20 cells a row (issue 18): the table is at most MAX_WIDTH columns wide, the cells
    that find no room are left out with one DL002 problem, and the rows below share one positions list."""
    from disclosure_lint.document.grid import MAX_WIDTH
    from disclosure_lint.document.parse import parse_text

    n = 300
    doc = parse_text(_html("<table>" + "".join("<tr>" + f'<td rowspan="65535">{i}</td>' * 20 + "</tr>"
                                               for i in range(n)) + "</table>"), kind="html")
    t = doc.tables()[0]
    assert t.width == MAX_WIDTH and len(t.rows) == n
    assert len({id(r.cells) for r in t.rows}) <= MAX_WIDTH // 20 + 1
    assert t.rows[-1].cells[0] is t.rows[0].cells[0] and len(t.rows[-1].cells) == MAX_WIDTH
    left = [m for m, _ in t.problems if "left out" in m]
    assert left == [f"{(n - MAX_WIDTH // 20) * 20} cells past column {MAX_WIDTH} were left out"]


# ---- memory: 4× the input, at most ~4× the peak; no object per character ---------------------------

def _peak(text: str, kind: str = "html") -> int:
    import gc
    import tracemalloc

    from disclosure_lint import lint_text

    gc.collect()
    tracemalloc.start()
    try:
        lint_text(text, kind=kind)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


_HEAD = "<html><body><h1>某县2021年政府信息公开工作年度报告</h1><p>一、总体情况</p>"
MEMORY_SHAPES = {
    "rowspan=65535 on 20 cells a row": (lambda n: _HEAD + "<table>" + "".join(
        "<tr>" + f'<td rowspan="65535">{i}</td>' * 20 + "</tr>" for i in range(n)) + "</table></body></html>", 100, None),
    "a long table": (lambda n: _HEAD + "<table><tr><td>项目</td><td>本年</td><td>上年</td></tr>" + "".join(
        f"<tr><td>收到申请事项{i}</td><td>{i % 97}</td><td>{i % 89}</td></tr>" for i in range(n))
        + "</table></body></html>", 500, None),
    # one paragraph-long sentence: a string per character (DL503 counted them so) was 40x the file more
    "numbers in one paragraph": (lambda n: _HEAD + "<p>" + "".join(f"本年度收到申请{i}件，" for i in range(n))
                                 + "</p></body></html>", 2500, 30),
}


@pytest.mark.parametrize("shape", list(MEMORY_SHAPES))
def test_peak_memory_grows_linearly(shape):
    from disclosure_lint import lint_text

    make, n, most = MEMORY_SHAPES[shape]
    lint_text(make(2), kind="html")  # imports, editions and caches are not the shape's
    small, big = make(n), make(4 * n)
    p1, p4 = _peak(small), _peak(big)
    assert p4 / p1 <= 5.0, f"{shape}: 4× the input costs {p4 / p1:.1f}× the memory"
    if most is not None:
        size = len(big.encode("utf-8"))
        assert p4 / size <= most, f"{shape}: peak {p4 / size:.0f}× the file"
