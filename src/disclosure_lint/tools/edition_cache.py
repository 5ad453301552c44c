"""Write ``rules/editions.marshal``: the built-in edition files as tomllib parses them (document/editions.py).

    python -m disclosure_lint.tools.edition_cache

Run it after changing a file in ``rules/``: a test fails while the cache lacks a built-in file's current
bytes (the load is then still right, only slower: that file is parsed).
"""
from __future__ import annotations

import sys

from ..document.editions import CACHE_NAME, cache_bytes, editions_dir, parse_toml, read_cache


def parsed_files() -> dict[bytes, dict]:
    """Each built-in edition file's bytes -> tomllib's result, in file-name order."""
    out = {}
    for path in sorted(editions_dir().glob("*.toml")):
        raw = path.read_bytes()
        out[raw] = parse_toml(raw.decode("utf-8"), path)
    return out


def main() -> int:
    parsed = parsed_files()
    target = editions_dir() / CACHE_NAME
    target.write_bytes(cache_bytes(parsed))
    if read_cache(target) != parsed:  # e.g. a value marshal cannot hold (a TOML date): parse instead
        target.unlink()
        print(f"{target}: the edition data does not round-trip through marshal; no cache written", file=sys.stderr)
        return 1
    print(f"{target}: {len(parsed)} edition files")
    return 0


if __name__ == "__main__":
    sys.exit(main())
