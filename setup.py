"""The one build step pyproject.toml cannot say: the optional compiled HTML pass (readers/_onepass.c).

``optional=True``: where no C compiler is found, the install goes on without it and the reader runs its
Python pass (the definition; the results are the same, only slower).  The build carries the CRC-32 of the
C source it was made from, so that a checkout whose C file changed since is not run with a stale build
(html_onepass._load_compiled; zlib, which every lint imports anyway, where hashlib would cost a process 4 ms).
"""
import zlib
from pathlib import Path

from setuptools import Extension, setup

SOURCE = "src/disclosure_lint/readers/_onepass.c"
crc = zlib.crc32(Path(__file__).with_name("src").joinpath(*SOURCE.split("/")[1:]).read_bytes())

setup(ext_modules=[Extension("disclosure_lint.readers._onepass", [SOURCE], optional=True,
                             define_macros=[("ONEPASS_SOURCE_CRC32", f"{crc}ULL")])])
