"""DL010: unchecked-identity."""
from __future__ import annotations

from ..arith import UNCHECKED, identity_findings
from ..registry import rule


@rule("DL010", "unchecked-identity", "info")
def check(ctx):
    """An identity of table 3 or 4 that could not be checked because cells were blank.

    **What it checks.** Nothing is wrong yet: this note says which identity (DL201–DL204) could not
    be evaluated, for how many rows or columns, and which cells were blank or “—”. Blank cells are
    never read as zero, so an identity with a blank term cannot be checked; one note per identity
    and table, with the blank cells as related spans. A blank is not negative either: when the
    present cells already break the identity (a 总计 below the sum of its present parts), the
    identity's own rule reports an error instead of this note.

    **Why it matters.** A table left partly blank cannot be verified; evaluators read a blank as
    “not reported”. The note keeps the arithmetic rules from guessing and from staying silent.

    **Example.** Table 3 of the 2019 Shanghai report leaves its whole 总计 column blank: DL201
    cannot be checked on 15 rows.

    **How to fix.** Write 0 where the figure is zero; ``--ignore DL010`` hides these notes.
    """
    for f in identity_findings(ctx):
        if f.code == UNCHECKED:
            yield f
