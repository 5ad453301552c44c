"""The settings schema: every configuration key, its type, and how a bad value is reported.

:func:`validate` checks one ``[tool.dlint]`` table against :data:`SCHEMA` and returns the values
normalised (codes upper-cased, one string accepted where a list of codes is expected); a value of
the wrong type is a :class:`~disclosure_lint.engine.config.ConfigError` naming the key, the expected type,
the file and the line. :func:`check_codes`, :func:`check_year` and :func:`check_edition` validate
the same things for command-line values, so both say the same.
"""
from __future__ import annotations

import datetime
import re
from ..source.dataclass_cache import dataclass  # dataclasses.dataclass, its code cached
from pathlib import Path

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import
if TYPE_CHECKING:
    from typing import Any, Callable

from ..i18n import _

__all__ = ["SettingsError", "Key", "SCHEMA", "validate", "check_codes", "check_year", "check_edition",
           "year_range", "AGENCY_LEVELS", "SEVERITIES"]

AGENCY_LEVELS = ("government", "department", "town")
SEVERITIES = ("error", "warning", "info")
FIRST_YEAR = 2008  # the 条例 of 2007 took effect on 1 May 2008; no annual report is older


class SettingsError(ValueError):
    """A setting with a bad value; ``key`` names it (the CLI and config add where it came from)."""

    def __init__(self, message: str, key: str | None = None):
        super().__init__(message)
        self.key = key


def year_range() -> tuple[int, int]:
    return FIRST_YEAR, datetime.date.today().year + 1


# ---- value checks (each returns the normalised value or raises SettingsError) -------------------

def _type_name(v: Any) -> str:
    return {bool: _("a boolean"), int: _("an integer"), float: _("a number"), str: _("a string"),
            list: _("an array"), dict: _("a table")}.get(type(v), type(v).__name__)


def _str(key: str, v: Any) -> str:
    if not isinstance(v, str):
        raise SettingsError(_("`{key}` must be a string, not {got}", key=key, got=_type_name(v)), key)
    return v


def _str_list(key: str, v: Any, allow_one: bool = False) -> tuple[str, ...]:
    if allow_one and isinstance(v, str):
        v = [v]
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        got = _type_name(v) if not isinstance(v, list) else _("an array with a non-string item")
        raise SettingsError(_("`{key}` must be an array of strings, not {got}", key=key, got=got), key)
    return tuple(v)


def _codes(key: str, v: Any) -> tuple[str, ...]:
    codes = tuple(x.strip().upper() for x in _str_list(key, v, allow_one=True) if x.strip())
    check_codes(codes, f"`{key}`")
    return codes


def _enum(choices: tuple[str, ...]) -> Callable[[str, Any], str]:
    def check(key: str, v: Any) -> str:
        s = _str(key, v).strip().lower()
        if s not in choices:
            raise SettingsError(_("`{key}` must be one of {choices}, not {value!r}", key=key,
                                  choices=", ".join(choices), value=v), key)
        return s
    return check


def _year(key: str, v: Any) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        if isinstance(v, str) and v.strip().isdigit():
            v = int(v.strip())
        else:
            raise SettingsError(_("`{key}` must be an integer year, not {got}", key=key, got=_type_name(v)), key)
    check_year(v, f"`{key}`")
    return v


def _deadline(key: str, v: Any) -> str:
    s = _str(key, v).strip()
    m = re.fullmatch(r"(\d{1,2})-(\d{1,2})", s)
    ok = False
    if m:
        try:
            datetime.date(2001, int(m.group(1)), int(m.group(2)))
            ok = True
        except ValueError:
            pass
    if not ok:
        raise SettingsError(_("`{key}` must be a month and day as \"MM-DD\", not {value!r}", key=key, value=v), key)
    return s


def _severity_table(key: str, v: Any) -> dict[str, str]:
    if not isinstance(v, dict):
        raise SettingsError(_("`{key}` must be a table of rule codes to severities, not {got}", key=key,
                              got=_type_name(v)), key)
    out = {}
    for code, sev in v.items():
        check_codes((code.strip().upper(),), f"`{key}`")
        out[code.strip().upper()] = _enum(SEVERITIES)(f"{key}.{code}", sev)
    return out


