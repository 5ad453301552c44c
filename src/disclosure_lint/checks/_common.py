"""Small helpers the built-in rules share (not a rule module: its name starts with _)."""
from __future__ import annotations

from ..i18n import _
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from ..source import Span

CN = "一二三四五六七八九十"


def cn_number(n: int) -> str:
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


def share_fits(x: Decimal, base: Decimal, shown: Decimal, places: int) -> bool:
    """Whether x / base, as a percentage at *places* decimals (rounded or cut), is the *shown* figure."""
    pct = x * 100 / base
    q = Decimal(1).scaleb(-places)
    return pct.quantize(q, ROUND_HALF_UP) == shown or pct.quantize(q, ROUND_DOWN) == shown
