"""DL401: prose-table."""
from __future__ import annotations

from decimal import Decimal

from ..engine.diagnostics import Finding, Related
from ..document import Number
from ..i18n import _
from ..facts.breakdowns import sentence_start, next_mark
from ..facts.numbers import is_approx
from ..engine.registry import rule
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

_CUMULATIVE_WORD = lazy(r"累计|历年|截至")
_CHANNEL = lazy(r"(?:网上|网络|信函|当面|传真|邮件|邮寄)(?:方式)?申请")

_W = r"[^。；;，,\d]"
_U = r"(?:件|个|条|份|宗)"
_YEAR = r"(?:下一?年度?|次年|明年|\d{4}年度?)"
# A pattern whose number comes first starts with one digit and looks behind it: (\d(?<![\d.]\d)\d*) is
# (?<![\d.])(\d+), found faster; others have a guard on their first character. The same matches.
PATTERNS = (
    ("received", compile_re(rf"(?:收到|受理|接收|接到|新收){_W}{{0,16}}?申请{_W}{{0,8}}?(?<![\d.])(\d+)\s*(?:件|个|条|份|宗)")),
    # 收到70件申请, 受理3件政府信息公开申请
    ("received", compile_re(rf"(?:收到|受理|接收|接到|新收)(?:了)?(?:各类)?(?<![\d.])(\d+)\s*{_U}(?:政府信息公开|依申请公开|信息公开)?(?:的)?申请")),
    ("decided", lazy(rf"办结(?!率){_W}{{0,6}}?(?<![\d.])(\d+)\s*(?:件|个|条|份|宗)")),
    ("carried_next", lazy(rf"(?:结转(?:至|到)?{_YEAR}|转入{_YEAR}){_W}{{0,8}}?(?<![\d.])(\d+)\s*{_U}")),
    # 另有72件申请顺延到下年度答复
    ("carried_next", lazy(rf"(\d(?<![\d.]\d)\d*)\s*{_U}(?:申请)?(?:顺延|延期|结转)(?:至|到){_YEAR}")),
    # 1件结转下年度继续办理
    ("carried_next", lazy(rf"(\d(?<![\d.]\d)\d*)\s*{_U}(?:申请)?(?:结转|转入)(?:至|到)?{_YEAR}")),
    ("natural", lazy(rf"(?=[涉来自])(?:涉及|来自)?自然人(?:提出|提交|申请)?(?:的)?(?:申请)?(?:为|共)?(?<![\d.])(\d+)\s*{_U}")),
    ("commercial", lazy(rf"商业企业(?:提出|提交|申请)?(?:的)?(?:申请)?(?:为|共)?(?<![\d.])(\d+)\s*{_U}")),
    ("legal_persons", lazy(rf"法人(?:或|和|及)其他组织(?:提出|提交|申请)?(?:的)?(?:申请)?(?:为|共)?(?<![\d.])(\d+)\s*{_U}")),
    ("open_partial", lazy(rf"予以公开(?:及|和|、|与|或)部分公开(?:的)?(?:为|共)?(?<![\d.])(\d+)\s*{_U}")),
    ("open", lazy(rf"(?=予)(?<!部分)(?<!不)(?<!不予)予以公开(?![及和、与或]部分公开)(?:的)?(?:为|共)?(?<![\d.])(\d+)\s*{_U}")),
    ("review", compile_re(rf"行政复议(?!和|及|、){_W}{{0,6}}?(?<![\d.])(\d+)\s*(?:件|起|宗|个|次)")),
    # 收到1份有关政府信息公开行政复议申请
    ("review", compile_re(r"(\d(?<![\d.]\d)\d*)\s*(?:件|起|宗|份)[^。；;，,、\d]{0,14}?行政复议(?:申请|案件)")),
    ("litigation", compile_re(rf"行政诉讼{_W}{{0,6}}?(?<![\d.])(\d+)\s*(?:件|起|宗|个|次)")),
    # 行政复议7件，诉讼9件
    ("litigation", compile_re(r"行政复议[^。；;\d]{0,10}?\d+\s*(?:件|起|宗)[，,、和及]\s*诉讼(?:案件)?(?<![\d.])(\d+)\s*(?:件|起|宗)")),
    ("in_force", lazy(rf"现行有效{_W}{{0,12}}?(?<![\d.])(\d+)\s*(?:件|个|部|项)")),
    # the 2008-era 统计表
    ("proactive", compile_re(r"主动公开(?:政府)?信息(?:数为|数|总数|总量)?(?:为|共|共计)?\s*(?<![\d.])(\d+)\s*(?:条|件)")),
    # 答复总数N条, 对依申请公开的答复数N条 (not 同意公开答复数N条, a part)
    ("replies", compile_re(rf"(?:答复总数|对[^。；;，,、\d]{{0,10}}的答复(?:总数|数)?)(?:为|共|共计)?(?<![\d.])(\d+)\s*{_U}")),
    ("answer_partial", lazy(rf"同意部分公开(?:答复)?(?:数)?(?:为|共)?(?<![\d.])(\d+)\s*{_U}")),
    ("answer_open", lazy(rf"(?<!部分)同意公开(?:答复)?(?:数)?(?:为|共)?(?<![\d.])(\d+)\s*{_U}")),
    ("channel", compile_re(rf"(网上|网络|信函|当面|传真|电子邮件)(?:、(?:传真|信函))?(?:方式)?申请(?:数)?(?:为|共)?(?<![\d.])(\d+)\s*{_U}")),
)
# Words each pattern above cannot match without (one of them at least): looked for with
# str.__contains__ (a fast search in C) before the pattern runs, even for a pattern whose first
# characters let the engine skip, since most paragraphs lack most of these words.
_NEEDS = (("申请",), ("申请",), ("办结",), ("结转", "转入"), ("顺延", "延期", "结转"), ("结转", "转入"), ("自然人",),
          ("商业企业",), ("其他组织",), ("部分公开",), ("予以公开",), ("行政复议",), ("行政复议",), ("行政诉讼",),
          ("诉讼",), ("现行有效",), ("主动公开",), ("答复",), ("同意部分公开",), ("同意公开",), ("申请",))
