"""DL402: all-upheld."""
from __future__ import annotations


from ..engine.diagnostics import Finding, Related
from ..document import Number
from ..i18n import _
from ..facts.breakdowns import sentence_start
from ..engine.registry import rule
from ..source.lazy_re import lazy

# “均获维持”, “均予维持”, “全部维持”: every case ended with the decision upheld.
_UPHELD = lazy(r"(?:均|全部|都|皆)(?:已)?(?:获得?|予以?|被|得到|获)?(?:了)?(?:依法)?维持")
# “均已结案”, “均已审结”: no case is pending.
_CLOSED = lazy(r"(?:均|全部|都)(?:已|已经)(?:结案|审结|办结)")
_LABELS = {"corrected": "结果纠正", "other": "其他结果", "pending": "尚未审结"}
_GROUPS = {"review": "行政复议", "direct": "行政诉讼（未经复议直接起诉）", "after": "行政诉讼（复议后起诉）"}


def _groups(sentence: str, at: int) -> list[str]:
    """The table-4 groups the claim at *at* speaks of, from what the sentence names before it."""
    before = sentence[:at]
    review = "复议" in before
    litigation = "诉讼" in before
    if review and litigation:
        return ["review", "direct", "after"]
    if review:
        return ["review"]
    if litigation:
        return ["direct", "after"]
    return []


@rule("DL402", "all-upheld", "error")
def check(ctx):
    """The text says every 复议 or 诉讼 case was upheld (or closed) while table 4 says otherwise.

    **What it checks.** A sentence that names 行政复议 and/or 行政诉讼 and then says the cases
    “均获维持” / “均予维持” / “全部维持” is compared with table 4: the groups it names must have no
    结果纠正, 其他结果 or 尚未审结 case. “均已结案” / “均已审结” is compared with 尚未审结 alone.
    Blank cells are not read as zero, and not as cases either: only numbers above zero contradict.

    **Why it matters.** “All upheld” is the sentence readers quote; if the table shows a corrected
    or pending case, the text overstates the agency's record.

    **Example.** ``信息公开类行政复议7件，诉讼9件，均获维持`` while table 4 shows 2 行政复议 cases
    尚未审结.

    **How to fix.** Say what the table says (“维持5件、尚未审结2件”), or correct the table.

    【中文】
    正文称行政复议、行政诉讼案件“均获维持”或“均已结案”，而表四显示并非如此。

    **检查内容。** 提及行政复议和（或）行政诉讼、随后称“均获维持”“均予维持”“全部维持”的句子，与表四
    核对：所提及的各栏不得有结果纠正、其他结果或尚未审结的案件。“均已结案”“均已审结”只与尚未审结核对。
    空白格不视为零，也不视为有案件：只有大于零的数字才构成矛盾。

    **为何重要。** “均获维持”是读者最常引用的表述；表中若有被纠正或尚未审结的案件，正文就夸大了本机关的
    应诉结果。

    **示例。** ``信息公开类行政复议7件，诉讼9件，均获维持``，而表四行政复议尚未审结2件。

    **修改方法。** 按表中数据如实表述（如“维持5件、尚未审结2件”），或更正表格。
    """
    t4 = ctx.tables.get("table4")
    if t4 is None:
        return
    for p in ctx.paragraphs:
        text = p.text
        for pat, cols, what, word in ((_UPHELD, ("corrected", "other", "pending"), "upheld", "维持"),
                                      (_CLOSED, ("pending",), "closed", "结")):
            if word not in text:
                continue  # every match of the pattern holds this word: a C scan instead of a search
            for m in pat.finditer(text):
                a = sentence_start(text, "。；;", m.start())
                groups = _groups(text[a:m.start()], m.start() - a)
                bad = []
                for g in groups:
                    for c in cols:
                        cell = t4.cell("data", f"{g}.{c}")
                        if cell is not None and isinstance(cell.value, Number) and cell.value.value > 0:
                            bad.append((g, c, cell))
                if not bad:
                    continue
                said = m.group(0)
                listing = "、".join(f"{_GROUPS[g]}{_LABELS[c]} {cell.value.raw or cell.text}" for g, c, cell in bad)
                if what == "upheld":
                    msg = _("the text says “{said}”, but table 4 has cases that were not upheld: {listing}",
                            said=said, listing=listing)
                else:
                    msg = _("the text says “{said}”, but table 4 has cases still pending: {listing}",
                            said=said, listing=listing)
                yield Finding(p.ptext.span(m.start(), m.end()), msg,
                              [Related(cell.value.span, f"{_GROUPS[g]}{_LABELS[c]}") for g, c, cell in bad])
