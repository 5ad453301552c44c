"""Editions as data: the files in ``rules/`` (shipped as ``disclosure_lint.document.editions``).

One TOML file per edition states its years, required sections, table schemas
and identities.  Users add or override editions with their own files (option
``edition_files``); a file whose ``name`` matches a built-in one replaces it.

Python 3.11's ``tomllib`` is pure Python: parsing the four built-in files cost about 26 M instructions, a
twentieth of a one-report run.  ``editions.marshal`` beside them (written by ``python -m
disclosure_lint.tools.edition_cache``) holds tomllib's result for each built-in file, keyed by the file's
exact bytes: a file whose bytes are a key gets that (fresh) data from ``marshal`` (C, about 0.05 M), any
other file is parsed.  The cache is checked by a CRC-32 and used only when it reads back whole; a missing,
damaged or foreign cache means every file is parsed, so it can make a load cheaper, never different.
"""
from __future__ import annotations

import marshal
import os
import sys
import zlib
from ..source.dataclass_cache import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..i18n import _
from .normalize import label_key

__all__ = ["Edition", "load_editions", "editions_dir", "EditionError"]


class EditionError(ValueError):
    pass


@dataclass
class Edition:
    name: str
    description: str
    years: tuple[int, int]
    kind: str
    structure: bool
    data: dict = field(repr=False)
    path: str = ""
    # What the modules reading an edition derive from its data, made once per edition (an edition is loaded
    # once per process and not changed): name -> value.
    derived: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @property
    def sections(self) -> list[dict]:
        return self.data.get("sections", [])

    @property
    def items(self) -> list[dict]:
        return self.data.get("items", [])

    @property
    def tables(self) -> dict:
        return self.data.get("tables", {})

    @property
    def identities(self) -> list[dict]:
        return self.data.get("identities", [])

    @property
    def encouraged_years(self) -> tuple[int, ...]:
        return tuple(self.data.get("encouraged_years", ()))

    def covers(self, year: int) -> bool:
        return self.years[0] <= year <= self.years[1]

    def section_keys(self) -> dict[str, dict]:
        return {s["key"]: s for s in self.sections}

    def heading_keys(self, section: dict) -> list[str]:
        return [label_key(h) for h in [section["heading"], *section.get("variants", [])]]


def editions_dir() -> Path:
    """Where the built-in edition files are: inside the installed package, else the source tree."""
    here = Path(os.path.realpath(__file__)).parent.parent  # the package root (this module is in document/)
    for cand in (here / "editions", here.parents[1] / "rules"):
        if toml_files(cand):
            return cand
    raise EditionError(_("the edition files (rules/*.toml) are missing from this installation"))


def toml_files(folder: Path) -> list[Path]:
    """``sorted(folder.glob("*.toml"))``, empty for a missing folder.  Path.glob compiles its pattern with
    Python's (pure-Python) regex compiler on each call, about 1 M instructions; listdir and a suffix test
    (case-folded as the glob is, on Windows) find the same names."""
    try:
        names = os.listdir(folder)
    except OSError:
        return []
    return [folder / name for name in sorted(names, key=os.path.normcase) if os.path.normcase(name).endswith(".toml")]


CACHE_NAME = "editions.marshal"
_CACHE_MAGIC = b"dlint-editions 1 "  # then the CRC-32 of the payload (8 hex digits), a newline, the payload


def cache_bytes(parsed: dict[bytes, dict]) -> bytes:
    """The cache file's content for ``parsed``: a TOML file's bytes -> what tomllib makes of them."""
    payload = marshal.dumps(parsed, 4)  # format 4: read by every Python since 3.4
    return _CACHE_MAGIC + b"%08x\n" % zlib.crc32(payload) + payload


def read_cache(path: Path) -> dict[bytes, dict]:
    """The pre-parsed files in the cache file *path*; empty when it is missing, damaged or unreadable."""
    from ..source.safe_io import read_regular

    try:
        raw = read_regular(path, 16 * 1024 * 1024)
        head, payload = raw[:26], raw[26:]
        if head[:17] != _CACHE_MAGIC or head[25:] != b"\n" or int(head[17:25], 16) != zlib.crc32(payload):
            return {}
        parsed = marshal.loads(payload)
    except Exception:  # no file, unreadable, or not a cache: every file is parsed
        return {}
    return parsed if isinstance(parsed, dict) else {}


def parse_toml(text: str, path) -> dict:
    """``tomllib.loads(text)``; tomllib is imported here, when a file is parsed: its import compiles its
    patterns with Python's regex compiler (about 37 M instructions), which a run that finds every file
    in the cache does not need."""
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EditionError(_("cannot read edition file {path}: {error}", path=path, error=exc)) from None


def _load_file(path: Path, cache: dict[bytes, dict]) -> Edition:
    from ..source.safe_io import MAX_CONFIG_BYTES, read_regular

    try:
        raw = read_regular(path, MAX_CONFIG_BYTES)  # a regular file only, and bounded
        if len(raw) > MAX_CONFIG_BYTES:
            raise EditionError(_("edition file {path} is larger than {size} KB", path=path,
                                 size=MAX_CONFIG_BYTES // 1024))
        data = cache.get(raw)
        if not isinstance(data, dict):
            data = parse_toml(raw.decode("utf-8"), path)
    except (OSError, UnicodeDecodeError) as exc:
        raise EditionError(_("cannot read edition file {path}: {error}", path=path, error=exc)) from None
    if not isinstance(data.get("name"), (str, int)) or not isinstance(data.get("years", [0, 9999]), list):
        raise EditionError(_("edition file {path} is incomplete: it needs `name` (a string) and `years` (an array)",
                             path=path))
    try:
        years = data.get("years", [0, 9999])
        return Edition(str(data["name"]), data.get("description", ""), (int(years[0]), int(years[1])),
                       data.get("kind", "annual-report"), bool(data.get("structure", False)), data, str(path))
    except (KeyError, TypeError, ValueError, IndexError) as exc:
        raise EditionError(_("edition file {path} is incomplete: {error}", path=path, error=exc)) from None


@lru_cache(maxsize=16)
def _load(extra: tuple[str, ...]) -> dict[str, Edition]:
    out: dict[str, Edition] = {}
    folder = editions_dir()
    cache = read_cache(folder / CACHE_NAME)  # read for each call: fresh data for each set of editions
    for p in toml_files(folder):
        e = _load_file(p, cache)
        out[e.name] = e
    for p in extra:
        e = _load_file(Path(os.path.expanduser(p)), cache)
        out[e.name] = e
    return out


def load_editions(extra=()) -> dict[str, Edition]:
    return _load(tuple(extra))