assert len(_NEEDS) == len(PATTERNS) and all(_NEEDS)


def _word_tree(needs) -> tuple:
    """Each word of *needs* once, as (word, indices of the patterns that need it, the words that contain
    it): a word inside another is looked for first, and the longer one only where it is found."""
    words = list(dict.fromkeys(w for ws in needs for w in ws))
    users = {w: tuple(k for k, ws in enumerate(needs) if w in ws) for w in words}
    parent = {w: max((o for o in words if o != w and o in w), key=len, default=None) for w in words}

    def node(w):
        return w, users[w], tuple(node(c) for c in words if parent[c] == w)
    return tuple(node(w) for w in words if parent[w] is None)


_NEEDS_TREE = _word_tree(_NEEDS)


def _patterns_for(text: str) -> list[int]:
    """The indices of the PATTERNS whose words (_NEEDS) *text* holds, in order: each word looked for once."""
    wanted: set[int] = set()
    todo = list(_NEEDS_TREE)
    while todo:
        w, ks, inner = todo.pop()
        if w in text:
            wanted.update(ks)
            todo.extend(inner)
    return sorted(wanted)
# Every pattern above reads digits and a measure word: a paragraph without one is passed at once.
_FIGURE = lazy(r"\d\s*[件个条份宗起次部项]")
# What _FIGURE finds, searched for from the measure word (a class of a few characters, passed in C;
# the \d of _FIGURE is a Unicode category test at every character): a measure word right after a
# digit or a space; after a space, the spaces are stepped over to the digit (isspace / isdecimal are
# the pattern's \s and \d).
_FIGURE_UNIT = compile_re(r"[件个条份宗起次部项](?<=[\d\s].)")


def _has_figure(text: str) -> bool:
    """``_FIGURE.search(text) is not None``."""
    search = _FIGURE_UNIT.search
    c = search(text)
    while c is not None:
        i = c.start() - 1
        while i >= 0 and text[i].isspace():
            i -= 1
        if i >= 0 and text[i].isdecimal():
            return True
        c = search(text, c.end())
    return False
# A figure about something else (审批 applications, complaints, hotline cases) is not a disclosure figure.
_ELSEWHERE = compile_re(r"审批|咨询|投诉|信访|办件|热线|12345|服务事项|诉求|来信|建议|提案|许可")
_ABOUT = lazy(r"公开|依申请")
# 主动公开政府信息N条 is the year's whole only when nothing narrows it (各乡镇…, 区直各部门…).
_WHOLE_PREFIX = lazy(r"^(?:\d{4}年度?|全年|本年度?|今年|[，,\s]|全区|全县|全市|全镇|全乡|我区|我县|我市|我镇|我乡|我局|我委|"
                     r"我办|本机关|本单位|本局|本部门|共|累计|共计|总计|一共|新增)*$")
_CHANNELS = {"网上": "requests_online", "网络": "requests_online", "当面": "requests_in_person",
             "传真": "requests_fax", "电子邮件": "requests_email", "信函": "requests_letter"}


def _val(cell):
    return Decimal(cell.value.value) if cell is not None and isinstance(cell.value, Number) else None


def _t3_figure(t3, row: str, cols: list[str], desc: str, with_carried: bool):
    cells = [t3.cell(row, c) for c in cols]
    vals = [_val(c) for c in cells]
    if any(v is None for v in vals):
        return None
    accept = {sum(vals)}
    if with_carried:
        carried = [t3.cell("carried", c) for c in cols]
        cv = [_val(c) for c in carried]
        if all(v is not None for v in cv):
            accept.add(sum(vals) + sum(cv))
            cells += carried
            desc += _(" (or 新收 + 上年结转)")
    return accept, cells, desc


