"""The per-report score of the scorecard and the CSV (documented in docs/scorecard.md).

    score = max(0, 100 − 10 × errors − 3 × warnings)

counting at most ``PER_RULE_CAP`` findings of any one rule in a report, so one systematic defect
(a mirror page with a pinyin annotation after every character) weighs like a few, not like hundreds.
Information findings weigh nothing. A report that could not be read, or is not a report at all
(the ``UNSCORED`` codes), gets no score: ``None``, shown as "—".
"""
from __future__ import annotations

from collections import Counter

__all__ = ["WEIGHTS", "PER_RULE_CAP", "UNSCORED", "report_score"]

WEIGHTS = {"error": 10, "warning": 3, "info": 0}
PER_RULE_CAP = 3
UNSCORED = frozenset({"DL000", "DL001", "DL003", "DL006"})


def report_score(diagnostics, error: str | None = None) -> int | None:
    if error:
        return None
    per_rule: Counter = Counter()
    penalty = 0
    for d in diagnostics:
        if d.code in UNSCORED and d.severity.value != "info":
            return None
        w = WEIGHTS.get(d.severity.value, 0)
        if not w:
            continue
        per_rule[d.code] += 1
        if per_rule[d.code] <= PER_RULE_CAP:
            penalty += w
    return max(0, 100 - penalty)
