"""Prose breakdowns: “共N条，其中A条、B条、C条”, and percentages “X件，占Y%”.

The forms read, as reports write them:

- “共N条，其中A条、B条、C条”, parts listed with 、，or ；(a ；-segment must stay a short “label N”);
- “共公布政府信息2599条，(其中…，其他…)”: the parts in brackets;
- “在…主动公开的1913条政府信息中，A…133条，占6.95%；…”: the whole before “…中，”;
- “1913条。其中，A…1397条，占73%。B…534条，占27%”: a list going on across sentences while each
  part carries its share;
- “共N件，A、B分别为a件、b件”;
- “当面申请2件、网上申请3件，共5件”: a whole stated after its parts (complete by construction);
- a single part after 其中 (bounded by its whole, its share taken of it, never summed);
- “受理117件，办结171件，办结率100%”: :class:`RatePair`.

Whether a breakdown is *complete* (its parts must add up to the whole) cannot be read from the
grammar: “发布信息356条，其中政策文件12条、政策解读9条” lists examples. The heuristic, in order:

1. a part is labelled 其他 / 其余 / 其它 / 剩余 — the writer closed the list: complete
   (另有 / 另外 add something beside the whole, so they do not);
2. the part labels form a known partition (主动公开 / 依申请公开 / 不公开; 办结 / 未办结 …): complete;
3. the list ends in 等 / 等等: partial;
4. every part carries a share and the shares add up to 100% (within rounding): complete; to less:
   partial;
5. three or more parts whose sum is within 5% of the whole: complete (a typing error, not examples);
6. anything else (two parts, a sum far below the whole): partial.

Approximate numbers (余, 多, 约, 近, 超过) never take part in an exact check. The search is linear:
positions are looked up with ``find`` / ``match(text, pos)`` within bounded reaches and bisection,
never by slicing the rest of the text per number.
"""
from __future__ import annotations

import bisect
from ..source.dataclass_cache import dataclass  # dataclasses.dataclass, its code cached
from decimal import Decimal
from itertools import repeat

from ..document import Document
from ..i18n import N_
from .numbers import NumberFact, find_numbers
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

_AND = lazy(r"[、和及与]")

__all__ = ["Breakdown", "find_breakdowns", "PARTITIONS", "RatePair", "find_rate_pairs"]

# “，其中”, “。其中，”, “，（其中：”: a list of parts follows (matched at a position, never on a slice of the rest).
# Each run of spaces is followed by a required literal or opens a group that starts with one, and no
# match starts inside a run of spaces: linear however long the run (issue 18).
_QIZHONG = compile_re(r"(?<!\s)\s*(?:[，,。：:]\s*)?(?:([（(])\s*)?(?:其中|包括|含)\s*[:：，,]?")
# “在…主动公开的1913条政府信息中，”: the whole, then the parts after “中，”.
_AMONG = compile_re(r"[^，,。；;：:\d（）()、]{0,12}中\s*[，,：:]")
_UNDER_WAY = lazy(r"(?:办理|处理|审理|审查|进行|推进|实施|建设|运行|整改)中")
_NOT_PARTS = lazy(r"年|月|同比|环比|增长|下降|分别")
# “共N件，网上申请、当面申请分别为a件、b件”.
_RESPECTIVELY = compile_re(r"(?<!\s)\s*[，,：:]\s*([^。；;\d%％]{1,30}?)分别(?:为|是|有)?\s*")
# “…a件、b件，共N件”: a whole stated after its parts.
_SUM_BEFORE = compile_re(r"[，,]\s*(?:共计|合计|总计|共)(?:为)?\s*$")
_SUM_WORD = lazy(r"(?:共计|合计|总计|共)(?:为)?\s*$")
_SHARE_AFTER = lazy(r"(?<!\s)\s*(?:[，,（(]\s*)?(?:约占|占比为|占比|占)(?:比例)?(?:为|达)?\s*")
# 其他 / 其余 close a list; 另有 / 另外 add something beside the whole (“含结转18件，另有72件…”), so they do not.
_OTHER = lazy(r"其他|其余|其它|剩余")
_ETC = lazy(r"(?<!\s)\s*(?:[）)”\"」]\s*)?等")
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


_LABEL_SPLIT = lazy(r"[，,、；;]")
_LABEL_LEAD = lazy(r"^\s*(?:其中|包括|含有|含)\s*[：:]?")


