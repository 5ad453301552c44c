"""A paragraph's text, and the paragraphs and tables of a body in document order.

Content controls, custom XML and inserted text are read; deleted text, field codes and the fallback
copy of alternate content are left out. A manual line break inside a sentence joins its two parts.
"""
from __future__ import annotations

import re

from ..office import joiner
from .wordml import W

_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {W + "del", W + "instrText", W + "delText", W + "fldChar", W + "rPr", W + "pPr", W + "commentReference",
         W + "footnoteReference", W + "endnoteReference", _MC + "Fallback"}  # Fallback repeats the Choice


def paragraph_text(p) -> str:
    out: list[str] = []

    def walk(el):
        for ch in el:
            tag = ch.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == W + "t":
                out.append(ch.text or "")
            elif tag == W + "tab":
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "sym":
                pass
            elif tag == W + "tbl":
                continue  # a table nested in a paragraph's content: not this paragraph's text
            else:
                walk(ch)
    walk(p)
    text = "".join(out)
    if "\n" in text:  # a manual line break inside a sentence must not split a number or a word
        parts = text.split("\n")
        joined = parts[0]
        for part in parts[1:]:
            joined += joiner(joined, part) + part
        text = joined
    return text.replace("\t", " ")


def one_line(text: str) -> str:
    return re.sub(r"[\r\n\u2028\u2029]+", " ", text)


def body_items(body):
    """Paragraphs and tables in document order, content controls and custom XML unwrapped."""
    for ch in body:
        tag = ch.tag
        if tag == W + "p" or tag == W + "tbl":
            yield ch
        elif tag in (W + "sdt", W + "customXml", W + "ins", W + "smartTag"):
            inner = ch.find(W + "sdtContent") if tag == W + "sdt" else ch
            if inner is not None:
                yield from body_items(inner)
