"""The evaluator's batch: CSV, the HTML scorecard, scores, baselines, --statistics JSON, --exit-zero, Dask."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_lint.output.score import report_score
from disclosure_lint.cli.main import lint_one, main
from disclosure_lint.output import render

from .conftest import ROOT

EXAMPLES = ROOT / "examples"
DEFECTS = EXAMPLES / "defects-2022.html"


@pytest.fixture
def results(monkeypatch):
    monkeypatch.chdir(ROOT)
    return [lint_one(str(p.relative_to(ROOT)), {}, None, True) for p in sorted(EXAMPLES.glob("*.*")) if
            p.suffix in (".html", ".txt")]


def _render(fmt, results) -> str:
    buf = io.StringIO()
    render(fmt, results, buf, color=False)
    return buf.getvalue()


def test_csv_rows_are_the_json_findings(results):
    out = _render("csv", results)
    assert out.startswith("\ufeff"), "Excel and WPS need the BOM to read UTF-8"
    rows = list(csv.DictReader(io.StringIO(out[1:])))
    items = json.loads(_render("json", results))
    assert len(rows) == len(items) > 0
    for row, item in zip(rows, items):
        assert (row["path"], row["code"], row["severity"]) == (item["path"], item["code"], item["severity"])
        assert (int(row["line"]), int(row["column"])) == (item["start"]["line"], item["start"]["column"])
        assert row["message"] == item["message"]
    d = next(r for r in rows if r["code"] == "DL211")
    assert d["text"] == "614" and d["agency"] == "某某市人力资源和社会保障局"
    assert d["report_year"] == "2022" and d["edition"] == "2021" and d["agency_level"] == "department"


def test_csv_cells_never_run_as_formulas():
    from disclosure_lint.output.csv_format import _cell

    assert _cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert _cell("@SUM(A1)") == "'@SUM(A1)"
    assert _cell("-5") == "-5" and _cell("12%") == "12%"
    assert _cell("a\x00b\x1bc") == "abc"


def test_score_is_the_same_in_csv_and_html(results):
    rows = list(csv.DictReader(io.StringIO(_render("csv", results)[1:])))
    page = _render("html", results)
    from lxml import html as lh

    tree = lh.fromstring(page)
    table = {tr.xpath("td[1]//text()")[0]: tr.xpath("td[last()]//text()")[0]
             for tr in tree.xpath("//table[@id='reports']/tbody/tr")}
    for res in results:
        score = report_score(res.diagnostics)
        assert table[res.path] == ("—" if score is None else str(score))
        for row in rows:
            if row["path"] == res.path:
                assert row["score"] == ("" if score is None else str(score))


def test_score_weights_and_caps():
    from disclosure_lint.engine.diagnostics import Diagnostic, Severity
    from disclosure_lint.source import Span

    def d(code, sev):
        return Diagnostic("p", code, "x", Severity(sev), "m", Span(0, 0))

    assert report_score([]) == 100
    assert report_score([d("DL201", "error"), d("DL101", "warning"), d("DL010", "info")]) == 87
    assert report_score([d("DL501", "error")] * 50) == 70, "one rule counts at most three times"
    assert report_score([d("DL201", "error")] * 3 + [d(f"DL2{i:02d}", "error") for i in range(20)]) == 0
    assert report_score([d("DL001", "error")]) is None
    assert report_score([], error="cannot read") is None


def test_html_scorecard_is_self_contained(results):
    page = _render("html", results)
    from lxml import html as lh

    tree = lh.fromstring(page)
    assert not tree.xpath("//script[@src] | //link | //img[@src] | //iframe | //object")
    assert "http://" not in page.replace("http://www.w3.org/", "") and "https://" not in page
    listed = {a.text for a in tree.xpath("//table[@id='reports']//a")}
    assert listed == {r.path for r in results}
    assert page.count("<svg") >= 3, "charts per rule, per agency, per year and pass shares"
    assert "614" in page and "<q>" in page  # the findings quote their text


def test_html_scorecard_escapes_report_text(tmp_path):
    bad = tmp_path / "x<script>alert(1)<!--.txt"
    bad.write_text("某县2021年政府信息公开工作年度报告\n一、总体情况\n共收到申请12件，其中网上申请15件\x1b]0;PWN\x07。\n",
                   encoding="utf-8")
    res = lint_one(str(bad), {}, None, True)
    page = _render("html", [res])
    assert "<script>alert" not in page and "<!--" not in page
    assert "\x1b" not in page and "\x07" not in page


def _png_is_blank(path: Path) -> bool:
    from PIL import Image

    img = Image.open(path).convert("L")
    hist = img.histogram()
    total = sum(hist)
    light = sum(hist[240:])
    return total == 0 or light / total > 0.995


def test_scorecard_renders_in_chromium(results, tmp_path):
    browser = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if not browser:
        pytest.skip("Chromium is not installed (.ci/run installs Debian's chromium): the scorecard was not "
                    "rendered in a browser")
    page = tmp_path / "scorecard.html"
    page.write_text(_render("html", results), encoding="utf-8")
    shot = tmp_path / "shot.png"
    cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,2000", f"--screenshot={shot}",
           page.as_uri()]
    subprocess.run(cmd, capture_output=True, timeout=120)
    assert shot.exists() and shot.stat().st_size > 10_000
    assert not _png_is_blank(shot)
    blank = tmp_path / "blank.html"
    blank.write_text("<html><body></body></html>")
    shot2 = tmp_path / "blank.png"
    subprocess.run(cmd[:-2] + [f"--screenshot={shot2}", blank.as_uri()], capture_output=True, timeout=120)
    assert _png_is_blank(shot2), "the blankness check must be able to fail"


def test_statistics_as_json(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["--isolated", "--statistics", "--format", "json", "examples/"]) == 1
    doc = json.loads(capsys.readouterr().out)
    assert doc["files"] >= 3 and doc["total"] == sum(r["count"] for r in doc["rules"]) > 0
    assert {"code", "name", "severity", "count"} <= set(doc["rules"][0])


def test_exit_zero(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["--isolated", "--format", "concise", str(DEFECTS.relative_to(ROOT))]) == 1
    assert main(["--isolated", "--exit-zero", "--format", "concise", str(DEFECTS.relative_to(ROOT))]) == 0
    assert "DL211" in capsys.readouterr().out


def _lint_json(path, *extra) -> list:
    out = io.StringIO()
    old = sys.stdout
    sys.stdout = out
    try:
        status = main(["--isolated", "--format", "json", *extra, str(path)])
    finally:
        sys.stdout = old
    return status, json.loads(out.getvalue())


def test_baseline_reports_only_new_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    report = tmp_path / "r.html"
    lines = DEFECTS.read_text(encoding="utf-8").splitlines(keepends=True)
    report.write_text("".join(lines), encoding="utf-8")
    assert main(["--isolated", "--write-baseline", "base.json", "r.html"]) == 0
    base = json.loads((tmp_path / "base.json").read_text(encoding="utf-8"))
    status, before = _lint_json("r.html")
    assert len(base["findings"]) == len(before) > 0

    # Move lines about: new lines at the top, two table rows swapped, a paragraph moved down.
    moved = ["<!-- edited -->\n", "\n", "\n"] + lines
    i = next(k for k, ln in enumerate(moved) if "<p>行政处罚</p>" in ln)
    moved[i], moved[i + 1] = moved[i + 1], moved[i]
    report.write_text("".join(moved), encoding="utf-8")
    status, now = _lint_json("r.html", "--baseline", "base.json")
    assert now == [] and status == 0, "moving lines must not bring old findings back"

    # Change one cell: 4.保护第三方合法权益's total 3 → 4.
    k = next(k for k, ln in enumerate(moved) if "4.保护第三方合法权益" in ln)
    assert moved[k].rstrip().endswith("<td><p>3</p></td></tr>")
    moved[k] = moved[k].rstrip()[:-len("<td><p>3</p></td></tr>")] + "<td><p>4</p></td></tr>\n"
    report.write_text("".join(moved), encoding="utf-8")
    status, now = _lint_json("r.html", "--baseline", "base.json")
    assert now and status == 1
    line = k + 1
    assert any(f["start"]["line"] == line or any(r["start"]["line"] == line for r in f["related"]) for f in now)
    status_all, everything = _lint_json("r.html")
    assert len(everything) > len(now)


def test_baseline_counts_repeated_findings(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    para = "共受理申请12件，其中网上申请15件、当面申请2件。\n"
    r = tmp_path / "r.txt"
    r.write_text("某县2021年政府信息公开工作年度报告\n" + para, encoding="utf-8")
    assert main(["--isolated", "--select", "DL212", "--write-baseline", "b.json", "r.txt"]) == 0
    r.write_text("某县2021年政府信息公开工作年度报告\n" + para + para, encoding="utf-8")
    status, now = _lint_json("r.txt", "--select", "DL212", "--baseline", "b.json")
    assert len(now) == 1 and status == 1


def test_bad_baseline_is_a_usage_error(tmp_path, capsys):
    bad = tmp_path / "b.json"
    bad.write_text("[1, 2]")
    assert main(["--isolated", "--baseline", str(bad), str(DEFECTS)]) == 2
    assert "not a dlint baseline" in capsys.readouterr().err
    assert main(["--isolated", "--baseline", str(tmp_path / "missing.json"), str(DEFECTS)]) == 2


def test_dask_crawl_equals_a_plain_run(tmp_path, monkeypatch):
    pytest.importorskip("dask.bag", reason="the dask extra is not installed")
    monkeypatch.chdir(ROOT)
    out = tmp_path / "d.json"
    csv_out = tmp_path / "d.csv"
    html_out = tmp_path / "d.html"
    proc = subprocess.run([sys.executable, "examples/crawl_dask.py", "examples", "--isolated", "--json", str(out),
                           "--csv", str(csv_out), "--html", str(html_out)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    status, plain = _lint_json("examples")
    assert json.loads(out.read_text(encoding="utf-8")) == plain and plain
    main_out = io.StringIO()
    old = sys.stdout
    sys.stdout = main_out
    try:
        main(["--isolated", "--format", "csv", "examples"])
    finally:
        sys.stdout = old
    with open(csv_out, encoding="utf-8", newline="") as fh:
        assert fh.read() == main_out.getvalue()
    assert "dlint" in html_out.read_text(encoding="utf-8")