def _label(text: str, a: int, b: int) -> str:
    lab = text[a:b]
    lab = _LABEL_SPLIT.split(lab)[-1]
    lab = _LABEL_LEAD.sub("", lab)
    return lab.strip(" “”\"'「」（）()：:")


_REACH = 600  # how far a sentence end is looked for: keeps every lookup bounded, the search linear


def sentence_start(text: str, chars: str, pos: int, reach: int = _REACH) -> int:
    """Where the clause ending at *pos* starts: just after the last of *chars*, looking back at most *reach*."""
    lo = max(0, pos - reach)
    return max(max(map(text.rfind, chars, repeat(lo), repeat(pos))) + 1, lo)


def next_mark(text: str, ch: str, pos: int, reach: int = _REACH) -> int:
    """The next *ch* from *pos*, looking ahead at most *reach* (else where the look ended)."""
    hi = min(len(text), pos + reach)
    i = text.find(ch, pos, hi)
    return hi if i < 0 else i


def _length_without_share(seg: str) -> int:
    """Length of a list segment without its share (“，占73%”): what ``re.sub(r"[，,]?占[^；]*%", "", seg)``
    leaves of a segment holding no ；, without that pattern's rescan from every 占 (quadratic)."""
    i = seg.find("占")
    if i < 0:
        return len(seg)
    j = seg.rfind("%")
    if j < i:
        return len(seg)
    if i > 0 and seg[i - 1] in "，,":
        i -= 1
    return len(seg) - (j + 1 - i)


def _between(nums: list[NumberFact], starts: list[int], a: int, z: int) -> list[NumberFact]:
    """The numbers that start in ``[a, z)``."""
    return nums[bisect.bisect_left(starts, a):bisect.bisect_left(starts, z)]


def _known_partition(labels: list[str]) -> bool:
    n = len(labels)
    for p in PARTITIONS:
        if len(p) == n and all(any(k in lab for lab in labels) for k in p):
            return True
    return False


def _share_of(text: str, p: NumberFact, nums: list[NumberFact], starts: list[int]):
    """The percentage written right after part *p* (“1397条，占73%”), or None."""
    m = _SHARE_AFTER.match(text, p.end)
    if not m:
        return None
    nxt = _between(nums, starts, m.end(), m.end() + 1)
    return nxt[0] if nxt and nxt[0].percent else None


def _continuation(text, nums, starts, unit, pos):
    """A part in the sentence starting at *pos* that goes on a list across “。”.

    The sentence must open with a short clause “label N unit” whose number is followed by its share
    (“各乡镇主动公开政府信息534条，占27%”); returns (part, the end of its share) or None.
    """
    end = next_mark(text, "。", pos)
    comma = min([x for x in (text.find("，", pos, end), text.find(",", pos, end), text.find("；", pos, end)) if x >= 0]
                or [end])
    if comma - pos > 30:
        return None
    inside = [n for n in _between(nums, starts, pos, comma) if not n.percent]
    if len(inside) != 1 or inside[0].unit != unit or inside[0].approx:
        return None
    part = inside[0]
    share = _share_of(text, part, nums, starts)
    if share is None:
        return None
    return part, share.end


def _complete(parts, labels, tail, whole, shares):
    if any(_OTHER.search(lab) for lab in labels):
        return True, N_("a part is labelled 其他")
    if _known_partition(labels):
        return True, N_("the parts form a known partition")
    if _ETC.match(tail):
        return False, N_("the list ends in 等")
    if len(shares) == len(parts) >= 2 and all(s is not None and not s.approx for s in shares):
        total = sum(s.value for s in shares)
        places = min(len(s.raw.split(".")[1]) if "." in s.raw else 0 for s in shares)
        tolerance = Decimal(5).scaleb(-places - 1) * len(parts)  # each share may be off by half a unit
        if abs(total - 100) <= tolerance:
            return True, N_("the parts' shares add up to 100%")
        if total < 100:
            return False, N_("the parts' shares add up to less than 100%")
    if len(parts) >= 3 and whole.value and abs(sum(p.value for p in parts) - whole.value) <= whole.value * Decimal("0.05"):
        return True, N_("three or more parts within 5% of the whole")
    return False, N_("the parts may be examples")


def _labels(text, start, parts):
    labels = []
    prev = start
    for p in parts:
        labels.append(_label(text, prev, p.start))
        prev = p.end
    return labels


