"""The HTML reader: the tree is libxml2's, every offset is our tokenizer's.

The page is tokenized once, by one ``re.split`` (html_split.py, or html_tokens.py's tokenizer where the
split is unsure): every start tag, end tag, text run and comment is a token with its exact offsets.  Which
element holds which is libxml2's answer for a copy of the page in which every start tag is reduced to its
name and a marker.  On almost every page, html_onepass.py files the split's tokens and plays libxml2's
tree-building rules (html_libxml2.py) on them in one pass: no lxml parse at all.  Where it is not sure to
read the copy as libxml2 does, the page is tokenized and lxml parses the copy (html_tree.py), its marked
elements matched to the start tags.  Text tokens are attributed to the element open where they stand in
the source.  So nothing is ever searched for again; this module reads paragraphs, tables and titles from
the tree.
"""
from __future__ import annotations

import re
from array import array
from itertools import islice

from ..source.ptext import PText, PTextBuilder, _empty, _literal
from ..source import Source, Span, new_span
from .blocks import META_KEYS, META_LABEL_PATTERN, RawCell, RawDocument, RawParagraph, RawRow, RawTable
from .html_split import text_weights, tokenize_split
from . import html_text
from .html_text import decode_text, items_text, split_lines, strip_word, text_items
from .html_tokens import START, attributes, tokenize_compact
from . import html_onepass
from .html_onepass import read_in_one_pass
from .html_tree import Node as _Node, lxml_tree
from ..source.re_cache import compile_re

__all__ = ["read_html"]

_new = object.__new__


_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td", "th", "tbody",
    "thead", "tfoot", "section", "article", "blockquote", "pre", "dd", "dt", "dl", "center", "form", "header",
    "footer", "nav", "aside", "main", "body", "html", "address", "caption", "figure", "figcaption", "hr",
    "fieldset", "legend", "title", "option", "select",
})
_CONTAINERS = frozenset({"html", "body", "div", "section", "article", "main", "center", "font", "blockquote",
                         "form", "table", "tbody", "thead", "tr", "dd", "span"})
_SKIP_TAGS = frozenset({"script", "style", "head", "noscript", "template", "select", "option", "iframe",
                        "object", "embed", "svg", "math", "button", "textarea", "input"})
_FURNITURE_TAGS = frozenset({"nav", "header", "footer", "aside"})
_FURNITURE_HINT = compile_re(
    r"(?i)(^|[\s_-])(nav|navbar|menu|footer|header|breadcrumb|crumb|copyright|sidebar|share|position|location|"
    r"search|banner|friend|qrcode|toolbar|tools?|btn|login|foot|top|weizhi|dqwz|bottom)([\s_-]|$)"
)
_META_HINT = compile_re(META_LABEL_PATTERN)
# The labels by their last character, each label holding another left out (信息来源 holds 来源): a text
# holds a label if and only if it holds one of these.
_META_BY_LAST: dict[str, tuple[str, ...]] = {}
for _label in sorted(META_KEYS):
    if not any(other != _label and other in _label for other in META_KEYS):
        _META_BY_LAST[_label[-1]] = (*_META_BY_LAST.get(_label[-1], ()), _label)
del _label


def _has_meta_label(chunk: str) -> bool:
    """``_META_HINT.search(chunk) is not None``, by ``in`` (C scans) instead of the pattern: an alternation
    of CJK words, it tries every character (some 80 instructions each on a Word page's furniture). A
    label's last character is looked for first (memchr on its low byte: rarely a false hit in markup)."""
    for last, labels in _META_BY_LAST.items():
        if last in chunk:
            for label in labels:
                if label in chunk:
                    return True
    return False
# Necessary conditions, cheap to test on a start tag's source, for the attributes being there with a value.
_CLASS_OR_ID = compile_re(r"(?i)(?:class|id)\s*=")
_SPAN_ATTR = compile_re(r"(?i)span\s*=")
# Besides ASCII letters, (?i) matches ſ to s and İ, ı to i: a tag holding one is tested with the pattern
# itself; any other tag is lower-cased without changing its length.


def _tag_attr(text: str, s: int, e: int, words: tuple, pattern) -> bool:
    """``pattern.search(text, s, e)`` for a pattern ``(?i)(?:word|…)\\s*=``, by ``str.find`` (C, no case folding
    at every position) and an anchored match at each place a word stands."""
    low = text[s:e].lower()  # ſ and ı stay as they are, İ becomes i and U+0307: the length changes
    if "\u017f" in low or "\u0131" in low or "\u0307" in low:
        return pattern.search(text, s, e) is not None
    match = pattern.match
    for w in words:
        i = low.find(w)
        while i >= 0:
            if match(text, s + i, e):
                return True
            i = low.find(w, i + 1)
    return False


