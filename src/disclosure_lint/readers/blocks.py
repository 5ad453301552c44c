"""What readers hand to the document builder: paragraphs and raw tables, positioned."""
from __future__ import annotations

from ..source.dataclass_cache import dataclass, field

from ..source.ptext import PText
from ..source import Span


# The labels a page states its metadata with, and the field each one fills. Readers use the labels to
# find metadata in the page furniture; the builder reads the values. One list, so the two cannot drift.
META_KEYS = {
    "索引号": "index_no", "发布机构": "publisher", "发文机构": "publisher", "来源": "source", "信息来源": "source",
    "成文日期": "written_date", "发文日期": "written_date", "生成日期": "written_date",
    "发布日期": "published_date", "发布时间": "published_date", "时间": "published_date",
    "标题": "title", "名称": "title", "文号": "doc_no",
}
META_LABEL_PATTERN = "|".join(sorted(META_KEYS, key=len, reverse=True))  # 信息来源 before 来源


@dataclass(slots=True)
class RawParagraph:
    ptext: PText        # not yet normalised
    span: Span
    boilerplate: bool = False  # page furniture (navigation, footer), kept for metadata only


@dataclass(slots=True)
class RawCell:
    ptext: PText
    span: Span
    rowspan: int = 1
    colspan: int = 1
    is_header: bool = False
    recovery: str = ""  # a cell split from run-together digits: how (see document.Cell.recovery)


@dataclass(slots=True)
class RawRow:
    cells: list[RawCell]
    span: Span


@dataclass(slots=True)
class RawTable:
    rows: list[RawRow]
    span: Span
    boilerplate: bool = False
    from_text: bool = False  # rows flattened to text: column spans are lost


@dataclass
class RawDocument:
    blocks: list = field(default_factory=list)          # RawParagraph | RawTable, report content
    furniture: list = field(default_factory=list)       # RawParagraph | RawTable outside the report
    title_candidates: list[PText] = field(default_factory=list)
    find_titles: object = None  # a reader may compute title candidates only when asked (a callable)
    release: object = None  # called once the title is read (build_document; again after it): the reader frees what it kept for find_titles

    def titles(self):
        """Title candidates in document order; a lazy reader's are computed only as far as they are read."""
        if self.find_titles is not None and not self.title_candidates:
            return self.find_titles()
        return iter(self.title_candidates)
    meta_lines: list[tuple[str, PText]] = field(default_factory=list)  # (label, value) the page states
    comments: list[tuple[str, Span]] = field(default_factory=list)     # comment text and span (suppressions)
    content_span: Span | None = None
    problems: list[tuple[str, str, Span]] = field(default_factory=list)
