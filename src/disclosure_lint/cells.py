"""What a table cell holds: a number, a blank, a not-applicable mark, or text."""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from .document import Blank, CellValue, NotApplicable, Number, TextValue
from .normalize import ascii_digits
from .ptext import PText
from .source import Span

__all__ = ["cell_value", "NOT_APPLICABLE"]

NOT_APPLICABLE = {"—", "——", "-", "--", "－", "–", "―", "/", "／", "\\", "无", "無", "不适用", "/ ", "— —", "-—"}

_NUMBER = re.compile(
    r"(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>万元|元|%|件|条|个|项|人次)?"
)


def parse_number(s: str) -> int | Decimal | None:
    s = s.replace(",", "")
    try:
        if "." in s:
            return Decimal(s)
        return int(s)
    except (ValueError, InvalidOperation):
        return None


def cell_value(pt: PText, fallback: Span) -> CellValue:
    """Classify the normalised text of a cell. *fallback* is the cell's span, used for blanks."""
    text = pt.text
    if not text.strip():
        return Blank(fallback if not len(pt) else pt.span())
    stripped = text.strip()
    if stripped in NOT_APPLICABLE:
        return NotApplicable(pt.span(), stripped)
    ascii_ = ascii_digits(text)
    m = _NUMBER.fullmatch(ascii_.strip())
    if m:
        lead = len(ascii_) - len(ascii_.lstrip())
        value = parse_number(m.group("num"))
        if value is not None:
            a, b = lead + m.start("num"), lead + m.end("num")
            return Number(value, pt.span(a, b), m.group("unit"), text[a:b])
    return TextValue(pt.span(), text)
