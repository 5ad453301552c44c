"""The HTML reader's tree: lxml parses a marked copy of the page, and the nodes keep our tokens.

Every start tag in the source is given a marker attribute (its token number) in a copy of the page that
lxml parses; a parser target records, for each marked element, its tag and the nearest marked element
around it.  One pass over the tokens then builds the nodes in source order and attributes each text token
to the node open where it stands in the source.  So the tree is lxml's and every character keeps its exact
source offset.
"""
from __future__ import annotations


from ..i18n import _
from ..source import Span
from .html_tokens import COMMENT, END, START, TEXT, VOID_TAGS

__all__ = ["MARK", "Node", "parse_tree"]

# The marker attribute of the copy lxml parses. The copy keeps none of the page's own attributes, so a
# one-letter name cannot clash, and keeps the copy, the parse and every lookup short.
MARK = "k"
_CONTROL = {c: " " for c in list(range(0, 9)) + [11, 12] + list(range(14, 32)) + [0x7f]}
_CONTROLS = tuple(map(chr, _CONTROL))


class Node:
    """An element of the page: its lower-case tag, its start tag's token, its items (child nodes and text
    tokens, in document order) and its parent."""
    __slots__ = ("tag", "tok", "items", "parent", "w", "below", "weight")

    def __init__(self, tag: str, tok: int, parent: "Node | None") -> None:
        self.tag = tag
        self.tok = tok
        self.items: list = []  # Node or token index (text)
        self.parent = parent
        self.w = 0  # non-space characters of the node's own text (content_root's weight)
        # below (the weights of its children) and weight are set by content_root


class _Structure:
    """A parser target recording, for each marked element lxml opens, its mark, its tag and the mark of the
    nearest marked element open around it (an implied element, such as a <tbody> the page does not write,
    has no mark and passes its parent on), so lxml builds no tree.  The callbacks do as little as they can:
    there is one per element."""
    __slots__ = ("stack", "found", "tops")

    def __init__(self) -> None:
        self.stack: list = [-1]
        self.found: list = []  # (mark, tag, parent's place in found or -1), in source order
        self.tops: list[int] = []  # where in found each top-level element starts

    def start(self, tag, attrib) -> None:
        stack = self.stack
        k = attrib.get(MARK)
        if len(stack) == 1:
            self.tops.append(len(self.found))
        if k is None:
            stack.append(stack[-1])
        else:
            found = self.found
            stack.append(len(found))
            found.append((k, tag, stack[-2]))

    def end(self, tag) -> None:
        self.stack.pop()

    def close(self) -> None:
        return None

    def elements(self) -> list:
        """What was found: (mark, tag, parent's place in the list or -1), in source order."""
        if len(self.tops) > 1:
            # Only the first top-level element is lxml's tree root: what libxml2 puts after it (content
            # after </html>) is not in its tree.
            return self.found[:self.tops[1]]
        return self.found


def _build(text: str, starts: list, kinds: bytearray, names: list, weights: list, elements: list
           ) -> tuple[Node, list[Node], list[int]]:
    """One pass in source order builds the nodes and attributes the text, so every node's items come out
    in document order (a parent's start tag always comes before its children's): text to the node open
    where it stands in the source, end tags closing the nearest open node of their name (start tags lxml
    dropped are passed over).  *starts*, *kinds* and *names* are the compact tokens (html_tokens.tokenize_compact),
    *weights* the text tokens' (html_split.text_weights).
    Returns the root, every node in the order made and the comments' tokens."""
    root = Node("#root", -1, None)
    nodes = [root]  # the node of element i is nodes[i + 1]
    comments: list[int] = []
    owner = root
    own = root.items
    weight = iter(weights).__next__
    found = iter(elements)
    nk, ntag, npi = next(found, ("-1", "", -1))
    nk = int(nk)
    tag_names = iter(names)
    lowered: dict[str, str] = {}  # one string per tag name
    for k, kind in enumerate(kinds):
        if kind == TEXT:
            own.append(k)
            owner.w += weight()
        elif kind == START:
            name = next(tag_names)
            if k == nk:
                p = nodes[npi + 1]
                low = lowered.get(ntag)
                if low is None:
                    low = lowered[ntag] = ntag.lower()
                node = Node(low, k, p)
                nodes.append(node)
                p.items.append(node)
                owner = p if name in VOID_TAGS else node
                own = owner.items
                nk, ntag, npi = next(found, ("-1", "", -1))
                nk = int(nk)
        elif kind == END:
            name = next(tag_names)
            n = owner
            while n is not None and n.tag != name:
                n = n.parent
            if n is not None and n is not root:
                owner = n.parent
                own = owner.items
        elif kind == COMMENT:
            comments.append(k)
    return root, nodes, comments


def parse_tree(text: str, tokens: tuple, pieces: list, problems: list) -> tuple[Node, list[Node], list[int]]:
    """Let lxml parse the marked copy (*pieces*, from the tokenizer), then build the Nodes with text attributed."""
    try:
        from lxml import etree
    except ImportError:  # pragma: no cover - lxml is a dependency
        etree = None
    elements: list = []
    if etree is not None:
        # Each start tag becomes its name and a marker; everything between stays as it is. lxml needs
        # no attributes to build the tree (we read them from our own tokens), and Word's style
        # attributes are most of a page's bytes: leaving them out makes the copy and the parse smaller.
        marked = "".join(pieces)
        pieces.clear()  # peak memory: never hold the pieces, the copy and its encoding at once
        if any(c in marked for c in _CONTROLS):  # str's own search: far faster than a character class
            marked = marked.translate(_CONTROL)  # libxml2 refuses NUL and other control characters
        data = marked.encode("utf-8", "surrogatepass")
        del marked
        target = _Structure()
        try:
            parser = etree.HTMLParser(target=target, recover=True, no_network=True, remove_comments=True,
                                      remove_pis=True, huge_tree=True, default_doctype=False, encoding="utf-8")
            etree.fromstring(data, parser)
            elements = target.elements()
        except Exception as exc:  # lxml raises various errors on pathological input
            problems.append(("DL002", _("the HTML could not be parsed into a tree ({error}); it is read as plain text",
                                        error=type(exc).__name__), Span(0, 0)))
        del data
        out = _build(text, *tokens, elements)
        # The parser and its target can stay alive in a reference cycle until the cyclic collector runs
        # (paused during a lint): let go of what the target found now.
        target.found = elements = []
        return out
    return _build(text, *tokens, elements)
