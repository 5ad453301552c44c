"""NFKC of report text, without touching the Unicode database for the characters reports are made of.

``unicodedata.normalize("NFKC", s)`` looks every character up in the database of the ``unicodedata``
extension: the first call of a process faults in 80 KB of its tables for Chinese text, 240 KB as soon
as a full-width character (（ ： １) needs decomposing — paid by every ``dlint report.html``, where the
whole lint of a 100 KB page adds about 400 KB. The labels and headings of real reports are ASCII,
CJK ideographs, CJK punctuation and full-width forms; for those the normal form is known without the
database:

* each character in :data:`_EASY` has no decomposition (NFKC maps it to itself), canonical combining
  class 0, and is never the second character of a canonical composition; so is what the full-width
  forms and U+3000 map to (ASCII, the space);
* hence no reordering and no composition happens: NFKC of such a string is the concatenation of the
  characters' own normal forms, i.e. the string with U+FF01–U+FF5E shifted to ASCII and U+3000 made
  a space.

tests/test_nfkc.py checks every one of those claims against ``unicodedata`` itself (every character
of the class, and random strings). Any other character takes the database path, unchanged.
"""
from __future__ import annotations

import re
from .re_cache import compile_re

__all__ = ["nfkc"]

# ASCII; · × — ‘ ’ “ ”; U+3000 (ideographic space) and CJK punctuation U+3001–U+3029 (、。〃〈〉《》「」【】…);
# the CJK unified ideographs; the full-width forms of ASCII U+FF01–U+FF5E.
_EASY = compile_re("[\x00-\x7f\u00b7\u00d7\u2014\u2018\u2019\u201c\u201d\u3000-\u3029\u4e00-\u9fff\uff01-\uff5e]*")
# The characters of _EASY that NFKC changes, and what they become (one character each).
_WIDE = compile_re("[\u3000\uff01-\uff5e]")


def _narrow(m: re.Match) -> str:
    c = ord(m.group())
    return " " if c == 0x3000 else chr(c - 0xFEE0)


def nfkc(s: str) -> str:
    """``unicodedata.normalize("NFKC", s)``, the same result for every string."""
    if _EASY.fullmatch(s) is not None:
        return _WIDE.sub(_narrow, s)
    import unicodedata  # only for text beyond the easy characters

    return unicodedata.normalize("NFKC", s)
