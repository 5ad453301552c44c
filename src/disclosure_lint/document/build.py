"""From what a reader found to a :class:`Document`: headings, sections, grids, metadata.

Shared by every reader, so HTML and text reports become the same tree.  Knows
nothing of editions: a heading is recognised by its numbering, not its words.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import Document, Heading, MetaField, Metadata, Paragraph, Section, Table
from .cells import _whole_span
from .grid import resolve
from .normalize import PINYIN, cn_numeral_value
from ..source.ptext import BLANK_CHARS, PText
from ..readers.blocks import META_KEYS, META_LABEL_PATTERN, RawDocument, RawParagraph, RawTable
from ..source import Source, Span
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

__all__ = ["build_document", "parse_heading"]

_L1 = compile_re(r"(?P<num>[一二三四五六七八九十]{1,3})\s*[、．.，,](?!\d)")
_L2 = compile_re(r"[（(]\s*(?P<num>[一二三四五六七八九十]{1,3})\s*[）)]\s*[、．.]?")
_L3 = compile_re(r"(?P<num>\d{1,2})\s*(?:、|[．.](?!\d))")
_L4 = lazy(r"[（(]\s*(?P<num>\d{1,2})\s*[）)]")
_PATTERNS = ((1, _L1, True), (2, _L2, True), (3, _L3, False), (4, _L4, False))
HEADING_MAX = 40
# What a numbering marker starts with, and the patterns that can match after it, in _PATTERNS' order: a
# Chinese numeral (_L1), a bracket (_L2, _L4), a decimal digit (_L3: ``\d`` is any Unicode decimal digit,
# which ``str.isdecimal`` tells).
_PATTERNS_BY_START = {**{ch: _PATTERNS[:1] for ch in "一二三四五六七八九十"},
                      **{ch: (_PATTERNS[1], _PATTERNS[3]) for ch in "（("}}
_DIGIT_PATTERNS = (_PATTERNS[2],)
_LEAD_CUT = compile_re(r"[。；;：:！!]")
_NON_SPACE = compile_re(r"\S")

_TITLE_WORDS = compile_re(r"(报告|報告|总结|總結|汇报|匯報|年报|年報|落实情况|落實情況)")
_PINYIN = PINYIN
_INDEX_NO = lazy(r"(?<![0-9A-Za-z])[0-9A-Za-z]{6,}[/-]\d{4}-\d{3,6}")
_DATE_ONLY = lazy(r"^\s*\d{4}[-年./]\d{1,2}[-月./]\d{1,2}日?(\s+\d{1,2}:\d{2}(:\d{2})?)?\s*$")

_META_RE = compile_re(rf"({META_LABEL_PATTERN})\s*[:：]\s*")
# The characters collapse_space drops that are not white space (zero-width space, joiners, soft hyphen…).
_ZERO_WIDTH = compile_re("[" + "".join(ch for ch in BLANK_CHARS if not ch.isspace()) + "]")


@lru_cache(maxsize=None)  # at most 1,110 keys: one to three of the ten numerals the marker patterns allow
def _cn_marker_value(num: str) -> int | None:
    return cn_numeral_value(num)


def parse_heading(pt: PText) -> Heading | None:
    """A heading if the text starts with a numbering marker; ``None`` for 一是… and plain prose."""
    text = pt.text
    first = text[:1]
    patterns = _PATTERNS_BY_START.get(first)
    if patterns is None:
        if not first.isdecimal():
            return None  # no marker can match: plain prose, without trying the four patterns
        patterns = _DIGIT_PATTERNS
    for level, pat, cn in patterns:
        m = pat.match(text)
        if not m:
            continue
        num_text = m.group("num")
        number = _cn_marker_value(num_text) if cn else int(num_text)
        if number is None or number == 0:
            return None
        # The rest of the text after the marker is read in place: a numbered paragraph may be long.
        end = m.end()
        lead = _NON_SPACE.search(text, end)
        if lead is None or lead.group() in "是要":
            return None  # nothing after the marker, or 一是… / 二要…
        if len(text) - end <= HEADING_MAX and "。" not in text[end:].rstrip("。")[:-1]:
            title_end = len(text)
        else:
            # a long numbered paragraph with no short lead sentence: still a numbered item
            cut = _LEAD_CUT.search(text, end, end + HEADING_MAX + 1)
            title_end = cut.start() if cut is not None else min(len(text), end + HEADING_MAX)
        # the title, its ends stripped (as PText.strip strips them), in one slice
        words = text[end:title_end]
        a = end + len(words) - len(words.lstrip(BLANK_CHARS))
        z = end + len(words.rstrip(BLANK_CHARS))
        title = pt[a:z] if a < z else pt[end:end]
        return Heading(pt, _whole_span(pt), level, number, pt[0:end], title)
    return None


def _paragraph(raw: RawParagraph) -> Paragraph | Heading | None:
    pt = raw.ptext.collapse_space()
    if not pt.text:
        return None
    h = parse_heading(pt)
    if h is not None:
        return h
    span = raw.span
    start = pt._start
    if pt is not raw.ptext or start < 0 or span.start != start or span.end != start + len(pt.text):
        span = _whole_span(pt)  # else the reader's span is the text's (an HTML paragraph): kept, not made again
    return Paragraph(pt, span)


def _sections(blocks: list) -> Section:
    root = Section(None, 0)
    stack = [root]
    for b in blocks:
        if isinstance(b, Heading):
            while stack[-1].level >= b.level:
                stack.pop()
            s = Section(b, b.level)
            stack[-1].children.append(s)
            stack.append(s)
        else:
            stack[-1].blocks.append(b)
    return root


def _metadata(raw: RawDocument, blocks: list, made: dict | None = None) -> Metadata:
    """*made*: id(raw paragraph) -> the block already made of it, whose text is the paragraph collapsed."""
    md = Metadata()
    made = made or {}
    for label, value in raw.meta_lines:
        key = META_KEYS.get(label)
        if key and value.text:
            md.set(MetaField(key, value.text, value.span()))
    # The texts metadata is looked for in, collapsed. A text not collapsed yet (``collapsed[k]`` false) is
    # collapsed only when it may hold a label, or when it is the value of a label before it: a label
    # needs a colon, and a text with no zero-width character and no label gains none by collapsing.
    snippets: list[PText] = []
    collapsed: list[bool] = []
    lead = []
    for b in raw.blocks[:6]:  # a metadata line at the top of the content ("发布日期：2020-01-31")
        if isinstance(b, RawTable):
            break
        lead.append(b)
    for b in list(raw.furniture) + lead:
        if isinstance(b, RawParagraph):
            p = made.get(id(b))
            snippets.append(p.ptext if p is not None else b.ptext)
            collapsed.append(p is not None)
        elif isinstance(b, RawTable):
            for row in b.rows:
                for c in row.cells:
                    snippets.append(c.ptext)
                    collapsed.append(False)
    for k, pt in enumerate(snippets):
        text = pt.text
        if ":" not in text and "：" not in text:
            continue  # no label: a label is followed by a colon
        if not collapsed[k]:
            if _META_RE.search(text) is None and _ZERO_WIDTH.search(text) is None:
                continue
            pt = snippets[k] = pt.collapse_space()
            collapsed[k] = True
        matches = list(_META_RE.finditer(pt.text))
        for j, m in enumerate(matches):
            if m.start() > 0 and pt.text[m.start() - 1] not in " ：:|":
                continue  # a label word inside a sentence
            end = matches[j + 1].start() if j + 1 < len(matches) else len(pt.text)
            value = pt[m.end():end].strip()
            if not value.text and j + 1 == len(matches) and k + 1 < len(snippets):
                if not collapsed[k + 1]:
                    snippets[k + 1] = snippets[k + 1].collapse_space()
                    collapsed[k + 1] = True
                value = snippets[k + 1]  # label cell, value in the next cell
            if value.text and len(value.text) <= 200:
                md.set(MetaField(META_KEYS[m.group(1)], value.text, value.span()))
    # Unlabelled bullet lines at the top (text extractions of CMS pages): 索引号 and dates. Only the
    # lines before the first heading or sentence of prose: a signature date is not page metadata.
    dates = []
    for b in blocks[:8]:
        if isinstance(b, (Table, Heading)) or len(b.text) > 40:
            break
        t = b.text.lstrip("•·●* \t")
        if _INDEX_NO.fullmatch(t.strip()):
            md.set(MetaField("index_no", t.strip(), b.ptext.span(len(b.text) - len(t), len(b.text))))
        elif _DATE_ONLY.match(t):
            off = len(b.text) - len(t)
            dates.append(MetaField("", t.strip(), b.ptext.span(off, off + len(t.strip()))))
    if len(dates) >= 2:
        md.set(MetaField("written_date", dates[0].value, dates[0].span))
        md.set(MetaField("published_date", dates[1].value, dates[1].span))
    elif len(dates) == 1:
        md.set(MetaField("published_date", dates[0].value, dates[0].span))
    return md


def _title(raw: RawDocument, blocks: list, md: Metadata) -> MetaField | None:
    """The metadata's 标题, else a title line at the top of the content, else the page's own title.

    A candidate that names a year beats one that does not (titles are often split over two lines).
    """
    t = md.get("title")
    if t is not None:
        return t
    candidates: list[tuple[int, MetaField]] = []
    for b in blocks[:6]:
        if isinstance(b, (Table, Heading)):
            break
        text = _PINYIN.sub("", b.text)
        if len(text) <= 80 and _TITLE_WORDS.search(text) and "。" not in text:
            candidates.append((0 if _YEAR.search(text) else 2, MetaField("title", b.text, b.span)))
    if candidates and min(c[0] for c in candidates) == 0:
        return min(candidates, key=lambda c: c[0])[1]  # a title line with a year: the page's title is not needed
    for pt in raw.titles():
        text = pt.text
        if _TITLE_WORDS.search(text):
            cut = re.split(r"\s*[_|]\s*|\s+-\s+", text)[0]
            f = MetaField("title", cut, pt[0:len(cut)].span() if cut else pt.span())
            candidates.append((1 if _YEAR.search(cut) else 3, f))
            if _YEAR.search(cut):
                break  # the first page title that names a year: nothing later can beat it
    if not candidates:
        return None
    return min(candidates, key=lambda c: c[0])[1]


_YEAR = compile_re(r"(?:19|20)\d{2}\s*年")


def _is_metadata_table(t: RawTable) -> bool:
    if len(t.rows) > 8:
        return False  # a report table at the top (table 3 of a page that starts with it): no label is read
    labels = sum(1 for r in t.rows for c in r.cells if _META_RE.match(c.ptext.text.strip()))
    return labels >= 2


_HEAD_BLOCKS = 8  # metadata and title read no further than the first 8 blocks (_metadata, _title), nor
_TABLE_HERE = Table(Span(0, 0), [], 0)  # past the first table: where it stands is all they need of it
_UNMADE = object()


def _head(raw: RawDocument, blocks: list, made: dict | None = None) -> tuple[Metadata, MetaField | None]:
    """Metadata and title, from the first blocks and the reader's title candidates. Called as soon as the
    first blocks are built: once the title is known, the reader's page tree can go (peak memory: it need
    not live alongside the rest of the document, a long table's cells above all)."""
    md = _metadata(raw, blocks, made)
    title = _title(raw, blocks, md)
    if title is not None:
        md.set(MetaField("title", title.value, title.span))
        # The title line is not a section of the report.
    if raw.release is not None:
        raw.release()
    return md, title


