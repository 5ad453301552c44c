"""A linear, position-keeping HTML tokenizer.

lxml builds the tree but reports only line numbers, so the offsets come from
here: every start tag, end tag, text run and comment is a token with its exact
``[start, end)`` in the decoded source.  The scan is a loop over ``str.find``
and anchored regular expressions with possessive quantifiers: no input makes it
backtrack.
"""
from __future__ import annotations

import sys as _sys

from ..source.re_cache import compile_re

__all__ = ["tokenize", "tokenize_compact", "TEXT", "START", "END", "COMMENT", "OTHER", "RAWTEXT_TAGS", "VOID_TAGS"]

TEXT, START, END, COMMENT, OTHER = range(5)

RAWTEXT_TAGS = frozenset({"script", "style", "xmp", "textarea", "noscript", "iframe", "noembed", "noframes"})
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                       "source", "track", "wbr", "basefont", "frame", "keygen", "spacer"})

if _sys.version_info >= (3, 11):  # the standard library's engine has possessive quantifiers, and is faster
    _re_or_regex = compile_re  # re.compile, from the shipped cache when it can
else:  # pragma: no cover - Python 3.10
    import regex

    _re_or_regex = regex.compile

# White space as the third-party regex module's \s (Unicode White_Space), which a start tag's attributes
# were first read with: the standard library's \s also takes U+001C..U+001F (a test compares the two).
_WS = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000"
_START = _re_or_regex(rf"""<([A-Za-z][^{_WS}/>\x00]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)>""")
_ATTR = _re_or_regex(rf"""([^{_WS}"'>/=]++)(?:[{_WS}]*+=[{_WS}]*+("[^"]*+"|'[^']*+'|[^{_WS}>]++))?""")


# Every piece of markup, one alternative per kind, each as the dispatch on the character after '<' used to
# read it: a comment (to its end or the text's), a declaration or processing instruction, an end tag
# (group 1), a start tag (groups 2, 3: name and attributes, as _START; group 4 its '>').  Possessive
# quantifiers: no input makes it backtrack.  The standard library's engine has them from Python 3.11 and is
# faster.  A start tag whose attributes stop at a quote that never closes is not a tag; the pattern still
# matches it, ending before that quote (no group 4), so that the tokenizer can take over from there (see
# _StartTags) instead of the engine trying again from every later '<' over the same attributes.
_MARKUP_PATTERN = (r"<(?:!--(?s:.*?)(?:-->|\Z)|[!?][^>]*+(?:>|\Z)|/([A-Za-z][^\s/>\x00]*+)[^>]*+>"
                   r"""|([A-Za-z][^\s/>\x00]*+)((?:[^>"']++|"[^"]*+"|'[^']*+')*+)(?:(>)|(?=["'])))""")
# The same markup with a start tag's first letter only (group 2): the tokenizer finds the tag's end.
_CAREFUL_PATTERN = (r"<(?:!--(?s:.*?)(?:-->|\Z)|[!?][^>]*+(?:>|\Z)|/([A-Za-z][^\s/>\x00]*+)[^>]*+>"
                    r"|([A-Za-z]))")
