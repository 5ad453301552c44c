"""The HTML reader's shortcuts against the plain forms they replace, on generated markup and every page:

- a table cell (``_Reader.cell``: the walk unrolled, node_span inlined, RawCell made without its
  ``__init__``) is the one the plain calls made;
- a node's text (``_Reader.node_text``: made in one go when every piece is literal) is the one a
  builder makes, token by token, as ``inline_text`` made it;
- ``node_span`` walks down the last items as it did;
- blocks work out whether an inline element is furniture only when a block or table inside it asks:
  every block's flag is still "an element from the top down to it is furniture";
- ``Span`` made without the dataclass's ``__init__`` is the same span, checked the same way;
- the furniture (``_Reader._outside``: ASCII chunks left out unread, no Span per item) is the blocks the
  plain walk found.
"""
from __future__ import annotations

import dataclasses
import pickle
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from disclosure_lint.readers import html as H
from disclosure_lint.readers.blocks import RawTable
from disclosure_lint.readers.html_text import decode_text, split_lines, strip_word
from disclosure_lint.source import Source, Span
from disclosure_lint.source.ptext import PTextBuilder

from .conftest import FIXTURES, SHARED

_PIECES = ["<p>", "</p>", "<td>", "</td>", "<tr>", "<table>", "</table>", "<th>", "<span>", "</span>",
           "<div class='nav'>", "<div class='content'>", "</div>", "<footer>", "</footer>", "<b>", "</b>",
           "<br>", "x", "12", " ", "\n", "&nbsp;", "&amp;", "<!-- c -->", "<script>s</script>", "<o:p></o:p>",
           "<span class='menu'>", "<td class='share'>", "<h1>", "</h1>", "<li>", "<ul>", "本年",
           "<td rowspan=2>", "<th colspan='3'>", "<font>", "</font>", "<i>", "</i>",
           "<!--[if !supportLists]-->", "发布日期：", "来源"]


def _pages() -> list[str]:
    pages = sorted(FIXTURES.rglob("*.htm*")) + sorted((Path(__file__).parent.parent / "examples").glob("*.htm*"))
    if (SHARED / "corpus" / "real-html").is_dir():
        pages += sorted((SHARED / "corpus" / "real-html").glob("*.html"))
    return [Source.from_bytes(p.read_bytes()).text for p in pages]


def _nodes(reader):
    return [n for n in reader.nodes[1:]]


def _old_node_span(reader, node) -> Span:
    toks = reader.starts
    k = node.tok
    start, end = (toks[k], toks[k + 1]) if k >= 0 else (0, 0)
    last = node
    while last.items:
        it = last.items[-1]
        if isinstance(it, H._Node):
            last = it
            end = max(end, toks[it.tok + 1])
        else:
            end = max(end, toks[it + 1])
            break
    return Span(start, end)


def _old_inline_text(reader, node, b) -> None:
    """readers/html.py's inline_text as it was: all text under *node*, <br> as a mapped line break."""
    toks, text = reader.starts, reader.text
    stack: list = [iter(node.items)]
    while stack:
        for it in stack[-1]:
            if type(it) is int:
                s, e = toks[it], toks[it + 1]
                if text.find("&", s, e) < 0:
                    b.add_literal(text[s:e], s)
                else:
                    decode_text(text, s, e, b)
                continue
            if it.tag in H._SKIP_TAGS:
                continue
            if it.tag == "br":
                b.add_mapped("\n", toks[it.tok], toks[it.tok + 1])
                continue
            stack.append(iter(it.items))
            break
        else:
            stack.pop()


def _old_cell(reader, node):
    """readers/html.py's cell() as it was: node_text's stack walk, strip_word, node_span, the dataclass."""
    b = PTextBuilder()
    _old_inline_text(reader, node, b)
    k = node.tok
    tag = reader.text[reader.starts[k]:reader.starts[k + 1]]
    if H._tag_attr(tag, 0, len(tag), ("span",), H._SPAN_ATTR):
        a = reader.attrs(node)
        spans = H._int_attr(a.get("rowspan")), H._int_attr(a.get("colspan"))
    else:
        spans = (1, 1)
    return H.RawCell(strip_word(b.build()), _old_node_span(reader, node), spans[0], spans[1], node.tag == "th")


