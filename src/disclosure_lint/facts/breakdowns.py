"""Prose breakdowns: “共N条，其中A条、B条、C条”, and percentages “X件，占Y%”.

Whether a breakdown is *complete* (its parts must add up to the whole) cannot be read from the
grammar: “发布信息356条，其中政策文件12条、政策解读9条” lists examples. The heuristic, in order:

1. a part is labelled 其他 / 其余 / 其它 / 剩余 / 另有 — the writer closed the list: complete;
2. the part labels form a known partition (主动公开 / 依申请公开 / 不公开; 办结 / 未办结 …): complete;
3. the list ends in 等 / 等等: partial;
4. three or more parts whose sum is within 5% of the whole: complete (a typing error, not examples);
5. anything else (two parts, a sum far below the whole): partial.

Approximate numbers (余, 多, 约, 近, 超过) never take part in an exact check.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from decimal import Decimal

from ..document import Document
from ..i18n import N_
from .numbers import NumberFact, find_numbers

__all__ = ["Breakdown", "find_breakdowns", "PARTITIONS"]

_QIZHONG = re.compile(r"^\s*[，,。]?\s*(?:其中|包括|含)\s*[:：，,]?")
_OTHER = re.compile(r"其他|其余|其它|剩余|另有|另外")
_ETC = re.compile(r"^\s*[）)”\"」]?\s*等")
PARTITIONS = (
    ("主动公开", "依申请公开", "不公开"),
    ("主动公开", "依申请公开", "不予公开"),
    ("办结", "未办结"),
    ("已办结", "正在办理"),
    ("办结", "结转"),
    ("线上", "线下"),
    ("网上", "线下"),
    ("男", "女"),
)


@dataclass
class Breakdown:
    whole: NumberFact
    parts: list[NumberFact]
    labels: list[str]
    complete: bool
    reason: str
    block: object

    @property
    def total(self) -> Decimal:
        return sum((p.value for p in self.parts), Decimal(0))


def _label(text: str, a: int, b: int) -> str:
    lab = text[a:b]
    lab = re.split(r"[，,、；;]", lab)[-1]
    lab = re.sub(r"^\s*(?:其中|包括|含有|含)\s*[：:]?", "", lab)
    return lab.strip(" “”\"'「」（）()：:")


def _between(nums: list[NumberFact], starts: list[int], a: int, z: int) -> list[NumberFact]:
    """The numbers that start in ``[a, z)``."""
    return nums[bisect.bisect_left(starts, a):bisect.bisect_left(starts, z)]


def _known_partition(labels: list[str]) -> bool:
    for p in PARTITIONS:
        hit = [any(k in lab for lab in labels) for k in p]
        if all(hit) and len(labels) == len(p):
            return True
    return False


def find_breakdowns(doc: Document, numbers: list[NumberFact] | None = None) -> list[Breakdown]:
    out = []
    by_block: dict[int, list[NumberFact]] = {}
    blocks = {}
    for n in numbers if numbers is not None else [x for b in doc.paragraphs() for x in find_numbers(b.ptext, b)]:
        by_block.setdefault(id(n.block), []).append(n)
        blocks[id(n.block)] = n.block
    for key, nums in by_block.items():
        block = blocks[key]
        text = block.text
        starts = [n.start for n in nums]  # numbers come in text order: look ranges up by bisection
        for i, w in enumerate(nums):
            if w.percent or w.unit is None:
                continue
            m = _QIZHONG.match(text[w.end:w.end + 8])
            if not m:
                continue
            start = w.end + m.end()
            stop = len(text)
            s = re.search(r"[。]", text[start:])  # parts are often listed with ；
            if s:
                stop = start + s.start()
            # Items listed with ；go on only while each segment is a short “label N unit(, 占Y%)”.
            seg_start = text.find("；", start, stop)
            while seg_start >= 0:
                seg_end = text.find("；", seg_start + 1, stop)
                seg = text[seg_start + 1:seg_end if seg_end >= 0 else stop]
                has = any(n.end <= seg_start + 1 + len(seg) and n.unit == w.unit
                          for n in _between(nums, starts, seg_start + 1, seg_start + 1 + len(seg)))
                if len(re.sub(r"[，,]?占[^；]*%", "", seg)) > 24 or not has:
                    stop = seg_start
                    break
                seg_start = seg_end
            parts = [n for n in _between(nums, starts, start, stop) if n.end <= stop and not n.percent
                     and n.unit == w.unit]
            # a nested “其中” inside the clause starts a breakdown of its own: stop before it
            nested = text.find("其中", start, stop)
            if nested >= 0:
                parts = [p for p in parts if p.start < nested]
            if len(parts) < 2:
                continue
            labels = []
            prev = start
            for p in parts:
                labels.append(_label(text, prev, p.start))
                prev = p.end
            tail = text[parts[-1].end:stop]
            if any(_OTHER.search(lab) for lab in labels):
                complete, reason = True, N_("a part is labelled 其他")
            elif _known_partition(labels):
                complete, reason = True, N_("the parts form a known partition")
            elif _ETC.match(tail):
                complete, reason = False, N_("the list ends in 等")
            elif len(parts) >= 3 and w.value and abs(sum(p.value for p in parts) - w.value) <= w.value * Decimal("0.05"):
                complete, reason = True, N_("three or more parts within 5% of the whole")
            else:
                complete, reason = False, N_("the parts may be examples")
            out.append(Breakdown(w, parts, labels, complete, reason, block))
    return out
