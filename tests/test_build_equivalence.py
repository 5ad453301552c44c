"""The faster document build (issue 17) must build exactly what the plain forms built.

Each test keeps the plain form it replaced as a reference (cell values, the grid of a table, the
distinct cells of a row, paragraphs and headings) and compares it with the fast one on generated
input: positioned texts of digits, full-width digits, signs, Chinese numerals, units, white space,
entities and zero-width characters; tables with random rowspans and colspans.
"""
from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from hypothesis import given, settings, strategies as st

from disclosure_lint.document import Blank, Cell, NotApplicable, Number, Row, Table, TextValue, Unread, _distinct
from disclosure_lint.document import grid
from disclosure_lint.document import cells
from disclosure_lint.document.cells import _CN_NUMBER, _NUMBER, NOT_APPLICABLE, cell_value, read_cell, value_like
from disclosure_lint.document.cnnum import read_cn_numeral
from disclosure_lint.document.normalize import ascii_digits
from disclosure_lint.i18n import _
from disclosure_lint.readers.blocks import RawCell, RawRow, RawTable
from disclosure_lint.source import Span
from disclosure_lint.source.ptext import PText, PTextBuilder

# ---------------------------------------------------------------------------------------------------
# The plain forms, as they were before the build was made faster.


def _parse_number(s):
    s = s.replace(",", "")
    try:
        if "." in s:
            return Decimal(s)
        return int(s)
    except (ValueError, InvalidOperation):
        return None


def plain_cell_value(pt, fallback):
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
        value = _parse_number(m.group("num"))
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
    return TextValue(pt.span(), text)


def plain_distinct(cells):
    seen = set()
    out = []
    for c in cells:
        if id(c) not in seen:
            seen.add(id(c))
            out.append(c)
    return out


class _PlainPositions:
    def __init__(self, mapping, version):
        cols = sorted(mapping)
        self.mapping = {c: mapping[c] for c in cols}
        self.version = version
        self.cells = list(self.mapping.values())
        self.end = cols[-1] + 1 if cols else 0
        free = 0
        for col in cols:
            if col != free:
                break
            free += 1
        self.first_free = free
        self.split = None


def _plain_is_label(c):
    return isinstance(c.value, TextValue) and not value_like(c.text)


def _plain_cn_numeral(c):
    return isinstance(c.value, Number) and not any("0" <= ch <= "9" or "０" <= ch <= "９" for ch in c.value.raw)


def _plain_split_labels(row):
    distinct = plain_distinct(row.cells)
    n = len(distinct)
    k = 0
    while k < n and _plain_is_label(distinct[k]):
        k += 1
    j = k
    while j < n and (_plain_is_label(distinct[j]) or _plain_cn_numeral(distinct[j])):
        j += 1
        if _plain_is_label(distinct[j - 1]):
            k = j
    if k == n:
        row.labels, row.values = distinct, []
        return
    row.labels = distinct[:k]
    row.values = [c for c in distinct[k:] if not (c.row < row.index and _plain_is_label(c))]
    if not any(isinstance(c.value, (Number, NotApplicable, Blank, Unread)) or value_like(c.text) for c in row.values):
        row.labels, row.values = distinct, []


def plain_resolve(raw):
    MAX_COLSPAN, MAX_WIDTH = grid.MAX_COLSPAN, grid.MAX_WIDTH
    problems = []
    pending = {}
    ends = {}
    version = 0
    above = _PlainPositions({}, version)
    nrows = len(raw.rows)
    left_out, left_out_at = 0, None
    rows = []
    lengths = []
    holes = []
    width = 0
    for r, raw_row in enumerate(raw.rows):
        for col in ends.pop(r, ()):
            del pending[col]
            version += 1
        if above.version != version:
            above = _PlainPositions(pending, version)
        placed = {}
        c = above.first_free
        for k, rc in enumerate(raw_row.cells):
            while c in pending or c in placed:
                c += 1
            if c >= MAX_WIDTH:
                left_out += len(raw_row.cells) - k
                left_out_at = left_out_at or rc.span
                break
            colspan = rc.colspan
            if colspan > MAX_COLSPAN or c + colspan > MAX_WIDTH:
                problems.append((_("colspan={colspan} was clipped", colspan=colspan), rc.span))
                colspan = max(1, min(colspan, MAX_COLSPAN, MAX_WIDTH - c))
            rowspan = rc.rowspan
            if rowspan > nrows - r:
                if rowspan - (nrows - r) > 1 and not raw.from_text:
                    problems.append((_("rowspan={rowspan} runs past the table's last row", rowspan=rowspan), rc.span))
                rowspan = nrows - r
            pt = rc.ptext.collapse_space()
            blank_at = rc.ptext.span() if len(rc.ptext) else rc.span
            value = (Unread(rc.span, rc.ptext.text) if rc.recovery in ("ambiguous", "unsplit")
                     else plain_cell_value(pt, blank_at))
            cell = Cell(pt, rc.ptext.text, rc.span, value, r, c, rowspan, colspan, rc.is_header, rc.recovery)
            for dc in range(colspan):
                if c + dc in pending or c + dc in placed:
                    problems.append((_("cells overlap: a rowspan and a colspan claim the same position"), rc.span))
                    continue
                placed[c + dc] = cell
            c += colspan
        if placed:
            pos = _PlainPositions({**above.mapping, **placed}, -1)
            for col, cell in placed.items():
                if cell.rowspan > 1:
                    pending[col] = cell
                    ends.setdefault(r + cell.rowspan, []).append(col)
                    version += 1
            row = Row(r, pos.cells, raw_row.span)
            _plain_split_labels(row)
        else:
            pos = above
            row = Row(r, pos.cells, raw_row.span)
            if pos.split is None:
                _plain_split_labels(row)
                pos.split = (row.labels, row.values)
            else:
                row.labels, row.values = pos.split
        if pos.first_free < pos.end and not raw.from_text:
            holes.append((_("row {row} has no cell at column {column}", row=r + 1, column=pos.first_free + 1),
                          raw_row.span))
        lengths.append(len(pos.cells))
        width = max(width, pos.end)
        rows.append(row)
    if left_out:
        problems.append((_("{n} cells past column {width} were left out", n=left_out, width=MAX_WIDTH), left_out_at))
    problems.extend(holes)
    if not raw.from_text and len(set(lengths)) > 1 and rows:
        short = [r for r in rows if lengths[r.index] < width]
        if short and len(short) < len(rows):
            problems.append((_("{short} of {n} rows are narrower than the table ({width} columns): ragged rows",
                               short=len(short), n=len(rows), width=width), short[0].span))
    return Table(raw.span, rows, width, problems, raw.from_text)


