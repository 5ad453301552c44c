"""DL401: prose-table."""
from __future__ import annotations

import re
from decimal import Decimal

from ..diagnostics import Finding, Related
from ..document import Number
from ..i18n import _
from ..normalize import ascii_digits
from ..registry import rule

_W = r"[^。；;，,\d]"
PATTERNS = (
    ("received", re.compile(rf"(?:收到|受理|接收|接到|新收){_W}{{0,16}}?申请{_W}{{0,8}}?(?<![\d.])(\d+)\s*(?:件|个|条|份|宗)")),
    ("decided", re.compile(rf"办结(?!率){_W}{{0,6}}?(?<![\d.])(\d+)\s*(?:件|个|条|份|宗)")),
    ("carried_next", re.compile(rf"结转(?:至|到)?下一?年度?{_W}{{0,8}}?(?<![\d.])(\d+)\s*(?:件|个|条|份|宗)")),
    ("review", re.compile(rf"行政复议(?!和|及|、){_W}{{0,6}}?(?<![\d.])(\d+)\s*(?:件|起|宗|个|次)")),
    ("litigation", re.compile(rf"行政诉讼{_W}{{0,6}}?(?<![\d.])(\d+)\s*(?:件|起|宗|个|次)")),
    ("in_force", re.compile(rf"现行有效{_W}{{0,12}}?(?<![\d.])(\d+)\s*(?:件|个|部|项)")),
)


def _val(cell):
    return Decimal(cell.value.value) if cell is not None and isinstance(cell.value, Number) else None


def _targets(ctx, what: str, window: str):
    """[(acceptable values, cells used, description)] for one kind of figure."""
    t3, t4, t2 = ctx.tables.get("table3"), ctx.tables.get("table4"), ctx.tables.get("table2")
    if what in ("received", "decided", "carried_next") and t3 is not None:
        key = {"received": "new", "decided": "total", "carried_next": "carry_next"}[what]
        cell = t3.cell(key, "total")
        v = _val(cell)
        if v is None:
            return None
        accept = {v}
        cells = [cell]
        desc = {"received": _("table 3 一、本年新收 总计"), "decided": _("table 3 （七）总计"),
                "carried_next": _("table 3 四、结转下年度继续办理 总计")}[what]
        if what == "received":
            carried = t3.cell("carried", "total")
            if _val(carried) is not None:
                accept.add(v + _val(carried))
                cells.append(carried)
                desc += _(" (or 新收 + 上年结转)")
        return accept, cells, desc
    if what in ("review", "litigation") and t4 is not None:
        groups = ["review"] if what == "review" else ["direct", "after"]
        cells = [t4.cell("data", f"{g}.total") for g in groups]
        vals = [_val(c) for c in cells]
        if any(v is None for v in vals):
            return None
        return {sum(vals)}, cells, _("table 4 行政复议总计") if what == "review" else _("table 4 行政诉讼总计 (两栏之和)")
    if what == "in_force" and t2 is not None:
        rows = [r for r, w in (("rules", "规章"), ("normative", "规范性文件")) if w in window] or ["rules", "normative"]
        cells = [t2.cell(r, "现行有效件数") for r in rows]
        if any(_val(c) is None for c in cells):
            return None
        return {sum(_val(c) for c in cells)}, cells, _("table 2 现行有效件数")
    return None


@rule("DL401", "prose-table", "error")
def check(ctx):
    """Figures stated in the text disagree with the tables.

    **What it checks.** 收到申请N件 against table 3 一、本年新收 总计 (reports use it for 新收 alone
    or for 新收 + 上年结转: either is accepted), 办结N件 against （七）总计, 结转下年度N件 against
    四、结转下年度继续办理, 行政复议N件 against table 4's 复议总计, 行政诉讼N件 against the two litigation
    totals, 现行有效N件 against table 2. The finding points at the number in the text; the related
    span is the table cell. Blank cells are not read as zero: no check then.

    **Why it matters.** The prose is what most readers read; if it disagrees with the table, one
    of them is wrong.

    **Example.** ``全年共收到政府信息公开申请25件`` while table 3 says 新收 总计 23.

    **How to fix.** Correct the text or the table.

    【中文】
    正文所述数字与统计表不一致。

    **检查内容。** “收到申请N件”对照表三“一、本年新收”的总计（有的报告指本年新收，有的指本年新收加上年结转，两种都认可），
    “办结N件”对照“（七）总计”，“结转下年度N件”对照“四、结转下年度继续办理”，“行政复议N件”对照表四复议总计，
    “行政诉讼N件”对照两栏诉讼总计之和，“现行有效N件”对照表二。问题定位在正文中的数字上，相关位置为表中单元格。
    单元格空白时不按零计算，不作检查。

    **问题影响。** 多数读者只看正文；正文与统计表不一致，二者必有一错。

    **示例。** 正文写 ``全年共收到政府信息公开申请25件``，表三新收总计却是 23。

    **修改方法。** 更正正文或统计表。
    """
    if not ctx.tables:
        return
    for p in ctx.document.paragraphs():
        text = ascii_digits(p.text)
        for what, pat in PATTERNS:
            for m in pat.finditer(text):
                if re.match(r"\s*(?:余|多)", text[m.end(1):m.end(1) + 1]) or text[max(0, m.start(1) - 2):m.start(1)].endswith(("约", "近", "超过")):
                    continue
                t = _targets(ctx, what, text[max(0, m.start() - 10):m.end()])
                if t is None:
                    continue
                accept, cells, desc = t
                n = Decimal(m.group(1))
                if n not in accept:
                    yield Finding(p.ptext.span(m.start(1), m.end(1)),
                                  _("the text says {text}, but {cell} is {values}", text=m.group(0).strip(), cell=desc,
                                    values=_(" or ").join(str(a) for a in sorted(accept))),
                                  [Related(c.value.span, desc) for c in cells], suggestion=str(min(accept)))
