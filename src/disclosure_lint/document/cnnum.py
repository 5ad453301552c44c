"""Chinese numerals as counts: 二十七, 一万二千, formal 壹佰, read by cn2an.

cn2an (a core dependency) reads every form reports use, including the ones a hand-written reader
gets wrong; it is slowish to import, so it is imported on the first numeral that needs it (short
everyday numerals such as 七, 十二, 二十七 are read directly, with the same result), and only runs of
numeral characters are ever given to it.  Without it the hand-written reader of
:mod:`normalize` is used.  A run of bare digits without a unit character (三四件, 七八个) is a
range, not a count: it is not read.
"""
from __future__ import annotations

from functools import lru_cache

from .normalize import cn_numeral_value
from ..source.lazy_re import lazy

__all__ = ["CN_NUMERAL_CHARS", "read_cn_numeral"]

CN_NUMERAL_CHARS = "零〇○一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
_DIGITS = set("一二两三四五六七八九壹贰叁肆伍陆柒捌玖")
_UNITS = set("十百千万亿拾佰仟")
_ZERO = set("零〇○")
_SIMPLE = lazy("[一二两三四五六七八九]?十[一二三四五六七八九]?|[一二两三四五六七八九]百|[零一二两三四五六七八九]")

_cn2an = None


def _converter():
    global _cn2an
    if _cn2an is None:
        try:
            import cn2an  # slow to import: only when a numeral is met
            _cn2an = cn2an.cn2an
        except Exception:  # not installed or broken: the hand-written reader
            _cn2an = False
    return _cn2an


@lru_cache(maxsize=4096)
def read_cn_numeral(s: str) -> int | None:
    """The value of a Chinese numeral written as a count, or None when *s* is not one."""
    if not s or any(ch not in CN_NUMERAL_CHARS for ch in s):
        return None
    if not any(ch in _UNITS for ch in s):
        if len(s) > 1 and sum(ch in _DIGITS for ch in s) > 1:
            return None  # 三四, 七八: a range; 二〇一八: a year, not a count
        if len(s) > 1 and s[0] in _ZERO:
            return None
    if s[0] in _UNITS and s[0] not in "十拾":
        return None  # 千家万户, 百万: not a numeral that counts anything (and no need to import cn2an)
    if _SIMPLE.fullmatch(s):
        return cn_numeral_value(s)  # 七, 十二, 二十七, 一百: the same as cn2an, without importing it
    conv = _converter()
    if conv:
        try:
            v = conv(s, "normal")
        except Exception:
            return None
        return int(v) if v == int(v) else None
    return cn_numeral_value(s)