def _cell_fields(c):
    return type(c), _layout(c.ptext), c.span, c.rowspan, c.colspan, c.is_header, c.recovery


def _layout(pt):
    return pt.text, pt._start, pt._p


def _check(text: str) -> None:
    reader = H._Reader(Source(text))
    for node in _nodes(reader):
        assert reader.node_span(node) == _old_node_span(reader, node)
        b = PTextBuilder()
        _old_inline_text(reader, node, b)
        assert _layout(reader.node_text(node)) == _layout(b.build())
        if node.tag in ("td", "th"):
            assert _cell_fields(reader.cell(node)) == _cell_fields(_old_cell(reader, node))
    # The blocks, furniture flags included, are those of the eager form, from the root and from the
    # content element.
    for top in (reader.root, reader.content_root()):
        assert _dump(reader.blocks(top)) == _dump(_old_blocks(reader, top))
    # The furniture: the blocks outside the content element that hold a metadata label.
    content = reader.content_root()
    assert _dump(reader._outside(content)) == _dump(_old_outside(reader, content))


def _old_outside(self, content) -> list:
    """readers/html.py's _outside as it was: a StopIteration caught per item, a Span per item, the label
    pattern on every item's text."""
    if content is self.root:
        return []
    ancestors = set()
    n = content.parent
    while n is not None:
        ancestors.add(id(n))
        n = n.parent
    out = []
    fake = H._Node("#root", -1, None)
    stack = [iter(self.root.items)]
    while stack:
        try:
            it = next(stack[-1])
        except StopIteration:
            stack.pop()
            continue
        if it is content:
            continue
        if isinstance(it, H._Node) and id(it) in ancestors:
            stack.append(iter(it.items))
            continue
        if isinstance(it, H._Node) and it.tag in H._SKIP_TAGS:
            continue
        sp = self.node_span(it) if isinstance(it, H._Node) else Span(self.starts[it], self.starts[it + 1])
        if H._META_HINT.search(self.text[sp.start:sp.end]) is None:
            continue
        fake.items = [it]
        out.extend(self.blocks(fake))
    return out


def _dump(blocks):
    out = []
    for b in blocks:
        if isinstance(b, RawTable):
            out.append(("T", b.span, b.boilerplate, [[(_layout(c.ptext), c.span, c.rowspan, c.colspan, c.is_header)
                                                      for c in r.cells] for r in b.rows]))
        else:
            out.append(("P", _layout(b.ptext), b.span, b.boilerplate))
    return out


def _old_blocks(self, top) -> list:
    """readers/html.py's blocks() as it was: every element's furniture flag worked out as it is met."""
    out: list = []
    b = PTextBuilder()

    def flush(furniture: bool) -> None:
        nonlocal b
        if len(b):  # an empty builder holds nothing: it is kept for the next block
            pt = b.build()
            if pt.text.strip():
                for part in split_lines(pt):
                    out.append(H.RawParagraph(part, part.span(), furniture))
            b = PTextBuilder()

    toks, text = self.starts, self.text
    find = text.find
    # A stack of iterators, each resumed by a for loop (a StopIteration caught per element costs more).
    stack: list = [(iter(top.items), False, True)]
    while stack:
        it_iter, furniture, is_block = stack[-1]
        for it in it_iter:
            if type(it) is int:
                s, e = toks[it], toks[it + 1]
                if find("&", s, e) < 0:
                    b.add_literal(text[s:e], s)
                else:
                    decode_text(text, s, e, b)
                continue
            tag = it.tag
            if tag in H._SKIP_TAGS:
                continue
            if tag == "br":
                k = it.tok
                b.add_mapped("\n", toks[k], toks[k + 1])
                continue
            fur = furniture or self.is_furniture(it)
            if tag == "table":
                flush(furniture)
                t = self.table(it, fur)
                if t is not None:
                    out.append(t)
                continue
            block = tag in H._BLOCK_TAGS
            if block:
                flush(furniture)
            stack.append((iter(it.items), fur, block))  # into the child; this level resumes after it
            break
        else:
            stack.pop()
            if is_block:
                flush(furniture)
    flush(False)
    return out


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
def test_the_shortcuts_on_generated_markup(pieces):
    _check("".join(pieces))


