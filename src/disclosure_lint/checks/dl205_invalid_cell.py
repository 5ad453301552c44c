"""DL205: invalid-cell."""
from __future__ import annotations

from decimal import Decimal

from ..document.cells import value_like
from ..engine.diagnostics import Finding, Related, Severity
from ..document import Blank, Number, TextValue
from ..i18n import _
from ..document.normalize import label_key
from ..engine.registry import rule


def _row_names(ctx, name) -> dict:
    schema = ctx.edition.tables.get(name, {}) if ctx.edition else {}
    return {r["key"]: r["label"] for r in schema.get("rows", [])}


@rule("DL205", "invalid-cell", "error")
def check(ctx):
    """A cell of table 2, 3 or 4 that cannot hold what it holds.

    **What it checks.**
    - a negative count, or a fractional count (table 2's 本年增/减 may be negative; amounts in
      万元 may have decimals);
    - text in a cell that must hold a number (``见附件``), or a figure that is not exact (``约5``,
      ``5件左右``, ``二十余件``) — one finding at that cell; the row keeps its other columns. Chinese
      numerals (``二十七``, ``一万二千``, ``壹佰``) and a unit after the figure (``27件``) are read as
      numbers;
    - a unit that contradicts the column header (``元`` under a 万元 header);
    - a blank 总计 whose parts are not all zero (info: some publishers leave the whole 总计
      column blank, which is not an error of arithmetic but leaves the table unchecked).

    **Why it matters.** Statistical tables are counts; a negative or fractional count, or a figure
    written as text, cannot be added up and usually hides a typing error.

    **Example.** ``（一）予以公开 | 3 | -1 | 0 …`` → ``a count cannot be negative: -1``.

    **How to fix.** Write a non-negative whole number, ``0`` for none; put units in the header.

    【中文】
    表二、表三或表四中填写了不可能成立的数值。

    **检查内容。**
    - 件数为负数或小数（表二“本年增/减”可以为负；以万元为单位的金额可以有小数）；
    - 应填数字的单元格填了文字（``约5``、``5件左右``）；
    - 数值单位与表头不符（表头为万元，单元格写“元”）；
    - 总计为空、但各分项并非全为零（提示：有的单位整列总计留空，这不是算术错误，但会导致该表无法核验）。

    **问题影响。** 统计表填的是件数；负数、小数或文字无法相加，通常掩盖着录入错误。

    **示例。** ``（一）予以公开 | 3 | -1 | 0 …`` → ``表三：件数不能是负数：-1``。

    **修改方法。** 填写非负整数，没有的填 ``0``；单位写在表头中。
    """
    views = ctx.tables
    for name, view in views.items():
        names = _row_names(ctx, name)
        columns: dict[str, tuple[bool, bool, bool]] = {}  # what a column's header says, read once per column
        for (r, c), cell in view.cells.items():
            v = cell.value
            if type(v) is Number and type(v.value) is int and v.value >= 0 and v.unit is None:
                continue  # most cells: a whole count, not negative, no unit: nothing below can apply
            if isinstance(v, TextValue):
                if value_like(cell.text):
                    yield Finding(v.span, _("{table}: “{text}” is not an exact count; a statistical table needs "
                                            "the figure itself (“{row}” × {column})",
                                            table=name, text=cell.text, row=names.get(r, r), column=c))
                    continue
                yield Finding(v.span, _("{table}: “{text}” is text where a number is expected (“{row}” × {column})",
                                        table=name, text=cell.text, row=names.get(r, r), column=c))
                continue
            if not isinstance(v, Number):
                continue
            flags = columns.get(c)
            if flags is None:
                header = label_key(c) if name == "table2" else c
                flags = columns[c] = (name == "table2" and "增" in header and "减" in header,
                                      name == "table2" and ("金额" in header or "万元" in header), "万元" in header)
            signed_ok, money, in_wan = flags
            if v.value < 0 and not signed_ok:
                yield Finding(v.span, _("{table}: a count cannot be negative: {value}", table=name, value=v.raw),
                              suggestion=str(abs(v.value)))
            elif isinstance(v.value, Decimal) and v.value != v.value.to_integral_value() and not money:
                yield Finding(v.span, _("{table}: a count cannot be fractional: {value}", table=name, value=v.raw))
            if money and v.unit == "元" and in_wan:
                yield Finding(v.span, _("{table}: the value is in 元 but the column is in 万元", table=name),
                              severity=Severity.WARNING)
        if name == "table3":
            parts = view.columns[:-1]
            for r in view.row_order:
                total = view.cell(r, "total")
                if total is None or not isinstance(total.value, Blank):
                    continue
                nz = [view.cell(r, c) for c in parts if view.cell(r, c) is not None
                      and isinstance(view.cell(r, c).value, Number) and view.cell(r, c).value.value != 0]
                if nz:
                    # the sum is a suggestion only when every part is a figure: a blank part is not zero
                    known = all(view.cell(r, c) is not None and isinstance(view.cell(r, c).value, Number)
                                for c in parts)
                    yield Finding(total.value.span,
                                  _("table3: 总计 of “{row}” is blank although its parts are not all zero "
                                    "({parts}); the row total cannot be checked", row=names.get(r, r),
                                    parts=" + ".join(str(x.value.value) for x in nz)),
                                  [Related(x.value.span, _("a non-zero part")) for x in nz],
                                  suggestion=str(sum(x.value.value for x in nz)) if known else None,
                                  severity=Severity.INFO)
