"""The command line keeps of each file's result only what its output reads (cli/keep.py), and finds a
file's configuration through a per-run cache of its folder's (cli/main.py _config_for): every format,
and a baseline, must come out exactly as from a result that keeps everything, and each file's
configuration must be the one its resolved path finds."""
from __future__ import annotations

import io
import re
import os
from pathlib import Path

import pytest

from disclosure_lint.batch.baseline import _prints
from disclosure_lint.cli import main as cli_main
from disclosure_lint.cli.keep import PARTS, _BY_FORMAT, parts_for
from disclosure_lint.cli.main import lint_one
from disclosure_lint.engine.config import find_config
from disclosure_lint.output import FORMATS, render

from .conftest import FIXTURES, ROOT, SHARED

FILES = [str(ROOT / "examples" / n) for n in ("defects-2022.html", "clean-2021.html", "report-2021.txt")]
FILES += [str(p) for p in sorted(FIXTURES.glob("*.txt"))[:6]]
if SHARED.is_dir():
    FILES += [str(p) for p in sorted((SHARED / "corpus" / "real-html").glob("*.html"))]


@pytest.fixture(scope="module")
def whole():
    """Every file's result as callers other than the command line get it: everything kept."""
    return [lint_one(f, {}, None, True) for f in FILES]


def _rendered(fmt: str, results) -> str:
    buf = io.StringIO()
    render(fmt, results, buf, color=False)
    return buf.getvalue()


def _timeless(out: str) -> str:
    """The scorecard names the minute it was made: two renderings a minute apart differ only there."""
    return re.sub(r"\d{4}-\d\d-\d\d \d\d:\d\d", "YYYY-MM-DD hh:mm", out)


def test_every_format_is_listed():
    assert set(_BY_FORMAT) == set(FORMATS)
    assert parts_for("no-such-format") is None


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_reads_only_what_is_kept(whole, fmt):
    keep = parts_for(fmt)
    kept = [lint_one(f, {"keep": keep}, None, True) for f in FILES]
    assert any(r.diagnostics for r in kept)
    assert _timeless(_rendered(fmt, kept)) == _timeless(_rendered(fmt, whole))
    if "texts" not in keep:  # what is not asked for is not made
        assert not any(r.texts for r in kept)
    if "report" not in keep:
        assert not any(r.report for r in kept)


def test_nothing_kept_but_positions(whole):
    kept = [lint_one(f, {"keep": ()}, None, True) for f in FILES]
    for a, b in zip(kept, whole):
        assert a.positions == b.positions and a.diagnostics == b.diagnostics
        assert not (a.texts or a.contexts or a.frames or a.report)


def test_a_baseline_reads_texts_and_contexts(whole):
    keep = parts_for("concise", baseline=True)
    assert set(keep) == {"texts", "contexts"}
    kept = [lint_one(f, {"keep": keep}, None, True) for f in FILES]
    for a, b in zip(kept, whole):
        assert list(_prints(a, str(ROOT))) == list(_prints(b, str(ROOT)))
    assert parts_for("full", statistics=True) == ()
    assert parts_for("json", baseline=True) == tuple(p for p in PARTS if p in ("texts", "contexts"))


def test_cli_formats_through_main(tmp_path, capsys, monkeypatch):
    """The whole command: each format's output equals the one from results that keep everything."""
    monkeypatch.chdir(ROOT)
    whole = [lint_one(f, {}, None, True) for f in FILES[:3]]
    for fmt in sorted(FORMATS):
        main_status = cli_main.main(["--isolated", "--no-corpus", "--no-progress", "--jobs", "1",
                                     "--format", fmt, *FILES[:3]])
        assert main_status in (0, 1)
        out = capsys.readouterr().out
        assert out == _rendered(fmt, whole), fmt


# ---- the configuration of each file ---------------------------------------------------------------

def _oracle(path: str):
    """The lookup as it was: each file's resolved path, its folder's configuration."""
    return find_config(Path(path).resolve().parent)


