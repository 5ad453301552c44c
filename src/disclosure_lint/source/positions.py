"""Editor positions: code-point offsets to LSP ``(line, character)`` pairs and back.

The Language Server Protocol counts a line's characters in UTF-16 code units unless client and
server agree on UTF-8 or UTF-32. A character outside the Basic Multilingual Plane (CJK Extension B
and later, 𠀀; emoji) is one code point but two UTF-16 units, so a column in code points is wrong
for the editor after the first such character. Lines are found with the :class:`Source`'s own line
index (``\\r\\n``, ``\\r`` and ``\\n`` end a line, as in LSP).
"""
from __future__ import annotations

from . import Source

__all__ = ["units", "to_lsp", "from_lsp", "UTF8", "UTF16", "UTF32"]

UTF8, UTF16, UTF32 = "utf-8", "utf-16", "utf-32"


def units(s: str, encoding: str = UTF16) -> int:
    """Length of *s* in the code units of *encoding* (``utf-16``, ``utf-8`` or ``utf-32``)."""
    if encoding == UTF32:
        return len(s)
    if encoding == UTF8:
        return len(s.encode("utf-8", "surrogatepass"))
    return len(s) + sum(1 for ch in s if ord(ch) > 0xFFFF)


def to_lsp(source: Source, offset: int, encoding: str = UTF16) -> tuple[int, int]:
    """0-based line and character (in *encoding* units) of a code-point *offset*."""
    offset = max(0, min(offset, len(source.text)))
    line, col = source.line_col(offset)
    start = offset - (col - 1)
    prefix = source.text[start:offset]
    if encoding == UTF32 or prefix.isascii():
        return line - 1, len(prefix)
    return line - 1, units(prefix, encoding)


def from_lsp(source: Source, line: int, character: int, encoding: str = UTF16) -> int:
    """The code-point offset of an LSP position; past the end of a line means the line's end."""
    starts = source.line_starts
    text = source.text
    if line < 0:
        return 0
    if line >= len(starts):
        return len(text)
    start = starts[line]
    end = starts[line + 1] if line + 1 < len(starts) else len(text)
    while end > start and text[end - 1] in "\r\n":
        end -= 1
    if encoding == UTF32:
        return min(start + max(0, character), end)
    n = 0
    for k in range(start, end):
        if n >= character:
            return k
        n += units(text[k], encoding)
    return end