def _per_file(key: str, v: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(v, dict):
        raise SettingsError(_("`{key}` must be a table of file patterns to arrays of rule codes, not {got}",
                              key=key, got=_type_name(v)), key)
    return {pattern: _codes(f"{key}.{pattern}", codes) for pattern, codes in v.items()}


def _extensions(key: str, v: Any) -> tuple[str, ...]:
    out = []
    for x in _str_list(key, v, allow_one=True):
        x = x.strip().lower()
        if not x or "/" in x or x in (".",):
            raise SettingsError(_("`{key}`: {value!r} is not a file-name suffix such as \".shtml\"", key=key,
                                  value=x), key)
        out.append(x if x.startswith(".") else "." + x)
    return tuple(out)


def _lang(key: str, v: Any) -> str:
    from ..i18n import normalize_language

    s = _str(key, v)
    if normalize_language(s) is None:
        raise SettingsError(_("`{key}` must be one of {choices}, not {value!r}", key=key, choices="zh, en", value=v),
                            key)
    return s


def _reports(key: str, v: Any) -> dict:
    if not isinstance(v, dict) or not all(isinstance(x, dict) for x in v.values()):
        raise SettingsError(_("`{key}` must be a table of file patterns to tables such as "
                              "{{ agency = \"…\", year = 2021 }}, not {got}", key=key, got=_type_name(v)), key)
    return v


@dataclass(frozen=True)
class Key:
    name: str
    check: Callable[[str, Any], Any]
    expected: str   # for the documentation


SCHEMA: dict[str, Key] = {k.name: k for k in (
    Key("select", _codes, "array of rule codes or prefixes"),
    Key("extend-select", _codes, "array of rule codes or prefixes"),
    Key("ignore", _codes, "array of rule codes or prefixes"),
    Key("per-file-ignores", _per_file, "table: file pattern → array of rule codes"),
    Key("severity", _severity_table, "table: rule code → error | warning | info"),
    Key("edition", _str, "string: an edition name"),
    Key("year", _year, "integer year"),
    Key("agency-level", _enum(AGENCY_LEVELS), "government | department | town"),
    Key("fail-on", _enum(SEVERITIES), "error | warning | info"),
    Key("town-deadline", _deadline, "string \"MM-DD\""),
    Key("edition-files", lambda k, v: _str_list(k, v), "array of paths to edition files"),
    Key("extend", _str, "string: path to another configuration file"),
    Key("exclude", lambda k, v: _str_list(k, v, allow_one=True), "array of gitignore-style patterns"),
    Key("extend-exclude", lambda k, v: _str_list(k, v, allow_one=True), "array of gitignore-style patterns"),
    Key("extension", _extensions, "array of extra file-name suffixes (\".shtml\")"),
    Key("lang", _lang, "zh | en"),
    Key("reports", _reports, "table: file pattern → { agency, year } (corpus grouping)"),
)}


def line_of_key(text: str, key: str) -> int | None:
    """The line where *key* is set in TOML *text* (best effort: the first ``key =``)."""
    pat = re.compile(r'^\s*(?:"%s"|\'%s\'|%s)\s*=' % ((re.escape(key),) * 3), re.M)
    m = pat.search(text)
    if m is None and "." in key:
        return line_of_key(text, key.split(".", 1)[0])
    return text.count("\n", 0, m.start()) + 1 if m else None


def validate(table: dict, where: str | Path = "configuration", text: str = "") -> dict:
    """The values of *table* checked against :data:`SCHEMA`; a :class:`SettingsError` names the
    first bad key with *where* and, when *text* is given, the line."""
    def fail(msg: str, key: str | None) -> SettingsError:
        line = line_of_key(text, key) if (text and key) else None
        loc = f"{where}:{line}" if line else f"{where}"
        return SettingsError(f"{loc}: {msg}", key)

    unknown = sorted(set(table) - set(SCHEMA))
    if unknown:
        raise fail(_("unknown setting(s): {names}; valid settings: {valid}", names=", ".join(unknown),
                     valid=", ".join(SCHEMA)), unknown[0])
    out = {}
    for key, value in table.items():
        try:
            out[key] = SCHEMA[key].check(key, value)
        except SettingsError as exc:
            raise fail(str(exc), exc.key or key) from None
    return out


# ---- checks shared with the command line -------------------------------------------------------

def _known_codes() -> list[str]:
    from .registry import all_rules

    return sorted({r.code for r in all_rules()} | {"DL000"})


def check_codes(codes, what: str) -> None:
    """Every code must be ``ALL`` or a prefix of a known rule code (as ruff does)."""
    known = None
    for c in codes:
        c = c.strip().upper()
        if not c or c == "ALL":
            continue
        if known is None:
            known = _known_codes()
        if not any(k.startswith(c) for k in known):
            raise SettingsError(_("{what}: unknown rule code or prefix {code!r}; valid: ALL or a prefix of "
                                  "{codes} (`dlint rules` lists them)", what=what, code=c,
                                  codes=", ".join(known)))


def check_year(year: int, what: str = "--year") -> None:
    lo, hi = year_range()
    if not lo <= year <= hi:
        raise SettingsError(_("{what}: {year} is not a plausible report year; valid: {lo} … {hi}", what=what,
                              year=year, lo=lo, hi=hi))


def check_edition(name: str, edition_files=(), what: str = "--edition") -> None:
    from ..document.editions import EditionError, load_editions

    try:
        names = sorted(load_editions(tuple(edition_files)))
    except EditionError as exc:
        raise SettingsError(str(exc)) from None
    if name not in names:
        raise SettingsError(_("{what}: unknown edition {name!r}; valid: {names}", what=what, name=name,
                              names=", ".join(names)))
