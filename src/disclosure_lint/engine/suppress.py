"""Inline suppressions: HTML comments that switch rules off for part of a report.

    <!-- dlint: disable=DL201,DL203 --> … <!-- dlint: enable=DL201,DL203 -->
    <!-- dlint: disable-next=DL213 -->   (the next line with content)
    <!-- dlint: disable-file=DL104 -->   (the whole file)

Codes are mandatory (a code prefix such as ``DL2`` is accepted).  A directive
that suppresses nothing is reported as DL009, and so is one without codes.
"""
from __future__ import annotations

import re
from ..source.dataclass_cache import dataclass, field  # dataclasses.dataclass, its code cached

from .diagnostics import Diagnostic, Severity
from ..document import Document
from ..i18n import _
from ..source import Span
from ..source.lazy_re import lazy

__all__ = ["Directive", "parse_directives", "apply_suppressions"]

# No two adjacent quantifiers take the same characters (the codes group absorbs the spaces around it):
# a comment padded with thousands of spaces is matched in linear time.
_DIRECTIVE = lazy(r"^<!--\s*dlint\s*:\s*(disable-next|disable-file|disable|enable)\b\s*(?:=([A-Za-z0-9,\s]*))?-->$",
                  re.S)
_CODES = lazy(r"[A-Za-z]{1,4}\d{0,4}")


@dataclass
class Directive:
    action: str
    codes: tuple[str, ...]
    span: Span
    start: int = 0
    end: int = 0
    used: set = field(default_factory=set)


def _next_line_end(text: str, at: int) -> int:
    n = len(text)
    i = at
    while i < n and text[i] in " \t\r\n":
        i += 1
    j = text.find("\n", i)
    return n if j < 0 else j


def parse_directives(document: Document) -> tuple[list[Directive], list[Directive]]:
    """Directives in force and malformed ones."""
    text = document.source.text
    good: list[Directive] = []
    bad: list[Directive] = []
    open_: dict[str, Directive] = {}
    for comment, span in document.suppressions:
        if "dlint" not in comment:
            continue
        m = _DIRECTIVE.match(comment.strip())
        if not m:
            bad.append(Directive("malformed", (), span))
            continue
        action = m.group(1)
        codes = tuple(c.upper() for c in _CODES.findall(m.group(2) or ""))
        if not codes:
            bad.append(Directive(action, (), span))
            continue
        if action == "disable-file":
            good.append(Directive(action, codes, span, 0, len(text)))
        elif action == "disable-next":
            good.append(Directive(action, codes, span, span.end, _next_line_end(text, span.end)))
        elif action == "disable":
            for c in codes:
                d = Directive(action, (c,), span, span.end, len(text))
                open_[c] = d
                good.append(d)
        else:  # enable
            for c in codes:
                d = open_.pop(c, None)
                if d is not None:
                    d.end = span.start
    return good, bad


def _covers(d: Directive, code: str) -> str | None:
    for c in d.codes:
        if code.startswith(c):
            return c
    return None


def apply_suppressions(document: Document, diags: list[Diagnostic], selected: set[str]) -> list[Diagnostic]:
    if not document.suppressions:
        return diags
    directives, bad = parse_directives(document)
    if not directives and not bad:
        return diags
    kept = []
    for dg in diags:
        hit = None
        for d in directives:
            c = _covers(d, dg.code)
            if c and d.start <= dg.span.start <= d.end:
                d.used.add(c)
                hit = d
        if hit is None:
            kept.append(dg)
    if "DL009" in selected:
        for d in directives:
            unused = [c for c in d.codes if c not in d.used and any(s.startswith(c) or c.startswith(s) for s in selected)]
            if unused:
                kept.append(Diagnostic(document.path, "DL009", "unused-suppression", Severity.WARNING,
                                       _("`{directive}` suppresses nothing", directive=d.action + "=" + ",".join(unused)),
                                       d.span))
        for d in bad:
            kept.append(Diagnostic(document.path, "DL009", "unused-suppression", Severity.WARNING,
                                   _("a dlint directive must name its codes, e.g. `<!-- dlint: disable=DL201 -->`"),
                                   d.span))
    return kept
