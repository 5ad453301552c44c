"""DL201: table-row-total."""
from __future__ import annotations

from ..arith import identity_findings
from ..registry import rule


@rule("DL201", "table-row-total", "error")
def check(ctx):
    """Table 3, each row: 总计 equals the sum of the six applicant columns.

    **What it checks.** The identity is declared in the edition file (`rules/<edition>.toml`,
    `[[identities]]` with `code = "DL201"`) and evaluated in exact decimal arithmetic. Blank and
    not-applicable cells are never read as zero: an identity with blank cells is not checked, and one
    info finding per table says which cells were blank.

    **Why it matters.** These relations (勾稽关系) are what evaluators check first; a table that does
    not reconcile is marked down as 数据不准确 whatever the prose says.

    **Example.** A row reads 自然人 5, 商业企业 2, the rest 0, 总计 8: `总计 8 ≠ 5 + 2 + 0 + 0 + 0 + 0 = 7`.

    **How to fix.** Recount the row; the suggestion is the total that the parts give. When one wrong cell breaks its row and its column, the finding points at that cell instead.
    """
    for f in identity_findings(ctx):
        if f.code == "DL201":
            yield f
