"""Dates in prose, signature blocks and page metadata, with spans.

Notations: 2018-03-05, 2018/3/5, 2018.3.5, 2018年3月5日, 二〇一八年三月五日 / 二○一四年一月十日,
month-level and vague points (12月底, 年底, 年初, 上半年), and ranges (自2013年1月1日至12月31日).
A date without a year takes the year of the date before it in the same paragraph, else the
report year. A bare "4.14" is never read as a date.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from ..source.dataclass_cache import dataclass  # dataclasses.dataclass, its code cached

from ..document import Document, Heading, Paragraph
from ..i18n import _
from ..document.normalize import CN_DIGITS, ascii_digits, cn_numeral_value
from ..source.ptext import PText
from ..source import Span
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

_ENDS_IN_NUMBER = lazy(r"[\d.]$")  # a month/day read after a number is part of something else

__all__ = ["DateFact", "document_dates", "parse_dates", "DocumentDates"]

_CN = "〇○零一二三四五六七八九十Ｏ"
# The guard in front (every notation starts with a digit or a Chinese numeral) changes no match but lets
# the engine pass every other character at once (about 4x faster); it must cover the whole alternation.
_DATE = compile_re(
    rf"(?=[\d{_CN}])(?:"
    r"(?P<iso>(?P<iy>(?:19|20)\d{2})\s*(?P<isep>[-/.])\s*(?P<im>\d{1,2})\s*(?P=isep)\s*(?P<id>\d{1,2})(?![\d.]))"
    r"|(?P<cn>(?:(?P<cy>(?:19|20)\d{2})\s*年\s*)?(?P<cm>\d{1,2})\s*月\s*(?:(?P<cd>\d{1,2})\s*[日号]|(?P<cq>底|末|初|中旬|上旬|下旬|份)?))"
    rf"|(?P<hz>(?P<hy>[{_CN}]{{4}})\s*年\s*(?P<hm>[一二三四五六七八九十]{{1,2}})\s*月\s*(?:(?P<hd>[一二三四五六七八九十]{{1,3}})\s*[日号])?)"
    r"|(?P<yq>(?P<yy>(?:19|20)\d{2})\s*年\s*(?P<yqq>底|末|初|上半年|下半年))"
    r")"
)
# Where a date can start, found by a pattern that starts with a character class (the engine then passes
# every other character in C, which the guard above cannot make it do): a notation's first character
# followed by what must come next in one of them — three more digits and a separator or 年 (ISO dates,
# years), a digit or none and 月 (a month), three more Chinese numerals and 年. It only narrows where
# _DATE is tried; _date_matches finds exactly what _DATE.finditer finds (tests compare the two).
_DATE_START = lazy(
    rf"[\d{_CN}](?:(?<=[12])(?=\d{{3}}\s*[-/.年])|(?<=\d)(?=\d?\s*月)|(?<=[{_CN}])(?=[{_CN}]{{3}}\s*年))"
)


# Every notation's first characters lead to one of these (the separator of an ISO date, 年 or 月).
_TERMINAL = compile_re(r"[年月\-/.]")
_CN_SET = frozenset(_CN)


def _date_starts(text: str) -> list[int]:
    """The positions where _DATE_START matches, in order, found from the characters they lead to.

    Such a character is rarer than the digits and numerals a search for _DATE_START stops at (the
    numbers of a table's text above all). Where _DATE_START matches at p, the spaces before the
    character end where its digits or numerals end: an ISO date or a year starts four characters
    before (1 or 2, then three digits), a month one or two (its digits), a year in numerals four (four
    numerals, then 年). ``isdecimal`` and ``isspace`` are the pattern's ``\\d`` and ``\\s``."""
    starts = set()
    for m in _TERMINAL.finditer(text):
        t = e = m.start()
        while e > 0 and text[e - 1].isspace():
            e -= 1
        if text[t] == "月":
            if e >= 1 and text[e - 1].isdecimal():
                starts.add(e - 1)
                if e >= 2 and text[e - 2].isdecimal():
                    starts.add(e - 2)
        elif e >= 4:
            head, rest = text[e - 4], text[e - 3:e]
            if head in "12" and rest.isdecimal():
                starts.add(e - 4)
            elif text[t] == "年" and head in _CN_SET and all(c in _CN_SET for c in rest):
                starts.add(e - 4)
    return sorted(starts)


def _date_matches(text: str) -> list[re.Match]:
    """``list(_DATE.finditer(text))``, with _DATE tried only where _DATE_START says a date can start."""
    out = []
    if "年" not in text and "月" not in text and "-" not in text and "/" not in text and "." not in text:
        return out  # every notation has 年, 月 or an ISO separator: five C scans pass a paragraph without
    match = _DATE.match
    pos = 0
    for c in _date_starts(text):
        if c < pos:
            continue  # inside the date found before
        m = match(text, c)
        if m is not None:
            out.append(m)
            pos = m.end()  # a date is never empty
    return out


FUTURE = lazy(r"将|计划|拟|预计|力争|争取|下一步|下步|明年|来年|今后|要求|应于|前完成|之前完成|部署|安排")


@dataclass
class DateFact:
    year: int | None
    month: int | None
    day: int | None
    qualifier: str | None     # 底, 初, 中旬, 上半年 …
    span: Span                # the whole date as written
    month_span: Span | None   # from the month on (for a finding about the month)
    raw: str
    block: object             # the Paragraph / Heading it was found in (None for metadata)
    start: int = 0            # offsets in the block's text
    end: int = 0
    year_inferred: bool = False

    @property
    def valid(self) -> bool:
        return self.problem is None

    @property
    def problem(self) -> str | None:
        if self.month is not None and not 1 <= self.month <= 12:
            return _("there is no month {month}", month=self.month)
        if self.day is not None:
            if self.day == 0:
                return _("day 0 does not exist")
            if self.year and self.month and 1 <= self.month <= 12:
                last = calendar.monthrange(self.year, self.month)[1]
                if self.day > last:
                    return _("{month}月 has {last} days in {year}, not {day}", month=self.month, last=last, year=self.year,
                             day=self.day)
            elif self.day > 31:
                return _("no month has {day} days", day=self.day)
        return None

    def earliest(self) -> dt.date | None:
        """The earliest day this date can mean."""
        if self.year is None or not self.valid:
            return None
        m = self.month
        if m is None:
            return {"底": dt.date(self.year, 12, 20), "末": dt.date(self.year, 12, 20),
                    "下半年": dt.date(self.year, 7, 1)}.get(self.qualifier or "", dt.date(self.year, 1, 1))
        if self.day is not None:
            return dt.date(self.year, m, self.day)
        first = {"底": 20, "末": 20, "下旬": 21, "中旬": 11}.get(self.qualifier or "", 1)
        return dt.date(self.year, m, first)

    def latest(self) -> dt.date | None:
        if self.year is None or not self.valid:
            return None
        m = self.month
        if m is None:
            return {"初": dt.date(self.year, 2, 28), "上半年": dt.date(self.year, 6, 30)}.get(
                self.qualifier or "", dt.date(self.year, 12, 31))
        if self.day is not None:
            return dt.date(self.year, m, self.day)
        last = calendar.monthrange(self.year, m)[1]
        return dt.date(self.year, m, {"初": 10, "上旬": 10, "中旬": 20}.get(self.qualifier or "", last))

    def date(self) -> dt.date | None:
        if self.day is None or not self.valid or self.year is None:
            return None
        return dt.date(self.year, self.month, self.day)


def _cn_year(s: str) -> int | None:
    if len(s) != 4 or not all(ch in CN_DIGITS for ch in s):
        return None
    v = 0
    for ch in s:
        v = v * 10 + CN_DIGITS[ch]
    return v


def parse_dates(pt: PText, block=None, default_year: int | None = None, text: str | None = None) -> list[DateFact]:
    """The dates written in *pt* (*text*: ``ascii_digits(pt.text)``, when the caller has it)."""
    if text is None:
        text = ascii_digits(pt.text)
    out: list[DateFact] = []
    last_year = None
    for m in _date_matches(text):
        y = mo = d = q = None
        inferred = False
        if m.group("iso"):
            y, mo, d = int(m.group("iy")), int(m.group("im")), int(m.group("id"))
            if m.group("isep") == "." and not (1 <= mo <= 12):
                continue
            ms = m.start("im")
        elif m.group("cn"):
            if m.group("cd") is None and m.group("cq") is None and m.group("cy") is None:
                continue  # a bare "3月" is too vague to be a fact
            y = int(m.group("cy")) if m.group("cy") else None
            mo = int(m.group("cm"))
            d = int(m.group("cd")) if m.group("cd") else None
            q = m.group("cq") if m.group("cq") and m.group("cq") != "份" else None
            ms = m.start("cm")
            if y is None:
                before = text[max(0, m.start() - 12):m.start()]
                if _ENDS_IN_NUMBER.search(before):
                    continue
                y = last_year or default_year
                inferred = True
        elif m.group("hz"):
            y = _cn_year(m.group("hy"))
            if y is None or not 1900 <= y <= 2100:
                continue
            mo = cn_numeral_value(m.group("hm"))
            d = cn_numeral_value(m.group("hd")) if m.group("hd") else None
            ms = m.start("hm")
        else:
            y = int(m.group("yy"))
            q = m.group("yqq")
            ms = m.start("yqq")
        if not inferred and y is not None:
            last_year = y
        raw = pt.text[m.start():m.end()]
        out.append(DateFact(y, mo, d, q, pt.span(m.start(), m.end()), pt.span(ms, m.end()), raw, block,
                            m.start(), m.end(), inferred))
    return out


@dataclass
class DocumentDates:
    facts: list[DateFact]
    document_date: DateFact | None      # signature, else 成文日期 / 发文日期
    document_date_source: str           # "signature", "written_date", "published_date", "none"
    published: DateFact | None          # 发布日期 / 发布时间
    written: DateFact | None            # 成文日期 from the metadata
    signature: DateFact | None


def _meta_date(doc: Document, key: str) -> DateFact | None:
    f = doc.metadata.get(key)
    if f is None:
        return None
    pt = PText.literal(f.value, f.span.start) if len(f.value) == len(f.span) else None
    if pt is None:
        return None
    facts = [x for x in parse_dates(pt) if x.day is not None]
    return facts[0] if facts else None


def document_dates(doc: Document, default_year: int | None = None, prose: list[tuple] | None = None
                   ) -> DocumentDates:
    """*prose*: the paragraphs and headings, each with its ASCII-digit text, as ``Context.prose`` has them."""
    facts: list[DateFact] = []
    for b, text in prose if prose is not None else [(b, None) for b in doc.paragraphs()]:
        facts.extend(parse_dates(b.ptext, b, default_year, text))
    # The signature: a date that is (almost) the whole of one of the last lines.
    signature = None
    paras = [b for b in doc.blocks if isinstance(b, (Paragraph, Heading))]
    for b in reversed(paras[-4:]):
        ds = [f for f in facts if f.block is b and f.day is not None and not f.year_inferred]
        if ds and len(b.text.strip()) <= len(ds[-1].raw) + 14:
            signature = ds[-1]
            break
    written = _meta_date(doc, "written_date")
    published = _meta_date(doc, "published_date")
    if signature is not None:
        dd, src = signature, "signature"
    elif written is not None:
        dd, src = written, "written_date"
    else:
        dd, src = None, "none"
    return DocumentDates(facts, dd, src, published, written, signature)
