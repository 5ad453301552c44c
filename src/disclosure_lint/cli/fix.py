"""``dlint --fix`` and ``dlint --diff``: apply the safe fixes of a run to files, or show them.

Per file: read the bytes, lint, choose the non-overlapping safe edits, apply them to the bytes
(:mod:`fixes`), and lint again until nothing more is fixable (a few passes at most), so a second
``--fix`` changes nothing. A file with a read problem (undecodable bytes, a charset that lies, a
truncated read) is never written. Files are written atomically: a temporary file in the same
folder, its mode copied from the original, then ``os.replace``.
"""
from __future__ import annotations

import difflib
import os
import stat
import tempfile
from ..source.dataclass_cache import dataclass  # dataclasses.dataclass, its code cached

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import
if TYPE_CHECKING:
    from typing import Callable, TextIO

from ..i18n import _
from ..output.safe import path as safe_path

__all__ = ["FixOutcome", "fix_bytes", "fix_file", "fix_text", "line_edits", "unified_diff", "run_fixes",
           "write_atomically"]

MAX_PASSES = 5


@dataclass
class FixOutcome:
    path: str
    old: bytes
    new: bytes
    applied: int = 0
    encoding: str = "utf-8"
    refused: str | None = None

    @property
    def changed(self) -> bool:
        return self.new != self.old


def fix_bytes(data: bytes, path: str | None, options) -> FixOutcome:
    """The fixed bytes of one input (nothing is written here)."""
    from ..engine.lint import lint_document
    from ..engine.fixes import FixRefused, apply_to_bytes, choose_edits
    from ..document.parse import MAX_BYTES, parse_source, source_from_bytes

    shown = path or "<stdin>"
    out = FixOutcome(shown, data, data)
    if len(data) > MAX_BYTES:
        out.refused = _("the file is too large to fix")
        return out
    current = data
    source = source_from_bytes(current, path)
    out.encoding = source.encoding
    if source.binary or source.problems:
        out.refused = _("the file had a read problem ({problem}); nothing was changed",
                        problem=source.binary or source.problems[0])
        return out
    for _pass in range(MAX_PASSES):
        doc = parse_source(source, options.kind)
        if any(code == "DL001" for code, _msg, _span in doc.problems):
            if current is data:
                out.refused = _("the file had a read problem; nothing was changed")
                return out
            break
        edits = choose_edits(lint_document(doc, options))
        if not edits:
            break
        try:
            new, n = apply_to_bytes(current, source, edits)
        except FixRefused as exc:
            if current is data:
                out.refused = str(exc)
                return out
            break
        if n == 0 or new == current:
            break
        again = source_from_bytes(new, path)
        if again.encoding != source.encoding or again.problems or again.binary:
            break  # the edited file would not read back the same way: keep the last good bytes
        current, source = new, again
        out.applied += n
    out.new = current
    return out


def fix_text(text: str, path: str | None, options) -> tuple[str, int]:
    """*text* (what an editor holds) with every safe fix applied, as ``--fix`` would; and the edit count."""
    from ..engine.lint import lint_document
    from ..engine.fixes import apply_to_text, choose_edits
    from ..document.parse import parse_source
    from ..source import Source

    applied = 0
    for _pass in range(MAX_PASSES):
        doc = parse_source(Source(text, path), options.kind)
        edits = choose_edits(lint_document(doc, options))
        if not edits:
            break
        new = apply_to_text(text, edits)
        if new == text:
            break
        text = new
        applied += len(edits)
    return text, applied


def line_edits(old: str, new: str) -> list[tuple[int, int, str]]:
    """``(start, end, replacement)`` code-point edits turning *old* into *new*, whole changed lines at a time."""
    a = old.splitlines(keepends=True)
    b = new.splitlines(keepends=True)
    starts = [0]
    for line in a:
        starts.append(starts[-1] + len(line))
    out = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag != "equal":
            out.append((starts[i1], starts[i2], "".join(b[j1:j2])))
    return out


def fix_file(path: str, options) -> FixOutcome:
    from ..document.parse import MAX_BYTES

    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    return fix_bytes(data, path, options)


def write_atomically(path: str, data: bytes) -> None:
    """Write *data* to *path* through a temporary file in the same folder and ``os.replace``.

    A symbolic link is followed: the file it points to is replaced, the link stays a link."""
    path = os.path.realpath(path)
    folder = os.path.dirname(os.path.abspath(path))
    mode = stat.S_IMODE(os.stat(path).st_mode)
    fd, tmp = tempfile.mkstemp(dir=folder, prefix="." + os.path.basename(path) + ".", suffix=".dlint-tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def unified_diff(outcome: FixOutcome) -> str:
    """A unified diff of the decoded text (the file itself keeps its encoding)."""
    old = outcome.old.decode(outcome.encoding, "replace").lstrip("\ufeff")
    new = outcome.new.decode(outcome.encoding, "replace").lstrip("\ufeff")
    a = old.splitlines(keepends=True)
    b = new.splitlines(keepends=True)
    lines = []
    for line in difflib.unified_diff(a, b, fromfile=f"a/{safe_path(outcome.path)}", tofile=f"b/{safe_path(outcome.path)}"):
        if not line.endswith(("\n", "\r")):
            line += "\n\\ No newline at end of file\n"
        lines.append(line)
    return "".join(lines)


def run_fixes(files: list[str], options_of: Callable[[str], object], *, diff: bool, out: TextIO,
              err: TextIO) -> tuple[int, int, int]:
    """Fix (or, with *diff*, show the fixes of) every file; returns (files changed, edits, files refused)."""
    changed = edits = refused = 0
    for path in files:
        if path == "-":
            print(_("dlint: warning: standard input cannot be fixed in place; skipped"), file=err)
            continue
        try:
            outcome = fix_file(path, options_of(path))
        except OSError as exc:
            print(_("dlint: error: {path}: cannot read: {reason}", path=safe_path(path), reason=exc.strerror or exc), file=err)
            refused += 1
            continue
        except Exception as exc:  # a fix must never become a traceback
            print(_("dlint: error: {path}: not fixed: {reason}", path=safe_path(path), reason=f"{type(exc).__name__}: {exc}"),
                  file=err)
            refused += 1
            continue
        if outcome.refused:
            print(_("dlint: warning: {path}: not fixed: {reason}", path=safe_path(path), reason=outcome.refused), file=err)
            refused += 1
            continue
        if not outcome.changed:
            continue
        changed += 1
        edits += outcome.applied
        if diff:
            out.write(unified_diff(outcome))
        else:
            try:
                write_atomically(path, outcome.new)
            except OSError as exc:
                print(_("dlint: error: {path}: cannot write: {reason}", path=safe_path(path), reason=exc.strerror or exc),
                      file=err)
                refused += 1
                changed -= 1
                edits -= outcome.applied
    return changed, edits, refused
