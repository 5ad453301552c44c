"""Start-up: what a run imports only when it needs it, and that those paths still work when they are taken."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import FIXTURES, ROOT

_MODULES_AFTER = """import json, runpy, sys
sys.argv = ["dlint", *{args!r}]
try:
    runpy.run_module("disclosure_lint", run_name="__main__")
except SystemExit:
    pass
sys.stderr.write("\\n@@" + json.dumps(sorted(sys.modules)))
"""


def modules_after(*args: str, env: dict | None = None) -> tuple[set[str], subprocess.CompletedProcess]:
    """The modules a ``dlint ARGS`` process has imported when it ends (and the process)."""
    p = subprocess.run([sys.executable, "-c", _MODULES_AFTER.format(args=list(args))], capture_output=True,
                       text=True, cwd=ROOT, timeout=300, env=env)
    err, _, mods = p.stderr.rpartition("\n@@")
    p.stderr = err
    return set(json.loads(mods)), p


def _page() -> str:
    return str(FIXTURES / "real" / "2013_pingtan-xian.html")  # a real page (a copy kept in tests/)


def test_version_imports_no_lint_machinery():
    mods, p = modules_after("--version")
    assert p.stdout.startswith("dlint ") and p.returncode == 0
    assert not mods & {"typing", "dataclasses", "tomllib", "traceback", "disclosure_lint.engine.registry"}


def test_a_lint_of_one_report_imports_no_toml_parser_traceback_nor_corpus_layer():
    mods, p = modules_after("--isolated", "--format", "concise", _page())
    assert p.returncode in (0, 1), p.stderr
    assert "disclosure_lint.engine.lint" in mods
    assert not mods & {"tomllib", "traceback", "disclosure_lint.corpus"}  # one report: no corpus stage


def test_a_configuration_file_is_still_read(tmp_path):
    (tmp_path / "dlint.toml").write_text('ignore = ["DL5"]\n', encoding="utf-8")
    page = tmp_path / "r.txt"
    page.write_text("某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序开展。\n", encoding="utf-8")
    mods, p = modules_after("--show-settings", str(page))
    assert "tomllib" in mods and "DL5" in p.stdout, p.stderr


_FAILING = '''"""A plugin whose rule fails."""
from disclosure_lint.engine.registry import rule


@rule("ZZ901", "always-fails", "warning")
def always_fails(ctx):
    """Fails on every report."""
    raise RuntimeError("boom")
    yield
'''


def test_a_failing_rule_is_reported_with_where_it_failed(tmp_path):
    """The internal-error finding names the rule's file and line (traceback is imported only then)."""
    dist = tmp_path / "failing_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: failing-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[disclosure_lint.rules]\nfailing = failing_plugin\n")
    (tmp_path / "failing_plugin.py").write_text(_FAILING, encoding="utf-8")
    page = tmp_path / "r.txt"
    page.write_text("某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序开展。\n", encoding="utf-8")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT / "src")]))
    mods, p = modules_after("--isolated", "--format", "concise", "--select", "ZZ9", str(page), env=env)
    assert "DL000" in p.stdout and "rule ZZ901 (always-fails) failed: RuntimeError: boom [failing_plugin.py:8]" \
        in p.stdout, p.stdout + p.stderr
    assert "traceback" in mods and "Traceback" not in p.stderr


# ---- the command line's parser: one formatter checks every argument's metavar ----------------------

def _stock_parser():
    """The check command's parser as argparse makes it (a formatter per argument added): the oracle."""
    import argparse

    from disclosure_lint.cli import args

    class Stock(args._Parser):
        add_argument = argparse.ArgumentParser.add_argument

    saved = args._Parser
    args._Parser = Stock
    try:
        return args._parser_check()
    finally:
        args._Parser = saved


ARGVS = [[], ["a.html"], ["--format", "json", "-j", "2", "x", "y"], ["--select", "dl2,DL3", "--ignore=DL5", "-q"],
         ["--exclude", "a", "--exclude", "b/**", "--extension", ".shtml", "--timeout-per-file", "0", "."],
         ["--lang", "zh", "--no-corpus", "--color", "never", "-o", "out.txt", "p"], ["--format", "nope"],
         ["--jobs", "x"], ["--bogus"], ["--versio"], ["--fo", "csv", "x"]]


