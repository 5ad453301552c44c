"""Safe fixes: edits in code-point offsets, applied to the original bytes.

A rule attaches a :class:`~disclosure_lint.engine.diagnostics.Fix` to a finding only when every edit is
known to be harmless to the figures (pinyin residue, traditional characters, full-width digits,
invisible characters).  This module

- makes edits from positioned text (:func:`edit_for`): an edit is made only where the source
  holds exactly the text the rule read, or an HTML character reference decoding to it (then the
  whole reference is replaced); anything else (markup inside the range, collapsed white space) is
  skipped rather than guessed;
- chooses the edits of a run that do not overlap (:func:`choose_edits`);
- applies edits to text (:func:`apply_to_text`) and to the original bytes (:func:`apply_to_bytes`),
  re-encoding only the replaced ranges with the source's own encoding, so a GBK page stays GBK and
  every byte outside the edited ranges (line endings included) is kept.
"""
from __future__ import annotations

import codecs
import html

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import
if TYPE_CHECKING:
    from typing import Iterable, Sequence

from .diagnostics import Diagnostic, Edit
from ..i18n import _
from ..source import Source, Span

__all__ = ["edit_for", "choose_edits", "apply_to_text", "apply_to_bytes", "FixRefused"]

_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# Codecs whose bytes for a piece of text do not depend on what came before it.
_STATEFUL = ("iso2022", "utf_7", "utf-7", "hz", "idna", "punycode")


class FixRefused(Exception):
    """The file cannot be fixed safely; the message says why."""


def edit_for(source: Source, pt, i: int, j: int, replacement: str) -> Edit | None:
    """An edit replacing ``pt.text[i:j]`` (a positioned text) with *replacement*, or ``None``.

    The source range must hold exactly that text, or be one HTML character reference (or several)
    that decodes to it: an edit on text that came from an entity replaces the whole entity.
    """
    if i >= j:
        return None
    span = pt.span(i, j)
    want = pt.text[i:j]
    got = source.text[span.start:span.end]
    if got == want:
        return Edit(span, replacement)
    if "&" in got and "<" not in got and html.unescape(got) == want:
        return Edit(span, replacement)
    return None


def choose_edits(diagnostics: Iterable[Diagnostic], safe_only: bool = True) -> list[Edit]:
    """The edits of every fixable diagnostic whose edits overlap no edit chosen before (in source order)."""
    fixes = [d.fix for d in diagnostics if d.fix is not None and d.fix.edits and (d.fix.safe or not safe_only)]
    fixes.sort(key=lambda f: min(e.span.start for e in f.edits))
    chosen: list[Edit] = []
    taken: list[Span] = []
    for f in fixes:
        edits = sorted(set(f.edits), key=lambda e: (e.span.start, e.span.end))
        if any(_overlap(a.span, b.span) for a, b in zip(edits, edits[1:])):
            continue
        if any(_overlap(e.span, t) for e in edits for t in taken):
            continue
        chosen.extend(edits)
        taken.extend(e.span for e in edits)
    chosen.sort(key=lambda e: (e.span.start, e.span.end))
    return chosen


def _overlap(a: Span, b: Span) -> bool:
    if a == b:
        return True
    return a.start < b.end and b.start < a.end


def apply_to_text(text: str, edits: Sequence[Edit]) -> str:
    out = []
    pos = 0
    for e in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        if e.span.start < pos or e.span.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit at {e.span.start}")
        out.append(text[pos:e.span.start])
        out.append(e.replacement)
        pos = e.span.end
    out.append(text[pos:])
    return "".join(out)


def _encodable(s: str, encoding: str) -> bool:
    try:
        s.encode(encoding)
    except UnicodeEncodeError:
        return False
    if encoding.replace("_", "").replace("-", "") == "gb18030":
        # Pages that say GB2312 or GBK are read with GB18030 (its superset); a replacement must not need
        # the four-byte sequences that a GBK reader cannot show.
        try:
            s.encode("gbk")
        except UnicodeEncodeError:
            return False
    return True


def apply_to_bytes(data: bytes, source: Source, edits: Sequence[Edit]) -> tuple[bytes, int]:
    """The bytes of *data* with *edits* applied, and how many edits were applied.

    *source* must be the decoding of *data*. The text is checked to encode back to exactly the
    original bytes (after any byte-order mark) before anything is changed; otherwise (the file had
    undecodable bytes, a stateful encoding) :class:`FixRefused` is raised. An edit whose
    replacement the file's encoding cannot hold is skipped.
    """
    enc = source.encoding
    if source.binary:
        raise FixRefused(_("the input is not text ({what})", what=source.binary))
    if any(enc.lower().replace("-", "_").startswith(s.replace("-", "_")) for s in _STATEFUL):
        raise FixRefused(_("the encoding {encoding} cannot be edited piecewise", encoding=enc))
    text = source.text
    try:
        encoded = text.encode(enc)
    except (UnicodeEncodeError, LookupError):
        raise FixRefused(_("the text cannot be written back as {encoding}", encoding=enc)) from None
    prefix_len = len(data) - len(encoded)
    if prefix_len < 0 or data[prefix_len:] != encoded or (prefix_len and data[:prefix_len] not in _BOMS):
        raise FixRefused(_("the file does not decode and re-encode identically as {encoding} "
                           "(undecodable or truncated bytes); nothing was changed", encoding=enc))
    out = [data[:prefix_len]]
    pos, bpos = 0, prefix_len
    applied = 0
    for e in sorted(edits, key=lambda e: (e.span.start, e.span.end)):
        if e.span.start < pos or e.span.end > len(text):
            raise ValueError(f"overlapping or out-of-range edit at {e.span.start}")
        if not _encodable(e.replacement, enc):
            continue
        b0 = bpos + len(text[pos:e.span.start].encode(enc))
        b1 = b0 + len(text[e.span.start:e.span.end].encode(enc))
        out.append(data[bpos:b0])
        out.append(e.replacement.encode(enc))
        pos, bpos = e.span.end, b1
        applied += 1
    out.append(data[bpos:])
    return b"".join(out), applied