def test_the_shortcuts_on_every_page():
    pages = _pages()
    assert pages
    for text in pages:
        _check(text)


def test_span_is_made_and_checked_as_the_dataclass_made_it():
    s = Span(3, 10)
    assert (s.start, s.end, len(s)) == (3, 10, 7)
    assert s == Span(start=3, end=10) and hash(s) == hash(Span(3, 10)) and s < Span(4, 5)
    assert repr(s) == "Span(start=3, end=10)"
    assert pickle.loads(pickle.dumps(s)) == s
    assert dataclasses.replace(s, end=12) == Span(3, 12)
    assert dataclasses.asdict(s) == {"start": 3, "end": 10}
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.start = 5
    for bad in ((-1, 2), (5, 4)):
        with pytest.raises(ValueError):
            Span(*bad)


# ---------------------------------------------------------------------------------------------------
# split_lines: a one-line text is given back itself, not sliced whole (a paragraph's text).


def _old_split_lines(pt):
    """html_text.split_lines as it was: every part sliced, the last one ``pt[start:]`` even when it is all."""
    pt = strip_word(pt)
    out = []
    start = 0
    t = pt.text
    i = t.find("\n")
    while i >= 0:
        if not pt.is_literal_at(i):
            out.append(pt[start:i])
            start = i + 1
        i = t.find("\n", i + 1)
    out.append(pt[start:])
    return [p for p in out if p.text.strip()]


@st.composite
def _line_texts(draw):
    """Positioned texts of literal and mapped pieces (entities, <br> line breaks), with Word markers."""
    at = draw(st.integers(0, 40))
    b = PTextBuilder()
    for _ in range(draw(st.integers(0, 6))):
        text = draw(st.sampled_from(["a", "本年", " ", "\n", "  x\n", "<!--[if !supportLists]-->", "12", "\xa0"]))
        if draw(st.booleans()):
            b.add_literal(text, at)
            at += len(text) + draw(st.integers(0, 2))
        else:
            width = draw(st.integers(1, 6))
            b.add_mapped(text, at, at + width)
            at += width
    pt = b.build()
    if draw(st.booleans()) and pt.text:  # the one-piece layout too
        from disclosure_lint.source.ptext import PText

        return PText.literal(pt.text, at)
    return pt


@settings(max_examples=400, deadline=None)
@given(_line_texts())
def test_split_lines_as_the_old_form(pt):
    assert [_layout(p) for p in split_lines(pt)] == [_layout(p) for p in _old_split_lines(pt)]


def test_split_lines_on_every_page():
    for text in _pages():
        reader = H._Reader(Source(text))
        for node in _nodes(reader):
            if node.tag in ("p", "div", "td", "li", "h1", "h2"):
                pt = reader.node_text(node)
                assert [_layout(p) for p in split_lines(pt)] == [_layout(p) for p in _old_split_lines(pt)]


# ---------------------------------------------------------------------------------------------------
# _outside: whether furniture holds a metadata label, by ``in`` instead of the label pattern.

def test_every_label_is_not_ascii():
    """_outside leaves out an ASCII chunk without looking for a label in it."""
    assert not any(label.isascii() for label in H.META_KEYS)
    assert not any(label.isascii() for labels in H._META_BY_LAST.values() for label in labels)


_LABEL_BITS = ["发布", "机构", "发文", "信息", "来源", "成文", "日期", "生成", "时间", "索引", "号", "标题", "名称",
               "文号", "<a href='x'>", "期", "构", "源", "间", "题", "称", "文", "a", " ", "\n"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_LABEL_BITS), max_size=12))
def test_has_meta_label_is_the_pattern(bits):
    chunk = "".join(bits)
    assert H._has_meta_label(chunk) == (H._META_HINT.search(chunk) is not None)


def test_has_meta_label_on_every_page():
    for text in _pages():
        for k in range(0, len(text), 997):  # windows of every page, markup and text
            chunk = text[k:k + 3000]
            assert H._has_meta_label(chunk) == (H._META_HINT.search(chunk) is not None)
