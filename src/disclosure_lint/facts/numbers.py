"""Numbers in prose, with their units and spans.

Arabic and full-width digits, thousands separators, Chinese numerals before a measure word
(三十二件, 一万二千条, read by cn2an), 万 / 亿 multipliers (8.5万), percentages, and approximations (余, 多, 近, 约, 超过,
左右, 以上) which exact checks skip. Years, months, days and phone-like digit runs are not counts.
"""
from __future__ import annotations

from ..source.dataclass_cache import dataclass, field  # dataclasses.dataclass, its code cached
from decimal import Decimal, InvalidOperation
from sys import intern

from ..document import Document
from ..document.cnnum import read_cn_numeral
from ..document.normalize import ascii_digits
from ..source.ptext import PText
from ..source import Span
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

__all__ = ["NumberFact", "find_numbers", "document_numbers", "MEASURE", "is_approx"]

MEASURE = "件|条|个|项|次|份|篇|期|场|家|起|人次|人|批次|批|页|封|张|余件|余条|元|万元|亿元|户|家次|卷|部|项次|名"
_PRE = "约|近|超过|逾|大约|将近|接近|不足|不到"
_CN_FIRST = "零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟"  # a Chinese numeral starts with one
_CN_MORE = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"  # what goes on a Chinese numeral
# A number (digits or a Chinese numeral), then its multiplier, approximation and unit. The pattern starts
# with one character class (its first character, then which kind it was, looked behind), so that the
# engine passes every other place at C speed. A qualifier before the number (约, 超过 …) is not part of
# the match: find_numbers looks behind the number for it (see _PRE_NEVER_ENDS_A_MATCH).
_NUM = compile_re(
    rf"(?P<num>[\d{_CN_FIRST}](?:(?<![\d.].)(?<=\d)\d{{0,2}}(?:,\d{{3}})+(?:\.\d+)?|(?<![\d.].)(?<=\d)\d*(?:\.\d+)?"
    rf"|(?<=[{_CN_FIRST}])[{_CN_MORE}]{{0,11}}))"
    r"(?P<mult>万|亿)?"
    r"(?P<post>余|多)?"
    rf"(?P<unit>%|％|{MEASURE})?"
    r"(?P<post2>左右|以上|多)?"
)
_PRE_WORDS = tuple(_PRE.split("|"))
# The matches of the same pattern with ``(?P<pre>约|近|…)?`` in front are these, each with the qualifier
# written just before it: a qualifier's characters are none that a match can end with (digits, numerals,
# 万亿, 余多, units, 左右以上), so the two characters before a number never belong to the match before it.
_PRE_NEVER_ENDS_A_MATCH = set("".join(_PRE_WORDS)).isdisjoint(
    "0123456789,." + _CN_FIRST + _CN_MORE + "万亿余多%％左右以上" + MEASURE.replace("|", ""))
assert _PRE_NEVER_ENDS_A_MATCH and all(len(w) <= 2 for w in _PRE_WORDS)
# Where find_numbers can keep a number, a numeral character is followed (after 万/亿 and 余/多, if
# any) by the first character of a measure word, a percent sign or 万/亿: a paragraph where this
# (a search that starts with a character class, passed in C) finds nothing has no count.
_NUMERAL_CLASS = f"[\\d{_CN_FIRST}{_CN_MORE}]"
_AFTER_CLASS = f"[%％万亿{''.join(sorted({w[0] for w in MEASURE.split('|')}))}]"
_COUNT_SOMEWHERE = lazy(rf"{_NUMERAL_CLASS}[万亿]?[余多]?{_AFTER_CLASS}")
# The same places found from their last character (rarer than the digits and numerals, and a class
# without \d's per-character category test): the numeral looked behind, right before it or with one
# of 万亿余多 between (a fixed-width lookbehind each; 万亿 then 余多 needs no third, as 万 and 亿 are
# numeral characters themselves). Twice as fast on the real pages.
_COUNT_END = compile_re(rf"{_AFTER_CLASS}(?:(?<={_NUMERAL_CLASS}.)|(?<={_NUMERAL_CLASS}[万亿余多].))")
assert set("万亿") <= set(_CN_MORE)
_APPROX_AFTER = compile_re(rf"(?:万|亿)?(?:余|多|(?:%|％|{MEASURE})?(?:左右|以上|多))")


