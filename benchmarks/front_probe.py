#!/usr/bin/env python3
"""Instructions of the HTML reader's front half, stage by stage, on the real pages and on run.py's corpus(12).

    python benchmarks/front_probe.py [--repeat N]     # needs valgrind; a few minutes

Stages (each the instructions of a fresh process doing it for every page, less the same process without):

* ``split``: html_split.tokenize_split, and the marked copy made from its tokens by html_tree.feed_copy and
  encoded as CopyParser encodes it (no lxml): the fallback's way (until html_split's own copy was removed,
  the split made the copy as it filed the tokens);
* ``lxml, no callbacks``: lxml's HTMLParser on the marked copies with a target that has no start or end:
  libxml2's own parse, the floor of any design that parses this copy;
* ``lxml, the reader's target``: the same with html_tree._Structure (one Python start and one end callback
  per element) and its elements();
* ``build``: html_tree._build_in_order on the tokens and elements (and the parent links cut, as
  _Reader._release does).

The inputs of ``build`` and the copies are made in another process and read from a pickle: libxml2 seeds
its hash tables at random, so a count that includes an lxml parse moves by about 1% from run to run (the
same code counted 551 M and 555 M).  The lxml stages are therefore counted ``--repeat`` times (mean and
spread printed); the others repeat exactly.

What the numbers said when this was written (real pages; split 259 M, lxml floor 57 M, the target 139 M, build
about 87 M; the whole front half about 520 M):

* lxml's price per callback is mostly its own (the GIL taken back, the tag made a str, the attributes a
  dict): a no-op start costs about 2,100 instructions, a no-op end 1,150; ``end = list.append`` (a C
  method) instead of a Python end saved nothing once the start had to pop the closed elements.
* Since readers/html_libxml2.py the reader runs only "split without the copy" and "tree by html_libxml2" on
  almost every page (the lxml stages only where it gave up); both are printed last.  When they
  were added: real pages, split without the copy 253 M, the emulated tree (nodes built) about 150 M, against
  split with the copy + lxml's target + build above.
* Since readers/html_onepass.py the reader runs only the last stage, "tokens and tree in one pass", on
  almost every page. When it was added (with runs of a start tag, its text and its end tag taken at once),
  one pass 338.2 M on the real pages against 258.4 M + 171.8 M for the two passes it replaced ("split
  without the copy" and the tree by html_libxml2's build_as_libxml2, since removed), and 324.5 M against
  262.8 M + 209.8 M on corpus(12).
* Letting lxml build its tree in C (no target) and reading tags and parents with C loops (iter, a tag
  getter, getparent, a dict of places) cost more than the callbacks (112 M + 36 M against 139 M).
* Marking only the start tags of the names libxml2 makes itself (html, head, body, p) saves about 11 M,
  but is not exact: where lxml reads the copy otherwise than the tokens (a marker swallowed by a bogus
  comment, a script's content then read as markup) an element lxml makes from the page's text can stand in
  for a lost start tag of the same name; with every start tag marked it is told apart.  Rejected.
* Leaving a <script>'s content out of the copy saved only about 2 M (libxml2 scans raw text quickly).
* The target's callbacks as closures over its lists (no ``self`` attribute loads) counted 2.6 M more, not
  less (the target stage, three counts each: 140.8 M as methods, 143.4 M as closures).
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from instructions import instructions_of, probe_ready, real_pages

ROOT = Path(__file__).resolve().parents[1]

_PREPARE = """import sys, pickle
sys.path.insert(0, {src!r}); sys.path.insert(0, {bench!r})
from pathlib import Path
from disclosure_lint.source import Source
from disclosure_lint.readers import html_tree as T
from disclosure_lint.readers.html_split import tokenize_split
if {which!r} == "real":
    texts = [Source.from_bytes(Path(p).read_bytes()).text for p in {pages!r}]
else:
    from run import corpus
    texts = [Source.from_bytes(d).text for d in corpus(12)]
