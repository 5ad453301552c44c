"""Configuration: ``[tool.dlint]`` in ``pyproject.toml`` or a ``dlint.toml``.

The file closest to the linted file wins (``dlint.toml`` before ``pyproject.toml`` in the same
folder); ``extend = "../base.toml"`` inherits another file, whose settings the extending file
overrides.  Keys::

    select = ["DL"]            extend-select = []        ignore = ["DL104"]
    per-file-ignores = { "drafts/*.html" = ["DL3"] }
    severity = { DL104 = "warning" }
    edition = "2021"           year = 2023               agency-level = "department"
    fail-on = "warning"        town-deadline = "03-31"   edition-files = ["my-edition.toml"]
    lang = "zh"                (message language: zh or en; default from LANG / LC_ALL / LC_MESSAGES)
    reports = { "crawl/*syq*" = { agency = "平潭综合实验区" } }   # corpus grouping overrides (see corpus.group)
"""
from __future__ import annotations

import fnmatch
import os
import stat
import sys
from ..source.dataclass_cache import dataclass, field  # dataclasses.dataclass, its code cached
from functools import lru_cache
from pathlib import Path

from .diagnostics import Severity
from ..i18n import _
from .options import Options
from ..source.safe_io import MAX_CONFIG_BYTES, kind_of, read_regular
from .settings import SCHEMA, SettingsError, check_codes, check_edition, check_year, line_of_key, validate

__all__ = ["ConfigError", "Config", "find_config", "load_config", "options_for", "KEYS"]

KEYS = set(SCHEMA)


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    path: Path | None
    values: dict = field(default_factory=dict)

    @property
    def root(self) -> Path:
        return self.path.parent if self.path else Path.cwd()


def _read_table(path: Path) -> tuple[dict | None, str]:
    """The ``[tool.dlint]`` table of *path* (None when a pyproject.toml has none) and the file's text.

    Configuration is read like a report: a regular file only (never blocking on a FIFO), at most
    :data:`~disclosure_lint.source.safe_io.MAX_CONFIG_BYTES`, UTF-8 as TOML requires."""
    try:
        data = read_regular(path, MAX_CONFIG_BYTES)
    except OSError as exc:
        raise ConfigError(_("cannot read {path}: {reason}", path=path, reason=exc.strerror or exc)) from None
    if len(data) > MAX_CONFIG_BYTES:
        raise ConfigError(_("{path}: the file is larger than {size} KB; it is not a configuration file",
                            path=path, size=MAX_CONFIG_BYTES // 1024))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(_("{path}: not valid UTF-8 (byte {at}); TOML files must be UTF-8", path=path,
                            at=exc.start)) from None
    # tomllib is imported here, when a file is read: its import compiles its patterns (~11 M instructions),
    # which a run without a configuration file (or with --isolated) never needs
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover
        import tomli as tomllib
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(_("{path}: invalid TOML: {error}", path=path, error=exc)) from None
    tool = doc.get("tool")
    if tool is not None and not isinstance(tool, dict):
        raise ConfigError(_("{path}: `tool` must be a table, not {got}", path=path, got=type(tool).__name__))
    table = (tool or {}).get("dlint")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(_("{path}: `tool.dlint` must be a table, not {got}", path=path, got=type(table).__name__))
    if path.name == "pyproject.toml" or tool is not None:
        return table, text
    return doc, text


def _regular_file(path: Path, key: str, where: Path, text: str) -> None:
    try:
        st = os.stat(path)
    except OSError as exc:
        err = _("`{key}`: {path}: {reason}", key=key, path=path, reason=exc.strerror or exc)
    else:
        if stat.S_ISREG(st.st_mode):
            return
        err = _("`{key}`: {path} is {what}, not a regular file", key=key, path=path, what=kind_of(st.st_mode))
    line = line_of_key(text, key)
    raise ConfigError(f"{where}:{line}: {err}" if line else f"{where}: {err}")


