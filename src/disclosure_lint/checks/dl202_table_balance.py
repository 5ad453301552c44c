"""DL202: table-balance."""
from __future__ import annotations

from ..arith import identity_findings
from ..registry import rule


@rule("DL202", "table-balance", "error")
def check(ctx):
    """Table 3, each column: 一（本年新收）+ 二（上年结转）=（七）总计 + 四（结转下年度继续办理）, the relation the template prints in its top-left cell.

    **What it checks.** The identity is declared in the edition file (`rules/<edition>.toml`,
    `[[identities]]` with `code = "DL202"`) and evaluated in exact decimal arithmetic. Blank and
    not-applicable cells are never read as zero: an identity with blank cells is not checked, and one
    info finding per table says which cells were blank.

    **Why it matters.** These relations (勾稽关系) are what evaluators check first; a table that does
    not reconcile is marked down as 数据不准确 whatever the prose says.

    **Example.** 新收 10 + 结转 2 = 12, but 总计 9 + 结转下年度 2 = 11.

    **How to fix.** Every application received or carried over is either decided this year or carried forward: find the request that was counted twice or not at all.
    """
    for f in identity_findings(ctx):
        if f.code == "DL202":
            yield f
