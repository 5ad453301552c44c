"""Rules and how they are found.

A rule is a generator function decorated with :func:`rule`, which states its
code, kebab-case name and default severity; its docstring is its documentation.
Built-in rules and third-party plugins are both found through the entry-point
group ``disclosure_lint.rules``: each entry point names a module (or package)
whose import registers rules.  A plugin that fails to import is recorded and
skipped, never fatal.
"""
from __future__ import annotations

import importlib
import inspect
from ..source.dataclass_cache import dataclass  # dataclasses.dataclass, its code cached

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import
if TYPE_CHECKING:
    from typing import Callable, Iterable

from .diagnostics import Finding, Severity
from ..source.lazy_re import lazy

__all__ = ["RuleSpec", "rule", "corpus_rule", "all_rules", "get_rule", "plugin_errors", "ENTRY_POINT_GROUP"]

ENTRY_POINT_GROUP = "disclosure_lint.rules"
_CODE = lazy(r"^[A-Z]{1,4}\d{3,4}$")
_NAME = lazy(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_SEPARATORS = lazy(r"[-_.]+")  # in a distribution's name, normalised as importlib.metadata does


@dataclass(frozen=True)
class RuleSpec:
    code: str
    name: str
    severity: Severity
    func: Callable[..., Iterable[Finding]]
    module: str
    plugin: str = "builtin"
    scope: str = "report"   # "report": receives one report's Context; "corpus": a CorpusContext (several reports)

    @property
    def full_doc(self) -> str:
        """The whole docstring: English, then a line 【中文】 and the Chinese text."""
        return inspect.cleandoc(self.func.__doc__ or "")

    @property
    def doc(self) -> str:
        """The English documentation (``i18n.rule_doc(spec, lang)`` gives either language)."""
        from ..i18n import split_doc

        return split_doc(self.full_doc)[0]

    @property
    def doc_zh(self) -> str | None:
        """The Chinese documentation (the part after 【中文】), or None."""
        from ..i18n import split_doc

        return split_doc(self.full_doc)[1]

    @property
    def title(self) -> str:
        """The English display title (``Table row total``); ``i18n.rule_title(spec, lang)`` translates it."""
        from ..i18n import english_title

        return english_title(self.name)

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0] if self.doc else ""


_RULES: dict[str, RuleSpec] = {}
_PLUGIN_ERRORS: list[tuple[str, str]] = []
_loaded = False
_loading_plugin = "builtin"
_generation = 0  # grows with every registration: what was computed from the rules before is stale


def rule(code: str, name: str, severity: str = "warning", *, scope: str = "report"):
    """Register a rule: ``@rule("DL201", "table-row-total", "error")``.

    ``scope="corpus"`` registers a cross-report rule: it receives a
    :class:`~disclosure_lint.corpus.context.CorpusContext` (the per-report summaries, grouped into
    series) instead of one report's Context, and yields findings that name the report they sit on.
    """
    if not _CODE.match(code):
        raise ValueError(f"rule code {code!r} must look like DL201")
    if not _NAME.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    sev = Severity.parse(severity)
    if scope not in ("report", "corpus"):
        raise ValueError(f"rule {code}: scope must be 'report' or 'corpus'")

    def deco(func):
        if not (func.__doc__ or "").strip():
            raise ValueError(f"rule {code} has no docstring: its docstring is its documentation")
        spec = RuleSpec(code, name, sev, func, func.__module__, _loading_plugin, scope)
        old = _RULES.get(code)
        if old is not None and old.func is not func and old.module != spec.module:
            raise ValueError(f"rule code {code} is registered twice ({old.module} and {spec.module})")
        _RULES[code] = spec
        global _generation
        _generation += 1
        func.rule_spec = spec
        return func

    return deco


def corpus_rule(code: str, name: str, severity: str = "warning"):
    """Register a cross-report rule (``rule(..., scope="corpus")``)."""
    return rule(code, name, severity, scope="corpus")


def _entry_points():
    fast = _scan_entry_points()
    if fast is not None:
        return fast
    from importlib.metadata import entry_points

    try:
        return list(entry_points(group=ENTRY_POINT_GROUP))
    except TypeError:  # Python < 3.10 API shape
        return list(entry_points().get(ENTRY_POINT_GROUP, []))


