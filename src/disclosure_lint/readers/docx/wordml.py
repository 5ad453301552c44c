"""WordprocessingML names, and reading its attributes (``w:val``, integers) forgivingly."""
from __future__ import annotations

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def val(el) -> str | None:
    return None if el is None else el.get(W + "val")


def to_int(s, default: int) -> int:
    try:
        return int(s)
    except (TypeError, ValueError):
        return default
