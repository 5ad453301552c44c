"""JUnit XML: one test suite per run, one test case per file, a failure per finding."""
from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr


def render(results, stream, **kw) -> None:
    failures = sum(len(r.diagnostics) for r in results)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(f'<testsuites name="dlint" tests="{len(results)}" failures="{failures}">\n')
    stream.write(f'  <testsuite name="dlint" tests="{len(results)}" failures="{failures}" errors="0">\n')
    for res in results:
        stream.write(f'    <testcase name={quoteattr(res.path)} classname="dlint">\n')
        for d in res.diagnostics:
            p = res.start(d.span)
            msg = f"{res.path}:{p.line}:{p.column}: {d.code} {d.message}"
            stream.write(f'      <failure type={quoteattr(d.code)} message={quoteattr(d.code + " " + d.message)}>'
                         f'{escape(msg)}</failure>\n')
        stream.write("    </testcase>\n")
    stream.write("  </testsuite>\n</testsuites>\n")
