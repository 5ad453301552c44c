"""Plugins: the example plugin installs and its rule runs; a broken plugin is reported and skipped."""
import os
import subprocess
import sys

import pytest

from .conftest import ROOT


def _run(args, pythonpath):
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(pythonpath), str(ROOT / "src")]))
    return subprocess.run([sys.executable, "-m", "disclosure_lint", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    target = tmp_path_factory.mktemp("plugin")
    p = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target),
                        str(ROOT / "examples" / "plugin")], capture_output=True, text=True, timeout=300)
    if p.returncode != 0:
        pytest.skip(f"could not build the example plugin here: {p.stderr[-300:]}")
    return target


def test_example_plugin_rule_is_listed_and_runs(installed, tmp_path):
    out = _run(["rules"], installed)
    assert "XPL001" in out.stdout and "no-contact" in out.stdout
    r = tmp_path / "r.txt"
    r.write_text("某局2021年政府信息公开工作年度报告\n一、总体情况\n本年度工作有序开展。\n", encoding="utf-8")
    out = _run(["--isolated", "--format", "concise", "--select", "XPL", str(r)], installed)
    assert "XPL001" in out.stdout and out.returncode == 0  # info does not fail
    out = _run(["explain", "XPL001"], installed)
    assert "How to fix" in out.stdout


def test_broken_plugin_is_reported_and_skipped(tmp_path):
    dist = tmp_path / "broken_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[disclosure_lint.rules]\nbroken = no_such_module_anywhere\n")
    r = tmp_path / "r.txt"
    r.write_text("一、总体情况\n", encoding="utf-8")
    out = _run(["--isolated", "--format", "concise", str(r)], tmp_path)
    assert "plugin 'broken' failed to load" in out.stderr
    assert "Traceback" not in out.stderr
    assert out.returncode in (0, 1)
