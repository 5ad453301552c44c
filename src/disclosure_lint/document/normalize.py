"""Normalising labels and digits the way real reports need.

Labels are compared after NFKC, with brackets, separators, white space and
zero-width characters unified.  Digit translation keeps one character per
character, so offsets computed on translated text stay valid.
"""
from __future__ import annotations

from functools import lru_cache
from itertools import accumulate, repeat
from operator import getitem

from ..source.nfkc import nfkc
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

__all__ = ["label_key", "ascii_digits", "ascii_digits_each", "CN_DIGITS", "cn_numeral_value"]

# One character in, one character out: positions survive the translation.
_DIGITS = str.maketrans("０１２３４５６７８９．－＋，％", "0123456789.-+,%")


_WIDE = lazy("[０-９．－＋，％]")
_DIGIT_PAIRS = tuple(zip("０１２３４５６７８９．－＋，％", "0123456789.-+,%"))


def ascii_digits(s: str) -> str:
    # The same as s.translate(_DIGITS), ten times faster on Chinese text (which is full of ，): a C scan
    # per character kind, a replace only for those present.
    for wide, narrow in _DIGIT_PAIRS:
        if wide in s:
            s = s.replace(wide, narrow)
    return s


def ascii_digits_each(texts: list[str]) -> list[str]:
    """``[ascii_digits(t) for t in texts]`` (equal strings): the texts joined, translated at once and cut
    again at the same offsets, which the translation keeps (one character for one). Fifteen C scans
    of a document's paragraphs in all, rather than fifteen per paragraph."""
    if len(texts) < 2:
        return list(map(ascii_digits, texts))
    joined = ascii_digits("".join(texts))
    ends = list(accumulate(map(len, texts)))
    return list(map(getitem, repeat(joined, len(texts)), map(slice, [0, *ends[:-1]], ends)))


_INVISIBLE = compile_re("[\u200b\u200c\u200d\u2060\ufeff\u00ad\\s]+")
_PUNCT = str.maketrans({
    "(": "（", ")": "）", "[": "（", "]": "）", "【": "（", "】": "）", "〔": "（", "〕": "）",
    ",": "、", "，": "、", ";": "、", "；": "、", "/": "、", ":": "：",
    "\u201c": "", "\u201d": "", '"': "", "'": "", "\u2018": "", "\u2019": "", "「": "", "」": "",
    ".": "．", "。": "",
})

# Small typos seen in real headings, mapped to the standard wording.
_TYPOS = (("行政法复议", "行政复议"), ("政府信息信息", "政府信息"), ("复议复议", "复议"))


_CACHED_LABEL = 64  # labels and headings are short and repeat across reports: cache those only


def label_key(s: str) -> str:
    """A comparison key for a label or heading: NFKC, no spaces, unified brackets and separators."""
    # A long string (a paragraph passed as a candidate heading) is keyed but never cached: the cache
    # held thousands of them and a batch's memory grew with every distinct file.
    return _label_key_cached(s) if len(s) <= _CACHED_LABEL else _label_key(s)


@lru_cache(maxsize=4096)
def _label_key_cached(s: str) -> str:
    return _label_key(s)


def _label_key(s: str) -> str:
    s = nfkc(s)  # unicodedata.normalize("NFKC", s), without faulting in its tables for plain Chinese
    s = _INVISIBLE.sub("", s)
    s = s.translate(_PUNCT)
    for bad, good in _TYPOS:
        s = s.replace(bad, good)
    return s


CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "0": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9, "壹": 1, "贰": 2, "叁": 3, "肆": 4, "伍": 5, "陆": 6, "柒": 7,
             "捌": 8, "玖": 9}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_BIG = {"万": 10_000, "亿": 100_000_000}


def cn_numeral_value(s: str) -> int | None:
    """Value of a Chinese numeral such as 十二, 二十三, 一百零五, 三万二千; digit strings like 二〇一八 too."""
    if not s:
        return None
    if all(ch in CN_DIGITS for ch in s) and len(s) > 1 and not any(ch in _CN_UNITS for ch in s):
        # positional: 二〇一八
        v = 0
        for ch in s:
            v = v * 10 + CN_DIGITS[ch]
        return v
    total = 0
    section = 0
    digit = None
    for ch in s:
        if ch in CN_DIGITS:
            digit = CN_DIGITS[ch]
        elif ch in _CN_UNITS:
            section += (1 if digit is None else digit) * _CN_UNITS[ch]
            digit = None
        elif ch in _CN_BIG:
            section += digit or 0
            total += (section or 1) * _CN_BIG[ch]
            section = 0
            digit = None
        else:
            return None
    return total + section + (digit or 0)


# A parenthesised pinyin syllable with tone marks, as mirror sites add after characters: 報(bào).
PINYIN = compile_re(r"\((?=[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ])[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ]{1,7}\)")

