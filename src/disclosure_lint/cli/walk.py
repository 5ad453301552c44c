"""Which files a run lints: folder walks that respect ``.gitignore`` and ``exclude`` settings, skip
build and VCS folders, and only ever read regular files.

A file named on the command line is linted whatever its suffix or the exclude patterns say
(as ruff does); a folder is walked for the report suffixes (``.html .htm .txt`` plus
``--extension`` and the ``extension`` setting). FIFOs, sockets and devices met in a walk are
skipped with a note (reading them would block or never end); named on the command line they are
refused.
"""
from __future__ import annotations

import os
import re
import stat
from ..source.dataclass_cache import dataclass, field  # dataclasses.dataclass, its code cached

from ..i18n import _
from ..output.safe import path as shown
from ..source.re_cache import compile_re
from ..source.safe_io import kind_of

__all__ = ["EXTENSIONS", "DEFAULT_EXCLUDE", "IgnoreRules", "Walk", "collect"]

EXTENSIONS = (".html", ".htm", ".txt", ".docx", ".docm", ".pdf")
# Folders that never hold reports to lint: VCS data, virtual environments, build output, caches.
DEFAULT_EXCLUDE = (".git", ".hg", ".svn", ".bzr", "_darcs", ".jj", ".tox", ".nox", ".venv", "venv", ".eggs",
                   "*.egg-info", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", "node_modules",
                   "site-packages", "build", "dist", "_build", "__pypackages__")


def _glob_to_regex(pat: str) -> str:
    """gitignore-style glob → regex over a ``/``-separated relative path."""
    out = []
    i, n = 0, len(pat)
    while i < n:
        c = pat[i]
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("/**", i) and i + 3 == n:
            out.append("/.*")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            j = pat.find("]", i + 2 if i + 1 < n and pat[i + 1] in "!^" else i + 1)
            if j < 0:
                out.append(re.escape(c))
                i += 1
            else:
                body = pat[i + 1:j]
                if body[:1] in ("!", "^"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j + 1
        elif c == "\\" and i + 1 < n:
            out.append(re.escape(pat[i + 1]))
            i += 2
        else:
            out.append(re.escape(c))
            i += 1
    return "".join(out)


@dataclass
class _Rule:
    base: str        # the folder the pattern is relative to (absolute, normalised)
    regex: re.Pattern
    negate: bool
    dir_only: bool
    anchored: bool


@dataclass
class IgnoreRules:
    """An ordered list of gitignore-style patterns; the last one that matches decides."""

    rules: list[_Rule] = field(default_factory=list)

    def add(self, pattern: str, base: str) -> None:
        p = pattern.rstrip("\n\r")
        if not p.strip() or p.startswith("#"):
            return
        p = p.rstrip(" ") if not p.endswith("\\ ") else p
        negate = p.startswith("!")
        if negate:
            p = p[1:]
        elif p.startswith("\\!") or p.startswith("\\#"):
            p = p[1:]
        dir_only = p.endswith("/")
        p = p.rstrip("/")
        if not p:
            return
        anchored = "/" in p
        p = p.lstrip("/")
        try:
            regex = compile_re(_glob_to_regex(p) + r"\Z", re.S)  # re.compile; the defaults' code is shipped
        except re.error:
            return
        self.rules.append(_Rule(base, regex, negate, dir_only, anchored))

    def add_file(self, path: str) -> None:
        try:
            from ..source.safe_io import read_regular

            data = read_regular(path, 1024 * 1024)
        except OSError:
            return
        base = os.path.dirname(os.path.abspath(path))
        for line in data.decode("utf-8", "replace").splitlines():
            self.add(line, base)

    def ignored(self, abspath: str, is_dir: bool) -> bool:
        result = False
        name = os.path.basename(abspath)
        for r in self.rules:
            if r.dir_only and not is_dir:
                continue
            if r.anchored:
                rel = os.path.relpath(abspath, r.base).replace(os.sep, "/")
                if rel.startswith("../"):
                    continue
                hit = r.regex.match(rel) is not None
            else:
                hit = r.regex.match(name) is not None
            if hit:
                result = not r.negate
        return result


def _git_root(folder: str) -> str | None:
    d = os.path.abspath(folder)
    while True:
        if os.path.exists(os.path.join(d, ".git")):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


@dataclass
class Walk:
    files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)   # named paths that cannot be linted (exit 2)
    notes: list[str] = field(default_factory=list)    # things skipped in walks


