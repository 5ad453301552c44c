"""Mutated real pages through every output format: no exception, well-formed output, sane spans.

Real pages (``tests/fixtures/real/``, plus ``../shared/corpus`` when present) are mutated the ways
crawls and servers break them: byte flips, insertions (including control characters and terminal
escape sequences), truncations at tag boundaries, swapped encodings, NUL bytes and duplicated
tables. Each mutant is linted and rendered in every format; JSON and SARIF must parse, JUnit must
be well-formed XML, terminal formats must hold no raw control character, and every span must lie
in the text with positions that agree with it.

``DLINT_FUZZ=heavy`` runs many more mutants per page (a local run; CI uses the light profile).
"""
from __future__ import annotations

import io
import json
import os
import random
import re
import xml.dom.minidom

import pytest

from disclosure_lint.engine.lint import lint_document
from disclosure_lint.engine.options import Options
from disclosure_lint.output import FORMATS, render
from disclosure_lint.document.parse import parse_bytes
from disclosure_lint.engine.results import resolve_positions

from .conftest import FIXTURES, shared_files

HEAVY = os.environ.get("DLINT_FUZZ") == "heavy"
PER_PAGE = 120 if HEAVY else 6
REAL = sorted((FIXTURES / "real").glob("*.html")) + sorted((FIXTURES / "real").glob("*.txt"))
PAGES = REAL + (shared_files("corpus/real-html/*.html", "corpus/real/*") if HEAVY else [])

NASTY = [b"\x1b]0;PWNED\x07", b"\x1b[2J\x1b[31m", b"\x00", b"\x9b31m", b"\xc2\x9b", b"\xed\xa0\x80",
         b"\xef\xbf\xbf", b"\xf4\x90\x80\x80", b"\x0c\x0b\x08", "\u202e\u2066".encode(), b"<td rowspan=99999>",
         b"<table><tr><td>", b"</table>", b"&#0;&#xd800;&#x1b;", b"]]>", b"%0A::error::x", b"\r", b"\xff\xfe"]


def _tag_boundaries(data: bytes) -> list[int]:
    return [m.start() for m in re.finditer(rb"<", data)] or [len(data) // 2]


def mutate(data: bytes, rng: random.Random) -> tuple[str, bytes]:
    kind = rng.choice(["flip", "insert", "truncate", "encoding", "nul", "duplicate", "mixed"])
    b = bytearray(data)
    if kind == "flip":
        for _ in range(rng.randint(1, 50)):
            i = rng.randrange(len(b))
            b[i] ^= 1 << rng.randrange(8)
    elif kind == "insert":
        for _ in range(rng.randint(1, 10)):
            i = rng.randrange(len(b) + 1)
            b[i:i] = rng.choice(NASTY + [bytes(rng.randrange(256) for _ in range(rng.randint(1, 8)))])
    elif kind == "truncate":
        cut = rng.choice(_tag_boundaries(data))
        b = b[:cut + rng.choice([0, 1, 2])]
    elif kind == "encoding":
        text = data.decode("utf-8", "replace")
        enc = rng.choice(["gb18030", "big5", "utf-16-le", "utf-16-be", "latin-1", "shift_jis"])
        b = bytearray(text.encode(enc, "replace"))
    elif kind == "nul":
        for _ in range(rng.randint(1, 200)):
            i = rng.randrange(len(b) + 1)
            b[i:i] = b"\x00"
    elif kind == "duplicate":
        tables = [m.span() for m in re.finditer(rb"(?is)<table.*?</table>", data)]
        if tables:
            s, e = rng.choice(tables)
            b[e:e] = data[s:e] * rng.randint(1, 3)
        else:  # text: duplicate a run of lines
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            lines[i:i] = lines[i:i + 5]
            b = bytearray(b"\n".join(lines))
    else:
        _, m1 = mutate(data, rng)
        return mutate(m1, rng)[0] + "+", mutate(m1, rng)[1]
    return kind, bytes(b)


TERMINAL = ("full", "concise", "github")
_RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def check_outputs(data: bytes, name: str) -> None:
    doc = parse_bytes(data, name)
    diags = lint_document(doc, Options())
    text = doc.source.text
    for d in diags:
        assert 0 <= d.span.start <= d.span.end <= len(text), d
        assert d.text == text[d.span.start:d.span.end]
        for r in d.related:
            assert 0 <= r.span.start <= r.span.end <= len(text), r
    res = resolve_positions(name, doc.source, diags)
    for fmt in FORMATS:
        out = io.StringIO()
        render(fmt, [res], out, color=False)
        s = out.getvalue()
        if fmt in TERMINAL:
            assert not _RAW_CONTROL.search(s), (fmt, _RAW_CONTROL.search(s))
        elif fmt in ("json", "sarif"):
            parsed = json.loads(s)
            s.encode("utf-8")  # no lone surrogates
            if fmt == "json":
                assert len(parsed) == len(diags)
                for item, d in zip(parsed, diags):
                    line, col = doc.source.line_col(d.span.start)
                    assert (item["start"]["line"], item["start"]["column"], item["start"]["offset"]) == \
                        (line, col, d.span.start)
        elif fmt == "junit":
            xml.dom.minidom.parseString(s.encode("utf-8"))


CASES = [(p, i) for p in PAGES for i in range(PER_PAGE)]


@pytest.mark.parametrize("path,i", CASES, ids=lambda x: getattr(x, "name", str(x)))
def test_mutated_page_renders_in_every_format(path, i):
    data = path.read_bytes()
    rng = random.Random(f"{path.name}-{i}")
    kind, mutant = mutate(data, rng)
    check_outputs(mutant, f"mutant-{kind}-{path.name}")


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_unmutated_real_page_renders_in_every_format(path):
    check_outputs(path.read_bytes(), path.name)


def test_every_control_character_through_every_format():
    """Every C0 and C1 control, DEL, ESC/CSI/OSC sequences and bidi overrides in a heading, a
    table cell and a file name: every format stays well-formed and terminals see no raw control."""
    controls = "".join(chr(c) for c in list(range(0x00, 0x20)) + [0x7F] + list(range(0x80, 0xA0)))
    seqs = "\x1b]0;PWNED\x07 \x1b[2J \x1b[31mred\x1b[0m \x9b31m \u202e\u2066 \ud800"
    html = (f"<h1>某局2021年政府信息公开工作年度报告{controls}{seqs}</h1><p>一、总体情况{seqs}</p>"
            f"<table><tr><td>一、本年新收政府信息公开申请数量{controls}</td><td>1{seqs}</td><td>x</td></tr></table>"
            f"<p>二、{controls}2022年4月{seqs}日</p>")
    data = html.encode("utf-8", "surrogatepass")
    check_outputs(data, "report\udcff\x1b[31m.html")
    doc = parse_bytes(data, "report\udcff\x1b]0;x\x07.html")
    res = resolve_positions(doc.path, doc.source, lint_document(doc, Options()))
    assert res.diagnostics
    for fmt in TERMINAL:
        out = io.StringIO()
        render(fmt, [res], out, color=False)
        assert "\x1b" not in out.getvalue() and "\\x1b" in out.getvalue()
        assert "\\xff" in out.getvalue()  # the undecodable byte of the file name, as typed