# ---------------------------------------------------------------------------------------------------
# Generated input.

# The characters that matter to reading a cell: ASCII, full-width and other decimal digits (٣), signs,
# separators, Chinese numerals and units, words around approximate figures, dashes, white space
# (including the no-break space an &nbsp; leaves) and zero-width characters.
_CELL_CHARS = ("0123456789０１２３４５６７８９٣,，.．+-＋－%％/—－无"
               "零〇一二两三四五六七八九十百千万亿壹拾件条个项次宗起元约余多左右共计本年新收合计其中 a\n\t\xa0\u200b\u3000")


@st.composite
def ptexts(draw, alphabet=_CELL_CHARS, max_pieces=4):
    """A positioned text: literal pieces (one source character each) and mapped pieces (an entity or <br>
    standing for a source range), at random source offsets."""
    start = draw(st.integers(0, 50))
    b = PTextBuilder()
    at = start
    for _ in range(draw(st.integers(0, max_pieces))):
        text = draw(st.text(alphabet=alphabet, max_size=8))
        if draw(st.booleans()):
            b.add_literal(text, at)
            at += len(text) + draw(st.integers(0, 3))
        else:
            width = draw(st.integers(0, 6))
            b.add_mapped(text[:2], at, at + width)
            at += width
    pt = b.build()
    if draw(st.booleans()) and pt.text:  # a one-piece text too, as most cells are
        return PText.literal(pt.text, start)
    return pt


def _value(v):
    return (type(v).__name__, repr(v))


@settings(max_examples=400, deadline=None)
@given(ptexts())
def test_cell_value_as_plain(pt):
    pt = pt.collapse_space()
    fallback = Span(3, 7)
    assert _value(cell_value(pt, fallback)) == _value(plain_cell_value(pt, fallback))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789٣٠١٢", min_size=1, max_size=12), st.integers(0, 20))
def test_cell_value_digits_as_plain(text, start):
    pt = PText.literal(text, start)
    assert _value(cell_value(pt, Span(0, 0))) == _value(plain_cell_value(pt, Span(0, 0)))


def test_cell_value_written_forms():
    for text in ["27", "007", "1,234", "12.50", "-3", "＋５", "２７件", "二十七", "二十七件", "一万二千", "壹佰",
                 "约27", "27余件", "本年新收", "——", "无", "", " ", "\xa0", "٣", "5" * 5000, "三四件", "%5"]:
        pt = PText.literal(text, 10) if text else PText.literal("", 10)
        assert _value(cell_value(pt, Span(1, 2))) == _value(plain_cell_value(pt, Span(1, 2))), text


def test_the_reference_can_fail():
    """The comparison sees a difference: a cell read one character off is not the same value."""
    pt = PText.literal("27", 10)
    assert _value(cell_value(pt, Span(0, 0))) != _value(plain_cell_value(PText.literal("27", 11), Span(0, 0)))


def plain_read_cell(pt):
    """What resolve asked of a cell before read_cell: its value, and whether it names the row."""
    value = plain_cell_value(pt, None)
    return value, isinstance(value, TextValue) and not value_like(pt.text)


@settings(max_examples=500, deadline=None)
@given(ptexts())
def test_read_cell_as_plain(pt):
    pt = pt.collapse_space()
    if not pt.text:
        return  # read_cell is asked of cells that are not blank
    value, label = read_cell(pt)
    want, want_label = plain_read_cell(pt)
    assert (_value(value), label) == (_value(want), want_label)


def test_read_cell_written_forms():
    for text in ["27", "007", "1,234", "-3", "＋５", "二十七件", "约27", "大约5", "共计3件", "近十", "计", "不适用",
                 "本年新收", "——", "无", "/", "/a", "٣", "5" * 5000, "%5", "超过", "不足5件", "a"]:
        pt = PText.literal(text, 10)
        value, label = read_cell(pt)
        want, want_label = plain_read_cell(pt)
        assert (_value(value), label) == (_value(want), want_label), text


def test_read_cell_reference_can_fail():
    """A label and a figure-like text are told apart, and the comparison sees it."""
    assert read_cell(PText.literal("本年新收", 0))[1] is True
    assert read_cell(PText.literal("约27", 0))[1] is False
    assert plain_read_cell(PText.literal("约27", 0)) != plain_read_cell(PText.literal("约27", 1))


@settings(max_examples=300, deadline=None)
@given(ptexts())
def test_whole_span_is_the_span(pt):
    for p in (pt, pt.collapse_space()):
        s = cells._whole_span(p)
        assert type(s) is Span and s == p.span()