def find_breakdowns(doc: Document, numbers: list[NumberFact] | None = None) -> list[Breakdown]:
    """Every breakdown of the prose, in the forms reports write them (see the module docstring).

    Linear in the text: positions are looked up with ``find`` / ``match(text, pos)`` and bisection,
    never by slicing the rest of the text per number.
    """
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
        items: dict = {}  # whether a segment between two ； is a list item (see _after_whole)
        # A whole before its parts is followed by 其中 / 包括 / 含 (_QIZHONG), …中 (_AMONG) or 分别
        # (_RESPECTIVELY); one after them is preceded by 共 / 合计 / 总计 (_SUM_BEFORE). A paragraph
        # without those words has neither: its numbers are passed without a pattern tried at each.
        after = "中" in text or "包括" in text or "含" in text or "分别" in text
        before = "共" in text or "合计" in text or "总计" in text
        if not (after or before):
            continue
        for i, w in enumerate(nums):
            if w.percent or w.unit is None:
                continue
            if after:
                b = _after_whole(text, w, nums, starts, block, items)
                if b is not None:
                    out.append(b)
            if before:
                b = _before_whole(text, i, w, nums)
                if b is not None:
                    out.append(b)
    return out


def _is_subtotal(text: str, n: NumberFact) -> bool:
    """A number written as a total (“共5件”): not one of the parts of an enclosing list."""
    return bool(_SUM_WORD.search(text, max(0, n.start - 4), n.start))


def _after_whole(text, w, nums, starts, block, items=None):
    """“W，其中A、B、C”, “W（其中：…）”, “W。其中，A，占x%。B，占y%”, “W…中，A；B；C”, “W，A、B分别为a、b”."""
    m = _QIZHONG.match(text, w.end)
    respectively = None
    paren = None
    if m and m.end() - w.end <= 10:
        paren = m.group(1)
    else:
        m = _AMONG.match(text, w.end)
        if m and _UNDER_WAY.search(text, m.start(), m.end()):
            return None  # “12件正在办理中，” is a state, not a set
        if not m:
            m = _RESPECTIVELY.match(text, w.end)
            if not m or _NOT_PARTS.search(m.group(1)):
                return None  # “2019年、2020年分别为…” compares years, it does not split the whole
            respectively = m.group(1)
    start = m.end()
    stop = next_mark(text, "。", start, 2000)
    if paren:
        close = text.find("）" if paren == "（" else ")", start, start + 2000)
        if close >= 0:
            stop = close
    if respectively is None:
        # Items listed with ；go on only while each segment is a short “label N unit(, 占Y%)”.
        # Whether a whole segment (between two ；) is a list item depends only on where it starts and the
        # unit: remembered per paragraph (*items*), so wholes sharing one long list read each segment once.
        items = {} if items is None else items
        seg_start = text.find("；", start, stop)
        while seg_start >= 0:
            seg_end = text.find("；", seg_start + 1, stop)
            key = (seg_start, w.unit)
            ok = items.get(key) if seg_end >= 0 else None
            if ok is None:
                seg_stop = seg_end if seg_end >= 0 else stop
                has = any(n.end <= seg_stop and n.unit == w.unit
                          for n in _between(nums, starts, seg_start + 1, seg_stop))
                seg = text[seg_start + 1:seg_stop]  # one segment, bounded by the list itself
                ok = has and _length_without_share(seg) <= 24
                if seg_end >= 0:
                    items[key] = ok
            if not ok:
                stop = seg_start
                break
            seg_start = seg_end
    else:
        semi = text.find("；", start, stop)
        if semi >= 0:
            stop = semi
    # a nested “其中” inside the clause starts a breakdown of its own: stop before it (a number that
    # starts before it ends before it, so only those are read)
    nested = text.find("其中", start, stop)
    parts = [n for n in _between(nums, starts, start, stop if nested < 0 else nested) if n.end <= stop
             and not n.percent and n.unit == w.unit and not _is_subtotal(text, n)]
    if not parts:
        return None
    # “…1397条，占73%。各乡镇…534条，占27%”: a list of shared parts goes on across sentences.
    end = stop
    if not paren and respectively is None and stop < len(text) and text[stop] == "。" \
            and _share_of(text, parts[-1], nums, starts) is not None:
        pos = stop + 1
        while True:
            c = _continuation(text, nums, starts, w.unit, pos)
            if c is None:
                break
            parts.append(c[0])
            end = c[1]
            nxt = next_mark(text, "。", end, 40)
            if nxt >= len(text) or text[nxt] != "。" or text[end:nxt].strip():
                break  # the sentence goes on with something else (“，政府信息公开量较大的部门是…”)
            pos = nxt + 1
    if not parts:
        return None
    if len(parts) == 1:
        # one part: bounded by its whole and its share taken of it, never summed
        labels = _labels(text, start, parts)
        return Breakdown(w, parts, labels, False, N_("a single part"), block)
    if respectively is not None:
        labels = [x.strip(" “”\"'") for x in _AND.split(respectively)]
        if len(labels) != len(parts):
            labels = _labels(text, start, parts)
    else:
        labels = _labels(text, start, parts)
    shares = [_share_of(text, p, nums, starts) for p in parts]
    complete, reason = _complete(parts, labels, text[parts[-1].end:parts[-1].end + 8], w, shares)
    return Breakdown(w, parts, labels, complete, reason, block)


