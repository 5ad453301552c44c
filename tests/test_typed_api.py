"""The public API is typed: py.typed ships, and mypy (when installed) finds no error in
disclosure_lint/__init__.py; a timeout is there only when asked for."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest

from .conftest import ROOT


def test_py_typed_is_shipped():
    assert (ROOT / "src" / "disclosure_lint" / "py.typed").is_file()
    assert '"disclosure_lint" = ["py.typed"]' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


@pytest.mark.skipif(importlib.util.find_spec("mypy") is None, reason="mypy is not installed")
def test_mypy_clean_on_the_public_api():
    p = subprocess.run([sys.executable, "-m", "mypy", "--follow-imports=silent", "--ignore-missing-imports",
                        "--no-incremental", str(ROOT / "src" / "disclosure_lint" / "__init__.py")],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr


def test_library_timeout_only_when_asked():
    from disclosure_lint import lint_text

    text = "一、总体情况\n" + "2020年将" * 20000
    assert isinstance(lint_text(text, kind="text"), list)  # no limit by default
    with pytest.raises(TimeoutError, match="gave up after"):
        lint_text("一、总体情况\n" + "2020年将" * 200000, kind="text", timeout=0.01)