def test_values_made_through_their_slots_are_the_constructors():
    """cells makes spans and values without their dataclass __init__: the same fields, equal objects."""
    import dataclasses

    assert [f.name for f in dataclasses.fields(Span)] == ["start", "end"]
    assert [f.name for f in dataclasses.fields(Number)] == ["value", "span", "unit", "raw"]
    assert [f.name for f in dataclasses.fields(TextValue)] == ["span", "text"]
    # grid.resolve and the HTML reader's cell() set these fields one by one: a field added to one of
    # them must be set there too (an unset slot raises AttributeError when it is read)
    assert [f.name for f in dataclasses.fields(Cell)] == ["ptext", "raw", "span", "value", "row", "col", "rowspan",
                                                          "colspan", "is_header", "recovery"]
    assert [f.name for f in dataclasses.fields(Row)] == ["index", "cells", "span", "labels", "values", "distinct"]
    assert [f.name for f in dataclasses.fields(RawCell)] == ["ptext", "span", "rowspan", "colspan", "is_header",
                                                             "recovery"]
    for text, start in [("27", 0), ("本年新收", 5), ("x", 1234567)]:
        pt = PText.literal(text, start)
        s = cells._whole_span(pt)
        assert type(s) is Span and s == pt.span() == Span(start, start + len(text)) and hash(s) == hash(pt.span())
        assert cells._plain_number(27, s, text) == Number(27, s, None, text)
        assert cells._text_value(s, text) == TextValue(s, text)
        assert repr(cells._text_value(s, text)) == repr(TextValue(s, text))
    b = PTextBuilder()
    b.add_literal("2", 3)
    b.add_mapped(" ", 4, 10)
    b.add_literal("7", 10)
    pt = b.build()
    assert cells._whole_span(pt) == pt.span() == Span(3, 11)
    assert cells._plain_number(1, Span(0, 1), "1") != Number(1, Span(0, 2), None, "1")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="0123456789０１２３４５６７８９٣一二十百万壹拾.,-", max_size=8))
def test_cn_numeral_as_plain(raw):
    for value in (Number(1, Span(0, 1), None, raw), TextValue(Span(0, 1), raw)):
        cell = Cell(PText.literal("x", 0), raw, Span(0, 1), value)
        assert grid._cn_numeral(cell) == _plain_cn_numeral(cell)


def test_cn_numeral_reference_can_fail():
    cells_ = [Cell(PText.literal("x", 0), raw, Span(0, 1), Number(1, Span(0, 1), None, raw)) for raw in ("二十", "２0")]
    assert [grid._cn_numeral(c) for c in cells_] == [_plain_cn_numeral(c) for c in cells_] == [True, False]


@st.composite
def raw_tables(draw):
    nrows = draw(st.integers(1, 6))
    rows = []
    at = 0
    for _ in range(nrows):
        cells = []
        row_start = at
        for _ in range(draw(st.integers(0, 6))):
            pt = draw(ptexts(max_pieces=3))
            lo = at
            at += 40
            rowspan = draw(st.sampled_from([1, 1, 1, 2, 3, 9]))
            colspan = draw(st.sampled_from([1, 1, 1, 2, 3, 250]))
            recovery = draw(st.sampled_from(["", "", "", "forced", "ambiguous", "unsplit"]))
            cells.append(RawCell(pt, Span(lo, at), rowspan, colspan, draw(st.booleans()), recovery))
        rows.append(RawRow(cells, Span(row_start, at)))
    return RawTable(rows, Span(0, at), from_text=draw(st.booleans()))


def _dump(t: Table):
    ids: dict[int, int] = {}
    cells = []

    def ref(c):
        if id(c) not in ids:
            ids[id(c)] = len(cells)
            cells.append((c.text, c.ptext.span(), [c.ptext.span(i, i + 1) for i in range(len(c.text))], c.raw,
                          c.span, _value(c.value), c.row, c.col, c.rowspan, c.colspan, c.is_header, c.recovery))
        return ids[id(c)]

    rows = []
    for k, r in enumerate(t.rows):
        shared = k > 0 and r.cells is t.rows[k - 1].cells
        rows.append((r.index, r.span, shared, [ref(c) for c in r.cells], [ref(c) for c in r.labels],
                     [ref(c) for c in r.values], r.label, r.is_data))
    return rows, cells, t.width, t.problems, t.from_text, t.span


@settings(max_examples=300, deadline=None)
@given(raw_tables())
def test_resolve_as_plain(raw):
    assert _dump(grid.resolve(raw)) == _dump(plain_resolve(raw))


def test_resolve_reference_can_fail():
    raw = RawTable([RawRow([RawCell(PText.literal("本年新收", 0), Span(0, 4)),
                            RawCell(PText.literal("3", 4), Span(4, 5))], Span(0, 5))], Span(0, 5))
    other = RawTable([RawRow([RawCell(PText.literal("本年新收", 0), Span(0, 4)),
                              RawCell(PText.literal("3", 4), Span(4, 5), colspan=2)], Span(0, 5))], Span(0, 5))
    assert _dump(grid.resolve(raw)) == _dump(plain_resolve(raw))
    assert _dump(grid.resolve(other)) != _dump(plain_resolve(raw))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5), max_size=12))
def test_distinct_as_plain(picks):
    pool = [Cell(PText.literal(str(i), i), str(i), Span(i, i + 1), Blank(Span(i, i))) for i in range(6)]
    cells = [pool[i] for i in picks]
    assert [id(c) for c in _distinct(cells)] == [id(c) for c in plain_distinct(cells)]


