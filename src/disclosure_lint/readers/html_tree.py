"""The HTML reader's tree: lxml parses a marked copy of the page, and the nodes keep our tokens.

Every start tag in the source is given a marker attribute (its token number) in a copy of the page that
lxml parses; a parser target records, for each marked element, its tag and the nearest marked element
around it.  One pass over the tokens then builds the nodes in source order and attributes each text token
to the node open where it stands in the source.  So the tree is lxml's and every character keeps its exact
source offset.
"""
from __future__ import annotations

from array import array

from ..i18n import _
from ..source import Span
from .html_tokens import COMMENT, END, START, TEXT, VOID_TAGS

__all__ = ["MARK", "CopyParser", "Node", "parse_tree"]

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
    """A parser target recording, for each marked element lxml opens, its mark, its tag and the place of
    the nearest marked element open around it (an implied element, such as a <tbody> the page does not
    write, has no mark and passes its parent on), so lxml builds no tree.  The callbacks do as little as
    they can (there is one per element): three appends.  What they found is then made compact, by C loops:
    marks and parents as machine integers, one lower-case string per distinct tag (a few bytes an element
    while the page is read, instead of a tuple and two strings)."""
    __slots__ = ("stack", "marks", "tags", "parents", "tops")

    def __init__(self) -> None:
        self.stack: list = [-1]
        self.marks: list[str] = []  # the mark (the start tag's token) of each marked element, in source order
        self.tags: list[str] = []  # its tag
        self.parents: list[int] = []  # the place (in these lists) of the marked element around it, or -1
        self.tops: list[int] = []  # where in the lists each top-level element starts

    def start(self, tag, attrib) -> None:
        stack = self.stack
        k = attrib.get(MARK)
        if len(stack) == 1:
            self.tops.append(len(self.tags))
        if k is None:
            stack.append(stack[-1])
        else:
            tags = self.tags
            stack.append(len(tags))
            tags.append(tag)
            self.marks.append(k)
            self.parents.append(stack[-2])

    def end(self, tag) -> None:
        self.stack.pop()

    def close(self) -> None:
        return None

    def elements(self) -> tuple:
        """What was found, as columns (marks, lower-case tags, parents) in source order; the lists go."""
        marks, tags, parents = self.marks, self.tags, self.parents
        self.marks, self.tags, self.parents = [], [], []
        if len(self.tops) > 1:
            # Only the first top-level element is lxml's tree root: what libxml2 puts after it (content
            # after </html>) is not in its tree.
            n = self.tops[1]
            del marks[n:], tags[n:], parents[n:]
        lowered = {t: t.lower() for t in set(tags)}
        return array("q", map(int, marks)), list(map(lowered.__getitem__, tags)), array("q", parents)


_NOTHING = (array("q"), [], array("q"))  # no elements (never changed)


def _build(text: str, starts: list, kinds: bytearray, names: list, weights: list, elements: tuple
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
    marks, tags, parents = elements
    marks = marks + array("q", [-1])  # a sentinel mark ends them
    i = 0
    nk = marks[0]
    tag_names = iter(names)
    new = object.__new__
    for k, kind in enumerate(kinds):
        if kind == TEXT:
            own.append(k)
            owner.w += weight()
        elif kind == START:
            name = next(tag_names)
            if k == nk:
                p = nodes[parents[i] + 1]
                # Node(tags[i], k, p), without a Python frame per element
                node = new(Node)
                node.tag = tags[i]
                node.tok = k
                node.items = []
                node.parent = p
                node.w = 0
                nodes.append(node)
                p.items.append(node)
                owner = p if name in VOID_TAGS else node
                own = owner.items
                i += 1
                nk = marks[i]
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


class CopyParser:
    """lxml's parser of the marked copy, fed a part at a time as the tokenizer makes it (its *flush*), so
    the copy never stands whole in memory, as a string or as bytes.  Fed in one part or in many, lxml finds
    the same elements (a test compares the two on real pages and on arbitrary markup cut anywhere)."""

    def __init__(self, problems: list) -> None:
        self.problems = problems
        self.pieces: list[str] = []  # the copy's pieces not yet fed
        self.target = _Structure()
        self.fed = False
        try:
            from lxml import etree
        except ImportError:  # pragma: no cover - lxml is a dependency
            self.parser = None
            return
        self.parser = etree.HTMLParser(target=self.target, recover=True, no_network=True, remove_comments=True,
                                       remove_pis=True, huge_tree=True, default_doctype=False, encoding="utf-8")

    def flush(self) -> None:
        """Feed the pieces so far, and let go of them."""
        part = "".join(self.pieces)
        self.pieces.clear()
        if not part or self.parser is None:
            return
        # Each start tag became its name and a marker; everything between stays as it is. lxml needs no
        # attributes to build the tree (we read them from our own tokens), and Word's style attributes
        # are most of a page's bytes: leaving them out makes the copy and the parse smaller.
        if any(c in part for c in _CONTROLS):  # str's own search: far faster than a character class
            part = part.translate(_CONTROL)  # libxml2 refuses NUL and other control characters
        try:
            self.parser.feed(part.encode("utf-8", "surrogatepass"))
            self.fed = True
        except Exception as exc:  # lxml raises various errors on pathological input
            self._failed(exc)

    def _failed(self, exc: Exception) -> None:
        self.problems.append(("DL002", _("the HTML could not be parsed into a tree ({error}); it is read as "
                                         "plain text", error=type(exc).__name__), Span(0, 0)))
        self.parser = None

    def elements(self) -> tuple:
        """Once the whole copy is fed: what lxml found (_Structure.elements), or nothing if it failed."""
        self.flush()
        parser, self.parser = self.parser, None
        if parser is None or not self.fed:  # nothing fed: an empty copy is no tree (and no error)
            return _NOTHING
        try:
            parser.close()
        except Exception as exc:
            self._failed(exc)
            return _NOTHING
        # The parser and its target can stay alive in a reference cycle until the cyclic collector runs
        # (paused during a lint): let go of what the target found now.
        found, self.target = self.target.elements(), None
        return found


def parse_tree(text: str, tokens: tuple, copy: CopyParser) -> tuple[Node, list[Node], list[int]]:
    """Let lxml finish parsing the marked copy (fed to *copy* by the tokenizer), then build the Nodes with
    text attributed."""
    return _build(text, *tokens, copy.elements())
