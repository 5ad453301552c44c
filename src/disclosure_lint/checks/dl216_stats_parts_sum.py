"""DL216: stats-parts-sum."""
from __future__ import annotations

from decimal import Decimal

from ..engine.diagnostics import Finding, Related
from ..i18n import _
from ..document.indicators import breakdown_parts, column_name, indicator_views, is_other_part, number, row_name
from ..engine.registry import rule


@rule("DL216", "stats-parts-sum", "error")
def check(ctx):
    """A complete 其中 list of the 2008-era 统计表 whose parts do not add up to the total.

    **What it checks.** A breakdown the edition file declares ``exhaustive = "with-other"`` (the
    application channels under 受理依申请公开信息总数, the kinds of answer under 对申请的答复总数) is
    complete when the table lists a 其他 part (6.其它形式申请数, 4.其他类型答复数); then the parts
    must add up to the total, in each column. Without a 其他 part the 2008 lists are often not
    exhaustive (电子邮件 or 其他形式 left out), and no sum is checked. Blank cells are not read as
    zero: a column with a blank part is not checked.

    **Why it matters.** A complete list that does not add up means the total or one of the parts
    is wrong; the table cannot say which, and neither does this finding.

    **Example.** ``对申请的答复总数 | 条 | 3`` with ``同意公开 2``, ``同意部分公开 0``,
    ``否决公开 0``, ``其他类型 0``: 2 ≠ 3.

    **How to fix.** Find the wrong figure (the total or any part) and correct it.

    【中文】
    2008年版统计表中完整列出的“其中”项之和不等于总数。

    **检查内容。** 版本文件声明为 ``exhaustive = "with-other"`` 的分项（受理依申请公开信息总数下的各申请
    方式、对申请的答复总数下的各类答复），在表中列有“其他”项（6.其它形式申请数、4.其他类型答复数）时视为
    完整，各栏的分项之和应等于总数。未列“其他”项时，2008年版的分项往往并不完整（未列电子邮件或其他形式），
    不核对合计。空白格不视为零：有空白分项的栏不核对。

    **为何重要。** 完整的分项之和与总数不符，说明总数或某一分项有误；表格本身无法判断是哪一个，本提示也
    不作推断。

    **示例。** ``对申请的答复总数 | 条 | 3``，而同意公开2、同意部分公开0、否决公开0、其他类型0：2 ≠ 3。

    **修改方法。** 找出有误的数字（总数或任一分项）并更正。
    """
    for _name, view, schema in indicator_views(ctx):
        for spec in schema.get("breakdowns", []):
            if spec.get("exhaustive") != "with-other":
                continue
            whole = spec["whole"]
            parts = breakdown_parts(view, spec)
            if len(parts) < 2 or not any(is_other_part(schema, view, k) for k in parts):
                continue
            for col in view.columns:
                wcell = number(view, whole, col)
                cells = [number(view, k, col) for k in parts]
                if wcell is None or any(c is None for c in cells):
                    continue
                s = sum((Decimal(c.value.value) for c in cells), Decimal(0))
                w = Decimal(wcell.value.value)
                if s != w:
                    yield Finding(wcell.value.span,
                                  _("“{whole}” ({column}) is {total}, but its 其中 rows, which end with a 其他 row and so "
                                    "list every case, add up to {arith} = {sum}; the total or any of the parts may "
                                    "be wrong", whole=row_name(schema, view, whole), column=column_name(schema, col),
                                    total=wcell.value.raw or wcell.text,
                                    arith=" + ".join(c.value.raw or c.text for c in cells), sum=s),
                                  [Related(c.value.span, _("part “{part}” {value}", part=row_name(schema, view, k),
                                                           value=c.value.raw or c.text))
                                   for k, c in zip(parts, cells)])
