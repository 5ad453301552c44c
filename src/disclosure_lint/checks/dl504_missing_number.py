"""DL504: missing-number."""
from __future__ import annotations


from ..engine.diagnostics import Finding
from ..i18n import _
from ..engine.registry import rule
from ..source.lazy_re import lazy
from ..source.re_cache import compile_re

_MEASURES = "条件个项次份篇期场家起"
_NUMBERED = lazy(rf"(?<![\d０-９])[\d０-９]+\s*([{_MEASURES}])")  # anchored: linear on digit runs
_BARE = lazy(rf"(?<=[\u4e00-\u9fff])([{_MEASURES}])(?=[、，,；;])")
# _BARE's matches within the sentences (split at 。！？!?；;), searched for in the whole paragraph; it
# starts with a character class (a fast search) and looks behind the measure word for the Chinese character.
_BARE_IN_PARAGRAPH = compile_re(rf"[{_MEASURES}](?<=[\u4e00-\u9fff].)(?=[、，,])")
_SENTENCE = lazy(r"[^。！？!?；;]+")
_NUMERALS = set("零〇一二两三四五六七八九十百千万亿几多余数")
# Looser forms of the two patterns, starting with a character class (fast to search for): a paragraph
# where either finds nothing has no finding.
_NUMBERED_SOMEWHERE = compile_re(rf"[\d０-９]\s*[{_MEASURES}]")
_BARE_SOMEWHERE = compile_re(rf"[{_MEASURES}][、，,；;]")
# words that end in a measure word (文件, 事项, 市场, 国家 …): not a missing number
_WORDS = set("文件 诉件 访件 办件 事件 条件 案件 稿件 证件 部件 邮件 信件 附件 软件 硬件 要件 配件 物件 零件 函件 急件 批件 来件 "
             "整个 各个 那个 这个 每个 事项 款项 选项 专项 单项 各项 多项 立项 强项 弱项 "
             "层次 其次 依次 首次 屡次 档次 名次 批次 人次 班次 频次 再次 多次 逐次 "
             "身份 股份 月份 年份 省份 部份 全篇 长篇 开篇 定期 到期 限期 日期 时期 近期 长期 初期 按期 逾期 周期 同期 "
             "后期 前期 中期 每期 学期 上期 本期 当期 短期 分期 延期 预期 如期 假期 "
             "市场 现场 会场 广场 立场 机场 考场 农场 剧场 战场 商场 全场 登场 到场 在场 专场 主场 赛场 "
             "国家 专家 大家 全家 商家 农家 作家 厂家 店家 东家 行家 "
             "一起 发起 提起 引起 兴起 说起 看起 想起 做起 抓起 建起 撑起 唤起 "
             "信条 线条 面条 金条 萧条 教条 便条 头条 链条 井条 逐条 "
             "一个 一件 一项 一条 一次 一份 一期 一场 一家".split())


@rule("DL504", "missing-number", "warning")
def check(ctx):
    """A measure word where a number should be: “公开核准企业资质条、施工许可证76条”.

    **What it checks.** In a sentence that lists counts (“…76条”), an item whose measure word
    (条, 件, 个, 项, 次, 份 …) follows a noun directly, with no number before it. Words that end in
    a measure word (文件, 事项, 市场, 国家 …) are not reported.

    **Why it matters.** The figure was lost in editing; the sentence now states nothing.

    **Example.** ``全年公开核准企业资质条、施工许可证76条`` — 资质 has no count.

    **How to fix.** Put the number back (资质N条).

    【中文】
    量词前缺少数字：“公开核准企业资质条、施工许可证76条”。

    **检查内容。** 在列举数量的句子中（“……76条”），某项的量词（条、件、个、项、次、份等）直接跟在名词后面、前面没有数字。
    以量词结尾的词语（文件、事项、市场、国家等）不报告。

    **问题影响。** 数字在编辑中丢失，这句话等于什么也没说。

    **示例。** ``全年公开核准企业资质条、施工许可证76条``——“资质”没有数量。

    **修改方法。** 补上数字（资质N条）。
    """
    for b in ctx.paragraphs:
        text = b.text
        for a, mw in _missing(text):
            word = text[max(0, a - 2):a + 1]
            yield Finding(b.ptext.span(a, a + 1), _("“{word}”: the measure word {measure} has no number before it",
                                                    word=word, measure=mw))


def _missing(text: str) -> list[tuple[int, str]]:
    """(offset, measure word) of each measure word of *text* with no number before it, in a sentence
    that counts with that measure word elsewhere."""
    if not _BARE_SOMEWHERE.search(text) or not _NUMBERED_SOMEWHERE.search(text):
        return []  # where _NUMBERED and _BARE match in a sentence, these match in its paragraph
    # _BARE's matches in the sentences, found by one search of the paragraph: the sentences split at
    # the terminators, and a measure word before one (its sentence's last character) is not followed
    # by 、，, inside its sentence. Only the sentences that hold one are looked at.
    bares = [m.start() for m in _BARE_IN_PARAGRAPH.finditer(text)]
    if not bares:
        return []
    out = []
    k, n = 0, len(bares)
    for sm in _SENTENCE.finditer(text):
        a, z = sm.span()
        if bares[k] >= z:
            continue
        here = []
        while k < n and bares[k] < z:
            here.append(bares[k])
            k += 1
        counted = set(_NUMBERED.findall(sm.group()))
        if counted:
            for p in here:
                mw = text[p]
                if mw not in counted:
                    continue
                if text[p - 1] in _NUMERALS or text[p - 1:p + 1] in _WORDS:
                    continue
                out.append((p, mw))
        if k == n:
            break
    return out
