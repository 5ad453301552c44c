"""Editions as data: the files in ``rules/`` (shipped as ``disclosure_lint.document.editions``).

One TOML file per edition states its years, required sections, table schemas
and identities.  Users add or override editions with their own files (option
``edition_files``); a file whose ``name`` matches a built-in one replaces it.
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..i18n import _
from .normalize import label_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

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
    here = Path(__file__).resolve().parent.parent  # the package root (this module is in document/)
    for cand in (here / "editions", here.parents[1] / "rules"):
        if cand.is_dir() and any(cand.glob("*.toml")):
            return cand
    raise EditionError(_("the edition files (rules/*.toml) are missing from this installation"))


def _load_file(path: Path) -> Edition:
    from ..source.safe_io import MAX_CONFIG_BYTES, read_regular

    try:
        raw = read_regular(path, MAX_CONFIG_BYTES)  # a regular file only, and bounded
        if len(raw) > MAX_CONFIG_BYTES:
            raise EditionError(_("edition file {path} is larger than {size} KB", path=path,
                                 size=MAX_CONFIG_BYTES // 1024))
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
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
    for p in sorted(editions_dir().glob("*.toml")):
        e = _load_file(p)
        out[e.name] = e
    for p in extra:
        e = _load_file(Path(os.path.expanduser(p)))
        out[e.name] = e
    return out


def load_editions(extra=()) -> dict[str, Edition]:
    return _load(tuple(extra))
