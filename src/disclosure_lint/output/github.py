"""GitHub Actions workflow commands: ``::error file=…,line=…,col=…,title=…::message``."""
from __future__ import annotations

from .safe import term

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _esc_data(s: str) -> str:
    s = s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return term(s)


def _esc_prop(s: str) -> str:
    return _esc_data(s).replace(":", "%3A").replace(",", "%2C")


def render(results, stream, **kw) -> None:
    for res in results:
        for d in res.diagnostics:
            a, b = res.start(d.span), res.end(d.span)
            props = f"file={_esc_prop(res.path)},line={a.line},col={a.column},endLine={b.line},endColumn={b.column}," \
                    f"title={_esc_prop(d.code + ' ' + d.name)}"
            stream.write(f"::{_LEVEL[d.severity.value]} {props}::{_esc_data(d.code + ' ' + d.message)}\n")
