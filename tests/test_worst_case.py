"""Worst-case inputs: time grows linearly with the input, for every regex and for every report shape
that once did not.

Timings are ratios measured inside one test (4× the input against 1×), taken as the best of a few runs
of CPU time, with generous bounds: a linear path gives ~4×, a quadratic one 16×, a cubic one 64×.
"""
from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import disclosure_lint

LINEAR_BOUND = 8.0     # 4× the input may cost at most this many times the time (quadratic would be 16×)
TOO_FAST = 0.02        # seconds: below this at 4× the measurement is noise, and nothing is quadratic anyway
PATTERN_TOO_FAST = 0.003  # one pattern on 2,400 characters: a linear scan takes microseconds


def _cpu(fn, repeat=3) -> float:
    """Best CPU time of *repeat* runs, the cyclic garbage collector paused as the CLI pauses it per file
    (its passes grow with the heap the test itself has built, which is noise here)."""
    import gc

    best = float("inf")
    for _ in range(repeat):
        was = gc.isenabled()
        gc.disable()
        try:
            t = time.process_time()
            fn()
            best = min(best, time.process_time() - t)
        finally:
            if was:
                gc.enable()
    return best


def _ratio(make, run, n) -> tuple[float, float]:
    small, big = make(n), make(4 * n)
    t1 = _cpu(lambda: run(small))
    t4 = _cpu(lambda: run(big))
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
        t4 = _cpu(lambda: run(s_big), repeat=1)
        if t4 < PATTERN_TOO_FAST:
            continue
        t4 = _cpu(lambda: run(s_big))
        t1 = _cpu(lambda: run(s_small))
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
    t4 = _cpu(lambda: run(s4))
    assert t4 / max(_cpu(lambda: run(s1)), 1e-6) > LINEAR_BOUND


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
