"""Traditional and simplified characters, from OpenCC's own conversion table.

The table is ``TSCharacters.txt`` as shipped by the PyPI package ``opencc-python-reimplemented``
(OpenCC's dictionary data, maintained upstream), read once and used character by character, so a
converted text keeps every offset of the original.
"""
from __future__ import annotations

import codecs
import os
import re
import threading
from functools import lru_cache

from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

__all__ = ["t2s_table", "to_simplified", "traditional_positions", "has_traditional"]


def _dictionary() -> str | None:
    """Where ``TSCharacters.txt`` of the ``opencc`` package is, found without importing the package (its
    import reads its JSON configurations: 250 KB a process, for a path)."""
    from importlib.util import find_spec

    try:
        spec = find_spec("opencc")
    except (ImportError, ValueError):  # pragma: no cover - a declared dependency
        return None
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover
        return None
    return os.path.join(list(spec.submodule_search_locations)[0], "dictionary", "TSCharacters.txt")


# A line of the table that _entries_by_line keeps, as (its character, the first candidate): one
# character, a tab, no other tab, the character not among the candidates (whitespace-separated, as
# str.split separates them: \s and \S are str.isspace's classes), the first candidate one character.
_KEPT = lazy(r"^([^\t\n])\t(?=[^\t\n]*$)(?![^\n]*?(?<!\S)(?=\S)\1(?!\S))[^\S\n]*(\S)(?!\S)", re.M)


def _entries() -> list[tuple[str, str]]:
    """The table's (traditional, simplified) pairs, one character each, in the file's order."""
    path = _dictionary()
    if path is None:  # pragma: no cover
        return []
    try:
        with open(path, encoding="utf-8") as fh:
            return _pairs(fh.read())
    except OSError:  # pragma: no cover
        return []


def _pairs(data: str) -> list[tuple[str, str]]:
    """The pairs of :func:`_entries_by_line` on a file holding *data*, read by one search of the text (in
    C): a report's first test for a traditional character (once a process) no longer splits 4,000 lines
    in Python."""
    return _KEPT.findall(data)


def _entries_by_line(path: str):
    """:func:`_entries` line by line (the oracle of the tests)."""
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                parts = line.rstrip("\n").split("\t")
                if len(parts) == 2 and len(parts[0]) == 1:
                    cands = parts[1].split()
                    # a character that is its own candidate (著 → 着 or 著) is valid simplified too
                    if cands and len(cands[0]) == 1 and parts[0] not in cands:
                        yield parts[0], cands[0]
    except OSError:  # pragma: no cover
        pass


@lru_cache(maxsize=1)
def t2s_table() -> dict[str, str]:
    """Traditional character → simplified. A dict of 4,000 entries is 850 KB: it is built only for a text
    that holds a traditional character (to convert it, or say which); the test itself needs only the
    characters (:func:`_traditional`)."""
    return dict(_entries())


@lru_cache(maxsize=1)
def _traditional() -> str:
    """The table's traditional characters as one string (8 KB, not a dict of 850 KB)."""
    return "".join([trad for trad, _simp in _entries()])


@lru_cache(maxsize=1)
def _translation() -> dict[int, str]:
    return str.maketrans(t2s_table())


@lru_cache(maxsize=1)
def traditional_re():
    table = t2s_table()
    return compile_re("[" + "".join(sorted(table)) + "]") if table else compile_re(r"(?!)")


@lru_cache(maxsize=1)
def _in_gb2312() -> str:
    """The few traditional characters of the table that GB2312 also has (後, 麴 …): the table's characters
    through the codec and back, the others turned to "?" and dropped (in C; a test compares the result with
    encoding each character alone)."""
    return _traditional().encode("gb2312", "replace").decode("gb2312").replace("?", "")


_OUTSIDE = threading.local()


def _collect_outside(exc: UnicodeEncodeError) -> tuple[str, int]:
    _OUTSIDE.chars.append(exc.object[exc.start:exc.end])
    return "", exc.end


codecs.register_error("disclosure_lint.outside_gb2312", _collect_outside)


def outside_gb2312(text: str) -> str:
    """The characters of *text* that GB2312 cannot encode, in order (the codec runs in C and calls back
    only at those)."""
    _OUTSIDE.chars = chars = []
    try:
        text.encode("gb2312", "disclosure_lint.outside_gb2312")
    finally:
        _OUTSIDE.chars = None
    return "".join(chars)


def _none_in(text: str) -> bool:
    # A text GB2312 can encode (most reports; the codec runs in C, ten times faster than a hash
    # lookup per character) can hold only the table's characters that GB2312 has; in another, the
    # other characters of the table can only be among those GB2312 cannot encode.
    try:
        text.encode("gb2312")
    except UnicodeEncodeError:
        traditional = _traditional()
        if any(ch in traditional for ch in set(outside_gb2312(text))):  # a C search of 8 KB per distinct character
            return False
    return not any(ch in text for ch in _in_gb2312())


def has_traditional(text: str) -> bool:
    """Whether *text* holds a character of the table (one encoding of the text, in C, for most texts)."""
    return not _none_in(text)


def to_simplified(text: str) -> str:
    """Character-by-character conversion: the result has the same length as *text*."""
    if _none_in(text):
        return text
    return text.translate(_translation())


def traditional_positions(text: str) -> list[int]:
    if _none_in(text):
        return []
    return [m.start() for m in traditional_re().finditer(text)]