def build_document(source: Source, raw: RawDocument, kind: str) -> Document:
    blocks: list = []
    problems = list(raw.problems)
    # A CMS metadata table at the top of the content is page metadata, not report content.
    meta_tables = [b for b in raw.blocks[:4] if isinstance(b, RawTable) and _is_metadata_table(b)]
    if meta_tables:
        raw.furniture = list(raw.furniture) + meta_tables
        raw.blocks = [b for b in raw.blocks if not any(b is t for t in meta_tables)]
    # Metadata and title first: they read only the blocks before the first table (at most 8), and once
    # the title is known the reader's page tree can go before the tables' grids are built.
    head: list = []
    made: dict = {}  # id(raw paragraph) -> its block (or None), made for the head already
    for rb in raw.blocks:
        if isinstance(rb, RawTable):
            head.append(_TABLE_HERE)
            break
        p = made[id(rb)] = _paragraph(rb)
        if p is not None:
            head.append(p)
            if len(head) >= _HEAD_BLOCKS:
                break
    md, title = _head(raw, head, made)
    del head
    for rb in raw.blocks:
        if isinstance(rb, RawTable):
            t = resolve(rb)
            for msg, span in t.problems:
                problems.append(("DL002", msg, span))
            blocks.append(t)
        else:
            p = made.pop(id(rb), _UNMADE)
            if p is _UNMADE:
                p = _paragraph(rb)
            if p is not None:
                blocks.append(p)
    root = _sections(blocks)
    content = raw.content_span or Span(0, len(source.text))
    doc = Document(source, kind, md, title, blocks, root, content, problems)
    doc.suppressions = list(raw.comments)
    return doc
