"""The HTML tokens of html_tokens.tokenize_compact, found by one ``re.split`` (C) instead of a Python loop.

One pattern holds every kind of markup and splits the page in a single call: the list alternates text and
markup, and the groups name end tags, start tags and raw-text elements (script, style, …, whose content
is taken whole up to their end tag).  Offsets are the running sum of the pieces' lengths.  Python then
only files the pieces; the page is never scanned character by character in Python.

The page is split a chunk at a time (16K characters, cut between two tags), so that its pieces never
hold much more than a chunk in memory.  The split is exact where it is sure: wherever html_tokens would
read otherwise it gives up (returns None) and the caller uses tokenize_compact: a start tag whose quote
never closes (html_tokens reads on from inside it), a raw-text element whose end tag is past the last
'>'.  Property tests check the two agree token for token on arbitrary markup, split in chunks of any
size, and on real pages.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from itertools import accumulate, chain, compress, repeat
from struct import pack

from .html_tokens import COMMENT, END, OTHER, START, TEXT, _find_close
from ..source.re_cache import compile_re

__all__ = ["tokenize_split", "text_weights"]

# A start tag's attributes: runs of anything but '>' and quotes, each quoted value whole.  Written as one
# run then (a quoted value and a run) repeated, not as a repeated choice of the three: the same match,
# with a pass of the repeat per quoted value instead of per run and value.
_ATTRS = r"""[^>"']*+(?:(?:"[^"]*+"|'[^']*+')[^>"']*+)*+"""
_RAW_NAMES = "script|style|xmp|textarea|noscript|iframe|noembed|noframes"  # html_tokens.RAWTEXT_TAGS


def _either_case(names: list[str]) -> str:
    """The names as a pattern letter by letter, upper or lower case ([sS][cC]…, as (?ai:script) reads
    them), grouped by their first letter: every start tag passes these, and an alternative that opens
    with a character set is skipped at its first character (one that opens with a case-insensitive
    letter is entered); grouped, five alternatives instead of eight."""
    def letters(s: str) -> str:
        return "".join(f"[{c}{c.upper()}]" for c in s)
    by_first: dict[str, list[str]] = {}
    for name in names:
        by_first.setdefault(name[0], []).append(letters(name[1:]))
    return "|".join(letters(first) + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
                    for first, rests in by_first.items())


_RAW_NAME = _either_case(_RAW_NAMES.split("|"))
# A comment's text runs to its first '-->' or to the end of the text; a raw-text element's content to its
# first '</' and name (case-insensitive) or to the end.  Each is written as runs of characters that cannot
# begin the end, and the one that can, when the end does not follow: a lazy '.*?' with a lookahead tried
# the end at every character (a raw-text element's content cost as much as five times its size in tags).
_COMMENT_TEXT = r"(?s:[^-]*+(?:-(?!->)[^-]*+)*+)"
_RAW_CONTENT = r"[^<]*+(?:<(?!/(?ai:\3))[^<]*+)*+"
# Groups: 1 the markup, 2 an end tag's name, 3 a raw-text element's name (the piece runs to its end tag),
# 4 a start tag's name.  Names and end tags compare ASCII letters only, as str.lower() does on them.  A start
# tag whose attributes stop at a quote that never closes still matches, ending before the quote (the split
# goes on from there, as html_tokens' pattern does: no '<' is tried again over the same attributes, so the
# split is linear); the page is then left to html_tokens.
_SPLIT = compile_re(
    r"(<(?:!--" + _COMMENT_TEXT + r"(?:-->|\Z)|[!?][^>]*+(?:>|\Z)|/([A-Za-z][^\s/>\x00]*+)[^>]*+>"
    r"|(" + _RAW_NAME + r")(?=[\s/>\x00])" + _ATTRS + r"(?:(?<!/)>" + _RAW_CONTENT + r"|(?=[\"']))"
    r"|([A-Za-z][^\s/>\x00]*+)" + _ATTRS + r"(?:>|(?=[\"']))))")
_START_TAG = compile_re(r"<[A-Za-z][^\s/>\x00]*+" + _ATTRS + r">")
# The same, for html_onepass: a start tag followed by text and its own end tag, written "</name>" (a Word
# <span>, <a>, <p> or <o:p> and its text, a third of the tokens on real pages), is one match, the text inside
# its group 5; the rest as _SPLIT.  Where the end tag does not follow, the group matches nothing (the text
# is taken possessively: no backtracking), and the start tag is the match.
_SPLIT_RUNS = compile_re(
    r"(<(?:!--" + _COMMENT_TEXT + r"(?:-->|\Z)|[!?][^>]*+(?:>|\Z)|/([A-Za-z][^\s/>\x00]*+)[^>]*+>"
    r"|(" + _RAW_NAME + r")(?=[\s/>\x00])" + _ATTRS + r"(?:(?<!/)>" + _RAW_CONTENT + r"|(?=[\"']))"
    r"|([A-Za-z][^\s/>\x00]*+)" + _ATTRS + r"(?:>(?:([^<]*+)</(?ai:\4)>)?|(?=[\"']))))")


def tokenize_split(text: str):
    """``(offsets, kinds, names)`` as html_tokens.tokenize_compact gives them, and the text tokens'
    :func:`text_weights`; or None when the split cannot be sure to read the page as it does.  (The reader
    takes it only where html_onepass is not sure of a page; lxml's copy is then made from these tokens by
    html_tree.feed_copy.)"""
    stop = text.rfind(">") + 1  # past the last '>' no markup can end: the rest is text
    weights: list[int] = []
    try:
        return _file(text, stop, _chunks(text, stop, weights), weights)
    except _Unsure:
        return None


class _Unsure(Exception):
    """The split cannot be sure to read the page as html_tokens does."""


_CHUNK = 1 << 14  # characters split at once: the pieces of a chunk are about three times its size in memory


def _chunks(text: str, stop: int, weights: list, seen: list | None = None, split=_SPLIT.split, width: int = 5):
    """The split's pieces of ``text[:stop]``, a chunk at a time, as one stream: a text piece, then five
    pieces per markup (the markup, its three name groups and the text after it), a chunk's last markup
    without the text after it, which opens the next chunk; the last text piece is given as "" (the text
    after the last markup runs to the end of the text, past the split).  Each chunk is cut between two
    tags (``><``); its last markup, which the cut may have changed, and the text before it are split
    again with the next chunk.  The weights of the text pieces go to *weights* (and "angle" to *seen*, if given,
when one of them holds a '<').  With each chunk's pieces
    come the offsets of the last '"' and the last "'" of the text it was split from (-1 if none; see
    :func:`_start_ends_at`).  With ``_SPLIT_RUNS.split`` and *width* 6, six pieces per markup (the text
    inside a start tag, text and end tag matched as one comes before the text after it)."""
    a = 0
    size = _CHUNK
    while True:
        b = text.find("><", a + size, stop) + 1 if stop - a > 2 * size else 0
        start = a
        if b <= 0:
            pieces = split(text[a:stop] if a or stop < len(text) else text)
            pieces[-1] = ""
        else:
            pieces = split(text[a:b])
            if len(pieces) < 2 * width + 1:  # fewer than two markups: a longer chunk
                size *= 2
                continue
            # The last markup and the text on either side of it are split again: the next chunk starts
            # where they do, at the chunk's end less their lengths (the pieces cover the chunk).
            a = b - len(pieces[-width - 1]) - len(pieces[-width]) - len(pieces[-1])
            del pieces[-width - 1:]
            size = _CHUNK
        # No '<' and letter is left in the text: the chunk ends with '>', so a start tag's pattern always
        # matches (at its '>' or before a quote that never closes, which _file gives up on).
        # The text pieces in the order of their tokens (a markup's inner text before the text after it).
        texts = pieces[::5] if width == 5 else list(chain.from_iterable(zip(pieces[::6], pieces[5::6])))
        weights.extend(_weights(list(compress(texts, texts)), seen))
        end = b if b > 0 else stop  # of the text split
        yield pieces, (text.rfind('"', start, end), text.rfind("'", start, end))
        if b <= 0:
            return


def _file(text: str, stop: int, chunks, weights: list):
    """File the pieces of each chunk (:func:`_chunks`) as tokens, in a Python loop over its markups.

    A fifth cheaper than it was (in instructions; tests/html_split_oracle.py keeps it): the loop runs
    over the chunk's own list (``zip`` of one list iterator, not of a chained stream); offsets go to a
    list, moved into the array once a chunk, packed (``array.append`` costs four times ``list.append``
    and ``pack``)."""
    n = len(text)
    offsets = array("q")  # machine integers: 8 bytes a token, not an int object and a pointer (40)
    chunk_offsets: list[int] = []  # the chunk's, moved into *offsets* at its end
    add = chunk_offsets.append
    kinds = bytearray()
    kind_add = kinds.append
    names: list[str] = []
    add_name = names.append
    lowered: dict[str, str] = {}  # one string per tag name, not one per tag
    lower = lowered.get

    pos = 0
    unclosed = False  # the page ends in a comment that does not close
    for pieces, quotes in chunks:
        kinds_before = len(kinds)
        first = pieces[0]
        if first:  # the text after the last chunk's last markup
            add(pos)
            kind_add(TEXT)
            pos += len(first)
        if len(pieces) % 5 == 0:
            pieces.append("")  # the chunk's last markup: the text after it opens the next chunk
        it = iter(pieces)
        next(it)
        for piece, end_name, raw_name, start_name, after in zip(it, it, it, it, it):
            if start_name is not None:  # (one that fails at a quote is found after the loop)
                name = lower(start_name)
                if name is None:
                    name = lowered[start_name] = start_name.lower()
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
                tag_end = m.end()
                end = pos + len(piece)
                if end >= stop and _find_close(text, raw_name.lower(), pos + tag_end) != end:
                    raise _Unsure  # its end tag is past the split: html_tokens reads on to it
                name = lower(raw_name)
                if name is None:
                    name = lowered[raw_name] = raw_name.lower()
                add(pos)
                kind_add(START)
                add_name(name)
                if tag_end < len(piece):
                    add(pos + tag_end)
                    kind_add(OTHER)
            else:
                add(pos)
                if piece[1] == "!" and piece.startswith("<!--"):
                    kind_add(COMMENT)
                    # not closed: the page's last markup, run to the end of the split, takes the rest
                    unclosed = len(piece) < 7 or not piece.endswith("-->")
                else:
                    kind_add(OTHER)
            pos += len(piece)
            if after:
                add(pos)
                kind_add(TEXT)
                pos += len(after)
        for q in quotes:
            if q > 0 and text[q - 1] != ">" and _start_ends_at(q, pos, chunk_offsets, kinds, kinds_before):
                raise _Unsure  # a start tag that fails at a quote: html_tokens reads on from inside it
        # packed at once: array.fromlist converts each int through PyArg_Parse, twice the cost of pack
        offsets.frombytes(pack(f"{len(chunk_offsets)}q", *chunk_offsets))
        chunk_offsets.clear()
    if pos < n and not unclosed:
        offsets.append(pos)
        kind_add(TEXT)
        weights += _weights([text[pos:]])
    offsets.append(n)
    if unclosed:
        weights = text_weights(text, offsets, kinds)
    return offsets, kinds, names, weights


def _start_ends_at(q: int, pos: int, chunk_offsets: list, kinds: bytearray, kinds_before: int) -> bool:
    """Whether a start tag's token ends at offset *q* (the chunk's tokens start at *chunk_offsets*, their
    kinds from *kinds_before* on; the chunk ends at *pos*, where the next one's first token starts).

    A start tag's pattern fails at a quote (its piece ending before it, not with '>') only where its
    attributes cannot take that quote's value whole: where no other quote of that kind follows in the
    text split.  So only the last '"' and the last "'" of the text a chunk was split from can end such a
    start tag, and the chunk's tokens say whether one does (a token at *q* after a start tag's, while
    the character before *q* is not '>'): not a test of every start tag's last character."""
    i = bisect_left(chunk_offsets, q)
    if i < len(chunk_offsets) and chunk_offsets[i] == q:
        before = i - 1
    elif q == pos:
        before = len(chunk_offsets) - 1
    else:
        return False
    return before >= 0 and kinds[kinds_before + before] == START