out = []
for t in texts:
    tokens = tokenize_split(t)
    copy = T.CopyParser([])
    copy.flush = lambda: None  # the copy whole: fed to the parser below at once
    T.feed_copy(t, tokens[0], tokens[1], tokens[2], copy)
    data = "".join(copy.pieces).encode("utf-8", "surrogatepass")
    if any(c in data for c in T._CONTROL_CODES):
        data = data.translate(T._CONTROL_BYTES)
    copy = T.CopyParser([])
    copy.parser.feed(data)
    copy.parser.close()
    out.append((t, data, tokens[1], tokens[2], tokens[3], copy.target.elements(), tokens[0]))
pickle.dump(out, open({path!r}, "wb"))
"""

_PROBE = """import sys, pickle, gc
sys.path.insert(0, {src!r})
from lxml import etree
from disclosure_lint.readers import html_tree as T
from disclosure_lint.readers.html_split import tokenize_split
pages = pickle.load(open({path!r}, "rb"))
class Nothing:
    def close(self):
        return None
def parser(target):
    return etree.HTMLParser(target=target, recover=True, no_network=True, remove_comments=True,
                            remove_pis=True, huge_tree=True, default_doctype=False, encoding="utf-8")
class Copy:
    def __init__(self):
        self.pieces = []
    def flush(self):
        "".join(self.pieces).encode("utf-8", "surrogatepass")
        self.pieces.clear()
def split(page):
    tokens = tokenize_split(page[0])
    copy = Copy()
    T.feed_copy(page[0], tokens[0], tokens[1], tokens[2], copy)
    copy.flush()
def floor(page):
    p = parser(Nothing())
    p.feed(page[1])
    p.close()
def target(page):
    t = T._Structure()
    p = parser(t)
    p.feed(page[1])
    p.close()
    t.elements()
def build(page):
    root, nodes, comments = T._build_in_order(page[2], page[3], page[4], page[5])
    for n in nodes:
        n.parent = None
def bare_split(page):  # the reader's split since html_libxml2: no copy
    tokenize_split(page[0])
def one_pass(page):  # the reader's front half since html_onepass: tokens and tree in one pass
    from disclosure_lint.readers.html_onepass import read_in_one_pass
    starts, kinds, root, nodes, comments = read_in_one_pass(page[0])
    for n in nodes:
        n.parent = None
stage = {{"split": split, "floor": floor, "target": target, "build": build, "bare_split": bare_split,
          "one_pass": one_pass}}[{stage!r}]
gc.disable()
for page in pages:
    stage(page)
if {measure!r}:
    for page in pages:
        stage(page)
"""


def count(stage: str, path: str, measure: bool) -> int:
    return instructions_of(_PROBE.format(src=str(ROOT / "src"), path=path, stage=stage, measure=measure))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3, help="counts of each lxml stage (default 3)")
    args = ap.parse_args()
    if not probe_ready("front_probe"):
        return 0
    pages = real_pages()
    with tempfile.TemporaryDirectory() as tmp:
        for which in (["real"] if pages else []) + ["synth"]:
            path = str(Path(tmp) / f"{which}.pkl")
            subprocess.run([sys.executable, "-c", _PREPARE.format(src=str(ROOT / "src"), bench=str(ROOT / "benchmarks"),
                                                                  which=which, pages=pages, path=path)], check=True)
            row = []
            for stage, label in (("split", "split and its copy"), ("floor", "lxml, no callbacks"),
                                 ("target", "lxml, the reader's target"), ("build", "build"),
                                 ("bare_split", "split without the copy"),
                                 ("one_pass", "tokens and tree in one pass (html_onepass)")):
                runs = args.repeat if stage in ("floor", "target") else 1
                got = [count(stage, path, True) - count(stage, path, False) for _ in range(runs)]
                spread = f" (±{(max(got) - min(got)) / 2e6:.1f})" if runs > 1 else ""
                row.append(f"{label} {statistics.mean(got) / 1e6:.1f} M{spread}")
            print(f"front half on {which}: " + "; ".join(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