def _before_whole(text, i, w, nums):
    """“当面申请2件、网上申请3件，共5件”: the whole after parts listed with 、."""
    if i < 2 or w.percent:
        return None
    m = _SUM_BEFORE.search(text, max(0, w.start - 6), w.start)
    if not m:
        return None
    parts: list[NumberFact] = []
    j = i - 1
    right = m.start()  # the list ends at the comma before 共
    while j >= 0:
        p = nums[j]
        if p.percent:
            j -= 1
            continue
        if p.unit != w.unit or p.end > right:
            break
        if text[p.end:right].strip():
            break  # each part ends right at the 、 (or, the last, at the comma before 共)
        left = sentence_start(text, "，,。；;、：:（(", p.start, 40)
        if parts and p.start - left > 12:
            break  # a long clause is not one item of the list
        parts.insert(0, p)
        right = left - 1
        if right < 0 or text[right] != "、":
            break
        j -= 1
    if len(parts) < 2 or _SUM_WORD.search(text, max(0, parts[0].start - 4), parts[0].start):
        return None
    first = sentence_start(text, "，,。；;：:（(", parts[0].start, 40)
    labels = _labels(text, first, parts)
    return Breakdown(w, parts, labels, True, N_("the whole is stated after its parts (共N)"), w.block)


@dataclass
class RatePair:
    """“受理117件，办结171件，办结率100%”: a count received, a count completed, and maybe the rate."""

    whole: NumberFact      # 受理 / 收到
    part: NumberFact       # 办结 / 答复
    rate: NumberFact | None
    whole_word: str
    part_word: str
    rate_word: str
    block: object
    carried: bool = False  # the sentence speaks of cases carried over (结转, 上年): 办结 may exceed 受理


_RECEIVED = lazy(r"(受理|收到|接收|接到|新收)")
_DONE = compile_re(r"[，,]\s*(?:已|共|均|全部|依法)?(办结|答复|办理完毕|处理)")
_CARRIED = lazy(r"结转|上年|去年|往年|遗留|累计|以前年度")
_RATE = lazy(r"[，,]\s*((?:办结|答复|处理)率)(?:为|达到|达)?\s*")


def find_rate_pairs(doc: Document, numbers: list[NumberFact] | None = None) -> list[RatePair]:
    """Each “受理N件，办结M件(，办结率P%)” written in one sentence, with nothing between the clauses."""
    out = []
    by_block: dict[int, list[NumberFact]] = {}
    for n in numbers if numbers is not None else [x for b in doc.paragraphs() for x in find_numbers(b.ptext, b)]:
        by_block.setdefault(id(n.block), []).append(n)
    for nums in by_block.values():
        block = nums[0].block
        text = block.text
        for i in range(len(nums) - 1):
            w, p = nums[i], nums[i + 1]
            if w.percent or p.percent or w.unit is None or w.unit != p.unit or w.approx or p.approx:
                continue
            md = _DONE.match(text, w.end)  # the rarer of the two tests, and the cheaper: first
            if not md or p.start - md.end() > 6 or any(c in text[md.end():p.start] for c in "，,。；;"):
                continue
            a = sentence_start(text, "，,。；;：:", w.start, 40)
            mw = _RECEIVED.search(text, a, w.start)
            if not mw or w.start - mw.end() > 16:
                continue
            rate = None
            rate_word = ""
            mr = _RATE.match(text, p.end)
            if mr and i + 2 < len(nums) and nums[i + 2].percent and nums[i + 2].start == mr.end():
                rate, rate_word = nums[i + 2], mr.group(1)
            z = next_mark(text, "。", p.end)
            carried = bool(_CARRIED.search(text, sentence_start(text, "。", w.start), z))  # one sentence
            out.append(RatePair(w, p, rate, mw.group(1), md.group(1), rate_word, block, carried))
    return out