@lru_cache(maxsize=256)
def load_config(path: Path, _depth: int = 0) -> Config:
    table, text = _read_table(path)
    if table is None:
        return Config(path, {})
    try:
        values = validate(table, path, text)
    except SettingsError as exc:
        raise ConfigError(str(exc)) from None
    # paths in a config file are relative to that file, and must be regular files
    if "edition-files" in values:
        files = [(path.parent / os.path.expanduser(p)).resolve() for p in values["edition-files"]]
        for f in files:
            _regular_file(f, "edition-files", path, text)
        values["edition-files"] = tuple(str(f) for f in files)
    ext = values.pop("extend", None)
    if ext:
        if _depth > 10:
            raise ConfigError(_("{path}: `extend` chain is too deep (a cycle?)", path=path))
        target = (path.parent / os.path.expanduser(ext)).resolve()
        _regular_file(target, "extend", path, text)
        base = load_config(target, _depth + 1)
        merged = dict(base.values)
        merged.update(values)
        values = merged
    if "edition" in values:
        try:
            check_edition(values["edition"], values.get("edition-files", ()), "`edition`")
        except SettingsError as exc:
            line = line_of_key(text, "edition") or line_of_key(text, "edition-files")
            raise ConfigError(f"{path}:{line}: {exc}" if line else f"{path}: {exc}") from None
    return Config(path, values)


@lru_cache(maxsize=1024)
def find_config(directory: Path) -> Config:
    d = directory.resolve()
    for folder in [d, *d.parents]:
        for name in ("dlint.toml", ".dlint.toml", "pyproject.toml"):
            p = folder / name
            if p.is_file():
                if name == "pyproject.toml" and _read_table(p)[0] is None:
                    continue
                return load_config(p)
    return Config(None, {})


def _codes(v, key: str) -> tuple[str, ...]:
    if isinstance(v, str):
        v = [v]
    if not isinstance(v, (list, tuple)) or not all(isinstance(x, str) for x in v):
        raise ConfigError(_("`{key}` must be a list of rule codes", key=key))
    return tuple(x.strip().upper() for x in v)


def options_for(file_path: str | None, cli: dict, config: Config | None) -> Options:
    """The options for one file: the config's values, then the command line's on top."""
    o = Options()
    v = config.values if config else {}
    try:
        if "select" in v:
            o.select = _codes(v["select"], "select")
        o.extend_select = _codes(v.get("extend-select", []), "extend-select")
        o.ignore = _codes(v.get("ignore", []), "ignore")
        o.severity = {k.upper(): Severity.parse(s) for k, s in dict(v.get("severity", {})).items()}
        if "fail-on" in v:
            o.fail_on = Severity.parse(v["fail-on"])
        o.edition = v.get("edition")
        o.year = int(v["year"]) if v.get("year") else None
        o.agency_level = v.get("agency-level")
        o.town_deadline = v.get("town-deadline")
        o.edition_files = tuple(v.get("edition-files", ()))
        if v.get("lang") is not None:
            from ..i18n import normalize_language

            o.lang = normalize_language(v["lang"])
            if o.lang is None:
                raise ValueError(_("`lang` must be \"zh\" or \"en\", not {value}", value=repr(v["lang"])))
        pfi = v.get("per-file-ignores", {})
        if file_path and pfi and config and config.path:
            try:
                rel = os.path.relpath(os.path.abspath(file_path), config.root).replace(os.sep, "/")
            except ValueError:
                rel = file_path
            for pattern, codes in pfi.items():
                if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(os.path.basename(file_path), pattern):
                    o.ignore += _codes(codes, "per-file-ignores")
    except (TypeError, ValueError) as exc:
        where = config.path if config and config.path else _("configuration")
        raise ConfigError(f"{where}: {exc}") from None
    if cli.get("select"):
        o.select = cli["select"]
    o.extend_select += cli.get("extend_select", ())
    o.ignore += cli.get("ignore", ())
    for k in ("edition", "year", "agency_level", "kind", "lang"):
        if cli.get(k) is not None:
            setattr(o, k, cli[k])
    if cli.get("fail_on"):
        o.fail_on = Severity.parse(cli["fail_on"])
    if o.agency_level and o.agency_level not in ("government", "department", "town"):
        raise ConfigError(_("agency level must be government, department or town, not {value}",
                            value=repr(o.agency_level)))
    try:
        for key, flag in (("select", "--select"), ("extend_select", "--extend-select"), ("ignore", "--ignore")):
            check_codes(cli.get(key) or (), flag)
        if cli.get("year") is not None:
            check_year(cli["year"], "--year")
        if cli.get("edition") is not None:
            check_edition(str(o.edition), o.edition_files, "--edition")
    except SettingsError as exc:
        raise ConfigError(str(exc)) from None
    return o
