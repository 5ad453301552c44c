"""DL214: stats-part-exceeds-total."""
from __future__ import annotations

from decimal import Decimal

from ..engine.diagnostics import Finding, Related
from ..i18n import _
from ..document.indicators import breakdown_parts, column_name, indicator_views, number, row_name
from ..engine.registry import rule


@rule("DL214", "stats-part-exceeds-total", "error")
def check(ctx):
    """A 其中 row of the 2008-era 统计表 larger than its total, or disjoint parts that together exceed it.

    **What it checks.** In the 政府信息公开情况统计表 (指标名称 / 计量单位 / 本年度 / 历年累计), each
    其中 row (1.网站公开, 2.政府公报公开 under 主动公开信息数; the channels under 受理依申请公开信息总数;
    the kinds of answer under 对申请的答复总数) is at most its total, in each column. Where the
    edition file declares the parts disjoint (an application arrives by one channel, an answer is of
    one kind), the parts that are present together are also at most the total; blank parts are
    not read as zero, but they are not negative either, so the bound holds without them. The
    主动公开 channels may overlap (a document both on the website and in the gazette): only each
    part is bounded there.

    **Why it matters.** A part larger than its whole is always a typing error, and evaluators read
    this table first in a pre-2019 report.

    **Example.** ``受理依申请公开信息总数 | 条 | 7 | 28`` followed by ``其中：1.当面申请数 | 条 | 9 | 18``.

    **How to fix.** Correct the total or the part; write 0 for none.

    【中文】
    2008年版《政府信息公开情况统计表》中，“其中”项大于其总数，或互不重叠的各分项之和大于总数。

    **检查内容。** 统计表（指标名称／计量单位／本年度／历年累计）中，每一“其中”项（主动公开信息数下的
    网站公开、政府公报公开；受理依申请公开信息总数下的各申请方式；对申请的答复总数下的各类答复）在每一栏
    均不得大于其总数。版本文件声明各分项互不重叠的（一件申请只有一种申请方式，一次答复只属一类），已填写
    的各分项之和也不得大于总数；空白格不视为零，但也不会是负数，因此不计空白格时该约束仍然成立。主动公开
    的各渠道可能重叠（同一文件既在网站又在公报公开），只检查单项。

    **为何重要。** 分项大于总数必定是填报错误；评估2019年以前的年报时，评估人员首先核对此表的勾稽关系。

    **示例。** ``受理依申请公开信息总数 | 条 | 7 | 28`` 之后为 ``其中：1.当面申请数 | 条 | 9 | 18``。

    **修改方法。** 更正总数或分项；没有的填0。
    """
    for _name, view, schema in indicator_views(ctx):
        for spec in schema.get("breakdowns", []):
            whole = spec["whole"]
            parts = breakdown_parts(view, spec)
            if not parts:
                continue
            for col in view.columns:
                wcell = number(view, whole, col)
                if wcell is None:
                    continue
                w = Decimal(wcell.value.value)
                present = [(k, number(view, k, col)) for k in parts]
                big = [(k, c) for k, c in present if c is not None and Decimal(c.value.value) > w]
                for k, c in big:
                    yield Finding(c.value.span,
                                  _("“{part}” ({column}) {value} is larger than its total “{whole}” {total}",
                                    part=row_name(schema, view, k), column=column_name(schema, col),
                                    value=c.value.raw or c.text, whole=row_name(schema, view, whole),
                                    total=wcell.value.raw or wcell.text),
                                  [Related(wcell.value.span, _("the total"))])
                if big or not spec.get("disjoint"):
                    continue
                nums = [(k, c) for k, c in present if c is not None]
                s = sum((Decimal(c.value.value) for _k, c in nums), Decimal(0))
                if len(nums) >= 2 and s > w:
                    blanks = [row_name(schema, view, k) for k, c in present if c is None]
                    msg = _("the 其中 rows of “{whole}” ({column}) add up to {sum}, more than the total {total}; "
                            "each item is counted under one of them",
                            whole=row_name(schema, view, whole), column=column_name(schema, col), sum=s,
                            total=wcell.value.raw or wcell.text)
                    if blanks:
                        msg += _(" (blank, not counted: {blanks})", blanks="、".join(blanks))
                    yield Finding(wcell.value.span, msg,
                                  [Related(c.value.span, _("part “{part}” {value}", part=row_name(schema, view, k),
                                                           value=c.value.raw or c.text)) for k, c in nums])
