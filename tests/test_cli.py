import json
import os
import subprocess
import sys


from disclosure_lint.cli.main import main

from .conftest import ROOT, seed


def run(*args, stdin=None):
    p = subprocess.run([sys.executable, "-m", "disclosure_lint", *args], capture_output=True, text=True,
                       input=stdin, cwd=ROOT)
    return p.returncode, p.stdout, p.stderr


def test_missing_path_exits_2(capsys):
    assert main(["no/such/file.html"]) == 2
    assert "no such file" in capsys.readouterr().err


def test_usage_error_exits_2():
    assert main(["--format", "nope", "x"]) == 2


def test_version():
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("dlint ")


def test_json_contract_and_positions_agree(tmp_path, capsys):
    text = seed(3).read_text(encoding="utf-8")
    code = main(["--format", "json", str(seed(3))])
    items = json.loads(capsys.readouterr().out)
    lines = text.splitlines(keepends=True)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln))
    for it in items:
        assert set(it) == {"path", "code", "name", "severity", "message", "start", "end", "text", "related",
                           "suggestion"}
        assert it["text"] == text[it["start"]["offset"]:it["end"]["offset"]]
        for pos in [it["start"], it["end"]] + [r[k] for r in it["related"] for k in ("start", "end")]:
            assert starts[pos["line"] - 1] + pos["column"] - 1 == pos["offset"]
    assert code in (0, 1)


def test_stdin_and_concise(capsys, monkeypatch):
    import io
    data = seed(2).read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    main(["--format", "concise", "--kind", "text", "-"])
    out = capsys.readouterr().out
    for line in out.splitlines():
        assert line.startswith("<stdin>:")


def test_parse_command_prints_tree(capsys):
    assert main(["parse", str(seed(2))]) == 0
    out = capsys.readouterr().out
    assert "Section L1 一、总体情况" in out and "Table" in out


def test_binary_file_gets_dl001(tmp_path, capsys):
    f = tmp_path / "report.html"
    f.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x01\x02binary")
    assert main(["--format", "concise", str(f)]) == 1
    assert "DL001" in capsys.readouterr().out


def test_a_broken_pdf_named_html_is_read_as_a_pdf(tmp_path, capsys):
    f = tmp_path / "report.html"
    f.write_bytes(b"%PDF-1.4\n\x00\x01\x02binary")
    assert main(["--format", "concise", str(f)]) == 1
    assert "DL014" in capsys.readouterr().out


def test_input_file_is_never_modified(tmp_path):
    f = tmp_path / "r.html"
    data = seed(2).read_bytes()
    f.write_bytes(data)
    main(["--format", "json", str(f)])
    assert f.read_bytes() == data


def test_undecodable_file_name_and_ascii_console(tmp_path):
    bad = os.fsencode(str(tmp_path)) + b"/\xff\xfe-report.txt"
    with open(bad, "wb") as fh:
        fh.write(seed(2).read_bytes())
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    p = subprocess.run([sys.executable, "-m", "disclosure_lint", "--isolated", "--format", "concise", str(tmp_path)],
                       capture_output=True, env=env, cwd=ROOT)
    assert p.returncode == 1, p.stderr
    assert b"Traceback" not in p.stderr
    assert b"DL303" in p.stdout


def test_unwritable_output_file_exits_2(tmp_path, capsys):
    assert main(["--isolated", "-o", str(tmp_path / "no" / "such" / "dir.txt"), str(seed(2))]) == 2
    assert "output-file" in capsys.readouterr().err


def test_a_folder_without_reports_warns(tmp_path, capsys):
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    assert main(["--isolated", "--format", "concise", str(tmp_path)]) == 0
    assert "no .html, .htm, .txt, .docx, .docm, .pdf files found" in capsys.readouterr().err


def test_version_and_help_load_nothing_a_lint_needs():
    """``dlint --version`` is the cold start the benchmark times (row 3): the walk, the configuration and
    the readers load only once the arguments are parsed, so --version and --help end before them."""
    code = ("import sys\nfrom disclosure_lint.cli.main import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "heavy = [m for m in ('disclosure_lint.cli.walk', 'disclosure_lint.engine.config', 'lxml', "
            "'disclosure_lint.readers.html', 'tomllib') if m in sys.modules]\n"
            "print('HEAVY', heavy)")
    for flag in ("--version", "--help"):
        p = subprocess.run([sys.executable, "-c", code, flag], capture_output=True, text=True)
        assert "HEAVY []" in p.stdout, (flag, p.stdout[-300:], p.stderr[-300:])
    from disclosure_lint.cli.main import EXTENSIONS  # still importable from the CLI module
    assert ".html" in EXTENSIONS


def test_one_report_loads_no_corpus_summaries(tmp_path):
    """A single report never runs the cross-report stage: its summaries (and their patterns) are not
    imported, although the DL60x rule modules import their codes from corpus.chains."""
    code = ("import sys\nfrom disclosure_lint.cli.main import main\n"
            "try:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
            "print('SUMMARY', 'disclosure_lint.corpus.summary' in sys.modules, "
            "'disclosure_lint.checks.dl601_carry_over_chain' in sys.modules)")
    p = subprocess.run([sys.executable, "-c", code, "--isolated", "--format", "concise", str(seed(2))],
                       capture_output=True, text=True)
    assert "SUMMARY False True" in p.stdout, (p.stdout[-300:], p.stderr[-300:])
