"""readers/html_split.py as it was before its filing loop, pattern and weights were made cheaper (main
30bbdc4): the oracle tests/test_html_split.py compares the faster one with, token for token and piece for
piece of the marked copy.  Kept as it was; not used by the package."""
from __future__ import annotations

import re
from array import array
from itertools import chain, compress, repeat
from operator import sub

from disclosure_lint.readers.html_tokens import _CONTROL_IN_NAME, COMMENT, END, OTHER, START, TEXT, _find_close

_ATTRS = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+"""
_RAW_NAMES = "script|style|xmp|textarea|noscript|iframe|noembed|noframes"  # html_tokens.RAWTEXT_TAGS
# Groups: 1 the markup, 2 an end tag's name, 3 a raw-text element's name (the piece runs to its end tag),
# 4 a start tag's name.  Names and end tags compare ASCII letters only, as str.lower() does on them.  A start
# tag whose attributes stop at a quote that never closes still matches, ending before the quote (the split
# goes on from there, as html_tokens' pattern does: no '<' is tried again over the same attributes, so the
# split is linear); the page is then left to html_tokens.
_SPLIT = re.compile(
    r"(<(?:!--(?s:.*?)(?:-->|\Z)|[!?][^>]*+(?:>|\Z)|/([A-Za-z][^\s/>\x00]*+)[^>]*+>"
    r"|((?ai:" + _RAW_NAMES + r"))(?=[\s/>\x00])" + _ATTRS + r"(?:(?<!/)>(?s:.*?)(?=</(?ai:\3)|\Z)|(?=[\"']))"
    r"|([A-Za-z][^\s/>\x00]*+)" + _ATTRS + r"(?:>|(?=[\"']))))")
_START_TAG = re.compile(r"<[A-Za-z][^\s/>\x00]*+" + _ATTRS + r">")


def tokenize_split(text: str, marked: list | None = None, mark: str = "k", flush=None):
    """``(offsets, kinds, names)`` as html_tokens.tokenize_compact gives them (and the same marked copy
    appended to *marked*), and the text tokens' :func:`text_weights`; or None when the split cannot be sure
    to read the page as it does.  With *flush*, it is called whenever *marked* holds a few hundred pieces
    that end with a start tag's marker (never a raw-text element's), to take them (and clear the list):
    the copy then never stands whole in memory."""
    stop = text.rfind(">") + 1  # past the last '>' no markup can end: the rest is text
    weights: list[int] = []
    try:
        it = chain.from_iterable(_chunks(text, stop, weights))
        return _file(text, stop, it, weights, marked, mark, flush)
    except _Unsure:
        return None


class _Unsure(Exception):
    """The split cannot be sure to read the page as html_tokens does."""


_FLUSH_AT = 512  # pieces of the marked copy handed on at once (with *flush*)
# The copy is never cut right after these start tags (their content is raw or escapable text to lxml, even
# written as "<script/>"): lxml would be handed the start of their content on its own.
_NO_CUT_AFTER = frozenset(_RAW_NAMES.split("|")) | {"title", "plaintext"}
_CHUNK = 1 << 14  # characters split at once: the pieces of a chunk are about three times its size in memory


def _chunks(text: str, stop: int, weights: list):
    """The split's pieces of ``text[:stop]``, a chunk at a time, as one stream: a text piece, then five
    pieces per markup (the markup, its three name groups and the text after it); the last text piece is
    given as "" (the text after the last markup runs to the end of the text, past the split).  Each
    chunk is cut between two tags (``><``); its last markup, which the cut may have changed, and the text
    before it are split again with the next chunk.  The weights of the text pieces go to *weights*."""
    a = 0
    size = _CHUNK
    while True:
        b = text.find("><", a + size, stop) + 1 if stop - a > 2 * size else 0
        if b <= 0:
            pieces = _SPLIT.split(text[a:stop] if a or stop < len(text) else text)
            pieces[-1] = ""
        else:
            pieces = _SPLIT.split(text[a:b])
            if len(pieces) < 11:  # fewer than two markups: a longer chunk
                size *= 2
                continue
            del pieces[-6:]  # the last markup and the text on either side of it
            a += sum(map(len, pieces[::5])) + sum(map(len, pieces[1::5]))
            size = _CHUNK
        # No '<' and letter is left in the text: the chunk ends with '>', so a start tag's pattern always
        # matches (at its '>' or before a quote that never closes, which _file gives up on).
        texts = pieces[::5]
        weights.extend(_weights(list(compress(texts, texts))))
        yield pieces
        if b <= 0:
            return


def _file(text: str, stop: int, it, weights: list, marked: list | None, mark: str, flush=None):
    """File the stream of pieces (:func:`_chunks`) as tokens, in a Python loop over the markups."""
    n = len(text)
    offsets = array("q")  # machine integers: 8 bytes a token, not an int object and a pointer (40)
    add = offsets.append
    kinds = bytearray()
    kind_add = kinds.append
    names: list[str] = []
    add_name = names.append
    lowered: dict[str, str] = {}  # one string per tag name, not one per tag
    lower = lowered.get
    copy_add = marked.append if marked is not None else None
    pos = 0
    first = next(it, "")
    if first:
        add(0)
        kind_add(TEXT)
        pos = len(first)
    copied = 0  # the text up to here is in the marked copy
    # A start tag's name as filed, and the start of its marker in the copy, by the name as written.
    start_of: dict[str, tuple[str, str]] = {}

    def known_as(raw: str) -> tuple[str, str]:
        name = lowered.get(raw) or raw.lower()
        lowered[raw] = name
        # libxml2 refuses control characters, so the copy turns them into spaces: a name holding one keeps
        # the part before it (html_tokens does the same)
        bad = _CONTROL_IN_NAME.search(name)
        known = start_of[raw] = (name, f'<{name if bad is None else name[:bad.start()]} {mark}>')
        return known

    for piece, end_name, raw_name, start_name, after in zip(it, it, it, it, it):
        size = len(piece)
        if start_name is not None:
            if piece[-1] != ">":
                raise _Unsure  # a start tag that fails at a quote: html_tokens reads on from inside it
            known = start_of.get(start_name) or known_as(start_name)
            name = known[0]
            if copy_add is not None:
                copy_add(text[copied:pos])
                copy_add(known[1])
                copied = pos + size
                if flush is not None and len(marked) >= _FLUSH_AT and name not in _NO_CUT_AFTER:
                    flush()
            add(pos)
            kind_add(START)
            add_name(name)
        elif end_name is not None:
            name = lower(end_name)
            if name is None:
                name = lowered[end_name] = end_name.lower()
            add(pos)
            kind_add(END)
            add_name(name)
        elif raw_name is not None:
            m = _START_TAG.match(piece)
            if m is None:
                raise _Unsure  # a start tag that fails at a quote: html_tokens reads on from inside it
            tag_end = pos + m.end()
            if pos + size >= stop and _find_close(text, raw_name.lower(), tag_end) != pos + size:
                raise _Unsure  # its end tag is past the split: html_tokens reads on to it
            known = start_of.get(raw_name) or known_as(raw_name)
            if copy_add is not None:
                copy_add(text[copied:pos])
                copy_add(known[1])
                copied = tag_end  # the element's content follows its marker as it is
            add(pos)
            kind_add(START)
            add_name(known[0])
            if tag_end < pos + size:
                add(tag_end)
                kind_add(OTHER)
        elif piece[1] == "!" and piece.startswith("<!--"):
            add(pos)
            kind_add(COMMENT)
            if size < 7 or not piece.endswith("-->"):
                pos = n  # an unclosed comment runs to the end of the text
                weights = None  # the text pieces after it are not tokens
                break
        else:
            add(pos)
            kind_add(OTHER)
        pos += size
        if after:
            add(pos)
            kind_add(TEXT)
            pos += len(after)
    if pos < n:
        add(pos)
        kind_add(TEXT)
        if weights is not None:
            weights += _weights([text[pos:]])
    add(n)
    if copy_add is not None:
        copy_add(text[copied:])
    if weights is None:
        weights = text_weights(text, offsets, kinds)
    return offsets, kinds, names, weights


def _weights(texts: list) -> list:
    """Each text's characters other than space, newline and tab, by C loops (map) over all of them at once:
    three ``str.count`` calls per text token in a Python loop were a third of the reader's tree pass."""
    def count(ch):
        return map(str.count, texts, repeat(ch))
    return list(map(sub, map(sub, map(sub, map(len, texts), count(" ")), count("\n")), count("\t")))


def text_weights(text: str, offsets: list, kinds) -> list:
    """The weight of every text token in order (how much text the page's main element holds is counted in
    them): its characters other than space, newline and tab."""
    return _weights([text[s:e] for s, e, kind in zip(offsets, offsets[1:], kinds) if kind == TEXT])