def plain_parse_heading(pt):
    from disclosure_lint.document import Heading
    from disclosure_lint.document.build import _PATTERNS, HEADING_MAX
    from disclosure_lint.document.normalize import cn_numeral_value

    text = pt.text
    for level, pat, cn in _PATTERNS:
        m = pat.match(text)
        if not m:
            continue
        num_text = m.group("num")
        number = cn_numeral_value(num_text) if cn else int(num_text)
        if number is None or number == 0:
            return None
        rest = text[m.end():]
        if not rest.strip() or rest.lstrip()[:1] in "是要":
            return None
        if len(rest) <= HEADING_MAX and "。" not in rest.rstrip("。")[:-1]:
            title_end = len(text)
        else:
            cut = re.search(r"[。；;：:！!]", rest)
            if cut is None or cut.start() > HEADING_MAX:
                cut_at = min(len(rest), HEADING_MAX)
            else:
                cut_at = cut.start()
            title_end = m.end() + cut_at
        title = pt[m.end():title_end].strip()
        return Heading(pt, pt.span(), level, number, pt[0:m.end()], title)
    return None


def _heading(h):
    if h is None:
        return None
    return (h.text, h.span, h.level, h.number, _layout(h.ptext), _layout(h.marker), _layout(h.title))


_HEADING_CHARS = "一二三四五六七八九十〇零（()）、．.，,0123456789٣ 是要总体情况。；:！本年度" + "\xa0\u200b\u3000\n"


@settings(max_examples=600, deadline=None)
@given(ptexts(alphabet=_HEADING_CHARS, max_pieces=12))
def test_parse_heading_as_plain(pt):
    from disclosure_lint.document.build import parse_heading

    pt = pt.collapse_space()
    assert _heading(parse_heading(pt)) == _heading(plain_parse_heading(pt))


def test_parse_heading_written_forms():
    from disclosure_lint.document.build import parse_heading

    for text in ["一、总体情况", "（一）主动公开", "(二) 依申请公开", "1.本年新收", "1、其他", "（3）复议", "一是加强",
                 "二十、" + "长" * 60 + "。后文", "3.5万件", "٣、标题", "本年度报告", "", "（", "十一．标题。另一句。",
                 "一、 ", "一、是", "二、 要求", "1. " + "长" * 39 + "。", "1. " + "长" * 40 + "：后", "1. " + "长" * 41 + "：后",
                 "（一）" + "长" * 45, "三、\u3000标题\u3000", "四、标题。" + "长" * 50]:
        pt = PText.literal(text, 4) if text else PText.literal("", 4)
        assert _heading(parse_heading(pt)) == _heading(plain_parse_heading(pt)), text
    assert _heading(parse_heading(PText.literal("一、总体情况", 4))) != _heading(
        plain_parse_heading(PText.literal("一、总体情况", 5)))


# ---------------------------------------------------------------------------------------------------
# PText.collapse_space takes a slice when white space stands only at the ends; _collapse_pieces rebuilds.

_SPACE_CHARS = " \t\n\r\x0b\x0c\x1c\x85\xa0\u2000\u2028\u3000\u200b\u200c\u200d\u2060\ufeff\u00ad"
_TEXT_CHARS = "ab27本年x" + _SPACE_CHARS


def _layout(pt):
    """Everything a PText says: its text, pieces, and the source of every character and slice."""
    n = len(pt.text)
    return (pt.text, list(pt._pieces()), pt._p is None, pt.span(),
            [(pt.src_start(i), pt.src_end(i), pt.is_literal_at(i)) for i in range(n)],
            [pt.span(i, j) for i in range(n + 1) for j in range(i, n + 1)])


@settings(max_examples=500, deadline=None)
@given(ptexts(alphabet=_TEXT_CHARS, max_pieces=5))
def test_collapse_space_as_the_rebuild(pt):
    assert _layout(pt.collapse_space()) == _layout(pt._collapse_pieces())


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_SPACE_CHARS, max_size=4), st.text(alphabet="ab本" + _SPACE_CHARS, min_size=1, max_size=6),
       st.text(alphabet=_SPACE_CHARS, max_size=4), st.integers(0, 9))
def test_collapsed_cell_shapes(lead, core, trail, start):
    """White space around a figure or a label, as Word pages write cells: one literal piece, or three."""
    one = PText.literal(lead + core + trail, start)
    b = PTextBuilder()
    b.add_literal(lead, start)
    b.add_literal(core, start + len(lead) + 5)
    b.add_mapped(trail[:1], start + len(lead) + len(core) + 9, start + len(lead) + len(core) + 15)
    b.add_literal(trail[1:], start + len(lead) + len(core) + 20)
    for pt in (one, b.build()):
        assert _layout(pt.collapse_space()) == _layout(pt._collapse_pieces())


def test_blank_characters_are_white_space_and_the_invisible_ones():
    """The characters collapse_space cuts from the ends are exactly white space (str.isspace, \\s) and the
    zero-width characters it removes."""
    import sys

    from disclosure_lint.source import ptext

    every = [chr(c) for c in range(sys.maxunicode + 1)]
    assert set(ptext._WHITESPACE) == {ch for ch in every if ch.isspace()}
    assert {ch for ch in every if re.match(r"\s", ch)} == set(ptext._WHITESPACE)
    assert ptext.BLANK_CHARS == ptext._WHITESPACE + ptext._INVISIBLE