_MARKUP = _re_or_regex(_MARKUP_PATTERN)
_CAREFUL = _re_or_regex(_CAREFUL_PATTERN)
_NAME_END = _re_or_regex(r"[\s/>\x00]")
_CONTROL_IN_NAME = compile_re("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # what the marked copy blanks out
_EVENT = compile_re(r"[>\"']")


class _StartTags:
    """Where start tags end, as _MARKUP reads them, in time linear in the text however many fail.

    After a tag's name the attributes are read outside quotes: at '>' the tag ends; a quote is skipped to
    its closing quote; a quote that never closes (it can only be the last of its kind) fails the tag.
    Two readings that open a quote at the same place end the same way, and every '<' inside one name
    has the same name end: both are remembered, so no character is read twice by failing tags."""

    def __init__(self, text: str, stop: int) -> None:
        self.text, self.stop = text, stop
        self.opened: dict[int, int] = {}  # a quote opened here: where the tag ends (-1: it fails)
        self.name_from = self.name_to = -1  # a name run already read: no name ends inside it
        self.plain_from = self.plain_to = -1  # a run of attributes already read: no '>' or quote inside it

    def name_end(self, lt: int) -> int:
        if self.name_from <= lt < self.name_to:
            return self.name_to
        m = _NAME_END.search(self.text, lt + 1, self.stop)
        self.name_from, self.name_to = lt, m.start() if m else self.stop
        return self.name_to

    def end(self, lt: int) -> int:
        """End of the start tag at *lt* ('<' and a letter), or -1 if it is not one."""
        text, stop, opened = self.text, self.stop, self.opened
        p = self.name_end(lt)
        if self.plain_from <= p <= self.plain_to:
            x = self.plain_to
        else:
            m = _EVENT.search(text, p, stop)
            x = m.start() if m else -1
            self.plain_from, self.plain_to = p, x
        seen = []
        result = -1
        while x >= 0:
            q = text[x]
            if q == ">":
                result = x + 1
                break
            known = opened.get(x)
            if known is not None:
                result = known
                break
            seen.append(x)
            y = text.find(q, x + 1, stop)
            if y < 0:
                break  # a quote that never closes
            m = _EVENT.search(text, y + 1, stop)
            x = m.start() if m else -1
        for x in seen:
            opened[x] = result
        return result


def tokenize(text: str, marked: list | None = None, mark: str = "k") -> list[tuple[int, int, int, str]]:
    """Tokens ``(kind, start, end, name)``; ``name`` is the lower-case tag name for tags, '' otherwise.

    Text tokens never include markup.  The content of raw-text elements (script,
    style, …) becomes an OTHER token: it is not report content.  A '<' that starts
    no markup is text.  The markup is found by one compiled pattern (C); Python
    only files the matches.

    Given a list *marked*, the same pass fills it with the pieces of a copy of the text in which every
    start tag is replaced by its name and a marker attribute without a value, ``<name mark>``: the
    elements lxml makes from the copy with the marker are those of the start tags, in order.

    The reader uses :func:`tokenize_compact`, the same tokens held compactly; this is its readable form.
    """
    starts, kinds, names = tokenize_compact(text, marked, mark)
    out = []
    tag_names = iter(names)
    for k, kind in enumerate(kinds):
        out.append((kind, starts[k], starts[k + 1], next(tag_names) if kind == START or kind == END else ""))
    return out


def tokenize_compact(text: str, marked: list | None = None, mark: str = "k") -> tuple[list, bytearray, list]:
    """The tokens of :func:`tokenize`, compactly: ``offsets[k]`` is where token k starts (tokens tile the
    text, so a token ends where the next starts; a last entry ``len(text)`` ends the last), ``kinds[k]``
    its kind, and ``names`` holds the lower-case name of every start and end tag, in order.  About 40
    bytes a token (the start is the integer the match gave) instead of a tuple and two integers (about
    130): a page's tokens were 3.6× its size."""
    controls = marked is not None and _CONTROL_IN_NAME.search(text) is not None
    offsets: list[int] = []  # where each token starts
    add = offsets.append
    kinds = bytearray()
    kind_add = kinds.append
    names: list[str] = []
    add_name = names.append
    n = len(text)
    pos = 0  # everything before pos is tokenized
    scan = 0  # the search for markup goes on from here (past pos after a '<' that is text)
    startswith = text.startswith
    pattern = _MARKUP
    starts = None  # _StartTags, from the first start tag that fails
    # No tag, end tag or declaration can end after the last '>': past it every '<' is text. Without
    # this, a page that ends in thousands of unclosed "<a " retries a scan to the end at each of them.
    stop = text.rfind(">") + 1
    restart = True
    mprev = 0  # the text up to here is in the marked copy
    # One string per tag name, not one per tag: a page has thousands of tags and a few dozen names.
    lowered: dict[str, str] = {}
    lower = lowered.get
    while restart:
        restart = False
        for m in pattern.finditer(text, scan, stop):
            lt, end = m.span()
            k = m.lastindex
            if k is None:
                if lt > pos:
                    add(pos)
                    kind_add(TEXT)
                if startswith("<!--", lt):
                    if end - lt < 7 or not startswith("-->", end - 3):
                        end = n  # an unclosed comment runs to the end of the text
                    add(lt)
                    kind_add(COMMENT)
                else:
                    add(lt)
                    kind_add(OTHER)
            elif k == 1:
                if lt > pos:
                    add(pos)
                    kind_add(TEXT)
                raw = m.group(1)
                name = lower(raw)
                if name is None:
                    name = lowered[raw] = raw.lower()
                add(lt)
                kind_add(END)
                add_name(name)
            else:
                if k == 4:
                    raw = m.group(2)
                    name = lower(raw)
                    if name is None:
                        name = lowered[raw] = raw.lower()
                else:  # a start tag that fails here, or any start tag once one has failed
                    if starts is None:
                        starts = _StartTags(text, stop)
                        pattern = _CAREFUL
                    end = starts.end(lt)
                    restart = True
                    if end < 0:  # not a tag: the '<' is text, the search goes on after it
                        scan = lt + 1
                        break
                    raw = text[lt + 1:starts.name_end(lt)]
                    name = lower(raw)
                    if name is None:
                        name = lowered[raw] = raw.lower()
                if lt > pos:
                    add(pos)
                    kind_add(TEXT)
                if marked is not None:
                    marked.append(text[mprev:lt])
                    # libxml2 refuses control characters, so the copy turns them into spaces: a name holding
                    # one would turn the rest of it into attributes of the copy, ours displaced. The copy
                    # keeps the name up to the first one, which is the element libxml2 would make anyway.
                    bad = _CONTROL_IN_NAME.search(name) if controls else None
                    marked.append(f'<{name if bad is None else name[:bad.start()]} {mark}>')
                    mprev = end
                add(lt)
                kind_add(START)
                add_name(name)
                if name in RAWTEXT_TAGS and not startswith("/>", end - 2):
                    close = _find_close(text, name, end)
                    if close > end:
                        add(end)
                        kind_add(OTHER)
                    # Markup inside the element is not markup: search again from its end tag (a match
                    # begun inside it could run past that end tag).
                    pos = scan = close
                    restart = True
                    break
                if restart:  # the careful pattern matched the tag's first letter only
                    pos = scan = end
                    break
            pos = scan = end
    if pos < n:
        add(pos)
        kind_add(TEXT)
    add(n)
    if marked is not None:
        marked.append(text[mprev:])
    return offsets, kinds, names


def _find_close(text: str, name: str, start: int) -> int:
    """Offset of ``</name`` after *start* (case-insensitive), or the end of the text."""
    lower_needle = "</" + name
    i = start
    n = len(text)
    while True:
        j = text.find("</", i)
        if j < 0:
            return n
        if text[j:j + len(lower_needle)].lower() == lower_needle:
            return j
        i = j + 2


def attributes(tag_source: str) -> dict[str, str]:
    """Attributes of a start tag given its source text (values unescaped lightly)."""
    import html

    m = _START.match(tag_source)
    if not m:
        return {}
    out: dict[str, str] = {}
    for a in _ATTR.finditer(m.group(2)):
        name = a.group(1).lower()
        val = a.group(2) or ""
        if val[:1] in "\"'":
            val = val[1:-1]
        out.setdefault(name, html.unescape(val) if "&" in val else val)
    return out
