"""DL308: plan-year."""
from __future__ import annotations

from ..engine.diagnostics import Finding
from ..i18n import _
from ..engine.registry import rule
from ._common import is_annual
from ..source.re_cache import compile_re
from ..source.lazy_re import lazy

_SENTENCE_END = lazy(r"[。；;]")

_PLAN_SECTION = compile_re(r"问题|改进|计划|下一步|下步|打算|措施|思路|安排")

_PLAN = compile_re(r"((?:19|20)\d{2})\s*年\s*[，,]?\s*(?:我们|我局|我区|我县|我市|我委|我办|本机关|本单位|全区|全县|全市)?\s*(?:将|要|计划|拟|准备)")


@rule("DL308", "plan-year", "warning")
def check(ctx):
    """The improvement plan of a year-Y report names year Y instead of Y+1.

    **What it checks.** A sentence such as “2016年，我们将…” in the report for 2016, inside the
    section on problems and improvements (or any section about plans, 下一步, 工作打算): plans made
    in the report are for the following year. “将…了” (将 meaning 把) is a fact, not a plan.

    **Why it matters.** It is the mark of a plan copied from the previous year's report.

    **Example.** In the 2016 report: ``2016年，我们将进一步加强政策解读``.

    **How to fix.** Name the following year (2017年，我们将…), or rewrite the plan.

    【中文】
    Y年度报告的改进计划写的是Y年，而不是Y+1年。

    **检查内容。** 在存在的主要问题及改进情况一节（或其他讲计划、下一步、工作打算的章节）中，2016年度报告出现
    “2016年，我们将……”这样的句子：报告中的计划应针对下一年。“将……了”（“将”作“把”讲）是陈述已做的事，不是计划。

    **问题影响。** 这是照抄上一年度报告工作计划的典型痕迹。

    **示例。** 2016年度报告中：``2016年，我们将进一步加强政策解读``。

    **修改方法。** 改为下一年（2017年，我们将……），或重写工作计划。
    """
    if not is_annual(ctx) or ctx.info.year is None:
        return
    year = ctx.info.year
    for sec in ctx.document.walk_sections():
        if not _PLAN_SECTION.search(sec.title):
            continue
        for p in sec.walk_blocks():
            if not hasattr(p, "ptext"):
                continue
            for m in _PLAN.finditer(p.text):
                clause = _SENTENCE_END.split(p.text[m.end():m.end() + 12], maxsplit=1)[0]
                if int(m.group(1)) != year or "了" in clause[:12]:
                    continue  # 将 as 把 (“将…列入了…”) tells what was done
                yield Finding(p.ptext.span(m.start(1), m.end(1)), _("a plan in the report for {year} names {year}; "
                                                                    "plans are for {next_year}", year=year,
                                                                    next_year=year + 1), suggestion=str(year + 1))
                break