def test_collapse_space_takes_the_slice():
    pt = PText.literal("\n   计量单位\n  ", 100)
    assert pt.collapse_space().text == "计量单位" and pt.collapse_space().span() == Span(104, 108)
    assert _layout(pt.collapse_space()) != _layout(PText.literal("计量单位", 103))


# ---------------------------------------------------------------------------------------------------
# Table 3 matched against its schema, and sections against the edition's: the plain forms.


def plain_strip_numbering(key):
    from disclosure_lint.document.tables import _NUMBERING

    return _NUMBERING.sub("", key, count=1)


_LABEL_CHARS = "一二三四五六七八九十（）()、．.，,0123456789٣ 本年新收其他处理不予公开\u200b\xa0"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_LABEL_CHARS, max_size=10))
def test_strip_numbering_as_plain(key):
    from disclosure_lint.document.normalize import label_key
    from disclosure_lint.document.tables import strip_numbering

    assert strip_numbering(key) == plain_strip_numbering(key)
    assert strip_numbering(label_key(key)) == plain_strip_numbering(label_key(key))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=_LABEL_CHARS, max_size=80), max_size=4))
def test_label_keys_as_plain(texts):
    from disclosure_lint.document.normalize import label_key
    from disclosure_lint.document.tables import _label_keys

    cells_ = [Cell(PText.literal(t, 0) if t else PText.literal("", 0), t, Span(0, 1), TextValue(Span(0, 1), t))
              for t in texts]
    row = Row(0, cells_, Span(0, 1), cells_, [])
    assert _label_keys(row) == [plain_strip_numbering(label_key(c.text)) for c in row.labels if c.text.strip()]


def test_strip_numbering_reference_can_fail():
    from disclosure_lint.document.tables import strip_numbering

    assert [strip_numbering(k) for k in ("（一）本年新收", "3．其他", "٣.其他", "本年新收")] == \
        [plain_strip_numbering(k) for k in ("（一）本年新收", "3．其他", "٣.其他", "本年新收")] == \
        ["本年新收", "其他", "其他", "本年新收"]


def plain_match_table3(doc, schema):
    from disclosure_lint.document.normalize import label_key
    from disclosure_lint.document.tables import (_TOP_ITEM, TableView, _label_keys, _run_of_tables, _table_has,
                                                 strip_numbering)

    start = next((t for t in doc.tables() if _table_has(t, schema.get("detect", ["本年新收"]), any_=True)), None)
    if start is None:
        return None
    run = [start]
    for t in _run_of_tables(doc, start)[1:]:
        if _table_has(t, ["行政复议"]) or _table_has(t, ["第二十条"]):
            break
        run.append(t)
    cols = schema["columns"]
    view = TableView("table3", run, columns=list(cols))
    defs = schema["rows"]
    wants = [label_key(d["label"]) for d in defs]
    groups = sorted({d["group"] for d in defs if d.get("group")}, key=len, reverse=True)
    group = None
    for t in run:
        for row in t.rows:
            if not row.values:
                continue
            labels = _label_keys(row)
            if not labels:
                continue
            found_group = None
            for lab in labels:
                for g in groups:
                    if lab.startswith(g):
                        found_group = g
            if found_group:
                group = found_group
            elif not re.match(r"^\d", label_key(row.labels[-1].text)):
                group = None
            last = labels[-1]
            own = [c for c in row.labels if c.row == row.index and c.text.strip()]
            if own and own[-1] is not row.labels[-1]:
                last = strip_numbering(label_key(own[-1].text))
            if own and _TOP_ITEM.match(label_key(own[-1].text)) and not any(last.startswith(g) for g in groups):
                group = found_group = None
            key = None
            for d, want in zip(defs, wants):
                if d.get("group") and d["group"] != group:
                    continue
                if last == want or (len(want) >= 3 and last.startswith(want)):
                    if d.get("group") is None and group and len(labels) > 1 and labels[-1] != labels[-2] \
                            and found_group and not last.startswith(found_group):
                        continue
                    key = d["key"]
                    break
            if key is None and own and re.match(r"^\d", label_key(own[-1].text)):
                hits = [d for d in defs if d.get("group") and (last == label_key(d["label"]) or (
                    len(label_key(d["label"])) >= 3 and last.startswith(label_key(d["label"]))))]
                if len(hits) == 1 and hits[0]["key"] not in view.rows:
                    key = hits[0]["key"]
            if key is None:
                view.unknown_rows.append(row)
                continue
            if key in view.rows:
                continue
            view.rows[key] = row
            view.row_order.append(key)
            values = row.values
            if len(values) > len(cols):
                values = values[-len(cols):]
            if len(values) < len(cols):
                view.short_rows.append((key, row, len(values)))
                view.short_values[key] = list(values)
            for c, cell in zip(cols, values):
                view.cells[(key, c)] = cell
    return view


def _editions():
    from disclosure_lint.document.editions import load_editions

    return load_editions()


def _table3_labels():
    out = ["本年新收", "予以公开", "行政复议", "三、本年度办理结果", "（三）不予公开", "结果", "1", "", "合计"]
    for ed in _editions().values():
        for d in ed.tables.get("table3", {}).get("rows", []):
            out.append(d["label"])
            if d.get("group"):
                out.append(d["group"])
    return sorted(set(out))


