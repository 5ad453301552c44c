"""Faster forms in the facts and rules stage (issue 17, second round) find exactly what the plain forms
they replaced find; each plain form is kept here as the reference."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from disclosure_lint.facts import script


def _traditional_chars() -> list[str]:
    keys = sorted(script.t2s_table())
    return keys[:40] + keys[-40:] + list(script._in_gb2312())


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(_traditional_chars() + list("的是政府信息公开年报告a1 \u3000\xa0•—\U0001f600\ud800é")),
               max_size=40))
def test_traditional_check_as_the_plain_set_test(text):
    # the reference: one hash lookup per character
    assert script._none_in(text) == script.t2s_table().keys().isdisjoint(text)
    assert script.outside_gb2312(text) == "".join(ch for ch in text if not _encodes(ch))


def _encodes(ch: str) -> bool:
    try:
        ch.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _sentences_reference(text: str) -> list[tuple[int, int, str, int, int]]:
    """DL503's sentence loop as it was: every sentence looked at one by one."""
    from disclosure_lint.checks.dl503_duplicated_passage import _ENOUGH_CJK, _SENT, MIN_SENTENCE

    out, seen = [], {}
    for m in _SENT.finditer(text):
        s = m.group().strip()
        key = s.rstrip("。！？!?；;，, ")
        if len(key) < MIN_SENTENCE or not _ENOUGH_CJK.match(key):
            continue
        if key in seen:
            a, z = seen[key]
            start = m.start() + (len(m.group()) - len(m.group().lstrip()))
            out.append((start, start + len(s), key, a, z))
        else:
            seen[key] = (m.start(), m.end())
    return out


_SENTENCE_PARTS = ["本年度共收到政府信息公开申请", "依法予以答复", "的", "是", "a", "1", " ", "\u3000", "\n", "。", "；",
                   "，", ",", "!", "？", "？ ", " 。"]


@settings(max_examples=500, deadline=None)
@given(parts=st.lists(st.sampled_from(_SENTENCE_PARTS), max_size=30), repeat=st.integers(1, 3))
def test_repeated_sentences_as_the_plain_loop(parts, repeat):
    from disclosure_lint.checks.dl503_duplicated_passage import _repeated_sentences

    text = "".join(parts) * repeat
    assert _repeated_sentences(text) == _sentences_reference(text)


def test_repeated_sentences_sees_a_repeat():
    from disclosure_lint.checks.dl503_duplicated_passage import _repeated_sentences

    text = "本年度共收到政府信息公开申请二十件。其他。本年度共收到政府信息公开申请二十件；"
    assert _repeated_sentences(text) == _sentences_reference(text) != []


_DATE_ALPHABET = "0123456789年月日号底末初中旬上下半份-/. \u3000〇○零一二三四五六七八九十Ｏa，"


def _date_shape(matches) -> list:
    return [(m.span(), m.groupdict()) for m in matches]


@settings(max_examples=1500, deadline=None)
@given(st.text(alphabet=_DATE_ALPHABET, max_size=60))
def test_date_matches_as_finditer(text):
    from disclosure_lint.facts.dates import _DATE, _date_matches

    assert _date_shape(_date_matches(text)) == _date_shape(_DATE.finditer(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["2019", "2020年", "二〇二〇年", "十二月", "3月", "1日", "年底", "上半年", " ", "-", "/", ".",
                                 "12", "1", "〇", "月", "年", "号", "，", "2021-3-5", "2018.13.1"]), max_size=20))
def test_date_matches_as_finditer_on_date_pieces(parts):
    from disclosure_lint.facts.dates import _DATE, _date_matches

    text = "".join(parts)
    assert _date_shape(_date_matches(text)) == _date_shape(_DATE.finditer(text))
