"""The HTML reader's tree stage (readers/html_tree.py) against the plain forms its shortcuts replace:

- the marked copy's control characters are found and replaced in its UTF-8 bytes, as the str's were
  (``str.translate`` then encode);
- ``_build_in_order`` (lxml's elements are the start tags in order) builds the tree ``_build`` built, node
  for node: tag, token, items in order, parent, own weight, and the comments;
- ``_Reader.content_root`` finds the element it found, with the same weights on every node;
- ``_Structure.elements`` lower-cases the tags as the per-tag mapping did, testing them all at once.
"""
from __future__ import annotations

from array import array
from pathlib import Path

from hypothesis import given, settings, strategies as st

from disclosure_lint.readers import html as H
from disclosure_lint.readers import html_tree as T
from disclosure_lint.readers.html_split import tokenize_split
from disclosure_lint.readers.html_tokens import COMMENT, END, START, TEXT, VOID_TAGS
from disclosure_lint.source import Source

from .conftest import FIXTURES, SHARED
from .test_html_copy_feed import _MORE

_CHARS = st.one_of(st.characters(max_codepoint=0x7f), st.characters(), st.sampled_from(["\ud800", "\udfff", "\x00",
                                                                                       "\x7f", "\x80", "\u0100"]))


def _old_copy_bytes(part: str) -> bytes:
    """CopyParser.flush as it was: the str searched for each control character and translated."""
    if any(c in part for c in T._CONTROLS):
        part = part.translate(T._CONTROL)
    return part.encode("utf-8", "surrogatepass")


def _new_copy_bytes(part: str) -> bytes:
    data = part.encode("utf-8", "surrogatepass")
    if any(c in data for c in T._CONTROL_CODES):
        data = data.translate(T._CONTROL_BYTES)
    return data


@settings(max_examples=500, deadline=None)
@given(st.text(_CHARS, max_size=60))
def test_control_characters_are_replaced_in_the_bytes_as_in_the_str(part):
    assert _new_copy_bytes(part) == _old_copy_bytes(part)


def test_every_control_character_and_its_neighbours():
    for i in list(range(0, 0x100)) + [0x100 + c for c in range(0x20)] + [0x4e00 + c for c in range(0x20)]:
        part = f"a{chr(i)}中"
        assert _new_copy_bytes(part) == _old_copy_bytes(part), hex(i)


def test_the_reader_feeds_the_copy_so():
    """CopyParser.flush replaces what the helper above does: a copy with a NUL gives lxml the bytes of the old way."""
    fed = []

    class Spy:
        def feed(self, data):
            fed.append(data)

    copy = T.CopyParser([])
    copy.parser = Spy()
    copy.pieces = ["<p k>a\x00b\x1f\u4e00\x7f\udc80", "</p>"]
    copy.flush()
    assert fed == [_old_copy_bytes("<p k>a\x00b\x1f\u4e00\x7f\udc80</p>")]


# -- the tree in order -------------------------------------------------------------------------------

def _old_build(text, starts, kinds, names, weights, elements, marks):
    """html_tree._build as it was (also for marks given): one pass, a ``next()`` per tag name."""
    Node = T.Node
    root = Node("#root", -1, None)
    nodes = [root]
    comments = []
    owner = root
    own = root.items
    weight = iter(weights).__next__
    tags, parents = elements
    ordinal = marks is None
    if not ordinal:
        marks = marks + array("q", [-1])
    i = 0
    nk = -1 if ordinal else marks[0]
    tag_names = iter(names)
    for k, kind in enumerate(kinds):
        if kind == TEXT:
            own.append(k)
            owner.w += weight()
        elif kind == START:
            name = next(tag_names)
            if ordinal or k == nk:
                p = nodes[parents[i] + 1]
                node = Node(tags[i], k, p)
                nodes.append(node)
                p.items.append(node)
                owner = p if name in VOID_TAGS else node
                own = owner.items
                i += 1
                if not ordinal:
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


def _flat(built):
    """Every node as (tag, tok, own weight, its parent's place, its items with nodes as places), and the
    comments: the whole tree, compared by value."""
    root, nodes, comments = built
    place = {id(n): i for i, n in enumerate(nodes)}
    assert len(place) == len(nodes) and nodes[0] is root
    return ([(n.tag, n.tok, n.w, None if n.parent is None else place[id(n.parent)],
              [it if type(it) is int else ("node", place[id(it)]) for it in n.items]) for n in nodes], comments)


def _compare_builds(text: str) -> bool:
    """The tree of both builds for *text*, when lxml's elements are its start tags in order."""
    tokens = tokenize_split(text)
    if tokens is None:
        return False
    copy = T.CopyParser([])
    T.feed_copy(text, tokens[0], tokens[1], tokens[2], copy)
    if not copy.finish():
        return False
    starts, kinds, names, weights = tokens
    tags, parents = copy.target.elements()
    start_names = [n for n, k in zip(names, [k for k in kinds if k in (START, END)]) if k == START]
    if tags != start_names:
        return False
    new = T._build_in_order(kinds, names, weights, (tags, parents))
    assert _flat(new) == _flat(_old_build(text, starts, kinds, names, weights, (tags, parents), None))
    assert _flat(new) == _flat(T._build(text, starts, kinds, names, weights, (tags, parents), None))
    return True


_TREE_PIECES = _MORE + ["<br>", "<img src=x>", "</span>", "</b>", "<a href=x>", "</a>", "<i>", "</td>", "</tr>",
                        "<hr/>", "</p>", "</div>", "<input>", "</o:p>"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.sampled_from(_TREE_PIECES), max_size=60))
def test_the_tree_in_order_on_generated_markup(pieces):
    _compare_builds("".join(pieces))