def _stats_targets(ctx, what: str, window: str, m):
    """Targets in the 2008-era 统计表 (本年度 column)."""
    st = ctx.tables.get("stats")
    if st is None:
        return None
    if what == "channel":
        word = m.group(1)
        if "、" in m.group(0) or (word == "信函" and "requests_letter" not in st.rows):
            row = "requests_letter_fax"
        else:
            row = _CHANNELS.get(word)
    else:
        row = {"received": "requests", "decided": "replies", "replies": "replies", "review": "review",
               "litigation": "litigation", "proactive": "proactive", "answer_open": "replies_open",
               "answer_partial": "replies_partial"}.get(what)
    if row is None or row not in st.rows:
        return None
    cell = st.cell(row, "year")
    v = _val(cell)
    if v is None:
        return None
    from ..document.indicators import row_name

    label = row_name(ctx.edition.tables.get("stats", {}), st, row)
    if _CUMULATIVE_WORD.search(window):
        # “累计主动公开…”: the writer may mean the 历年累计 column, or the year's running count
        cum = st.cell(row, "cumulative")
        if _val(cum) is not None:
            return {v, _val(cum)}, [cell, cum], _("the 统计表's {label} (本年度 or 历年累计)", label=label)
    return {v}, [cell], _("the 统计表's {label} (本年度)", label=label)


def _targets(ctx, what: str, window: str, m=None):
    """[(acceptable values, cells used, description)] for one kind of figure."""
    t3, t4, t2 = ctx.tables.get("table3"), ctx.tables.get("table4"), ctx.tables.get("table2")
    if t3 is None and t4 is None and t2 is None:
        return _stats_targets(ctx, what, window, m)
    if what in ("natural", "commercial", "legal_persons") and t3 is not None:
        cols = {"natural": ["natural"], "commercial": ["commercial"],
                "legal_persons": ["commercial", "research", "welfare", "legal", "other"]}[what]
        desc = {"natural": _("table 3 一、本年新收 自然人"), "commercial": _("table 3 一、本年新收 商业企业"),
                "legal_persons": _("table 3 一、本年新收 法人或其他组织")}[what]
        return _t3_figure(t3, "new", cols, desc, True)
    if what in ("open", "open_partial") and t3 is not None:
        rows = ["open"] if what == "open" else ["open", "partial"]
        cells = [t3.cell(r, "total") for r in rows]
        if any(_val(c) is None for c in cells):
            return None
        return {sum(_val(c) for c in cells)}, cells, (_("table 3 （一）予以公开 总计") if what == "open"
                                                      else _("table 3 （一）予以公开 + （二）部分公开 总计"))
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
    totals, 现行有效N件 against table 2. Also read: 收到N件申请, N件结转 / 结转至次年(2026年)N件,
    涉及自然人N件 / 商业企业N件 / 法人或其他组织N件 (新收, or 新收 + 上年结转), 予以公开N件 and
    予以公开及部分公开N件, N份…行政复议申请. In a pre-2019 report with the 政府信息公开情况统计表
    (``rules/2008.toml``): 主动公开政府信息N条 (the year's whole only — not 各乡镇…N条), 收到申请N件,
    答复总数N条, 同意(部分)公开答复N条, 网上 / 信函 / 当面 / 传真 / 电子邮件申请N件, 行政复议N件,
    行政诉讼N件 (or 行政复议N件，诉讼M件) against the
    本年度 column (累计 figures may also be the 历年累计 column). Sentences about 审批, 咨询, 投诉,
    信访 or hotline cases are not compared, nor is one channel's count read as the total. The
    finding points at the number in the text; the related span is the table cell. Blank cells are
    not read as zero: no check then.

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
    for p, text in ctx.prose:
        if not _has_figure(text):
            continue  # no pattern can match: each reads a number and its measure word
        seen: set[tuple[int, int]] = set()
        for k in _patterns_for(text):
            what, pat = PATTERNS[k]
            for m in pat.finditer(text):
                g = m.lastindex or 1  # the number is the last group
                if is_approx(text, m.start(g), m.end(g)):
                    continue
                if (m.start(g), m.end(g)) in seen or not _about_disclosure(text, m, what):
                    continue
                t = _targets(ctx, what, text[max(0, m.start() - 12):m.end()], m)
                if t is None:
                    continue
                seen.add((m.start(g), m.end(g)))
                accept, cells, desc = t
                n = Decimal(m.group(g))
                if n not in accept:
                    yield Finding(p.ptext.span(m.start(g), m.end(g)),
                                  _("the text says {text}, but {cell} is {values}", text=m.group(0).strip(), cell=desc,
                                    values=_(" or ").join(str(a) for a in sorted(accept))),
                                  [Related(c.value.span, desc) for c in cells], suggestion=str(min(accept)))


def _about_disclosure(text: str, m, what: str) -> bool:
    """Whether the sentence around *m* speaks of disclosure figures (not 审批 cases or complaints)."""
    if what == "in_force":
        return True
    a = sentence_start(text, "。；", m.start())
    z = next_mark(text, "。", m.end())
    if _ELSEWHERE.search(text, a, z):
        return False
    if what == "proactive":
        clause_start = sentence_start(text, "，,。；;：:", m.start(), 60)
        return bool(_WHOLE_PREFIX.match(text[clause_start:m.start()]))
    if what == "received" and _CHANNEL.search(m.group(0)):
        return False  # one channel, not the year's total
    return bool(_ABOUT.search(text, max(0, a - 200), z))
