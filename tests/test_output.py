"""Rendered output: golden files (UPDATE_GOLDEN=1 rewrites them), and each format's contract."""
import io
import json
import os
import re
from pathlib import Path

import pytest

from disclosure_lint.cli.main import lint_one, main
from disclosure_lint.output import render

from .conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
EXAMPLE = "examples/defects-2022.html"


@pytest.fixture
def results(monkeypatch):
    monkeypatch.chdir(ROOT)
    return [lint_one(EXAMPLE, {}, None, True)]


@pytest.mark.parametrize("fmt", ["concise", "json", "full", "github", "junit"])
def test_golden(results, fmt):
    buf = io.StringIO()
    render(fmt, results, buf, color=False)
    out = buf.getvalue()
    path = GOLDEN / f"defects-2022.{fmt}"
    if os.environ.get("UPDATE_GOLDEN"):
        path.parent.mkdir(exist_ok=True)
        path.write_text(out, encoding="utf-8")
    assert out == path.read_text(encoding="utf-8")


def test_golden_files_are_not_empty():
    for f in GOLDEN.glob("defects-2022.*"):
        assert "DL201" in f.read_text(encoding="utf-8"), f


def test_sarif(results):
    buf = io.StringIO()
    render("sarif", results, buf)
    doc = json.loads(buf.getvalue())
    assert doc["version"] == "2.1.0"
    run = doc["runs"][0]
    assert any(r["id"] == "DL201" and r["help"]["text"] for r in run["tool"]["driver"]["rules"])
    res = run["results"]
    assert res and all("region" in r["locations"][0]["physicalLocation"] for r in res)
    reg = res[0]["locations"][0]["physicalLocation"]["region"]
    assert reg["startLine"] >= 1 and reg["startColumn"] >= 1


def test_github_format_prints_workflow_commands(results):
    buf = io.StringIO()
    render("github", results, buf)
    lines = buf.getvalue().splitlines()
    assert lines and all(re.match(r"^::(error|warning|notice) file=", ln) for ln in lines)


def test_statistics_and_output_file(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    out = tmp_path / "out.txt"
    assert main(["--isolated", "--statistics", "-o", str(out), EXAMPLE]) == 1
    text = out.read_text(encoding="utf-8")
    assert re.search(r"^\s+1\tDL201\ttable-row-total\terror$", text, re.M)
    assert "total in 1 file" in text


def test_quiet_prints_nothing_when_clean(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["--isolated", "--quiet", "--format", "full", "examples/clean-2021.html"]) == 0
    assert capsys.readouterr().out == ""


def test_fail_on_error_ignores_warnings(capsys, monkeypatch, tmp_path):
    f = tmp_path / "r.txt"
    f.write_text("三、存在的问题\n四、下一步工作\n三、提高时效性。\n", encoding="utf-8")
    assert main(["--isolated", "--select", "DL103", str(f)]) == 1
    assert main(["--isolated", "--select", "DL103", "--fail-on", "error", str(f)]) == 0


def test_jobs_give_identical_output(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    files = ["examples/defects-2022.html", "examples/clean-2021.html", "examples/report-2021.txt",
             "tests/fixtures/003_f7632ce373c8f0b8.txt", "tests/fixtures/002_01564996d88ef138.txt"]
    main(["--isolated", "--format", "concise", "--jobs", "1", *files])
    one = capsys.readouterr().out
    main(["--isolated", "--format", "concise", "--jobs", "2", *files])
    assert capsys.readouterr().out == one


class _TTY(io.StringIO):
    def isatty(self):
        return True


class _Args:
    jobs = 1
    config = None
    isolated = True
    no_progress = False


def test_progress_bar_only_on_a_terminal_outside_ci(monkeypatch):
    from disclosure_lint.cli import main as cli

    monkeypatch.chdir(ROOT)
    files = ["examples/clean-2021.html", "examples/defects-2022.html"]
    monkeypatch.delenv("CI", raising=False)
    err = _TTY()
    monkeypatch.setattr("sys.stderr", err)
    cli._run(files, {}, _Args, None)
    assert "files/s" in err.getvalue() and "2/2" in err.getvalue()
    monkeypatch.setenv("CI", "true")
    err2 = _TTY()
    monkeypatch.setattr("sys.stderr", err2)
    cli._run(files, {}, _Args, None)
    assert err2.getvalue() == ""
    monkeypatch.delenv("CI")
    plain = io.StringIO()
    monkeypatch.setattr("sys.stderr", plain)
    cli._run(files, {}, _Args, None)
    assert plain.getvalue() == ""


def test_a_worker_that_dies_does_not_stop_the_batch(monkeypatch, tmp_path, capsys):
    """A file that kills its worker process gets DL000; the other files are linted; no traceback."""
    import subprocess
    import sys
    import textwrap

    files = []
    for i in range(5):
        f = tmp_path / f"r{i}.txt"
        f.write_text("三、存在的问题\n四、下一步工作\n三、提高时效性。\n", encoding="utf-8")
        files.append(str(f))
    killer = tmp_path / "r2.txt"
    script = textwrap.dedent(f"""
        import os, sys
        sys.path.insert(0, {str(ROOT / 'src')!r})
        from disclosure_lint.cli import main as cli
        real = cli.lint_one
        def lint_one(path, *a, **k):
            if path.endswith("r2.txt"):
                os._exit(9)
            return real(path, *a, **k)
        cli.lint_one = lint_one
        sys.exit(cli.main(["--isolated", "--format", "concise", "--jobs", "2", *{files!r}]))
    """)
    p = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert "Traceback" not in p.stderr, p.stderr
    assert p.returncode == 2
    assert f"{killer}:1:1: DL000" in p.stdout
    assert sum(1 for ln in p.stdout.splitlines() if "DL103" in ln) == 4
