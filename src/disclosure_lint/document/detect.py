"""What a report is: its year, its kind, the agency's level, and so its edition.

Read from the title, the statistics-period sentence and the page metadata; any
of them can be forced through the options.
"""
from __future__ import annotations

import re

from ..source.dataclass_cache import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING: typing is for annotations only, and costs ~10 M instructions to import

from . import Document, Heading
from .editions import Edition
from ..i18n import _
from ..source import Span
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

if TYPE_CHECKING:  # the options are only read here; the engine layer sits above the document
    from ..engine.options import Options

__all__ = ["ReportInfo", "detect", "YEAR_IN_TITLE", "PERIOD"]

YEAR_IN_TITLE = compile_re(r"((?:19|20)\d{2})\s*年")
PERIOD = lazy(r"(?<!\s)(?:统计)?(?:期限|时限|时间|期间|区间)?\s*(?:自|从|为)\s*((?:19|20)\d{2})\s*年\s*1\s*月\s*1\s*日")
_SUMMARY = compile_re(r"工作总结|情况汇报|工作要点落实情况|落实情况的函|工作情况报告|总結|匯報")
_ANNUAL = lazy(r"年度报告|年报|年度報告|年報|報\([a-zü\u0101-\u01dc]+\)告")
_TOWN = compile_re(r"(乡|镇|街道|街道办事处|苏木)(人民政府)?$")
_GOVERNMENT = compile_re(r"(人民政府|政府|管委会|管理委员会|实验区|开发区|新区|高新区|[省市县区州盟旗])$")
_DEPARTMENT = compile_re(r"(局|委员会|委|办公室|办公厅|厅|办|中心|院|署|所|部|会|处|站|队|分局|公司|集团)$")
_BRACKETED = compile_re(r"[（(][^（(）)]*[）)]")  # innermost groups only: linear, whatever the brackets
_AGENCY_IN_TITLE = compile_re(r"^(.*?)(?:(?:19|20)\d{2}\s*年)")
_AGENCY_AFTER_YEAR = lazy(r"^\s*(?:19|20)\d{2}\s*年度?(.*?)(?:政府信息|政务公开|信息公开|政务信息|工作)")


@dataclass
class ReportInfo:
    year: int | None
    year_source: str            # "title", "period", "metadata", "option", "text", "none"
    year_span: Span | None
    kind: str                   # "annual-report" or "work-summary"
    agency_level: str           # "government", "department", "town"
    agency_level_source: str
    edition: Edition | None
    notes: list[str] = field(default_factory=list)


def _agency_name(doc: Document) -> str:
    if doc.title is not None:
        m = _AGENCY_IN_TITLE.match(doc.title.value.strip())
        if m and m.group(1).strip():
            return m.group(1).strip()
        m = _AGENCY_AFTER_YEAR.match(doc.title.value)
        if m and m.group(1).strip():
            return m.group(1).strip()
    pub = doc.metadata.get("publisher") or doc.metadata.get("source")
    if pub is not None:
        return pub.value.strip()
    # The signature block: the last short line before the closing date.
    paras = [b for b in doc.blocks if not hasattr(b, "rows")]
    for b in reversed(paras[-4:]):
        t = b.text.strip()
        if 2 <= len(t) <= 30 and not re.search(r"\d", t) and not isinstance(b, Heading):
            return t
    return ""


def agency_level(name: str) -> str | None:
    name = _BRACKETED.sub("", name).strip()
    if not name:
        return None
    if _TOWN.search(name):
        return "town"
    if re.search(r"(办公室|办公厅)$", name) and "人民政府" in name:
        return "department"
    if _DEPARTMENT.search(name) and not re.search(r"(人民政府|管委会)$", name):
        return "department"
    if _GOVERNMENT.search(name):
        return "government"
    return None


def detect(doc: Document, editions: dict[str, Edition], options: Options) -> ReportInfo:
    notes: list[str] = []
    year, source, span = None, "none", None
    if options.year:
        year, source = options.year, "option"
    if year is None and doc.title is not None:
        m = YEAR_IN_TITLE.search(doc.title.value)
        if m:
            year, source = int(m.group(1)), "title"
            span = Span(doc.title.span.start, doc.title.span.end)
    if year is None:
        for p in list(doc.paragraphs())[:40]:
            m = PERIOD.search(p.text)
            if m:
                year, source, span = int(m.group(1)), "period", p.ptext.span(m.start(1), m.end(1))
                break
    if year is None:
        for p in list(doc.paragraphs())[:5]:
            m = YEAR_IN_TITLE.search(p.text)
            if m:
                year, source, span = int(m.group(1)), "text", p.ptext.span(m.start(1), m.end(1))
                break
    if year is None:
        pub = doc.metadata.get("published_date")
        m = re.search(r"(19|20)\d{2}", pub.value) if pub else None
        if m:
            year, source = int(m.group()) - 1, "metadata"
            notes.append("the report year was taken as the year before publication")
    title = doc.title.value if doc.title else ""
    if _SUMMARY.search(title) and not _ANNUAL.search(title):
        kind = "work-summary"
    else:
        kind = "annual-report"
    if options.agency_level:
        level, level_source = options.agency_level, _("set by --agency-level or the configuration")
    else:
        name = _agency_name(doc)
        level = agency_level(name)
        level_source = _("from “{name}”", name=name) if level else _("assumed")
        if level is None:
            level = "government"
            notes.append("the agency level could not be determined; a government's own report was assumed")
    edition = None
    if options.edition:
        edition = editions.get(options.edition)
        if edition is None:
            notes.append(f"unknown edition {options.edition!r}")
    elif kind == "work-summary":
        edition = editions.get("work-summary")
    elif year is not None:
        for e in editions.values():
            if e.kind == "annual-report" and e.covers(year):
                edition = e
                break
    return ReportInfo(year, source, span, kind, level, level_source, edition, notes)
