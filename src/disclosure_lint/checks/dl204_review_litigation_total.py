"""DL204: review-litigation-total."""
from __future__ import annotations

from ..arith import identity_findings
from ..registry import rule


@rule("DL204", "review-litigation-total", "error")
def check(ctx):
    """Table 4, each of its three blocks (行政复议, 未经复议直接起诉, 复议后起诉): 总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结.

    **What it checks.** The identity is declared in the edition file (`rules/<edition>.toml`,
    `[[identities]]` with `code = "DL204"`) and evaluated in exact decimal arithmetic. Blank and
    not-applicable cells are never read as zero: an identity with blank cells is not checked, and one
    info finding per table says which cells were blank.

    **Why it matters.** These relations (勾稽关系) are what evaluators check first; a table that does
    not reconcile is marked down as 数据不准确 whatever the prose says.

    **Example.** 行政复议 1, 0, 0, 0 and 总计 2.

    **How to fix.** Recount the block; the suggestion is the total the parts give.
    """
    for f in identity_findings(ctx):
        if f.code == "DL204":
            yield f
