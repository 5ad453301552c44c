"""The faster reading of a page's metadata (issue 17) finds exactly what the plain form found.

``plain_metadata`` is :func:`disclosure_lint.document.build._metadata` as it was before it collapsed a text
only when it may hold a label (or is the value of one), and before it looked for a label only in a text
with a colon. It is compared with the fast form on generated pages: furniture paragraphs and tables and
the first blocks, their texts made of label words, colons, values, white space and zero-width characters,
in literal and mapped pieces.
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from disclosure_lint.document import Metadata, MetaField, Table
from disclosure_lint.document import build
from disclosure_lint.readers.blocks import META_KEYS, RawCell, RawDocument, RawParagraph, RawRow, RawTable
from disclosure_lint.source import Span
from disclosure_lint.source.ptext import PText, PTextBuilder


def plain_metadata(raw, blocks, made=None):
    md = Metadata()
    made = made or {}
    for label, value in raw.meta_lines:
        key = META_KEYS.get(label)
        if key and value.text:
            md.set(MetaField(key, value.text, value.span()))
    snippets = []
    lead = []
    for b in raw.blocks[:6]:
        if isinstance(b, RawTable):
            break
        lead.append(b)
    for b in list(raw.furniture) + lead:
        if isinstance(b, RawParagraph):
            p = made.get(id(b))
            snippets.append(p.ptext if p is not None else b.ptext.collapse_space())
        elif isinstance(b, RawTable):
            for row in b.rows:
                snippets.extend(c.ptext.collapse_space() for c in row.cells)
    for k, pt in enumerate(snippets):
        matches = list(build._META_RE.finditer(pt.text))
        for j, m in enumerate(matches):
            if m.start() > 0 and pt.text[m.start() - 1] not in " ：:|":
                continue
            end = matches[j + 1].start() if j + 1 < len(matches) else len(pt.text)
            value = pt[m.end():end].strip()
            if not value.text and j + 1 == len(matches) and k + 1 < len(snippets):
                value = snippets[k + 1]
            if value.text and len(value.text) <= 200:
                md.set(MetaField(META_KEYS[m.group(1)], value.text, value.span()))
    dates = []
    for b in blocks[:8]:
        if isinstance(b, (Table, build.Heading)) or len(b.text) > 40:
            break
        t = b.text.lstrip("•·●* \t")
        if build._INDEX_NO.fullmatch(t.strip()):
            md.set(MetaField("index_no", t.strip(), b.ptext.span(len(b.text) - len(t), len(b.text))))
        elif build._DATE_ONLY.match(t):
            off = len(b.text) - len(t)
            dates.append(MetaField("", t.strip(), b.ptext.span(off, off + len(t.strip()))))
    if len(dates) >= 2:
        md.set(MetaField("written_date", dates[0].value, dates[0].span))
        md.set(MetaField("published_date", dates[1].value, dates[1].span))
    elif len(dates) == 1:
        md.set(MetaField("published_date", dates[0].value, dates[0].span))
    return md


_TOKENS = ["索引号", "发布", "日期", "发布日期", "来源", "信息来源", "时间", "标题", "名称", "文号", "成文日期",
           "：", "：", ":", " ", "  ", "\n", "\xa0", "\u200b", "\u00ad", "|", "2020-01-31", "2020年1月2日",
           "ABC123/2020-00012", "某某区人民政府", "。", "x", "本年"]


@st.composite
def snippet_ptexts(draw):
    """A positioned text of label words, colons and values, in literal and mapped pieces."""
    at = draw(st.integers(0, 30))
    b = PTextBuilder()
    for _ in range(draw(st.integers(0, 6))):
        text = "".join(draw(st.lists(st.sampled_from(_TOKENS), max_size=4)))
        if draw(st.integers(0, 3)):
            b.add_literal(text, at)
            at += len(text) + draw(st.integers(0, 2))
        else:
            width = draw(st.integers(0, 6))
            b.add_mapped(text[:2], at, at + width)
            at += width
    pt = b.build()
    if draw(st.booleans()) and pt.text:
        return PText.literal(pt.text, at)
    return pt


@st.composite
def raw_pages(draw):
    def paragraph():
        pt = draw(snippet_ptexts())
        return RawParagraph(pt, pt.span())

    def table():
        rows = []
        for _ in range(draw(st.integers(1, 3))):
            cells = []
            for _ in range(draw(st.integers(1, 3))):
                pt = draw(snippet_ptexts())
                cells.append(RawCell(pt, pt.span()))
            rows.append(RawRow(cells, Span(0, 0)))
        return RawTable(rows, Span(0, 0))

    furniture = [paragraph() if draw(st.integers(0, 2)) else table() for _ in range(draw(st.integers(0, 4)))]
    blocks = [paragraph() if draw(st.integers(0, 4)) else table() for _ in range(draw(st.integers(0, 8)))]
    raw = RawDocument(blocks=blocks, furniture=furniture)
    # the builder hands over the blocks it made of the first paragraphs: some of them, as it stops early
    made = {}
    built = []
    for rb in blocks[:draw(st.integers(0, len(blocks)))]:
        if isinstance(rb, RawTable):
            built.append(build._TABLE_HERE)
            break
        p = made[id(rb)] = build._paragraph(rb)
        if p is not None:
            built.append(p)
    return raw, built, made


def _fields(md):
    return sorted((k, f.name, f.value, f.span) for k, f in md.fields.items())


@settings(max_examples=500, deadline=None)
@given(raw_pages())
def test_metadata_as_plain(page):
    raw, built, made = page
    assert _fields(build._metadata(raw, built, made)) == _fields(plain_metadata(raw, built, made))


def test_metadata_written_forms():
    """A label split by a zero-width space, a value in the next cell, a label with no colon."""
    def page(*texts):
        cells = [RawCell(PText.literal(t, 100 * k), Span(100 * k, 100 * k + len(t))) for k, t in enumerate(texts)]
        return RawDocument(furniture=[RawTable([RawRow(cells, Span(0, 0))], Span(0, 0))])

    for texts, want in [(("发布\u200b日期：2020-01-31",), {"published_date": "2020-01-31"}),
                        (("索引号：", " ABC123/2020-00012 "), {"index_no": "ABC123/2020-00012"}),
                        (("来源 某某区",), {}),
                        (("信息来源 ： 某某区", "x"), {"source": "某某区"})]:
        raw = page(*texts)
        got = build._metadata(raw, [], {})
        assert {k: f.value for k, f in got.fields.items()} == want, texts
        assert _fields(got) == _fields(plain_metadata(raw, [], {}))


def test_metadata_reference_can_fail():
    raw = RawDocument(furniture=[RawParagraph(PText.literal("发布日期：2020-01-31", 5), Span(5, 20))])
    other = RawDocument(furniture=[RawParagraph(PText.literal("发布日期：2020-01-31", 6), Span(6, 21))])
    assert _fields(build._metadata(raw, [], {})) == _fields(plain_metadata(raw, [], {}))
    assert _fields(build._metadata(other, [], {})) != _fields(plain_metadata(raw, [], {}))


def plain_is_metadata_table(t):
    labels = sum(1 for r in t.rows for c in r.cells if build._META_RE.match(c.ptext.text.strip()))
    return labels >= 2 and len(t.rows) <= 8


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(snippet_ptexts(), min_size=1, max_size=3), min_size=1, max_size=11))
def test_is_metadata_table_as_plain(rows):
    t = RawTable([RawRow([RawCell(pt, pt.span()) for pt in r], Span(0, 0)) for r in rows], Span(0, 0))
    assert build._is_metadata_table(t) == plain_is_metadata_table(t)


def test_is_metadata_table_reference_can_fail():
    def table(n):
        cells = [RawCell(PText.literal(t, 0), Span(0, 1)) for t in ("发布日期：1", "来源：2")]
        return RawTable([RawRow(cells, Span(0, 0))] * n, Span(0, 0))

    assert [build._is_metadata_table(table(n)) for n in (1, 8, 9)] == \
        [plain_is_metadata_table(table(n)) for n in (1, 8, 9)] == [True, True, False]
