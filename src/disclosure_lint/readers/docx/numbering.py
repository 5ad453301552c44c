"""Word's automatic list numbering, rendered the way Word shows it (``一、`` ``（一）`` ``1.``).

Numbered headings are then found by their numbering, as in HTML. Instances of one abstract numbering
continue one another; a start override restarts the list the first time it is used; a paragraph style
can carry the numbering (through ``w:basedOn``).
"""
from __future__ import annotations

import re

from .wordml import W, to_int, val

_CN = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def _chinese(n: int, digits: str = _CN, ten: str = "十") -> str:
    if n <= 0 or n >= 1000:
        return str(n)
    out = ""
    h, rest = divmod(n, 100)
    if h:
        out += digits[h] + "百"
        if rest and rest < 10:
            out += digits[0]
    t, u = divmod(rest, 10)
    if t:
        out += ("" if t == 1 and not h else digits[t]) + ten
    if u:
        out += digits[u]
    return out


def _roman(n: int) -> str:
    out = ""
    for v, s in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
                 (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += s
            n -= v
    return out


def _letters(n: int) -> str:
    return chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
               "ideographDigital"):
        return _chinese(n)
    if fmt == "chineseLegalSimplified":
        return _chinese(n, _CN_LEGAL, "拾")
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in str(n))
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "upperLetter":
        return _letters(n)
    if fmt == "lowerLetter":
        return _letters(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


class Numbering:
    """Word's list numbering: numId → levels (start, format, text), counted in document order."""

    def __init__(self, root, styles_root) -> None:
        self.abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        self.started: set[str] = set()
        self.style_num: dict[str, tuple[str, int]] = {}
        if root is not None:
            for an in root.iter(W + "abstractNum"):
                levels = {}
                for lvl in an.iter(W + "lvl"):
                    il = to_int(lvl.get(W + "ilvl"), 0)
                    start = to_int(val(lvl.find(W + "start")), 1)
                    fmt = val(lvl.find(W + "numFmt")) or "decimal"
                    text = val(lvl.find(W + "lvlText"))
                    levels[il] = (start, fmt, text if text is not None else "")
                self.abstract[an.get(W + "abstractNumId", "")] = levels
            for num in root.iter(W + "num"):
                overrides = {}
                for ov in num.iter(W + "lvlOverride"):
                    so = ov.find(W + "startOverride")
                    if so is not None:
                        overrides[to_int(ov.get(W + "ilvl"), 0)] = to_int(val(so), 1)
                self.nums[num.get(W + "numId", "")] = (val(num.find(W + "abstractNumId")) or "", overrides)
        if styles_root is not None:
            based: dict[str, str] = {}
            direct: dict[str, tuple[str, int]] = {}
            for st in styles_root.iter(W + "style"):
                sid = st.get(W + "styleId", "")
                b = st.find(W + "basedOn")
                if b is not None:
                    based[sid] = val(b) or ""
                np_ = st.find(f"{W}pPr/{W}numPr")
                if np_ is not None:
                    nid = val(np_.find(W + "numId"))
                    if nid is not None:
                        direct[sid] = (nid, to_int(val(np_.find(W + "ilvl")), 0))
            for sid in list(based) + list(direct):
                seen, s = set(), sid
                while s and s not in direct and s not in seen:
                    seen.add(s)
                    s = based.get(s, "")
                if s in direct:
                    self.style_num[sid] = direct[s]

    def label(self, p) -> str:
        """The number text Word shows before paragraph *p* ("" when it is not numbered)."""
        ppr = p.find(W + "pPr")
        num_id, ilvl = None, 0
        if ppr is not None:
            np_ = ppr.find(W + "numPr")
            if np_ is not None:
                num_id = val(np_.find(W + "numId"))
                ilvl = to_int(val(np_.find(W + "ilvl")), 0)
            if num_id is None:
                ps = ppr.find(W + "pStyle")
                if ps is not None and val(ps) in self.style_num:
                    num_id, ilvl = self.style_num[val(ps)]
        if not num_id or num_id == "0" or num_id not in self.nums:
            return ""
        abs_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abs_id)
        if not levels or ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        # Instances of one abstract numbering continue one another, as in Word; an instance with a
        # start override restarts the list the first time it is used.
        counts = self.counters.setdefault(abs_id, [None] * 9)
        if overrides and num_id not in self.started:
            for lvl in overrides:
                if 0 <= lvl < 9:
                    counts[lvl] = None
        self.started.add(num_id)
        start = overrides.get(ilvl, levels[ilvl][0])
        counts[ilvl] = start if counts[ilvl] is None else counts[ilvl] + 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = None
        fmt, text = levels[ilvl][1], levels[ilvl][2]
        if fmt == "bullet":
            return ""

        def level_value(m):
            k = int(m.group(1)) - 1
            if not 0 <= k < 9 or k not in levels:
                return ""
            v = counts[k] if counts[k] is not None else levels[k][0]
            return format_number(v, levels[k][1] if k != ilvl else fmt)
        return re.sub(r"%([1-9])", level_value, text)