def test_the_parser_is_the_one_argparse_makes(monkeypatch, capsys):
    from disclosure_lint.cli.args import _parser_check

    monkeypatch.setenv("COLUMNS", "100")
    ours, stock = _parser_check(), _stock_parser()
    assert "_get_formatter" not in vars(ours)  # the per-argument formatter is gone once arguments are added
    assert ours.format_help() == stock.format_help() and ours.format_usage() == stock.format_usage()
    monkeypatch.setenv("COLUMNS", "52")  # help made after the build follows the terminal's width, as before
    assert ours.format_help() == stock.format_help()
    for argv in ARGVS + [["--help"], ["--version"]]:
        got = []
        for parser in (ours, stock):
            try:
                got.append(vars(parser.parse_args(argv)))
            except SystemExit as exc:
                got.append((exc.code, capsys.readouterr()))
        assert got[0] == got[1], argv


def test_a_metavar_that_does_not_match_nargs_is_still_refused():
    import pytest

    from disclosure_lint.cli.args import _Parser

    p = _Parser(prog="dlint")
    with pytest.raises(ValueError, match="length of metavar tuple does not match nargs"):
        p.add_argument("--pair", nargs=2, metavar=("A", "B", "C"))
    p.add_argument("--pair", nargs=2, metavar=("A", "B"))
    assert "--pair A B" in p.format_usage()


# ---- the program's exit: what the run made is frozen before the interpreter's teardown ------------

def test_run_exits_with_mains_status_and_freezes_what_is_left(monkeypatch):
    import gc

    import pytest

    from disclosure_lint.cli import main as cli_main

    monkeypatch.setattr(cli_main, "main", lambda: 3)
    before = gc.get_freeze_count()
    try:
        with pytest.raises(SystemExit) as exc:
            cli_main.run()
        assert exc.value.code == 3 and gc.get_freeze_count() > before
    finally:
        gc.unfreeze()


def test_the_teardown_still_flushes_and_runs_atexit(tmp_path):
    page = tmp_path / "r.txt"
    page.write_text("某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序开展。\n" * 50, encoding="utf-8")
    code = ("import atexit, sys\n"
            "atexit.register(lambda: print('atexit ran'))\n"
            f"sys.argv = ['dlint', '--isolated', '--format', 'json', {str(page)!r}]\n"
            "from disclosure_lint.cli.main import run\n"
            "run()\n")
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300)
    out, _, tail = p.stdout.rpartition("]\n")
    assert tail == "atexit ran\n" and p.returncode == 1, p.stderr
    assert json.loads(out + "]")  # the whole report was written before the teardown


# ---- patterns compiled through the shipped cache instead of re's compiler ------------------------

def _old_expand(patterns, keys):
    """facts.arith._expand_cached as it was: fnmatch (its own re.compile) per pattern; the oracle."""
    import fnmatch

    out = []
    for p in patterns:
        if any(ch in p for ch in "*?["):
            out.extend(k for k in keys if fnmatch.fnmatchcase(k, p))
        else:
            out.append(p)
    return tuple(out)


from hypothesis import given, strategies as st  # noqa: E402

_GLOBS = st.text(alphabet="ab_*?[]!^-\\.", max_size=8)
_KEYS = st.lists(st.text(alphabet="ab_-.[]!\\\n", max_size=6), max_size=8)


@given(st.lists(_GLOBS, max_size=4), _KEYS)
def test_table_key_globs_match_as_fnmatch_does(patterns, keys):
    from disclosure_lint.facts.arith import _expand_cached

    assert _expand_cached(tuple(patterns), tuple(keys)) == _old_expand(patterns, keys)


def test_table_key_globs_of_the_editions_match_as_fnmatch_does():
    from disclosure_lint.document.editions import load_editions
    from disclosure_lint.facts.arith import _expand_cached

    globs = 0
    for edition in load_editions().values():
        for identity in edition.identities:
            schema = edition.tables.get(identity.get("table"), {})
            for keys in ([r["key"] for r in schema.get("rows", [])], [c if isinstance(c, str) else c["key"] for c in schema.get("columns", [])]):
                for side in ("lhs", "rhs"):
                    patterns = identity.get(side, [])
                    globs += sum(any(ch in p for ch in "*?[") for p in patterns)
                    assert _expand_cached(tuple(patterns), tuple(keys)) == _old_expand(patterns, keys)
    assert globs > 0
    assert _expand_cached(("deny_*", "x"), ("deny_1", "deny_2", "other")) == ("deny_1", "deny_2", "x")
