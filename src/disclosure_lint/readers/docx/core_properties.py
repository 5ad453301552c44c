"""The core properties' created / modified dates, as the metadata fields ``file_created`` / ``file_modified``."""
from __future__ import annotations

from ..office import TextBuilder, iso_date, properties_trailer


def core_properties(core, tb: TextBuilder) -> dict:
    """created / modified as metadata, written after the content so each has a span of its own."""
    if core is None:
        return {}
    found = {}
    for el in core:
        name = el.tag.rsplit("}", 1)[-1] if isinstance(el.tag, str) else ""
        if name in ("created", "modified"):
            v = iso_date(el.text or "")
            if v:
                found["file_" + name] = v
    return properties_trailer(found, tb)