@st.composite
def table3_docs(draw):
    from disclosure_lint.document import Document, Metadata, Paragraph, Section
    from disclosure_lint.source import Source

    labels = _table3_labels()
    numbering = ["", "", "1.", "2.", "（一）", "（七）", "（二）", "一、"]
    blocks = []
    at = 0
    for _ in range(draw(st.integers(1, 3))):
        rows = []
        for _ in range(draw(st.integers(1, 10))):
            cells = []
            for _ in range(draw(st.integers(0, 3))):
                text = draw(st.sampled_from(numbering)) + draw(st.sampled_from(labels))
                cells.append(RawCell(PText.literal(text or " ", at), Span(at, at + 1),
                                     rowspan=draw(st.sampled_from([1, 1, 1, 2, 4])), colspan=draw(st.sampled_from([1, 1, 2]))))
                at += 100
            for _ in range(draw(st.integers(0, 4))):
                text = draw(st.sampled_from(["3", "0", "", "—", "约2"]))
                cells.append(RawCell(PText.literal(text, at) if text else PText.literal("", at), Span(at, at + 1)))
                at += 100
            rows.append(RawRow(cells, Span(at, at + 1)))
        blocks.append(grid.resolve(RawTable(rows, Span(0, at))))
        if draw(st.booleans()):
            blocks.append(Paragraph(PText.literal("正文", at), Span(at, at + 2)))
            at += 10
    return Document(Source("x" * (at + 10)), "html", Metadata(), None, blocks, Section(None, 0), Span(0, at))


def _view(v):
    if v is None:
        return None
    ids = {}

    def ref(x):
        return ids.setdefault(id(x), len(ids))

    return ([ref(t) for t in v.tables], {k: ref(r) for k, r in v.rows.items()}, v.row_order,
            [ref(r) for r in v.unknown_rows], [(k, ref(r), n) for k, r, n in v.short_rows],
            {k: [ref(c) for c in cs] for k, cs in v.short_values.items()}, {k: ref(c) for k, c in v.cells.items()})


@settings(max_examples=300, deadline=None)
@given(table3_docs(), st.sampled_from(["2019", "2021"]))
def test_match_table3_as_plain(doc, edition):
    from disclosure_lint.document.tables import _match_table3

    schema = _editions()[edition].tables["table3"]
    assert _view(_match_table3(doc, schema)) == _view(plain_match_table3(doc, schema))


def test_match_table3_real_pages_as_plain():
    """On the examples and the real pages of ../shared/ (when there): the same rows, cells and unknown rows."""
    from pathlib import Path

    from disclosure_lint.document.parse import parse_bytes
    from disclosure_lint.document.tables import _match_table3
    from disclosure_lint.engine.context import Context

    from .conftest import ROOT, shared_files

    paths = sorted((ROOT / "examples").glob("*.html")) + shared_files("corpus/real-html/*.html")
    seen = 0
    for p in paths:
        doc = parse_bytes(Path(p).read_bytes(), str(p))
        ed = Context(doc).edition
        if ed is None or "table3" not in ed.tables:
            continue
        seen += 1
        schema = ed.tables["table3"]
        assert _view(_match_table3(doc, schema)) == _view(plain_match_table3(doc, schema)), p
    assert seen


def plain_match_sections(sections, edition):
    from disclosure_lint.document.normalize import label_key
    from disclosure_lint.document.structure import SectionMatch, _strip

    specs = edition.sections if edition is not None else []
    out = []
    used = set()
    for s in sections:
        if s.heading is None:
            continue
        key = _strip(label_key(s.heading.title.text))
        best = None
        exact = False
        for spec in specs:
            if key in [_strip(k) for k in edition.heading_keys(spec)]:
                best, exact = spec, True
                break
        if best is None:
            hits = [(sum(k in key for k in spec.get("keywords", [])), -i, spec) for i, spec in enumerate(specs)
                    if spec["key"] not in used]
            hits = [h for h in hits if h[0] > 0]
            if hits:
                best = max(hits, key=lambda h: (h[0], h[1]))[2]
        if best is not None:
            used.add(best["key"])
        out.append(SectionMatch(s, best, exact))
    return out


@settings(max_examples=200, deadline=None)
@given(st.data(), st.sampled_from(["2008", "2019", "2021", None]))
def test_match_sections_as_plain(data, name):
    from disclosure_lint.document import Heading, Section
    from disclosure_lint.document.structure import match_sections

    edition = _editions()[name] if name else None
    words = ["总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "存在的主要问题及改进情况",
             "其他需要报告的事项", "行政复议", "概述", "政府信息公开工作", "：", "。"]
    for ed in _editions().values():
        for spec in ed.sections:
            words.append(spec["heading"])
            words.extend(spec.get("variants", [])[:2])
            words.extend(spec.get("keywords", [])[:2])
    sections = []
    for k in range(data.draw(st.integers(0, 7))):
        title = "".join(data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=2)))
        if data.draw(st.booleans()):
            sections.append(Section(None, 1))
            continue
        pt = PText.literal(title, 10 * k)
        sections.append(Section(Heading(pt, pt.span(), 1, k + 1, pt[0:0], pt), 1))
    got = [(id(m.section), m.spec and m.spec["key"], m.exact) for m in match_sections(sections, edition)]
    assert got == [(id(m.section), m.spec and m.spec["key"], m.exact) for m in plain_match_sections(sections, edition)]