def collect(paths: list[str], extensions=(), exclude=None, extend_exclude=(), respect_gitignore: bool = True,
            root: str | None = None) -> Walk:
    """The files to lint for *paths* (``-`` is standard input).

    *exclude* replaces :data:`DEFAULT_EXCLUDE`, *extend_exclude* adds to it; patterns are
    gitignore-style, relative to *root* (the configuration's folder; the current folder by default).
    """
    w = Walk()
    suffixes = tuple(dict.fromkeys(EXTENSIONS + tuple(x.lower() for x in extensions)))
    excl = None  # made at the first folder: the exclude patterns never apply to a file named on the command line
    for p in paths:
        if p == "-":
            w.files.append("-")
            continue
        try:
            st = os.stat(p)
        except OSError as exc:
            if isinstance(exc, FileNotFoundError):
                w.errors.append(_("{path}: no such file or directory", path=shown(p)))
            else:
                w.errors.append(_("{path}: cannot read: {reason}", path=shown(p), reason=exc.strerror or exc))
            continue
        if stat.S_ISREG(st.st_mode):
            w.files.append(p)
        elif stat.S_ISDIR(st.st_mode):
            if excl is None:
                excl = _exclude_rules(exclude, extend_exclude, root)
            _walk(p, w, suffixes, excl, respect_gitignore)
        else:
            w.errors.append(_("{path}: {what}, not a regular file; refused (reading it could block or never end)",
                              path=shown(p), what=kind_of(st.st_mode)))
    return w


def _exclude_rules(exclude, extend_exclude, root: str | None) -> IgnoreRules:
    base = os.path.abspath(root or os.getcwd())
    excl = IgnoreRules()
    for pat in (DEFAULT_EXCLUDE if exclude is None else tuple(exclude)) + tuple(extend_exclude):
        excl.add(pat, base)
    return excl


def _walk(top: str, w: Walk, suffixes: tuple[str, ...], excl: IgnoreRules, respect_gitignore: bool) -> None:
    ignore = IgnoreRules()
    if respect_gitignore:
        # .gitignore files from the repository root down to the walked folder apply to it
        root = _git_root(top)
        if root is not None:
            chain = []
            d = os.path.abspath(top)
            while True:
                chain.append(d)
                if d == root:
                    break
                parent = os.path.dirname(d)
                if parent == d:
                    break
                d = parent
            for d in reversed(chain[1:]):
                ignore.add_file(os.path.join(d, ".gitignore"))
            ignore.add_file(os.path.join(root, ".git", "info", "exclude"))
    stack = [(top, ignore)]
    while stack:
        folder, rules = stack.pop()
        if respect_gitignore and os.path.isfile(os.path.join(folder, ".gitignore")):
            rules = IgnoreRules(list(rules.rules))
            rules.add_file(os.path.join(folder, ".gitignore"))
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            w.notes.append(_("{path}: skipped, cannot list the folder: {reason}", path=shown(folder),
                             reason=exc.strerror or exc))
            continue
        subdirs = []
        for e in entries:
            full = os.path.join(folder, e.name)
            absfull = os.path.abspath(full)
            try:
                is_dir = e.is_dir(follow_symlinks=False)
            except OSError:
                continue
            if is_dir:
                if e.name.startswith(".") or excl.ignored(absfull, True) or rules.ignored(absfull, True):
                    continue
                subdirs.append(full)
                continue
            if not e.name.lower().endswith(suffixes):
                continue
            if excl.ignored(absfull, False) or rules.ignored(absfull, False):
                continue
            try:
                mode = os.stat(full).st_mode
            except OSError as exc:
                w.notes.append(_("{path}: skipped: {reason}", path=shown(full), reason=exc.strerror or exc))
                continue
            if stat.S_ISREG(mode):
                w.files.append(full)
            elif not stat.S_ISDIR(mode):
                w.notes.append(_("{path}: skipped: {what}, not a regular file", path=shown(full),
                                 what=kind_of(mode)))
        for d in reversed(subdirs):
            stack.append((d, rules))
