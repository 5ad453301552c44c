"""The built-in rules are found by listing the checks package's folder (checks.module_names), not by pkgutil:
the same modules as ``pkgutil.iter_modules`` finds, on the package itself and on a folder with a
subpackage, a private module, a non-module file and a folder that is no package."""
from __future__ import annotations

import pkgutil

from disclosure_lint import checks


def _by_pkgutil(paths) -> list[str]:
    return sorted({m.name for m in pkgutil.iter_modules(paths) if not m.name.startswith("_")})


def test_the_checks_package():
    assert checks.module_names(checks.__path__) == _by_pkgutil(checks.__path__)
    assert len(checks.module_names(checks.__path__)) > 40


def test_a_folder_of_every_kind(tmp_path):
    for name in ("dl900_a.py", "_private.py", "notes.txt", "dl901_b.py"):
        (tmp_path / name).write_text("")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "__init__.py").write_text("")
    (tmp_path / "data").mkdir()
    assert checks.module_names([str(tmp_path)]) == _by_pkgutil([str(tmp_path)]) == ["dl900_a", "dl901_b", "sub"]
