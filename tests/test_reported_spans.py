"""Every reported span lies inside the text, and for the rules that quote what they point at, the span
slices back to the quoted text (markup removed, entities decoded)."""
import html
import re

import pytest

from disclosure_lint import lint_path
from disclosure_lint.document.parse import parse_path

from .conftest import FIXTURES, ROOT, shared_files

QUOTING = {"DL201", "DL202", "DL203", "DL204", "DL205", "DL211", "DL212", "DL213", "DL303", "DL304", "DL305",
           "DL306", "DL401", "DL103"}
# Rules reporting one finding per paragraph list what they found after a colon: every item listed lies in the span.
LISTING = {"DL501", "DL505", "DL506"}


def files():
    out = sorted(FIXTURES.glob("*.txt")) + sorted((ROOT / "examples").glob("*.html")) + [ROOT / "examples/report-2021.txt"]
    return out + shared_files("corpus/real/*", "corpus/real-html/*.html")


def visible(s: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", s)).strip()


@pytest.mark.parametrize("path", files(), ids=lambda p: p.name)
def test_reported_spans(path):
    text = parse_path(path).source.text
    for d in lint_path(path, select=["ALL"]):
        assert 0 <= d.span.start <= d.span.end <= len(text), d
        for r in d.related:
            assert 0 <= r.span.start <= r.span.end <= len(text), r
        if d.code in QUOTING and d.span.end > d.span.start:
            quoted = visible(text[d.span.start:d.span.end])
            if not quoted and "blank" in d.message:
                continue  # a blank cell: its span is the &nbsp; or the empty cell
            assert quoted and quoted.replace(",", "") in d.message.replace(",", ""), (d.code, quoted, d.message)
        if d.code in LISTING and d.span.end > d.span.start:
            covered = visible(text[d.span.start:d.span.end])
            items = d.message.rsplit(": ", 1)[1].rstrip("…").split("、")
            assert items and all(it and it in covered for it in items), (d.code, covered, d.message)
