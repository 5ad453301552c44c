"""Regular expressions compiled on first use.

Compiling a pattern is not free: ``re`` builds a 65,536-entry map in Python for every character class
that holds a character beyond Latin-1 (any CJK class), about 0.1-1 ms a pattern.  Compiled at import,
the rules' ~140 module-level patterns cost more instructions than a whole page's lint, although one
report uses only about half of them.  ``lazy(r"...")`` defers the compile to the first call; after it,
the object's ``search``/``match``/... are the compiled pattern's own bound methods, stored on the
instance, so a later call costs one attribute lookup, as it does on a ``re.Pattern``.

Use it for module-level patterns that are only called through their methods or attributes; a
``re.Pattern`` is still needed where a pattern is passed to ``re.*`` functions, pickled, or tested
with ``isinstance``.
"""
from __future__ import annotations

import re

from .re_cache import compile_re

__all__ = ["LazyPattern", "lazy"]

_FORWARDED = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split", "scanner",
              "flags", "groups", "groupindex")


class LazyPattern:
    """Stands for ``re.compile(pattern, flags)`` and compiles it when first used."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._source = (pattern, flags)
        self.pattern = pattern  # as re.Pattern.pattern, without compiling (patterns are built from others)

    def compiled(self) -> re.Pattern:
        """The compiled pattern (compiled now if not yet)."""
        return self.__dict__.get("_compiled") or self._compile()

    def _compile(self) -> re.Pattern:
        compiled = compile_re(*self._source)  # re.compile, from the shipped cache when it can
        d = self.__dict__
        d["_compiled"] = compiled
        for name in _FORWARDED:  # found in the instance dict from now on: __getattr__ is not called again
            d[name] = getattr(compiled, name)
        return compiled

    def __getattr__(self, name: str):
        # Only called for names not (yet) in the instance dict: the first use of a forwarded name.
        if name.startswith("__") or name in ("_source", "_compiled"):
            raise AttributeError(name)
        return getattr(self._compile(), name)

    def __repr__(self) -> str:
        return f"lazy({self._source[0]!r}{', ' + str(self._source[1]) if self._source[1] else ''})"


def lazy(pattern: str | bytes, flags: int = 0) -> LazyPattern:
    """``re.compile(pattern, flags)``, compiled at its first use."""
    return LazyPattern(pattern, flags)
