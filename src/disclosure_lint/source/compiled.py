"""The optional compiled twins of a few hot loops (setup.py builds them where a C compiler is found).

:func:`load` gives the module, or None where the Python code (the definition) must run instead: not built (no
compiler where dlint was installed), turned off (``DLINT_PURE_PYTHON`` set to anything but ``0``), or built from another version of
its sources (a checkout whose C file, or the header the builds share, changed since the last ``pip install
-e .``: the Python code then stands, rather than a stale build).  Each build carries the CRC-32 of its C file
followed by ``_compiled.h`` (``SOURCE_CRC32``, setup.py).
"""
from __future__ import annotations

import os
from importlib import import_module

__all__ = ["load"]


def load(package: str, name: str, folder: str):
    """The compiled module *package*.*name* (its C source ``name + ".c"`` in *folder*), or None."""
    import zlib  # (imported by every lint anyway; hashlib would cost a process 4 ms)

    if os.environ.get("DLINT_PURE_PYTHON", "0") not in ("", "0"):
        return None
    try:
        module = import_module(f"{package}.{name}")
    except ImportError:
        return None
    try:
        with open(os.path.join(folder, name + ".c"), "rb") as f:
            data = f.read()
    except OSError:  # no source beside it: the build is the one shipped
        return module
    try:
        with open(os.path.join(os.path.dirname(__file__), "_compiled.h"), "rb") as f:
            header = f.read()
    except OSError:  # a source without the header it was built with: not the build's sources
        return None
    return module if zlib.crc32(header, zlib.crc32(data)) == getattr(module, "SOURCE_CRC32", None) else None
