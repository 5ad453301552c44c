"""JUnit XML: one test suite per run, one test case per file; errors and warnings are failures,
info findings are listed in the test case's ``<system-out>`` (they do not fail a build)."""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from .safe import xml


def _attr(s: str) -> str:
    return quoteattr(xml(s))


def render(results, stream, **kw) -> None:
    def failing(res):
        return [d for d in res.diagnostics if d.severity.value != "info"]

    failures = sum(len(failing(r)) for r in results)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(f'<testsuites name="dlint" tests="{len(results)}" failures="{failures}">\n')
    stream.write(f'  <testsuite name="dlint" tests="{len(results)}" failures="{failures}" errors="0">\n')
    for res in results:
        stream.write(f'    <testcase name={_attr(res.path)} classname="dlint">\n')
        notes = []
        for d in res.diagnostics:
            p = res.start(d.span)
            msg = f"{res.path}:{p.line}:{p.column}: {d.code} {d.message}"
            if d.severity.value == "info":
                notes.append(msg)
                continue
            stream.write(f'      <failure type={_attr(d.code)} message={_attr(d.code + " " + d.message)}>'
                         f'{escape(xml(msg))}</failure>\n')
        if notes:
            stream.write(f'      <system-out>{escape(xml(chr(10).join(notes)))}</system-out>\n')
        stream.write("    </testcase>\n")
    stream.write("  </testsuite>\n</testsuites>\n")
