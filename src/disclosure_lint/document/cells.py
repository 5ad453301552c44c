"""What a table cell holds: a number, a blank, a not-applicable mark, or text.

Numbers are read as written: Arabic or full-width digits, Chinese numerals (二十七, 一万二千, 壹佰,
read by :mod:`cnnum`), with a unit (``27件``).  An approximate figure (``约27``, ``27余``, ``27左右``)
is text, not a number, but it stands where a number stands: :func:`value_like` says so, so the
row keeps its columns and the cell gets one finding of its own.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from . import Blank, CellValue, NotApplicable, Number, TextValue
from .cnnum import CN_NUMERAL_CHARS, read_cn_numeral
from .normalize import ascii_digits
from ..source.ptext import PText
from ..source import Span, new_span
from ..source.re_cache import compile_re

__all__ = ["cell_value", "read_cell", "NOT_APPLICABLE", "value_like", "APPROX"]

NOT_APPLICABLE = {"—", "——", "-", "--", "－", "–", "―", "/", "／", "\\", "无", "無", "不适用", "/ ", "— —", "-—"}

_NUMBER = compile_re(
    r"(?P<num>[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)\s*(?P<unit>万元|元|%|件|条|个|项|人次|次|宗|起)?"  # as _UNIT
)

_UNIT = r"(?:万元|元|%|件|条|个|项|人次|次|宗|起)"
_CN_NUMBER = compile_re(rf"(?P<num>[{CN_NUMERAL_CHARS}]+)\s*(?P<unit>{_UNIT})?")
# A figure that is not exact, or a number with words around it: where a number should be.
APPROX = compile_re(
    rf"^(?:约|近|大约|将近|接近|超过|逾|不足|不到|共|计|共计)?\s*(?:[+-]?[\d０-９][\d０-９,，.．]*|[{CN_NUMERAL_CHARS}]+)"
    rf"\s*(?:余|多)?\s*{_UNIT}?\s*(?:左右|以上|以下|余|多)?$")


# What the stripped text of a number starts with, besides a decimal digit (``\d`` is any Unicode decimal
# digit, which ``str.isdecimal`` tells): a sign (ASCII or full-width, as ascii_digits translates it), or
# a Chinese numeral.
_NUMBER_START = frozenset("+-＋－" + CN_NUMERAL_CHARS)
NOT_APPLICABLE_START = frozenset(t[0] for t in NOT_APPLICABLE)


def value_like(text: str) -> bool:
    """True for text that stands where a number stands (约27, 27余件, 二十余件) though it is not one."""
    t = text.strip()
    return bool(t) and bool(APPROX.match(t))


def parse_number(s: str) -> int | Decimal | None:
    s = s.replace(",", "")
    try:
        if "." in s:
            return Decimal(s)
        return int(s)
    except (ValueError, InvalidOperation):
        return None


# Made without their dataclass __init__ (a frozen dataclass sets each field through object.__setattr__):
# the same objects, set through their slots. A test compares them with the ones the constructors make.
# (Span's own constructor does the same: source.Span.)
_new = object.__new__
_SET_VALUE, _SET_NSPAN, _SET_UNIT, _SET_RAW = (Number.__dict__[f].__set__ for f in ("value", "span", "unit", "raw"))
_SET_TSPAN, _SET_TEXT = TextValue.__dict__["span"].__set__, TextValue.__dict__["text"].__set__


def _whole_span(pt: PText) -> Span:
    """``pt.span()``: of a one-piece text (most cells and paragraphs) made without the general method."""
    start = pt._start
    if start >= 0:  # one literal piece (the general layout marks its start -1)
        return new_span(start, start + len(pt.text))
    return pt.span()


def _plain_number(value: int, span: Span, text: str) -> Number:
    """``Number(value, span, None, text)``."""
    n = _new(Number)
    _SET_VALUE(n, value)
    _SET_NSPAN(n, span)
    _SET_UNIT(n, None)
    _SET_RAW(n, text)
    return n


def _text_value(span: Span, text: str) -> TextValue:
    """``TextValue(span, text)``."""
    v = _new(TextValue)
    _SET_TSPAN(v, span)
    _SET_TEXT(v, text)
    return v


# What a text that :data:`APPROX` matches may start with, besides a decimal digit, a sign and a Chinese
# numeral (which _NUMBER_START holds): the first character of one of its words before the figure.
_APPROX_WORD_START = frozenset("约近大将接超逾不共计")


def read_cell(pt: PText) -> tuple[CellValue, bool]:
    """``cell_value(pt, None)`` of a collapsed text that is not blank, and whether it is a label: text
    that names a row (a TextValue that is not :func:`value_like`). One call per cell of a table."""
    text = pt.text
    if text.isdigit() and text.isascii():
        try:
            return _plain_number(int(text), _whole_span(pt), text), False
        except ValueError:  # more digits than int() reads: as parse_number, not a number
            pass
    first = text[0]
    if not (first.isdecimal() or first in _NUMBER_START or first in NOT_APPLICABLE_START):
        # A label such as 本年新收: neither number pattern can match, nor a not-applicable mark; collapsed,
        # the text has no white space at its ends, so APPROX could match only from one of its words.
        value = _text_value(_whole_span(pt), text)
        return value, first not in _APPROX_WORD_START or not value_like(text)
    value = cell_value(pt, None)
    return value, type(value) is TextValue and not value_like(text)


def cell_value(pt: PText, fallback: Span) -> CellValue:
    """Classify the normalised text of a cell. *fallback* is the cell's span, used for blanks."""
    text = pt.text
    if text.isdigit() and text.isascii():
        # Plain ASCII digits, two thirds of all cells (never blank, never a dash): the same Number the
        # pattern below finds, without it.
        try:
            return _plain_number(int(text), _whole_span(pt), text)
        except ValueError:  # more digits than int() reads: as parse_number, not a number
            pass
    stripped = text.strip()
    if not stripped:
        return Blank(fallback if not len(pt) else pt.span())
    if stripped in NOT_APPLICABLE:
        return NotApplicable(pt.span(), stripped)
    first = stripped[0]
    if not (first.isdecimal() or first in _NUMBER_START):
        # Neither pattern below can match (a label such as 本年新收): text, without translating digits.
        return _text_value(pt.span(), text)
    ascii_ = ascii_digits(text)
    m = _NUMBER.fullmatch(ascii_.strip())
    if m:
        lead = len(ascii_) - len(ascii_.lstrip())
        value = parse_number(m.group("num"))
        if value is not None:
            a, b = lead + m.start("num"), lead + m.end("num")
            return Number(value, pt.span(a, b), m.group("unit"), text[a:b])
    m = _CN_NUMBER.fullmatch(text.strip())
    if m:
        value = read_cn_numeral(m.group("num"))
        if value is not None:
            lead = len(text) - len(text.lstrip())
            a, b = lead + m.start("num"), lead + m.end("num")
            return Number(value, pt.span(a, b), m.group("unit"), text[a:b])
    return _text_value(pt.span(), text)
