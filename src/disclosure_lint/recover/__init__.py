"""Tables recovered from text extractions whose cells ran together (``640020470`` is 64|0|0|2|0|4|70).

:func:`recover_tables` finds table 2, 3 and 4 of the 2019/2021 formats and the 2008-era 统计表 in
a one-line body, using the editions' own labels and identities, and returns them as reader
blocks whose every cell is a span of exactly its digits and says how it was recovered.
"""
from __future__ import annotations

from .assemble import Recovered
from .view import NormView

__all__ = ["Recovered", "recover_tables"]


def _editions():
    from ..document.editions import load_editions

    eds = load_editions()
    # the newest format first: its labels win a tie
    return sorted((e for e in eds.values() if e.tables), key=lambda e: -e.years[0])


def recover_tables(view: NormView, lo: int, hi: int) -> list[Recovered]:
    from .stat2008 import find_stat2008
    from .table2 import find_table2
    from .table3 import find_table3
    from .table4 import find_table4

    eds = _editions()
    out: list[Recovered] = []
    t3 = find_table3(view, lo, hi, eds)
    if t3 is not None:
        t2 = find_table2(view, lo, t3.span.start, eds)
        if t2 is not None:
            out.append(t2)
        out.append(t3)
        t4 = find_table4(view, t3.span.end, hi, eds)
        if t4 is not None:
            out.append(t4)
    else:
        t2 = find_table2(view, lo, hi, eds)
        if t2 is not None:
            out.append(t2)
        t4 = find_table4(view, t2.span.end if t2 else lo, hi, eds)
        if t4 is not None:
            out.append(t4)
    st = find_stat2008(view, lo, hi)
    if st is not None and not any(r.span.start < st.span.end and st.span.start < r.span.end for r in out):
        out.append(st)
    out.sort(key=lambda r: r.span.start)
    return out
