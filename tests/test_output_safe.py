"""output/safe.py's character classes, checked over every code point against the forms they replace."""
from __future__ import annotations

import re

from disclosure_lint.output.safe import _XML_BAD


def test_xml_bad_is_the_complement_of_xml_chars_without_c1_and_del():
    # The class as first written: everything but XML 1.0's Char production less DEL and C1.
    old = re.compile("[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
    text = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in _XML_BAD.finditer(text)] == [m.start() for m in old.finditer(text)]
