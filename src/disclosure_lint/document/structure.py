"""Matching a report's top-level headings to the edition's required sections (shared by DL1xx)."""
from __future__ import annotations

from ..source.dataclass_cache import dataclass

from . import Section
from .normalize import label_key

__all__ = ["SectionMatch", "match_sections"]


@dataclass
class SectionMatch:
    section: Section          # the report's section
    spec: dict | None         # the edition's section it matches (None: unrecognised)
    exact: bool               # the heading is the standard wording or an accepted variant


def _strip(key: str) -> str:
    return key.rstrip("：:。")


def _exact_keys(edition) -> list[set[str]]:
    """Each section spec's heading and accepted variants, keyed: made once per edition (five rules match
    the sections of every report)."""
    keys = edition.derived.get("section_heading_keys")
    if keys is None:
        keys = edition.derived["section_heading_keys"] = [
            {_strip(k) for k in edition.heading_keys(spec)} for spec in edition.sections]
    return keys


def match_sections(sections: list[Section], edition) -> list[SectionMatch]:
    specs = edition.sections if edition is not None else []
    exact_keys = _exact_keys(edition) if edition is not None else []
    out = []
    used: set[str] = set()
    for s in sections:
        if s.heading is None:
            continue
        key = _strip(label_key(s.heading.title.text))
        best = None
        exact = False
        for spec, keys in zip(specs, exact_keys):
            if key in keys:
                best, exact = spec, True
                break
        if best is None:
            hits = [(sum(k in key for k in spec.get("keywords", [])), -i, spec) for i, spec in enumerate(specs)
                    if spec["key"] not in used]
            hits = [h for h in hits if h[0] > 0]
            if hits:
                best = max(hits, key=lambda h: (h[0], h[1]))[2]
        if best is not None:
            used.add(best["key"])
        out.append(SectionMatch(s, best, exact))
    return out