class _Reader:
    def __init__(self, source: Source) -> None:
        self.source = source
        self.text = source.text
        self.problems: list = []
        # Token k starts at starts[k] and ends where token k + 1 starts; kinds[k] is its kind.
        # Tokens and tree in one pass over the split's pieces, where that is sure (nearly every page) ...
        got = read_in_one_pass(self.text)
        if got is not None:
            self.starts, self.kinds, self.root, self.nodes, self.comments = got
        else:  # ... else in two: the tokens, then lxml's tree
            self._read_in_two_passes()
        self._attrs: dict[int, dict[str, str]] = {}  # a node's attributes by its token, read when asked
        # What a start tag says, by its source text: Word pages repeat the same tags thousands of times.
        self._furniture_tag: dict[str, bool] = {}
        self._spans_of_tag: dict[str, tuple[int, int]] = {}
        self._content: _Node | None = None  # content_root's answer (it spends the nodes' ``w``)

    def _read_in_two_passes(self) -> None:
        tokens = tokenize_split(self.text)
        if tokens is None:  # the one split is not sure of this page: the tokenizer reads it
            tokens = tokenize_compact(self.text)
            tokens = (*tokens, text_weights(self.text, tokens[0], tokens[1]))
        # The tree's shape from lxml's parse of the marked copy
        self.root, self.nodes, self.comments = lxml_tree(self.text, tokens, self.problems)
        # Kept, once the tree is built, as machine integers: 9 bytes a token instead of about 40.
        self.starts, self.kinds = array("q", tokens[0]), tokens[1]

    def attrs(self, node: _Node) -> dict[str, str]:
        a = self._attrs.get(node.tok)
        if a is None:
            k, toks = node.tok, self.starts
            if k >= 0 and self.kinds[k] == START:
                a = attributes(self.text[toks[k]:toks[k + 1]])
            else:
                a = {}
            self._attrs[k] = a
        return a

    def _tag_has(self, node: _Node, word: str) -> bool:
        if node.tok < 0:
            return False
        k = node.tok
        return word in self.text[self.starts[k]:self.starts[k + 1]].lower()  # CLASS= is an attribute too

    def is_furniture(self, node: _Node) -> bool:
        if node.tag in _FURNITURE_TAGS:
            return True
        if node.tok < 0:
            return False
        k = node.tok
        s, e = self.starts[k], self.starts[k + 1]
        tag = self.text[s:e]
        known = self._furniture_tag.get(tag)
        if known is None:
            if not _tag_attr(tag, 0, len(tag), ("class", "id"), _CLASS_OR_ID):
                known = False  # no class or id attribute with a value ("valign", "width" are not one)
            else:
                a = self.attrs(node)
                hint = (a.get("class", "") + " " + a.get("id", "")).strip()
                known = bool(hint) and bool(_FURNITURE_HINT.search(hint))
            self._furniture_tag[tag] = known
        return known

    def node_span(self, node: _Node) -> Span:
        """From the start tag to the last token inside the node."""
        toks = self.starts
        k = node.tok
        start, end = (toks[k], toks[k + 1]) if k >= 0 else (0, 0)
        items = node.items
        while items:
            it = items[-1]
            if type(it) is int:
                e = toks[it + 1]
                if e > end:
                    end = e
                break
            e = toks[it.tok + 1]
            if e > end:
                end = e
            items = it.items
        return new_span(start, end)

    # -- text collection ------------------------------------------------------------------------
    def node_text(self, node: _Node) -> PText:
        """All text under *node*, <br> as a mapped line break."""
        items, plain = text_items(node, _NO_TAGS, _SKIP_OR_BR)
        return items_text(self.text, self.starts, items, plain)

    # -- blocks ----------------------------------------------------------------------------------
    def blocks(self, top: _Node) -> list:
        """Paragraphs and tables under *top*, in order; furniture flagged."""
        out: list = []
        b = PTextBuilder()

        def paragraphs(pt: PText, furniture: bool) -> None:
            if pt.text.strip():
                for part in split_lines(pt):
                    out.append(RawParagraph(part, part.span(), furniture))

        def flush(furniture: bool) -> None:
            nonlocal b
            if len(b):  # an empty builder holds nothing: it is kept for the next block
                paragraphs(b.build(), furniture)
                b = PTextBuilder()

        toks, text = self.starts, self.text
        # A stack of iterators, each resumed by a for loop (a StopIteration caught per element costs more).
        # Whether an element is furniture (it, or an element around it) is known for blocks; for an inline
        # element it is worked out only if a block or a table inside it asks (a Word <span> holds text only).
        stack: list = [(iter(top.items), True)]
        flags: list = [False]  # of each entry: True, False or None (not worked out yet)
        held: list = [top]  # each entry's element

        def resolve() -> bool:
            """The top entry's flag, worked out up the stack as far as it is not known."""
            j = len(flags) - 1
            while flags[j] is None:
                j -= 1
            f = flags[j]
            for m in range(j + 1, len(flags)):
                f = f or self.is_furniture(held[m])
                flags[m] = f
            return f

        while stack:
            it_iter, is_block = stack[-1]
            for it in it_iter:
                if type(it) is int:
                    s = toks[it]
                    t = text[s:toks[it + 1]]
                    if "&" not in t:  # (``in`` on the slice: see decode_text)
                        b.add_literal(t, s)
                    else:
                        decode_text(text, s, s + len(t), b)
                    continue
                tag = it.tag
                if tag in _SKIP_TAGS:
                    continue
                if tag == "br":
                    k = it.tok
                    b.add_mapped("\n", toks[k], toks[k + 1])
                    continue
                if tag == "table":
                    furniture = resolve()
                    flush(furniture)
                    t = self.table(it, furniture or self.is_furniture(it))
                    if t is not None:
                        out.append(t)
                    continue
                block = tag in _BLOCK_TAGS
                if block:
                    furniture = resolve()
                    flush(furniture)
                    fur = furniture or self.is_furniture(it)
                    # A block holding no block or table (a paragraph of <span>s): its text in one walk,
                    # not an iterator and a stack entry per element; the builder is empty here.
                    items, plain = text_items(it, _BLOCK_TAGS, _SKIP_OR_BR)
                    if items is not None:
                        paragraphs(items_text(text, toks, items, plain), fur)
                        continue
                else:
                    fur = True if flags[-1] is True else None
                stack.append((iter(it.items), block))  # into the child; this level resumes after it
                flags.append(fur)
                held.append(it)
                break
            else:
                stack.pop()
                held.pop()
                furniture = flags.pop()
                if is_block:  # a block's flag is always known
                    flush(furniture)
        flush(False)
        return out

    def table(self, node: _Node, furniture: bool) -> RawTable | None:
        rows: list[RawRow] = []
        fast = _fast_cell if html_text.USE_COMPILED else None
        text, toks, spans = self.text, self.starts, self._spans_of_tag
        stack = [iter(node.items)]
        while stack:
            for it in stack[-1]:
                if type(it) is int:
                    continue
                tag = it.tag
                if tag == "tr":
                    cells = []
                    for c in it.items:
                        if type(c) is not int and c.tag in ("td", "th"):
                            # The C shortcut where it was built (None where it does not answer: then the general
                            # path, which the Python shortcut would only reach again), else cell's.
                            cells.append((fast(c, text, toks, spans) or self._cell(c)) if fast is not None
                                         else self.cell(c))
                    if cells:
                        rows.append(RawRow(cells, self.node_span(it)))
                elif tag == "table":
                    continue  # a nested table is not gone into: it is read with the text of the cell holding it
                elif tag in ("td", "th"):
                    # a cell outside any row: lxml keeps it where the page put it; give it its own row
                    rows.append(RawRow([self.cell(it)], self.node_span(it)))
                else:
                    stack.append(iter(it.items))
                    break
            else:
                stack.pop()
        if not rows:
            return None
        return RawTable(rows, self.node_span(node), furniture)

    def cell(self, node: _Node) -> RawCell:
        toks, text = self.starts, self.text
        # The shapes of nearly every cell, <td>12</td> and <td><p>12</p></td>: one text token k, so that
        # text_items gives ([k], True) and node_span ends where k ends (a text comes after the start tags
        # around it), read here without their walks (test_html_cell_shapes holds this to them).
        kids = node.items
        k = -1
        if len(kids) == 1:
            inner = kids[0]
            if type(inner) is int:
                k = inner
            elif inner.tag not in _SKIP_OR_BR:
                grand = inner.items
                if len(grand) == 1 and type(grand[0]) is int:
                    k = grand[0]
        if k >= 0:
            s = toks[k]
            e = toks[k + 1]
            t = text[s:e]
            if "&" not in t and "<!" not in t:
                start = toks[node.tok]
                spans = self._spans_of_tag.get(text[start:toks[node.tok + 1]])
                if spans is not None:
                    c = _new(RawCell)
                    c.ptext = _literal(t, s) if t else _empty()
                    c.span = new_span(start, e)
                    c.rowspan, c.colspan = spans
                    c.is_header = node.tag == "th"
                    c.recovery = ""
                    return c
        return self._cell(node)

    def _cell(self, node: _Node) -> RawCell:
        """:meth:`cell` for any shape of cell (and the oracle of its shortcut)."""
        toks, text = self.starts, self.text
        items, plain = text_items(node, _NO_TAGS, _SKIP_OR_BR)
        if plain and len(items) == 1:
            # One text token (nine cells in ten): items_text's own shortcut, without its call; the
            # entity test on the slice (``in``), not str.find(…, start, end), whose arguments Python
            # 3.11 parses from a format string.
            k = items[0]
            s = toks[k]
            t = text[s:toks[k + 1]]
            if "&" in t:
                pt = items_text(text, toks, items, plain)
            else:
                pt = _literal(t, s) if t else _empty()
        else:
            pt = items_text(text, toks, items, plain)
        if "<!" in pt.text:  # (strip_word's own test, without its call for every cell)
            pt = strip_word(pt)
        k = node.tok
        start, end = toks[k], toks[k + 1]
        tag = text[start:end]
        spans = self._spans_of_tag.get(tag)
        if spans is None:
            if _tag_attr(tag, 0, len(tag), ("span",), _SPAN_ATTR):
                a = self.attrs(node)
                spans = _int_attr(a.get("rowspan")), _int_attr(a.get("colspan"))
            else:  # neither attribute: no need to read the tag's attributes
                spans = (1, 1)
            self._spans_of_tag[tag] = spans
        # RawCell(pt, node_span, rowspan, colspan, is_header) without the dataclass's __init__ (a
        # Python frame setting six fields through their descriptors): the same slots, set directly.
        c = _new(RawCell)
        c.ptext = pt
        c.span = self.node_span(node)
        c.rowspan, c.colspan = spans
        c.is_header = node.tag == "th"
        c.recovery = ""
        return c

    # -- where the report is -------------------------------------------------------------------
    def content_root(self) -> _Node:
        """The deepest element holding at least 80% of the page's prose and table text."""
        if self._content is None:
            self._content = self._find_content_root()
        return self._content

    def _find_content_root(self) -> _Node:
        # A node's weight: non-space characters of its direct text (not in a link) and its children's
        # weights; a skipped element (script, head, …) weighs nothing. Nodes were made parents first, so
        # in reverse every child comes before its parent: each node's weight is added to its parent's own
        # count (``w``), which thus becomes the parent's weight by the time it is reached. So a node that
        # weighs nothing (an empty <span>, Word's <o:p>) costs one attribute load, with no counter per
        # node to reset first and no second attribute written (this runs once per reader: ``w`` is spent).
        nodes = self.nodes
        special = _SKIP_OR_LINK
        # reversed() rather than a subscript per node; every node but the root (nodes[0])
        for n in islice(reversed(nodes), len(nodes) - 1):
            w = n.w
            if w:
                if n.tag in special:  # a link weighs its children only; a skipped element nothing
                    w = n.w = _children_weight(n) if n.tag == "a" else 0
                    if not w:
                        continue
                n.parent.w += w
        root = self.root
        total = root.w
        best = self.root
        if total == 0:
            return best
        node = self.root
        limit = 0.8 * total  # the same float as before, computed once
        while True:
            nxt = None
            for it in node.items:  # nodes and text tokens (int): type() is cheaper than isinstance()
                if type(it) is not int and it.w >= limit:
                    nxt = it
                    break
            if nxt is None or nxt.tag not in _CONTAINERS:
                return node
            if nxt.tag in ("table", "tbody", "thead", "tr"):
                # Only a layout table is gone into: its heavy cell must hold blocks of its own.
                cell = nxt
                while cell is not None and cell.tag not in ("td", "th"):
                    cell = next((it for it in cell.items if type(it) is not int and it.w >= limit), None)
                if cell is None or not any(isinstance(it, _Node) and it.tag in ("p", "div", "table", "h1", "h2", "h3")
                                           for it in cell.items):
                    return node
                nxt = cell
            node = nxt

    def read(self) -> RawDocument:
        doc = RawDocument(problems=self.problems)
        for k in self.comments:
            s, e = self.starts[k], self.starts[k + 1]
            doc.comments.append((self.text[s:e], Span(s, e)))
        content = self.content_root()
        doc.blocks = [b for b in self.blocks(content) if not b.boilerplate]
        doc.content_span = self.node_span(content) if content is not self.root else Span(0, len(self.text))
        # Everything else on the page: navigation, the metadata table, the footer.
        doc.furniture = self._outside(content)
        doc.find_titles = self._titles
        doc.release = self._release
        return doc

    def _release(self) -> None:
        """Once the document is built: the nodes point at their parents, so the tree is a web of cycles that
        only the cyclic collector frees, and a lint runs with it paused. Cut the cycles so the tree and the
        tokens go as soon as the reader does."""
        if html_onepass._compiled is not None and html_onepass.USE_COMPILED:
            html_onepass._compiled.cut_parents(self.nodes)  # (readers/_onepass.c: the same loop, in C)
        else:
            for n in self.nodes:
                n.parent = None
        self.nodes = []
        self.starts, self.kinds = [], bytearray()
        self.root = _Node("#root", -1, None)  # the tree goes now, not when the reader does
        self._attrs = {}
        self._furniture_tag, self._spans_of_tag = {}, {}
        self._content = None

    def _outside(self, content: _Node) -> list:
        """Blocks of the page outside the content element, in order."""
        if content is self.root:
            return []
        ancestors = set()
        n = content.parent
        while n is not None:
            ancestors.add(id(n))
            n = n.parent
        out = []
        fake = _Node("#root", -1, None)
        toks, text = self.starts, self.text
        # A stack of iterators, each resumed by a for loop (a StopIteration caught per item costs more).
        stack = [iter(self.root.items)]
        while stack:
            for it in stack[-1]:
                if type(it) is int:
                    s, e = toks[it], toks[it + 1]
                else:
                    if it is content:
                        continue
                    if id(it) in ancestors:
                        stack.append(iter(it.items))
                        break
                    if it.tag in _SKIP_TAGS:
                        continue
                    sp = self.node_span(it)
                    s, e = sp.start, sp.end
                chunk = text[s:e]
                # Every label is Chinese: an ASCII chunk (white space between tags, markup) holds none, and
                # str.isascii() is a flag, not a scan.
                if chunk.isascii() or not _has_meta_label(chunk):
                    continue  # navigation, sidebars, footers without a metadata label: nothing to read
                fake.items = [it]
                out.extend(self.blocks(fake))
            else:
                stack.pop()
        return out

    def _titles(self):
        """Title candidates of the page (<title>, h1, h2, class="…title…"), lazily, in document order."""
        stack = [iter(self.root.items)]
        while stack:
            try:
                it = next(stack[-1])
            except StopIteration:
                stack.pop()
                continue
            if not isinstance(it, _Node) or it.tag in ("script", "style"):
                continue
            if it.tag == "title" or it.tag in ("h1", "h2") or (
                    self._tag_has(it, "itle") and "title" in self.attrs(it).get("class", "").lower()):
                pt = self.node_text(it).collapse_space()
                if pt.text:
                    yield pt
                if it.tag == "title":
                    continue
            stack.append(iter(it.items))


_NO_TAGS: frozenset = frozenset()
_SKIP_OR_BR = _SKIP_TAGS | {"br"}  # what a text walk leaves out, <br> aside (html_text.text_items)
# _Reader.cell's shortcut in C (readers/_runs.c), where it was built: the classes it makes, bound once
_fast_cell = None
if html_text._runs is not None:
    html_text._runs.bind_cell(RawCell, PText, new_span, _SKIP_OR_BR)
    _fast_cell = html_text._runs.cell
_SKIP_OR_LINK = _SKIP_TAGS | {"a"}  # the elements whose own text content_root does not weigh


def _children_weight(node: _Node) -> int:
    """The weights of a node's children (content_root: each child's ``w`` is its weight by then)."""
    return sum([it.w for it in node.items if type(it) is not int])


def _int_attr(v: str | None) -> int:
    if not v:
        return 1
    m = re.match(r"\s*(\d{1,6})", v)
    return max(1, int(m.group(1))) if m else 1


def read_html(source: Source) -> RawDocument:
    return _Reader(source).read()