def _weights(texts: list, seen: list | None = None) -> list:
    """Each text's characters other than space, newline and tab, by C loops (map) over all of them at once:
    three ``str.count`` calls per text token in a Python loop were a third of the reader's tree pass.  A
    text is stripped of them (most texts between tags are only that, or have none inside); the few that
    remain inside a text are found in all the stripped texts joined, and taken off the text they fall in
    (three ``str.count`` maps cost four times as much: count parses its arguments as a tuple, and a text
    of Chinese converts each one-character needle to its own width first)."""
    kept = list(map(str.strip, texts, repeat(" \n\t")))
    weights = list(map(len, kept))
    inner = "".join(kept)
    if seen is not None and "<" in inner:  # (strip takes no '<' off)
        seen.append("angle")
    if " " in inner or "\n" in inner or "\t" in inner:  # rare: a space inside a text
        ends = list(accumulate(weights))  # where each stripped text ends in *inner*
        for ch in " \n\t":
            i = inner.find(ch)
            while i >= 0:
                weights[bisect_right(ends, i)] -= 1
                i = inner.find(ch, i + 1)
    return weights


def text_weights(text: str, offsets: list, kinds) -> list:
    """The weight of every text token in order (how much text the page's main element holds is counted in
    them): its characters other than space, newline and tab."""
    return _weights([text[s:e] for s, e, kind in zip(offsets, offsets[1:], kinds) if kind == TEXT])