def test_config_per_folder_matches_the_resolved_path(tmp_path, monkeypatch):
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "c").mkdir(parents=True)
    (tmp_path / "a" / "dlint.toml").write_text('ignore = ["DL506"]\n', encoding="utf-8")
    (tmp_path / "b" / "dlint.toml").write_text('ignore = ["DL101"]\n', encoding="utf-8")
    (tmp_path / "a" / "r.html").write_text("<p>x</p>", encoding="utf-8")
    (tmp_path / "b" / "c" / "s.html").write_text("<p>x</p>", encoding="utf-8")
    os.symlink(tmp_path / "a" / "r.html", tmp_path / "b" / "link.html")      # a file linked from b/
    os.symlink(tmp_path / "b" / "c", tmp_path / "a" / "dirlink")             # a folder linked from a/
    find_config.cache_clear()
    cli_main._folder_config.cache_clear()
    monkeypatch.chdir(tmp_path / "b")
    paths = ["link.html", "c/s.html", "../a/r.html", "../a/dirlink/s.html", "../a/dirlink/../r.html",
             str(tmp_path / "b" / "link.html"), str(tmp_path / "a" / "dirlink" / "s.html"), "./c/../link.html"]
    for p in paths:
        got = cli_main._config_for(p, None, False)
        assert got == _oracle(p), p
    assert cli_main._config_for("link.html", None, False).values["ignore"] == ("DL506",)
    assert cli_main._config_for("../a/dirlink/s.html", None, False).values["ignore"] == ("DL101",)
    # another current folder: the same relative name is another file
    monkeypatch.chdir(tmp_path / "a")
    (tmp_path / "a" / "c").mkdir()
    (tmp_path / "a" / "c" / "s.html").write_text("<p>x</p>", encoding="utf-8")
    assert cli_main._config_for("c/s.html", None, False) == _oracle("c/s.html")
    assert cli_main._config_for("c/s.html", None, False).values["ignore"] == ("DL506",)
    find_config.cache_clear()
    cli_main._folder_config.cache_clear()


def test_config_cache_is_per_run(tmp_path, capsys, monkeypatch):
    """A configuration written between two runs in one process is read by the second (after the
    lookup cache of find_config is cleared, as tests do)."""
    report = tmp_path / "r.html"
    report.write_bytes((ROOT / "examples" / "defects-2022.html").read_bytes())
    find_config.cache_clear()
    assert cli_main.main(["--format", "concise", "--no-progress", str(report)]) == 1
    assert "DL201" in capsys.readouterr().out
    (tmp_path / "dlint.toml").write_text('ignore = ["DL2"]\n', encoding="utf-8")
    find_config.cache_clear()
    cli_main.main(["--format", "concise", "--no-progress", str(report)])
    assert "DL201" not in capsys.readouterr().out
    find_config.cache_clear()


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_cli_formats_with_the_corpus_stage(fmt, tmp_path, capsys, monkeypatch):
    """With the corpus stage on (several files: each is linted with its summary, corpus/run.py), each
    format's output equals the one of a run that keeps everything of every result (parts_for -> None)."""
    monkeypatch.chdir(ROOT)
    files = FILES[:3] + FILES[-3:]
    argv = ["--isolated", "--no-progress", "--jobs", "1", "--format", fmt, *files]
    kept_status = cli_main.main(argv)
    kept = capsys.readouterr().out
    from disclosure_lint.cli import keep as keep_module

    monkeypatch.setattr(keep_module, "parts_for", lambda fmt, **kw: None)
    whole_status = cli_main.main(argv)
    whole = capsys.readouterr().out
    assert kept_status == whole_status
    assert _timeless(kept) == _timeless(whole), fmt
    assert kept


def test_the_corpus_path_makes_only_what_is_kept():
    """A file linted with its summary (the corpus path) keeps no texts, contexts, frames or own lines
    that its output does not read, and the same positions and findings."""
    made = []
    for f in FILES[:3]:
        a = lint_one(f, {"keep": ()}, None, True, summarise=True)
        b = lint_one(f, {}, None, True, summarise=True)
        assert a.summary is not None and a.positions == b.positions and a.diagnostics == b.diagnostics
        assert not (a.texts or a.contexts or a.frames or a.lines)
        made.append(bool(b.texts and b.contexts and b.frames and b.lines))
    assert any(made)  # everything kept: they are made
