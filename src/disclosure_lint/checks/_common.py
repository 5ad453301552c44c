"""Small helpers the built-in rules share (not a rule module: its name starts with _)."""
from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

from ..document.normalize import ascii_digits
from ..i18n import _
from ..source import Span

CN = "一二三四五六七八九十"


def cn_number(n: int) -> str:
    """一 … 九十九; other counts as Arabic digits."""
    if not 0 < n < 100:
        return str(n)
    if n <= 10:
        return CN[n - 1]
    if n < 20:
        return "十" + (CN[n - 11] if n > 10 else "")
    return CN[n // 10 - 1] + "十" + (CN[n % 10 - 1] if n % 10 else "")


def is_annual(ctx) -> bool:
    e = ctx.edition
    return e is not None and e.kind == "annual-report"


def edition_name(ctx) -> str:
    e = ctx.edition
    return _("the {name} edition", name=e.name) if e is not None else _("no edition")


def doc_anchor(ctx) -> Span:
    """Where a finding about the whole document points: the title, else the start of the content."""
    d = ctx.document
    if d.title is not None:
        return d.title.span
    for b in d.blocks:
        return Span(b.span.start, b.span.start)
    return Span(d.content_span.start, d.content_span.start)


MAX_PLACES = 6  # decimals of a written percentage that are compared (more is noise, and past Decimal's precision)


def percent_places(raw: str) -> int:
    """How many decimals a written percentage shows (a full-width point counts), at most MAX_PLACES."""
    raw = ascii_digits(raw)
    return min(len(raw.split(".", 1)[1]) if "." in raw else 0, MAX_PLACES)


def share_pct(x: Decimal, base: Decimal, places: int) -> Decimal:
    """x / base as a percentage rounded to *places* decimals (*base* is not zero)."""
    pct = x * 100 / base
    try:
        return pct.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    except InvalidOperation:  # a figure too large to show at that many decimals
        return pct


def share_fits(x: Decimal, base: Decimal, shown: Decimal, places: int) -> bool:
    """Whether x / base, as a percentage at *places* decimals (rounded or cut), is the *shown* figure.
    A base of zero has no share: nothing to contradict."""
    if not base:
        return True
    pct = x * 100 / base
    q = Decimal(1).scaleb(-places)
    try:
        shown = shown.quantize(q, ROUND_HALF_UP)
        return pct.quantize(q, ROUND_HALF_UP) == shown or pct.quantize(q, ROUND_DOWN) == shown
    except InvalidOperation:  # figures past Decimal's precision: no claim
        return True
