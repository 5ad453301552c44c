"""DL106: outdated-format."""
from __future__ import annotations

import re
from functools import lru_cache

from ..engine.diagnostics import Finding, Severity
from ..i18n import _
from ..document.normalize import label_key
from ..engine.registry import rule
from ._common import edition_name, is_annual
from ..source.re_cache import compile_re


@lru_cache(maxsize=16)
def _any_of(keys: tuple[str, ...]):
    """A test whether a text holds one of *keys* (as ``any(k in text for k in keys)``)."""
    if not keys:
        return lambda text: False
    if "" in keys:
        return lambda text: True
    return compile_re("|".join(map(re.escape, keys))).search


@rule("DL106", "outdated-format", "error")
def check(ctx):
    """An outdated format: 2019 tables in a report for 2021 on, or the pre-2019 structure from 2019 on.

    **What it checks.**
    - In a report for 2021 or later: labels only the 2019 tables have (本年新制作数量, 对外公开总数量,
      上一年项目数量, 本年增/减, 第二十条第（九）项, …) or a single （六）其他处理 row in table 3
      instead of its three numbered rows.
    - In a report for 2019 or later: headings of the 2008 structure (概述, 收费及减免情况, …).
      For 2019 itself the new format was only encouraged: a warning, not an error.

    **Why it matters.** The format notice of each year (国办公开办函〔2019〕60号, 〔2021〕30号)
    replaced the tables; an old template means the report's figures are not the ones required.

    **Example.** A 2023 report whose table 2 still has ``本年新制作数量`` and ``对外公开总数量``.

    **How to fix.** Copy the tables from the current template and refill them.

    【中文】
    沿用旧版格式：2021年度起仍用2019版统计表，或2019年度起仍用2019年以前的报告结构。

    **检查内容。**
    - 2021年度及以后的报告：出现只有2019版表格才有的栏目（本年新制作数量、对外公开总数量、上一年项目数量、本年增/减、
      第二十条第（九）项等），或表三只有一行“（六）其他处理”而没有细分的三个编号行。
    - 2019年度及以后的报告：出现2008年结构的标题（概述、收费及减免情况等）。2019年度对新格式只是鼓励采用，因此只报警告，不报错误。

    **问题影响。** 每年的格式通知（国办公开办函〔2019〕60号、〔2021〕30号）都更换了统计表；沿用旧模板，意味着报告的数据不是规定要求的数据。

    **示例。** 2023年度报告的表二仍有 ``本年新制作数量`` 和 ``对外公开总数量``。

    **修改方法。** 从现行模板复制统计表，重新填报。
    """
    if not is_annual(ctx):
        return
    info = ctx.info
    year = info.year
    ed = ctx.edition
    if year is None:
        return
    soft = year in ed.encouraged_years
    sev = Severity.WARNING if soft else None
    if year >= 2021:
        wanted = [(label_key(x), x) for x in ed.data.get("outdated_labels", [])]
        holds_one = _any_of(tuple(k for k, _shown in wanted))
        reported = set()
        for t in ctx.document.tables():
            for row in t.rows:
                for cell in row.labels:
                    key = label_key(cell.text)
                    if not holds_one(key):
                        continue  # most labels hold none: one search in C instead of a test per label
                    for k, shown in wanted:
                        if k in key and shown not in reported:
                            reported.add(shown)
                            yield Finding(cell.value.span, _("“{label}” is a label of the 2019 tables; a report for "
                                                             "{year} must use {edition}", label=shown, year=year,
                                                             edition=edition_name(ctx)))
        view = ctx.tables.get("table3")
        if view is not None and "other_0" in view.rows:
            row = view.rows["other_0"]
            yield Finding(row.labels[-1].value.span, _("table 3 has a single （六）其他处理 row, as in the 2019 format; "
                                                       "{edition} splits it into three numbered rows",
                                                       edition=edition_name(ctx)))
    if year >= 2019 and ed.structure:
        old = [label_key(h) for h in ed.data.get("pre2019_headings", [])]
        for sec in ctx.document.sections():
            key = label_key(sec.heading.title.text)
            if any(key == o or key.startswith(o) for o in old):
                yield Finding(sec.heading.title.span(),
                              (_("“{heading}” is a heading of the pre-2019 structure; a report for {year} uses "
                                 "{edition} (for 2019 the new format was encouraged, not required)",
                                 heading=sec.heading.text, year=year, edition=edition_name(ctx)) if soft else
                               _("“{heading}” is a heading of the pre-2019 structure; a report for {year} uses {edition}",
                                 heading=sec.heading.text, year=year, edition=edition_name(ctx))),
                              severity=sev)