def is_approx(text: str, start: int, end: int) -> bool:
    """Whether the number written at ``text[start:end]`` is an approximation, by the words find_numbers
    reads as one: 约/近/超过/逾/将近/不足… before it, 余/多 after it, 左右/以上 after its measure word."""
    return text[max(0, start - 2):start].endswith(_PRE_WORDS) or _APPROX_AFTER.match(text, end) is not None


# What after a number says it is not a count (2021年, 3月, 5.2): matched where the number ends. Every
# form is at most two characters long, and a match never needs to see further.
_NOT_COUNT_AT = compile_re(r"年|月|日|号|时|分|秒|季度|周年|届|级|楼|层|路|栋|室|岁|点|\.\d|[-/]\d")
# The first characters of those forms: most numbers are followed by none of them (but by their unit), and
# a set lookup of one character is several times cheaper than trying the pattern's 19 alternatives.
_NOT_COUNT_FIRST = frozenset("年月日号时分秒季周届级楼层路栋室岁点./-")


@dataclass(slots=True)
class NumberFact:
    value: Decimal
    unit: str | None
    approx: bool
    percent: bool
    start: int            # offsets in the block text
    end: int              # end of the whole match (unit included)
    num_end: int
    block: object
    raw: str
    pt: PText = field(repr=False, compare=False)   # the text it was read from (its span is made from it)
    _span: Span | None = field(default=None, repr=False, compare=False)

    @property
    def span(self) -> Span:
        """The digits (and multiplier) as written; made when first asked for (most numbers never are)."""
        if self._span is None:
            self._span = self.pt.span(self.start, self.num_end)
        return self._span


def find_numbers(pt: PText, block=None, text: str | None = None) -> list[NumberFact]:
    """The counts written in *pt* (*text*: ``ascii_digits(pt.text)``, when the caller has it)."""
    if text is None:
        text = ascii_digits(pt.text)
    out = []
    if not _COUNT_END.search(text):  # a match of _COUNT_SOMEWHERE, found from its end
        return out
    written = pt.text
    for m in _NUM.finditer(text):
        if m.lastindex == 1:
            continue  # nothing after the number (2021年, 统一): no count, as below, decided at once
        raw, mult, post, unit, post2 = m.groups()
        if unit is None and mult is None:
            continue  # a bare number or numeral: no count to compare
        a, num_end = m.span(1)
        if not mult and text[num_end:num_end + 1] in _NOT_COUNT_FIRST and _NOT_COUNT_AT.match(text, num_end):
            continue
        if raw[0] not in "0123456789":
            if not unit or unit in ("%", "％"):
                continue  # 一是, 统一, 进一步: only a Chinese numeral with a measure word is a count
            v = read_cn_numeral(raw)  # cn2an, only on a run of numeral characters
            if v is None:
                continue
            value = Decimal(v)
        else:
            digits = raw.replace(",", "")
            if len(digits.split(".")[0]) > 12:
                continue  # a phone number, an ID
            try:
                value = Decimal(digits)
            except InvalidOperation:
                continue
            if not unit and not mult:
                continue  # a bare number is not a count we can compare
        if mult:
            value *= 10000 if mult == "万" else 100000000
            num_end = m.end(2)
        approx = bool(post or post2 or (unit and unit.startswith("余")) or text[max(0, a - 2):a].endswith(_PRE_WORDS))
        # one string per unit, not one per number (a CJK character is a new object at each match)
        out.append(NumberFact(value, intern(unit.lstrip("余")) if unit else None, approx, unit in ("%", "％"), a,
                              m.end(), num_end, block, written[a:num_end], pt))
    return out


def document_numbers(doc: Document, prose: list[tuple] | None = None) -> list[NumberFact]:
    """The counts of every paragraph and heading (*prose*: each with its ASCII-digit text, as
    ``Context.prose`` has them)."""
    out = []
    if prose is None:
        prose = [(b, None) for b in doc.paragraphs()]
    for b, text in prose:
        out.extend(find_numbers(b.ptext, b, text))
    return out
