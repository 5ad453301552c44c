"""The pre-commit hook: its definition is valid and its entry runs on the example files as pre-commit would."""
import shlex
import subprocess
import sys

import yaml

from .conftest import ROOT


def test_hook_definition_and_entry_run():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    hook = next(h for h in hooks if h["id"] == "dlint")
    assert hook["language"] == "python" and "html" in hook["types_or"]
    import re
    files = [f for f in ["examples/clean-2021.html", "examples/defects-2022.html", "README.md"]
             if re.search(hook["files"], f)]
    assert files == ["examples/clean-2021.html", "examples/defects-2022.html"]
    argv = shlex.split(hook["entry"])
    assert argv[0] == "dlint"
    # pre-commit appends the staged file names to the entry
    p = subprocess.run([sys.executable, "-m", "disclosure_lint", *argv[1:], "--isolated", *files],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 1 and "examples/defects-2022.html:" in p.stdout
    p = subprocess.run([sys.executable, "-m", "disclosure_lint", *argv[1:], "--isolated", files[0]],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 0, p.stdout