def plain_match_indicators(doc, schema, name="stats"):
    from disclosure_lint.document.indicators import _NUMBERED, _QIZHONG, _columns, _label_cell
    from disclosure_lint.document.normalize import label_key
    from disclosure_lint.document.tables import TableView, strip_numbering

    def is_stats_table(table):
        keys = [label_key(c.text) for r in table.rows[:40] for c in r.labels]
        joined = " ".join(keys)
        if all(w in joined for w in schema.get("detect", ["指标名称"])):
            return True
        tops = [d for d in schema["rows"] if not d.get("parent")]
        hits = {d["key"] for d in tops for k in keys for w in d.get("match", [d["label"]]) if label_key(w) in k}
        return len(hits) >= 3 and "proactive" in hits

    start = next((t for t in doc.tables() if is_stats_table(t)), None)
    if start is None:
        return None
    defs = schema["rows"]
    tops = [d for d in defs if not d.get("parent")]
    view = TableView(name, [start], columns=list(schema["columns"]))
    cols = _columns(start, schema)
    group = None
    unnamed = 0
    for row in start.rows:
        if not row.values:
            continue
        cell = _label_cell(row)
        if cell is None:
            continue
        raw = label_key(cell.text)
        if "指标名称" in raw:
            continue
        qizhong = bool(_QIZHONG.match(raw))
        text = _QIZHONG.sub("", raw)
        numbered = bool(_NUMBERED.match(text))
        text = strip_numbering(text)
        key = None
        if group is not None and (qizhong or numbered):
            d = next((d for d in defs if d.get("parent") == group
                      and any(label_key(w) in text for w in d.get("match", [d["label"]]))), None)
            if d is not None:
                key = d["key"]
            else:
                unnamed += 1
                key = f"{group}_x{unnamed}"
            view.parents[key] = group
        else:
            d = next((d for d in tops if any(label_key(w) in text for w in d.get("match", [d["label"]]))), None)
            if d is None:
                view.unknown_rows.append(row)
                group = None
                continue
            key = d["key"]
            group = key if any(x.get("parent") == key for x in defs) else None
            unnamed = 0
        if key in view.rows:
            continue
        view.rows[key] = row
        view.row_order.append(key)
        values = row.values
        if len(values) < len(cols):
            view.short_rows.append((key, row, len(values)))
        for c, v in zip(cols, values):
            view.cells[(key, c)] = v
    if len([k for k in view.row_order if k not in view.parents]) < 2:
        return None
    return view


@st.composite
def stats_docs(draw):
    from disclosure_lint.document import Document, Metadata, Section
    from disclosure_lint.source import Source

    schema = _editions()["2008"].tables["stats"]
    words = ["指标名称", "计量单位", "本年度", "历年累计", "条", "件", "其中：", "其他", "合计", "杂项"]
    for d in schema["rows"]:
        words.append(d["label"])
        words.extend(d.get("match", []))
    prefixes = ["", "", "其中：", "1.", "2、", "（3）", "一、"]
    blocks = []
    at = 0
    for _ in range(draw(st.integers(1, 2))):
        rows = []
        for _ in range(draw(st.integers(1, 14))):
            text = draw(st.sampled_from(prefixes)) + draw(st.sampled_from(words))
            cells = [RawCell(PText.literal(text, at), Span(at, at + 1))]
            at += 50
            for _ in range(draw(st.integers(0, 3))):
                v = draw(st.sampled_from(["12", "0", "条", "件", "—"]))
                cells.append(RawCell(PText.literal(v, at), Span(at, at + 1)))
                at += 50
            rows.append(RawRow(cells, Span(at, at + 1)))
        blocks.append(grid.resolve(RawTable(rows, Span(0, at))))
    return Document(Source("x" * (at + 10)), "html", Metadata(), None, blocks, Section(None, 0), Span(0, at))


@settings(max_examples=300, deadline=None)
@given(stats_docs())
def test_match_indicators_as_plain(doc):
    from disclosure_lint.document.indicators import match_indicators

    schema = _editions()["2008"].tables["stats"]
    got, want = match_indicators(doc, schema), plain_match_indicators(doc, schema)
    assert _view(got) == _view(want)
    assert (got.parents if got else None) == (want.parents if want else None)


def test_match_indicators_real_pages_as_plain():
    """On the text extractions of ../shared/ (when there) read with the 2008 edition: the same view."""
    from pathlib import Path

    from disclosure_lint.document.indicators import match_indicators
    from disclosure_lint.document.parse import parse_bytes
    from disclosure_lint.engine.context import Context

    from .conftest import shared_files

    seen = 0
    for p in shared_files("corpus/real/*.txt"):
        doc = parse_bytes(Path(p).read_bytes(), str(p))
        ed = Context(doc).edition
        for name, schema in (ed.tables.items() if ed is not None else ()):
            if schema.get("kind") != "indicators":
                continue
            got, want = match_indicators(doc, schema, name), plain_match_indicators(doc, schema, name)
            assert _view(got) == _view(want), p
            assert (got.parents if got else None) == (want.parents if want else None), p
            seen += got is not None
    if shared_files("corpus/real/*.txt"):
        assert seen


def test_schema_caches_answer_for_their_schema_only():
    """What table 3 and the indicator tables make of a schema is kept per schema object: a changed copy
    of a schema is made again, not answered from the original's."""
    import copy

    from disclosure_lint.document.indicators import _schema_keys
    from disclosure_lint.document.tables import _table3_schema

    t3 = _editions()["2019"].tables["table3"]
    other = copy.deepcopy(t3)
    other["rows"] = other["rows"][:1]
    assert _table3_schema(t3) is _table3_schema(t3)
    assert sum(map(len, _table3_schema(other)[2][None].values())) == 1 < \
        sum(map(len, _table3_schema(t3)[2][None].values()))
    stats = _editions()["2008"].tables["stats"]
    other = copy.deepcopy(stats)
    other["rows"] = [d for d in other["rows"] if not d.get("parent")]
    assert set(_schema_keys(other)[2]) <= {None, ""} and set(_schema_keys(stats)[2]) - {None, ""}


