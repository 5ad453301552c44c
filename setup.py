"""The one build step pyproject.toml cannot say: the optional compiled twins of four hot spots.

- ``readers/_onepass.c``: the HTML reader's front half (html_onepass's pass);
- ``readers/_runs.c``: a paragraph's text tokens joined (html_text._join_runs);
- ``checks/_repeats.c``: DL503's search for runs written twice back to back (dl503's _Starts);
- ``source/_span.c``: Span(start, end) for the readers' hot paths (source.new_span).

``optional=True``: where no C compiler is found, the install goes on without them and the Python code runs
(the definition; the results are the same, only slower).  Each build carries the CRC-32 of the C source it
was made from and of the header the four share (source/_compiled.h), so that a checkout whose C files
changed since is not run with a stale build (source/compiled.py; zlib, which every lint imports anyway,
where hashlib would cost a process 4 ms).
"""
import zlib
from pathlib import Path

from setuptools import Extension, setup

SOURCES = {"disclosure_lint.readers._onepass": "src/disclosure_lint/readers/_onepass.c",
           "disclosure_lint.readers._runs": "src/disclosure_lint/readers/_runs.c",
           "disclosure_lint.checks._repeats": "src/disclosure_lint/checks/_repeats.c",
           "disclosure_lint.source._span": "src/disclosure_lint/source/_span.c"}
HEADER = "src/disclosure_lint/source/_compiled.h"


def _extension(name: str, source: str) -> Extension:
    root = Path(__file__).parent
    crc = zlib.crc32(root.joinpath(*source.split("/")).read_bytes())
    crc = zlib.crc32(root.joinpath(*HEADER.split("/")).read_bytes(), crc)  # the C file, then the header
    return Extension(name, [source], depends=[HEADER], optional=True,
                     define_macros=[("SOURCE_CRC32", f"{crc}ULL")])


setup(ext_modules=[_extension(name, source) for name, source in SOURCES.items()])
