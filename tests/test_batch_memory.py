"""A batch holds one result per file until output: what it keeps must be bounded by what is reported
(windows of lines, packed texts), and render exactly as the whole lines did."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from disclosure_lint.cli.main import main
from disclosure_lint.corpus import run as corpus_run
from disclosure_lint.engine.results import KnownLine, pack, unpack
from disclosure_lint.output.full import _known_window, _window
from disclosure_lint.tools.series import generate_corpus

from .conftest import SHARED, needs_shared, write_reports


def _cell_len():
    from rich.cells import cell_len

    return cell_len


# no zero-width characters: a window is cut by display cells, and the kept margin (hundreds of code
# points) is what bounds it; ASCII, CJK (two cells), spaces, tabs and controls (shown escaped)
LINE = st.text(alphabet=st.sampled_from("ab 中文，\t\x01\x1b9"), max_size=1500)


@given(LINE, st.integers(0, 1600), st.integers(0, 300), st.booleans())
def test_known_window_is_the_whole_lines_window(line, col0, width, runs_on):
    cell_len = _cell_len()
    known = KnownLine()
    known.lay(0, line)
    col1 = None if runs_on else col0 + width
    n = len(line)
    whole = _window(line, min(col0, n), min(n if col1 is None else col1, n), cell_len)
    assert _known_window(known, col0, col1, cell_len) == whole


@given(st.lists(st.tuples(st.integers(0, 3000), st.text(alphabet="ab中 ", min_size=1, max_size=90)), max_size=6),
       st.integers(0, 3000))
def test_known_line_reads_as_the_windows_laid_over_spaces(parts, length):
    known = KnownLine(length)
    line = " " * length
    for start, text in parts:
        known.lay(start, text)
        line = line.ljust(start + len(text))
        line = line[:start] + text + line[start + len(text):]
    assert known.length == len(line)
    assert known.text(0, known.length) == line


@given(st.text(max_size=600))
def test_pack_round_trips(text):
    assert unpack(pack(text)) == text


@pytest.fixture(scope="module")
def planted(tmp_path_factory):
    return write_reports(tmp_path_factory.mktemp("series"), generate_corpus(
        4, [2021, 2022, 2023], seed=5, breaks=[(1, 2022)], copies=[(2, 2023, 3, 2022)]))


def _full(paths, capsys):
    main(["--format", "full", "--no-progress", "--isolated", "--color", "never", "--jobs", "1",
          *[str(p) for p in paths]])
    return capsys.readouterr().out


def _as_whole_lines(monkeypatch):
    """Keep every line whole, as results did before windows: the reference rendering."""
    monkeypatch.setattr(corpus_run, "MARGIN", 10 ** 9)
    monkeypatch.setattr(KnownLine, "MARGIN", 10 ** 9)


def test_cross_report_frames_render_as_from_whole_lines(planted, capsys, monkeypatch):
    windows = _full([planted], capsys)
    assert "= related" in windows and "DL60" in windows
    _as_whole_lines(monkeypatch)
    assert _full([planted], capsys) == windows


@needs_shared
def test_real_corpus_frames_render_as_from_whole_lines(capsys, monkeypatch):
    paths = [SHARED / "corpus" / "real-html", SHARED / "corpus" / "real"]
    windows = _full(paths, capsys)
    assert windows.count("= related") > 10
    _as_whole_lines(monkeypatch)
    assert _full(paths, capsys) == windows


def test_a_result_keeps_windows_not_lines(tmp_path):
    """A one-line report of 60,000 code points with findings far into its line: the result keeps
    a few kilobytes of it, not the line."""
    from disclosure_lint.cli.main import _lint_one

    body = "一、总体情况\t" + "本机关依法公开政府信息，" * 5000 + "2020年将继续做好公开工作。"
    p = tmp_path / "2021_report.txt"
    p.write_text("某县2021年政府信息公开工作年度报告 " + body, encoding="utf-8")
    cli = {"select": ("ALL",), "extend_select": (), "ignore": (), "fail_on": None, "edition": None, "year": None,
           "agency_level": None, "kind": None, "lang": None}
    res = _lint_one(str(p), cli, None, True, None, True)
    assert res.diagnostics
    kept = sum(len(t) for t in res.texts.values() if isinstance(t, str))
    kept += sum(len(t) for t in res.texts.values() if isinstance(t, bytes))
    kept += sum(len(f[1]) for f in res.frames.values())
    kept += sum(len(t) for k in res.lines.values() for _s, _n, t, _o in k.parts)
    assert kept < 30_000 + 2_000 * len(res.diagnostics)