class _EntryPoint:
    """What load_rules needs of an importlib.metadata.EntryPoint: its name, and load()."""

    __slots__ = ("name", "value")
    # importlib.metadata.EntryPoint.pattern
    _VALUE = lazy(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")

    def __init__(self, name: str, value: str) -> None:
        self.name, self.value = name, value

    def load(self):
        m = self._VALUE.match(self.value)
        if m is None:
            raise ValueError(f"bad entry point value {self.value!r}")
        obj = importlib.import_module(m.group("module"))
        for attr in filter(None, (m.group("attr") or "").split(".")):
            obj = getattr(obj, attr)
        return obj


def _scan_entry_points() -> list | None:
    """The group's entry points, found as importlib.metadata finds them, without importing it (importing
    it and parsing every distribution's entry points costs ~60 ms per process; this costs ~1 ms).

    As importlib.metadata does: the ``*.dist-info`` / ``*.egg-info`` directories of each directory on
    ``sys.path``, in listing order, the first distribution of a (normalised) name winning; their
    ``entry_points.txt`` read as it reads them, and parsed only when it names the group. None — let
    importlib.metadata decide — whenever anything else could provide distributions: a zip file or an
    ``.egg`` directory on the path, or a finder of its own on ``sys.meta_path``.
    """
    import os
    import sys

    for finder in sys.meta_path:
        if getattr(finder, "find_distributions", None) is not None and getattr(finder, "__name__", "") != "PathFinder":
            return None
    seen: set[str] = set()
    out = []
    for entry in sys.path:
        root = entry or "."
        if os.path.basename(root).lower().endswith(".egg"):
            return None
        try:
            children = os.listdir(root)
        except NotADirectoryError:
            return None  # a zip file (an egg, a zipapp)
        except OSError:
            continue
        for child in children:
            low = child.lower()
            if not low.endswith((".dist-info", ".egg-info")):
                continue
            key = _SEPARATORS.sub("_", low.rpartition(".")[0].partition("-")[0])
            if key in seen:
                continue
            seen.add(key)
            try:
                with open(os.path.join(root, child, "entry_points.txt"), encoding="utf-8") as fh:
                    text = fh.read()
            except OSError:
                continue
            if ENTRY_POINT_GROUP not in text:
                continue
            section = None
            for line in text.splitlines():
                line = line.strip()
                if not line or line.startswith("#"):
                    continue
                if line.startswith("[") and line.endswith("]"):
                    section = line.strip("[]")
                elif section == ENTRY_POINT_GROUP:
                    if "=" not in line:
                        return None  # not as we read them: importlib.metadata says what it makes of it
                    name, value = line.split("=", 1)
                    out.append(_EntryPoint(name.strip(), value.strip()))
    return out


def load_rules() -> None:
    global _loaded, _loading_plugin
    if _loaded:
        return
    _loaded = True
    names = set()
    for ep in _entry_points():
        if ep.name in names:
            continue
        names.add(ep.name)
        _loading_plugin = ep.name
        try:
            ep.load()
        except Exception as exc:  # a broken plugin must never stop the linter
            _PLUGIN_ERRORS.append((ep.name, f"{type(exc).__name__}: {exc}"))
        finally:
            _loading_plugin = "builtin"
    if "builtin" not in names:
        # Running from a source tree that is not installed: the entry point is not there.
        importlib.import_module("disclosure_lint.checks")


def rules_generation() -> int:
    """A number that changes whenever a rule is registered (the rules are loaded first)."""
    load_rules()
    return _generation


def all_rules() -> list[RuleSpec]:
    load_rules()
    return sorted(_RULES.values(), key=lambda r: r.code)


def get_rule(code_or_name: str) -> RuleSpec | None:
    load_rules()
    key = code_or_name.strip()
    if key.upper() in _RULES:
        return _RULES[key.upper()]
    for r in _RULES.values():
        if r.name == key:
            return r
    return None


def plugin_errors() -> list[tuple[str, str]]:
    load_rules()
    return list(_PLUGIN_ERRORS)