def test_what_a_document_keeps_follows_its_blocks_and_rows():
    """Document.derived / Table.derived keep what rules ask many times (paragraphs, a table's cells and
    text, joined texts) once per block or row list, and make it again when the list changes."""
    from disclosure_lint.document.parse import parse_text

    doc = parse_text("<p>一、总体情况</p><p>甲</p><table><tr><td>项目</td><td>1</td></tr></table>", kind="html")
    assert [p.text for p in doc.paragraphs()] == ["一、总体情况", "甲"]
    table = doc.tables()[0]
    first = doc.blocks[1]
    doc.blocks.append(first)                       # the same list, longer: made again
    assert [p.text for p in doc.paragraphs()] == ["一、总体情况", "甲", "甲"]
    doc.blocks = [first]                           # another list: made again
    assert [p.text for p in doc.paragraphs()] == ["甲"]
    before = table.text()
    assert table.text() is before                  # kept
    table.rows = table.rows[:0]
    assert table.text() == "" and list(table.cells()) == []


def _digit_cells():
    """Cells of ASCII digits in every layout the grid's digit shortcut meets: one literal piece, pieces
    apart in the source (the general layout), more digits than int() reads, and each recovery."""
    b = PTextBuilder()
    b.add_literal("1", 3)
    b.add_literal("2", 9)
    apart = b.build()
    m = PTextBuilder()
    m.add_literal("3", 0)
    m.add_mapped("4", 1, 6)  # a digit from an entity (&#52;): mapped, not literal
    mapped = m.build()
    long_digits = PText.literal("7" * 5000, 0)
    out = []
    for recovery in ("", "forced", "chosen", "ambiguous", "unsplit"):
        for pt in (PText.literal("27", 5), PText.literal("0", 0), apart, mapped, long_digits,
                   PText.literal("２7", 2), PText.literal("27 ", 2)):
            out.append(RawCell(pt, Span(0, 10), 1, 1, False, recovery))
    return out


def test_resolve_digit_cells_as_plain():
    cells_ = _digit_cells()
    raw = RawTable([RawRow([RawCell(PText.literal("本年新收", 0), Span(0, 4))] + cells_[k:k + 7], Span(0, 10))
                    for k in range(0, len(cells_), 7)], Span(0, 10))
    got = grid.resolve(raw)
    assert _dump(got) == _dump(plain_resolve(raw))
    # made through its slots, a cell is the Cell its constructor makes
    c = got.rows[0].cells[1]
    assert c == Cell(c.ptext, c.raw, c.span, c.value, c.row, c.col, c.rowspan, c.colspan, c.is_header, c.recovery)
    assert type(c.value) is Number and c.value.span == Span(5, 7) and c.ptext is raw.rows[0].cells[1].ptext


def _old_paragraph(raw):
    """build._paragraph as it was: the paragraph's span always made from its text."""
    from disclosure_lint.document import Paragraph
    from disclosure_lint.document.build import parse_heading

    pt = raw.ptext.collapse_space()
    if not pt.text:
        return None
    h = parse_heading(pt)
    if h is not None:
        return h
    return Paragraph(pt, cells._whole_span(pt))


@settings(max_examples=300, deadline=None)
@given(ptexts(alphabet=_CELL_CHARS + "一、（）。报告"), st.integers(-2, 2), st.integers(-2, 2), st.booleans())
def test_paragraph_keeps_the_readers_span_only_when_it_is_the_texts(pt, ds, de, same):
    from disclosure_lint.document.build import _paragraph
    from disclosure_lint.readers.blocks import RawParagraph

    whole = pt.span()
    span = whole if same else Span(max(0, whole.start + ds), max(0, whole.start + ds, whole.end + de))
    raw = RawParagraph(pt, span)
    got, old = _paragraph(raw), _old_paragraph(raw)
    assert type(got) is type(old)
    if old is not None:
        assert (got.span, got.text, got.ptext.span()) == (old.span, old.text, old.ptext.span())


def test_paragraph_span_written_cases():
    from disclosure_lint.document.build import _paragraph
    from disclosure_lint.readers.blocks import RawParagraph

    pt = PText.literal("本年新收3件", 5)
    for span in (Span(5, 11), Span(5, 9), Span(4, 11), Span(0, 40)):
        raw = RawParagraph(pt, span)
        assert _paragraph(raw).span == _old_paragraph(raw).span == Span(5, 11)
    assert _paragraph(RawParagraph(pt, Span(5, 11))).span is not None


def test_resolve_label_and_value_like_cells_as_plain():
    """Cells read by the grid's label shortcut (a first character no number or mark starts): labels, and
    text standing where a number stands (约27, 共计3件) — values, not labels; every row keeps its distinct
    cells (made through its slots, a Row is what its constructor makes)."""
    texts = ["本年新收", "约27", "27余件", "共计3件", "计", "大约 5", "不适用", "—", "二十", "x", "合计"]
    rows = []
    at = 0
    for k in range(len(texts)):
        cells_ = []
        for t in texts[k:] + texts[:k]:
            cells_.append(RawCell(PText.literal(t, at), Span(at, at + len(t)), 2 if t == "计" else 1))
            at += len(t) + 3
        rows.append(RawRow(cells_, Span(cells_[0].span.start, at)))
    raw = RawTable(rows, Span(0, at))
    got = grid.resolve(raw)
    assert _dump(got) == _dump(plain_resolve(raw))
    for r in got.rows:
        assert r.distinct is not None and r.distinct == _distinct(r.cells)
        assert r == Row(r.index, r.cells, r.span, r.labels, r.values, r.distinct)
