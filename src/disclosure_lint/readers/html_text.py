"""The HTML reader's positioned text: the text tokens and <br> elements under a node gathered
(text_items), made into a PText with entities decoded, Word's escaped conditional-comment markers
removed, a block's text split at its <br> line breaks.

Every character keeps its source offsets (see source/ptext.py): literal text maps one to one, an entity
or a <br> maps onto its source range.
"""
from __future__ import annotations

import html as _html
import os
from bisect import bisect_right
from itertools import accumulate, compress
from operator import eq, not_

from ..source.compiled import load
from ..source.ptext import PText, PTextBuilder
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

__all__ = ["decode_text", "items_text", "strip_word", "split_lines", "text_items"]

_ENTITY = compile_re(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});?")
_WORD_CONDITIONAL = lazy(r"<!--\[if[^\]]{0,80}\]-->|<!--\[endif\]-->|<!\[if[^\]]{0,80}\]>|<!\[endif\]>")
_UNESCAPED: dict[str, str] = {}  # entity -> decoded, for the entities pages repeat (&nbsp; above all)


def decode_text(text: str, start: int, end: int, b: PTextBuilder) -> None:
    """Append the source text ``text[start:end]`` with entities decoded, offsets kept."""
    # The entity test on the slice (``in``): str.find(…, start, end) parses its arguments from a format
    # string in Python 3.11, which costs more than the slice that is needed anyway.
    chunk = text[start:end]
    if "&" not in chunk:
        b.add_literal(chunk, start)
        return
    i = start
    for m in _ENTITY.finditer(chunk):
        a, z = start + m.start(), start + m.end()
        if a > i:
            b.add_literal(text[i:a], i)
        g = m.group()
        decoded = _UNESCAPED.get(g)
        if decoded is None:
            decoded = _html.unescape(g)
            if len(_UNESCAPED) < 4096:
                _UNESCAPED[g] = decoded
        if decoded == g:
            b.add_literal(decoded, a)
        else:
            b.add_mapped(decoded, a, z)
        i = z
    if end > i:
        b.add_literal(text[i:end], i)


def items_text(text: str, toks, items: list, plain: bool) -> PText:
    """The text of *items*, in order: text tokens (their numbers; token k is ``text[toks[k]:toks[k + 1]]``)
    and, unless *plain*, <br> elements (anything with a ``tok``), as a builder makes it: a token's text
    with its entities decoded, a <br> a mapped line break.

    Without <br> or entity (nearly every table cell) the text is made in one go, one literal piece per
    token, the pieces the builder would make: tokens never touch, markup stands between them (were two
    to touch, the builder merges them, so they go through it)."""
    if plain and items:
        if len(items) == 1:
            k = items[0]
            s = toks[k]
            t = text[s:toks[k + 1]]
            if "&" not in t:
                return PText.literal(t, s)
        else:
            got = _join(text, toks, items) if _join is not None and USE_COMPILED else _join_runs(text, toks, items)
            if got is not None:
                joined, pos, starts, ends = got
                return PText(joined, pos, starts, ends, [True] * len(items))
    b = PTextBuilder()
    for it in items:
        if type(it) is int:
            decode_text(text, toks[it], toks[it + 1], b)
        else:
            k = it.tok
            b.add_mapped("\n", toks[k], toks[k + 1])
    return b.build()


def _join_runs(text: str, toks, items: list) -> tuple[str, list[int], list[int], list[int]] | None:
    """``(joined, pos, starts, ends)`` of the text tokens *items*: their texts end to end, where each starts
    in it and in *text*; None where a token holds '&' (an entity) or two tokens touch (the builder merges
    them). The definition of readers/_runs.c's ``join``, which answers instead where it was built."""
    # (comprehensions: a method-wrapper mapped over the items packs a tuple of arguments per call)
    starts = [toks[k] for k in items]
    ends = [toks[k + 1] for k in items]
    parts = [text[a:z] for a, z in zip(starts, ends)]
    joined = "".join(parts)
    if "&" in joined or any(map(eq, ends, starts[1:])):
        return None
    pos = [0]
    pos += accumulate(map(len, parts[:-1]))
    return joined, pos, starts, ends


_runs = load(__package__, "_runs", os.path.dirname(__file__))
_join = _runs.join if _runs is not None else None
_items = None
if _runs is not None:
    from .html_tree import Node as _Node

    _runs.bind(_Node)
    _items = _runs.items
USE_COMPILED = True  # tests turn it off to compare the two


