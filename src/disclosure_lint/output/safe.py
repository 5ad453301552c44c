"""Text from a report or a path, made safe for where it is printed.

A published page can hold anything: terminal escape sequences (``ESC ] 0 ; title BEL`` retitles a
terminal, CSI sequences repaint it), C1 controls, NUL bytes, bidirectional overrides, and, in file
names, bytes that are not UTF-8 (Python carries them as lone surrogates ``\\udcff``). Every output
format passes what it prints through one of these functions:

- :func:`term` for terminals and line formats (full, concise, github): controls are shown visibly
  as ``\\x1b``-style escapes, so the text stays readable and inert;
- :func:`xml` for XML (JUnit): characters XML 1.0 forbids, and C1 controls, are shown the same way;
- :func:`json_text` for JSON and SARIF: lone surrogates (which strict JSON parsers reject) are
  shown as ``\\xff``; ``json.dump`` escapes the rest;
- :func:`path` for file names: undecodable bytes as ``\\xff``, the way a user would type them.
"""
from __future__ import annotations

import re
from ..source.re_cache import compile_re

__all__ = ["term", "xml", "json_text", "path", "term_width_map"]

# C0 except tab and newline, DEL, C1, lone surrogates, and the bidi controls that reorder a line
# (the "Trojan Source" characters) or hide text.
_TERM_BAD = compile_re("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                       "\ufeff\ufff9-\ufffb]")
_TERM_BAD_NL = compile_re("[\x00-\x1f\x7f-\x9f\ud800-\udfff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
                          "\ufeff\ufff9-\ufffb]")
# Not in the XML 1.0 Char production, or a C1 control or DEL (allowed but invisible and risky): the
# complement of [\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff], written as the few
# ranges it is (the negated class took 4-6 ms to compile, at every start of the command line).
_XML_BAD = compile_re("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
_SURROGATE = compile_re("[\ud800-\udfff]")


def _esc(m: re.Match) -> str:
    c = ord(m.group())
    if 0xDC80 <= c <= 0xDCFF:  # a byte that surrogateescape could not decode
        return f"\\x{c - 0xDC00:02x}"
    if c <= 0xFF:
        return f"\\x{c:02x}"
    return f"\\u{c:04x}"


def term(s: str, newlines: bool = False) -> str:
    """*s* with every control and escape character shown visibly (``\\x1b``); ``\\t`` becomes a
    space; ``\\n`` is kept only when *newlines* is true."""
    s = s.replace("\t", " ")
    if newlines:
        return _TERM_BAD.sub(_esc, s)
    return _TERM_BAD_NL.sub(_esc, s)


def term_width_map(s: str) -> list[str]:
    """*s* as a list of the visible pieces each code point becomes (for aligning carets)."""
    return [term(c) for c in s]


def xml(s: str) -> str:
    """*s* with characters XML cannot hold shown visibly (escape ``<&>`` separately)."""
    return _XML_BAD.sub(_esc, s)


def json_text(s: str) -> str:
    """*s* with lone surrogates shown as ``\\xff`` (``json.dump`` escapes the other controls)."""
    return _SURROGATE.sub(_esc, s)


def path(p: str) -> str:
    """A file name as the user would type it: undecodable bytes as ``\\xff``, controls escaped."""
    return term(p)
