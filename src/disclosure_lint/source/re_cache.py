"""Regular expressions rebuilt from a shipped cache of their compiled code.

CPython 3.11's ``re`` compiler (``re/_parser.py``, ``re/_compiler.py``) is pure Python: one run on one real
page spent about a third of its instructions compiling our ~170 patterns (a character class holding CJK
characters alone costs a 65,536-entry map built in Python).  The compiler's result is small data: it ends in
``_sre.compile(pattern, flags, code, groups, groupindex, indexgroup)`` (``re._compiler.compile``), where
``code`` is a list of ints.  ``re_cache.txt`` (beside this module, written by
``python -m disclosure_lint.tools.re_cache``) holds those arguments for every pattern our code compiles, so
``compile_re`` hands them straight to ``_sre.compile`` (C) and gets the same ``re.Pattern`` that
``re.compile`` would build: ``Pattern.__eq__`` compares pattern, flags and code, and the tests check every
entry that way.  ``_sre.compile`` validates the code it is given (bad code raises, it does not crash).

The cache is used only by the Python it was made for (implementation, version, ``_sre.MAGIC`` and
``CODESIZE``, byte order, size of a C unsigned int), and an entry only when its CRC-32 matches.  On any
mismatch, a missing entry, a missing or unreadable file, or any error while rebuilding, ``compile_re`` is
plain ``re.compile``: the cache can make a compile cheaper, never different.  The stdlib is not patched:
only our own calls use it.

The file is plain ASCII text, read once at the first compile, and cheap to read (as JSON, parsing its
~50,000 ints cost 29 M instructions; reading this layout costs 2-4 M, parsing its index lines): a line
with the key and the number of entries; one index line per pattern, tab-separated: the pattern
(``unicode_escape``; a bytes pattern as Latin-1, ``b`` in the next field), its type, the flags asked for,
the final flags, the number of groups, the group names (``indexgroup[1:]``, comma-separated, empty for an
unnamed group), then where its code is in the code section and the CRC-32 of the entry; last, the code
section: every pattern's code as hex of native 32-bit words, one after another, sliced and decoded only
when the pattern is compiled.
"""
from __future__ import annotations

import re
import sys
import zlib
from array import array

import _sre
from _codecs import unicode_escape_decode

__all__ = ["compile_re", "CACHE_FILE", "cache_key", "read", "read_text", "entry_fields", "file_text"]

CACHE_FILE = __file__.rsplit(".", 1)[0] + ".txt"  # re_cache.txt beside this module, without importing pathlib

_entries: dict | None = None  # (type, pattern, flags) -> _sre.compile's arguments after the pattern; loaded once
asked: dict = {}  # every (type, pattern, flags) asked for in this process, in order (read by the tool and tests)
missed: dict = {}  # those not served from the cache (compiled by re.compile)


def cache_key() -> str:
    """What the cached code depends on: the Python that compiled it and its regex engine's format."""
    impl = sys.implementation
    return (f"{impl.name} {impl.version[0]}.{impl.version[1]} {_sre.MAGIC} {_sre.CODESIZE} {sys.byteorder} "
            f"{array('I').itemsize}")


def compile_re(pattern, flags: int = 0) -> re.Pattern:
    """``re.compile(pattern, flags)``, rebuilt from the shipped cache when it holds this pattern."""
    flags = int(flags)
    key = (type(pattern), pattern, flags)
    asked[key] = None
    entries = _entries if _entries is not None else _load()
    entry = entries.get(key)
    if entry is not None:
        try:
            return _rebuild(pattern, *entry)
        except Exception:  # a damaged entry: compile as re does
            pass
    missed[key] = None
    return re.compile(pattern, flags)


def _rebuild(pattern, final_flags: int, groups: int, names: str, fields: str, codes: str, start: int, end: int,
             crc: int) -> re.Pattern:
    hex_code = codes[start:end]
    if zlib.crc32(f"{fields}\t{hex_code}".encode("ascii")) != crc:
        raise ValueError("damaged entry")
    indexgroup = (None, *[name or None for name in names.split(",")]) if names else (None,) * (groups + 1)
    groupindex = {name: i for i, name in enumerate(indexgroup) if name}
    code = memoryview(bytes.fromhex(hex_code)).cast("I").tolist()
    return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)


def _load() -> dict:
    global _entries
    _entries = {}
    try:
        _entries = read(CACHE_FILE)
    except Exception:  # no file, unreadable, or damaged: every compile falls back to re.compile
        pass
    return _entries


def read(path: str) -> dict:
    """The entries of a cache file for this Python, by (type, pattern, flags); empty if made for another."""
    with open(path, encoding="ascii", newline="\n") as f:
        return read_text(f.read())


def read_text(text: str) -> dict:
    """``read`` on the file's text."""
    head, _, rest = text.partition("\n")
    key, _, count = head.rpartition(" ")
    if key != cache_key():
        return {}
    *lines, codes = rest.split("\n", int(count))  # the code section is not scanned: one split less
    entries = {}
    for line in lines:
        fields, start, end, crc = line.rsplit("\t", 3)
        pattern, kind, flags, final_flags, groups, names = fields.split("\t")
        pattern = unicode_escape_decode(pattern)[0]  # the codec's C function: no codec lookup, no import
        if kind == "b":
            pattern = pattern.encode("latin-1")
        entries[(type(pattern), pattern, int(flags))] = (int(final_flags), int(groups), names, fields, codes,
                                                         int(start), int(end), int(crc, 16))
    return entries


def entry_fields(pattern, flags: int, final_flags: int, code, groups: int, indexgroup) -> tuple[str, str]:
    """One entry: its index fields (tab-separated) and its code as hex (see the module's docstring)."""
    kind = "b" if isinstance(pattern, bytes) else "s"
    text = pattern.decode("latin-1") if kind == "b" else pattern
    names = ",".join(name or "" for name in indexgroup[1:]) if any(indexgroup) else ""
    fields = "\t".join((text.encode("unicode_escape").decode("ascii"), kind, str(int(flags)), str(int(final_flags)),
                        str(groups), names))
    return fields, memoryview(array("I", code)).tobytes().hex()


def file_text(entries: list[tuple[str, str]]) -> str:
    """The whole file: the key and the number of entries; one index line per entry (its fields, where its code
    is in the code section, the CRC-32 of both); the code section, every entry's hex code one after another."""
    lines, start = [], 0
    for fields, hex_code in entries:
        crc = zlib.crc32(f"{fields}\t{hex_code}".encode("ascii"))
        lines.append(f"{fields}\t{start}\t{start + len(hex_code)}\t{crc:08x}\n")
        start += len(hex_code)
    return f"{cache_key()} {len(entries)}\n{''.join(lines)}{''.join(h for _, h in entries)}\n"