def strip_word(pt: PText) -> PText:
    """Remove Word's escaped conditional-comment markers (``<!--[if !supportLists]-->``) from text."""
    if "<!" not in pt.text:
        return pt
    parts = []
    last = 0
    for m in _WORD_CONDITIONAL.finditer(pt.text):
        parts.append(pt[last:m.start()])
        last = m.end()
    parts.append(pt[last:])
    return PText.join(parts)


def split_lines(pt: PText) -> list[PText]:
    """A block's text split at <br> line breaks, Word markers removed."""
    pt = strip_word(pt)
    t = pt.text
    p = pt._p
    if p is None or "\n" not in t:  # one line, or one literal piece (its line breaks are the page's own)
        return [pt] if t.strip() else []
    # A mapped line break is a <br>; a literal one is the page's own white space. The breaks are looked
    # for either at each line break (is it in a mapped piece?) or in each mapped piece (does it hold one?),
    # whichever are fewer: a block of furniture may hold thousands of literal line breaks (a wrapped page),
    # a paragraph of a generated page hundreds of entities and one line break.
    pos, _, _, lit = p
    mapped = len(lit) - sum(lit)
    cuts = []
    if not mapped:
        pass  # all literal: no <br>
    elif t.count("\n") <= mapped:
        i = t.find("\n")
        while i >= 0:
            if not lit[bisect_right(pos, i) - 1]:  # pt.is_literal_at(i)
                cuts.append(i)
            i = t.find("\n", i + 1)
    else:
        last = len(pos) - 1
        for k in compress(range(len(lit)), map(not_, lit)):
            a = pos[k]
            piece = t[a:pos[k + 1]] if k < last else t[a:]
            j = piece.find("\n")
            while j >= 0:
                cuts.append(a + j)
                j = piece.find("\n", j + 1)
    if not cuts:
        return [pt] if t.strip() else []
    out = []
    start = 0
    for i in cuts:
        out.append(pt[start:i])
        start = i + 1
    out.append(pt[start:])
    return [q for q in out if q.text.strip()]


def text_items(node, stop: frozenset, skip: frozenset) -> tuple[list | None, bool]:
    """The text tokens and <br> elements under *node* (a reader's tree node), in document order, and whether
    there is no <br>; elements whose tag is in *skip* (which holds "br") are left out, and ``(None, …)`` is
    given as soon as an element whose tag is in *stop* is met (its flag then says nothing).

    readers/_runs.c's ``items`` answers where it was built; :func:`_text_items` is the definition."""
    if _items is not None and USE_COMPILED:
        got = _items(node, stop, skip)
        if got is not NotImplemented:
            return got
    return _text_items(node, stop, skip)


def _text_items(node, stop: frozenset, skip: frozenset) -> tuple[list | None, bool]:
    """:func:`text_items` in Python.

    A cell's or a paragraph's text is a few tokens under one to three elements (``<p><span>12</span>
    <span><o:p></o:p></span></p>``), so per-element costs are most of it: three levels are walked by
    nested for loops (no iterator to push, no stack), anything deeper by a work list (_deep_items)."""
    out: list = []
    add = out.append
    plain = True
    for a in node.items:
        if type(a) is int:
            add(a)
            continue
        tag = a.tag
        if tag in skip:
            if tag == "br":
                add(a)
                plain = False
            continue
        if tag in stop:
            return None, plain
        for b in a.items:
            if type(b) is int:
                add(b)
                continue
            tag = b.tag
            if tag in skip:
                if tag == "br":
                    add(b)
                    plain = False
                continue
            if tag in stop:
                return None, plain
            for c in b.items:
                if type(c) is int:
                    add(c)
                    continue
                tag = c.tag
                if tag in skip:
                    if tag == "br":
                        add(c)
                        plain = False
                    continue
                if tag in stop:
                    return None, plain
                if c.items:
                    deep = _deep_items(c, add, stop, skip)
                    if deep is None:
                        return None, plain
                    plain = plain and deep
    return out, plain


def _deep_items(node, add, stop: frozenset, skip: frozenset) -> bool | None:
    """text_items below its third level: *add* each text token and <br>; whether there was no <br>, or
    None if an element in *stop* was met. A work list in reverse document order (the next item on top),
    not recursion: a page may nest elements thousands deep."""
    plain = True
    todo = node.items[::-1]
    pop = todo.pop
    while todo:
        it = pop()
        if type(it) is int:
            add(it)
            continue
        tag = it.tag
        if tag in skip:
            if tag == "br":
                add(it)
                plain = False
            continue
        if tag in stop:
            return None
        if it.items:
            todo += it.items[::-1]
    return plain
