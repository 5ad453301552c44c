"""DL503's fast candidate finder must find exactly the places its reference pattern finds."""
from __future__ import annotations

import random

from hypothesis import given, settings, strategies as st

from disclosure_lint.checks.dl503_duplicated_passage import _CANDIDATE, _Starts


def _reference(text: str, steps: list[int]) -> list[int]:
    out, i, k = [], 0, 0
    while True:
        m = _CANDIDATE.search(text, i)
        if m is None:
            return out
        out.append(m.start())
        i = m.start() + 1 + steps[k % len(steps)]
        k += 1


def _fast(text: str, steps: list[int]) -> list[int]:
    starts = _Starts(text)
    out, i, k = [], 0, 0
    while True:
        p = starts.next(i)
        if p is None:
            return out
        out.append(p)
        i = p + 1 + steps[k % len(steps)]
        k += 1


_ALPHABET = "政府信息公开申请件的是1,。a "


@settings(max_examples=400, deadline=None)
@given(parts=st.lists(st.tuples(st.text(alphabet=_ALPHABET, max_size=45), st.sampled_from([1, 1, 2, 3])),
                      max_size=8),
       steps=st.lists(st.integers(0, 50), min_size=1, max_size=4))
def test_the_same_places_as_the_pattern(parts, steps):
    text = "".join(s * k for s, k in parts)
    assert _fast(text, steps) == _reference(text, steps)


def test_the_same_places_on_many_repeats():
    rnd = random.Random(7)
    for alphabet in (_ALPHABET, "哈a", "政府信息公开申请件1,。的是abcdefghij"):
        for _ in range(2000):
            parts = []
            for _ in range(rnd.randint(1, 8)):
                s = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 45)))
                parts.append(s * rnd.choice([1, 1, 2, 3]))
            text = "".join(parts)
            assert _fast(text, [0]) == _reference(text, [0])
            assert _fast(text, [17, 3]) == _reference(text, [17, 3])
    found = _fast("本年度共收到申请二十件本年度共收到申请二十件。", [0])
    assert found == [0]  # the test sees a repeat at all
