"""Write ``source/dataclass_cache.marshal``: the compiled code of every method text our dataclasses make.

    python -m disclosure_lint.tools.dataclass_cache

In a fresh process (so that no class is made before it listens), it replaces ``dataclasses``' ``exec`` with
a recorder, imports every module of the package and keeps each text a dataclass of ours executes: the
classes made with ``source.dataclass_cache.dataclass`` and those still made with ``dataclasses.dataclass``
(their texts are ready for when they switch).  Then it writes each text's code, compiled as
``dataclasses`` compiles it.  Run it with the Python the package ships for (CI: 3.11) after adding or
changing a dataclass: the file is keyed by the Python that wrote it, and a test fails while a class of
ours compiles a text the file lacks (the class is still right then, only slower to make).
"""
from __future__ import annotations

import marshal
import subprocess
import sys

from ..source import dataclass_cache

_RECORD = """import dataclasses, marshal, sys
texts = {}
def record(text, globals=None, locals=None):
    texts[text] = None
    exec(compile(text, "<string>", "exec", dont_inherit=True), globals, locals)
dataclasses.exec = record
from disclosure_lint.source import dataclass_cache
from disclosure_lint.tools.re_cache import import_everything
import_everything()
sys.stdout.buffer.write(marshal.dumps([*dict.fromkeys([*texts, *dataclass_cache.asked])]))
"""


def recorded_texts() -> list[str]:
    """Every method text the package's dataclasses execute when every module is imported (fresh process)."""
    out = subprocess.run([sys.executable, "-c", _RECORD], capture_output=True, check=True).stdout
    return marshal.loads(out)


def build() -> dict:
    return {text: dataclass_cache.code_of(text) for text in sorted(recorded_texts())}


def main(argv=None) -> int:
    codes = build()
    with open(dataclass_cache.CACHE_FILE, "wb") as f:
        f.write(dataclass_cache.cache_bytes(codes))
    print(f"{len(codes)} method texts -> {dataclass_cache.CACHE_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