def _pages() -> list[str]:
    pages = sorted(FIXTURES.rglob("*.htm*")) + sorted((Path(__file__).parent.parent / "examples").glob("*.htm*"))
    if (SHARED / "corpus" / "real-html").is_dir():
        pages += sorted((SHARED / "corpus" / "real-html").glob("*.html"))
    return [Source.from_bytes(p.read_bytes()).text for p in pages]


def test_the_tree_in_order_on_every_page():
    built = [_compare_builds(text) for text in _pages()]
    assert sum(built) >= len(built) - 2  # nearly every page is read in order


def test_end_tags_that_close_an_outer_node_or_none():
    """The walk up (an end tag that is not the open node's) and an end tag that closes nothing."""
    for text in ("<div><p><b>x</div>y", "<p>a</q>b</p>c", "</p>x<p>y", "<ul><li>a<li>b</ul>c", "<br></br>x",
                 "<table><tr><td>a</tr>b</table>c", "<p><img>a</img>b"):
        assert _compare_builds(text), text


# -- the content root ------------------------------------------------------------------------------

def _old_content_root(self):
    """readers/html.py's content_root as it was (a node's children's weights summed in ``below``, its
    weight set apart), with the two per-node counters in dicts: the nodes no longer have those slots.
    Returns the node and each node's weight, in self.nodes' order."""
    nodes = self.nodes
    below = {id(n): 0 for n in nodes}
    weight = {}
    for k in range(len(nodes) - 1, 0, -1):
        n = nodes[k]
        tag = n.tag
        w = 0 if tag in H._SKIP_TAGS else (below[id(n)] if tag == "a" else n.w + below[id(n)])
        weight[id(n)] = w
        if w:
            below[id(n.parent)] += w
    root = self.root
    weight[id(root)] = root.w + below[id(root)]
    total = weight[id(root)]
    weights = [weight[id(n)] for n in nodes]
    best = self.root
    if total == 0:
        return best, weights
    node = self.root
    while True:
        nxt = None
        for it in node.items:
            if isinstance(it, H._Node) and weight[id(it)] >= 0.8 * total:
                nxt = it
                break
        if nxt is None or nxt.tag not in H._CONTAINERS:
            return node, weights
        if nxt.tag in ("table", "tbody", "thead", "tr"):
            cell = nxt
            while cell is not None and cell.tag not in ("td", "th"):
                cell = next((it for it in cell.items if isinstance(it, H._Node)
                             and weight[id(it)] >= 0.8 * total), None)
            if cell is None or not any(isinstance(it, H._Node) and it.tag in ("p", "div", "table", "h1", "h2", "h3")
                                       for it in cell.items):
                return node, weights
            nxt = cell
        node = nxt


def _compare_roots(text: str) -> None:
    """The content root and every node's weight (its ``w`` once content_root ran) as the old code found
    them, on another reader of the same text (the new code spends ``w``); asked twice, the same answer."""
    old, reader = H._Reader(Source(text)), H._Reader(Source(text))
    old_root, old_weights = _old_content_root(old)
    new = reader.content_root()
    assert [n.w for n in reader.nodes] == old_weights
    path = []  # the new root's place in its tree, as child indices from the root
    n = new
    while n.parent is not None:
        path.append(n.parent.items.index(n))
        n = n.parent
    m = old.root
    for i in reversed(path):
        m = m.items[i]
    assert m is old_root
    assert reader.content_root() is new


_ROOT_PIECES = _TREE_PIECES + ["<div>", "<div>", "本年新收申请", "<script>var x</script>", "<head>", "<a>链接</a>",
                               "<table>", "<tr>", "<td>", "<th>", "<tbody>", "<center>"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ROOT_PIECES), max_size=60))
def test_the_content_root_on_generated_markup(pieces):
    _compare_roots("".join(pieces))


def test_the_content_root_on_every_page():
    for text in _pages():
        _compare_roots(text)


def test_the_content_root_at_the_bounds():
    """A child with exactly 80% of the text is gone into, one with less is not; links, scripts weigh
    as before."""
    for text in ("<div><div>abcd<p>x</p></div>e</div>", "<div><div>abc<p>x</p></div>de</div>",
                 "<div><div><a>abcd</a><p>x</p></div>e</div>", "<body><div><script>abcdefgh</script>ab</div>c</body>",
                 "<table><tr><td><p>abcd</p><p>efgh</p></td></tr></table>ij"):
        _compare_roots(text)
        new, old = H._Reader(Source(text)).content_root(), _old_content_root(H._Reader(Source(text)))[0]
        assert (new.tag, new.tok) == (old.tag, old.tok)


# -- the tags lower-cased --------------------------------------------------------------------------

def _old_elements(tags, parents):
    lowered = {t: t.lower() for t in set(tags)}
    return list(map(lowered.__getitem__, tags)), array("q", parents)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(st.sampled_from("pPaAΣσςİiIıäÄßẞ:-1"), min_size=1, max_size=4), max_size=8))
def test_the_tags_are_lower_cased_as_one_by_one(tags):
    target = T._Structure()
    target.tags, target.parents, target.tops = list(tags), list(range(-1, len(tags) - 1)), [0]
    assert target.elements() == _old_elements(tags, range(-1, len(tags) - 1))


def test_lxml_names_with_capitals_are_lower_cased():
    for text in ("<P>a<DIV>b</DIV>", "<pÄ>x</pÄ>", "<aΣ>x", "<İ>x", "<p>x</p>"):
        copy = T.CopyParser([])
        copy.pieces = [text]
        assert copy.finish()
        raw = list(copy.target.tags)
        got = copy.target.elements()
        assert got == _old_elements(raw, list(got[1])), text
