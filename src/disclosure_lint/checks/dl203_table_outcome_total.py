"""DL203: table-outcome-total."""
from __future__ import annotations

from ..arith import identity_findings
from ..registry import rule


@rule("DL203", "table-outcome-total", "error")
def check(ctx):
    """Table 3, each column: （七）总计 equals the sum of every outcome row: （一）,（二）, and the numbered rows under （三）to（六）.

    **What it checks.** The identity is declared in the edition file (`rules/<edition>.toml`,
    `[[identities]]` with `code = "DL203"`) and evaluated in exact decimal arithmetic. Blank and
    not-applicable cells are never read as zero: an identity with blank cells is not checked, and one
    info finding per table says which cells were blank.

    **Why it matters.** These relations (勾稽关系) are what evaluators check first; a table that does
    not reconcile is marked down as 数据不准确 whatever the prose says.

    **Example.** （一）予以公开 3 + （四）1. 本机关不掌握 2 = 5, but （七）总计 says 6.

    **How to fix.** Add up the outcome rows again; a row left out of the total is the usual cause.
    """
    for f in identity_findings(ctx):
        if f.code == "DL203":
            yield f
