"""The HTML reader's tree stage (readers/html_tree.py) against the plain forms its shortcuts replace:

- the marked copy's control characters are found and replaced in its UTF-8 bytes, as the str's were
  (``str.translate`` then encode);
"""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from disclosure_lint.readers import html_tree as T

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
