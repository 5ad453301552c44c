"""Write ``source/re_cache.txt``: the compiled code of every regular expression our code compiles.

    python -m disclosure_lint.tools.re_cache [PATH ...]   # default: examples/ and tests/fixtures/

It imports every module of the package, lints PATH (every kind of report there: HTML, text, .docx, PDF when
the extra is installed) in this process in every output format, then records, for each pattern that went
through ``compile_re`` (and every ``lazy()`` pattern defined at module level, used or not), the arguments
``re.compile`` passes to ``_sre.compile``.  Run it with the Python the package ships for (CI: 3.11): the
file is keyed by the Python that wrote it and ignored by any other.  A test fails when linting the examples
compiles a pattern the file lacks (then run this again).
"""
from __future__ import annotations

import contextlib
import importlib
import io
import pkgutil
import re
import sys
from pathlib import Path

import _sre

import disclosure_lint
from ..source import re_cache
from ..source.lazy_re import LazyPattern

ROOT = Path(__file__).resolve().parents[3]
FORMATS = ("full", "concise", "json", "sarif", "github", "junit", "csv", "html")


def import_everything() -> list[str]:
    """Import every module of the package (module-level patterns compile now); the names that failed."""
    failed = []
    for info in pkgutil.walk_packages(disclosure_lint.__path__, "disclosure_lint."):
        if info.name.rsplit(".", 1)[-1] == "__main__":
            continue
        try:
            importlib.import_module(info.name)
        except Exception:  # an optional extra not installed
            failed.append(info.name)
    return failed


def lazy_patterns() -> list[tuple]:
    """(type, pattern, flags) of every ``lazy()`` pattern held at module level (also in tuples, lists, dicts)."""
    keys = []
    for name, module in list(sys.modules.items()):
        if not name.startswith("disclosure_lint"):
            continue
        for value in list(vars(module).values()):
            inner = value.values() if isinstance(value, dict) else value if isinstance(value, (tuple, list)) else ()
            for v in (value, *inner):
                for item in (v, *(v if isinstance(v, tuple) else ())):
                    if isinstance(item, LazyPattern):
                        pattern, flags = item._source
                        keys.append((type(pattern), pattern, int(flags)))
    return keys


def lint_everything(paths: list[str], formats=FORMATS) -> None:
    """Lint ``paths`` in this process, in every output format (each format compiles its own patterns)."""
    from ..cli.main import main

    for fmt in formats:
        for extra in ([], ["--no-corpus"]):
            with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
                try:
                    main(["--format", fmt, "--jobs", "1", "--no-progress", "--exit-zero", *extra, *paths])
                except SystemExit:
                    pass


class _Recorder:
    """Stands for the ``_sre`` module inside ``re._compiler`` while one pattern compiles: keeps the arguments."""

    def __init__(self) -> None:
        self.args = None

    def __getattr__(self, name):
        return getattr(_sre, name)

    def compile(self, *args):
        self.args = args
        return _sre.compile(*args)


def entry(pattern, flags: int) -> tuple[str, str]:
    """One cache entry: what ``re.compile(pattern, flags)`` passes to ``_sre.compile``."""
    recorder = _Recorder()
    re.purge()  # re's own cache would skip the compiler
    saved = re._compiler._sre
    re._compiler._sre = recorder
    try:
        compiled = re.compile(pattern, flags)
    finally:
        re._compiler._sre = saved
    pat, final_flags, code, groups, groupindex, indexgroup = recorder.args
    assert pat is pattern and compiled.pattern == pattern
    assert groupindex == {name: i for i, name in enumerate(indexgroup) if name}
    return re_cache.entry_fields(pattern, flags, final_flags, code, groups, indexgroup)


def build(paths: list[str]) -> list[tuple[str, str]]:
    """The cache's entries for every pattern compiled while importing everything and linting ``paths``."""
    import_everything()
    lint_everything(paths)
    keys = dict.fromkeys([*re_cache.asked, *lazy_patterns()])
    return sorted(entry(pattern, flags) for _type, pattern, flags in keys)


def write(lines: list[tuple[str, str]], path: str = re_cache.CACHE_FILE) -> None:
    with open(path, "w", encoding="ascii", newline="\n") as f:
        f.write(re_cache.file_text(lines))


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    paths = argv or [str(ROOT / "examples"), str(ROOT / "tests" / "fixtures")]
    lines = build(paths)
    write(lines)
    print(f"{len(lines)} patterns for {re_cache.cache_key()} -> {re_cache.CACHE_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
