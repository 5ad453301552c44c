"""``path:line:col: CODE severity: message`` — one line per finding, the form editors parse."""
from __future__ import annotations

from .safe import term


def line_of(res, d) -> str:
    p = res.start(d.span)
    msg = d.message.replace("\n", " ")
    if d.suggestion:
        from ..i18n import _

        msg += _(" (suggestion: {suggestion})", suggestion=d.suggestion)
    return term(f"{res.path}:{p.line}:{p.column}: {d.code} {d.severity.value}: {msg}")


def render(results, stream, **kw) -> None:
    for res in results:
        for d in res.diagnostics:
            stream.write(line_of(res, d) + "\n")
